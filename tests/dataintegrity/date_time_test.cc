#include "core/dataintegrity/date_time.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/dataintegrity/test_util.h"

namespace vaardig::dataintegrity {
namespace {

using testutil::FailsWith;

TEST(DateTimeStamp, VectorCreatedParsesToUnixSeconds) {
  EXPECT_EQ(ParseDateTimeStamp("2023-02-24T23:36:38Z").value(), 1677281798);
  EXPECT_EQ(ParseDateTimeStamp("1970-01-01T00:00:00Z").value(), 0);
  EXPECT_EQ(ParseDateTimeStamp("1970-01-01T01:00:00+01:00").value(), 0);
  EXPECT_EQ(ParseDateTimeStamp("1969-12-31T23:00:00-01:00").value(), 0);
  EXPECT_EQ(ParseDateTimeStamp("2023-02-24T23:36:38.999Z").value(), 1677281798);
  EXPECT_EQ(ParseDateTimeStamp("2000-02-29T00:00:00Z").value(), 951782400);
  EXPECT_EQ(ParseDateTimeStamp("1999-12-31T24:00:00Z").value(), 946684800);
}

TEST(DateTimeStamp, FormatRoundTrips) {
  EXPECT_EQ(FormatDateTimeStamp(1677281798).value(), "2023-02-24T23:36:38Z");
  EXPECT_EQ(FormatDateTimeStamp(0).value(), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatDateTimeStamp(-1).value(), "1969-12-31T23:59:59Z");
  for (const std::int64_t t : {951782400LL, 253402300799LL, -62135596800LL}) {
    EXPECT_EQ(ParseDateTimeStamp(FormatDateTimeStamp(t).value()).value(), t);
  }
  EXPECT_THAT(FormatDateTimeStamp(253402300800LL), FailsWith(ErrorCode::kInvalidArgument));
}

class DateTimeStampRejects : public ::testing::TestWithParam<const char*> {};

TEST_P(DateTimeStampRejects, WithInvalidArgument) {
  EXPECT_THAT(ParseDateTimeStamp(GetParam()), FailsWith(ErrorCode::kInvalidArgument));
}

INSTANTIATE_TEST_SUITE_P(
    Table, DateTimeStampRejects,
    ::testing::Values("", "2023-02-24", "2023-02-24T23:36:38", "2023-02-24 23:36:38Z",
                      "2023-02-24T23:36:38z", "2023-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
                      "1900-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z",
                      "0000-01-01T00:00:00Z", "2023-01-01T24:00:01Z", "2023-01-01T25:00:00Z",
                      "2023-01-01T23:60:00Z", "2023-01-01T23:59:60Z", "2023-01-01T00:00:00.Z",
                      "2023-01-01T00:00:00+15:00", "2023-01-01T00:00:00+01", "2023-01-01T00:00:00+0100",
                      "2023-01-01T00:00:00ZZ", "+2023-01-01T00:00:00Z", "2023-1-01T00:00:00Z",
                      "２023-01-01T00:00:00Z"));

}  // namespace
}  // namespace vaardig::dataintegrity
