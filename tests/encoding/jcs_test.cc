#include "core/encoding/jcs.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "tests/encoding/test_util.h"

namespace vaardig::encoding {
namespace {

using namespace std::string_view_literals;
using testutil::FailsWith;
using testutil::IsOk;

// The canonical text, or "error: ..." so that failures print readably.
std::string CanonicalizeText(std::string_view text) {
  auto value = ParseJson(text);
  if (!value) return "error: " + value.error().ToString();
  auto canonical = Canonicalize(*value);
  return canonical ? *canonical : "error: " + canonical.error().ToString();
}

std::string CanonicalizeValue(const Json& value) {
  auto canonical = Canonicalize(value);
  return canonical ? *canonical : "error: " + canonical.error().ToString();
}

TEST(Canonicalize, StringsAreEscapedLikeJsonStringify) {
  const struct {
    std::string_view value;
    std::string_view expected;
  } cases[] = {
      {"\b\t\n\f\r", R"("\b\t\n\f\r")"},
      {"\"\\", R"("\"\\")"},
      {"\x01\x1f", R"("\u0001\u001f")"},
      {"\0"sv, R"("\u0000")"},
      {"\x0b", R"("\u000b")"},
      {"\x7f", "\"\x7f\""},                                          // DEL as is
      {"/", R"("/")"},                                               // no escaping of '/'
      {"\xe2\x80\xa8\xe2\x80\xa9", "\"\xe2\x80\xa8\xe2\x80\xa9\""},  // U+2028/9 as is
      {"é€😂", "\"é€😂\""},
      {"</script>", R"("</script>")"},
      {"", R"("")"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::PrintToString(std::string(c.value)));
    EXPECT_EQ(CanonicalizeValue(Json(std::string(c.value))), c.expected);
  }
}

TEST(Canonicalize, EscapesInInputAreNormalised) {
  EXPECT_EQ(CanonicalizeText(R"("\u0041\/\u00e9\u001F\uD83D\uDE02")"), "\"A/é\\u001f😂\"");
}

TEST(Canonicalize, MembersSortByUtf16CodeUnits) {
  // U+1F602 is D83D DE02 in UTF-16, so it sorts before U+E000 and U+FB33 even though its code
  // point (and its UTF-8) is larger.
  EXPECT_EQ(CanonicalizeText(R"({"\ue000":1,"\ud83d\ude02":2,"\ufb33":3,"\u00f6":4})"),
            "{\"ö\":4,\"😂\":2,\"\xee\x80\x80\":1,\"\xef\xac\xb3\":3}");
  EXPECT_EQ(CanonicalizeText(R"({"b":1,"a":2,"B":3,"":4,"ab":5,"aa":6,"a\u0000":7})"),
            R"({"":4,"B":3,"a":2,"a\u0000":7,"aa":6,"ab":5,"b":1})");
  // Two supplementary characters with the same high surrogate: the low surrogate decides.
  EXPECT_EQ(CanonicalizeText(R"({"\ud83d\ude03":1,"\ud83d\ude02":2,"\ud83c\udf00":3})"),
            "{\"\xf0\x9f\x8c\x80\":3,\"😂\":2,\"😃\":1}");
}

TEST(Canonicalize, NestedValuesAreCanonicalised) {
  EXPECT_EQ(CanonicalizeText(R"( { "b" : [ { "d" : 1 , "c" : 2.50 } , [ ] , { } ] , "a" : { } } )"),
            R"({"a":{},"b":[{"c":2.5,"d":1},[],{}]})");
  EXPECT_EQ(CanonicalizeText("[null,true,false]"), "[null,true,false]");
  EXPECT_EQ(CanonicalizeText("\"top\""), "\"top\"");
}

TEST(Canonicalize, NumbersFollowEcmaScript) {
  EXPECT_EQ(CanonicalizeText("[1.0,-0,-0.0,1E2,1e21,0.0000001,1e-6,10.50]"),
            "[1,0,0,100,1e+21,1e-7,0.000001,10.5]");
}

TEST(Canonicalize, LargeIntegersAreRoundedAsDoubles) {
  EXPECT_EQ(CanonicalizeText("[9007199254740993,-9007199254740993,9007199254740995]"),
            "[9007199254740992,-9007199254740992,9007199254740996]");
  EXPECT_EQ(CanonicalizeValue(Json(std::numeric_limits<std::int64_t>::max())),
            "9223372036854776000");
  EXPECT_EQ(CanonicalizeValue(Json(std::numeric_limits<std::int64_t>::min())),
            "-9223372036854776000");
  EXPECT_EQ(CanonicalizeValue(Json(std::numeric_limits<std::uint64_t>::max())),
            "18446744073709552000");
  EXPECT_EQ(CanonicalizeText("18446744073709551616"), "18446744073709552000");
  EXPECT_EQ(CanonicalizeText("[9007199254740992,-9007199254740992]"),
            "[9007199254740992,-9007199254740992]");
}

TEST(Canonicalize, ValuesJsonCannotHoldAreInvalidArgument) {
  using enum ErrorCode;
  EXPECT_THAT(Canonicalize(Json(std::numeric_limits<double>::quiet_NaN())),
              FailsWith(kInvalidArgument));
  EXPECT_THAT(Canonicalize(Json::array({1, std::numeric_limits<double>::infinity()})),
              FailsWith(kInvalidArgument));
  EXPECT_THAT(Canonicalize(Json(std::string("a\xff"))), FailsWith(kInvalidArgument));
  EXPECT_THAT(Canonicalize(Json(std::string("\xed\xa0\x80"))), FailsWith(kInvalidArgument));
  EXPECT_THAT(Canonicalize(Json(std::string("\xc0\xaf"))), FailsWith(kInvalidArgument));
  EXPECT_THAT(Canonicalize(Json{{std::string("k\xe2\x82"), 1}, {"a", 2}}),
              FailsWith(kInvalidArgument));
  EXPECT_THAT(Canonicalize(Json::binary({1, 2, 3})), FailsWith(kInvalidArgument));
  EXPECT_THAT(Canonicalize(Json(Json::value_t::discarded)), FailsWith(kInvalidArgument));
}

TEST(Canonicalize, ExtremeDepthBuiltInCodeIsResourceExhausted) {
  Json value = 1;
  for (int i = 0; i < 5000; ++i) value = Json::array({std::move(value)});
  EXPECT_THAT(Canonicalize(value), FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::encoding
