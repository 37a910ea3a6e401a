// Data Integrity proofs whose verificationMethod is a did:jwk or a did:web DID URL: the key is
// found through the DID resolver (did:web from a loopback TestHttpServer), with the proof
// purpose's verification relationship enforced.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "core/common/clock.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/did/did_jwk.h"
#include "core/did/resolver.h"
#include "core/encoding/base64url.h"
#include "core/http/client.h"
#include "core/http/test_server.h"
#include "core/jose/jwk.h"
#include "tests/dataintegrity/test_util.h"

namespace vaardig::dataintegrity {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

Json Credential() {
  return Json::parse(R"({"@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"], "issuer": "https://gemeente-voorbeeld.example",
    "credentialSubject": {"id": "did:example:sanne", "name": "Snoeien van bomen"}})");
}

ProofOptions Options(Cryptosuite suite, std::string method, std::string purpose = "assertionMethod") {
  ProofOptions options;
  options.cryptosuite = suite;
  options.verification_method = std::move(method);
  options.proof_purpose = std::move(purpose);
  options.created = "2026-11-01T09:00:00Z";
  return options;
}

VerifyPolicy Policy(std::string purpose = "assertionMethod") {
  static const FixedClock clock(1'800'000'000);
  VerifyPolicy policy;
  policy.clock = &clock;
  policy.expected_proof_purpose = std::move(purpose);
  return policy;
}

Status Verify(const Json& secured, did::DidResolver& resolver, const VerifyPolicy& policy = Policy()) {
  auto result = VerifyProofs(secured, DidVerificationKeyLookup(resolver), {}, policy);
  if (!result) return Fail(result.error());
  return result->status();
}

TEST(DidMethods, DidJwkEd25519KeyVerifiesBothCryptosuites) {
  auto key = jose::PrivateJwk::Generate(jose::Algorithm::kEdDsa);
  ASSERT_THAT(key, IsOk());
  const std::string did = did::CreateDidJwk(key->public_jwk());
  const Json exported = key->ExportPrivateJson();
  auto seed = encoding::Base64UrlDecode(exported["d"].get<std::string>());
  ASSERT_THAT(seed, IsOk());
  auto signing = crypto::Ed25519PrivateKey::FromSeed(crypto::SecretBytes::Adopt(std::move(*seed)));
  ASSERT_THAT(signing, IsOk());
  did::DidResolver resolver(nullptr);
  for (const Cryptosuite suite : {Cryptosuite::kEddsaRdfc2022, Cryptosuite::kEddsaJcs2022}) {
    auto secured = AddProof(Credential(), Options(suite, did + "#0"), *signing);
    ASSERT_THAT(secured, IsOk());
    EXPECT_THAT(Verify(*secured, resolver), IsOk()) << CryptosuiteName(suite);
    Json changed = *secured;
    changed["credentialSubject"]["name"] = "Lassen";
    EXPECT_THAT(Verify(changed, resolver), FailsWith(ErrorCode::kUnauthenticated));
  }
}

TEST(DidMethods, DidJwkP256KeyCannotCheckAnEddsaProof) {
  auto p256 = jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
  ASSERT_THAT(p256, IsOk());
  const std::string did = did::CreateDidJwk(p256->public_jwk());
  const auto ed = crypto::Ed25519PrivateKey::Generate();
  auto secured = AddProof(Credential(), Options(Cryptosuite::kEddsaRdfc2022, did + "#0"), ed);
  ASSERT_THAT(secured, IsOk());
  did::DidResolver resolver(nullptr);
  EXPECT_THAT(Verify(*secured, resolver), FailsWith(ErrorCode::kUnauthenticated));
}

class DidWebTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = http::TestHttpServer::Start({});
    ASSERT_THAT(server, IsOk());
    server_ = std::move(*server);
    auto fetcher = http::BeastHttpFetcher::Create();
    ASSERT_THAT(fetcher, IsOk());
    fetcher_ = std::move(*fetcher);
    did_ = "did:web:127.0.0.1%3A" + std::to_string(server_->port());
    const std::string assert_key = EncodeEd25519Multikey(assert_.public_key());
    const std::string auth_key = EncodeEd25519Multikey(auth_.public_key());
    const Json document = {
        {"@context", {"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}},
        {"id", did_},
        {"verificationMethod",
         {{{"id", did_ + "#assert"}, {"type", "Multikey"}, {"controller", did_}, {"publicKeyMultibase", assert_key}},
          {{"id", did_ + "#auth"}, {"type", "Multikey"}, {"controller", did_}, {"publicKeyMultibase", auth_key}}}},
        {"assertionMethod", {did_ + "#assert"}},
        {"authentication", {did_ + "#auth"}}};
    server_->SetRoute("/.well-known/did.json", {.content_type = "application/did+json", .body = document.dump()});
  }

  did::ResolverOptions ResolverOptions() const {
    did::ResolverOptions options;
    options.allow_http_for_loopback = true;
    options.fetch_limits.timeout = std::chrono::milliseconds(2000);
    return options;
  }

  std::unique_ptr<http::TestHttpServer> server_;
  std::unique_ptr<http::BeastHttpFetcher> fetcher_;
  std::string did_;
  crypto::Ed25519PrivateKey assert_ = crypto::Ed25519PrivateKey::Generate();
  crypto::Ed25519PrivateKey auth_ = crypto::Ed25519PrivateKey::Generate();
};

TEST_F(DidWebTest, AssertionKeyFromTheDocumentVerifiesTheCredential) {
  did::DidResolver resolver(fetcher_.get(), ResolverOptions());
  auto secured = AddProof(Credential(), Options(Cryptosuite::kEddsaRdfc2022, did_ + "#assert"), assert_);
  ASSERT_THAT(secured, IsOk());
  EXPECT_THAT(Verify(*secured, resolver), IsOk());
  EXPECT_EQ(server_->request_count(), 1);
}

TEST_F(DidWebTest, AnAuthenticationKeyCannotMakeAnAssertion) {
  did::DidResolver resolver(fetcher_.get(), ResolverOptions());
  // Signed by the authentication key but claiming assertionMethod: the DID document does not
  // list that key for assertions.
  auto secured = AddProof(Credential(), Options(Cryptosuite::kEddsaRdfc2022, did_ + "#auth"), auth_);
  ASSERT_THAT(secured, IsOk());
  EXPECT_THAT(Verify(*secured, resolver), FailsWith(ErrorCode::kPermissionDenied));
}

TEST_F(DidWebTest, WrongKeyForTheMethodIsRejected) {
  did::DidResolver resolver(fetcher_.get(), ResolverOptions());
  auto secured = AddProof(Credential(), Options(Cryptosuite::kEddsaRdfc2022, did_ + "#assert"), auth_);
  ASSERT_THAT(secured, IsOk());
  EXPECT_THAT(Verify(*secured, resolver), FailsWith(ErrorCode::kUnauthenticated));
}

TEST_F(DidWebTest, UnreachableDocumentIsCouldNotCheck) {
  did::DidResolver resolver(fetcher_.get(), ResolverOptions());
  auto secured = AddProof(Credential(), Options(Cryptosuite::kEddsaRdfc2022, did_ + "#assert"), assert_);
  ASSERT_THAT(secured, IsOk());
  server_->Stop();
  const auto status = Verify(*secured, resolver);
  ASSERT_FALSE(status.has_value());
  EXPECT_TRUE(IsCouldNotCheck(status.error().code())) << status.error();
}

// The reason for safe mode: VC 2.0 does not define "skill", so JSON-LD drops it from the RDF an
// eddsa-rdfc-2022 proof signs. Signing it would let anyone change the skill afterwards without
// breaking the proof; Vaardig refuses to sign or verify such a document instead.
TEST(SafeMode, UndefinedTermsAreRefusedWhenSigningAndVerifying) {
  const auto key = crypto::Ed25519PrivateKey::Generate();
  const std::string multikey = EncodeEd25519Multikey(key.public_key());
  ProofOptions options = Options(Cryptosuite::kEddsaRdfc2022, "did:key:" + multikey + "#" + multikey);
  Json undefined = Credential();
  undefined["credentialSubject"]["skill"] = "snoeien";
  auto refused = AddProof(undefined, options, key);
  ASSERT_THAT(refused, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_NE(refused.error().message().find("safe mode: property 'skill'"), std::string::npos) << refused.error();

  // Signed without the term, then the term added: verification refuses rather than ignoring it.
  auto secured = AddProof(Credential(), options, key);
  ASSERT_THAT(secured, IsOk());
  did::DidResolver resolver(nullptr);
  ASSERT_THAT(Verify(*secured, resolver), IsOk());
  Json smuggled = *secured;
  smuggled["credentialSubject"]["skill"] = "snoeien";
  EXPECT_THAT(Verify(smuggled, resolver), FailsWith(ErrorCode::kInvalidArgument));

  // With the contexts' @vocab for undefined terms the term is signed (and protected).
  Json vocab = undefined;
  vocab["@context"].push_back("https://www.w3.org/ns/credentials/undefined-terms/v2");
  auto signed_vocab = AddProof(vocab, options, key);
  ASSERT_THAT(signed_vocab, IsOk());
  EXPECT_THAT(Verify(*signed_vocab, resolver), IsOk());
  (*signed_vocab)["credentialSubject"]["skill"] = "lassen";
  EXPECT_THAT(Verify(*signed_vocab, resolver), FailsWith(ErrorCode::kUnauthenticated));
}

}  // namespace
}  // namespace vaardig::dataintegrity
