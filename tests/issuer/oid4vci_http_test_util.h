// A seeded issuer behind a real http::Server on a free loopback port, for the OpenID4VCI, identity,
// status and VCALM endpoint tests: raw HTTP/1.1 round trips, a fixed clock, a KEK in a temp dir.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/http/server.h"
#include "issuer/app/issuance.h"
#include "issuer/app/key_vault.h"
#include "issuer/http/service.h"
#include "tests/issuer/issuer_test_util.h"
#include "tests/issuer/raw_http.h"

namespace vaardig::issuer::testing {

inline constexpr std::string_view kPublicUrl = "https://skills.gemeente-voorbeeld.test";
inline constexpr std::string_view kVcalmClientToken = "vcalm-client-token-for-tests";

struct HttpCall {
  std::string method = "GET";
  std::string target;
  std::string body{};
  std::string content_type{};
  std::vector<std::pair<std::string, std::string>> headers{};
};

class IssuerServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vaardig-oid4vci-" + encoding::HexEncode(crypto::RandomBytes(8)));
    std::filesystem::create_directories(dir_);
    IssuerSettings settings;
    settings.public_url = std::string(kPublicUrl);
    settings.kek_file = (dir_ / "kek").string();
    settings.database_path = (dir_ / "issuer.db").string();
    settings.password_strength = crypto::PasswordStrength::kInteractive;
    settings.vcalm_clients = {{"hr-system", encoding::HexEncode(crypto::Sha256(AsBytes(kVcalmClientToken)))}};
    ASSERT_TRUE(RunGenerateKek(settings.kek_file).has_value());
    auto vault = KeyVault::Load(settings.kek_file);
    ASSERT_TRUE(vault.has_value());
    vault_ = std::make_shared<const KeyVault>(std::move(*vault));
    app_ = OpenTestApp(clock_, settings);
    ASSERT_NE(app_, nullptr);
    org_ = SeedOrganisation(*app_);
    router_ = BuildIssuerRouter(*app_, nullptr);
    http::ServerOptions options;
    options.threads = 2;
    options.body_limit = [](const http::Request& head) -> std::size_t {
      return head.method == http::Method::kPost ? IssuanceBodyLimit(head.path) : 0;
    };
    auto server = http::Server::Start(options, [this](http::Request& r) { return router_->Dispatch(r); });
    ASSERT_TRUE(server.has_value());
    server_ = std::move(*server);
  }
  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    router_.reset();
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Reply Send(const HttpCall& call) const {
    std::string req = call.method + " " + call.target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    for (const auto& [k, v] : call.headers) req += k + ": " + v + "\r\n";
    if (!call.content_type.empty()) req += "Content-Type: " + call.content_type + "\r\n";
    if (call.method == "POST") req += "Content-Length: " + std::to_string(call.body.size()) + "\r\n";
    return RoundTrip(server_->port(), req + "\r\n" + call.body);
  }
  Reply Get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) const {
    return Send({.method = "GET", .target = target, .headers = std::move(headers)});
  }
  Reply PostJson(const std::string& target, const std::string& body, const std::string& bearer = "") const {
    HttpCall call{.method = "POST", .target = target, .body = body, .content_type = "application/json"};
    if (!bearer.empty()) call.headers.emplace_back("Authorization", "Bearer " + bearer);
    return Send(call);
  }

  // A direct offer for Bob (E001), skill klantgesprek, level 2, confirmed by Anna (M001).
  NewOffer MakeOffer() {
    auto offer = CreateDirectOffer(*app_, "test", DirectIssue{.employee_number = "E001", .skill_id = "klantgesprek",
                                                              .level = 2, .confirmed_by_number = "M001"});
    EXPECT_TRUE(offer.has_value()) << (offer ? "" : offer.error().ToString());
    return offer ? *offer : NewOffer{};
  }

  // Adds a session "token-<name>" with CSRF token "csrf-<name>" for a seeded person (or `person_id`).
  void AddSession(const std::string& name, std::int64_t person_id) {
    const std::string hash = encoding::HexEncode(crypto::Sha256(AsBytes("token-" + name)));
    auto r = app_->db().Execute(
        "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {hash, person_id, "csrf-" + name, app_->Now(), app_->Now(), FormatUtc(kSeedNow + 3600)});
    ASSERT_TRUE(r.has_value());
  }

  std::int64_t Credentials() { return CountOf(*app_, "SELECT COUNT(*) FROM credentials"); }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(kSeedNow);
  std::filesystem::path dir_;
  std::shared_ptr<const KeyVault> vault_;
  std::unique_ptr<IssuerApp> app_;
  SeededOrg org_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace vaardig::issuer::testing
