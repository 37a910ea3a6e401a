// W3C vc-di-eddsa TestVectors/eddsa-rdfc-2022 (alumni and employ) and TestVectors/proof-set-chain
// (tests/vectors/vc-di-eddsa, see its README), canonicalized by core/w3c's JSON-LD processor and
// RDFC-1.0, whose output is checked against the vectors' N-Quads (fixture_canonicalizer.h).
// Hashes, signatures, proof values and verification are checked byte for byte; signing
// reproduces every signed document of the vectors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/common/clock.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/did/resolver.h"
#include "core/encoding/base64url.h"
#include "tests/dataintegrity/fixture_canonicalizer.h"
#include "tests/dataintegrity/test_util.h"

namespace vaardig::dataintegrity {
namespace {

using testutil::FailsWith;
using testutil::FixtureCanonicalizer;
using testutil::IsOk;
using testutil::OptionsFromConfig;
using testutil::ReadFixture;
using testutil::ReadVector;
using testutil::ReadVectorJson;
using testutil::ReadVectorLine;

crypto::Ed25519PrivateKey KeyFrom(const Json& pair) {
  auto key = DecodeEd25519PrivateMultikey(pair.at("privateKeyMultibase").get<std::string>());
  EXPECT_THAT(key, IsOk());
  EXPECT_EQ(EncodeEd25519Multikey(key->public_key()), pair.at("publicKeyMultibase"));
  return *key;
}

crypto::Ed25519PrivateKey ChainKey(int n) {
  return KeyFrom(ReadVectorJson("proof-set-chain/multiKeyPairs.json").at("keyPair" + std::to_string(n)));
}

Json WithContext(Json config, const Json& document) {
  config["@context"] = document.at("@context");
  return config;
}

// Every document the vectors make the canonicalizer see, with its canonical N-Quads.
FixtureCanonicalizer VectorCanonicalizer() {
  FixtureCanonicalizer fixture;
  fixture.Add(ReadVectorJson("unsigned.json"), ReadVector("eddsa-rdfc-2022/canonDocDataInt.txt"));
  fixture.Add(ReadVectorJson("eddsa-rdfc-2022/proofConfigDataInt.json"),
              ReadVector("eddsa-rdfc-2022/proofCanonDataInt.txt"));
  fixture.Add(ReadVectorJson("employmentAuth.json"), ReadVector("eddsa-rdfc-2022/employ/canonDocDataInt.txt"));
  fixture.Add(ReadVectorJson("eddsa-rdfc-2022/employ/proofConfigDataInt.json"),
              ReadVector("eddsa-rdfc-2022/employ/proofCanonDataInt.txt"));
  const Json unsigned_document = ReadVectorJson("proof-set-chain/unsigned.json");
  for (const char* name : {"proofSetConfig1", "proofSetConfig2", "proofChainConfig1", "proofChainConfig2"}) {
    fixture.Add(WithContext(ReadVectorJson("proof-set-chain/" + std::string(name) + ".json"), unsigned_document),
                ReadFixture(std::string(name) + ".nq"));
  }
  for (const char* name : {"proofChainTempDoc1", "proofChainTempDoc2"}) {
    fixture.Add(ReadVectorJson("proof-set-chain/" + std::string(name) + ".json"),
                ReadFixture(std::string(name) + ".nq"));
  }
  return fixture;
}

VerifyPolicy Policy() {
  static const FixedClock clock(1'700'000'000);  // 2023-11-14
  VerifyPolicy policy;
  policy.clock = &clock;
  return policy;
}

struct RdfcVector {
  const char* name;
  const char* dir;       // under eddsa-rdfc-2022/
  const char* unsigned_document;
};

void PrintTo(const RdfcVector& v, std::ostream* out) { *out << v.name; }

class EddsaRdfc2022Vector : public ::testing::TestWithParam<RdfcVector> {
 protected:
  std::string File(const std::string& name) const { return std::string("eddsa-rdfc-2022/") + GetParam().dir + name; }
};

TEST_P(EddsaRdfc2022Vector, HashesAndSignatureAreByteExact) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  Json config = ReadVectorJson(File("proofConfigDataInt.json"));
  config.erase("@context");  // ComputeSigningInput sets it from the document (§3.2.5 step 4)
  auto input = ComputeSigningInput(Cryptosuite::kEddsaRdfc2022, ReadVectorJson(GetParam().unsigned_document),
                                   config, fixture.AsCanonicalizer());
  ASSERT_THAT(input, IsOk());
  EXPECT_EQ(input->canonical_document, ReadVector(File("canonDocDataInt.txt")));
  EXPECT_EQ(input->canonical_proof_config, ReadVector(File("proofCanonDataInt.txt")));
  EXPECT_EQ(encoding::HexEncode(input->document_hash), ReadVectorLine(File("docHashDataInt.txt")));
  EXPECT_EQ(encoding::HexEncode(input->proof_config_hash), ReadVectorLine(File("proofHashDataInt.txt")));
  const auto hash_data = input->HashData();
  EXPECT_EQ(encoding::HexEncode(hash_data), ReadVectorLine(File("combinedHashDataInt.txt")));
  const crypto::Ed25519Signature signature = KeyFrom(ReadVectorJson("keyPair.json")).Sign(hash_data);
  EXPECT_EQ(encoding::HexEncode(signature), ReadVectorLine(File("sigHexDataInt.txt")));
  EXPECT_EQ(EncodeProofValue(signature), ReadVectorLine(File("sigBTC58DataInt.txt")));
}

TEST_P(EddsaRdfc2022Vector, AddProofReproducesSignedDocumentExactly) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  auto secured = AddProof(ReadVectorJson(GetParam().unsigned_document),
                          OptionsFromConfig(ReadVectorJson(File("proofConfigDataInt.json"))),
                          KeyFrom(ReadVectorJson("keyPair.json")), fixture.AsCanonicalizer());
  ASSERT_THAT(secured, IsOk());
  EXPECT_EQ(secured->dump(2), ReadVector(File("signedDataInt.json")));
}

TEST_P(EddsaRdfc2022Vector, SignedDocumentVerifiesThroughDidKey) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  did::DidResolver resolver(nullptr);
  auto result = VerifyProofs(std::string_view(ReadVector(File("signedDataInt.json"))),
                             DidVerificationKeyLookup(resolver), fixture.AsCanonicalizer(), Policy());
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->verified()) << result->status().error();
  auto document = result->VerifiedDocument();
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(*document, ReadVectorJson(GetParam().unsigned_document));
}

INSTANTIATE_TEST_SUITE_P(W3c, EddsaRdfc2022Vector,
                         ::testing::Values(RdfcVector{"Alumni", "", "unsigned.json"},
                                           RdfcVector{"Employ", "employ/", "employmentAuth.json"}),
                         [](const auto& info) { return std::string(info.param.name); });

// proof-set-chain: each step's options, key and the signed document it must produce.
struct ChainStep {
  const char* config;
  int key;
  const char* signed_document;
  const char* proof_value;  // the vector's proofConfigSigned* file, or "" when there is none
};
constexpr ChainStep kChainSteps[] = {
    {"proofSetConfig1", 1, "signedProofSet1", "proofSetConfigSigned1"},
    {"proofSetConfig2", 2, "signedProofSet2", "proofSetConfigSigned2"},
    {"proofChainConfig1", 3, "signedProofChain1", "proofChainConfigSigned1"},
    {"proofChainConfig2", 4, "signedProofChain2", "proofChainConfigSigned2"},
};

TEST(ProofSetChainVector, AddProofReproducesEachSignedDocumentExactly) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  Json document = ReadVectorJson("proof-set-chain/unsigned.json");
  for (const ChainStep& step : kChainSteps) {
    SCOPED_TRACE(step.config);
    auto secured = AddProof(document, OptionsFromConfig(ReadVectorJson(std::string("proof-set-chain/") + step.config + ".json")),
                            ChainKey(step.key), fixture.AsCanonicalizer());
    ASSERT_THAT(secured, IsOk());
    EXPECT_EQ(secured->dump(2), ReadVector(std::string("proof-set-chain/") + step.signed_document + ".json"));
    const Json& proofs = secured->at("proof");
    const Json& added = proofs.is_array() ? proofs.back() : proofs;
    EXPECT_EQ(added, ReadVectorJson(std::string("proof-set-chain/") + step.proof_value + ".json"));
    document = *secured;
  }
}

TEST(ProofSetChainVector, EverySignedDocumentVerifiesProofByProof) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  did::DidResolver resolver(nullptr);
  for (const ChainStep& step : kChainSteps) {
    SCOPED_TRACE(step.signed_document);
    auto result = VerifyProofs(std::string_view(ReadVector(std::string("proof-set-chain/") + step.signed_document + ".json")),
                               DidVerificationKeyLookup(resolver), fixture.AsCanonicalizer(), Policy());
    ASSERT_THAT(result, IsOk());
    EXPECT_TRUE(result->verified()) << result->status().error();
    for (const ProofResult& proof : result->proofs()) {
      EXPECT_TRUE(proof.verified()) << "proof " << proof.index << ": " << proof.status.error();
    }
  }
}

TEST(ProofSetChainVector, MissingPreviousProofTargetIsNotFound) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  did::DidResolver resolver(nullptr);
  Json document = ReadVectorJson("proof-set-chain/signedProofChain2.json");
  document["proof"].erase(2);  // the proof urn:uuid:d94f... that the last proof chains to
  auto result = VerifyProofs(document, DidVerificationKeyLookup(resolver), fixture.AsCanonicalizer(), Policy());
  ASSERT_THAT(result, IsOk());
  EXPECT_FALSE(result->verified());
  ASSERT_EQ(result->proofs().size(), 3u);
  EXPECT_TRUE(result->proofs()[0].verified());
  EXPECT_TRUE(result->proofs()[1].verified());
  EXPECT_THAT(result->proofs()[2].status, FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(result->status(), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(result->VerifiedDocument(), FailsWith(ErrorCode::kNotFound));
}

TEST(ProofSetChainVector, AddProofNamingAMissingPreviousProofIsNotFound) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  ProofOptions options = OptionsFromConfig(ReadVectorJson("proof-set-chain/proofChainConfig2.json"));
  EXPECT_THAT(AddProof(ReadVectorJson("proof-set-chain/signedProofSet2.json"), options, ChainKey(4),
                       fixture.AsCanonicalizer()),
              FailsWith(ErrorCode::kNotFound));
}

TEST(ProofSetChainVector, AddProofReusingAProofIdIsAlreadyExists) {
  const FixtureCanonicalizer fixture = VectorCanonicalizer();
  ProofOptions options = OptionsFromConfig(ReadVectorJson("proof-set-chain/proofSetConfig1.json"));
  EXPECT_THAT(AddProof(ReadVectorJson("proof-set-chain/signedProofSet1.json"), options, ChainKey(1),
                       fixture.AsCanonicalizer()),
              FailsWith(ErrorCode::kAlreadyExists));
}

TEST(ProofSetChainVector, ChainedProofOverAChangedEarlierProofIsRejected) {
  // The chained proof signed proofs 0 and 1; swapping proof 1's signature for another valid one
  // changes what it chains to. The canonicalizer is told about the changed document (the
  // vector's N-Quads with the new proofValue literal; blank node labels are not re-derived, which
  // cannot matter: any other bytes fail the signature), so the failure is the signature's.
  FixtureCanonicalizer fixture = VectorCanonicalizer();
  Json document = ReadVectorJson("proof-set-chain/signedProofChain1.json");
  const std::string old_value = document["proof"][1]["proofValue"].get<std::string>();
  const std::string new_value = document["proof"][0]["proofValue"].get<std::string>();
  document["proof"][1]["proofValue"] = new_value;
  Json temp = ReadVectorJson("proof-set-chain/proofChainTempDoc1.json");
  temp["proof"][1]["proofValue"] = new_value;
  std::string nquads = ReadFixture("proofChainTempDoc1.nq");
  nquads.replace(nquads.find(old_value), old_value.size(), new_value);
  fixture.Add(temp, nquads);
  did::DidResolver resolver(nullptr);
  auto result = VerifyProofs(document, DidVerificationKeyLookup(resolver), fixture.AsCanonicalizer(), Policy());
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->proofs()[0].verified());
  EXPECT_THAT(result->proofs()[1].status, FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(result->proofs()[2].status, FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_FALSE(result->verified());
}

}  // namespace
}  // namespace vaardig::dataintegrity
