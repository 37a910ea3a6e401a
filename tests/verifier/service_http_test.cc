// The verifier service's VCALM endpoints over a real server on a free loopback port: SD-JWT VC
// credentials and presentations made here with the kernel, an issuer recognised through the signed
// trust list (did:jwk, resolved offline), a Token Status List served by a fake fetcher; and every
// kind of bad request, each answered with its own status and message and counted nowhere.
#include <gtest/gtest.h>

#include "tests/verifier/service_http_test_fixture.h"

namespace vaardig::verifier {
namespace {

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
