// Characterisation of what ParseJson accepts: one line per input. A change in this table is a
// change in what Vaardig accepts from the network.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/encoding/json.h"
#include "tests/encoding/test_util.h"

namespace vaardig {
namespace {

using namespace std::string_view_literals;
using encoding::testutil::FailsWith;
using encoding::testutil::IsOk;

constexpr std::optional<ErrorCode> kOk = std::nullopt;
constexpr std::optional<ErrorCode> kInvalid = ErrorCode::kInvalidArgument;

struct Case {
  std::string_view input;
  std::optional<ErrorCode> expected;
};

constexpr Case kCases[] = {
    // Duplicate member names, compared after unescaping.
    {R"({"a":1})", kOk},
    {R"({"a":1,"a":2})", kInvalid},
    {R"({"a":1,"\u0061":2})", kInvalid},
    {R"({"\u00e9":1,"é":2})", kInvalid},
    {R"({"a":{"b":1,"b":1}})", kInvalid},
    {R"([{"a":1},{"a":1}])", kOk},    // same name in sibling objects
    {R"({"a":1,"A":2})", kOk},        // case differs
    {R"({"é":1,"e\u0301":2})", kOk},  // not Unicode-normalised
    {R"({"":1,"":2})", kInvalid},     // empty names
    // Empty input, trailing data, comments.
    {"", kInvalid},
    {" \n\t\r", kInvalid},
    {R"({"a":1} x)", kInvalid},
    {R"({"a":1}{})", kInvalid},
    {"1 2", kInvalid},
    // nlohmann's lexer takes a NUL byte for the end of input; NUL never appears raw in JSON.
    {"{}\0"sv, kInvalid},
    {"{}\0{}"sv, kInvalid},
    {"1\0002"sv, kInvalid},
    {"[1]\0garbage"sv, kInvalid},
    {"\0"sv, kInvalid},
    {"{} \n", kOk},
    {"// c\n{}", kInvalid},
    {"{} /* c */", kInvalid},
    {R"({"a":1 /* c */})", kInvalid},
    {"# c\n{}", kInvalid},
    // Whitespace is exactly space, tab, LF, CR.
    {"\f{}", kInvalid},
    {"\v{}", kInvalid},
    {"\xc2\xa0{}", kInvalid},  // NO-BREAK SPACE
    // Byte order mark: RFC 8259 §8.1 allows ignoring it; we refuse it.
    {"\xef\xbb\xbf{}", kInvalid},
    {"\xef\xbb{}", kInvalid},
    // Literals and numbers.
    {"NaN", kInvalid},
    {"[NaN]", kInvalid},
    {"Infinity", kInvalid},
    {"-Infinity", kInvalid},
    {"True", kInvalid},
    {"nul", kInvalid},
    {"undefined", kInvalid},
    {"01", kInvalid},
    {"-01", kInvalid},
    {"[00]", kInvalid},
    {"1.", kInvalid},
    {".5", kInvalid},
    {"+1", kInvalid},
    {"1e", kInvalid},
    {"1e+", kInvalid},
    {"0x10", kInvalid},
    {"1_000", kInvalid},
    {"1e400", kInvalid},   // overflows a double
    {"-1e400", kInvalid},  // overflows a double
    {"1e-400", kOk},       // underflows to 0
    {"-0", kOk},
    {"1E+2", kOk},
    {"18446744073709551616", kOk},  // 2^64: kept as a double
    {"-9223372036854775809", kOk},  // below int64: kept as a double
    // Top-level scalars are JSON texts (RFC 8259).
    {"1", kOk},
    {R"("s")", kOk},
    {"true", kOk},
    {"null", kOk},
    // Structure.
    {R"({"a":1,})", kInvalid},
    {"[1,]", kInvalid},
    {"[,1]", kInvalid},
    {R"({'a':1})", kInvalid},
    {"{a:1}", kInvalid},
    {R"({"a" 1})", kInvalid},
    {"[1", kInvalid},
    {"{", kInvalid},
    {"]", kInvalid},
    // Strings: control characters and escapes.
    {R"("\u0000")", kOk},
    {"\"a\0b\""sv, kInvalid},
    {"\"\x01\"", kInvalid},
    {"\"\t\"", kInvalid},
    {"\"\n\"", kInvalid},
    {"\"\x7f\"", kOk},  // DEL is not a control character in JSON
    {R"("\x41")", kInvalid},
    {R"("\u004")", kInvalid},
    {R"("\U0041")", kInvalid},
    {R"("\')", kInvalid},
    {R"("abc)", kInvalid},
    // \u escapes: surrogates must pair.
    {R"("\ud83d\ude02")", kOk},
    {R"("\uDBFF\uDFFF")", kOk},
    {R"("\ud800")", kInvalid},
    {R"("\udc00")", kInvalid},
    {R"("\ud800\u0041")", kInvalid},
    {R"("\ud800x")", kInvalid},
    {R"("\ude02\ud83d")", kInvalid},
    {R"("\ud800\ud800")", kInvalid},
    // Raw UTF-8 (Unicode Table 3-7).
    {"\"\xc3\xa9\"", kOk},                   // é
    {"\"\xe2\x82\xac\"", kOk},               // €
    {"\"\xf0\x9f\x98\x82\"", kOk},           // 😂
    {"\"\xef\xbf\xbf\"", kOk},               // U+FFFF (noncharacter, still valid)
    {"\"\xf4\x8f\xbf\xbf\"", kOk},           // U+10FFFF
    {"\"\xc0\xaf\"", kInvalid},              // overlong '/'
    {"\"\xc1\xbf\"", kInvalid},              // overlong
    {"\"\xc0\"", kInvalid},                  // 0xC0 never appears
    {"\"\xe0\x80\xaf\"", kInvalid},          // overlong 3-byte
    {"\"\xf0\x80\x80\xaf\"", kInvalid},      // overlong 4-byte
    {"\"\xed\xa0\x80\"", kInvalid},          // UTF-8 encoded surrogate U+D800
    {"\"\xed\xbf\xbf\"", kInvalid},          // UTF-8 encoded surrogate U+DFFF
    {"\"\xf4\x90\x80\x80\"", kInvalid},      // U+110000
    {"\"\xf5\x80\x80\x80\"", kInvalid},      // 0xF5 never appears
    {"\"\xf8\x88\x80\x80\x80\"", kInvalid},  // 5-byte form
    {"\"\xff\"", kInvalid},
    {"\"\xfe\"", kInvalid},
    {"\"\x80\"", kInvalid},      // lone continuation byte
    {"\"\xe2\x82\"", kInvalid},  // truncated sequence
    {"\"\xc3\"", kInvalid},      // truncated at the closing quote
    {"\"\xc3\x28\"", kInvalid},  // bad continuation
    {"{\"\xff\":1}", kInvalid},  // in a member name
    {"\xff", kInvalid},          // outside a string
};

TEST(ParseJsonStrict, CharacterisationTable) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::PrintToString(std::string(c.input)));
    auto result = ParseJson(c.input);
    if (c.expected) {
      EXPECT_THAT(result, FailsWith(*c.expected));
    } else {
      EXPECT_THAT(result, IsOk());
    }
  }
}

TEST(ParseJsonStrict, ErrorMessagesAreAsciiEvenForBinaryInput) {
  for (const Case& c : kCases) {
    auto result = ParseJson(c.input);
    if (result) continue;
    for (const char ch : result.error().message()) {
      ASSERT_TRUE(ch >= 0x20 && ch < 0x7f) << result.error().message();
    }
  }
}

TEST(ParseJsonStrict, DuplicateMemberErrorNamesMemberAndDepth) {
  auto result = ParseJson(R"({"alg":"ES256","alg":"none"})");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(result.error().message(), "JSON: duplicate member 'alg' at depth 1");

  result = ParseJson(R"({"a":[{"x":1,"\u0078":2}]})");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(result.error().message(), "JSON: duplicate member 'x' at depth 3");
}

TEST(ParseJsonStrict, DuplicateInLargeObjectIsFound) {
  // Past the linear scan: the builder switches to a hash set.
  std::string text = "{";
  for (int i = 0; i < 1000; ++i) text += "\"k" + std::to_string(i) + "\":0,";
  EXPECT_THAT(ParseJson(text + "\"k999\":1}"), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(ParseJson(text + "\"k5\":1}"), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(ParseJson(text + "\"k1000\":1}"), IsOk());
}

TEST(ParseJsonStrict, SyntaxErrorMessageSaysWhere) {
  auto result = ParseJson(R"({"a":01})");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_TRUE(result.error().message().starts_with("JSON: parse error at line 1, column 7"))
      << result.error().message();
}

TEST(ParseJsonStrict, MemberOrderIsPreserved) {
  auto result = ParseJson(R"({"z":1,"a":{"y":2,"b":3},"m":[3,1,2]})");
  ASSERT_THAT(result, IsOk());
  std::string names;
  for (const auto& [name, value] : result->items()) names += name;
  EXPECT_EQ(names, "zam");
  EXPECT_EQ(DumpJson(*result), R"({"z":1,"a":{"y":2,"b":3},"m":[3,1,2]})");
}

TEST(ParseJsonStrict, NumbersKeepTheirKind) {
  auto result = ParseJson(R"([1,-1,1.0,18446744073709551615,18446744073709551616,-0])");
  ASSERT_THAT(result, IsOk());
  const Json& a = *result;
  EXPECT_TRUE(a[0].is_number_unsigned());
  EXPECT_TRUE(a[1].is_number_integer());
  EXPECT_TRUE(a[2].is_number_float());
  EXPECT_TRUE(a[3].is_number_unsigned());
  EXPECT_TRUE(a[4].is_number_float());
  EXPECT_TRUE(a[5].is_number_integer());
}

TEST(ParseJsonStrict, EscapedNulIsKeptInString) {
  auto result = ParseJson(R"(["a\u0000b"])");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ((*result)[0].get<std::string>(), "a\0b"sv);
}

}  // namespace
}  // namespace vaardig
