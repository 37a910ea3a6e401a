// The hosted wallet's JSON API and pages (wallet/http/service.h, pages.h over app/hosted.h),
// dispatched in-process through the real router: accounts and sessions (registration, sign-in
// throttling, CSRF, idle and absolute time-outs, isolation between people), collecting from a fake
// OpenID4VCI issuer on loopback, the OpenID4VP consent flow against a fake verifier (nothing sent
// before consent, answered once, declined), backup and restore, changing the passphrase, deleting
// the wallet — and nothing readable at rest in the service's files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"
#include "core/http/client.h"
#include "core/oid4vc/authorization_request.h"
#include "core/sdjwt/sd_jwt.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/sdjwt/verifier.h"
#include "tests/wallet/fake_issuer.h"
#include "tests/wallet/test_util.h"
#include "wallet/app/hosted.h"
#include "wallet/app/settings.h"
#include "wallet/http/service.h"

namespace vaardig::wallet {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testutil::IsOk;

constexpr std::string_view kVerifierBase = "https://werkgever.example";
constexpr std::string_view kPass = "paardenbloem-op-het-dak";
constexpr std::string_view kOtherPass = "een-heel-ander-wachtwoord";

// Requests to the fake verifier's origin are answered in memory (Request Objects, the response
// endpoint); everything else goes to the real client (the fake issuer on loopback).
class SplitFetcher final : public http::HttpFetcher {
 public:
  explicit SplitFetcher(http::HttpFetcher& real) : real_(&real) {}
  Result<http::HttpResponse> Get(std::string_view url, const http::FetchLimits& limits) override {
    if (!url.starts_with(kVerifierBase)) return real_->Get(url, limits);
    auto it = documents.find(std::string(url));
    if (it == documents.end()) return Fail(ErrorCode::kNotFound, "HTTP 404");
    return http::HttpResponse{.status = 200, .content_type = "application/oauth-authz-req+jwt", .body = it->second, .max_age = {}};
  }
  Result<http::HttpResponse> Post(std::string_view url, std::string_view content_type, std::string_view body,
                                  const std::vector<std::pair<std::string, std::string>>& headers,
                                  const http::FetchLimits& limits) override {
    if (!url.starts_with(kVerifierBase)) return real_->Post(url, content_type, body, headers, limits);
    posts.emplace_back(std::string(url), std::string(body));
    return http::HttpResponse{.status = 200, .content_type = "application/json", .body = "{}", .max_age = {}};
  }
  std::map<std::string, std::string> documents;
  std::vector<std::pair<std::string, std::string>> posts;

 private:
  http::HttpFetcher* real_;
};

struct Reply {
  int status = 0;
  Json json;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  [[nodiscard]] std::string Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return {};
  }
};

class HostedWalletTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto real = http::BeastHttpFetcher::Create();
    ASSERT_THAT(real, IsOk());
    real_ = std::move(*real);
    fetcher_ = std::make_unique<SplitFetcher>(*real_);
    Start(true);
  }

  void Start(bool open_registration) {
    router_.reset();
    wallet_ = std::make_unique<HostedWallet>(*fx_.vaults, *fx_.db, fx_.clock, *fetcher_,
                                             HostedWalletOptions{.public_url = "https://wallet.example",
                                                                 .open_registration = open_registration,
                                                                 .allow_http_for_loopback = true,
                                                                 .sessions = {.idle_seconds = 15 * 60, .absolute_seconds = 8 * 3600, .max_sessions = 100},
                                                                 .login_max_failures = 5,
                                                                 .login_window_seconds = 15 * 60,
                                                                 .max_registrations_per_address = 30,
                                                                 .max_concurrent_unlocks = 2});
    router_ = BuildWalletRouter(*wallet_, nullptr,
                                {.public_url = "https://wallet.example", .secure_cookies = true, .idle_timeout_seconds = 900, .pages = true});
  }

  Reply Call(http::Method method, std::string target, const Json* body = nullptr, std::string token = {},
             std::vector<std::pair<std::string, std::string>> headers = {}, std::string raw_body = {},
             std::string content_type = "application/json", std::string address = "192.0.2.10") {
    http::Request request;
    request.method = method;
    EXPECT_THAT(http::SetTarget(request, target), IsOk());
    request.remote_address = std::move(address);
    if (body != nullptr) {
      request.body = body->dump();
      request.headers.emplace_back("content-type", "application/json");
    } else if (!raw_body.empty()) {
      request.body = std::move(raw_body);
      request.headers.emplace_back("content-type", content_type);
    }
    if (!token.empty()) request.headers.emplace_back("authorization", "Bearer " + token);
    for (auto& h : headers) request.headers.push_back(std::move(h));
    http::Response response = router_->Dispatch(request);
    Reply reply{.status = response.status, .json = {}, .body = response.body, .headers = response.headers};
    if (response.content_type.starts_with("application/json")) {
      auto parsed = ParseJson(response.body);
      if (parsed) reply.json = std::move(*parsed);
    }
    return reply;
  }
  Reply Post(std::string target, const Json& body, std::string token = {}, std::string address = "192.0.2.10") {
    return Call(http::Method::kPost, std::move(target), &body, std::move(token), {}, {}, "application/json", std::move(address));
  }
  Reply Get(std::string target, std::string token = {}) { return Call(http::Method::kGet, std::move(target), nullptr, std::move(token)); }

  // Registers `user` and signs in; returns the session token.
  std::string NewWallet(std::string user = "anna", std::string_view pass = kPass) {
    Reply r = Post("/api/wallets", Json{{"user", user}, {"passphrase", pass}});
    EXPECT_EQ(r.status, 201) << r.body;
    return SignIn(user, pass);
  }
  std::string SignIn(std::string user, std::string_view pass = kPass) {
    Reply r = Post("/api/session", Json{{"user", user}, {"passphrase", pass}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.value("session_token", "");
  }
  std::string Collect(const std::string& token) {
    Reply r = Post("/api/offers", Json{{"offer", issuer_.LinkByValue({std::string(testutil::kSdJwtConfig)})}, {"pin", testutil::kPin}}, token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["stored"][0].value("id", "");
  }
  std::string PublishRequest() {
    oid4vc::AuthorizationRequest request;
    request.client_id = "decentralized_identifier:" + did::CreateDidJwk(verifier_key_.public_jwk());
    request.response_uri = std::string(kVerifierBase) + "/response";
    request.nonce = "n-0S6_WzA2Mj-verifier-" + std::to_string(++published_);
    request.state = "state-1234567890abcdef-" + std::to_string(published_);
    request.dcql_query = oid4vc::ParseDcqlQuery(Json{{"credentials", Json::array({Json{{"id", "skill"}, {"format", "dc+sd-jwt"},
        {"meta", {{"vct_values", {issuer_.base() + "/vct/skill/v1"}}}}, {"claims", Json::array({Json{{"path", {"skill", "name"}}}, Json{{"path", {"skill", "level"}}}})}}})}}).value();
    request.client_metadata = Json{{"client_name", "Gemeente Elders"}};
    const std::string uri = std::string(kVerifierBase) + "/request/" + std::to_string(published_);
    auto jwt = oid4vc::SignRequestObject(request, verifier_key_, did::CreateDidJwk(verifier_key_.public_jwk()) + "#0");
    EXPECT_THAT(jwt, IsOk());
    fetcher_->documents[uri] = *jwt;
    return oid4vc::MakeRequestLink(request.client_id, uri);
  }

  testutil::WalletFixture fx_;
  testutil::FakeIssuer issuer_{testutil::kNow};
  std::unique_ptr<http::HttpFetcher> real_;
  std::unique_ptr<SplitFetcher> fetcher_;
  std::unique_ptr<HostedWallet> wallet_;
  std::unique_ptr<http::Router> router_;
  jose::PrivateJwk verifier_key_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  int published_ = 0;
};

TEST_F(HostedWalletTest, RegisteringShowsTheRecoveryCodeOnceAndRefusesBadOrTakenNames) {
  Reply r = Post("/api/wallets", Json{{"user", "  Anna.de-Vries@example "}, {"passphrase", kPass}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["user"], "anna.de-vries@example");
  EXPECT_THAT(r.json.value("recovery_code", ""), ::testing::MatchesRegex("([0-9A-Z]{4}-){7}[0-9A-Z]{4}"));
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "ANNA.DE-VRIES@example"}, {"passphrase", kPass}}).status, 409);
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "a b"}, {"passphrase", kPass}}).status, 400);
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "xy"}, {"passphrase", kPass}}).status, 400);
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "bert"}, {"passphrase", "short"}}).status, 400);
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "bert"}, {"passphrase", std::string(1500, 'p')}}).status, 413);  // not 429
  EXPECT_EQ(Post("/api/session", Json{{"user", "bert"}, {"passphrase", std::string(1500, 'p')}}).status, 413);
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "bert"}}).status, 400);
  EXPECT_EQ(Call(http::Method::kPost, "/api/wallets", nullptr, {}, {}, "{not json", "application/json").status, 400);
  EXPECT_EQ(Call(http::Method::kPost, "/api/wallets", nullptr, {}, {}, "user=bert", "application/x-www-form-urlencoded").status, 400);
  Start(/*open_registration=*/false);
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "carla"}, {"passphrase", kPass}}).status, 403);
}

TEST_F(HostedWalletTest, WrongPassphraseAndUnknownUserLookAlikeAndFailuresAreThrottled) {
  NewWallet();
  Reply wrong = Post("/api/session", Json{{"user", "anna"}, {"passphrase", kOtherPass}}, {}, "192.0.2.20");
  Reply unknown = Post("/api/session", Json{{"user", "nobody"}, {"passphrase", kPass}}, {}, "192.0.2.30");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json["error_description"], unknown.json["error_description"]);
  // Four more failures for anna, each from another address (so only her name's count reaches five).
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Post("/api/session", Json{{"user", "anna"}, {"passphrase", kOtherPass}}, {}, "192.0.2." + std::to_string(21 + i)).status, 401);
  }
  Reply locked = Post("/api/session", Json{{"user", "anna"}, {"passphrase", kPass}}, {}, "198.51.100.7");
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.Header("Retry-After"), "900");
  fx_.clock.Advance(15 * 60);
  EXPECT_EQ(Post("/api/session", Json{{"user", "anna"}, {"passphrase", kPass}}).status, 200);
}

TEST_F(HostedWalletTest, OneAddressGuessingManyNamesIsThrottled) {
  NewWallet("bert");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Post("/api/session", Json{{"user", "guess" + std::to_string(i)}, {"passphrase", kPass}}, {}, "203.0.113.9").status, 401);
  }
  EXPECT_EQ(Post("/api/session", Json{{"user", "bert"}, {"passphrase", kPass}}, {}, "203.0.113.9").status, 429);
  EXPECT_EQ(Post("/api/session", Json{{"user", "bert"}, {"passphrase", kPass}}, {}, "192.0.2.44").status, 200);
}

TEST_F(HostedWalletTest, SessionsNeedATokenCsrfForCookiesAndTimeOut) {
  const std::string token = NewWallet();
  EXPECT_EQ(Get("/api/credentials").status, 401);
  EXPECT_EQ(Get("/api/credentials", "not-a-session").status, 401);
  EXPECT_EQ(Get("/api/credentials", token).status, 200);
  // A cookie session: unsafe methods need the CSRF token, and the right Origin.
  Reply me = Get("/api/session", token);
  const std::string csrf = me.json.value("csrf_token", "");
  ASSERT_FALSE(csrf.empty());
  const std::string cookie = "vaardig_wallet=" + token;
  const Json offer{{"offer", "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fx"}};
  EXPECT_EQ(Call(http::Method::kPost, "/api/offers", &offer, {}, {{"cookie", cookie}}).status, 403);
  EXPECT_EQ(Call(http::Method::kPost, "/api/offers", &offer, {}, {{"cookie", cookie}, {"x-csrf-token", csrf + "x"}}).status, 403);
  EXPECT_EQ(Call(http::Method::kPost, "/api/offers", &offer, {},
                 {{"cookie", cookie}, {"x-csrf-token", csrf}, {"origin", "https://evil.example"}}).status, 403);
  // With the token and the right origin the request gets through (and fails on the offer itself).
  EXPECT_NE(Call(http::Method::kPost, "/api/offers", &offer, {},
                 {{"cookie", cookie}, {"x-csrf-token", csrf}, {"origin", "https://wallet.example"}}).status, 403);
  // Idle: 15 minutes without a request ends it.
  fx_.clock.Advance(14 * 60);
  EXPECT_EQ(Get("/api/credentials", token).status, 200);
  fx_.clock.Advance(15 * 60);
  EXPECT_EQ(Get("/api/credentials", token).status, 401);
  // Absolute: 8 hours however busy.
  const std::string busy = SignIn("anna");
  for (int i = 0; i < 8 * 6 - 1; ++i) {
    fx_.clock.Advance(10 * 60);
    ASSERT_EQ(Get("/api/credentials", busy).status, 200) << i;
  }
  fx_.clock.Advance(10 * 60);
  EXPECT_EQ(Get("/api/credentials", busy).status, 401);
}

TEST_F(HostedWalletTest, OneAccountCannotPushOtherPeopleOut) {
  const std::string bert = NewWallet("bert", kOtherPass);
  NewWallet("anna");
  std::vector<std::string> annas;
  for (int i = 0; i < 12; ++i) {
    fx_.clock.Advance(1);  // an order among her sessions
    annas.push_back(SignIn("anna"));
  }
  EXPECT_EQ(Get("/api/credentials", bert).status, 200);          // Bert is still signed in
  EXPECT_EQ(Get("/api/credentials", annas.back()).status, 200);  // Anna's newest sessions live
  EXPECT_EQ(Get("/api/credentials", annas.front()).status, 401); // her oldest made room (10 at most)
}

TEST_F(HostedWalletTest, SigningOutEndsTheSession) {
  const std::string token = NewWallet();
  Reply out = Call(http::Method::kDelete, "/api/session", nullptr, token);
  EXPECT_EQ(out.status, 204);
  EXPECT_THAT(out.Header("Set-Cookie"), HasSubstr("Max-Age=0"));
  EXPECT_EQ(Get("/api/credentials", token).status, 401);
}

TEST_F(HostedWalletTest, CollectedCredentialsAreShownAndOnlyToTheirOwner) {
  const std::string anna = NewWallet("anna");
  const std::string bert = NewWallet("bert", kOtherPass);
  const std::string id = Collect(anna);
  Reply list = Get("/api/credentials", anna);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json["credentials"].size(), 1u);
  const Json& view = list.json["credentials"][0];
  EXPECT_EQ(view["id"], id);
  EXPECT_EQ(view["format"], "dc+sd-jwt");
  EXPECT_EQ(view["skill"]["name"]["nl"], "Klantgesprekken voeren");
  EXPECT_EQ(view["skill"]["level"], 2);
  EXPECT_EQ(view["skill"]["level_label"]["nl"], "zelfstandig");
  EXPECT_EQ(view["status"]["state"], "valid");
  EXPECT_EQ(view["issuer"], issuer_.base());
  EXPECT_EQ(Get("/api/credentials/" + id, anna).json["id"], id);
  // Bert sees nothing of Anna's, not even by id.
  EXPECT_EQ(Get("/api/credentials", bert).json["credentials"].size(), 0u);
  EXPECT_EQ(Get("/api/credentials/" + id, bert).status, 404);
  EXPECT_EQ(Call(http::Method::kDelete, "/api/credentials/" + id, nullptr, bert).status, 404);
  EXPECT_EQ(Call(http::Method::kDelete, "/api/credentials/" + id, nullptr, anna).status, 204);
  EXPECT_EQ(Get("/api/credentials/" + id, anna).status, 404);
}

TEST_F(HostedWalletTest, AWrongPinStoresNothingAndDoesNotEchoThePin) {
  const std::string token = NewWallet();
  Reply r = Post("/api/offers", Json{{"offer", issuer_.LinkByValue({std::string(testutil::kSdJwtConfig)})}, {"pin", "000000"}}, token);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_THAT(r.body, Not(HasSubstr("000000")));
  EXPECT_THAT(r.body, Not(HasSubstr(testutil::kPreAuthCode)));
  EXPECT_EQ(Get("/api/credentials", token).json["credentials"].size(), 0u);
  EXPECT_EQ(Post("/api/offers", Json{{"offer", std::string(20000, 'a')}}, token).status, 413);
  EXPECT_EQ(Post("/api/offers", Json{{"offer", "https://example.org/not-an-offer"}}, token).status, 400);
  EXPECT_EQ(Post("/api/offers", Json{{"pin", "1"}}, token).status, 400);
}

TEST_F(HostedWalletTest, SharingShowsFirstSendsOnlyOnConsentAndOnlyOnce) {
  const std::string token = NewWallet();
  const std::string id = Collect(token);
  Reply opened = Post("/api/presentation-requests", Json{{"request", PublishRequest()}}, token);
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json["verifier_name"], "Gemeente Elders");
  EXPECT_EQ(opened.json["satisfiable"], true);
  const Json& candidate = opened.json["queries"][0]["candidates"][0];
  EXPECT_EQ(candidate["record_id"], id);
  EXPECT_EQ(candidate["names_the_person"], false);
  EXPECT_TRUE(fetcher_->posts.empty());  // nothing sent yet
  const std::string pending = opened.json["id"];
  EXPECT_EQ(Get("/api/presentation-requests/" + pending, token).json["id"], pending);
  // Another person's session cannot answer it.
  const std::string bert = NewWallet("bert", kOtherPass);
  EXPECT_EQ(Post("/api/presentation-requests/" + pending + "/share", Json::object(), bert).status, 404);
  EXPECT_TRUE(fetcher_->posts.empty());
  // A choice naming a credential that was not offered is refused, and uses the request up.
  Reply bad = Post("/api/presentation-requests/" + pending + "/share",
                   Json{{"choices", Json::array({Json{{"query_id", "skill"}, {"record_id", "not-a-record"}}})}}, token);
  EXPECT_EQ(bad.status, 409) << bad.body;
  EXPECT_TRUE(fetcher_->posts.empty());
  // Opened again, shared with consent: one post with the vp_token, and a share log entry.
  opened = Post("/api/presentation-requests", Json{{"request", PublishRequest()}}, token);
  const std::string again = opened.json["id"];
  Reply shared = Post("/api/presentation-requests/" + again + "/share",
                      Json{{"choices", Json::array({Json{{"query_id", "skill"}, {"record_id", id}}})}}, token);
  ASSERT_EQ(shared.status, 200) << shared.body;
  ASSERT_EQ(fetcher_->posts.size(), 1u);
  EXPECT_THAT(fetcher_->posts[0].second, HasSubstr("vp_token"));
  EXPECT_EQ(Post("/api/presentation-requests/" + again + "/share", Json::object(), token).status, 404);
  EXPECT_EQ(fetcher_->posts.size(), 1u);
  Reply log = Get("/api/shares", token);
  ASSERT_EQ(log.json["shares"].size(), 1u);
  EXPECT_EQ(log.json["shares"][0]["id"], shared.json["share_id"]);
  EXPECT_EQ(log.json["shares"][0]["verifier_name"], "Gemeente Elders");
  // Declining: access_denied, no share.
  opened = Post("/api/presentation-requests", Json{{"request", PublishRequest()}}, token);
  EXPECT_EQ(Post("/api/presentation-requests/" + opened.json["id"].get<std::string>() + "/decline", Json::object(), token).status, 200);
  ASSERT_EQ(fetcher_->posts.size(), 2u);
  EXPECT_THAT(fetcher_->posts[1].second, HasSubstr("error=access_denied"));
  EXPECT_EQ(Get("/api/shares", token).json["shares"].size(), 1u);
  // Pending requests expire.
  opened = Post("/api/presentation-requests", Json{{"request", PublishRequest()}}, token);
  fx_.clock.Advance(kPendingRequestSeconds);
  Get("/api/credentials", token);  // keeps the session alive
  EXPECT_EQ(Get("/api/presentation-requests/" + opened.json["id"].get<std::string>(), token).status, 404);
}

TEST_F(HostedWalletTest, ASelfDeclaredSkillIsSignedWithTheHoldersOwnKeyAndSharedAsSuch) {
  const std::string token = NewWallet();
  Reply declared = Post("/api/self-declared-skills",
                        Json{{"name", "Rijden met aanhanger"}, {"level", 3}, {"evidence", {"Rijbewijs BE"}}}, token);
  ASSERT_EQ(declared.status, 201) << declared.body;
  EXPECT_EQ(declared.json["kind"], "self_declared");
  EXPECT_EQ(declared.json["skill"]["level"], 3);
  EXPECT_EQ(declared.json["evidence"][0], "Rijbewijs BE");
  const std::string did = declared.json["issuer"];
  ASSERT_TRUE(did.starts_with("did:jwk:"));
  // The stored credential is an SD-JWT VC whose issuer key is its holder key.
  auto unlocked = fx_.vaults->Unlock("anna", kPass);
  ASSERT_THAT(unlocked, IsOk());
  auto record = unlocked->Get(declared.json["id"].get<std::string>());
  ASSERT_THAT(record, IsOk());
  const std::string compact = record->content["credential"];
  auto parts = sdjwt::ParseSdJwt(compact);
  ASSERT_THAT(parts, IsOk());
  auto payload = ParseJson(*encoding::Base64UrlDecodeToString(compact.substr(compact.find('.') + 1,
                                                                             compact.find('.', compact.find('.') + 1) - compact.find('.') - 1)));
  ASSERT_THAT(payload, IsOk());
  EXPECT_EQ((*payload)["iss"], did);
  EXPECT_EQ((*payload)["vct"], std::string(sdjwt::kSelfDeclaredSkillVct));
  auto holder_key = jose::PublicJwk::Parse((*payload)["cnf"]["jwk"]);
  ASSERT_THAT(holder_key, IsOk());
  EXPECT_EQ(did::CreateDidJwk(*holder_key), did);
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = &fx_.clock;
  EXPECT_THAT(sdjwt::VerifySdJwt(compact, sdjwt::FixedIssuerKey(*holder_key), policy), IsOk());
  // Bad input: nothing stored.
  EXPECT_EQ(Post("/api/self-declared-skills", Json{{"name", "x"}, {"level", 2}}, token).status, 400);
  EXPECT_EQ(Post("/api/self-declared-skills", Json{{"name", "Rijden"}, {"level", 4}}, token).status, 400);
  EXPECT_EQ(Post("/api/self-declared-skills", Json{{"name", "Rijden"}, {"level", "2"}}, token).status, 400);
  EXPECT_EQ(Post("/api/self-declared-skills", Json{{"name", "Rij\u0007den"}, {"level", 2}}, token).status, 400);
  EXPECT_EQ(Post("/api/self-declared-skills", Json{{"name", "Rijden"}, {"level", 2}, {"esco", "javascript:x"}}, token).status, 400);
  EXPECT_EQ(Post("/api/self-declared-skills", Json{{"name", "Rijden"}, {"level", 2}, {"evidence", Json::array({1})}}, token).status, 400);
  EXPECT_EQ(Get("/api/credentials", token).json["credentials"].size(), 1u);
  EXPECT_EQ(Post("/api/self-declared-skills", Json{{"name", "Rijden"}, {"level", 2}}).status, 401);
}

TEST_F(HostedWalletTest, ImportedCredentialsAreVerifiedFirstAndViewOnlyWithoutTheirKey) {
  const std::string anna = NewWallet("anna");
  const std::string id = Collect(anna);
  Reply badge = Post("/api/offers", Json{{"offer", issuer_.LinkByValue({std::string(testutil::kBadgeConfig)})}, {"pin", testutil::kPin}}, anna);
  ASSERT_EQ(badge.status, 201) << badge.body;
  auto vault = fx_.vaults->Unlock("anna", kPass);
  ASSERT_THAT(vault, IsOk());
  const std::string sd_jwt = vault->Get(id).value().content["credential"];
  const Json badge_json = vault->Get(badge.json["stored"][0]["id"].get<std::string>()).value().content["credential"];
  // Into the wallet that holds its key: it already has it.
  EXPECT_EQ(Post("/api/credentials/import", Json{{"credential", sd_jwt}}, anna).status, 409);
  // Into another wallet: verified, kept, but view only (it cannot prove it is Bert's).
  const std::string bert = NewWallet("bert", kOtherPass);
  Reply imported = Post("/api/credentials/import", Json{{"credential", sd_jwt + "  \n"}}, bert);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.json["imported"], true);
  EXPECT_EQ(imported.json["view_only"], true);
  EXPECT_EQ(imported.json["status"]["state"], "valid");
  EXPECT_EQ(imported.json["skill"]["name"]["nl"], "Klantgesprekken voeren");
  Reply imported_badge = Post("/api/credentials/import", Json{{"credential", badge_json}}, bert);
  ASSERT_EQ(imported_badge.status, 201) << imported_badge.body;
  EXPECT_EQ(imported_badge.json["format"], "ldp_vc");
  EXPECT_EQ(imported_badge.json["view_only"], true);
  // View-only credentials are never offered to a verifier.
  Reply opened = Post("/api/presentation-requests", Json{{"request", PublishRequest()}}, bert);
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json["satisfiable"], false);
  // Bad input: nothing stored.
  std::string tampered = sd_jwt;
  tampered[tampered.find('.') + 5] = tampered[tampered.find('.') + 5] == 'A' ? 'B' : 'A';
  EXPECT_GE(Post("/api/credentials/import", Json{{"credential", tampered}}, bert).status, 400);
  Json forged = badge_json;
  forged["credentialSubject"]["achievement"]["name"] = "Iets anders";
  EXPECT_GE(Post("/api/credentials/import", Json{{"credential", forged}}, bert).status, 400);
  EXPECT_EQ(Post("/api/credentials/import", Json{{"credential", "not a credential"}}, bert).status, 400);
  EXPECT_EQ(Post("/api/credentials/import", Json{{"credential", 42}}, bert).status, 400);
  EXPECT_EQ(Post("/api/credentials/import", Json{{"credential", "   "}}, bert).status, 400);
  EXPECT_EQ(Get("/api/credentials", bert).json["credentials"].size(), 2u);
  // A revoked credential is not imported.
  issuer_.behaviour.status_value = 1;
  const std::string carla = NewWallet("carla", "nog-een-ander-wachtwoord");
  EXPECT_EQ(Post("/api/credentials/import", Json{{"credential", sd_jwt}}, carla).status, 409);
  EXPECT_EQ(Get("/api/credentials", carla).json["credentials"].size(), 0u);
}

TEST_F(HostedWalletTest, CheckingStatusAgainShowsARevocationAndStopsOfferingIt) {
  const std::string token = NewWallet();
  const std::string id = Collect(token);
  Reply first = Post("/api/credentials/status", Json::object(), token);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json["checked"], 1);
  EXPECT_EQ(first.json["changed"], 0);
  issuer_.behaviour.status_value = 1;  // the issuer revokes it
  Reply second = Post("/api/credentials/status", Json::object(), token);
  EXPECT_EQ(second.json["changed"], 1);
  EXPECT_EQ(Get("/api/credentials/" + id, token).json["status"]["state"], "revoked");
  Reply opened = Post("/api/presentation-requests", Json{{"request", PublishRequest()}}, token);
  EXPECT_EQ(opened.json["satisfiable"], false);
  // The list out of reach: the last known state stays, with a note; never "valid" by default.
  issuer_.behaviour.status_list_unreachable = true;
  Reply third = Post("/api/credentials/status", Json::object(), token);
  EXPECT_EQ(third.json["unreachable"], 1);
  EXPECT_EQ(Get("/api/credentials/" + id, token).json["status"]["state"], "revoked");
  EXPECT_EQ(Post("/api/credentials/status", Json::object()).status, 401);
}

TEST_F(HostedWalletTest, HostileRequestLinksAreRefusedWithNothingSent) {
  const std::string token = NewWallet();
  Collect(token);
  EXPECT_EQ(Post("/api/presentation-requests", Json{{"request", "javascript:alert(1)"}}, token).status, 400);
  EXPECT_EQ(Post("/api/presentation-requests", Json{{"request", std::string(20000, 'x')}}, token).status, 413);
  EXPECT_EQ(Post("/api/presentation-requests", Json{{"request", 42}}, token).status, 400);
  // Signed with another key than the client_id's DID.
  const std::string link = PublishRequest();
  for (auto& [uri, jwt] : fetcher_->documents) {
    oid4vc::AuthorizationRequest forged;
    forged.client_id = "decentralized_identifier:" + did::CreateDidJwk(verifier_key_.public_jwk());
    forged.response_uri = std::string(kVerifierBase) + "/response";
    forged.nonce = "n-forged-000000000000";
    forged.state = "state-forged-0000000000";
    forged.dcql_query = oid4vc::ParseDcqlQuery(Json{{"credentials", Json::array({Json{{"id", "skill"}, {"format", "dc+sd-jwt"},
        {"meta", {{"vct_values", {issuer_.base() + "/vct/skill/v1"}}}}}})}}).value();
    jwt = oid4vc::SignRequestObject(forged, jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value(),
                                    did::CreateDidJwk(verifier_key_.public_jwk()) + "#0").value();
  }
  Reply forged = Post("/api/presentation-requests", Json{{"request", link}}, token);
  EXPECT_GE(forged.status, 400) << forged.body;
  EXPECT_TRUE(fetcher_->posts.empty());
}

TEST_F(HostedWalletTest, BackupRestoresIntoAnotherWalletAndADamagedBackupChangesNothing) {
  const std::string anna = NewWallet("anna");
  Collect(anna);
  // The passphrase again first: an open session alone does not hand out everything.
  EXPECT_EQ(Post("/api/backup", Json{{"backup_passphrase", "reservekopie-2026-november"}}, anna).status, 400);
  EXPECT_EQ(Post("/api/backup", Json{{"passphrase", kOtherPass}, {"backup_passphrase", "reservekopie-2026-november"}}, anna).status, 401);
  Reply backup = Post("/api/backup", Json{{"passphrase", kPass}, {"backup_passphrase", "reservekopie-2026-november"}}, anna);
  ASSERT_EQ(backup.status, 200);
  EXPECT_THAT(backup.Header("Content-Disposition"), HasSubstr("attachment"));
  EXPECT_THAT(backup.body, Not(HasSubstr("Klantgesprekken")));
  const std::string bert = NewWallet("bert", kOtherPass);
  std::string damaged = backup.body;
  damaged[damaged.size() / 2] ^= 0x01;
  const Json bad{{"backup", encoding::Base64Encode(AsBytes(damaged))}, {"backup_passphrase", "reservekopie-2026-november"}};
  EXPECT_EQ(Post("/api/backup/restore", bad, bert).status, 401);
  const Json wrong{{"backup", encoding::Base64Encode(AsBytes(backup.body))}, {"backup_passphrase", "niet-de-goede-zin"}};
  EXPECT_EQ(Post("/api/backup/restore", wrong, bert).status, 401);
  EXPECT_EQ(Post("/api/backup/restore", Json{{"backup", "!!!"}, {"backup_passphrase", "x"}}, bert).status, 400);
  EXPECT_EQ(Get("/api/credentials", bert).json["credentials"].size(), 0u);
  Reply restored = Post("/api/backup/restore", Json{{"backup", encoding::Base64Encode(AsBytes(backup.body))},
                                                    {"backup_passphrase", "reservekopie-2026-november"}}, bert);
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_GE(restored.json["added"].get<int>(), 2);  // the credential, its holder key, the history
  EXPECT_EQ(Get("/api/credentials", bert).json["credentials"].size(), 1u);
}

// The server asks for a request's body limit from its head: a backup or an import may be large
// only for a live session; anyone else gets the small limit (413, body unread).
TEST_F(HostedWalletTest, LargeBodiesOnlyForASignedInPerson) {
  const std::string anna = NewWallet("anna");
  const std::size_t small = WalletBodyLimit("/");
  const auto limit = [&](std::string path, std::vector<std::pair<std::string, std::string>> headers) {
    http::Request head;
    head.method = http::Method::kPost;
    head.path = std::move(path);
    head.headers = std::move(headers);
    return WalletRequestBodyLimit(*wallet_, head);
  };
  EXPECT_EQ(limit("/api/backup/restore", {}), small);
  EXPECT_EQ(limit("/api/backup/restore", {{"authorization", "Bearer not-a-session"}}), small);
  EXPECT_EQ(limit("/api/backup/restore", {{"cookie", std::string(kWalletSessionCookie) + "=forged"}}), small);
  EXPECT_EQ(limit("/api/credentials/import", {}), small);
  EXPECT_EQ(limit("/import", {}), small);
  EXPECT_EQ(limit("/api/backup/restore", {{"authorization", "Bearer " + anna}}), WalletBodyLimit("/api/backup/restore"));
  EXPECT_GT(WalletBodyLimit("/api/backup/restore"), 80u << 20);
  EXPECT_EQ(limit("/import", {{"cookie", std::string(kWalletSessionCookie) + "=" + anna}}), WalletBodyLimit("/import"));
  EXPECT_EQ(limit("/api/session", {}), small);
  // Signed out: small again.
  EXPECT_EQ(Call(http::Method::kDelete, "/api/session", nullptr, anna).status, 204);
  EXPECT_EQ(limit("/api/backup/restore", {{"authorization", "Bearer " + anna}}), small);
}

TEST_F(HostedWalletTest, ChangingThePassphraseNeedsTheCurrentOneAndEndsOtherSessions) {
  const std::string first = NewWallet();
  const std::string second = SignIn("anna");
  EXPECT_EQ(Post("/api/passphrase", Json{{"passphrase", kOtherPass}, {"new_passphrase", "nog-een-nieuwe-zin-2026"}}, first).status, 401);
  EXPECT_EQ(Post("/api/passphrase", Json{{"passphrase", kPass}, {"new_passphrase", "kort"}}, first).status, 400);
  EXPECT_EQ(Post("/api/passphrase", Json{{"passphrase", kPass}, {"new_passphrase", "nog-een-nieuwe-zin-2026"}}, first).status, 204);
  EXPECT_EQ(Get("/api/credentials", first).status, 200);
  EXPECT_EQ(Get("/api/credentials", second).status, 401);
  EXPECT_EQ(Post("/api/session", Json{{"user", "anna"}, {"passphrase", kPass}}).status, 401);
  EXPECT_EQ(Post("/api/session", Json{{"user", "anna"}, {"passphrase", "nog-een-nieuwe-zin-2026"}}).status, 200);
}

TEST_F(HostedWalletTest, TheRecoveryCodeSetsANewPassphraseOnce) {
  Reply created = Post("/api/wallets", Json{{"user", "anna"}, {"passphrase", kPass}});
  const std::string code = created.json["recovery_code"];
  const std::string before = SignIn("anna");
  EXPECT_EQ(Post("/api/recover", Json{{"user", "anna"}, {"recovery_code", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"},
                                      {"new_passphrase", "vergeten-en-weer-terug"}}).status, 401);
  Reply recovered = Post("/api/recover", Json{{"user", "anna"}, {"recovery_code", code}, {"new_passphrase", "vergeten-en-weer-terug"}});
  ASSERT_EQ(recovered.status, 200) << recovered.body;
  EXPECT_NE(recovered.json["recovery_code"], code);
  EXPECT_EQ(Get("/api/credentials", before).status, 401);
  EXPECT_EQ(Post("/api/recover", Json{{"user", "anna"}, {"recovery_code", code}, {"new_passphrase", "nog-een-keer-vergeten"}}).status, 401);
  EXPECT_EQ(Post("/api/session", Json{{"user", "anna"}, {"passphrase", "vergeten-en-weer-terug"}}).status, 200);
}

TEST_F(HostedWalletTest, DeletingTheWalletNeedsThePassphraseAndRemovesEverything) {
  const std::string token = NewWallet();
  Collect(token);
  EXPECT_EQ(Post("/api/wallet/delete", Json{{"passphrase", kOtherPass}}, token).status, 401);
  EXPECT_EQ(Get("/api/credentials", token).status, 200);
  EXPECT_EQ(Post("/api/wallet/delete", Json{{"passphrase", kPass}}, token).status, 204);
  EXPECT_EQ(Get("/api/credentials", token).status, 401);
  EXPECT_EQ(Post("/api/session", Json{{"user", "anna"}, {"passphrase", kPass}}).status, 401);
  EXPECT_EQ(fx_.Count("SELECT count(*) FROM vault_records"), 0);
  // The name is free again.
  EXPECT_EQ(Post("/api/wallets", Json{{"user", "anna"}, {"passphrase", kPass}}).status, 201);
}

TEST_F(HostedWalletTest, PagesSignInWithAFormAndCheckCsrf) {
  NewWallet();
  Reply page = Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("action=\"/signin?lang=nl\""));
  Reply wrong = Call(http::Method::kPost, "/signin", nullptr, {}, {}, "user=anna&passphrase=fout-fout-fout-fout",
                     "application/x-www-form-urlencoded");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_THAT(wrong.body, HasSubstr("Gebruikersnaam of wachtwoord klopt niet"));
  EXPECT_THAT(wrong.body, Not(HasSubstr("fout-fout")));
  Reply ok = Call(http::Method::kPost, "/signin", nullptr, {}, {}, "user=anna&passphrase=paardenbloem-op-het-dak",
                  "application/x-www-form-urlencoded");
  ASSERT_EQ(ok.status, 303);
  const std::string set_cookie = ok.Header("Set-Cookie");
  EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(set_cookie, HasSubstr("Secure"));
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  Reply home = Call(http::Method::kGet, "/", nullptr, {}, {{"cookie", cookie}});
  EXPECT_THAT(home.body, HasSubstr("Mijn vaardigheden"));
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = home.body.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string csrf = home.body.substr(at + marker.size(), home.body.find('"', at + marker.size()) - at - marker.size());
  EXPECT_EQ(Call(http::Method::kPost, "/collect", nullptr, {}, {{"cookie", cookie}}, "offer=x&pin=1",
                 "application/x-www-form-urlencoded").status, 403);
  Reply collect = Call(http::Method::kPost, "/collect", nullptr, {}, {{"cookie", cookie}},
                       "csrf=" + csrf + "&offer=" + http::FormEncode(issuer_.LinkByValue({std::string(testutil::kSdJwtConfig)})) +
                           "&pin=" + std::string(testutil::kPin),
                       "application/x-www-form-urlencoded");
  EXPECT_EQ(collect.status, 201) << collect.body;
  EXPECT_THAT(collect.body, HasSubstr("Ontvangen en gecontroleerd"));
  Reply english = Call(http::Method::kGet, "/?lang=en", nullptr, {}, {{"cookie", cookie}});
  EXPECT_THAT(english.body, HasSubstr("My skills"));
  EXPECT_THAT(english.body, HasSubstr("Klantgesprekken voeren"));
  EXPECT_THAT(english.body, HasSubstr("self-declared"));  // the fake issuer's credential names no confirmation
}

TEST_F(HostedWalletTest, NothingReadableAtRestInTheServiceFiles) {
  const std::string token = NewWallet("anna.de.vries");
  Collect(token);
  Post("/api/presentation-requests", Json{{"request", PublishRequest()}}, token);
  std::string everything;
  for (const auto& entry : std::filesystem::directory_iterator(fx_.dir.path())) {
    if (entry.is_regular_file()) everything += testutil::ReadFileBytes(entry.path());
  }
  ASSERT_FALSE(everything.empty());
  for (std::string_view secret : {"Klantgesprekken", "anna.de.vries", "paardenbloem", "eyJ", "\"d\":"}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace vaardig::wallet
