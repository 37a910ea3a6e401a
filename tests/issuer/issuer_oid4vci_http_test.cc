// OpenID4VCI 1.0 pre-authorized code flow against the issuer's real server (issue 7): offer by
// reference, token with PIN, nonce, credential with a `jwt` key proof, both formats verified with
// the keys the issuer publishes. Then every bad input with the spec's error code and HTTP status,
// each leaving no credentials row behind.
#include <gtest/gtest.h>

#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/did/did_key.h"
#include "core/http/message.h"
#include "core/jose/jws.h"
#include "core/oid4vc/credential_request.h"
#include "core/oid4vc/token.h"
#include "core/sdjwt/vc.h"
#include "tests/issuer/oid4vci_http_test_util.h"

namespace vaardig::issuer {
namespace {

using testing::kPublicUrl;
using testing::kSeedNow;
using testing::Reply;

class Oid4vciHttpTest : public testing::IssuerServerTest {
 protected:
  Reply Token(const std::string& code, std::optional<std::string> pin,
              std::string grant_type = std::string(oid4vc::kPreAuthorizedCodeGrantType)) {
    std::string form = "grant_type=" + http::FormEncode(grant_type) + "&pre-authorized_code=" + http::FormEncode(code);
    if (pin) form += "&tx_code=" + http::FormEncode(*pin);
    return Send({.method = "POST", .target = "/token", .body = form,
                 .content_type = "application/x-www-form-urlencoded"});
  }
  std::string AccessToken(const NewOffer& offer) {
    Reply r = Token(offer.pre_authorized_code, offer.tx_code);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.JsonBody().value("access_token", "");
  }
  std::string Nonce() {
    Reply r = Send({.method = "POST", .target = "/nonce"});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    return r.JsonBody().value("c_nonce", "");
  }
  std::string Proof(const jose::PrivateJwk& key, std::optional<std::string> nonce, std::optional<std::string> kid = {},
                    std::string aud = std::string(kPublicUrl), std::int64_t iat = kSeedNow) {
    auto proof = oid4vc::MakeJwtProof({.key = &key, .kid = std::move(kid), .audience = std::move(aud),
                                       .nonce = std::move(nonce), .iat = iat, .iss = {}});
    EXPECT_TRUE(proof.has_value());
    return proof ? *proof : "";
  }
  static std::string Request(std::string_view configuration, const std::vector<std::string>& proofs) {
    Json body{{"credential_configuration_id", configuration}};
    if (!proofs.empty()) body["proofs"] = Json{{"jwt", proofs}};
    return DumpJson(body);
  }
  // Asserts an OAuth error body and that no credential was written.
  void ExpectOAuthError(const Reply& r, int status, std::string_view error) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.JsonBody().value("error", ""), error) << r.body;
    EXPECT_FALSE(r.JsonBody().value("error_description", "").empty());
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    EXPECT_EQ(Credentials(), 0);
  }

  jose::PrivateJwk es256_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  jose::PrivateJwk ed25519_ = jose::PrivateJwk::Generate(jose::Algorithm::kEdDsa).value();
};

TEST_F(Oid4vciHttpTest, WholeFlowIssuesBothFormatsThatVerifyWithThePublishedKeys) {
  const NewOffer offer = MakeOffer();
  EXPECT_EQ(offer.offer_uri, std::string(kPublicUrl) + "/credential-offer/" + offer.offer_id);
  Reply got = Get("/credential-offer/" + offer.offer_id);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.Header("Cache-Control"), "no-store");
  const Json offer_json = got.JsonBody();
  EXPECT_EQ(offer_json.at("credential_issuer"), kPublicUrl);
  EXPECT_EQ(offer_json.at("credential_configuration_ids"),
            Json::array({kSkillSdJwtConfiguration, kSkillBadgeConfiguration}));
  const Json& grant = offer_json.at("grants").at(std::string(oid4vc::kPreAuthorizedCodeGrantType));
  EXPECT_EQ(grant.at("pre-authorized_code"), offer.pre_authorized_code);
  EXPECT_TRUE(grant.contains("tx_code"));

  Reply token = Token(offer.pre_authorized_code, offer.tx_code);
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(token.Header("Cache-Control"), "no-store");
  EXPECT_EQ(token.JsonBody().at("token_type"), "Bearer");
  EXPECT_EQ(token.JsonBody().at("expires_in"), kAccessTokenTtlSeconds);
  const std::string access = token.JsonBody().at("access_token").get<std::string>();

  // SD-JWT VC, bound to an ES256 key given as a jwk header.
  Reply sd = PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, Nonce())}), access);
  ASSERT_EQ(sd.status, 200) << sd.body;
  EXPECT_EQ(sd.Header("Cache-Control"), "no-store");
  const std::string sd_jwt = sd.JsonBody().at("credentials").at(0).at("credential").get<std::string>();
  const Json issuer_metadata = Get("/.well-known/jwt-vc-issuer").JsonBody();
  sdjwt::IssuerKeyLookup lookup = [&](const Json& header, const Json&) -> Result<jose::PublicJwk> {
    for (const Json& key : issuer_metadata.at("jwks").at("keys")) {
      if (key.value("kid", "") == header.value("kid", "-")) return jose::PublicJwk::Parse(key);
    }
    return Fail(ErrorCode::kNotFound, "kid not in the issuer metadata");
  };
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = clock_.get();
  policy.accepted_typ = {"dc+sd-jwt"};
  auto verified = sdjwt::VerifySdJwtVc(sd_jwt, lookup, policy);
  ASSERT_TRUE(verified.has_value()) << verified.error();
  EXPECT_EQ(verified->claims().at("iss"), kPublicUrl);
  EXPECT_EQ(verified->claims().at("vct"), std::string(kPublicUrl) + "/vct/skill/v1");
  EXPECT_EQ(verified->claims().at("cnf").at("jwk").at("x"), es256_.public_jwk().ToJson().at("x"));
  EXPECT_EQ(verified->claims().at("skill").at("level"), 2);

  // Open Badge, bound to a did:key named by the proof's kid.
  const std::string did = did::CreateDidKey(ed25519_.public_jwk()).value();
  const std::string kid = did + "#" + did.substr(std::string_view("did:key:").size());
  Reply badge = PostJson("/credential", Request(kSkillBadgeConfiguration, {Proof(ed25519_, Nonce(), kid)}), access);
  ASSERT_EQ(badge.status, 200) << badge.body;
  const Json credential = badge.JsonBody().at("credentials").at(0).at("credential");
  ASSERT_TRUE(credential.is_object());
  EXPECT_EQ(credential.at("credentialSubject").at("id"), did);
  const Json did_document = Get("/.well-known/did.json").JsonBody();
  dataintegrity::VerificationKeyLookup methods = [&](std::string_view vm, std::string_view) -> Result<crypto::Ed25519PublicKey> {
    for (const Json& method : did_document.at("verificationMethod")) {
      if (method.value("id", "") == vm) return dataintegrity::DecodeEd25519Multikey(method.value("publicKeyMultibase", ""));
    }
    return Fail(ErrorCode::kNotFound, "no such verification method");
  };
  auto proofs = dataintegrity::VerifyProofs(credential, methods, dataintegrity::BundledJsonLdCanonicalizer(),
                                            {.clock = clock_.get()});
  ASSERT_TRUE(proofs.has_value()) << proofs.error();
  EXPECT_TRUE(proofs->verified()) << proofs->status().error();
  EXPECT_EQ(Credentials(), 2);

  // Each configuration once per offer.
  Reply again = PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, Nonce())}), access);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.JsonBody().value("error", ""), "credential_request_denied");
  EXPECT_EQ(Credentials(), 2);
}

TEST_F(Oid4vciHttpTest, TokenEndpointRefusesBadRequestsWithRfc6749Errors) {
  const NewOffer offer = MakeOffer();
  const std::string code = offer.pre_authorized_code;
  ExpectOAuthError(Send({.method = "POST", .target = "/token", .body = DumpJson(Json{{"pre-authorized_code", code}}),
                         .content_type = "application/json"}),
                   400, "invalid_request");
  ExpectOAuthError(Send({.method = "POST", .target = "/token", .body = "grant_type=%zz",
                         .content_type = "application/x-www-form-urlencoded"}),
                   400, "invalid_request");
  ExpectOAuthError(Send({.method = "POST", .target = "/token", .body = "pre-authorized_code=" + code,
                         .content_type = "application/x-www-form-urlencoded"}),
                   400, "invalid_request");
  ExpectOAuthError(Token(code, offer.tx_code, "authorization_code"), 400, "unsupported_grant_type");
  ExpectOAuthError(Token("unknown-code", offer.tx_code), 400, "invalid_grant");
  ExpectOAuthError(Token(code, std::nullopt), 400, "invalid_request");  // §6.3: a missing tx_code
  Reply big = Send({.method = "POST", .target = "/token", .body = std::string(5000, 'a'),
                    .content_type = "application/x-www-form-urlencoded"});
  EXPECT_EQ(big.status, 413);
  // The code still works after all that.
  EXPECT_EQ(Token(code, offer.tx_code).status, 200);
  // Single use.
  ExpectOAuthError(Token(code, offer.tx_code), 400, "invalid_grant");
}

TEST_F(Oid4vciHttpTest, FiveWrongPinsBurnTheCode) {
  const NewOffer offer = MakeOffer();
  const std::string wrong = offer.tx_code == "000000" ? "111111" : "000000";
  for (int i = 0; i < kMaxPinFailures; ++i) ExpectOAuthError(Token(offer.pre_authorized_code, wrong), 400, "invalid_grant");
  ExpectOAuthError(Token(offer.pre_authorized_code, offer.tx_code), 400, "invalid_grant");
  EXPECT_EQ(Get("/credential-offer/" + offer.offer_id).status, 404);
}

TEST_F(Oid4vciHttpTest, ExpiredCodeAndUnknownOfferAreRefused) {
  const NewOffer offer = MakeOffer();
  clock_->Advance(kOfferTtlSeconds + 1);
  ExpectOAuthError(Token(offer.pre_authorized_code, offer.tx_code), 400, "invalid_grant");
  Reply missing = Get("/credential-offer/" + offer.offer_id);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.JsonBody().value("error", ""), "not_found");
  EXPECT_EQ(Get("/credential-offer/" + std::string(200, 'x')).status, 404);
}

TEST_F(Oid4vciHttpTest, CredentialEndpointNeedsAValidBearerToken) {
  const NewOffer offer = MakeOffer();
  Reply none = PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, Nonce())}));
  ExpectOAuthError(none, 401, "invalid_token");
  EXPECT_EQ(none.Header("WWW-Authenticate"), "Bearer error=\"invalid_token\"");
  Reply unknown = PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, Nonce())}), "not-a-token");
  ExpectOAuthError(unknown, 401, "invalid_token");
  EXPECT_EQ(unknown.Header("WWW-Authenticate"), "Bearer error=\"invalid_token\"");
  Reply basic = Send({.method = "POST", .target = "/credential", .body = Request(kSkillSdJwtConfiguration, {}),
                      .content_type = "application/json", .headers = {{"Authorization", "Basic dXNlcjpwdw=="}}});
  ExpectOAuthError(basic, 401, "invalid_token");
  // An access token expires.
  const std::string access = AccessToken(offer);
  clock_->Advance(kAccessTokenTtlSeconds + 1);
  const std::string nonce = Nonce();
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, nonce, {}, std::string(kPublicUrl), kSeedNow + kAccessTokenTtlSeconds + 1)}), access),
                   401, "invalid_token");
  {
    // A request refused for its token does not burn the proof's nonce: the same proof then works
    // with the right token.
    const std::string kept =
        Proof(es256_, Nonce(), {}, std::string(kPublicUrl), kSeedNow + kAccessTokenTtlSeconds + 1);
    ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {kept}), "not-a-token"), 401,
                     "invalid_token");
    Reply ok = PostJson("/credential", Request(kSkillSdJwtConfiguration, {kept}), AccessToken(MakeOffer()));
    EXPECT_EQ(ok.status, 200) << ok.body;
  }
}

TEST_F(Oid4vciHttpTest, MalformedCredentialRequestsAreRefused) {
  const std::string access = AccessToken(MakeOffer());
  const std::string proof = Proof(es256_, Nonce());
  ExpectOAuthError(PostJson("/credential", "{\"credential_configuration_id\":", access), 400, "invalid_credential_request");
  ExpectOAuthError(Send({.method = "POST", .target = "/credential", .body = Request(kSkillSdJwtConfiguration, {proof}),
                         .content_type = "text/plain", .headers = {{"Authorization", "Bearer " + access}}}),
                   400, "invalid_credential_request");
  ExpectOAuthError(PostJson("/credential", Request("nope", {proof}), access), 400, "unknown_credential_configuration");
  ExpectOAuthError(PostJson("/credential", DumpJson(Json{{"credential_identifier", "x"}, {"proofs", {{"jwt", {proof}}}}}), access),
                   400, "unknown_credential_identifier");
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {}), access), 400, "invalid_proof");
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {proof, proof}), access), 400,
                   "invalid_credential_request");
  ExpectOAuthError(PostJson("/credential", DumpJson(Json{{"credential_configuration_id", kSkillSdJwtConfiguration},
                                                         {"proof", {{"proof_type", "jwt"}, {"jwt", proof}}}}), access),
                   400, "invalid_credential_request");
  Reply big = PostJson("/credential", std::string(70 * 1024, ' '), access);
  EXPECT_EQ(big.status, 413);
  // The proof and its nonce were never used: they still work.
  EXPECT_EQ(PostJson("/credential", Request(kSkillSdJwtConfiguration, {proof}), access).status, 200);
}

TEST_F(Oid4vciHttpTest, BadKeyProofsAreInvalidProof) {
  const std::string access = AccessToken(MakeOffer());
  const std::string aud(kPublicUrl);
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, Nonce(), {}, "https://other.example")}), access),
                   400, "invalid_proof");
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, Nonce(), {}, aud, kSeedNow - 3600)}), access),
                   400, "invalid_proof");
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, std::nullopt)}), access), 400,
                   "invalid_proof");
  const Json payload{{"aud", aud}, {"iat", kSeedNow}, {"nonce", Nonce()}};
  const std::string payload_text = DumpJson(payload);
  auto wrong_typ = jose::SignCompactJws(es256_, Json{{"alg", "ES256"}, {"typ", "JWT"}, {"jwk", es256_.public_jwk().ToJson()}},
                                        AsBytes(payload_text));
  ASSERT_TRUE(wrong_typ.has_value());
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {*wrong_typ}), access), 400, "invalid_proof");
  const std::string none = encoding::Base64UrlEncode(DumpJson(Json{{"alg", "none"}, {"typ", oid4vc::kProofJwtTyp},
                                                                    {"jwk", es256_.public_jwk().ToJson()}})) +
                           "." + encoding::Base64UrlEncode(payload_text) + ".";
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {none}), access), 400, "invalid_proof");
}

TEST_F(Oid4vciHttpTest, NoncesAreSingleUseAndMustBeTheIssuers) {
  const std::string access = AccessToken(MakeOffer());
  ExpectOAuthError(PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, "made-up-nonce")}), access), 400,
                   "invalid_nonce");
  const std::string nonce = Nonce();
  ASSERT_EQ(PostJson("/credential", Request(kSkillSdJwtConfiguration, {Proof(es256_, nonce)}), access).status, 200);
  Reply replay = PostJson("/credential", Request(kSkillBadgeConfiguration, {Proof(es256_, nonce)}), access);
  EXPECT_EQ(replay.status, 400);
  EXPECT_EQ(replay.JsonBody().value("error", ""), "invalid_nonce");
  EXPECT_EQ(Credentials(), 1);
  // An expired nonce.
  const std::string old = Nonce();
  clock_->Advance(kNonceTtlSeconds + 1);
  // (The access token has expired as well by now; a fresh one, so the nonce is what is refused.)
  Reply stale = PostJson("/credential", Request(kSkillBadgeConfiguration, {Proof(es256_, old, {}, std::string(kPublicUrl), kSeedNow + kNonceTtlSeconds + 1)}),
                         AccessToken(MakeOffer()));
  EXPECT_EQ(stale.status, 400);
  EXPECT_EQ(stale.JsonBody().value("error", ""), "invalid_nonce");
  EXPECT_EQ(Credentials(), 1);
}

}  // namespace
}  // namespace vaardig::issuer
