// Wycheproof Ed25519, every vector plus mutations.
// File: tests/vectors/wycheproof/ed25519_test.json (see README there).
//
// Decisions per result and flag:
// - valid: must verify (Valid, Ktv, TinkOverflow).
// - invalid: must be rejected; a signature that is not 64 bytes (TruncatedSignature,
//   SignatureWithGarbage, CompressedSignature, some InvalidEncoding) with invalid_argument,
//   anything else (SignatureMalleability: S >= L, InvalidSignature, InvalidKtv, InvalidEncoding of
//   R) with unauthenticated. Ed25519 keys are only checked for size at construction (libsodium
//   checks the point when verifying), so no group is refused at key construction.
// - acceptable: the file has none. A future copy with one fails the run until someone writes a
//   decision for its flag into kAcceptableDecisions.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "core/crypto/ed25519.h"
#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::FailsWith;
using testing::Hex;
using testing::IsOk;
using testing::LoadWycheproof;
using testing::WycheproofFile;
using testing::WycheproofVector;

constexpr char kFile[] = "ed25519_test.json";
// The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
constexpr char kOrderLittleEndian[] =
    "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

// flag → must an `acceptable` vector with this flag verify?
const std::map<std::string, bool> kAcceptableDecisions = {};

ErrorCode ExpectedRejection(const WycheproofVector& v) {
  return v.sig.size() == kEd25519SignatureSize ? ErrorCode::kUnauthenticated
                                               : ErrorCode::kInvalidArgument;
}

TEST(WycheproofEd25519, EveryVectorHasTheExpectedResult) {
  const WycheproofFile file = LoadWycheproof(kFile);
  ASSERT_EQ(file.loaded, file.number_of_tests) << "vector file and its numberOfTests disagree";
  int run = 0, accepted = 0, rejected = 0, rejected_by_key = 0, acceptable = 0;
  for (const auto& group : file.groups) {
    auto key = Ed25519PublicKey::Create(Hex(group.public_key.at("pk").get<std::string>()));
    for (const WycheproofVector& v : group.tests) {
      ++run;
      if (!key) {
        EXPECT_EQ(v.result, "invalid") << v.Label() << ": key refused: " << key.error();
        ++rejected_by_key;
        continue;
      }
      const Status status = key->Verify(v.msg, v.sig);
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

TEST(WycheproofEd25519, MutatedValidVectorsAreRejected) {
  const WycheproofFile file = LoadWycheproof(kFile);
  const Bytes order = Hex(kOrderLittleEndian);
  int mutated = 0, valid = 0;
  for (const auto& group : file.groups) {
    auto key = Ed25519PublicKey::Create(Hex(group.public_key.at("pk").get<std::string>()));
    ASSERT_TRUE(IsOk(key));
    for (const WycheproofVector& v : group.tests) {
      if (v.result != "valid") continue;
      ++valid;
      ASSERT_TRUE(IsOk(key->Verify(v.msg, v.sig))) << v.Label();

      for (std::size_t i = 0; i < v.sig.size(); ++i) {
        Bytes sig = v.sig;
        sig[i] ^= 0x01;
        EXPECT_TRUE(FailsWith(key->Verify(v.msg, sig), ErrorCode::kUnauthenticated))
            << v.Label() << ", signature byte " << i << " flipped";
      }
      Bytes longer_msg = v.msg;
      longer_msg.push_back(0);
      EXPECT_TRUE(FailsWith(key->Verify(longer_msg, v.sig), ErrorCode::kUnauthenticated))
          << v.Label() << ", message extended";
      if (!v.msg.empty()) {
        Bytes changed_msg = v.msg;
        changed_msg[0] ^= 0x80;
        EXPECT_TRUE(FailsWith(key->Verify(changed_msg, v.sig), ErrorCode::kUnauthenticated))
            << v.Label() << ", message changed";
      }
      // S + L: the same residue, non-canonical. S < L < 2^253, so S + L fits in 32 bytes.
      Bytes malleable = v.sig;
      unsigned carry = 0;
      for (std::size_t i = 0; i < 32; ++i) {
        const unsigned sum = malleable[32 + i] + order[i] + carry;
        malleable[32 + i] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
      }
      ASSERT_EQ(carry, 0u);
      EXPECT_TRUE(FailsWith(key->Verify(v.msg, malleable), ErrorCode::kUnauthenticated))
          << v.Label() << ", S + L";
      EXPECT_TRUE(
          FailsWith(key->Verify(v.msg, ByteView(v.sig).first(63)), ErrorCode::kInvalidArgument))
          << v.Label() << ", truncated";
      ++mutated;
    }
  }
  EXPECT_EQ(mutated, valid);
  EXPECT_GT(mutated, 0);
}

}  // namespace
}  // namespace vaardig::crypto
