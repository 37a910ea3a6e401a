#include <gtest/gtest.h>

#include <string>

#include "core/encoding/json.h"
#include "tests/encoding/test_util.h"

namespace vaardig {
namespace {

using encoding::testutil::FailsWith;
using encoding::testutil::IsOk;

std::string NestedArrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string NestedObjects(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += "{\"a\":";
  text += "1";
  text.append(depth, '}');
  return text;
}

TEST(ParseJsonLimits, DepthAtLimitIsAccepted) {
  EXPECT_THAT(ParseJson(NestedArrays(64)), IsOk());
  EXPECT_THAT(ParseJson(NestedObjects(64)), IsOk());
}

TEST(ParseJsonLimits, DepthOverLimitIsResourceExhausted) {
  auto result = ParseJson(NestedArrays(65));
  ASSERT_THAT(result, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(result.error().message(), "JSON nesting deeper than 64");
  EXPECT_THAT(ParseJson(NestedObjects(65)), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseJsonLimits, VeryDeepInputIsRejectedWithoutCrashing) {
  EXPECT_THAT(ParseJson(std::string(500'000, '[')), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseJsonLimits, CustomDepthIsHonoured) {
  const JsonLimits limits{.max_depth = 2};
  EXPECT_THAT(ParseJson("[[1]]", limits), IsOk());
  EXPECT_THAT(ParseJson("[[[1]]]", limits), FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(ParseJson(R"({"a":{"b":[]}})", limits), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseJsonLimits, InputOverMaxBytesIsResourceExhaustedBeforeParsing) {
  const JsonLimits limits{.max_bytes = 8};
  EXPECT_THAT(ParseJson("[1,2,3]", limits), IsOk());
  EXPECT_THAT(ParseJson("[1,2,3] ", limits), IsOk());  // exactly 8
  EXPECT_THAT(ParseJson("[1,2,3]  ", limits), FailsWith(ErrorCode::kResourceExhausted));
  // Size is checked first: garbage over the limit is still resource_exhausted.
  EXPECT_THAT(ParseJson("\xff\xff\xff\xff\xff\xff\xff\xff\xff", limits),
              FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseJsonLimits, DefaultMaxBytesIsOneMebibyte) {
  std::string text = "\"" + std::string((1 << 20) - 2, 'a') + "\"";
  EXPECT_THAT(ParseJson(text), IsOk());
  EXPECT_THAT(ParseJson(text + " "), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseJsonLimits, StringOverLimitIsResourceExhausted) {
  const JsonLimits limits{.max_string_bytes = 4};
  EXPECT_THAT(ParseJson(R"(["abcd"])", limits), IsOk());
  EXPECT_THAT(ParseJson(R"(["abcde"])", limits), FailsWith(ErrorCode::kResourceExhausted));
  // Counted after unescaping, in UTF-8 bytes.
  EXPECT_THAT(ParseJson(R"(["\u0061\u0062\u0063\u0064"])", limits), IsOk());
  EXPECT_THAT(ParseJson(R"(["\u00e9\u00e9\u00e9"])", limits),
              FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseJsonLimits, MemberNameOverLimitIsResourceExhausted) {
  const JsonLimits limits{.max_string_bytes = 4};
  EXPECT_THAT(ParseJson(R"({"abcd":1})", limits), IsOk());
  EXPECT_THAT(ParseJson(R"({"abcde":1})", limits), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseJsonLimits, MembersOverLimitAreResourceExhausted) {
  const JsonLimits limits{.max_members = 2};
  EXPECT_THAT(ParseJson("[1,2]", limits), IsOk());
  EXPECT_THAT(ParseJson("[1,2,3]", limits), FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(ParseJson("[[],[],[]]", limits), FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(ParseJson(R"({"a":1,"b":2})", limits), IsOk());
  EXPECT_THAT(ParseJson(R"({"a":1,"b":2,"c":3})", limits),
              FailsWith(ErrorCode::kResourceExhausted));
  // The limit is per container, not in total.
  EXPECT_THAT(ParseJson(R"([[1,2],[3,4]])", limits), IsOk());
}

TEST(ParseJsonLimits, ManyMembersParseInLinearTime) {
  // 60000 distinct names: quadratic duplicate checks would take seconds here.
  std::string text = "{";
  for (int i = 0; i < 60000; ++i) {
    if (i > 0) text += ',';
    text += "\"m" + std::to_string(i) + "\":0";
  }
  text += '}';
  auto result = ParseJson(text);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->size(), 60000u);
  EXPECT_EQ(result->begin().key(), "m0");
}

}  // namespace
}  // namespace vaardig
