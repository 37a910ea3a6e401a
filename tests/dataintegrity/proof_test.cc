// Proof shape (ParseProof, ProofOptionsToJson), keys, and the document-level rules of AddProof
// and VerifyProofs: proof sets and chains, policy, limits.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "core/common/clock.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/encoding/multibase.h"
#include "tests/dataintegrity/test_util.h"

namespace vaardig::dataintegrity {
namespace {

using testutil::FailsWith;
using testutil::IsOk;
using testutil::ReadVectorJson;

const FixedClock kClock(1'700'000'000);  // 2023-11-14T22:13:20Z

Json SignedJcsProof() { return ReadVectorJson("eddsa-jcs-2022/signedJCS.json").at("proof"); }

struct BadProof {
  const char* name;
  const char* member;  // set to `value`, or erased when value is null
  Json value;
  ErrorCode code;
};
void PrintTo(const BadProof& bad, std::ostream* out) { *out << bad.name; }

class ParseProofRejects : public ::testing::TestWithParam<BadProof> {};

TEST_P(ParseProofRejects, WithSpecificCode) {
  Json proof = SignedJcsProof();
  if (GetParam().value.is_null()) {
    proof.erase(GetParam().member);
  } else {
    proof[GetParam().member] = GetParam().value;
  }
  EXPECT_THAT(ParseProof(proof), FailsWith(GetParam().code));
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseProofRejects,
    ::testing::Values(
        BadProof{"NoType", "type", nullptr, ErrorCode::kInvalidArgument},
        BadProof{"TypeNotString", "type", Json::array({"DataIntegrityProof"}), ErrorCode::kInvalidArgument},
        BadProof{"OtherType", "type", "Ed25519Signature2020", ErrorCode::kUnimplemented},
        BadProof{"NoCryptosuite", "cryptosuite", nullptr, ErrorCode::kInvalidArgument},
        BadProof{"UnknownCryptosuite", "cryptosuite", "ecdsa-jcs-2019", ErrorCode::kUnimplemented},
        BadProof{"NoVerificationMethod", "verificationMethod", nullptr, ErrorCode::kInvalidArgument},
        BadProof{"EmbeddedVerificationMethod", "verificationMethod", Json::object({{"id", "x"}}),
                 ErrorCode::kInvalidArgument},
        BadProof{"EmptyVerificationMethod", "verificationMethod", "", ErrorCode::kInvalidArgument},
        BadProof{"HugeVerificationMethod", "verificationMethod", std::string(4096, 'a'),
                 ErrorCode::kInvalidArgument},
        BadProof{"NoProofPurpose", "proofPurpose", nullptr, ErrorCode::kInvalidArgument},
        BadProof{"NoProofValue", "proofValue", nullptr, ErrorCode::kInvalidArgument},
        BadProof{"ProofValueNotString", "proofValue", 42, ErrorCode::kInvalidArgument},
        BadProof{"ProofValueNotMultibaseZ", "proofValue", "2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQ",
                 ErrorCode::kInvalidArgument},
        BadProof{"ProofValueNotBase58", "proofValue", "z0OIl", ErrorCode::kInvalidArgument},
        BadProof{"ProofValueTooShort", "proofValue", "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHX",
                 ErrorCode::kInvalidArgument},
        BadProof{"ProofValueHuge", "proofValue", "z" + std::string(5000, '2'), ErrorCode::kInvalidArgument},
        BadProof{"CreatedNotDateTime", "created", "2023-02-24", ErrorCode::kInvalidArgument},
        BadProof{"CreatedNumber", "created", 1677281798, ErrorCode::kInvalidArgument},
        BadProof{"ExpiresWithoutZone", "expires", "2030-01-01T00:00:00", ErrorCode::kInvalidArgument},
        BadProof{"IdNotString", "id", 7, ErrorCode::kInvalidArgument},
        BadProof{"ChallengeNotString", "challenge", Json::array(), ErrorCode::kInvalidArgument},
        BadProof{"DomainNumber", "domain", 1, ErrorCode::kInvalidArgument},
        BadProof{"DomainEmptyArray", "domain", Json::array(), ErrorCode::kInvalidArgument},
        BadProof{"DomainArrayOfNumbers", "domain", Json::array({1}), ErrorCode::kInvalidArgument},
        BadProof{"PreviousProofObject", "previousProof", Json::object(), ErrorCode::kInvalidArgument},
        BadProof{"ContextNumber", "@context", 3, ErrorCode::kInvalidArgument}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ParseProof, NotAnObjectIsInvalidArgument) {
  EXPECT_THAT(ParseProof(Json::array()), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(ParseProof, VectorProofParses) {
  auto proof = ParseProof(SignedJcsProof());
  ASSERT_THAT(proof, IsOk());
  EXPECT_EQ(proof->cryptosuite, Cryptosuite::kEddsaJcs2022);
  EXPECT_EQ(proof->proof_purpose, "assertionMethod");
  EXPECT_EQ(proof->created, 1677281798);
  EXPECT_FALSE(proof->config.contains("proofValue"));
  EXPECT_TRUE(proof->config.contains("@context"));
}

TEST(ProofOptionsToJson, RejectsBadOptions) {
  ProofOptions options;
  EXPECT_THAT(ProofOptionsToJson(options), FailsWith(ErrorCode::kInvalidArgument));  // no method
  options.verification_method = "did:key:z6Mk#z6Mk";
  options.created = "yesterday";
  EXPECT_THAT(ProofOptionsToJson(options), FailsWith(ErrorCode::kInvalidArgument));
  options.created.reset();
  options.previous_proof.assign(kMaxPreviousProofs + 1, "urn:x");
  EXPECT_THAT(ProofOptionsToJson(options), FailsWith(ErrorCode::kInvalidArgument));
  options.previous_proof = {""};
  EXPECT_THAT(ProofOptionsToJson(options), FailsWith(ErrorCode::kInvalidArgument));
  options.previous_proof.clear();
  EXPECT_THAT(ProofOptionsToJson(options), IsOk());
}

TEST(Ed25519Multikey, DecodingRejectsOtherKeysAndEncodings) {
  const std::string ed = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  EXPECT_THAT(DecodeEd25519Multikey(ed), IsOk());
  EXPECT_THAT(DecodeEd25519Multikey("zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv"),
              FailsWith(ErrorCode::kUnimplemented));  // P-256
  const Bytes short_key(31, 0x42);
  EXPECT_THAT(DecodeEd25519Multikey(encoding::MultibaseEncode(
                  encoding::Multibase::kBase58Btc,
                  encoding::MulticodecWrap(encoding::kMulticodecEd25519Pub, short_key))),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DecodeEd25519Multikey("u" + ed.substr(1)), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DecodeEd25519Multikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"),
              FailsWith(ErrorCode::kInvalidArgument));  // a private key
  EXPECT_THAT(DecodeEd25519Multikey(""), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(Ed25519Multikey, PrivateDecodingRejectsPublicKeysAndBadLengths) {
  EXPECT_THAT(DecodeEd25519PrivateMultikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DecodeEd25519PrivateMultikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvj"),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DecodeEd25519PrivateMultikey("uAAAA"), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(RelationshipForProofPurpose, SigningRelationshipsOnly) {
  EXPECT_EQ(RelationshipForProofPurpose("assertionMethod").value(), did::Relationship::kAssertionMethod);
  EXPECT_EQ(RelationshipForProofPurpose("authentication").value(), did::Relationship::kAuthentication);
  EXPECT_THAT(RelationshipForProofPurpose("keyAgreement"), FailsWith(ErrorCode::kUnimplemented));
  EXPECT_THAT(RelationshipForProofPurpose(""), FailsWith(ErrorCode::kUnimplemented));
}

// Keys addressed by a made-up controller, for documents signed in the tests.
class ProofSetTest : public ::testing::Test {
 protected:
  Json Document() const {
    return Json::parse(R"({"@context":["https://www.w3.org/ns/credentials/v2"],
      "type":["VerifiableCredential"],"issuer":"https://issuer.example",
      "credentialSubject":{"id":"did:example:1","skill":"Welding"}})");
  }
  ProofOptions Options(int key, std::optional<std::string> id = {}) const {
    ProofOptions options;
    options.cryptosuite = Cryptosuite::kEddsaJcs2022;
    options.verification_method = "https://issuer.example/keys#" + std::to_string(key);
    options.created = "2023-11-01T00:00:00Z";
    options.id = std::move(id);
    return options;
  }
  VerificationKeyLookup Lookup() const {
    return [this](std::string_view method, std::string_view purpose) -> Result<crypto::Ed25519PublicKey> {
      if (purpose != "assertionMethod" && purpose != "authentication") {
        return Fail(ErrorCode::kPermissionDenied, "not for " + std::string(purpose));
      }
      for (int i = 0; i < 3; ++i) {
        if (method == "https://issuer.example/keys#" + std::to_string(i)) return keys_[i].public_key();
      }
      return Fail(ErrorCode::kNotFound, "no such key");
    };
  }
  VerifyPolicy Policy() const {
    VerifyPolicy policy;
    policy.clock = &kClock;
    return policy;
  }
  Status Verify(const Json& document, const VerifyPolicy& policy) const {
    auto result = VerifyProofs(document, Lookup(), {}, policy);
    if (!result) return Fail(result.error());
    return result->status();
  }
  Json Sign(const Json& document, const ProofOptions& options, int key) const {
    auto secured = AddProof(document, options, keys_[key]);
    EXPECT_THAT(secured, IsOk());
    return secured ? *secured : Json();
  }

  const crypto::Ed25519PrivateKey keys_[3] = {crypto::Ed25519PrivateKey::Generate(),
                                              crypto::Ed25519PrivateKey::Generate(),
                                              crypto::Ed25519PrivateKey::Generate()};
};

TEST_F(ProofSetTest, ProofSetAndChainVerify) {
  Json document = Sign(Document(), Options(0, "urn:proof:0"), 0);
  EXPECT_TRUE(document["proof"].is_object());
  document = Sign(document, Options(1, "urn:proof:1"), 1);
  ASSERT_TRUE(document["proof"].is_array());
  ProofOptions chained = Options(2);
  chained.previous_proof = {"urn:proof:0", "urn:proof:1"};
  document = Sign(document, chained, 2);
  ASSERT_EQ(document["proof"].size(), 3u);
  EXPECT_THAT(Verify(document, Policy()), IsOk());

  // The chained proof signed the first two: dropping one of them breaks the chain...
  Json dropped = document;
  dropped["proof"].erase(1);
  auto result = VerifyProofs(dropped, Lookup(), {}, Policy());
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->proofs()[0].verified());
  EXPECT_THAT(result->proofs()[1].status, FailsWith(ErrorCode::kNotFound));
  // ...and so does replacing one by another proof with the same id.
  Json replaced = document;
  ProofOptions other = Options(1, "urn:proof:1");
  other.created = "2023-11-02T00:00:00Z";  // Ed25519 is deterministic: change something
  replaced["proof"][1] = Sign(Document(), other, 1)["proof"];
  result = VerifyProofs(replaced, Lookup(), {}, Policy());
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->proofs()[1].verified());
  EXPECT_THAT(result->proofs()[2].status, FailsWith(ErrorCode::kUnauthenticated));
}

TEST_F(ProofSetTest, EveryProofOfASetMustVerify) {
  Json document = Sign(Sign(Document(), Options(0), 0), Options(1), 1);
  document["proof"][1]["created"] = "2023-11-01T00:00:01Z";
  auto result = VerifyProofs(document, Lookup(), {}, Policy());
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->proofs()[0].verified());
  EXPECT_FALSE(result->verified());
  EXPECT_THAT(result->status(), FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_NE(result->status().error().message().find("proof 1"), std::string::npos);
}

TEST_F(ProofSetTest, SelfReferencingPreviousProofIsInvalidArgument) {
  Json document = Sign(Document(), Options(0, "urn:proof:0"), 0);
  document["proof"]["previousProof"] = "urn:proof:0";
  EXPECT_THAT(Verify(document, Policy()), FailsWith(ErrorCode::kInvalidArgument));
}

TEST_F(ProofSetTest, DuplicateProofIdsAreInvalidArgument) {
  Json document = Sign(Document(), Options(0, "urn:proof:0"), 0);
  document["proof"] = Json::array({document["proof"], document["proof"]});
  EXPECT_THAT(Verify(document, Policy()), FailsWith(ErrorCode::kInvalidArgument));
}

TEST_F(ProofSetTest, ChallengeAndDomainArePolicy) {
  ProofOptions options = Options(0);
  options.challenge = "nonce-123";
  options.domain = "https://verifier.example";
  const Json document = Sign(Document(), options, 0);
  VerifyPolicy policy = Policy();
  EXPECT_THAT(Verify(document, policy), IsOk());
  policy.challenge = "nonce-123";
  policy.domain = "https://verifier.example";
  EXPECT_THAT(Verify(document, policy), IsOk());
  policy.challenge = "nonce-456";
  EXPECT_THAT(Verify(document, policy), FailsWith(ErrorCode::kPermissionDenied));
  policy.challenge = "nonce-123";
  policy.domain = "https://other.example";
  EXPECT_THAT(Verify(document, policy), FailsWith(ErrorCode::kPermissionDenied));

  const Json without = Sign(Document(), Options(0), 0);
  policy = Policy();
  policy.challenge = "nonce-123";
  EXPECT_THAT(Verify(without, policy), FailsWith(ErrorCode::kPermissionDenied));
  policy = Policy();
  policy.domain = "https://verifier.example";
  EXPECT_THAT(Verify(without, policy), FailsWith(ErrorCode::kPermissionDenied));
}

TEST_F(ProofSetTest, DomainListContainingTheExpectedDomainIsAccepted) {
  // A domain array (Data Integrity 1.0 allows one) is not something AddProof writes, so the
  // proof is built by hand and signed through the public pieces.
  Json proof = ProofOptionsToJson(Options(0)).value();
  proof["domain"] = Json::array({"https://a.example", "https://verifier.example"});
  proof["@context"] = Document()["@context"];
  auto input = ComputeSigningInput(Cryptosuite::kEddsaJcs2022, Document(), proof, {});
  ASSERT_THAT(input, IsOk());
  proof["proofValue"] = EncodeProofValue(keys_[0].Sign(input->HashData()));
  Json document = Document();
  document["proof"] = proof;
  VerifyPolicy policy = Policy();
  policy.domain = "https://verifier.example";
  EXPECT_THAT(Verify(document, policy), IsOk());
  policy.domain = "https://b.example";
  EXPECT_THAT(Verify(document, policy), FailsWith(ErrorCode::kPermissionDenied));
}

TEST_F(ProofSetTest, ExpiredOrFutureProofIsFailedPrecondition) {
  ProofOptions options = Options(0);
  options.expires = "2023-11-14T22:13:20Z";  // exactly now
  EXPECT_THAT(Verify(Sign(Document(), options, 0), Policy()), FailsWith(ErrorCode::kFailedPrecondition));
  options.expires = "2023-11-14T22:13:21Z";
  EXPECT_THAT(Verify(Sign(Document(), options, 0), Policy()), IsOk());
  options = Options(0);
  options.created = "2023-11-14T22:18:21Z";  // 301 s ahead, skew is 300 s
  EXPECT_THAT(Verify(Sign(Document(), options, 0), Policy()), FailsWith(ErrorCode::kFailedPrecondition));
  options.created = "2023-11-14T22:18:20Z";
  EXPECT_THAT(Verify(Sign(Document(), options, 0), Policy()), IsOk());
}

TEST_F(ProofSetTest, LookupErrorsPassThrough) {
  ProofOptions options = Options(0);
  options.verification_method = "https://issuer.example/keys#9";
  EXPECT_THAT(Verify(Sign(Document(), options, 0), Policy()), FailsWith(ErrorCode::kNotFound));
  options = Options(0);
  options.proof_purpose = "capabilityInvocation";
  VerifyPolicy policy = Policy();
  policy.expected_proof_purpose = "capabilityInvocation";
  EXPECT_THAT(Verify(Sign(Document(), options, 0), policy), FailsWith(ErrorCode::kPermissionDenied));
}

TEST_F(ProofSetTest, DocumentLevelProblemsFailTheCall) {
  const VerifyPolicy policy = Policy();
  EXPECT_THAT(VerifyProofs(Json::array(), Lookup(), {}, policy), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(VerifyProofs(Document(), Lookup(), {}, policy), FailsWith(ErrorCode::kInvalidArgument));
  Json document = Document();
  document["proof"] = "z123";
  EXPECT_THAT(VerifyProofs(document, Lookup(), {}, policy), FailsWith(ErrorCode::kInvalidArgument));
  document["proof"] = Json::array();
  EXPECT_THAT(VerifyProofs(document, Lookup(), {}, policy), FailsWith(ErrorCode::kInvalidArgument));
  document["proof"] = Json::array({1});
  EXPECT_THAT(VerifyProofs(document, Lookup(), {}, policy), FailsWith(ErrorCode::kInvalidArgument));
  const Json signed_document = Sign(Document(), Options(0), 0);
  EXPECT_THAT(VerifyProofs(signed_document, VerificationKeyLookup(), {}, policy),
              FailsWith(ErrorCode::kInvalidArgument));
}

TEST_F(ProofSetTest, TooManyProofsIsResourceExhausted) {
  Json document = Sign(Document(), Options(0), 0);
  const Json proof = document["proof"];
  document["proof"] = Json::array();
  for (int i = 0; i < 17; ++i) document["proof"].push_back(proof);
  EXPECT_THAT(VerifyProofs(document, Lookup(), {}, Policy()), FailsWith(ErrorCode::kResourceExhausted));
  document["proof"].erase(0);
  EXPECT_THAT(AddProof(document, Options(1), keys_[1]), FailsWith(ErrorCode::kResourceExhausted));
}

TEST_F(ProofSetTest, JsonTextIsParsedStrictlyWithLimits) {
  const std::string text = Sign(Document(), Options(0), 0).dump();
  auto ok = VerifyProofs(std::string_view(text), Lookup(), {}, Policy());
  ASSERT_THAT(ok, IsOk());
  EXPECT_TRUE(ok->verified());
  VerifyPolicy small = Policy();
  small.limits.max_document_bytes = 100;
  EXPECT_THAT(VerifyProofs(std::string_view(text), Lookup(), {}, small),
              FailsWith(ErrorCode::kResourceExhausted));
  const std::string duplicate = R"({"issuer":"a","issuer":"b","proof":{}})";
  EXPECT_THAT(VerifyProofs(std::string_view(duplicate), Lookup(), {}, Policy()),
              FailsWith(ErrorCode::kInvalidArgument));
}

TEST_F(ProofSetTest, AddProofRejectsBadInput) {
  EXPECT_THAT(AddProof(Json::array(), Options(0), keys_[0]), FailsWith(ErrorCode::kInvalidArgument));
  Json bad_proof = Document();
  bad_proof["proof"] = 5;
  EXPECT_THAT(AddProof(bad_proof, Options(0), keys_[0]), FailsWith(ErrorCode::kInvalidArgument));
  ProofOptions rdfc = Options(0);
  rdfc.cryptosuite = Cryptosuite::kEddsaRdfc2022;
  // Without a canonicalizer the bundled-contexts one applies, in safe mode: "skill" is not
  // defined by VC 2.0, so the document is refused; any context that is not bundled is refused.
  EXPECT_THAT(AddProof(Document(), rdfc, keys_[0]), FailsWith(ErrorCode::kInvalidArgument));
  Json defined = Document();
  defined["@context"].push_back("https://www.w3.org/ns/credentials/undefined-terms/v2");
  EXPECT_THAT(AddProof(defined, rdfc, keys_[0]), IsOk());
  Json unbundled = Document();
  unbundled["@context"].push_back("https://example.com/unknown-context");
  EXPECT_THAT(AddProof(unbundled, rdfc, keys_[0]), FailsWith(ErrorCode::kPermissionDenied));
  Json no_context = Document();
  no_context.erase("@context");
  const RdfCanonicalizer any = [](const Json&) -> Result<std::string> { return std::string("x\n"); };
  EXPECT_THAT(AddProof(no_context, rdfc, keys_[0], any), FailsWith(ErrorCode::kInvalidArgument));
  const RdfCanonicalizer empty = [](const Json&) -> Result<std::string> { return std::string(); };
  EXPECT_THAT(AddProof(Document(), rdfc, keys_[0], empty), FailsWith(ErrorCode::kInvalidArgument));
}

TEST_F(ProofSetTest, JcsWithoutContextSignsAndVerifies) {
  Json document = Document();
  document.erase("@context");
  const Json secured = Sign(document, Options(0), 0);
  EXPECT_FALSE(secured["proof"].contains("@context"));
  EXPECT_THAT(Verify(secured, Policy()), IsOk());
}

}  // namespace
}  // namespace vaardig::dataintegrity
