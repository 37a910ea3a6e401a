#include "core/encoding/base58.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/encoding/base64url.h"
#include "tests/encoding/test_util.h"

namespace vaardig::encoding {
namespace {

using namespace std::string_view_literals;
using testutil::FailsWith;
using testutil::IsOk;

struct Vector {
  std::string_view hex;
  std::string_view base58;
};

// draft-msporny-base58-03 §5 and the Bitcoin alphabet's edge cases.
constexpr Vector kVectors[] = {
    {"", ""},
    {"00", "1"},
    {"0000", "11"},
    {"000001", "112"},
    {"0000287fb4cd", "11233QC4"},
    {"48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U"},  // "Hello World!"
    {"54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e",
     "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"},  // "The quick brown fox..."
    {"39", "z"},
    {"3a", "21"},
    {"ffffffff", "7YXq9G"},
};

TEST(Base58Btc, KnownVectorsEncodeAndDecode) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.base58);
    auto bytes = HexDecode(v.hex);
    ASSERT_THAT(bytes, IsOk());
    EXPECT_EQ(Base58BtcEncode(*bytes), v.base58);
    auto decoded = Base58BtcDecode(v.base58);
    ASSERT_THAT(decoded, IsOk());
    EXPECT_EQ(*decoded, *bytes);
  }
}

TEST(Base58Btc, LeadingZerosAndLongInputsRoundTrip) {
  Bytes data;
  for (int i = 0; i < 300; ++i) {
    data.push_back(static_cast<std::uint8_t>(i < 5 ? 0 : (i * 131 + 7) & 0xff));
    auto decoded = Base58BtcDecode(Base58BtcEncode(data));
    ASSERT_THAT(decoded, IsOk());
    ASSERT_EQ(*decoded, data) << "length " << data.size();
  }
}

TEST(Base58Btc, MalformedInputIsRejected) {
  using enum ErrorCode;
  const struct {
    std::string_view text;
    ErrorCode code;
  } cases[] = {
      {"0", kInvalidArgument},                    // not in the alphabet
      {"O", kInvalidArgument},                    // not in the alphabet
      {"I", kInvalidArgument},                    // not in the alphabet
      {"l", kInvalidArgument},                    // not in the alphabet
      {"2NEpo7TZRRrLZSi2U\n", kInvalidArgument},  // trailing newline
      {" 2NEpo7", kInvalidArgument},              // leading space
      {"2NEpo+7", kInvalidArgument},              // punctuation
      {"2NE\xc3\xa9", kInvalidArgument},          // non-ASCII
      {"11\0"sv, kInvalidArgument},               // NUL
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(Base58BtcDecode(c.text), FailsWith(c.code));
  }
}

TEST(Base58Btc, InputOverLimitIsResourceExhausted) {
  EXPECT_THAT(Base58BtcDecode(std::string(kMaxBase58Input + 1, '2')),
              FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(Base58BtcDecode(std::string(kMaxBase58Input, '2')), IsOk());
}

}  // namespace
}  // namespace vaardig::encoding
