#include "core/encoding/multibase.h"

#include <gtest/gtest.h>

#include <string_view>

#include "core/encoding/base64url.h"
#include "tests/encoding/test_util.h"

namespace vaardig::encoding {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

TEST(Multibase, EncodesWithPrefix) {
  EXPECT_EQ(MultibaseEncode(Multibase::kBase58Btc, AsBytes("Hello World!")), "z2NEpo7TZRRrLZSi2U");
  EXPECT_EQ(MultibaseEncode(Multibase::kBase64Url, AsBytes("Hello World!")), "uSGVsbG8gV29ybGQh");
  EXPECT_EQ(MultibaseEncode(Multibase::kBase58Btc, {}), "z");
}

TEST(Multibase, DidKeyEd25519DecodesToMulticodecEd25519Pub) {
  // did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK (did:key spec example).
  auto bytes = MultibaseDecode("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
  ASSERT_THAT(bytes, IsOk());
  auto value = MulticodecUnwrap(*bytes);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(value->codec, kMulticodecEd25519Pub);
  EXPECT_EQ(HexEncode(value->data),
            "2e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6");
}

TEST(Multibase, Base64UrlRoundTrips) {
  const Bytes data = {0xfb, 0xff, 0x00};
  auto decoded = MultibaseDecode(MultibaseEncode(Multibase::kBase64Url, data));
  ASSERT_THAT(decoded, IsOk());
  EXPECT_EQ(*decoded, data);
}

TEST(Multibase, MalformedOrUnsupportedInputIsRejected) {
  using enum ErrorCode;
  const struct {
    std::string_view text;
    ErrorCode code;
  } cases[] = {
      {"", kInvalidArgument},                  // no prefix
      {"z0OIl", kInvalidArgument},             // not base58btc
      {"uZg==", kInvalidArgument},             // base64url with padding
      {"uZh", kInvalidArgument},               // non-canonical base64url
      {"mSGVsbG8=", kUnimplemented},           // base64 (padded)
      {"f48656c6c6f", kUnimplemented},         // base16
      {"Z2NEpo7TZRRrLZSi2U", kUnimplemented},  // base58flickr
      {"U", kUnimplemented},                   // base64urlpad
      {"\x01", kUnimplemented},                // not a prefix at all
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(MultibaseDecode(c.text), FailsWith(c.code));
  }
}

TEST(Varint, SpecVectorsEncodeAndDecode) {
  // multiformats/unsigned-varint README, plus the codecs Vaardig uses.
  const struct {
    std::uint64_t value;
    std::string_view hex;
  } cases[] = {
      {0, "00"},
      {1, "01"},
      {127, "7f"},
      {128, "8001"},
      {255, "ff01"},
      {300, "ac02"},
      {16384, "808001"},
      {kMulticodecEd25519Pub, "ed01"},
      {kMulticodecP256Pub, "8024"},
      {kMulticodecEd25519Priv, "8026"},
      {(std::uint64_t{1} << 63) - 1, "ffffffffffffffff7f"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.hex);
    EXPECT_EQ(HexEncode(VarintEncode(c.value)), c.hex);
    auto bytes = HexDecode(c.hex);
    ASSERT_THAT(bytes, IsOk());
    auto decoded = VarintDecode(*bytes);
    ASSERT_THAT(decoded, IsOk());
    EXPECT_EQ(decoded->value, c.value);
    EXPECT_EQ(decoded->length, bytes->size());
  }
}

TEST(Varint, DecodeStopsAfterFinalByte) {
  const Bytes bytes = {0xed, 0x01, 0xaa, 0xbb};
  auto decoded = VarintDecode(bytes);
  ASSERT_THAT(decoded, IsOk());
  EXPECT_EQ(decoded->value, 0xedu);
  EXPECT_EQ(decoded->length, 2u);
}

TEST(Varint, MalformedInputIsRejected) {
  using enum ErrorCode;
  const struct {
    std::string_view hex;
    ErrorCode code;
  } cases[] = {
      {"", kInvalidArgument},                      // empty
      {"80", kInvalidArgument},                    // truncated
      {"ff80", kInvalidArgument},                  // truncated
      {"8000", kInvalidArgument},                  // 0 in two bytes
      {"8100", kInvalidArgument},                  // 1 in two bytes
      {"ed8000", kInvalidArgument},                // 0xed in three bytes
      {"ffffffffffffffffff", kInvalidArgument},    // 9 bytes, continuation on the last
      {"ffffffffffffffffff01", kInvalidArgument},  // 10 bytes (2^63 and up)
      {"80808080808080808001", kInvalidArgument},  // 10 bytes
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.hex);
    auto bytes = HexDecode(c.hex);
    ASSERT_THAT(bytes, IsOk());
    EXPECT_THAT(VarintDecode(*bytes), FailsWith(c.code));
  }
}

TEST(Multicodec, WrapThenUnwrapRoundTrips) {
  const Bytes key(32, 0x42);
  const Bytes wrapped = MulticodecWrap(kMulticodecP256Pub, key);
  EXPECT_EQ(HexEncode(ByteView(wrapped).first(2)), "8024");
  auto value = MulticodecUnwrap(wrapped);
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(value->codec, kMulticodecP256Pub);
  EXPECT_EQ(value->data, key);
}

TEST(Multicodec, UnwrapWithBadPrefixIsInvalidArgument) {
  EXPECT_THAT(MulticodecUnwrap(Bytes{}), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(MulticodecUnwrap(Bytes{0x80}), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(MulticodecUnwrap(Bytes{0x80, 0x00, 0x01}), FailsWith(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace vaardig::encoding
