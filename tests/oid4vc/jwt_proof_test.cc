#include <gtest/gtest.h>

#include "core/did/did_jwk.h"
#include "core/did/did_key.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/jose/jwt.h"
#include "core/oid4vc/credential_request.h"
#include "tests/oid4vc/oid4vci_test_util.h"

namespace vaardig::oid4vc {
namespace {

using testutil::FailsWith;
using testutil::IsOk;
using testutil::OAuthFailsWith;

constexpr std::int64_t kNow = 1'763'900'000;
constexpr const char* kAud = "https://issuer.gemeente-voorbeeld.nl";

class JwtProof : public ::testing::Test {
 protected:
  jose::PrivateJwk es256_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  jose::PrivateJwk ed25519_ = jose::PrivateJwk::Generate(jose::Algorithm::kEdDsa).value();

  ProofPolicy Policy() const {
    ProofPolicy p;
    p.audience = kAud;
    p.now = kNow;
    return p;
  }

  JwtProofInput Input(const jose::PrivateJwk& key) const {
    JwtProofInput in;
    in.key = &key;
    in.audience = kAud;
    in.nonce = "c-nonce-1";
    in.iat = kNow - 10;
    return in;
  }

  // A proof with full control over header members and claims, signed by es256_.
  std::string Sign(const Json& header, const Json& claims) const { return jose::SignJwt(es256_, header, claims).value(); }
  Json Header() const { return Json{{"typ", "openid4vci-proof+jwt"}, {"jwk", es256_.public_jwk().ToJson()}}; }
  Json Claims() const { return Json{{"aud", kAud}, {"iat", kNow}, {"nonce", "n"}}; }
};

TEST_F(JwtProof, Es256WithJwkHeaderVerifies) {
  JwtProofInput in = Input(es256_);
  in.iss = "wallet-client";
  const std::string jwt = MakeJwtProof(in).value();
  auto parsed = jose::ParseCompactJws(jwt).value();
  EXPECT_EQ(parsed.header["typ"], "openid4vci-proof+jwt");
  EXPECT_EQ(parsed.header["alg"], "ES256");
  EXPECT_FALSE(parsed.header["jwk"].contains("d"));
  auto proof = VerifyJwtProof(jwt, Policy());
  ASSERT_THAT(proof, IsOk());
  EXPECT_EQ(proof->holder_key, es256_.public_jwk());
  EXPECT_FALSE(proof->holder_did.has_value());
  EXPECT_EQ(proof->nonce, "c-nonce-1");
  EXPECT_EQ(proof->iss, "wallet-client");
  EXPECT_EQ(proof->iat, kNow - 10);
}

TEST_F(JwtProof, Ed25519WithDidKeyKidVerifies) {
  const std::string did = did::CreateDidKey(ed25519_.public_jwk()).value();
  JwtProofInput in = Input(ed25519_);
  in.kid = did + "#" + did.substr(std::string("did:key:").size());
  auto proof = VerifyJwtProof(MakeJwtProof(in).value(), Policy());
  ASSERT_THAT(proof, IsOk());
  EXPECT_EQ(proof->holder_did, did);
  EXPECT_EQ(proof->holder_key, ed25519_.public_jwk());
}

TEST_F(JwtProof, DidJwkKidVerifies) {
  const std::string did = did::CreateDidJwk(es256_.public_jwk());
  JwtProofInput in = Input(es256_);
  in.kid = did + "#0";
  auto proof = VerifyJwtProof(MakeJwtProof(in).value(), Policy());
  ASSERT_THAT(proof, IsOk());
  EXPECT_EQ(proof->holder_did, did);
  EXPECT_EQ(proof->holder_key, es256_.public_jwk());
}

TEST_F(JwtProof, AudienceMayBeAnArray) {
  Json claims = Claims();
  claims["aud"] = Json::array({"https://other.example", kAud});
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), IsOk());
}

TEST_F(JwtProof, NonceIsOptionalWhenThePolicySaysSo) {
  JwtProofInput in = Input(es256_);
  in.nonce.reset();
  ProofPolicy policy = Policy();
  policy.require_nonce = false;
  auto proof = VerifyJwtProof(MakeJwtProof(in).value(), policy);
  ASSERT_THAT(proof, IsOk());
  EXPECT_FALSE(proof->nonce.has_value());
}

TEST_F(JwtProof, MissingNonceIsInvalidProof) {
  JwtProofInput in = Input(es256_);
  in.nonce.reset();
  EXPECT_THAT(VerifyJwtProof(MakeJwtProof(in).value(), Policy()), OAuthFailsWith(errors::kInvalidProof, "missing claim 'nonce'"));
}

TEST_F(JwtProof, RejectsWrongTyp) {
  Json header = Header();
  header["typ"] = "JWT";
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "'typ' must be openid4vci-proof+jwt"));
  header.erase("typ");
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "'typ' must be"));
  header["typ"] = "kb+jwt";
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "'typ' must be"));
}

TEST_F(JwtProof, RejectsWrongOrMissingAudience) {
  Json claims = Claims();
  claims["aud"] = "https://evil.example";
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'aud' is not this Credential Issuer"));
  claims["aud"] = Json::array({"https://evil.example"});
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'aud' is not"));
  claims.erase("aud");
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "missing claim 'aud'"));
}

TEST_F(JwtProof, RejectsStaleFutureAndMissingIat) {
  Json claims = Claims();
  claims["iat"] = kNow - 301;
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'iat' is too old"));
  claims["iat"] = kNow - 300;
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), IsOk());
  claims["iat"] = kNow + 61;
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'iat' is in the future"));
  claims["iat"] = kNow + 60;
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), IsOk());
  claims["iat"] = "1763900000";
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'iat' must be an integer"));
  claims.erase("iat");
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "missing claim 'iat'"));
}

TEST_F(JwtProof, RejectsExpiredAndBadClaimTypes) {
  Json claims = Claims();
  claims["exp"] = kNow - 120;
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'exp' has passed"));
  claims = Claims();
  claims["iss"] = 5;
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'iss' must be a string"));
  claims = Claims();
  claims["nonce"] = "";
  EXPECT_THAT(VerifyJwtProof(Sign(Header(), claims), Policy()), OAuthFailsWith(errors::kInvalidProof, "'nonce' must be a non-empty string"));
}

std::string Unsigned(const Json& header, const Json& claims, std::string_view signature) {
  return encoding::Base64UrlEncode(DumpJson(header)) + "." + encoding::Base64UrlEncode(DumpJson(claims)) + "." + std::string(signature);
}

TEST_F(JwtProof, RejectsAlgNone) {
  Json header = Header();
  header["alg"] = "none";
  EXPECT_THAT(VerifyJwtProof(Unsigned(header, Claims(), "AAAA"), Policy()), OAuthFailsWith(errors::kInvalidProof, "none"));
}

TEST_F(JwtProof, RejectsHs256) {
  Json header = Header();
  header["alg"] = "HS256";
  EXPECT_THAT(VerifyJwtProof(Unsigned(header, Claims(), encoding::Base64UrlEncode(std::string(32, 'k'))), Policy()),
              OAuthFailsWith(errors::kInvalidProof, "HS256"));
}

TEST_F(JwtProof, RejectsAnAlgorithmThePolicyDoesNotAllow) {
  ProofPolicy policy = Policy();
  policy.algorithms = {"EdDSA"};
  EXPECT_THAT(VerifyJwtProof(MakeJwtProof(Input(es256_)).value(), policy), OAuthFailsWith(errors::kInvalidProof, "alg ES256 is not accepted"));
}

TEST_F(JwtProof, RejectsTamperedSignatureAndPayload) {
  const std::string jwt = MakeJwtProof(Input(es256_)).value();
  const std::size_t dot = jwt.rfind('.');
  std::string bad_sig = jwt;
  bad_sig[dot + 5] = bad_sig[dot + 5] == 'A' ? 'B' : 'A';
  EXPECT_THAT(VerifyJwtProof(bad_sig, Policy()), OAuthFailsWith(errors::kInvalidProof, "key proof:"));

  // The payload swapped for one naming another audience: the signature no longer covers it.
  const std::size_t first = jwt.find('.');
  Json claims = Claims();
  const std::string swapped = jwt.substr(0, first + 1) + encoding::Base64UrlEncode(DumpJson(claims)) + jwt.substr(dot);
  EXPECT_THAT(VerifyJwtProof(swapped, Policy()), OAuthFailsWith(errors::kInvalidProof, "key proof:"));
}

TEST_F(JwtProof, RejectsAKeyOtherThanTheSigner) {
  // jwk names es256_ but ed25519_ signs: alg EdDSA does not match the EC key.
  Json header = Header();
  EXPECT_THAT(VerifyJwtProof(jose::SignJwt(ed25519_, header, Claims()).value(), Policy()), OAuthFailsWith(errors::kInvalidProof, "key proof:"));
  // Another P-256 key in jwk: the signature does not verify.
  const auto other = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  header["jwk"] = other.public_jwk().ToJson();
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "key proof:"));
}

TEST_F(JwtProof, RejectsKeyHeaderCombinations) {
  Json header = Header();
  header["kid"] = did::CreateDidJwk(es256_.public_jwk()) + "#0";
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "exactly one of 'jwk', 'kid' and 'x5c'"));
  header.erase("jwk");
  header.erase("kid");
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "exactly one of"));
  header["x5c"] = Json::array({"MIIB"});
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "'x5c' key proofs are not supported"));
}

TEST_F(JwtProof, RejectsAPrivateJwk) {
  Json header = Header();
  header["jwk"] = es256_.ExportPrivateJson();
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "private key members"));
}

TEST_F(JwtProof, RejectsAnEncryptionKey) {
  Json header = Header();
  header["jwk"]["use"] = "enc";
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "not for signatures"));
}

TEST_F(JwtProof, RejectsBadKids) {
  Json header = Header();
  header.erase("jwk");
  for (const std::string kid : {"key-1", "did:web:wallet.example#key-1", "https://wallet.example/key"}) {
    header["kid"] = kid;
    EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "did:jwk or did:key DID URL")) << kid;
  }
  header["kid"] = did::CreateDidJwk(es256_.public_jwk());
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "with a fragment"));
  header["kid"] = did::CreateDidJwk(es256_.public_jwk()) + "#1";
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "header 'kid':"));
  header["kid"] = 7;
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "key proof:"));
  // A did:jwk of another key: the signature does not verify.
  header["kid"] = did::CreateDidJwk(jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value().public_jwk()) + "#0";
  EXPECT_THAT(VerifyJwtProof(Sign(header, Claims()), Policy()), OAuthFailsWith(errors::kInvalidProof, "key proof:"));
}

TEST_F(JwtProof, RejectsGarbageAndOversizedInput) {
  EXPECT_THAT(VerifyJwtProof("not-a-jwt", Policy()), OAuthFailsWith(errors::kInvalidProof, "three base64url parts"));
  EXPECT_THAT(VerifyJwtProof(std::string(16 * 1024 + 1, 'a'), Policy()), OAuthFailsWith(errors::kInvalidProof, "larger than 16 KiB"));
  // A signed payload that is not a JSON object.
  EXPECT_THAT(VerifyJwtProof(jose::SignCompactJws(es256_, Header(), AsBytes(std::string_view("[1]"))).value(), Policy()),
              OAuthFailsWith(errors::kInvalidProof, "payload"));
}

TEST_F(JwtProof, MakeNeedsKeyAndAudience) {
  JwtProofInput in;
  EXPECT_THAT(MakeJwtProof(in), FailsWith(ErrorCode::kInvalidArgument, "needs a key"));
  in.key = &es256_;
  EXPECT_THAT(MakeJwtProof(in), FailsWith(ErrorCode::kInvalidArgument, "needs an audience"));
}

}  // namespace
}  // namespace vaardig::oid4vc
