// RDFC-1.0 beyond the suite: the poison-dataset work limits (§7.1), SHA-384 checked against
// hashes computed here, set semantics and edge cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/w3c/rdfc10.h"
#include "tests/w3c/test_util.h"

namespace vaardig::w3c {
namespace {

namespace fs = std::filesystem;
using testutil::FailsWith;
using testutil::IsOk;
using testutil::ReadFileOrFail;

const fs::path kDir = fs::path(VAARDIG_VECTORS_DIR) / "rdf-canon" / "rdfc10";

// Two blank nodes pointing at each other both ways: same first degree hash, so Hash N-Degree
// Quads must run.
constexpr char kDoubleCircle[] =
    "_:e0 <http://a.example/next> _:e1 .\n"
    "_:e0 <http://a.example/prev> _:e1 .\n"
    "_:e1 <http://a.example/next> _:e0 .\n"
    "_:e1 <http://a.example/prev> _:e0 .\n";

TEST(RdfcLimits, PoisonDatasetFailsFastWithResourceExhausted) {
  const std::string poison = ReadFileOrFail((kDir / "test074-in.nq").string());
  const auto result = CanonicalizeNQuads(poison);
  ASSERT_THAT(result, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_NE(result.error().message().find("poison dataset"), std::string::npos);
}

TEST(RdfcLimits, NDegreeCallLimitIsEnforced) {
  RdfcOptions options;
  options.max_n_degree_calls = 1;
  const auto result = CanonicalizeNQuads(kDoubleCircle, options);
  ASSERT_THAT(result, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_NE(result.error().message().find("Hash N-Degree Quads"), std::string::npos);
}

TEST(RdfcLimits, PermutationLimitIsEnforced) {
  RdfcOptions options;
  options.max_permutations = 1;
  const auto result = CanonicalizeNQuads(kDoubleCircle, options);
  ASSERT_THAT(result, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_NE(result.error().message().find("permutations"), std::string::npos);
}

// The defaults must leave headroom: every positive suite test needs at most a tenth of them.
TEST(RdfcLimits, SuiteNeedsAFractionOfTheDefaultLimits) {
  const RdfcOptions defaults;
  RdfcWork most;
  std::size_t ran = 0;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with("-in.nq") || name == "test074-in.nq") continue;
    const auto result = CanonicalizeNQuads(ReadFileOrFail(entry.path().string()));
    ASSERT_THAT(result, IsOk()) << name;
    most.n_degree_calls = std::max(most.n_degree_calls, result->work.n_degree_calls);
    most.permutations = std::max(most.permutations, result->work.permutations);
    ++ran;
  }
  EXPECT_EQ(ran, 64u);
  EXPECT_LE(most.n_degree_calls * 10, defaults.max_n_degree_calls) << most.n_degree_calls;
  EXPECT_LE(most.permutations * 10, defaults.max_permutations) << most.permutations;
}

std::string Sha384Hex(std::string_view text) {
  return encoding::HexEncode(crypto::Sha384(AsBytes(text)));
}

// Two blank nodes with distinct first degree hashes are labelled in hash order (§4.4.3 step 4);
// the hashes are computed here from the §4.6 input strings.
TEST(RdfcHash, Sha384OrdersByItsOwnFirstDegreeHashes) {
  const std::string input =
      "<http://a.example/s> <http://a.example/p> _:x .\n"
      "<http://a.example/s> <http://a.example/q> _:y .\n";
  const std::string hash_x = Sha384Hex("<http://a.example/s> <http://a.example/p> _:a .\n");
  const std::string hash_y = Sha384Hex("<http://a.example/s> <http://a.example/q> _:a .\n");
  ASSERT_EQ(hash_x.size(), 96u);

  RdfcOptions options;
  options.hash = RdfcHashAlgorithm::kSha384;
  const auto result = CanonicalizeNQuads(input, options);
  ASSERT_THAT(result, IsOk());
  const bool x_first = hash_x < hash_y;
  EXPECT_EQ(result->issued_identifiers.at("x"), x_first ? "c14n0" : "c14n1");
  EXPECT_EQ(result->issued_identifiers.at("y"), x_first ? "c14n1" : "c14n0");
}

TEST(RdfcCanonicalize, DuplicateQuadsAreDropped) {
  const auto result =
      CanonicalizeNQuads("_:a <http://a.example/p> \"v\" .\n_:a <http://a.example/p> \"v\" .\n");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->nquads, "_:c14n0 <http://a.example/p> \"v\" .\n");
  EXPECT_EQ(result->dataset.quads.size(), 1u);
}

TEST(RdfcCanonicalize, EmptyDatasetGivesEmptyOutput) {
  const auto result = Canonicalize(Dataset{});
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->nquads, "");
  EXPECT_TRUE(result->issued_identifiers.empty());
}

TEST(RdfcCanonicalize, DoubleCircleIsLabelledAndSorted) {
  const auto result = CanonicalizeNQuads(kDoubleCircle);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->nquads,
            "_:c14n0 <http://a.example/next> _:c14n1 .\n"
            "_:c14n0 <http://a.example/prev> _:c14n1 .\n"
            "_:c14n1 <http://a.example/next> _:c14n0 .\n"
            "_:c14n1 <http://a.example/prev> _:c14n0 .\n");
  EXPECT_EQ(result->issued_identifiers.size(), 2u);
  EXPECT_GE(result->work.n_degree_calls, 2u);
}

TEST(RdfcCanonicalize, ParseErrorsPassThrough) {
  EXPECT_THAT(CanonicalizeNQuads("<rel> <http://a.example/p> \"o\" ."),
              FailsWith(ErrorCode::kInvalidArgument));
  NQuadsLimits limits;
  limits.max_input_bytes = 10;
  EXPECT_THAT(CanonicalizeNQuads(kDoubleCircle, {}, limits),
              FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::w3c
