#include "core/sdjwt/disclosure.h"

#include <gtest/gtest.h>

namespace vaardig::sdjwt {
namespace {

// RFC 9901 §4.2.1 / §4.2.2 examples (see tests/vectors/README.md).
TEST(Disclosure, Rfc9901ObjectPropertyVectorParsesAndDigestsByteExact) {
  auto d = ParseDisclosure("WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0");
  ASSERT_TRUE(d) << d.error();
  EXPECT_EQ(d->salt, "_26bc4LT-ac6q2KI6cBW5es");
  EXPECT_EQ(d->name, "family_name");
  EXPECT_EQ(d->value, "Möbius");
  EXPECT_EQ(d->digest, "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0");
}

TEST(Disclosure, Rfc9901ArrayElementVectorParsesAndDigestsByteExact) {
  auto d = ParseDisclosure("WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0");
  ASSERT_TRUE(d) << d.error();
  EXPECT_EQ(d->salt, "lklxF5jMYlGTPUovMNIvCA");
  EXPECT_FALSE(d->name.has_value());
  EXPECT_TRUE(d->is_array_element());
  EXPECT_EQ(d->value, "FR");
  EXPECT_EQ(d->digest, "w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs");
}

TEST(Disclosure, MadeDisclosureRoundTripsThroughParse) {
  auto made = MakeDisclosure("skill", Json{{"level", 2}});
  ASSERT_TRUE(made);
  EXPECT_EQ(made->salt.size(), 22u);  // 16 random bytes in base64url
  auto parsed = ParseDisclosure(made->encoded);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->digest, made->digest);
  EXPECT_EQ(parsed->value, made->value);
}

TEST(Disclosure, TwoDisclosuresOfTheSameClaimHaveDifferentSalts) {
  auto a = MakeDisclosure("x", 1);
  auto b = MakeDisclosure("x", 1);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->salt, b->salt);
  EXPECT_NE(a->digest, b->digest);
}

struct BadDisclosure {
  const char* json;  // encoded with base64url below unless raw
  ErrorCode code;
};

class DisclosureRejects : public ::testing::TestWithParam<BadDisclosure> {};

std::string B64(std::string_view s);

TEST_P(DisclosureRejects, WithTheExpectedCode) {
  auto d = ParseDisclosure(B64(GetParam().json));
  ASSERT_FALSE(d) << GetParam().json;
  EXPECT_EQ(d.error().code(), GetParam().code) << d.error();
}

INSTANTIATE_TEST_SUITE_P(
    Table, DisclosureRejects,
    ::testing::Values(BadDisclosure{R"(["salt"])", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"(["s","a","b","c"])", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"({"salt":"s"})", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"([1,"name","v"])", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"(["s",1,"v"])", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"(["s","_sd","v"])", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"(["s","...","v"])", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"(["s","a","v")", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"(["s","a","v","a"])", ErrorCode::kInvalidArgument},
                      BadDisclosure{R"({"a":1,"a":2})", ErrorCode::kInvalidArgument}));

TEST(Disclosure, NotBase64UrlIsRejected) {
  for (const char* bad : {"WyJz=", "WyJz IiwgImEiXQ", "WyJz+IiwgImEiXQ", ""}) {
    auto d = ParseDisclosure(bad);
    ASSERT_FALSE(d) << bad;
    EXPECT_EQ(d.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace vaardig::sdjwt

#include "core/encoding/base64url.h"
namespace vaardig::sdjwt {
namespace {
std::string B64(std::string_view s) { return encoding::Base64UrlEncode(s); }
}  // namespace
}  // namespace vaardig::sdjwt
