// Wycheproof ECDSA P-256 / SHA-256 in IEEE P1363 form (= JOSE ES256), every vector plus mutations.
// File: tests/vectors/wycheproof/ecdsa_secp256r1_sha256_p1363_test.json (see README there).
//
// Decisions per result and flag:
// - valid: must verify. This includes high-S signatures (flags ArithmeticError, SpecialCaseHash,
//   EdgeCasePublicKey, ...): JOSE (RFC 7518 §3.4) does not require low S, so both s and n - s are
//   accepted, as OpenSSL does.
// - invalid: must be rejected; a signature that is not 64 bytes (SignatureSize and some
//   InvalidSignature vectors) with invalid_argument, anything else with unauthenticated. A group
//   whose public key we refuse at construction would count its vectors as rejected by the key
//   (none in this file: every key is a valid point).
// - acceptable: the file has none. A future copy with one fails the run until someone writes a
//   decision for its flag into kAcceptableDecisions.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "core/crypto/p256.h"
#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::FailsWith;
using testing::Hex;
using testing::IsOk;
using testing::LoadWycheproof;
using testing::WycheproofFile;
using testing::WycheproofVector;

constexpr char kFile[] = "ecdsa_secp256r1_sha256_p1363_test.json";
constexpr char kOrderHex[] = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

// flag → must an `acceptable` vector with this flag verify?
const std::map<std::string, bool> kAcceptableDecisions = {};

ErrorCode ExpectedRejection(const WycheproofVector& v) {
  return v.sig.size() == kEs256SignatureSize ? ErrorCode::kUnauthenticated
                                             : ErrorCode::kInvalidArgument;
}

// a + b over 32-byte big-endian values; false on overflow past 2^256.
bool AddBigEndian(ByteView a, ByteView b, std::span<std::uint8_t> out) {
  unsigned carry = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    const unsigned sum = a[i] + b[i] + carry;
    out[i] = static_cast<std::uint8_t>(sum);
    carry = sum >> 8;
  }
  return carry == 0;
}

// a - b over 32-byte big-endian values, a >= b.
void SubtractBigEndian(ByteView a, ByteView b, std::span<std::uint8_t> out) {
  int borrow = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    const int diff = a[i] - b[i] - borrow;
    out[i] = static_cast<std::uint8_t>(diff);
    borrow = diff < 0 ? 1 : 0;
  }
}

TEST(WycheproofEcdsaP256, EveryVectorHasTheExpectedResult) {
  const WycheproofFile file = LoadWycheproof(kFile);
  ASSERT_EQ(file.loaded, file.number_of_tests) << "vector file and its numberOfTests disagree";
  int run = 0, accepted = 0, rejected = 0, rejected_by_key = 0, acceptable = 0;
  for (const auto& group : file.groups) {
    auto key = P256PublicKey::FromSec1(Hex(group.public_key.at("uncompressed").get<std::string>()));
    for (const WycheproofVector& v : group.tests) {
      ++run;
      if (!key) {
        EXPECT_EQ(v.result, "invalid") << v.Label() << ": key refused: " << key.error();
        ++rejected_by_key;
        continue;
      }
      const Status status = key->VerifyEs256(v.msg, v.sig);
      if (v.result == "valid") {
        EXPECT_TRUE(IsOk(status)) << v.Label();
        ++accepted;
      } else if (v.result == "invalid") {
        EXPECT_TRUE(FailsWith(status, ExpectedRejection(v))) << v.Label();
        ++rejected;
      } else {
        ASSERT_EQ(v.result, "acceptable") << v.Label();
        ++acceptable;
        bool decided = false;
        for (const std::string& flag : v.flags) {
          if (auto it = kAcceptableDecisions.find(flag); it != kAcceptableDecisions.end()) {
            decided = true;
            EXPECT_EQ(status.has_value(), it->second) << v.Label();
          }
        }
        EXPECT_TRUE(decided) << "no decision for acceptable " << v.Label();
      }
    }
  }
  EXPECT_EQ(run, file.number_of_tests);
  std::printf(
      "[ wycheproof ] %s: %d run = %d valid accepted + %d invalid rejected + %d rejected "
      "by key + %d acceptable\n",
      kFile, run, accepted, rejected, rejected_by_key, acceptable);
}

TEST(WycheproofEcdsaP256, MutatedValidVectorsAreRejected) {
  const WycheproofFile file = LoadWycheproof(kFile);
  const Bytes order = Hex(kOrderHex);
  int mutated = 0, valid = 0;
  for (const auto& group : file.groups) {
    auto key = P256PublicKey::FromSec1(Hex(group.public_key.at("uncompressed").get<std::string>()));
    ASSERT_TRUE(IsOk(key));
    for (const WycheproofVector& v : group.tests) {
      if (v.result != "valid") continue;
      ++valid;
      ASSERT_TRUE(IsOk(key->VerifyEs256(v.msg, v.sig))) << v.Label();

      // (r, n - s) is the malleable twin and valid in ES256; flipping the low bit of s = (n+1)/2
      // lands exactly there (tcId 170, 171), so that one mutation must still verify.
      Bytes twin = v.sig;
      SubtractBigEndian(order, ByteView(v.sig).subspan(32), std::span(twin).subspan(32));
      for (std::size_t i = 0; i < v.sig.size(); ++i) {
        Bytes sig = v.sig;
        sig[i] ^= 0x01;
        if (sig == twin) {
          EXPECT_TRUE(IsOk(key->VerifyEs256(v.msg, sig))) << v.Label() << ", (r, n - s)";
          continue;
        }
        EXPECT_TRUE(FailsWith(key->VerifyEs256(v.msg, sig), ErrorCode::kUnauthenticated))
            << v.Label() << ", signature byte " << i << " flipped";
      }
      Bytes longer_msg = v.msg;
      longer_msg.push_back(0);
      EXPECT_TRUE(FailsWith(key->VerifyEs256(longer_msg, v.sig), ErrorCode::kUnauthenticated))
          << v.Label() << ", message extended";
      if (!v.msg.empty()) {
        Bytes changed_msg = v.msg;
        changed_msg[0] ^= 0x80;
        EXPECT_TRUE(FailsWith(key->VerifyEs256(changed_msg, v.sig), ErrorCode::kUnauthenticated))
            << v.Label() << ", message changed";
      }
      // r + n and s + n (same residues, out of range) when they still fit in 32 bytes.
      for (std::size_t offset : {std::size_t{0}, std::size_t{32}}) {
        Bytes sig = v.sig;
        const std::span<std::uint8_t> scalar = std::span(sig).subspan(offset, 32);
        if (AddBigEndian(ByteView(v.sig).subspan(offset, 32), order, scalar)) {
          EXPECT_TRUE(FailsWith(key->VerifyEs256(v.msg, sig), ErrorCode::kUnauthenticated))
              << v.Label() << (offset == 0 ? ", r + n" : ", s + n");
        }
      }
      EXPECT_TRUE(FailsWith(key->VerifyEs256(v.msg, ByteView(v.sig).first(63)),
                            ErrorCode::kInvalidArgument))
          << v.Label() << ", truncated";
      ++mutated;
    }
  }
  EXPECT_EQ(mutated, valid);
  EXPECT_GT(mutated, 0);
}

}  // namespace
}  // namespace vaardig::crypto
