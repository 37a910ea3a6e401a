#include "core/crypto/p256.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto/hash.h"
#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::FailsWith;
using testing::Hex;
using testing::IsOk;
using testing::ToHex;

// SEC 2 §2.4.2 (secp256r1): generator, order n, field prime p.
constexpr char kGx[] = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
constexpr char kGy[] = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
constexpr char kMinusGy[] = "b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae0a";
constexpr char kN[] = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
constexpr char kNMinus1[] = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550";
constexpr char kP[] = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
// sqrt(b) mod p: (0, kSqrtB) is a point on the curve.
constexpr char kSqrtB[] = "66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4";

std::string Scalar(std::string_view short_hex) {
  return std::string(64 - short_hex.size(), '0') + std::string(short_hex);
}

SecretBytes SecretHex(std::string_view hex) { return SecretBytes::CopyFrom(Hex(hex)); }

TEST(P256PrivateKey, ScalarOneGivesTheGenerator) {
  auto key = P256PrivateKey::FromScalar(SecretHex(Scalar("01")));
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(ToHex(key->public_key().x()), kGx);
  EXPECT_EQ(ToHex(key->public_key().y()), std::string(kGy));
}

TEST(P256PrivateKey, ScalarOutOfRangeIsInvalidArgument) {
  const struct {
    std::string hex, why;
  } cases[] = {
      {Scalar("00"), "zero"},
      {kN, "n"},
      {std::string(64, 'f'), "2^256 - 1"},
      {Scalar("01").substr(2), "31 bytes"},
      {Scalar("01") + "00", "33 bytes"},
      {"", "empty"},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(
        FailsWith(P256PrivateKey::FromScalar(SecretHex(c.hex)), ErrorCode::kInvalidArgument))
        << c.why;
  }
}

TEST(P256PrivateKey, ScalarNMinusOneIsAccepted) {
  auto key = P256PrivateKey::FromScalar(SecretHex(kNMinus1));
  ASSERT_TRUE(IsOk(key));
  // (n-1)·G = -G: same x, y = p - Gy.
  EXPECT_EQ(ToHex(key->public_key().x()), kGx);
  EXPECT_EQ(ToHex(key->public_key().y()), kMinusGy);
}

TEST(P256PrivateKey, ScalarWithMatchingPublicKeySucceeds) {
  const P256PrivateKey generated = P256PrivateKey::Generate();
  auto key = P256PrivateKey::FromScalar(generated.scalar(), generated.public_key());
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(key->public_key(), generated.public_key());
  EXPECT_EQ(key->scalar(), generated.scalar());
}

TEST(P256PrivateKey, ScalarWithMismatchingPublicKeyIsInvalidArgument) {
  const P256PrivateKey a = P256PrivateKey::Generate();
  const P256PrivateKey b = P256PrivateKey::Generate();
  EXPECT_TRUE(FailsWith(P256PrivateKey::FromScalar(a.scalar(), b.public_key()),
                        ErrorCode::kInvalidArgument));
}

TEST(P256PrivateKey, GeneratedKeySignsAndVerifies) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  const Bytes message = ToBytes("eyJhbGciOiJFUzI1NiJ9.e30");
  auto sig = key.SignEs256(message);
  ASSERT_TRUE(IsOk(sig));
  EXPECT_TRUE(IsOk(key.public_key().VerifyEs256(message, *sig)));
  EXPECT_TRUE(IsOk(key.public_key().VerifyDigestEs256(Sha256(message), *sig)));

  auto again = key.SignEs256(message);
  ASSERT_TRUE(IsOk(again));
  EXPECT_NE(*again, *sig) << "signatures use a random nonce";
  EXPECT_TRUE(IsOk(key.public_key().VerifyEs256(message, *again)));
}

TEST(P256PrivateKey, TamperedSignatureOrMessageIsUnauthenticated) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  const Bytes message = ToBytes("payload");
  auto sig = key.SignEs256(message);
  ASSERT_TRUE(IsOk(sig));
  for (std::size_t i = 0; i < sig->size(); ++i) {
    Es256Signature flipped = *sig;
    flipped[i] ^= 0x01;
    EXPECT_TRUE(
        FailsWith(key.public_key().VerifyEs256(message, flipped), ErrorCode::kUnauthenticated))
        << i;
  }
  EXPECT_TRUE(FailsWith(key.public_key().VerifyEs256(AsBytes("payloae"), *sig),
                        ErrorCode::kUnauthenticated));
  EXPECT_TRUE(FailsWith(P256PrivateKey::Generate().public_key().VerifyEs256(message, *sig),
                        ErrorCode::kUnauthenticated));
}

TEST(P256PublicKey, SignatureWithOutOfRangeScalarsIsUnauthenticated) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  const Bytes message = ToBytes("payload");
  auto sig = key.SignEs256(message);
  ASSERT_TRUE(IsOk(sig));
  const std::string r = ToHex(ByteView(*sig).first(32));
  const std::string s = ToHex(ByteView(*sig).subspan(32));
  const struct {
    std::string hex, why;
  } cases[] = {
      {Scalar("00") + s, "r = 0"},
      {r + Scalar("00"), "s = 0"},
      {std::string(kN) + s, "r = n"},
      {r + kN, "s = n"},
      {std::string(128, 'f'), "r = s = 2^256 - 1"},
      {std::string(128, '0'), "all zero"},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(
        FailsWith(key.public_key().VerifyEs256(message, Hex(c.hex)), ErrorCode::kUnauthenticated))
        << c.why;
  }
}

TEST(P256PublicKey, SignatureOfWrongLengthIsInvalidArgument) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  for (std::size_t size : {0, 32, 63, 65, 70, 72}) {
    EXPECT_TRUE(FailsWith(key.public_key().VerifyEs256(AsBytes("m"), Bytes(size, 1)),
                          ErrorCode::kInvalidArgument))
        << size;
    EXPECT_TRUE(FailsWith(key.public_key().VerifyDigestEs256(Sha256(AsBytes("m")), Bytes(size, 1)),
                          ErrorCode::kInvalidArgument))
        << size;
  }
}

TEST(P256PublicKey, DigestOfWrongLengthIsInvalidArgument) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  auto sig = key.SignEs256(AsBytes("m"));
  ASSERT_TRUE(IsOk(sig));
  for (std::size_t size : {0, 20, 31, 33, 48}) {
    EXPECT_TRUE(FailsWith(key.public_key().VerifyDigestEs256(Bytes(size, 1), *sig),
                          ErrorCode::kInvalidArgument))
        << size;
  }
}

TEST(P256PublicKey, Sec1EncodingsRoundTrip) {
  for (int i = 0; i < 8; ++i) {  // both parities of y, with high probability
    const P256PublicKey pub = P256PrivateKey::Generate().public_key();
    const Bytes uncompressed = pub.Sec1Uncompressed();
    const Bytes compressed = pub.Sec1Compressed();
    ASSERT_EQ(uncompressed.size(), 65u);
    ASSERT_EQ(compressed.size(), 33u);
    EXPECT_EQ(compressed[0], (pub.y().back() & 1) ? 0x03 : 0x02);

    auto from_uncompressed = P256PublicKey::FromSec1(uncompressed);
    auto from_compressed = P256PublicKey::FromSec1(compressed);
    auto from_coordinates = P256PublicKey::FromCoordinates(pub.x(), pub.y());
    ASSERT_TRUE(IsOk(from_uncompressed));
    ASSERT_TRUE(IsOk(from_compressed));
    ASSERT_TRUE(IsOk(from_coordinates));
    EXPECT_EQ(*from_uncompressed, pub);
    EXPECT_EQ(*from_compressed, pub);
    EXPECT_EQ(*from_coordinates, pub);
  }
}

TEST(P256PublicKey, CompressedKeyVerifiesSignatures) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  auto sig = key.SignEs256(AsBytes("m"));
  ASSERT_TRUE(IsOk(sig));
  auto pub = P256PublicKey::FromSec1(key.public_key().Sec1Compressed());
  ASSERT_TRUE(IsOk(pub));
  EXPECT_TRUE(IsOk(pub->VerifyEs256(AsBytes("m"), *sig)));
}

TEST(P256PublicKey, PointOnCurveWithZeroXIsAccepted) {
  EXPECT_TRUE(IsOk(P256PublicKey::FromSec1(Hex("04" + Scalar("00") + kSqrtB))));
}

TEST(P256PublicKey, MalformedSec1IsInvalidArgument) {
  const std::string gx = kGx;
  const std::string gy = std::string(kGy);
  std::string gy_plus_one = gy;
  gy_plus_one.back() = static_cast<char>(gy_plus_one.back() + 1);  // ...f5 → ...f6
  const struct {
    std::string hex, why;
  } cases[] = {
      {"", "empty"},
      {"00", "point at infinity"},
      {gx + gy, "64 bytes without prefix"},
      {"04" + gx + gy + "00", "trailing byte"},
      {"04" + gx, "uncompressed prefix, compressed length"},
      {"02" + gx + gy, "compressed prefix, uncompressed length"},
      {"05" + gx + gy, "unknown prefix"},
      {"06" + gx + gy, "hybrid form (even)"},
      {"07" + gx + gy, "hybrid form (odd)"},
      {"04" + gx + gy_plus_one, "not on the curve"},
      {"04" + Scalar("00") + Scalar("00"), "(0, 0)"},
      {"04" + std::string(kP) + kSqrtB, "x = p (the point (0, sqrt b) unreduced)"},
      {"02" + Scalar("01"), "compressed x with no square root"},
      {"03" + Scalar("01"), "compressed x with no square root (odd)"},
      {"02" + std::string(kP), "compressed x = p"},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(FailsWith(P256PublicKey::FromSec1(Hex(c.hex)), ErrorCode::kInvalidArgument))
        << c.why;
  }
}

TEST(P256PublicKey, CoordinatesOfWrongSizeAreInvalidArgument) {
  const Bytes x = Hex(kGx);
  const Bytes y = Hex(std::string(kGy));
  Bytes x_long = x;
  x_long.insert(x_long.begin(), 0);
  EXPECT_TRUE(IsOk(P256PublicKey::FromCoordinates(x, y)));
  EXPECT_TRUE(FailsWith(P256PublicKey::FromCoordinates(x_long, y), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(P256PublicKey::FromCoordinates(ByteView(x).first(31), y),
                        ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(P256PublicKey::FromCoordinates(x, {}), ErrorCode::kInvalidArgument));
}

TEST(P256PublicKey, ConcurrentVerificationWithOneKeySucceeds) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  auto sig = key.SignEs256(AsBytes("shared"));
  ASSERT_TRUE(IsOk(sig));
  const P256PublicKey& pub = key.public_key();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (!pub.VerifyEs256(AsBytes("shared"), *sig)) ++failures;
        if (pub.VerifyEs256(AsBytes("other"), *sig)) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

// Signing and verifying reuse one OpenSSL context per key (handed between calls); these check
// that it is neither shared unsafely between threads nor outlived by the key's copies.
TEST(P256PrivateKey, ConcurrentSigningWithOneKeySucceeds) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        const std::string message = "message " + std::to_string(i);
        auto sig = key.SignEs256(AsBytes(message));
        if (!sig || !key.public_key().VerifyEs256(AsBytes(message), *sig)) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

// Public keys are built as copies of one shared P-256 parameter template.
TEST(P256PublicKey, ConcurrentConstructionFromOnePointSucceeds) {
  const P256PrivateKey key = P256PrivateKey::Generate();
  auto sig = key.SignEs256(AsBytes("m"));
  ASSERT_TRUE(IsOk(sig));
  const Bytes sec1 = key.public_key().Sec1Uncompressed();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto pub = P256PublicKey::FromSec1(sec1);
        if (!pub || !(*pub == key.public_key()) || !pub->VerifyEs256(AsBytes("m"), *sig)) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(P256PublicKey, CopiesVerifyAfterTheOriginalIsGone) {
  std::optional<P256PrivateKey> key = P256PrivateKey::Generate();
  auto sig = key->SignEs256(AsBytes("m"));
  ASSERT_TRUE(IsOk(sig));
  std::optional<P256PublicKey> original = key->public_key();
  EXPECT_TRUE(IsOk(original->VerifyEs256(AsBytes("m"), *sig)));  // leaves a context behind
  const P256PublicKey copy = *original;
  const P256PrivateKey signer = *key;
  original.reset();
  key.reset();
  EXPECT_TRUE(FailsWith(copy.VerifyEs256(AsBytes("x"), *sig), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(IsOk(copy.VerifyEs256(AsBytes("m"), *sig)));
  auto again = signer.SignEs256(AsBytes("m2"));
  ASSERT_TRUE(IsOk(again));
  EXPECT_TRUE(IsOk(copy.VerifyEs256(AsBytes("m2"), *again)));
}

}  // namespace
}  // namespace vaardig::crypto
