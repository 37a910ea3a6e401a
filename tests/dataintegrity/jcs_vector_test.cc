// W3C vc-di-eddsa TestVectors/eddsa-jcs-2022 (tests/vectors/vc-di-eddsa, see its README): every
// intermediate value byte for byte, the signed document verifies, and signing reproduces it.
#include <gtest/gtest.h>

#include <string>

#include "core/common/clock.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/did/resolver.h"
#include "core/encoding/base64url.h"
#include "tests/dataintegrity/test_util.h"

namespace vaardig::dataintegrity {
namespace {

using testutil::IsOk;
using testutil::ReadVector;
using testutil::ReadVectorJson;
using testutil::ReadVectorLine;

constexpr char kVerificationMethod[] =
    "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#"
    "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

crypto::Ed25519PrivateKey VectorKey() {
  const Json pair = ReadVectorJson("keyPair.json");
  auto key = DecodeEd25519PrivateMultikey(pair["privateKeyMultibase"].get<std::string>());
  EXPECT_THAT(key, IsOk());
  return *key;
}

TEST(EddsaJcs2022Vector, KeyPairMatches) {
  const Json pair = ReadVectorJson("keyPair.json");
  EXPECT_EQ(EncodeEd25519Multikey(VectorKey().public_key()), pair["publicKeyMultibase"]);
  auto decoded = DecodeEd25519Multikey(pair["publicKeyMultibase"].get<std::string>());
  ASSERT_THAT(decoded, IsOk());
  EXPECT_EQ(*decoded, VectorKey().public_key());
}

TEST(EddsaJcs2022Vector, CanonicalFormsHashesAndSignatureAreByteExact) {
  const Json unsigned_document = ReadVectorJson("unsigned.json");
  const Json proof_config = ReadVectorJson("eddsa-jcs-2022/proofConfigJCS.json");
  auto input = ComputeSigningInput(Cryptosuite::kEddsaJcs2022, unsigned_document, proof_config, {});
  ASSERT_THAT(input, IsOk());
  EXPECT_EQ(input->canonical_document, ReadVectorLine("eddsa-jcs-2022/canonDocJCS.txt"));
  EXPECT_EQ(input->canonical_proof_config, ReadVectorLine("eddsa-jcs-2022/proofCanonJCS.txt"));
  EXPECT_EQ(encoding::HexEncode(input->document_hash), ReadVectorLine("eddsa-jcs-2022/docHashJCS.txt"));
  EXPECT_EQ(encoding::HexEncode(input->proof_config_hash),
            ReadVectorLine("eddsa-jcs-2022/proofHashJCS.txt"));
  const auto hash_data = input->HashData();
  EXPECT_EQ(encoding::HexEncode(hash_data), ReadVectorLine("eddsa-jcs-2022/combinedHashJCS.txt"));

  const crypto::Ed25519Signature signature = VectorKey().Sign(hash_data);
  EXPECT_EQ(encoding::HexEncode(signature), ReadVectorLine("eddsa-jcs-2022/sigHexJCS.txt"));
  EXPECT_EQ(EncodeProofValue(signature), ReadVectorLine("eddsa-jcs-2022/sigBTC58JCS.txt"));
  auto decoded = DecodeProofValue(ReadVectorLine("eddsa-jcs-2022/sigBTC58JCS.txt"));
  ASSERT_THAT(decoded, IsOk());
  EXPECT_EQ(*decoded, signature);
}

TEST(EddsaJcs2022Vector, AddProofReproducesSignedDocumentExactly) {
  ProofOptions options;
  options.cryptosuite = Cryptosuite::kEddsaJcs2022;
  options.created = "2023-02-24T23:36:38Z";
  options.verification_method = kVerificationMethod;
  options.proof_purpose = "assertionMethod";
  auto secured = AddProof(ReadVectorJson("unsigned.json"), options, VectorKey());
  ASSERT_THAT(secured, IsOk());
  EXPECT_EQ(secured->dump(2), ReadVector("eddsa-jcs-2022/signedJCS.json"));
}

TEST(EddsaJcs2022Vector, SignedDocumentVerifiesThroughDidKey) {
  did::DidResolver resolver(nullptr);
  const FixedClock clock(1'700'000'000);  // 2023-11-14
  VerifyPolicy policy;
  policy.clock = &clock;
  auto result = VerifyProofs(std::string_view(ReadVector("eddsa-jcs-2022/signedJCS.json")),
                             DidVerificationKeyLookup(resolver), {}, policy);
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->verified()) << result->status().error();
  ASSERT_EQ(result->proofs().size(), 1u);
  EXPECT_EQ(result->proofs()[0].cryptosuite, "eddsa-jcs-2022");
  EXPECT_EQ(result->proofs()[0].verification_method, kVerificationMethod);
  auto document = result->VerifiedDocument();
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(*document, ReadVectorJson("unsigned.json"));
}

}  // namespace
}  // namespace vaardig::dataintegrity
