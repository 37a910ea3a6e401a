// The 1EdTech Open Badges 3.0 eddsa-rdfc-2022 test vector (tests/vectors/openbadges/impl, see its
// README): with the vector's key and proof options, AddProof reproduces the vector's proofValue
// byte for byte through the bundled contexts (in safe mode), and the signed credential verifies
// with the vector's Multikey; a changed claim does not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/common/clock.h"
#include "core/crypto/secret_bytes.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/encoding/base64url.h"
#include "core/encoding/jcs.h"
#include "tests/dataintegrity/test_util.h"

namespace vaardig::dataintegrity {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

Json ReadObJson(const std::string& name) {
  std::ifstream in(std::string(VAARDIG_VECTORS_DIR) + "/openbadges/impl/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto json = ParseJson(text.str());
  EXPECT_TRUE(json.has_value()) << name;
  return json ? *json : Json();
}

// The page gives the secret key as 64 bytes (RFC 8032 seed || public key) in hex.
constexpr char kSecretHex[] =
    "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be44bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5";

crypto::Ed25519PrivateKey VectorKey() {
  auto secret = encoding::HexDecode(kSecretHex);
  EXPECT_TRUE(secret.has_value());
  auto key = crypto::Ed25519PrivateKey::FromSeed(crypto::SecretBytes::CopyFrom(ByteView(secret->data(), 32)));
  EXPECT_TRUE(key.has_value());
  return *key;
}

VerificationKeyLookup VectorLookup(const Json& vector) {
  return [vector](std::string_view method, std::string_view) -> Result<crypto::Ed25519PublicKey> {
    if (method != vector["verificationMethod"].get<std::string>()) {
      return Fail(ErrorCode::kNotFound, "unknown verification method");
    }
    return DecodeEd25519Multikey(vector["publicKeyMultibase"].get<std::string>());
  };
}

TEST(OpenBadgesVector, AddProofReproducesTheProofValue) {
  const Json vector = ReadObJson("vector.json");
  const crypto::Ed25519PrivateKey key = VectorKey();
  EXPECT_EQ(EncodeEd25519Multikey(key.public_key()), vector["publicKeyMultibase"]);
  ProofOptions options;
  options.cryptosuite = Cryptosuite::kEddsaRdfc2022;
  options.verification_method = vector["verificationMethod"];
  options.created = vector["proofOptions"]["created"];
  auto secured = AddProof(ReadObJson("credential.json"), options, key);
  ASSERT_THAT(secured, IsOk());
  EXPECT_EQ((*secured)["proof"]["proofValue"], vector["proofValue"]);
  // The same document (member order aside: the vector writes the proof's members differently).
  EXPECT_EQ(encoding::Canonicalize(*secured).value(),
            encoding::Canonicalize(ReadObJson("signed-credential.json")).value());
}

TEST(OpenBadgesVector, SignedCredentialVerifiesAndAChangedOneDoesNot) {
  const Json vector = ReadObJson("vector.json");
  static const FixedClock clock(1'800'000'000);
  VerifyPolicy policy;
  policy.clock = &clock;
  Json signed_credential = ReadObJson("signed-credential.json");
  auto verified = VerifyProofs(signed_credential, VectorLookup(vector), {}, policy);
  ASSERT_THAT(verified, IsOk());
  EXPECT_TRUE(verified->verified());
  signed_credential["credentialSubject"]["achievement"]["name"] = "Leadership";
  verified = VerifyProofs(signed_credential, VectorLookup(vector), {}, policy);
  ASSERT_THAT(verified, IsOk());
  EXPECT_THAT(verified->status(), FailsWith(ErrorCode::kUnauthenticated));
}

}  // namespace
}  // namespace vaardig::dataintegrity
