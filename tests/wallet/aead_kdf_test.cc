// core/crypto/aead.h (XChaCha20-Poly1305) against Wycheproof, and core/crypto/kdf.h (Argon2id,
// keyed BLAKE2b): sizes, limits and sensitivity to every input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "core/crypto/aead.h"
#include "core/crypto/kdf.h"
#include "core/encoding/base64url.h"
#include "core/encoding/json.h"
#include "tests/wallet/test_util.h"

namespace vaardig::crypto {
namespace {

using wallet::testutil::FailsWith;
using wallet::testutil::FailsWithMessage;
using wallet::testutil::IsOk;

Bytes Hex(const Json& value) { return encoding::HexDecode(value.get<std::string>()).value(); }

// Sealed form nonce ‖ ciphertext ‖ tag of a vector. Vectors with a nonce other than 24 bytes are
// invalid by construction: they split differently in this format and must not open.
TEST(AeadWycheproof, XChaCha20Poly1305Vectors) {
  std::ifstream in(std::string(VAARDIG_VECTORS_DIR) + "/wycheproof/xchacha20_poly1305_test.json", std::ios::binary);
  ASSERT_TRUE(in.good());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Json file = Json::parse(text);
  int run = 0;
  int valid = 0;
  for (const Json& group : file.at("testGroups")) {
    for (const Json& test : group.at("tests")) {
      ++run;
      SCOPED_TRACE("tcId " + std::to_string(test.at("tcId").get<int>()));
      const SecretBytes key = SecretBytes::CopyFrom(Hex(test.at("key")));
      Bytes sealed = Hex(test.at("iv"));
      const Bytes ct = Hex(test.at("ct"));
      const Bytes tag = Hex(test.at("tag"));
      sealed.insert(sealed.end(), ct.begin(), ct.end());
      sealed.insert(sealed.end(), tag.begin(), tag.end());
      const Bytes aad = Hex(test.at("aad"));
      const auto opened = AeadOpen(key, sealed, aad);
      if (test.at("result") == "valid") {
        ++valid;
        ASSERT_THAT(opened, IsOk());
        const auto pt = opened->Reveal();
        EXPECT_EQ(Bytes(pt.begin(), pt.end()), Hex(test.at("msg")));
        // Mutations: any flipped byte of nonce, ciphertext or tag, or other associated data.
        for (std::size_t i : {std::size_t{0}, sealed.size() / 2, sealed.size() - 1}) {
          Bytes mutated = sealed;
          mutated[i] ^= 0x01;
          EXPECT_THAT(AeadOpen(key, mutated, aad), FailsWith(ErrorCode::kUnauthenticated));
        }
        Bytes other_aad = aad;
        other_aad.push_back(0);
        EXPECT_THAT(AeadOpen(key, sealed, other_aad), FailsWith(ErrorCode::kUnauthenticated));
      } else {
        EXPECT_FALSE(opened.has_value());
      }
    }
  }
  EXPECT_EQ(run, file.at("numberOfTests").get<int>());
  EXPECT_EQ(valid, 246);
}

TEST(Aead, SealOpensOnlyWithTheSameKeyAndAssociatedData) {
  const SecretBytes key = GenerateAeadKey();
  const Bytes aad = ToBytes("vault-1/record-1");
  auto sealed = AeadSeal(key, AsBytes("geheim"), aad);
  ASSERT_THAT(sealed, IsOk());
  EXPECT_EQ(sealed->size(), 6 + kAeadOverhead);
  auto opened = AeadOpen(key, *sealed, aad);
  ASSERT_THAT(opened, IsOk());
  EXPECT_EQ(ToString(opened->Reveal()), "geheim");
  EXPECT_THAT(AeadOpen(GenerateAeadKey(), *sealed, aad),
              FailsWithMessage(ErrorCode::kUnauthenticated, "does not open"));
  EXPECT_THAT(AeadOpen(key, *sealed, ToBytes("vault-1/record-2")), FailsWith(ErrorCode::kUnauthenticated));
  // Random nonces: the same plaintext seals differently each time.
  EXPECT_NE(*AeadSeal(key, AsBytes("geheim"), aad), *sealed);
}

TEST(Aead, EmptyPlaintextRoundTrips) {
  const SecretBytes key = GenerateAeadKey();
  auto sealed = AeadSeal(key, ByteView{}, ByteView{});
  ASSERT_THAT(sealed, IsOk());
  EXPECT_EQ(sealed->size(), kAeadOverhead);
  auto opened = AeadOpen(key, *sealed, ByteView{});
  ASSERT_THAT(opened, IsOk());
  EXPECT_TRUE(opened->empty());
}

TEST(Aead, BadKeysAndShortInputsAreRefused) {
  EXPECT_THAT(AeadSeal(SecretBytes(16), AsBytes("x"), {}),
              FailsWithMessage(ErrorCode::kInvalidArgument, "must be 32 bytes"));
  EXPECT_THAT(AeadOpen(SecretBytes(31), Bytes(64, 0), {}), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(AeadOpen(GenerateAeadKey(), Bytes(kAeadOverhead - 1, 0), {}),
              FailsWithMessage(ErrorCode::kInvalidArgument, "shorter than nonce and tag"));
}

TEST(Argon2idKdf, SameInputsSameKeyAndEveryInputMatters) {
  const Bytes salt(kArgon2idSaltSize, 7);
  Bytes other_salt = salt;
  other_salt[0] ^= 1;
  const Argon2idParams min = Argon2idParams::Minimum();
  auto a = DeriveArgon2idKey(AsBytes("wachtzin-een"), salt, min);
  auto b = DeriveArgon2idKey(AsBytes("wachtzin-een"), salt, min);
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  EXPECT_EQ(a->size(), 32u);
  EXPECT_TRUE(*a == *b);
  EXPECT_FALSE(*a == *DeriveArgon2idKey(AsBytes("wachtzin-twee"), salt, min));
  EXPECT_FALSE(*a == *DeriveArgon2idKey(AsBytes("wachtzin-een"), other_salt, min));
  EXPECT_FALSE(*a == *DeriveArgon2idKey(AsBytes("wachtzin-een"), salt, {2, min.memlimit}));
  EXPECT_FALSE(*a == *DeriveArgon2idKey(AsBytes("wachtzin-een"), salt, {1, 2 * min.memlimit}));
  EXPECT_EQ(DeriveArgon2idKey(AsBytes("wachtzin-een"), salt, min, 64)->size(), 64u);
  EXPECT_THAT(DeriveArgon2idKey(ByteView{}, salt, min), IsOk());
}

TEST(Argon2idKdf, LimitsAreCheckedBeforeAnyWork) {
  const Bytes salt(kArgon2idSaltSize, 7);
  const Argon2idParams min = Argon2idParams::Minimum();
  EXPECT_THAT(DeriveArgon2idKey(AsBytes("x"), Bytes(8, 0), min),
              FailsWithMessage(ErrorCode::kInvalidArgument, "salt must be 16 bytes, got 8"));
  EXPECT_THAT(DeriveArgon2idKey(AsBytes("x"), salt, min, 8), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DeriveArgon2idKey(AsBytes("x"), salt, min, 65), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DeriveArgon2idKey(Bytes(kMaxKdfSecretBytes + 1, 'a'), salt, min),
              FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(DeriveArgon2idKey(AsBytes("x"), salt, {0, min.memlimit}),
              FailsWithMessage(ErrorCode::kInvalidArgument, "opslimit must be between 1 and 16, got 0"));
  EXPECT_THAT(DeriveArgon2idKey(AsBytes("x"), salt, {17, min.memlimit}), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DeriveArgon2idKey(AsBytes("x"), salt, {1, 1024}),
              FailsWithMessage(ErrorCode::kInvalidArgument, "memlimit must be between 8192"));
  EXPECT_THAT(DeriveArgon2idKey(AsBytes("x"), salt, {1, kMaxArgon2idMemLimit + 1}),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(CheckArgon2idParams(Argon2idParams::Moderate()), IsOk());
  EXPECT_THAT(CheckArgon2idParams(Argon2idParams::Interactive()), IsOk());
}

TEST(KeyedHash, KeyAndDataBothMatter) {
  const SecretBytes key(kKeyedHashKeySize);
  SecretBytes other_key(kKeyedHashKeySize);
  other_key.RevealMutable()[0] = 1;
  auto a = KeyedHash(key, AsBytes("anouk"));
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(*a, *KeyedHash(key, AsBytes("anouk")));
  EXPECT_NE(*a, *KeyedHash(key, AsBytes("bram")));
  EXPECT_NE(*a, *KeyedHash(other_key, AsBytes("anouk")));
  EXPECT_THAT(KeyedHash(SecretBytes(16), AsBytes("anouk")), FailsWith(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace vaardig::crypto
