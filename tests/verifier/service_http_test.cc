// The verifier service's VCALM endpoints over a real server on a free loopback port: SD-JWT VC
// credentials and presentations made here with the kernel, an issuer recognised through the signed
// trust list (did:jwk, resolved offline), a Token Status List served by a fake fetcher; and every
// kind of bad request, each answered with its own status and message and counted nowhere.
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
namespace {

using issuer::testing::Reply;
using issuer::testing::RoundTrip;

constexpr std::int64_t kNow = 1'775'000'000;  // 2026-03-31
const std::string kVct = "https://issuer.gemeente-voorbeeld.nl/vct/skill/v1";
const std::string kStatusUri = "https://issuer.gemeente-voorbeeld.nl/status/token/1";
const std::string kDomain = "x509_san_dns:werkgever.example";
const std::string kChallenge = "n-0S6_WzA2Mj-8f3a1c";

class VerifierServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TrustList trust;
    trust.issued_at = kNow;
    ASSERT_TRUE(trust.Upsert({.issuer = IssuerDid(), .name = "Gemeente Voorbeeld", .credential_types = {kVct}, .note = ""}));
    ServeStatus(0);
    engine_ = std::make_unique<VerifierEngine>(std::move(trust), &fetcher_, clock_, EngineOptions{});
    router_ = BuildVerifierRouter(*engine_, [] { return std::string("# server metrics\n"); });
    http::ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 8 * 1024 * 1024;
    options.body_limit = [](http::Method, std::string_view path) { return VerifierBodyLimit(path); };
    auto started = http::Server::Start(options, [this](http::Request& r) { return router_->Dispatch(r); });
    ASSERT_TRUE(started.has_value()) << started.error();
    server_ = std::move(*started);
  }
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
  std::string Issue(const jose::PrivateJwk& key) const {
    const std::string iss = did::CreateDidJwk(key.public_jwk());
    Json claims = {{"iss", iss}, {"iat", kNow - 3600}, {"exp", kNow + 365 * 86400}, {"vct", kVct}};
    claims["cnf"] = Json{{"jwk", holder_.public_jwk().ToJson()}};
    claims["status"] = status::MakeStatusClaim({.idx = 7, .uri = kStatusUri});
    claims["skill"] = {{"id", "https://issuer.gemeente-voorbeeld.nl/skills/GROEN-03"},
                       {"name", {{"nl", "Snoeien en onderhouden van beplanting"}, {"en", "Pruning and maintaining plants"}}},
                       {"level", 2},
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

bool Has(const Json& array, std::string_view value) {
  for (const Json& v : array) {
    if (v.is_string() && v.get<std::string>() == value) return true;
  }
  return false;
}

TEST_F(VerifierServiceTest, ARecognisedValidCredentialIsVerified) {
  const Reply reply = VerifyCredential(Issue(issuer_));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Header("cache-control"), "no-store");
  const Json body = reply.JsonBody();
  EXPECT_TRUE(body["verified"].get<bool>());
  EXPECT_TRUE(Has(body["checks"], "signature")) << body.dump(2);
  EXPECT_TRUE(Has(body["checks"], "issuer_trust"));
  EXPECT_TRUE(Has(body["checks"], "status"));
  EXPECT_TRUE(body["errors"].empty());
  EXPECT_EQ(body["report"]["verdict"], "valid");
  EXPECT_EQ(body["report"]["format"], "dc+sd-jwt");  // what the bare credential turned out to be
  EXPECT_EQ(body["report"]["issuer_name"], "Gemeente Voorbeeld");
  EXPECT_NE(body["summary"]["nl"].get<std::string>().find("Snoeien"), std::string::npos) << body["summary"];
  EXPECT_NE(Metrics().find("vaardig_verifier_verifications_total{verdict=\"valid\"} 1"), std::string::npos);
}

TEST_F(VerifierServiceTest, APresentationBoundToTheChallengeAndDomainIsVerified) {
  const Reply reply = VerifyPresentation(Present(Issue(issuer_), kDomain, kChallenge),
                                         {{"challenge", kChallenge}, {"domain", kDomain}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(Has(reply.JsonBody()["checks"], "holder_binding"));
}

TEST_F(VerifierServiceTest, APresentationForAnotherChallengeOrDomainIsRejected) {
  const std::string shown = Present(Issue(issuer_), kDomain, kChallenge);
  for (const Json& options : {Json{{"challenge", "another-fresh-challenge"}, {"domain", kDomain}},
                              Json{{"challenge", kChallenge}, {"domain", "x509_san_dns:elders.example"}}}) {
    const Reply reply = VerifyPresentation(shown, options);
    EXPECT_EQ(reply.status, 400) << options;
    EXPECT_EQ(Verdict(reply), "rejected");
    EXPECT_FALSE(reply.JsonBody()["verified"].get<bool>());
    EXPECT_FALSE(reply.JsonBody()["errors"].empty());
  }
}

TEST_F(VerifierServiceTest, AnIssuerNotOnTheTrustListIsNotRecognisedNeverValid) {
  const jose::PrivateJwk stranger = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  const Reply reply = VerifyCredential(Issue(stranger));
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(Verdict(reply), "not_recognised");
  EXPECT_FALSE(reply.JsonBody()["verified"].get<bool>());
}

TEST_F(VerifierServiceTest, ATamperedCredentialIsRejected) {
  std::string credential = Issue(issuer_);
  const std::size_t signature = credential.find('~') - 5;
  credential[signature] = credential[signature] == 'A' ? 'B' : 'A';
  const Reply reply = VerifyCredential(credential);
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(Verdict(reply), "rejected");
}

TEST_F(VerifierServiceTest, ARevokedCredentialIsRejected) {
  ServeStatus(1);
  const Reply reply = VerifyCredential(Issue(issuer_));
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(Verdict(reply), "rejected");
  bool status_failed = false;
  const Json body = reply.JsonBody();
  for (const Json& e : body["errors"]) status_failed = status_failed || e.value("check", "") == "status";
  EXPECT_TRUE(status_failed) << reply.body;
}

TEST_F(VerifierServiceTest, AnUnreachableStatusListIsCouldNotCheckNotRejected) {
  fetcher_.down = true;
  const Reply reply = VerifyCredential(Issue(issuer_));
  EXPECT_EQ(reply.status, 503) << reply.body;
  EXPECT_EQ(Verdict(reply), "could_not_check");
  EXPECT_FALSE(reply.JsonBody()["warnings"].empty());
}

TEST_F(VerifierServiceTest, BadRequestsAreRefusedWithTheirReasonAndVerifyNothing) {
  struct Case {
    std::string target, body, content_type, message;
  };
  const std::string credential = Issue(issuer_);
  const std::vector<Case> cases = {
      {"/credentials/verify", "{not json", "application/json", "JSON"},
      {"/credentials/verify", Json{{"verifiableCredential", credential}}.dump(), "text/plain", "application/json"},
      {"/credentials/verify", "[1, 2]", "application/json", "JSON object"},
      {"/credentials/verify", "{}", "application/json", "verifiableCredential"},
      {"/credentials/verify", R"({"verifiableCredential": 42})", "application/json", "verifiableCredential"},
      {"/credentials/verify", R"({"verifiableCredential": ""})", "application/json", "empty"},
      {"/credentials/verify", Json{{"verifiableCredential", credential}, {"options", "x"}}.dump(), "application/json", "options"},
      {"/presentations/verify", Json{{"verifiablePresentation", credential}}.dump(), "application/json", "options.challenge"},
      {"/presentations/verify", Json{{"verifiablePresentation", credential}, {"options", {{"challenge", kChallenge}}}}.dump(),
       "application/json", "options.domain"},
      {"/presentations/verify",
       Json{{"verifiablePresentation", credential}, {"options", {{"challenge", 7}, {"domain", kDomain}}}}.dump(),
       "application/json", "options.challenge"},
      {"/presentations/verify",
       Json{{"verifiablePresentation", credential}, {"options", {{"challenge", std::string(600, 'c')}, {"domain", kDomain}}}}.dump(),
       "application/json", "512"},
  };
  for (const Case& c : cases) {
    const Reply reply = Request("POST", c.target, c.body, c.content_type);
    EXPECT_EQ(reply.status, 400) << c.body.substr(0, 80);
    EXPECT_NE(reply.body.find(c.message), std::string::npos) << c.body.substr(0, 80) << " → " << reply.body;
  }
  const std::string metrics = Metrics();
  for (const char* verdict : {"valid", "rejected", "not_recognised", "could_not_check"}) {
    EXPECT_NE(metrics.find("vaardig_verifier_verifications_total{verdict=\"" + std::string(verdict) + "\"} 0"),
              std::string::npos)
        << metrics;
  }
  EXPECT_EQ(fetcher_.gets, 0);
}

TEST_F(VerifierServiceTest, AnOversizedBodyIsRefusedBeforeItIsRead) {
  const std::string huge = Json{{"verifiableCredential", std::string(VerifierBodyLimit("/credentials/verify") + 1, 'a')}}.dump();
  const Reply reply = Request("POST", "/credentials/verify", huge);
  EXPECT_EQ(reply.status, 413) << reply.body;
}

TEST_F(VerifierServiceTest, HealthReadinessMetricsAndMethods) {
  EXPECT_EQ(Request("GET", "/healthz").status, 200);
  const Reply ready = Request("GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.JsonBody()["trusted_issuers"], 1);
  EXPECT_NE(Metrics().find("# server metrics"), std::string::npos);
  EXPECT_EQ(Request("GET", "/credentials/verify").status, 405);
  EXPECT_EQ(Request("GET", "/nothing-here").status, 404);
}

}  // namespace
}  // namespace vaardig::verifier
