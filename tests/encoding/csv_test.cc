#include "core/encoding/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "tests/encoding/test_util.h"

namespace vaardig::csv {
namespace {

using encoding::testutil::FailsWith;
using encoding::testutil::IsOk;
using ::testing::ElementsAre;
using Row = std::vector<std::string>;

TEST(CsvParse, CommaSeparatedHeaderAndRows) {
  auto t = Parse("id,name\n1,Anna\n2,Bram\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->header, ElementsAre("id", "name"));
  EXPECT_THAT(t->rows, ElementsAre(Row{"1", "Anna"}, Row{"2", "Bram"}));
  EXPECT_THAT(t->line_numbers, ElementsAre(2u, 3u));
}

TEST(CsvParse, SemicolonIsDetectedFromTheHeader) {
  // Dutch Excel: ';' separates, ',' is the decimal comma and stays data.
  auto t = Parse("personeelsnummer;naam;uren\n1001;Jansen, P.;32,5\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->header, ElementsAre("personeelsnummer", "naam", "uren"));
  EXPECT_THAT(t->rows, ElementsAre(Row{"1001", "Jansen, P.", "32,5"}));
}

TEST(CsvParse, DelimiterCountsOnlyUnquotedCharactersOfTheHeader) {
  // The quoted header name holds two ',' but only one ';' is unquoted against none: ';' wins.
  auto t = Parse("\"a,b,c\";d\n1;2\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->header, ElementsAre("a,b,c", "d"));
  // A tie (or none at all) is ','.
  auto tie = Parse("a;b,c\n1;2,3\n");
  ASSERT_THAT(tie, IsOk());
  EXPECT_THAT(tie->header, ElementsAre("a;b", "c"));
  auto single = Parse("naam\nAnna\n");
  ASSERT_THAT(single, IsOk());
  EXPECT_THAT(single->rows, ElementsAre(Row{"Anna"}));
}

TEST(CsvParse, QuotedFieldsWithEscapedQuotesDelimitersAndNewlines) {
  auto t =
      Parse("a,b,c\n\"x, y\",\"he said \"\"hoi\"\"\",\"line 1\nline 2\"\n\"\",plain,\"\"\"\"\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->rows, ElementsAre(Row{"x, y", "he said \"hoi\"", "line 1\nline 2"},
                                   Row{"", "plain", "\""}));
  // The second row starts on physical line 4: the first row spans lines 2 and 3.
  EXPECT_THAT(t->line_numbers, ElementsAre(2u, 4u));
}

TEST(CsvParse, CrLfLineEndsAndCrLfInsideQuotesBecomesLf) {
  auto t = Parse("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->rows, ElementsAre(Row{"1", "x\ny"}, Row{"2", "z"}));
  EXPECT_THAT(t->line_numbers, ElementsAre(2u, 4u));
}

TEST(CsvParse, LastLineWithoutLineEndIsARow) {
  auto t = Parse("a,b\n1,2");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->rows, ElementsAre(Row{"1", "2"}));
}

TEST(CsvParse, TrailingEmptyLinesAreIgnored) {
  auto t = Parse("a,b\n1,2\n\n\r\n\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->rows, ElementsAre(Row{"1", "2"}));
  auto header_only = Parse("a,b\n");
  ASSERT_THAT(header_only, IsOk());
  EXPECT_TRUE(header_only->rows.empty());
}

TEST(CsvParse, EmptyLineInTheMiddleIsARowAndFailsTheFieldCount) {
  auto t = Parse("a,b\n1,2\n\n3,4\n");
  ASSERT_THAT(t, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(t.error().message(), "CSV line 3: row has 1 field, the header has 2");
  // With a one-column header an empty line is an empty value.
  auto one = Parse("naam\nAnna\n\nBram\n");
  ASSERT_THAT(one, IsOk());
  EXPECT_THAT(one->rows, ElementsAre(Row{"Anna"}, Row{""}, Row{"Bram"}));
  EXPECT_THAT(one->line_numbers, ElementsAre(2u, 3u, 4u));
}

TEST(CsvParse, QuotedEmptyFieldIsNotAnEmptyLine) {
  auto t = Parse("naam\n\"\"\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->rows, ElementsAre(Row{""}));
}

TEST(CsvParse, Utf8BomIsSkippedAndUtf8IsKept) {
  auto t = Parse("\xEF\xBB\xBFnaam,omschrijving\nZo\xC3\xAB,caf\xC3\xA9 \xE2\x82\xAC\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->header, ElementsAre("naam", "omschrijving"));
  EXPECT_THAT(t->rows, ElementsAre(Row{"Zo\xC3\xAB", "caf\xC3\xA9 \xE2\x82\xAC"}));
}

TEST(CsvParse, HeaderNamesAreTrimmedButDataIsNot) {
  auto t = Parse(" id \t,\tname \n 1 , Anna \n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->header, ElementsAre("id", "name"));
  EXPECT_THAT(t->rows, ElementsAre(Row{" 1 ", " Anna "}));
}

TEST(CsvParse, TrailingDelimiterMeansAnEmptyLastField) {
  auto t = Parse("a,b,c\n1,2,\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(t->rows, ElementsAre(Row{"1", "2", ""}));
}

struct BadInput {
  std::string text;
  ErrorCode code;
  std::string message;
};

class CsvBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CsvBadInput, IsRejectedWithCodeAndMessage) {
  auto t = Parse(GetParam().text);
  ASSERT_THAT(t, FailsWith(GetParam().code));
  EXPECT_EQ(t.error().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CsvBadInput,
    ::testing::Values(
        BadInput{"", ErrorCode::kInvalidArgument, "CSV input is empty: no header line"},
        BadInput{"\xEF\xBB\xBF", ErrorCode::kInvalidArgument, "CSV input is empty: no header line"},
        BadInput{"a,b\n1,2,3\n", ErrorCode::kInvalidArgument,
                 "CSV line 2: row has 3 fields, the header has 2"},
        BadInput{"a,b\n1,2\n3\n", ErrorCode::kInvalidArgument,
                 "CSV line 3: row has 1 field, the header has 2"},
        BadInput{"a,b\n1,\"open\n2,3\n", ErrorCode::kInvalidArgument,
                 "CSV line 2: quoted field is not closed"},
        BadInput{"a,b\n1,x\"y\n", ErrorCode::kInvalidArgument,
                 "CSV line 2: quote inside an unquoted field (quote the whole field)"},
        BadInput{"a,b\n1,\"x\"y\n", ErrorCode::kInvalidArgument,
                 "CSV line 2: text after a closing quote"},
        BadInput{"a,b\n1,\"x\" \n", ErrorCode::kInvalidArgument,
                 "CSV line 2: text after a closing quote"},
        BadInput{"a,b\r1,2\n", ErrorCode::kInvalidArgument,
                 "CSV line 1: carriage return without a line feed"},
        BadInput{"a,b\n1,2\n3,\xC3\n", ErrorCode::kInvalidArgument, "CSV line 3: invalid UTF-8"},
        BadInput{"a,b\n1,\xC0\xAF\n", ErrorCode::kInvalidArgument,
                 "CSV line 2: invalid UTF-8"},  // overlong '/'
        BadInput{"a,b\n1,\xED\xA0\x80\n", ErrorCode::kInvalidArgument,
                 "CSV line 2: invalid UTF-8"},  // surrogate
        BadInput{"a,b\n1,\xF4\x90\x80\x80\n", ErrorCode::kInvalidArgument,
                 "CSV line 2: invalid UTF-8"},  // above U+10FFFF
        BadInput{"a,b\n1,\xFF\n", ErrorCode::kInvalidArgument, "CSV line 2: invalid UTF-8"},
        BadInput{"\xFF\xFE"
                 "a,b\n",
                 ErrorCode::kInvalidArgument,
                 "CSV line 1: invalid UTF-8"},  // UTF-16 byte order mark
        BadInput{std::string("a,b\n1,x\0y\n", 10), ErrorCode::kInvalidArgument,
                 "CSV line 2: NUL byte"},
        BadInput{"a,,c\n1,2,3\n", ErrorCode::kInvalidArgument,
                 "CSV line 1: header column 2 has no name"},
        BadInput{"a, \nx,y\n", ErrorCode::kInvalidArgument,
                 "CSV line 1: header column 2 has no name"},
        BadInput{"\n1\n", ErrorCode::kInvalidArgument, "CSV line 1: header column 1 has no name"},
        BadInput{"id,name,ID\n1,2,3\n", ErrorCode::kInvalidArgument,
                 "CSV line 1: header names column 'ID' twice"}));

TEST(CsvLimits, InputOverMaxBytesIsResourceExhaustedBeforeParsing) {
  const Limits limits{.max_bytes = 8};
  EXPECT_THAT(Parse("a,b\n1,2\n", limits), IsOk());  // exactly 8
  auto t = Parse("a,b\n1,2\n\n", limits);
  ASSERT_THAT(t, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(t.error().message(), "CSV input of 9 bytes exceeds the limit of 8");
  // Checked first: invalid bytes over the limit are still resource_exhausted.
  EXPECT_THAT(Parse(std::string(9, '\xff'), limits), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(CsvLimits, RowsOverMaxRows) {
  const Limits limits{.max_rows = 2};
  EXPECT_THAT(Parse("a\n1\n2\n", limits), IsOk());
  auto t = Parse("a\n1\n2\n3\n", limits);
  ASSERT_THAT(t, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(t.error().message(), "CSV has more than 2 rows");
  // Trailing empty lines do not count.
  EXPECT_THAT(Parse("a,b\n1,2\n3,4\n\n\n\n", limits), IsOk());
}

TEST(CsvLimits, FieldsOverMaxFields) {
  const Limits limits{.max_fields = 3};
  EXPECT_THAT(Parse("a,b,c\n1,2,3\n", limits), IsOk());
  auto header = Parse("a,b,c,d\n", limits);
  ASSERT_THAT(header, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(header.error().message(), "CSV line 1: more than 3 fields");
  auto row = Parse("a,b,c\n1,2,3\n1,2,3,4,5,6\n", limits);
  ASSERT_THAT(row, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(row.error().message(), "CSV line 3: more than 3 fields");
}

TEST(CsvLimits, FieldOverMaxFieldBytesQuotedOrNot) {
  const Limits limits{.max_field_bytes = 4};
  EXPECT_THAT(Parse("a\nabcd\n\"ab\"\"c\"\n", limits), IsOk());  // "ab\"c" is 4 bytes unquoted
  auto plain = Parse("a\nabcde\n", limits);
  ASSERT_THAT(plain, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(plain.error().message(), "CSV line 2: a field is longer than 4 bytes");
  auto quoted = Parse("a\nx\n\"ab\ncde\"\n", limits);
  ASSERT_THAT(quoted, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(quoted.error().message(), "CSV line 3: a field is longer than 4 bytes");
}

TEST(CsvLimits, DefaultsAreDocumentedValues) {
  const Limits limits;
  EXPECT_EQ(limits.max_bytes, std::size_t{16} << 20);
  EXPECT_EQ(limits.max_rows, 200000u);
  EXPECT_EQ(limits.max_fields, 256u);
  EXPECT_EQ(limits.max_field_bytes, std::size_t{64} << 10);
  // 257 columns are refused by default.
  std::string header = "c0";
  for (int i = 1; i < 257; ++i) header += ",c" + std::to_string(i);
  EXPECT_THAT(Parse(header + "\n"), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(CsvLimits, ManyEmptyLinesDoNotBuildRows) {
  // 1 MiB of line feeds after the header: held back and dropped, not a million rows.
  auto t = Parse("a\n" + std::string(1 << 20, '\n'), Limits{.max_rows = 10});
  ASSERT_THAT(t, IsOk());
  EXPECT_TRUE(t->rows.empty());
}

TEST(CsvFindColumn, TriesEachNameIgnoringCase) {
  auto t = Parse("Personeelsnummer;Naam;E-mail\n1;A;a@x\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ(FindColumn(*t, {"employee_number", "personeelsnummer"}), 0u);
  EXPECT_EQ(FindColumn(*t, {"e-mail", "email"}), 2u);
  EXPECT_EQ(FindColumn(*t, {"NAAM"}), 1u);
  EXPECT_EQ(FindColumn(*t, {"manager"}), std::nullopt);
  EXPECT_EQ(FindColumn(*t, {}), std::nullopt);
}

TEST(CsvFindColumn, EarlierNameWinsOverLaterOne) {
  auto t = Parse("email,e-mail\nx,y\n");
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ(FindColumn(*t, {"e-mail", "email"}), 1u);
  EXPECT_EQ(FindColumn(*t, {"email", "e-mail"}), 0u);
}

}  // namespace
}  // namespace vaardig::csv
