#include "core/crypto/hash.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::ToHex;

// FIPS 180-2 appendix examples.
constexpr std::string_view kTwoBlockMessage =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

TEST(Sha256, AbcMatchesFips180Vector) {
  EXPECT_EQ(ToHex(Sha256(AsBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, EmptyInputMatchesKnownDigest) {
  EXPECT_EQ(ToHex(Sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, TwoBlockMessageMatchesFips180Vector) {
  EXPECT_EQ(ToHex(Sha256(AsBytes(kTwoBlockMessage))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha384, AbcMatchesFips180Vector) {
  EXPECT_EQ(ToHex(Sha384(AsBytes("abc"))),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
            "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
}

TEST(Sha256Hasher, ChunkedInputMatchesOneShot) {
  Sha256Hasher hasher;
  for (std::size_t i = 0; i < kTwoBlockMessage.size(); i += 7) {
    hasher.Update(AsBytes(kTwoBlockMessage.substr(i, 7)));
  }
  hasher.Update({});
  EXPECT_EQ(hasher.Finish(), Sha256(AsBytes(kTwoBlockMessage)));
}

TEST(Sha256Hasher, FinishResetsForReuse) {
  Sha256Hasher hasher;
  hasher.Update(AsBytes("abc"));
  EXPECT_EQ(hasher.Finish(), Sha256(AsBytes("abc")));
  EXPECT_EQ(hasher.Finish(), Sha256({}));
  hasher.Update(AsBytes("abc"));
  EXPECT_EQ(hasher.Finish(), Sha256(AsBytes("abc")));
}

TEST(Sha256Hasher, MillionAsMatchesFips180Vector) {
  Sha256Hasher hasher;
  const std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) hasher.Update(AsBytes(chunk));
  EXPECT_EQ(ToHex(hasher.Finish()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace vaardig::crypto
