#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "core/encoding/json.h"
#include "tests/encoding/test_util.h"

namespace vaardig {
namespace {

using encoding::testutil::FailsWith;
using encoding::testutil::IsOk;

Json Parse(std::string_view text) {
  auto result = ParseJson(text);
  EXPECT_THAT(result, IsOk());
  return result.value_or(Json());
}

TEST(GetString, PresentStringIsReturned) {
  EXPECT_EQ(GetString(Parse(R"({"kty":"OKP"})"), "kty"), "OKP");
}

TEST(GetString, MissingMemberIsInvalidArgument) {
  auto result = GetString(Parse(R"({"crv":"Ed25519"})"), "kty");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(result.error().message(), "missing member 'kty'");
}

TEST(GetString, WrongTypeIsInvalidArgument) {
  auto result = GetString(Parse(R"({"x":1})"), "x");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(result.error().message(), "member 'x' must be a string");
  EXPECT_THAT(GetString(Parse(R"({"x":null})"), "x"), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(GetString, NonObjectIsInvalidArgument) {
  EXPECT_THAT(GetString(Parse(R"(["kty"])"), "kty"), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(GetString(Parse(R"("kty")"), "kty"), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(GetInt, IntegersAreReturned) {
  const Json object = Parse(R"({"a":0,"b":-5,"c":9223372036854775807,"d":-9223372036854775808})");
  EXPECT_EQ(GetInt(object, "a"), 0);
  EXPECT_EQ(GetInt(object, "b"), -5);
  EXPECT_EQ(GetInt(object, "c"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(GetInt(object, "d"), std::numeric_limits<std::int64_t>::min());
}

TEST(GetInt, NonIntegersAreInvalidArgument) {
  using enum ErrorCode;
  const Json object = Parse(
      R"({"float":1.0,"exp":1e3,"big":9223372036854775808,"str":"1","bool":true,"null":null})");
  for (const char* name : {"float", "exp", "big", "str", "bool", "null", "missing"}) {
    SCOPED_TRACE(name);
    EXPECT_THAT(GetInt(object, name), FailsWith(kInvalidArgument));
  }
  EXPECT_EQ(GetInt(object, "str").error().message(), "member 'str' must be an integer");
  EXPECT_EQ(GetInt(object, "missing").error().message(), "missing member 'missing'");
}

TEST(DumpJson, IsCompactUtf8InMemberOrder) {
  EXPECT_EQ(DumpJson(Parse(R"( { "b" : [ 1 , 2.5 ] , "a" : "é\u20ac\n" } )")),
            "{\"b\":[1,2.5],\"a\":\"é€\\n\"}");
}

TEST(DumpJson, InvalidUtf8BuiltInCodeIsReplacedNotThrown) {
  const Json value = {{"s", std::string("a\xff") + "b"}};
  EXPECT_EQ(DumpJson(value), std::string("{\"s\":\"a\xef\xbf\xbd") + "b\"}");
}

}  // namespace
}  // namespace vaardig
