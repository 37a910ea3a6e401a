#include "core/crypto/ed25519.h"

#include <gtest/gtest.h>

#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::FailsWith;
using testing::Hex;
using testing::IsOk;
using testing::ToHex;

// RFC 8032 §7.1, TEST 1 (empty message).
constexpr char kRfcSeed[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr char kRfcPublic[] = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr char kRfcSignature[] =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
    "b46bd25bf5f0595bbe24655141438e7a100b";

TEST(Ed25519, Rfc8032Test1SeedGivesPublicKeyAndSignature) {
  auto key = Ed25519PrivateKey::FromSeed(SecretBytes::CopyFrom(Hex(kRfcSeed)));
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(ToHex(key->public_key().bytes()), kRfcPublic);
  EXPECT_EQ(ToHex(key->Sign({})), kRfcSignature);
  EXPECT_EQ(key->seed(), SecretBytes::CopyFrom(Hex(kRfcSeed)));
}

TEST(Ed25519, Rfc8032Test1SignatureVerifies) {
  auto pub = Ed25519PublicKey::Create(Hex(kRfcPublic));
  ASSERT_TRUE(IsOk(pub));
  EXPECT_TRUE(IsOk(pub->Verify({}, Hex(kRfcSignature))));
  EXPECT_TRUE(
      FailsWith(pub->Verify(AsBytes("x"), Hex(kRfcSignature)), ErrorCode::kUnauthenticated));
}

TEST(Ed25519, FromSeedWithMatchingPublicKeySucceeds) {
  EXPECT_TRUE(
      IsOk(Ed25519PrivateKey::FromSeed(SecretBytes::CopyFrom(Hex(kRfcSeed)), Hex(kRfcPublic))));
}

TEST(Ed25519, FromSeedWithMismatchingPublicKeyIsInvalidArgument) {
  Bytes other = Hex(kRfcPublic);
  other[0] ^= 1;
  EXPECT_TRUE(FailsWith(Ed25519PrivateKey::FromSeed(SecretBytes::CopyFrom(Hex(kRfcSeed)), other),
                        ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(Ed25519PrivateKey::FromSeed(SecretBytes::CopyFrom(Hex(kRfcSeed)), {}),
                        ErrorCode::kInvalidArgument));
}

TEST(Ed25519, SeedOfWrongSizeIsInvalidArgument) {
  for (std::size_t size : {0, 31, 33, 64}) {
    EXPECT_TRUE(
        FailsWith(Ed25519PrivateKey::FromSeed(SecretBytes(size)), ErrorCode::kInvalidArgument))
        << size;
  }
}

TEST(Ed25519, PublicKeyOfWrongSizeIsInvalidArgument) {
  for (std::size_t size : {0, 31, 33, 64}) {
    EXPECT_TRUE(FailsWith(Ed25519PublicKey::Create(Bytes(size, 1)), ErrorCode::kInvalidArgument))
        << size;
  }
}

TEST(Ed25519, SignatureOfWrongSizeIsInvalidArgument) {
  auto pub = Ed25519PublicKey::Create(Hex(kRfcPublic));
  ASSERT_TRUE(IsOk(pub));
  Bytes sig = Hex(kRfcSignature);
  for (std::size_t size : {0, 32, 63, 65, 128}) {
    sig.resize(size);
    EXPECT_TRUE(FailsWith(pub->Verify({}, sig), ErrorCode::kInvalidArgument)) << size;
  }
}

TEST(Ed25519, GeneratedKeySignsAndVerifies) {
  const Ed25519PrivateKey key = Ed25519PrivateKey::Generate();
  const Bytes message = ToBytes("credential payload");
  const Ed25519Signature sig = key.Sign(message);
  EXPECT_TRUE(IsOk(key.public_key().Verify(message, sig)));
  EXPECT_EQ(key.Sign(message), sig) << "Ed25519 signatures are deterministic";

  Ed25519Signature flipped = sig;
  flipped[10] ^= 0x40;
  EXPECT_TRUE(FailsWith(key.public_key().Verify(message, flipped), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(FailsWith(key.public_key().Verify(AsBytes("credential payloaD"), sig),
                        ErrorCode::kUnauthenticated));
}

TEST(Ed25519, KeyFromGeneratedSeedIsTheSameKey) {
  const Ed25519PrivateKey key = Ed25519PrivateKey::Generate();
  auto again = Ed25519PrivateKey::FromSeed(key.seed(), key.public_key().bytes());
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->public_key(), key.public_key());
}

TEST(Ed25519, TwoGeneratedKeysDiffer) {
  EXPECT_NE(Ed25519PrivateKey::Generate().public_key(), Ed25519PrivateKey::Generate().public_key());
}

TEST(Ed25519, SignatureFromOtherKeyIsUnauthenticated) {
  const Ed25519PrivateKey a = Ed25519PrivateKey::Generate();
  const Ed25519PrivateKey b = Ed25519PrivateKey::Generate();
  EXPECT_TRUE(FailsWith(b.public_key().Verify(AsBytes("m"), a.Sign(AsBytes("m"))),
                        ErrorCode::kUnauthenticated));
}

TEST(Ed25519, SmallOrderPublicKeyIsUnauthenticated) {
  // The identity point (y = 1) has order 1: with R = identity and S = 0 the verification equation
  // holds for every message, so libsodium must refuse the key.
  Bytes identity(32, 0);
  identity[0] = 1;
  auto pub = Ed25519PublicKey::Create(identity);
  ASSERT_TRUE(IsOk(pub));
  Bytes sig(64, 0);
  sig[0] = 1;
  EXPECT_TRUE(FailsWith(pub->Verify(AsBytes("any"), sig), ErrorCode::kUnauthenticated));
}

}  // namespace
}  // namespace vaardig::crypto
