#include "core/w3c/nquads.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/w3c/test_util.h"

namespace vaardig::w3c {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

struct BadInput {
  const char* name;
  std::string text;
  ErrorCode code;
  const char* message_part;  // the error message must contain this
};

// gtest prints the parameter in test names; the name is what a reader needs.
void PrintTo(const BadInput& bad, std::ostream* out) { *out << bad.name; }

class NQuadsBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(NQuadsBadInput, IsRejectedWithSpecificCode) {
  const BadInput& bad = GetParam();
  NQuadsLimits limits;
  limits.max_input_bytes = 1024;
  limits.max_quads = 3;
  const auto parsed = ParseNQuads(bad.text, limits);
  ASSERT_THAT(parsed, FailsWith(bad.code));
  EXPECT_NE(parsed.error().message().find(bad.message_part), std::string::npos)
      << parsed.error().message();
}

const std::string kOk = "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n";

INSTANTIATE_TEST_SUITE_P(
    Table, NQuadsBadInput,
    ::testing::Values(
        BadInput{"UnterminatedIri", "<http://a.example/s <http://a.example/p> \"o\" .",
                 ErrorCode::kInvalidArgument, "line 1: character not allowed in an IRI"},
        BadInput{"IriRunsToEndOfLine", "<http://a.example/s\n", ErrorCode::kInvalidArgument,
                 "unterminated IRI"},
        BadInput{"RelativeIri", "<s> <http://a.example/p> <http://a.example/o> .",
                 ErrorCode::kInvalidArgument, "relative IRI"},
        BadInput{"RelativeIriOnLine3", kOk + kOk + "<http://a.example/s> <p> \"o\" .",
                 ErrorCode::kInvalidArgument, "line 3: relative IRI <p>"},
        BadInput{"SpaceInIri", "<http://a.example/ s> <http://a.example/p> \"o\" .",
                 ErrorCode::kInvalidArgument, "not allowed in an IRI"},
        BadInput{"EscapedSpaceInIri", "<http://a.example/\\u0020> <http://a.example/p> \"o\" .",
                 ErrorCode::kInvalidArgument, "escaped character not allowed"},
        BadInput{"StringEscapeInIri", "<http://a.example/\\n> <http://a.example/p> \"o\" .",
                 ErrorCode::kInvalidArgument, "only \\u and \\U"},
        BadInput{"BadStringEscape", "<http://a.example/s> <http://a.example/p> \"a\\qb\" .",
                 ErrorCode::kInvalidArgument, "invalid escape"},
        BadInput{"ShortUchar", "<http://a.example/s> <http://a.example/p> \"\\u12\" .",
                 ErrorCode::kInvalidArgument, "4 hex digits"},
        BadInput{"SurrogateUchar", "<http://a.example/s> <http://a.example/p> \"\\uD800\" .",
                 ErrorCode::kInvalidArgument, "Unicode scalar value"},
        BadInput{"UcharAboveUnicode", "<http://a.example/s> <http://a.example/p> \"\\U00110000\" .",
                 ErrorCode::kInvalidArgument, "Unicode scalar value"},
        BadInput{"UnterminatedLiteral", "<http://a.example/s> <http://a.example/p> \"abc .\n",
                 ErrorCode::kInvalidArgument, "unterminated string literal"},
        BadInput{"RawNewlineInLiteral", "<http://a.example/s> <http://a.example/p> \"a\nb\" .",
                 ErrorCode::kInvalidArgument, "unterminated string literal"},
        BadInput{"MissingDot", "<http://a.example/s> <http://a.example/p> <http://a.example/o>\n",
                 ErrorCode::kInvalidArgument, "expected '.'"},
        BadInput{"TwoStatementsOnOneLine", kOk.substr(0, kOk.size() - 1) + " " + kOk,
                 ErrorCode::kInvalidArgument, "expected end of line"},
        BadInput{"LiteralAsSubject", "\"s\" <http://a.example/p> <http://a.example/o> .",
                 ErrorCode::kInvalidArgument, "subject cannot be a literal"},
        BadInput{"LiteralAsGraph", "<http://a.example/s> <http://a.example/p> \"o\" \"g\" .",
                 ErrorCode::kInvalidArgument, "graph name cannot be a literal"},
        BadInput{"BlankNodePredicate", "<http://a.example/s> _:p <http://a.example/o> .",
                 ErrorCode::kInvalidArgument, "predicate must be an IRI"},
        BadInput{"EmptyBlankNodeLabel", "_: <http://a.example/p> <http://a.example/o> .",
                 ErrorCode::kInvalidArgument, "blank node label"},
        BadInput{"BlankNodeLabelStartsWithDash", "_:-a <http://a.example/p> <http://a.example/o> .",
                 ErrorCode::kInvalidArgument, "blank node label"},
        BadInput{"EmptyLanguageTag", "<http://a.example/s> <http://a.example/p> \"o\"@ .",
                 ErrorCode::kInvalidArgument, "empty language tag"},
        BadInput{"LanguageTagEndsWithDash", "<http://a.example/s> <http://a.example/p> \"o\"@en- .",
                 ErrorCode::kInvalidArgument, "empty language subtag"},
        BadInput{"SingleCaret",
                 "<http://a.example/s> <http://a.example/p> \"o\"^<http://a.example/d> .",
                 ErrorCode::kInvalidArgument, "expected '^^'"},
        BadInput{"LangStringWithoutTag",
                 "<http://a.example/s> <http://a.example/p> "
                 "\"o\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .",
                 ErrorCode::kInvalidArgument, "needs a language tag"},
        BadInput{"InvalidUtf8OnLine2",
                 kOk + "<http://a.example/s> <http://a.example/p> \"\xC3\x28\" .",
                 ErrorCode::kInvalidArgument, "line 2: input is not valid UTF-8"},
        BadInput{"OverlongUtf8", "<http://a.example/s> <http://a.example/p> \"\xC0\xAF\" .",
                 ErrorCode::kInvalidArgument, "not valid UTF-8"},
        BadInput{"Turtle", "@prefix ex: <http://a.example/> .", ErrorCode::kInvalidArgument,
                 "expected an IRI or blank node as subject"},
        BadInput{"OversizedInput", std::string(1025, '#'), ErrorCode::kResourceExhausted,
                 "exceeds the limit of 1024"},
        BadInput{"TooManyQuads", kOk + kOk + kOk + kOk, ErrorCode::kResourceExhausted,
                 "line 4: more than 3 quads"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(NQuadsParse, DecodesEscapesAndKeepsTermKinds) {
  const auto parsed = ParseNQuads(
      "# a comment\r\n"
      "_:b.1 <http://a.example/p> \"a\\tb\\u00E9\\U0001F303\\\"\"@en-GB <http://a.example/g> . # "
      "c\r\n"
      "\n"
      "<http://a.example/\\u0073> <http://a.example/p> "
      "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .\n"
      "<http://a.example/s><http://a.example/p>_:o.");
  ASSERT_THAT(parsed, IsOk());
  ASSERT_EQ(parsed->quads.size(), 3u);

  const Quad& first = parsed->quads[0];
  EXPECT_EQ(std::get<BlankNode>(first.subject).id, "b.1");
  const auto& literal = std::get<Literal>(first.object);
  EXPECT_EQ(literal.lexical, "a\tb\xC3\xA9\xF0\x9F\x8C\x83\"");
  EXPECT_EQ(literal.language, "en-GB");
  EXPECT_EQ(literal.datatype, kRdfLangString);
  EXPECT_EQ(std::get<Iri>(*first.graph).value, "http://a.example/g");

  const Quad& second = parsed->quads[1];
  EXPECT_EQ(std::get<Iri>(second.subject).value, "http://a.example/s");
  EXPECT_EQ(std::get<Literal>(second.object).datatype, "http://www.w3.org/2001/XMLSchema#integer");
  EXPECT_EQ(std::get<BlankNode>(*second.graph).id, "g");

  // No spaces needed between terms; a trailing '.' is not part of the blank node label.
  EXPECT_EQ(std::get<BlankNode>(parsed->quads[2].object).id, "o");
  EXPECT_FALSE(parsed->quads[2].graph.has_value());
}

TEST(NQuadsParse, EmptyAndCommentOnlyDocumentsAreEmptyDatasets) {
  for (const char* text : {"", "\n\n", "# only a comment", "  \t\r\n# x\n"}) {
    const auto parsed = ParseNQuads(text);
    ASSERT_THAT(parsed, IsOk()) << text;
    EXPECT_TRUE(parsed->quads.empty());
  }
}

struct SerializeCase {
  std::string lexical;
  std::string expected;  // the object as written in canonical N-Quads
};

TEST(NQuadsSerialize, LiteralsUseCanonicalEscapes) {
  const SerializeCase cases[] = {
      {"plain", "\"plain\""},
      {"\"\\", R"("\"\\")"},
      {"\b\t\n\f\r", R"("\b\t\n\f\r")"},
      {std::string("\x00\x01\x0B\x1F\x7F", 5), R"("\u0000\u0001\u000B\u001F\u007F")"},
      {"'\xE2\x88\x9E\xC2\x80", "\"'\xE2\x88\x9E\xC2\x80\""},  // no escapes above U+007F
  };
  for (const auto& c : cases) {
    const Quad quad{Iri{"http://a.example/s"},
                    Iri{"http://a.example/p"},
                    Literal{c.lexical, kXsdString, ""},
                    {}};
    EXPECT_EQ(SerializeQuad(quad),
              "<http://a.example/s> <http://a.example/p> " + c.expected + " .\n");
  }
}

TEST(NQuadsSerialize, DatatypeLanguageAndGraphName) {
  Dataset dataset;
  dataset.quads.push_back({BlankNode{"x"}, Iri{"http://a.example/p"},
                           Literal{"1", "http://a.example/int", ""}, GraphName{BlankNode{"g"}}});
  dataset.quads.push_back({Iri{"http://a.example/s"}, Iri{"http://a.example/p"},
                           Literal{"chat", kRdfLangString, "fr"},
                           GraphName{Iri{"http://a.example/g"}}});
  dataset.quads.push_back({Iri{"http://a.example/s"}, Iri{"http://a.example/p"},
                           Literal{"s", kXsdString, ""}, std::nullopt});
  EXPECT_EQ(SerializeNQuads(dataset),
            "_:x <http://a.example/p> \"1\"^^<http://a.example/int> _:g .\n"
            "<http://a.example/s> <http://a.example/p> \"chat\"@fr <http://a.example/g> .\n"
            "<http://a.example/s> <http://a.example/p> \"s\" .\n");
}

TEST(NQuadsSerialize, ParsingCanonicalOutputRoundTrips) {
  const std::string canonical =
      "<http://a.example/s> <http://a.example/p> \"\\u0000\\b\\t\\n\\f\\r\\\"\\\\\xE2\x88\x9E\" .\n"
      "_:c14n0 <http://a.example/p> \"x\"@en _:c14n1 .\n";
  const auto parsed = ParseNQuads(canonical);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(SerializeNQuads(*parsed), canonical);
}

}  // namespace
}  // namespace vaardig::w3c
