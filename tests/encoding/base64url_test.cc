#include "core/encoding/base64url.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/encoding/test_util.h"

namespace vaardig::encoding {
namespace {

using namespace std::string_view_literals;
using testutil::FailsWith;
using testutil::IsOk;

struct Vector {
  std::string_view plain;
  std::string_view base64url;
  std::string_view base64;
};

// RFC 4648 §10.
constexpr Vector kRfc4648Vectors[] = {
    {"", "", ""},
    {"f", "Zg", "Zg=="},
    {"fo", "Zm8", "Zm8="},
    {"foo", "Zm9v", "Zm9v"},
    {"foob", "Zm9vYg", "Zm9vYg=="},
    {"fooba", "Zm9vYmE", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy", "Zm9vYmFy"},
};

TEST(Base64Url, Rfc4648VectorsEncodeAndDecode) {
  for (const auto& v : kRfc4648Vectors) {
    SCOPED_TRACE(v.plain);
    EXPECT_EQ(Base64UrlEncode(v.plain), v.base64url);
    EXPECT_EQ(Base64Encode(AsBytes(v.plain)), v.base64);
    auto url = Base64UrlDecodeToString(v.base64url);
    ASSERT_THAT(url, IsOk());
    EXPECT_EQ(*url, v.plain);
    auto standard = Base64Decode(v.base64);
    ASSERT_THAT(standard, IsOk());
    EXPECT_EQ(ToString(*standard), v.plain);
  }
}

TEST(Base64Url, Rfc7515AppendixCUsesUrlSafeAlphabet) {
  const Bytes bytes = {3, 236, 255, 224, 193};
  EXPECT_EQ(Base64UrlEncode(bytes), "A-z_4ME");
  EXPECT_EQ(Base64Encode(bytes), "A+z/4ME=");
  auto decoded = Base64UrlDecode("A-z_4ME");
  ASSERT_THAT(decoded, IsOk());
  EXPECT_EQ(*decoded, bytes);
}

TEST(Base64Url, EveryByteValueRoundTrips) {
  Bytes all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  for (std::size_t length = 0; length <= all.size(); length += 37) {
    const ByteView prefix(all.data(), length);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(prefix)), Bytes(prefix.begin(), prefix.end()));
    EXPECT_EQ(Base64Decode(Base64Encode(prefix)), Bytes(prefix.begin(), prefix.end()));
    EXPECT_EQ(HexDecode(HexEncode(prefix)), Bytes(prefix.begin(), prefix.end()));
  }
}

struct Malformed {
  std::string_view text;
  ErrorCode code;
};

TEST(Base64Url, MalformedInputIsRejected) {
  using enum ErrorCode;
  const Malformed cases[] = {
      {"Zg==", kInvalidArgument},     // padding
      {"Zg=", kInvalidArgument},      // partial padding
      {"Zm9v\n", kInvalidArgument},   // trailing newline
      {" Zm9v", kInvalidArgument},    // leading space
      {"Zm 9v", kInvalidArgument},    // inner space
      {"Zm9v+", kInvalidArgument},    // standard alphabet '+'
      {"Zm/v", kInvalidArgument},     // standard alphabet '/'
      {"Z", kInvalidArgument},        // 4k+1 characters
      {"Zm9vY", kInvalidArgument},    // 4k+1 characters
      {"Zh", kInvalidArgument},       // non-zero trailing bits ("Zg" is canonical)
      {"Zm9", kInvalidArgument},      // non-zero trailing bits ("Zm8" is canonical)
      {"Zm8\xff", kInvalidArgument},  // non-ASCII byte
      {"Zm8\0"sv, kInvalidArgument},  // NUL
      {"Zm9v.", kInvalidArgument},    // '.' (JWS separator)
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(Base64UrlDecode(c.text), FailsWith(c.code));
    EXPECT_THAT(Base64UrlDecodeToString(c.text), FailsWith(c.code));
  }
}

TEST(Base64Url, ErrorNamesOffsetOfBadCharacter) {
  auto result = Base64UrlDecode("abc*");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(result.error().message(), "base64url: invalid character 0x2a at offset 3");
}

// The decoder works four characters at a time: a bad character is found, and named by its
// offset, wherever it sits in a group and in the final partial group; the first one is named.
TEST(Base64Url, BadCharacterIsFoundAtEveryPosition) {
  for (std::size_t length : {2, 3, 4, 6, 7, 8, 11, 12}) {
    for (std::size_t at = 0; at < length; ++at) {
      std::string text(length, 'A');
      text[at] = '+';
      if (at + 1 < length) text[length - 1] = '/';  // a later bad character is not the one named
      auto result = Base64UrlDecodeToString(text);
      ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)) << text;
      EXPECT_EQ(result.error().message(),
                "base64url: invalid character 0x2b at offset " + std::to_string(at))
          << text;
    }
  }
}

TEST(Base64Url, AppendEncodesAfterExistingText) {
  std::string out = "x.";
  Base64UrlEncodeAppend(AsBytes("foobar"), out);
  Base64UrlEncodeAppend(AsBytes("fo"), out);
  EXPECT_EQ(out, "x.Zm9vYmFyZm8");
}

TEST(Base64, MalformedInputIsRejected) {
  using enum ErrorCode;
  const Malformed cases[] = {
      {"Zg", kInvalidArgument},        // padding missing
      {"Zg=", kInvalidArgument},       // padding short
      {"Zg===", kInvalidArgument},     // too much padding
      {"Z===", kInvalidArgument},      // three pad characters
      {"====", kInvalidArgument},      // only padding
      {"Zm9v====", kInvalidArgument},  // a whole block of padding
      {"Zg==Zg==", kInvalidArgument},  // padding in the middle
      {"Zh==", kInvalidArgument},      // non-zero trailing bits
      {"Zm9=", kInvalidArgument},      // non-zero trailing bits
      {"Zm-v", kInvalidArgument},      // URL-safe alphabet '-'
      {"Zm_v", kInvalidArgument},      // URL-safe alphabet '_'
      {"Zg== ", kInvalidArgument},     // whitespace
      {"Zm9v\r\n", kInvalidArgument},  // line break
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(Base64Decode(c.text), FailsWith(c.code));
  }
}

TEST(Hex, EncodesLowerCaseAndDecodesEitherCase) {
  const Bytes bytes = {0xde, 0xad, 0xbe, 0xef, 0x00, 0x0a};
  EXPECT_EQ(HexEncode(bytes), "deadbeef000a");
  EXPECT_EQ(HexDecode("DEADbeef000A"), bytes);
  EXPECT_EQ(HexDecode(""), Bytes{});
}

TEST(Hex, MalformedInputIsRejected) {
  using enum ErrorCode;
  const Malformed cases[] = {
      {"0", kInvalidArgument},     // odd length
      {"abc", kInvalidArgument},   // odd length
      {"0g", kInvalidArgument},    // not a hex digit
      {"zz", kInvalidArgument},    // not a hex digit
      {" 0", kInvalidArgument},    // whitespace
      {"0x00", kInvalidArgument},  // prefix
      {"+1", kInvalidArgument},    // sign
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(HexDecode(c.text), FailsWith(c.code));
  }
}

}  // namespace
}  // namespace vaardig::encoding
