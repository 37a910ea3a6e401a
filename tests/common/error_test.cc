#include "core/common/error.h"

#include <gtest/gtest.h>

namespace vaardig {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Fail(ErrorCode::kInvalidArgument, "must be positive");
  return v;
}

Result<int> Doubled(int v) {
  VAARDIG_ASSIGN_OR_RETURN(int x, ParsePositive(v));
  return 2 * x;
}

Status CheckBoth(int a, int b) {
  VAARDIG_RETURN_IF_ERROR(ParsePositive(a));
  VAARDIG_RETURN_IF_ERROR(ParsePositive(b));
  return Ok();
}

TEST(Error, ToStringNamesCodeAndMessage) {
  Error e(ErrorCode::kNotFound, "no key with kid 'k1'");
  EXPECT_EQ(e.ToString(), "not_found: no key with kid 'k1'");
  EXPECT_EQ(e.WithContext("JWS").ToString(), "not_found: JWS: no key with kid 'k1'");
}

TEST(Error, AssignOrReturnPropagatesTheError) {
  EXPECT_EQ(Doubled(4).value(), 8);
  auto r = Doubled(-1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
}

TEST(Error, ReturnIfErrorStopsAtTheFirstFailure) {
  EXPECT_TRUE(CheckBoth(1, 2));
  EXPECT_EQ(CheckBoth(1, 0).error().code(), ErrorCode::kInvalidArgument);
}

TEST(Error, CouldNotCheckIsApartFromRejected) {
  EXPECT_FALSE(IsCouldNotCheck(ErrorCode::kUnauthenticated));
  EXPECT_FALSE(IsCouldNotCheck(ErrorCode::kFailedPrecondition));
  EXPECT_FALSE(IsCouldNotCheck(ErrorCode::kPermissionDenied));
  EXPECT_TRUE(IsCouldNotCheck(ErrorCode::kUnavailable));
  EXPECT_TRUE(IsCouldNotCheck(ErrorCode::kNotFound));
  EXPECT_TRUE(IsCouldNotCheck(ErrorCode::kInvalidArgument));
}

TEST(Error, EveryCodeHasASnakeCaseName) {
  for (int c = 0; c <= static_cast<int>(ErrorCode::kInternal); ++c) {
    auto name = ErrorCodeName(static_cast<ErrorCode>(c));
    EXPECT_NE(name, "unknown");
    EXPECT_EQ(name.find(' '), std::string_view::npos);
  }
}

}  // namespace
}  // namespace vaardig
