// The wallet's OpenID4VP responder (wallet/app/respond.h) against a fake verifier (an in-memory
// HttpFetcher that serves Request Objects and records what is posted): what the person is shown,
// what is sent after consent (exactly the claims asked for, bound to the request), the share log,
// declining, and every bad request — each refused with its code, nothing sent, nothing written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "core/did/did_jwk.h"
#include "core/http/message.h"
#include "core/oid4vc/authorization_request.h"
#include "core/oid4vc/presentation_response.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/sd_jwt.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/sdjwt/verifier.h"
#include "tests/wallet/test_util.h"
#include "wallet/app/respond.h"

namespace vaardig::wallet {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testutil::FailsWith;
using testutil::FailsWithMessage;
using testutil::IsOk;

constexpr std::string_view kBase = "https://werkgever.example";
constexpr std::string_view kVct = "https://werk.gemeente-voorbeeld.nl/vct/skill/v1";

class FakeVerifier final : public http::HttpFetcher {
 public:
  Result<http::HttpResponse> Get(std::string_view url, const http::FetchLimits&) override {
    ++gets;
    auto it = documents.find(std::string(url));
    if (it == documents.end()) return Fail(ErrorCode::kNotFound, "HTTP 404");
    return http::HttpResponse{.status = 200, .content_type = "application/oauth-authz-req+jwt", .body = it->second, .max_age = {}};
  }
  Result<http::HttpResponse> Post(std::string_view url, std::string_view, std::string_view body,
                                  const std::vector<std::pair<std::string, std::string>>&, const http::FetchLimits&) override {
    posts.push_back({std::string(url), std::string(body)});
    if (post_fails) return Fail(ErrorCode::kDeadlineExceeded, "the verifier did not answer in time");
    return http::HttpResponse{.status = post_status, .content_type = "application/json", .body = post_body, .max_age = {}};
  }
  std::map<std::string, std::string> documents;
  std::vector<std::pair<std::string, std::string>> posts;
  int post_status = 200;
  std::string post_body = "{}";
  bool post_fails = false;
  int gets = 0;
};

class RespondTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto [created, unlocked] = wallet_.NewUnlocked();
    vault_.emplace(std::move(unlocked));
    auto key_id = vault_->Put(RecordKind::kHolderKey, Json{{"purpose", "holder"}, {"alg", "ES256"},
                                                         {"jwk", holder_.ExportPrivateJson()}});
    ASSERT_THAT(key_id, IsOk());
    holder_key_id_ = *key_id;
    credential_id_ = Store(Issue(2), "valid");
    options_ = {.clock = &wallet_.clock, .allow_http_for_loopback = false};
  }

  std::string Issue(int level) {
    Json claims = {{"iss", "https://werk.gemeente-voorbeeld.nl"}, {"iat", testutil::kNow - 60}, {"vct", kVct},
                   {"cnf", {{"jwk", holder_.public_jwk().ToJson()}}},
                   {"skill", {{"id", "snoeien"}, {"name", {{"nl", "Snoeien"}, {"en", "Pruning"}}}, {"level", level}}},
                   {"confirmation", {{"status", "confirmed"}, {"by", {{"name", "Jeroen Hendriks"}, {"role", "manager"}}}}},
                   {"holder", {{"given_name", "Mohamed"}, {"family_name", "Yilmaz"}}}};
    sdjwt::SdJwtVcIssueOptions options;
    options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
    auto issued = sdjwt::IssueSdJwtVc(claims, issuer_, options);
    EXPECT_THAT(issued, IsOk());
    return issued->Compact();
  }
  std::string Store(const std::string& credential, std::string_view state) {
    auto id = vault_->Put(RecordKind::kCredential,
                          Json{{"format", "dc+sd-jwt"}, {"credential", credential}, {"issuer", "https://werk.gemeente-voorbeeld.nl"},
                               {"display", {{"nl", {{"name", "Vaardigheid"}}}}}, {"holder_key_id", holder_key_id_},
                               {"status", {{"state", std::string(state)}}}});
    EXPECT_THAT(id, IsOk());
    return *id;
  }

  oid4vc::AuthorizationRequest Request(bool name = false) {
    oid4vc::AuthorizationRequest r;
    r.client_id = "decentralized_identifier:" + VerifierDid();
    r.response_uri = std::string(kBase) + "/response";
    r.nonce = "n-0S6_WzA2Mj-verifier";
    r.state = "state-1234567890abcdef";
    Json claims = Json::array({Json{{"path", {"skill", "name"}}}, Json{{"path", {"skill", "level"}}, {"values", {2, 3}}},
                               Json{{"path", {"confirmation", "by", "role"}}}});
    if (name) claims.push_back(Json{{"path", {"holder", "given_name"}}});
    r.dcql_query = oid4vc::ParseDcqlQuery(Json{{"credentials", Json::array({Json{{"id", "skill"}, {"format", "dc+sd-jwt"},
        {"meta", {{"vct_values", {kVct}}}}, {"claims", claims}}})}}).value();
    r.client_metadata = Json{{"client_name", "Gemeente Elders"}};
    return r;
  }
  std::string VerifierDid() const { return did::CreateDidJwk(verifier_.public_jwk()); }
  // Serves the signed Request Object and returns the wallet link to it.
  std::string Publish(const oid4vc::AuthorizationRequest& request, const jose::PrivateJwk* key = nullptr,
                      std::string link_client_id = "") {
    const std::string uri = std::string(kBase) + "/request/" + std::to_string(++published_);
    auto jwt = oid4vc::SignRequestObject(request, key ? *key : verifier_, VerifierDid() + "#0");
    EXPECT_THAT(jwt, IsOk());
    verifier_http_.documents[uri] = *jwt;
    return oid4vc::MakeRequestLink(link_client_id.empty() ? request.client_id : link_client_id, uri);
  }

  Result<OpenedRequest> Open(const std::string& link) { return OpenPresentationRequest(verifier_http_, *vault_, link, options_); }
  std::size_t Count(RecordKind kind) {
    auto listing = vault_->List(kind);
    return listing ? listing->records.size() : 999;
  }

  testutil::WalletFixture wallet_;
  std::optional<UnlockedVault> vault_;
  jose::PrivateJwk issuer_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  jose::PrivateJwk holder_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  jose::PrivateJwk verifier_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  FakeVerifier verifier_http_;
  RespondOptions options_;
  std::string holder_key_id_;
  std::string credential_id_;
  int published_ = 0;
};

TEST_F(RespondTest, OpeningShowsWhoAsksAndWhatWouldBeShownAndSendsNothing) {
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  EXPECT_EQ(opened->verifier, VerifierDid());
  EXPECT_EQ(opened->verifier_name, "Gemeente Elders");
  EXPECT_TRUE(opened->satisfiable);
  ASSERT_EQ(opened->queries.size(), 1u);
  ASSERT_EQ(opened->queries[0].candidates.size(), 1u);
  const ShareCandidate& c = opened->queries[0].candidates[0];
  EXPECT_EQ(c.record_id, credential_id_);
  EXPECT_EQ(c.name, "Vaardigheid");
  // What the verifier will read: the whole `skill` disclosure (its id too), and `confirmation`
  // with its status around the role asked for — more than the three paths asked for, and said so.
  EXPECT_EQ(c.shown, (std::vector<std::string>{"skill.id", "skill.name", "skill.level", "confirmation.status",
                                               "confirmation.by.role"}));
  EXPECT_FALSE(c.names_the_person);
  EXPECT_TRUE(verifier_http_.posts.empty());
  EXPECT_EQ(Count(RecordKind::kShare), 0u);
}

TEST_F(RespondTest, ConsentSendsExactlyWhatWasAskedBoundToTheRequestAndLogsIt) {
  const oid4vc::AuthorizationRequest request = Request();
  auto opened = Open(Publish(request));
  ASSERT_THAT(opened, IsOk());
  auto sent = SendPresentation(verifier_http_, *vault_, *opened, DefaultChoices(*opened), options_);
  ASSERT_THAT(sent, IsOk());
  ASSERT_EQ(verifier_http_.posts.size(), 1u);
  EXPECT_EQ(verifier_http_.posts[0].first, request.response_uri);
  auto form = http::ParseForm(verifier_http_.posts[0].second);
  ASSERT_THAT(form, IsOk());
  auto response = oid4vc::ParseDirectPostResponse(*form);
  ASSERT_TRUE(response.has_value());
  const auto& vp = std::get<oid4vc::VpResponse>(*response);
  EXPECT_EQ(vp.state, request.state);
  const std::string presentation = vp.vp_token.at("skill").at(0).get<std::string>();
  // The verifier's view: signature, KB-JWT for this client_id and nonce, and only the skill parts.
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = &wallet_.clock;
  policy.key_binding = {.required = true, .expected_aud = request.client_id, .expected_nonce = request.nonce};
  auto verified = sdjwt::VerifySdJwt(presentation, sdjwt::FixedIssuerKey(issuer_.public_jwk()), policy);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->claims()["skill"]["level"], 2);
  EXPECT_EQ(verified->claims()["confirmation"]["by"]["role"], "manager");
  EXPECT_FALSE(verified->claims().contains("holder"));                      // no name: not asked for
  EXPECT_FALSE(verified->claims()["confirmation"]["by"].contains("name"));  // the manager's name neither

  auto log = vault_->Get(sent->share_record_id);
  ASSERT_THAT(log, IsOk());
  EXPECT_EQ(log->kind, RecordKind::kShare);
  EXPECT_EQ(log->content["verifier"], VerifierDid());
  EXPECT_EQ(log->content["credentials"][0]["shown"][2], "skill.level");
  EXPECT_THAT(log->content.dump(), Not(HasSubstr(presentation.substr(0, 40))));  // what, not the credential itself
}

TEST_F(RespondTest, TheNameIsShownOnlyWhenAskedAndSaidSo) {
  auto opened = Open(Publish(Request(/*name=*/true)));
  ASSERT_THAT(opened, IsOk());
  EXPECT_TRUE(opened->queries[0].candidates[0].names_the_person);
  EXPECT_THAT(opened->queries[0].candidates[0].shown, ::testing::Contains("holder.given_name"));
}

TEST_F(RespondTest, TheVerifiersRedirectUriIsPassedOnAfterSharingAndAfterDeclining) {
  // OpenID4VP 1.0 §8.2: the session-binding value may sit in a fragment; a redirect_uri may also
  // follow an error response.
  verifier_http_.post_body = R"({"redirect_uri":"https://werkgever.example/cb#response_code=091535f699ea575c7937fa5f0f454aee"})";
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  auto sent = SendPresentation(verifier_http_, *vault_, *opened, DefaultChoices(*opened), options_);
  ASSERT_THAT(sent, IsOk());
  EXPECT_EQ(sent->redirect_uri, "https://werkgever.example/cb#response_code=091535f699ea575c7937fa5f0f454aee");
  opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  auto declined = DeclineRequest(verifier_http_, *vault_, *opened, options_);
  ASSERT_THAT(declined, IsOk());
  EXPECT_EQ(declined->redirect_uri, "https://werkgever.example/cb#response_code=091535f699ea575c7937fa5f0f454aee");
  // Not a URL a browser should be sent to: dropped.
  for (const char* bad : {R"j({"redirect_uri":"javascript:alert(1)"})j", R"j({"redirect_uri":"http://werkgever.example/cb"})j",
                          R"j({"redirect_uri":"https://werkgever.example/c b"})j"}) {
    verifier_http_.post_body = bad;
    opened = Open(Publish(Request()));
    ASSERT_THAT(opened, IsOk());
    declined = DeclineRequest(verifier_http_, *vault_, *opened, options_);
    ASSERT_THAT(declined, IsOk());
    EXPECT_FALSE(declined->redirect_uri.has_value()) << bad;
  }
}

// The redirect_uri: prefix (§5.9.3): the request comes unsigned, by value; the wallet knows the
// verifier only by its response URI, shows that, and trusts no name the request gives itself.
TEST_F(RespondTest, AnUnsignedRequestByValueWithTheRedirectUriPrefix) {
  oid4vc::AuthorizationRequest request = Request();
  request.client_id = "redirect_uri:" + std::string(kBase) + "/response";
  request.client_metadata = Json{{"client_name", "De Belastingdienst"}};
  auto link = oid4vc::MakeRequestLinkByValue(request);
  ASSERT_THAT(link, IsOk());
  auto opened = Open(*link);
  ASSERT_THAT(opened, IsOk());
  EXPECT_EQ(opened->verifier, std::string(kBase) + "/response");
  EXPECT_FALSE(opened->verifier_name.has_value());
  EXPECT_TRUE(opened->satisfiable);
  auto sent = SendPresentation(verifier_http_, *vault_, *opened, DefaultChoices(*opened), options_);
  ASSERT_THAT(sent, IsOk());
  auto form = http::ParseForm(verifier_http_.posts.back().second);
  ASSERT_THAT(form, IsOk());
  auto response = oid4vc::ParseDirectPostResponse(*form);
  ASSERT_TRUE(response.has_value());
  const std::string presentation = std::get<oid4vc::VpResponse>(*response).vp_token.at("skill").at(0).get<std::string>();
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = &wallet_.clock;
  policy.key_binding = {.required = true, .expected_aud = request.client_id, .expected_nonce = request.nonce};
  EXPECT_THAT(sdjwt::VerifySdJwt(presentation, sdjwt::FixedIssuerKey(issuer_.public_jwk()), policy), IsOk());
  // The same by value with a DID client_id must be signed: refused, nothing sent.
  const std::size_t posts = verifier_http_.posts.size();
  oid4vc::AuthorizationRequest did_request = Request();
  auto unsigned_did = "openid4vp://?client_id=" + http::FormEncode(did_request.client_id) + "&response_type=vp_token&response_mode=direct_post&response_uri=" +
                      http::FormEncode(did_request.response_uri) + "&nonce=abcdefabcdef&dcql_query=" + http::FormEncode(oid4vc::DcqlQueryToJson(did_request.dcql_query).dump());
  EXPECT_FALSE(Open(unsigned_did).has_value());
  EXPECT_EQ(verifier_http_.posts.size(), posts);
}

TEST_F(RespondTest, DecliningTellsTheVerifierAndSharesNothing) {
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  ASSERT_THAT(DeclineRequest(verifier_http_, *vault_, *opened, options_), IsOk());
  ASSERT_EQ(verifier_http_.posts.size(), 1u);
  EXPECT_THAT(verifier_http_.posts[0].second, HasSubstr("error=access_denied"));
  EXPECT_THAT(verifier_http_.posts[0].second, Not(HasSubstr("vp_token")));
  EXPECT_EQ(Count(RecordKind::kShare), 0u);
  EXPECT_EQ(Count(RecordKind::kHistory), 1u);
}

TEST_F(RespondTest, RevokedCredentialsAreNotOffered) {
  ASSERT_THAT(vault_->Delete(credential_id_), IsOk());
  Store(Issue(3), "revoked");
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  EXPECT_FALSE(opened->satisfiable);
  EXPECT_TRUE(opened->queries[0].candidates.empty());
  EXPECT_EQ(opened->unmatched_queries, std::vector<std::string>{"skill"});
  // Nothing to send: the choice of a credential not offered is refused before anything goes out.
  const ShareChoice choice{.query_id = "skill", .record_id = credential_id_};
  EXPECT_THAT(SendPresentation(verifier_http_, *vault_, *opened, std::span(&choice, 1), options_),
              FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(verifier_http_.posts.empty());
}

TEST_F(RespondTest, ALevelBelowTheQueryIsNotOffered) {
  ASSERT_THAT(vault_->Delete(credential_id_), IsOk());
  Store(Issue(1), "valid");
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  EXPECT_TRUE(opened->queries[0].candidates.empty());
}

TEST_F(RespondTest, AnIncompleteAnswerIsRefusedBeforeAnythingIsSent) {
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  EXPECT_THAT(SendPresentation(verifier_http_, *vault_, *opened, {}, options_),
              FailsWithMessage(ErrorCode::kFailedPrecondition, "does not answer everything"));
  const ShareChoice unknown{.query_id = "diploma", .record_id = credential_id_};
  EXPECT_THAT(SendPresentation(verifier_http_, *vault_, *opened, std::span(&unknown, 1), options_),
              FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(verifier_http_.posts.empty());
  EXPECT_EQ(Count(RecordKind::kShare), 0u);
}

TEST_F(RespondTest, AVerifierRefusalIsReportedAfterTheShareIsLogged) {
  verifier_http_.post_status = 400;
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  EXPECT_THAT(SendPresentation(verifier_http_, *vault_, *opened, DefaultChoices(*opened), options_),
              FailsWithMessage(ErrorCode::kFailedPrecondition, "HTTP 400"));
  EXPECT_EQ(Count(RecordKind::kShare), 1u);  // it did leave the wallet
}

TEST_F(RespondTest, BadRequestsAreRefusedWithNothingSent) {
  const oid4vc::AuthorizationRequest request = Request();
  // Not an OpenID4VP link, or too long.
  EXPECT_THAT(Open("mailto:someone@example.org"), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(Open("openid4vp://?client_id=x&request_uri=" + std::string(10000, 'a')), FailsWith(ErrorCode::kResourceExhausted));
  // Plain http to another host, or to loopback without the switch.
  EXPECT_THAT(Open(oid4vc::MakeRequestLink(request.client_id, "http://werkgever.example/request/1")),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(Open(oid4vc::MakeRequestLink(request.client_id, "http://127.0.0.1:9/request/1")),
              FailsWithMessage(ErrorCode::kInvalidArgument, "https"));
  // request_uri_method=post: a wallet without POST support GETs the request (OpenID4VP 1.0 §5.1).
  const int gets_before = verifier_http_.gets;
  Publish(request);
  EXPECT_THAT(Open("openid4vp://?client_id=" + http::FormEncode(request.client_id) + "&request_uri=" +
                   http::FormEncode(std::string(kBase) + "/request/" + std::to_string(published_)) + "&request_uri_method=post"),
              IsOk());
  EXPECT_EQ(verifier_http_.gets, gets_before + 1);
  // Signed by another key than the client_id's DID names.
  const jose::PrivateJwk impostor = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  EXPECT_THAT(Open(Publish(request, &impostor)), FailsWith(ErrorCode::kUnauthenticated));
  // The link names another client than the Request Object.
  EXPECT_THAT(Open(Publish(request, nullptr, "decentralized_identifier:did:jwk:eyJrdHkiOiJFQyJ9")),
              FailsWith(ErrorCode::kPermissionDenied));
  // Encrypted responses are asked for: we do not encrypt.
  oid4vc::AuthorizationRequest jwt_mode = request;
  jwt_mode.response_mode = "direct_post.jwt";
  EXPECT_THAT(Open(Publish(jwt_mode)), FailsWith(ErrorCode::kInvalidArgument));
  // An unknown request_uri.
  EXPECT_THAT(Open(oid4vc::MakeRequestLink(request.client_id, std::string(kBase) + "/request/none")),
              FailsWith(ErrorCode::kNotFound));
  EXPECT_TRUE(verifier_http_.posts.empty());
  EXPECT_EQ(Count(RecordKind::kShare) + Count(RecordKind::kHistory), 0u);
}

TEST_F(RespondTest, WhatTheVerifierSaysAboutItselfIsMadeSafeToShow) {
  oid4vc::AuthorizationRequest request = Request();
  request.client_metadata = Json{{"client_name", "\x1b[2J\x1b[HGemeente\r\nWho asks: did:web:bank.example \u202eknab " + std::string(300, 'x')}};
  auto opened = Open(Publish(request));
  ASSERT_THAT(opened, IsOk());
  ASSERT_TRUE(opened->verifier_name.has_value());
  const std::string& name = *opened->verifier_name;
  EXPECT_EQ(name.find('\x1b'), std::string::npos);
  EXPECT_EQ(name.find('\n'), std::string::npos);
  EXPECT_EQ(name.find('\r'), std::string::npos);
  EXPECT_EQ(name.find("\u202e"), std::string::npos);
  EXPECT_LE(name.size(), 120u);
}

TEST_F(RespondTest, AShareIsLoggedEvenWhenTheVerifierDoesNotAnswer) {
  verifier_http_.post_fails = true;
  auto opened = Open(Publish(Request()));
  ASSERT_THAT(opened, IsOk());
  EXPECT_THAT(SendPresentation(verifier_http_, *vault_, *opened, DefaultChoices(*opened), options_),
              FailsWith(ErrorCode::kDeadlineExceeded));
  auto shares = vault_->List(RecordKind::kShare);
  ASSERT_THAT(shares, IsOk());
  ASSERT_EQ(shares->records.size(), 1u);  // it may have reached the verifier: the person is told
  EXPECT_THAT(shares->records[0].content["outcome"].get<std::string>(), HasSubstr("sent, no answer"));
}

}  // namespace
}  // namespace vaardig::wallet
