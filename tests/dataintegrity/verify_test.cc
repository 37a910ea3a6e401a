// Mutations of the W3C vectors: each change must be rejected with its specific code. JCS ones use
// the real canonicalization; eddsa-rdfc-2022 ones tell the TEST FIXTURE canonicalizer the mutated
// document's N-Quads (the vector's, edited the same way), so the signature is what fails.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/common/clock.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/did/resolver.h"
#include "core/encoding/base64url.h"
#include "core/encoding/multibase.h"
#include "tests/dataintegrity/fixture_canonicalizer.h"
#include "tests/dataintegrity/test_util.h"

namespace vaardig::dataintegrity {
namespace {

using testutil::FailsWith;
using testutil::FixtureCanonicalizer;
using testutil::IsOk;
using testutil::ReadVector;
using testutil::ReadVectorJson;

const FixedClock kClock(1'700'000'000);  // 2023-11-14T22:13:20Z

VerifyPolicy Policy() {
  VerifyPolicy policy;
  policy.clock = &kClock;
  return policy;
}

// Verifies a one-proof document through did:key and returns that proof's status.
Status VerifySingle(const Json& document, const RdfCanonicalizer& canonicalizer = {},
                    const VerifyPolicy& policy = Policy()) {
  did::DidResolver resolver(nullptr);
  auto result = VerifyProofs(document, DidVerificationKeyLookup(resolver), canonicalizer, policy);
  if (!result) return Fail(result.error());
  EXPECT_EQ(result->proofs().size(), 1u);
  EXPECT_EQ(result->verified(), result->proofs()[0].verified());
  return result->proofs()[0].status;
}

Json SignedJcs() { return ReadVectorJson("eddsa-jcs-2022/signedJCS.json"); }

TEST(VerifyMutation, UnchangedJcsVectorVerifies) { EXPECT_THAT(VerifySingle(SignedJcs()), IsOk()); }

TEST(VerifyMutation, ChangedClaimIsUnauthenticated) {
  Json document = SignedJcs();
  document["credentialSubject"]["alumniOf"] = "The School of Forgeries";
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, AddedClaimIsUnauthenticated) {
  Json document = SignedJcs();
  document["validUntil"] = "2099-01-01T00:00:00Z";
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, ChangedProofOptionIsUnauthenticated) {
  Json document = SignedJcs();
  document["proof"]["created"] = "2023-02-24T23:36:39Z";
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, AddedProofOptionIsUnauthenticated) {
  Json document = SignedJcs();
  document["proof"]["nonce"] = "123";
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, ProofPurposeChangedToAnotherRelationshipIsUnauthenticated) {
  Json document = SignedJcs();
  document["proof"]["proofPurpose"] = "authentication";  // did:key lists the key there too
  VerifyPolicy policy = Policy();
  policy.expected_proof_purpose = "authentication";
  EXPECT_THAT(VerifySingle(document, {}, policy), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, WrongKeyIsUnauthenticated) {
  const crypto::Ed25519PublicKey other = crypto::Ed25519PrivateKey::Generate().public_key();
  auto result = VerifyProofs(
      SignedJcs(), [&](std::string_view, std::string_view) -> Result<crypto::Ed25519PublicKey> { return other; },
      {}, Policy());
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->proofs()[0].status, FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, OtherDidKeyAsVerificationMethodIsUnauthenticated) {
  Json document = SignedJcs();
  const std::string other = EncodeEd25519Multikey(crypto::Ed25519PrivateKey::Generate().public_key());
  document["proof"]["verificationMethod"] = "did:key:" + other + "#" + other;
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, P256MultikeyCannotCheckAnEddsaProof) {
  Json document = SignedJcs();
  const std::string p256 = "zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";  // did-method-key vector
  document["proof"]["verificationMethod"] = "did:key:" + p256 + "#" + p256;
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, UnknownFragmentOfTheDidIsNotFound) {
  Json document = SignedJcs();
  document["proof"]["verificationMethod"] =
      "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#key-2";
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kNotFound));
}

TEST(VerifyMutation, TruncatedProofValueIsInvalidArgument) {
  Json document = SignedJcs();
  std::string value = document["proof"]["proofValue"].get<std::string>();
  value.resize(value.size() - 4);
  document["proof"]["proofValue"] = value;
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(VerifyMutation, FlippedSignatureByteIsUnauthenticated) {
  Json document = SignedJcs();
  auto signature = DecodeProofValue(document["proof"]["proofValue"].get<std::string>());
  ASSERT_THAT(signature, IsOk());
  (*signature)[10] ^= 0x01;
  document["proof"]["proofValue"] = EncodeProofValue(*signature);
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, Base64UrlMultibaseProofValueIsInvalidArgument) {
  Json document = SignedJcs();
  auto signature = DecodeProofValue(document["proof"]["proofValue"].get<std::string>());
  ASSERT_THAT(signature, IsOk());
  document["proof"]["proofValue"] = encoding::MultibaseEncode(encoding::Multibase::kBase64Url, *signature);
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(VerifyMutation, UnknownCryptosuiteIsUnimplemented) {
  for (const char* suite : {"ecdsa-rdfc-2019", "eddsa-2022", "bbs-2023", "EDDSA-JCS-2022"}) {
    Json document = SignedJcs();
    document["proof"]["cryptosuite"] = suite;
    EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnimplemented)) << suite;
  }
}

TEST(VerifyMutation, OtherProofTypeIsUnimplemented) {
  Json document = SignedJcs();
  document["proof"]["type"] = "Ed25519Signature2020";
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnimplemented));
}

TEST(VerifyMutation, UnexpectedProofPurposeIsPermissionDenied) {
  VerifyPolicy policy = Policy();
  policy.expected_proof_purpose = "authentication";
  EXPECT_THAT(VerifySingle(SignedJcs(), {}, policy), FailsWith(ErrorCode::kPermissionDenied));
}

TEST(VerifyMutation, JcsProofContextNotAPrefixOfTheDocumentsIsUnauthenticated) {
  Json document = SignedJcs();
  document["@context"] = Json::array({"https://www.w3.org/ns/credentials/v2"});
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
  document.erase("@context");
  EXPECT_THAT(VerifySingle(document), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, JcsDocumentContextExtendingTheProofsStillVerifies) {
  // vc-di-eddsa §3.3.2 step 4: the proof's @context replaces the document's, which may have grown
  // (a later proof of a set may add a context).
  Json document = SignedJcs();
  document["@context"].push_back("https://w3id.org/citizenship/v4rc1");
  EXPECT_THAT(VerifySingle(document), IsOk());
}

TEST(VerifyMutation, RdfcChangedClaimIsUnauthenticated) {
  FixtureCanonicalizer fixture;
  fixture.Add(ReadVectorJson("eddsa-rdfc-2022/proofConfigDataInt.json"),
              ReadVector("eddsa-rdfc-2022/proofCanonDataInt.txt"));
  Json changed = ReadVectorJson("unsigned.json");
  changed["credentialSubject"]["alumniOf"] = "The School of Forgeries";
  std::string nquads = ReadVector("eddsa-rdfc-2022/canonDocDataInt.txt");
  const std::string from = "\"The School of Examples\"";
  nquads.replace(nquads.find(from), from.size(), "\"The School of Forgeries\"");
  fixture.Add(changed, nquads);
  Json document = ReadVectorJson("eddsa-rdfc-2022/signedDataInt.json");
  document["credentialSubject"]["alumniOf"] = "The School of Forgeries";
  EXPECT_THAT(VerifySingle(document, fixture.AsCanonicalizer()), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, RdfcChangedProofOptionIsUnauthenticated) {
  FixtureCanonicalizer fixture;
  fixture.Add(ReadVectorJson("unsigned.json"), ReadVector("eddsa-rdfc-2022/canonDocDataInt.txt"));
  Json config = ReadVectorJson("eddsa-rdfc-2022/proofConfigDataInt.json");
  config["created"] = "2023-02-24T23:36:39Z";
  std::string nquads = ReadVector("eddsa-rdfc-2022/proofCanonDataInt.txt");
  nquads.replace(nquads.find("23:36:38Z"), 9, "23:36:39Z");
  fixture.Add(config, nquads);
  Json document = ReadVectorJson("eddsa-rdfc-2022/signedDataInt.json");
  document["proof"]["created"] = "2023-02-24T23:36:39Z";
  EXPECT_THAT(VerifySingle(document, fixture.AsCanonicalizer()), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VerifyMutation, DefaultCanonicalizerRefusesContextsThatAreNotBundled) {
  // The vector uses the VC examples context, which a Vaardig verifier does not bundle: the
  // default (verifier) canonicalizer must refuse it rather than fetch it.
  const auto status = VerifySingle(ReadVectorJson("eddsa-rdfc-2022/signedDataInt.json"));
  ASSERT_THAT(status, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_NE(status.error().message().find("context not allowed"), std::string::npos);
}

TEST(VerifyMutation, CanonicalizerErrorsPassThrough) {
  const RdfCanonicalizer failing = [](const Json&) -> Result<std::string> {
    return Fail(ErrorCode::kResourceExhausted, "work limit");
  };
  EXPECT_THAT(VerifySingle(ReadVectorJson("eddsa-rdfc-2022/signedDataInt.json"), failing),
              FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::dataintegrity
