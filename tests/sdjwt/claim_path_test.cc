#include "core/sdjwt/claim_path.h"

#include <gtest/gtest.h>

namespace vaardig::sdjwt {
namespace {

TEST(ClaimPath, ParsesNamesIndexesAndQuotedNames) {
  auto p = ParseClaimPath("holder.given_name");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (ClaimPath{"holder", "given_name"}));
  p = ParseClaimPath("evidence[0]");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (ClaimPath{"evidence", std::size_t{0}}));
  p = ParseClaimPath("a[1].b[12]");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (ClaimPath{"a", std::size_t{1}, "b", std::size_t{12}}));
  p = ParseClaimPath(R"(["odd.na]me"].x)");
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(*p, (ClaimPath{"odd.na]me", "x"}));
}

TEST(ClaimPath, FormatRoundTrips) {
  for (const char* text : {"skill", "evidence[0]", "holder.given_name", "a[1].b[12]", R"(["odd.name"].x)"}) {
    auto p = ParseClaimPath(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(FormatClaimPath(*p), text);
  }
}

TEST(ClaimPath, MalformedPathsAreRejected) {
  for (const char* bad : {"", ".a", "a.", "a..b", "a[", "a[x]", "a[-1]", "a[01]", "a]", "a[0]b",
                          R"(["unclosed)"}) {
    auto p = ParseClaimPath(bad);
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace vaardig::sdjwt
