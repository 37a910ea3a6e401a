// The W3C RDFC-1.0 test suite (tests/vectors/rdf-canon, see README there), driven by file names:
//   testNNN-in.nq + testNNN-rdfc10.nq        eval test: canonical N-Quads, byte for byte
//   testNNN-in.nq + testNNN-rdfc10map.json   map test: the issued identifiers map
//   testNNN-in.nq alone                      negative test (poison dataset): resource_exhausted
// Every file in the folder must belong to a test, and the run must reach the pinned totals.
// The one fact the file names do not carry is the hash algorithm: upstream's manifest.ttl marks
// test075 (eval and map) with rdfc:hashAlgorithm "SHA384"; kSha384Tests repeats that.
#include "core/w3c/rdfc10.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/encoding/json.h"
#include "core/w3c/nquads.h"
#include "tests/w3c/test_util.h"

namespace vaardig::w3c {
namespace {

namespace fs = std::filesystem;
using testutil::FailsWith;
using testutil::IsOk;
using testutil::ReadFileOrFail;

const fs::path kDir = fs::path(VAARDIG_VECTORS_DIR) / "rdf-canon" / "rdfc10";
// The suite as copied (see README): 64 eval, 21 map and 1 negative test.
constexpr std::size_t kEvalTests = 64;
constexpr std::size_t kMapTests = 21;
constexpr std::size_t kNegativeTests = 1;
const std::set<std::string> kSha384Tests = {"test075"};

RdfcOptions OptionsFor(const std::string& id) {
  RdfcOptions options;
  if (kSha384Tests.contains(id)) options.hash = RdfcHashAlgorithm::kSha384;
  return options;
}

struct SuiteTest {
  std::string id;  // "test001"
  bool has_expected_nquads = false;
  bool has_expected_map = false;
};

// Groups the folder by test id; every file name must match one of the three patterns.
std::map<std::string, SuiteTest> DiscoverTests(std::vector<std::string>& unknown_files) {
  static const std::regex kName(R"((test\d{3})-(in\.nq|rdfc10\.nq|rdfc10map\.json))");
  std::map<std::string, SuiteTest> tests;
  std::set<std::string> inputs;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    const std::string name = entry.path().filename().string();
    std::smatch match;
    if (!entry.is_regular_file() || !std::regex_match(name, match, kName)) {
      unknown_files.push_back(name);
      continue;
    }
    SuiteTest& test = tests[match[1]];
    test.id = match[1];
    if (match[2] == "in.nq") inputs.insert(test.id);
    if (match[2] == "rdfc10.nq") test.has_expected_nquads = true;
    if (match[2] == "rdfc10map.json") test.has_expected_map = true;
  }
  for (const auto& [id, test] : tests) {
    if (!inputs.contains(id)) unknown_files.push_back(id + " has results but no -in.nq");
  }
  return tests;
}

// The expected issued identifiers map; nullopt (and a test failure) when the file is not a JSON
// object of strings.
std::optional<std::map<std::string, std::string>> ReadExpectedMap(const fs::path& path) {
  auto json = ParseJson(ReadFileOrFail(path.string()));
  EXPECT_THAT(json, IsOk());
  if (!json || !json->is_object()) return std::nullopt;
  std::map<std::string, std::string> map;
  for (const auto& [key, value] : json->items()) {
    if (!value.is_string()) {
      ADD_FAILURE() << path << ": " << key << " is not a string";
      return std::nullopt;
    }
    map[key] = value.get<std::string>();
  }
  return map;
}

struct Totals {
  std::size_t eval = 0, map = 0, negative = 0, passed = 0, failed = 0, skipped = 0;
};

TEST(RdfcSuite, EveryTestInTheSuitePasses) {
  std::vector<std::string> unknown_files;
  const auto tests = DiscoverTests(unknown_files);
  for (const std::string& id : kSha384Tests) EXPECT_TRUE(tests.contains(id)) << id << " is missing";
  EXPECT_TRUE(unknown_files.empty())
      << "files that belong to no test: " << ::testing::PrintToString(unknown_files);

  Totals totals;
  const auto record = [&](bool ok, const std::string& what) {
    if (ok) {
      ++totals.passed;
    } else {
      ++totals.failed;
      ADD_FAILURE() << what << " failed";
    }
  };
  for (const auto& [id, test] : tests) {
    SCOPED_TRACE(id);
    const std::string input = ReadFileOrFail((kDir / (id + "-in.nq")).string());
    const auto canonical = CanonicalizeNQuads(input, OptionsFor(id));

    if (test.has_expected_nquads) {
      ++totals.eval;
      const std::string expected = ReadFileOrFail((kDir / (id + "-rdfc10.nq")).string());
      EXPECT_THAT(canonical, IsOk());
      const bool ok = canonical && canonical->nquads == expected;
      if (canonical) {
        EXPECT_EQ(canonical->nquads, expected);
      }
      record(ok, id + " (eval)");
    }
    if (test.has_expected_map) {
      ++totals.map;
      const auto expected = ReadExpectedMap(kDir / (id + "-rdfc10map.json"));
      const bool ok = canonical && expected && canonical->issued_identifiers == *expected;
      if (canonical && expected) {
        EXPECT_EQ(canonical->issued_identifiers, *expected);
      }
      record(ok, id + " (map)");
    }
    if (!test.has_expected_nquads && !test.has_expected_map) {
      ++totals.negative;
      EXPECT_THAT(canonical, FailsWith(ErrorCode::kResourceExhausted));
      record(!canonical && canonical.error().code() == ErrorCode::kResourceExhausted,
             id + " (negative)");
    }
  }
  std::cout << "[ rdf-canon ] eval " << totals.eval << ", map " << totals.map << ", negative "
            << totals.negative << ": passed " << totals.passed << ", failed " << totals.failed
            << ", skipped " << totals.skipped << "\n";
  EXPECT_EQ(totals.eval, kEvalTests);
  EXPECT_EQ(totals.map, kMapTests);
  EXPECT_EQ(totals.negative, kNegativeTests);
  EXPECT_EQ(totals.passed, kEvalTests + kMapTests + kNegativeTests);
  EXPECT_EQ(totals.skipped, 0u);
}

// Canonicalization must not depend on how the input was written: reversing the quad order and
// renaming every blank node must give the same bytes; the canonical form is a fixed point.
TEST(RdfcSuite, OutputIsIndependentOfQuadOrderAndBlankNodeLabels) {
  std::size_t ran = 0;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with("-rdfc10.nq")) continue;
    SCOPED_TRACE(name);
    const std::string expected = ReadFileOrFail(entry.path().string());
    const std::string id = name.substr(0, name.find('-'));
    auto dataset = ParseNQuads(ReadFileOrFail((kDir / (id + "-in.nq")).string()));
    ASSERT_THAT(dataset, IsOk());

    std::reverse(dataset->quads.begin(), dataset->quads.end());
    const auto rename = [](auto& term) {
      if (auto* node = std::get_if<BlankNode>(&term)) node->id = "renamed" + node->id + "x";
    };
    for (Quad& quad : dataset->quads) {
      rename(quad.subject);
      rename(quad.object);
      if (quad.graph) rename(*quad.graph);
    }
    const RdfcOptions options = OptionsFor(id);
    const auto mutated = Canonicalize(*dataset, options);
    ASSERT_THAT(mutated, IsOk());
    EXPECT_EQ(mutated->nquads, expected);

    const auto again = CanonicalizeNQuads(expected, options);
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(again->nquads, expected);

    // Dropping a quad (a real change) must change the output; duplicates go first, as dropping
    // one of two equal quads changes nothing.
    const std::set<Quad> distinct(dataset->quads.begin(), dataset->quads.end());
    dataset->quads.assign(distinct.begin(), distinct.end());
    if (!dataset->quads.empty()) {
      dataset->quads.pop_back();
      const auto changed = Canonicalize(*dataset, options);
      ASSERT_THAT(changed, IsOk());
      EXPECT_NE(changed->nquads, expected);
    }
    ++ran;
  }
  EXPECT_EQ(ran, kEvalTests);
}

}  // namespace
}  // namespace vaardig::w3c
