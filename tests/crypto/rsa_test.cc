#include "core/crypto/rsa.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::FailsWith;
using testing::Hex;
using testing::IsOk;

// Key generation costs ~100 ms; the tests share one 2048-bit key.
const RsaPrivateKey& TestKey() {
  static const RsaPrivateKey* const key = [] {
    auto generated = RsaPrivateKey::Generate(2048);
    if (!generated) std::abort();
    return new RsaPrivateKey(*std::move(generated));
  }();
  return *key;
}

TEST(RsaPrivateKey, GeneratedKeySignsAndVerifies) {
  const RsaPrivateKey& key = TestKey();
  EXPECT_EQ(key.public_key().modulus_bits(), 2048);
  EXPECT_EQ(key.public_key().e(), Hex("010001"));
  const Bytes message = ToBytes("eyJhbGciOiJSUzI1NiJ9.e30");
  auto sig = key.SignRs256(message);
  ASSERT_TRUE(IsOk(sig));
  EXPECT_EQ(sig->size(), 256u);
  EXPECT_TRUE(IsOk(key.public_key().VerifyRs256(message, *sig)));

  auto again = key.SignRs256(message);
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(*again, *sig) << "PKCS#1 v1.5 signatures are deterministic";
}

TEST(RsaPrivateKey, GenerateBelow2048BitsIsInvalidArgument) {
  EXPECT_TRUE(FailsWith(RsaPrivateKey::Generate(1024), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(RsaPrivateKey::Generate(2047), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(RsaPrivateKey::Generate(0), ErrorCode::kInvalidArgument));
}

TEST(RsaPublicKey, TamperedSignatureOrMessageIsUnauthenticated) {
  const RsaPrivateKey& key = TestKey();
  const Bytes message = ToBytes("payload");
  auto sig = key.SignRs256(message);
  ASSERT_TRUE(IsOk(sig));
  for (std::size_t i : {std::size_t{0}, std::size_t{1}, std::size_t{128}, sig->size() - 1}) {
    Bytes flipped = *sig;
    flipped[i] ^= 0x01;
    EXPECT_TRUE(
        FailsWith(key.public_key().VerifyRs256(message, flipped), ErrorCode::kUnauthenticated))
        << i;
  }
  EXPECT_TRUE(FailsWith(key.public_key().VerifyRs256(AsBytes("payloae"), *sig),
                        ErrorCode::kUnauthenticated));
}

TEST(RsaPublicKey, SignatureOfWrongLengthOrRangeIsUnauthenticated) {
  const RsaPrivateKey& key = TestKey();
  auto sig = key.SignRs256(AsBytes("m"));
  ASSERT_TRUE(IsOk(sig));
  Bytes longer = *sig;
  longer.insert(longer.begin(), 0);
  const Bytes cases[] = {
      {},
      Bytes(sig->begin() + 1, sig->end()),  // one byte short
      longer,                               // leading zero added
      Bytes(256, 0xff),                     // >= n
      Bytes(256, 0x00),                     // zero
      key.public_key().n(),                 // exactly n
  };
  for (const Bytes& c : cases) {
    EXPECT_TRUE(
        FailsWith(key.public_key().VerifyRs256(AsBytes("m"), c), ErrorCode::kUnauthenticated))
        << c.size();
  }
}

TEST(RsaPublicKey, FromComponentsOfGeneratedKeyVerifies) {
  const RsaPrivateKey& key = TestKey();
  auto pub = RsaPublicKey::FromComponents(key.public_key().n(), key.public_key().e());
  ASSERT_TRUE(IsOk(pub));
  EXPECT_EQ(*pub, key.public_key());
  auto sig = key.SignRs256(AsBytes("m"));
  ASSERT_TRUE(IsOk(sig));
  EXPECT_TRUE(IsOk(pub->VerifyRs256(AsBytes("m"), *sig)));
}

TEST(RsaPublicKey, WeakOrMalformedComponentsAreInvalidArgument) {
  const Bytes& n = TestKey().public_key().n();
  Bytes n_leading_zero = n;
  n_leading_zero.insert(n_leading_zero.begin(), 0);
  Bytes n_2047 = n;
  n_2047[0] = 0x7f;  // top bit cleared: 2047 bits
  const Bytes n_1024(n.begin(), n.begin() + 128);
  const struct {
    Bytes n, e;
    std::string why;
  } cases[] = {
      {n_1024, Hex("010001"), "1024-bit modulus"},
      {n_2047, Hex("010001"), "2047-bit modulus"},
      {n_leading_zero, Hex("010001"), "leading zero in n"},
      {{}, Hex("010001"), "empty n"},
      {n, Hex("010000"), "even exponent"},
      {n, Hex("02"), "exponent 2"},
      {n, Hex("01"), "exponent 1"},
      {n, {}, "empty exponent"},
      {n, Hex("00010001"), "leading zero in e"},
      {n, n, "exponent equal to n"},
      {n, Bytes(257, 0xff), "exponent above n"},
      {Bytes(2049, 0xff), Hex("010001"), "modulus above 16384 bits"},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(FailsWith(RsaPublicKey::FromComponents(c.n, c.e), ErrorCode::kInvalidArgument))
        << c.why;
  }
}

TEST(RsaPrivateKey, FromComponentsOfGeneratedKeySignsCompatibly) {
  const RsaPrivateKey& key = TestKey();
  auto copy = RsaPrivateKey::FromComponents(key.components());
  ASSERT_TRUE(IsOk(copy));
  EXPECT_EQ(copy->public_key(), key.public_key());
  auto sig = copy->SignRs256(AsBytes("m"));
  ASSERT_TRUE(IsOk(sig));
  EXPECT_EQ(*sig, *key.SignRs256(AsBytes("m")));
}

TEST(RsaPrivateKey, InconsistentComponentsAreInvalidArgument) {
  const RsaPrivateComponents& good = TestKey().components();
  const auto flip_last_bit = [](SecretBytes s) {
    s.RevealMutable().back() ^= 0x02;  // keep odd values odd
    return s;
  };
  struct Case {
    RsaPrivateComponents c;
    std::string why;
  };
  std::vector<Case> cases;
  cases.push_back({good, "d changed"});
  cases.back().c.d = flip_last_bit(good.d);
  cases.push_back({good, "p changed"});
  cases.back().c.p = flip_last_bit(good.p);
  cases.push_back({good, "p and q swapped without the CRT values"});
  std::swap(cases.back().c.p, cases.back().c.q);
  cases.push_back({good, "dp changed"});
  cases.back().c.dp = flip_last_bit(good.dp);
  cases.push_back({good, "qi changed"});
  cases.back().c.qi = flip_last_bit(good.qi);
  cases.push_back({good, "e changed"});
  cases.back().c.e = Hex("03");
  cases.push_back({good, "q missing"});
  cases.back().c.q = SecretBytes();
  for (const Case& c : cases) {
    EXPECT_TRUE(FailsWith(RsaPrivateKey::FromComponents(c.c), ErrorCode::kInvalidArgument))
        << c.why;
  }
}

TEST(RsaPrivateKey, PublicComponentsAreValidatedFirst) {
  RsaPrivateComponents c = TestKey().components();
  c.n = Bytes(c.n.begin(), c.n.begin() + 128);
  EXPECT_TRUE(FailsWith(RsaPrivateKey::FromComponents(c), ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace vaardig::crypto
