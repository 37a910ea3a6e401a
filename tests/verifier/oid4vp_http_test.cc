// The verifier's OpenID4VP 1.0 flow over a real server on a free loopback port, with this test as
// the wallet (kernel functions only): an employer's ask becomes a DCQL query and a signed Request
// Object by reference; the wallet verifies it, presents an SD-JWT VC bound to the request's
// client_id and nonce with direct_post; whoever asked reads the outcome with their result token.
// Replays, wrong tokens, answers that do not fit the question, a wallet's refusal and expiry.
#include <gtest/gtest.h>

#include "core/crypto/hash.h"
#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/did/document.h"
#include "core/http/message.h"
#include "core/oid4vc/authorization_request.h"
#include "core/oid4vc/presentation_response.h"
#include "tests/verifier/service_http_test_fixture.h"

namespace vaardig::verifier {
namespace {

constexpr std::string_view kApiToken = "test-client-token-0123456789";

class Oid4vpTest : public VerifierServiceTest {
 protected:
  std::unique_ptr<http::Router> MakeRouter() override {
    auto identity = MakeRequestIdentity("http://127.0.0.1:0", jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value());
    EXPECT_TRUE(identity.has_value());
    identity->name = "Gemeente Elders";
    requests_ = std::make_unique<PresentationRequests>(std::move(*identity), *engine_, clock_);
    return BuildVerifierRouter(*engine_, nullptr,
                               {.requests = requests_.get(), .default_vct_values = {kVct},
                                .api_tokens = {{"tests", encoding::HexEncode(crypto::Sha256(AsBytes(kApiToken)))}},
                                .pages = true,
                                .page_skills = {{"https://issuer.gemeente-voorbeeld.nl/skills/GROEN-03", "Snoeien"}},
                                .organisation = "Gemeente Elders", .secure_cookies = false});
  }
  void AfterStart() override { ASSERT_TRUE(requests_->UseBaseUrl(server_->BaseUrl()).has_value()); }

  Reply AskWith(const std::string& body, const std::string& authorization) {
    return RoundTrip(server_->port(), "POST /api/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                                          (authorization.empty() ? "" : "Authorization: " + authorization + "\r\n") +
                                          "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  }
  Json Ask(const Json& ask, int expected_status = 201) {
    const Reply reply = AskWith(ask.dump(), "Bearer " + std::string(kApiToken));
    EXPECT_EQ(reply.status, expected_status) << reply.body;
    return reply.JsonBody();
  }

  // The wallet's side up to the request: parse the link, fetch and verify the Request Object.
  oid4vc::AuthorizationRequest Fetch(const Json& created) {
    auto link = oid4vc::ParseRequestLink(created["link"].get<std::string>());
    EXPECT_TRUE(link.has_value()) << link.error();
    const std::string path = link->request_uri->substr(server_->BaseUrl().size());
    const Reply reply = Request("GET", path);
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.Header("content-type"), "application/oauth-authz-req+jwt");
    auto verified = oid4vc::VerifyRequestObject(
        reply.body,
        [](std::string_view kid) -> vaardig::Result<jose::PublicJwk> {
          const std::string did(kid.substr(0, kid.find('#')));
          VAARDIG_ASSIGN_OR_RETURN(did::DidDocument document, did::ResolveDidJwk(did));
          VAARDIG_ASSIGN_OR_RETURN(did::VerificationMethod method,
                                   document.GetVerificationMethod(kid, did::Relationship::kAuthentication));
          return method.key;
        },
        {.client_id = link->client_id, .wallet_nonce = {}, .now = kNow});
    EXPECT_TRUE(verified.has_value()) << verified.error();
    return verified ? *verified : oid4vc::AuthorizationRequest{};
  }

  Reply Respond(const std::vector<std::pair<std::string, std::string>>& form) {
    return Request("POST", "/response", oid4vc::EncodeForm(form), "application/x-www-form-urlencoded");
  }
  Reply Present(const oid4vc::AuthorizationRequest& request, const std::string& credential) {
    oid4vc::VpResponse response;
    response.vp_token["skill"] = {Json(VerifierServiceTest::Present(credential, request.client_id, request.nonce))};
    response.state = request.state;
    return Respond(oid4vc::DirectPostForm(response));
  }
  Reply Outcome(const Json& created, std::string token = "") {
    if (token.empty()) token = created["result_token"].get<std::string>();
    const std::string target = "/api/requests/" + created["id"].get<std::string>();
    return RoundTrip(server_->port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                                          "\r\nConnection: close\r\n\r\n");
  }

  std::unique_ptr<PresentationRequests> requests_;
};

TEST_F(Oid4vpTest, AnAskBecomesASignedRequestAndAVerifiedAnswer) {
  const Json created = Ask({{"skills", {"https://issuer.gemeente-voorbeeld.nl/skills/GROEN-03"}}, {"min_level", 2}});
  EXPECT_TRUE(created["link"].get<std::string>().starts_with("openid4vp://?client_id=decentralized_identifier"));
  EXPECT_NE(created["qr_svg"].get<std::string>().find("<svg"), std::string::npos);
  const oid4vc::AuthorizationRequest request = Fetch(created);
  EXPECT_EQ(request.response_mode, "direct_post");
  EXPECT_EQ(request.response_uri, server_->BaseUrl() + "/response");
  EXPECT_EQ(request.client_id, requests_->identity().ClientId());
  ASSERT_TRUE(request.client_metadata.has_value());
  EXPECT_EQ((*request.client_metadata)["client_name"], "Gemeente Elders");
  EXPECT_TRUE((*request.client_metadata)["vp_formats_supported"].contains("dc+sd-jwt"));
  ASSERT_EQ(request.dcql_query.credentials.size(), 1u);
  EXPECT_EQ(request.dcql_query.credentials[0].format, "dc+sd-jwt");
  EXPECT_EQ(*request.dcql_query.credentials[0].meta.vct_values, std::vector<std::string>{kVct});
  EXPECT_EQ(request.dcql_query.credentials[0].claims.size(), 4u);  // skills first: no name asked for
  EXPECT_EQ(Outcome(created).JsonBody()["state"], "pending");

  const Reply answered = Present(request, Issue(issuer_, 3));
  ASSERT_EQ(answered.status, 200) << answered.body;
  const Json outcome = Outcome(created).JsonBody();
  EXPECT_EQ(outcome["state"], "answered");
  EXPECT_EQ(outcome["verdict"], "valid") << outcome.dump(2);
  ASSERT_EQ(outcome["reports"].size(), 1u);
  EXPECT_EQ(outcome["reports"][0]["shown"]["level"], 3);
  EXPECT_FALSE(outcome["reports"][0]["summary"]["nl"].get<std::string>().empty());

  // Answered once: the Request Object is gone, and a replayed answer finds nothing to answer.
  EXPECT_EQ(Request("GET", "/request/" + created["id"].get<std::string>()).status, 404);
  const Reply replay = Present(request, Issue(issuer_, 3));
  EXPECT_EQ(replay.status, 400);
  EXPECT_EQ(replay.JsonBody()["error"], "invalid_request");
  EXPECT_EQ(Outcome(created).JsonBody()["verdict"], "valid");
}

// The redirect_uri: prefix (§5.9.3): the request is passed by value, unsigned, and the client_id is
// the response URI; no Request Object is served; the answer is bound to that client_id.
TEST_F(Oid4vpTest, WithTheRedirectUriPrefixTheRequestIsPassedByValueUnsigned) {
  requests_->SetRedirectUriPrefixForTests(true);
  const Json created = Ask({{"min_level", 2}});
  const std::string link = created["link"];
  ASSERT_TRUE(link.starts_with("openid4vp://?")) << link;
  auto parsed = oid4vc::ParseRequestLink(link);
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  EXPECT_FALSE(parsed->request_uri.has_value());
  EXPECT_EQ(parsed->client_id, "redirect_uri:" + server_->BaseUrl() + "/response");
  auto request = oid4vc::ParseAuthorizationRequestParams(parsed->parameters);
  ASSERT_TRUE(request.has_value()) << request.error().description;
  EXPECT_EQ(request->response_uri, server_->BaseUrl() + "/response");
  EXPECT_EQ(request->dcql_query.credentials.size(), 1u);
  EXPECT_EQ(Request("GET", "/request/" + created["id"].get<std::string>()).status, 404);
  const Reply answered = Present(*request, Issue(issuer_, 2));
  ASSERT_EQ(answered.status, 200) << answered.body;
  const Json outcome = Outcome(created).JsonBody();
  EXPECT_EQ(outcome["verdict"], "valid") << outcome.dump(2);
  // A presentation bound to the DID client_id instead does not count for this request.
  const Json second = Ask({{"min_level", 2}});
  auto request2 = oid4vc::ParseAuthorizationRequestParams(oid4vc::ParseRequestLink(second["link"].get<std::string>())->parameters);
  ASSERT_TRUE(request2.has_value());
  oid4vc::AuthorizationRequest wrong = *request2;
  wrong.client_id = "decentralized_identifier:did:example:other";
  oid4vc::VpResponse response;
  response.vp_token["skill"] = {Json(VerifierServiceTest::Present(Issue(issuer_, 2), wrong.client_id, wrong.nonce))};
  response.state = wrong.state;
  Respond(oid4vc::DirectPostForm(response));
  EXPECT_EQ(Outcome(second).JsonBody()["verdict"], "rejected");
}

TEST_F(Oid4vpTest, ALevelBelowTheAskIsRejectedByTheQueryCheck) {
  const Json created = Ask({{"min_level", 2}});
  const oid4vc::AuthorizationRequest request = Fetch(created);
  ASSERT_EQ(Present(request, Issue(issuer_, 1)).status, 200);
  const Json outcome = Outcome(created).JsonBody();
  EXPECT_EQ(outcome["verdict"], "rejected") << outcome.dump(2);
  bool query_failed = false;
  for (const Json& c : outcome["reports"][0]["checks"]) query_failed = query_failed || (c["name"] == "query" && c["result"] == "failed");
  EXPECT_TRUE(query_failed);
}

TEST_F(Oid4vpTest, APresentationForAnotherRequestsNonceIsRejected) {
  const Json first = Ask(Json::object());
  const Json second = Ask(Json::object());
  const oid4vc::AuthorizationRequest a = Fetch(first);
  oid4vc::AuthorizationRequest b = Fetch(second);
  b.nonce = a.nonce;  // the wallet (or an attacker) reuses a presentation made for the first request
  ASSERT_EQ(Present(b, Issue(issuer_)).status, 200);
  EXPECT_EQ(Outcome(second).JsonBody()["verdict"], "rejected");
}

TEST_F(Oid4vpTest, MakingARequestNeedsAConfiguredClientsToken) {
  const Reply none = AskWith("{}", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.Header("www-authenticate"), "Bearer");
  EXPECT_EQ(AskWith("{}", "Bearer someone-elses-token").status, 403);
  EXPECT_EQ(AskWith("{}", "Basic dGVzdDp0ZXN0").status, 401);
}

TEST_F(Oid4vpTest, TheRequestObjectExpiresWithItsRequest) {
  const Json created = Ask(Json::object());
  const Reply reply = Request("GET", "/request/" + created["id"].get<std::string>());
  ASSERT_EQ(reply.status, 200);
  auto parsed = jose::ParseCompactJws(reply.body);
  ASSERT_TRUE(parsed.has_value());
  const Json claims = ParseJson(encoding::Base64UrlDecodeToString(parsed->payload_b64).value()).value();
  EXPECT_EQ(claims["iat"], kNow);
  EXPECT_EQ(claims["exp"], created["expires_at"]);
  // A wallet holding on to it past its expiry refuses it.
  auto key = requests_->identity().key.public_jwk();
  auto late = oid4vc::VerifyRequestObject(reply.body, [&](std::string_view) -> vaardig::Result<jose::PublicJwk> { return key; },
                                          {.client_id = {}, .wallet_nonce = {}, .now = kNow + kRequestTtlSeconds + 61});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(Oid4vpTest, ACredentialOfAnotherTypeThanAskedFailsTheQueryCheck) {
  const Json query = {{"credentials", Json::array({Json{{"id", "skill"}, {"format", "dc+sd-jwt"},
      {"meta", {{"vct_values", {"https://elders.example/vct/diploma"}}}}, {"claims", Json::array({Json{{"path", {"skill", "level"}}}})}}})}};
  const Json created = Ask({{"dcql_query", query}});
  const oid4vc::AuthorizationRequest request = Fetch(created);
  ASSERT_EQ(Present(request, Issue(issuer_)).status, 200);
  const Json outcome = Outcome(created).JsonBody();
  EXPECT_EQ(outcome["verdict"], "rejected");
  bool type_failed = false;
  for (const Json& c : outcome["reports"][0]["checks"]) {
    type_failed = type_failed || (c["name"] == "query" && c["result"] == "failed" &&
                                  c["detail"].get<std::string>().find("not of a type") != std::string::npos);
  }
  EXPECT_TRUE(type_failed) << outcome.dump(2);
}

TEST_F(Oid4vpTest, TheNameIsAskedForOnlyWhenWanted) {
  const oid4vc::AuthorizationRequest request = Fetch(Ask({{"name", true}}));
  EXPECT_EQ(request.dcql_query.credentials[0].claims.size(), 6u);
}

TEST_F(Oid4vpTest, TheOutcomeNeedsTheResultToken) {
  const Json created = Ask(Json::object());
  EXPECT_EQ(Outcome(created, "someone-elses-token").status, 403);
  const Reply none = RoundTrip(server_->port(), "GET /api/requests/" + created["id"].get<std::string>() +
                                                    " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(Outcome({{"id", "no-such-request"}, {"result_token", "x"}}).status, 404);
}

TEST_F(Oid4vpTest, AWalletsRefusalIsRecorded) {
  const Json created = Ask(Json::object());
  const oid4vc::AuthorizationRequest request = Fetch(created);
  const Reply reply = Respond(oid4vc::DirectPostForm(oid4vc::VpErrorResponse{
      .error = "access_denied", .error_description = "de medewerker wilde niet delen", .state = request.state}));
  EXPECT_EQ(reply.status, 200) << reply.body;
  const Json outcome = Outcome(created).JsonBody();
  EXPECT_EQ(outcome["state"], "refused");
  EXPECT_EQ(outcome["wallet_error"], "access_denied");
}

TEST_F(Oid4vpTest, AnAnswerThatDoesNotFitTheQuestionIsRefusedAndRecorded) {
  const Json created = Ask(Json::object());
  const oid4vc::AuthorizationRequest request = Fetch(created);
  oid4vc::VpResponse response;
  response.vp_token["diploma"] = {Json("x")};
  response.state = request.state;
  const Reply reply = Respond(oid4vc::DirectPostForm(response));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.JsonBody()["error"], "invalid_request");
  EXPECT_EQ(Outcome(created).JsonBody()["verdict"], "rejected");
}

TEST_F(Oid4vpTest, RequestsExpire) {
  const Json created = Ask(Json::object());
  const oid4vc::AuthorizationRequest request = Fetch(created);
  clock_.Advance(kRequestTtlSeconds);
  EXPECT_EQ(Request("GET", "/request/" + created["id"].get<std::string>()).status, 404);
  EXPECT_EQ(Present(request, Issue(issuer_)).status, 400);
  EXPECT_EQ(Outcome(created).JsonBody()["state"], "expired");
}

TEST_F(Oid4vpTest, BadAsksAndBadResponsesAreRefused) {
  for (const Json& ask : {Json{{"min_level", 5}}, Json{{"min_level", "2"}}, Json{{"skills", "GROEN-03"}},
                          Json{{"colour", "blue"}}, Json{{"name", "yes"}}, Json{{"dcql_query", {{"credentials", Json::array()}}}},
                          Json{{"dcql_query", Json::object()}, {"skills", Json::array()}}}) {
    const Json error = Ask(ask, 400);
    EXPECT_EQ(error["error"], "invalid_argument") << ask;
  }
  EXPECT_EQ(AskWith("{}", "Bearer " + std::string(kApiToken)).status, 201);
  EXPECT_EQ(RoundTrip(server_->port(), "POST /api/requests HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nAuthorization: Bearer " +
                                           std::string(kApiToken) + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").status,
            400);
  EXPECT_EQ(Respond({{"state", "made-up-state-value"}, {"vp_token", R"({"skill":["x"]})"}}).status, 400);
  EXPECT_EQ(Request("POST", "/response", "vp_token=%7B%7D", "application/json").status, 400);
  EXPECT_EQ(Respond({}).status, 400);
  EXPECT_EQ(Request("GET", "/request/unknown").status, 404);
}

// ---- The web pages ----------------------------------------------------------------------------------

Reply Get(std::uint16_t port, const std::string& target, const std::string& cookie = "") {
  return RoundTrip(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") +
                             "Connection: close\r\n\r\n");
}

TEST_F(Oid4vpTest, TheAskPageOffersTheSkillsTheLevelsAndNoNameByDefault) {
  const Reply nl = Get(server_->port(), "/");
  ASSERT_EQ(nl.status, 200);
  EXPECT_EQ(nl.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(nl.Header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_NE(nl.body.find("Vaardigheden controleren"), std::string::npos);
  EXPECT_NE(nl.body.find("Snoeien"), std::string::npos);
  EXPECT_NE(nl.body.find("zelfstandig"), std::string::npos);
  EXPECT_NE(nl.body.find("Gemeente Elders"), std::string::npos);
  EXPECT_NE(nl.body.find(R"(name="name" value="yes">)"), std::string::npos);  // unticked
  EXPECT_NE(Get(server_->port(), "/?lang=en").body.find("Check skills"), std::string::npos);
}

TEST_F(Oid4vpTest, AskWaitAnswerAndReadTheResultInPlainLanguage) {
  const std::string form = "skill=" + http::FormEncode("https://issuer.gemeente-voorbeeld.nl/skills/GROEN-03") + "&min_level=2";
  const Reply asked = Request("POST", "/ask", form, "application/x-www-form-urlencoded");
  ASSERT_EQ(asked.status, 303) << asked.body;
  const std::string location = asked.Header("location");
  ASSERT_TRUE(location.starts_with("/requests/")) << location;
  const std::string id = location.substr(10, location.find('?') - 10);
  const std::string set_cookie = asked.Header("set-cookie");
  EXPECT_NE(set_cookie.find("Path=/requests/" + id), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

  // Without the cookie the page does not exist for you; with it, the QR code and the status line.
  EXPECT_EQ(Get(server_->port(), location).status, 404);
  Reply waiting = Get(server_->port(), location, cookie);
  ASSERT_EQ(waiting.status, 200);
  EXPECT_NE(waiting.body.find("<svg"), std::string::npos);
  EXPECT_NE(waiting.body.find("openid4vp://?client_id="), std::string::npos);
  EXPECT_NE(waiting.body.find("Snoeien, minimaal niveau 2 (zelfstandig), zonder naam"), std::string::npos);
  EXPECT_NE(waiting.body.find("/static/verifier.js"), std::string::npos);
  EXPECT_EQ(Get(server_->port(), "/requests/" + id + "/status", cookie).JsonBody()["state"], "pending");
  EXPECT_EQ(Get(server_->port(), "/requests/" + id + "/status").status, 404);

  // The wallet answers: the page now says it in plain language.
  const std::string link = waiting.body.substr(waiting.body.find("openid4vp://"));
  const Json created{{"link", link.substr(0, link.find('"'))}, {"id", id}};
  std::string unescaped = created["link"].get<std::string>();
  for (std::size_t at; (at = unescaped.find("&amp;")) != std::string::npos;) unescaped.replace(at, 5, "&");
  const oid4vc::AuthorizationRequest request = Fetch(Json{{"link", unescaped}});
  ASSERT_EQ(Present(request, Issue(issuer_, 2)).status, 200);
  EXPECT_EQ(Get(server_->port(), "/requests/" + id + "/status", cookie).JsonBody()["state"], "answered");
  const Reply result = Get(server_->port(), location, cookie);
  ASSERT_EQ(result.status, 200);
  EXPECT_NE(result.body.find("Geldig"), std::string::npos) << result.body;
  EXPECT_NE(result.body.find("2 · zelfstandig"), std::string::npos);
  EXPECT_NE(result.body.find("bevestigd door de werkgever (groen)"), std::string::npos);
  EXPECT_NE(result.body.find("Echt van deze persoon"), std::string::npos);
  EXPECT_EQ(result.body.find("Mohamed"), std::string::npos);  // no name was asked, none shown
  const Reply english = Get(server_->port(), "/requests/" + id + "?lang=en", cookie);
  EXPECT_NE(english.body.find("Valid"), std::string::npos);
  EXPECT_NE(english.body.find("Really theirs"), std::string::npos);
}

TEST_F(Oid4vpTest, ABadAskIsRefusedWithoutMakingARequest) {
  for (const std::string form : {"min_level=7", "skill=https%3A%2F%2Felders.example%2Fnot-offered&min_level=2", "min_level=x"}) {
    EXPECT_EQ(Request("POST", "/ask", form, "application/x-www-form-urlencoded").status, 400) << form;
  }
  EXPECT_EQ(Request("POST", "/ask", "{\"min_level\":2}", "application/json").status, 400);
  EXPECT_EQ(Request("POST", "/ask", std::string(9000, 'a'), "application/x-www-form-urlencoded").status, 400);
}

TEST_F(Oid4vpTest, TheStaticFilesAreServedWithTheirTypes) {
  const Reply css = Get(server_->port(), "/static/verifier.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  const Reply js = Get(server_->port(), "/static/verifier.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_NE(js.body.find("statusUrl"), std::string::npos);
}

}  // namespace
}  // namespace vaardig::verifier
