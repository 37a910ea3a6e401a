// The fixture of the verifier service's HTTP tests: a real server on a free loopback port over a
// VerifierEngine whose trust list names one issuer (a did:jwk, resolved offline), a Token Status
// List served by a fake fetcher, and SD-JWT VC skill credentials made with the kernel.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/common/clock.h"
#include "core/did/did_jwk.h"
#include "core/http/server.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/status/status_list_token.h"
#include "core/status/token_status_list.h"
#include "tests/issuer/raw_http.h"
#include "tests/verifier/fake_fetcher.h"
#include "verifier/app/engine.h"
#include "verifier/app/settings.h"
#include "verifier/http/service.h"

namespace vaardig::verifier {

using issuer::testing::Reply;
using issuer::testing::RoundTrip;

inline constexpr std::int64_t kNow = 1'775'000'000;  // 2026-03-31
inline const std::string kVct = "https://issuer.gemeente-voorbeeld.nl/vct/skill/v1";
inline const std::string kStatusUri = "https://issuer.gemeente-voorbeeld.nl/status/token/1";
inline const std::string kDomain = "x509_san_dns:werkgever.example";
inline const std::string kChallenge = "n-0S6_WzA2Mj-8f3a1c";

class VerifierServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TrustList trust;
    trust.issued_at = kNow;
    ASSERT_TRUE(trust.Upsert({.issuer = IssuerDid(), .name = "Gemeente Voorbeeld", .credential_types = {kVct}, .note = ""}));
    ServeStatus(0);
    engine_ = std::make_unique<VerifierEngine>(std::move(trust), &fetcher_, clock_, EngineOptions{});
    router_ = MakeRouter();
    http::ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 8 * 1024 * 1024;
    options.body_limit = [](const http::Request& head) { return VerifierBodyLimit(head.path); };
    auto started = http::Server::Start(options, [this](http::Request& r) { return router_->Dispatch(r); });
    ASSERT_TRUE(started.has_value()) << started.error();
    server_ = std::move(*started);
    AfterStart();
  }
  virtual std::unique_ptr<http::Router> MakeRouter() {
    return BuildVerifierRouter(*engine_, [] { return std::string("# server metrics\n"); });
  }
  virtual void AfterStart() {}
  void TearDown() override {
    if (server_) server_->Stop();
  }

  std::string IssuerDid() const { return did::CreateDidJwk(issuer_.public_jwk()); }

  void ServeStatus(std::uint8_t value) {
    auto list = status::StatusList::Create(1, 1024).value();
    ASSERT_TRUE(list.Set(7, value));
    auto token = status::SignStatusListToken(
        list, {.sub = kStatusUri, .iat = kNow - 10, .exp = {}, .ttl = 0, .iss = IssuerDid()}, issuer_, IssuerDid() + "#0");
    ASSERT_TRUE(token.has_value()) << token.error();
    fetcher_.Serve(kStatusUri, "application/statuslist+jwt", *token);
  }

  // A skill credential of DESIGN.md §4.1 from `key` (iss: its did:jwk), bound to holder_.
  std::string Issue(const jose::PrivateJwk& key, int level = 2) const {
    const std::string iss = did::CreateDidJwk(key.public_jwk());
    Json claims = {{"iss", iss}, {"iat", kNow - 3600}, {"exp", kNow + 365 * 86400}, {"vct", kVct}};
    claims["cnf"] = Json{{"jwk", holder_.public_jwk().ToJson()}};
    claims["status"] = status::MakeStatusClaim({.idx = 7, .uri = kStatusUri});
    claims["skill"] = {{"id", "https://issuer.gemeente-voorbeeld.nl/skills/GROEN-03"},
                       {"name", {{"nl", "Snoeien en onderhouden van beplanting"}, {"en", "Pruning and maintaining plants"}}},
                       {"level", level},
                       {"level_label", {{"nl", "zelfstandig"}, {"en", "independently"}}}};
    claims["confirmation"] = {{"status", "confirmed"},
                              {"by", {{"name", "Marieke van den Berg"}, {"role", "manager"}}},
                              {"at", "2026-03-01T10:00:00Z"}};
    claims["holder"] = {{"given_name", "Anna"}, {"family_name", "de Vries"}};
    sdjwt::SdJwtVcIssueOptions options;
    options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
    options.kid = iss + "#0";
    auto issued = sdjwt::IssueSdJwtVc(claims, key, options);
    EXPECT_TRUE(issued.has_value()) << issued.error();
    return issued ? issued->Compact() : "";
  }

  std::string Present(const std::string& issued, const std::string& aud, const std::string& nonce) const {
    auto parts = sdjwt::ParseCompactSdJwt(issued).value();
    EXPECT_TRUE(sdjwt::AddKeyBinding(parts, {.holder_key = &holder_, .aud = aud, .nonce = nonce, .iat = kNow}));
    return parts.SerializeCompact();
  }

  Reply Request(std::string_view method, std::string_view target, const std::string& body = "",
                std::string_view content_type = "application/json") const {
    std::string bytes = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.empty()) {
      bytes += "Content-Type: " + std::string(content_type) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    bytes += "Connection: close\r\n\r\n" + body;
    return RoundTrip(server_->port(), bytes);
  }
  Reply VerifyCredential(const Json& credential) const {
    return Request("POST", "/credentials/verify", Json{{"verifiableCredential", credential}}.dump());
  }
  Reply VerifyPresentation(const std::string& presentation, const Json& options) const {
    return Request("POST", "/presentations/verify",
                   Json{{"verifiablePresentation", presentation}, {"options", options}}.dump());
  }
  std::string Verdict(const Reply& reply) const { return reply.JsonBody()["report"].value("verdict", "?"); }
  std::string Metrics() const { return Request("GET", "/metrics").body; }

  FixedClock clock_{kNow};
  jose::PrivateJwk issuer_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  jose::PrivateJwk holder_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  testutil::FakeFetcher fetcher_;
  std::unique_ptr<VerifierEngine> engine_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace vaardig::verifier
