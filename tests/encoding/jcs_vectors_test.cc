// RFC 8785 vectors from cyberphone/json-canonicalization (tests/vectors/jcs, see README there):
// every input/<name>.json, parsed with ParseJson and canonicalised, must equal output/<name>.json
// and outhex/<name>.txt byte for byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "core/encoding/base64url.h"
#include "core/encoding/jcs.h"
#include "core/encoding/json.h"
#include "tests/encoding/test_util.h"

namespace vaardig::encoding {
namespace {

namespace fs = std::filesystem;
using testutil::IsOk;
using testutil::ReadFileOrFail;

const fs::path kDir = fs::path(VAARDIG_VECTORS_DIR) / "jcs";
constexpr std::size_t kMinimumVectors = 6;  // the upstream set at 19d51d7f

std::size_t CountFiles(const fs::path& dir) {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) count += entry.is_regular_file();
  return count;
}

// outhex files hold space and newline separated hex bytes.
std::string DecodeOutHex(const std::string& text) {
  std::istringstream in(text);
  std::string hex;
  for (std::string token; in >> token;) hex += token;
  auto bytes = HexDecode(hex);
  EXPECT_THAT(bytes, IsOk());
  return bytes ? ToString(*bytes) : std::string();
}

TEST(JcsVectors, EveryVectorCanonicalisesByteExact) {
  std::size_t ran = 0;
  for (const auto& entry : fs::directory_iterator(kDir / "input")) {
    const std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    const std::string input = ReadFileOrFail(entry.path().string());
    const std::string expected = ReadFileOrFail((kDir / "output" / (name + ".json")).string());
    const std::string expected_hex = ReadFileOrFail((kDir / "outhex" / (name + ".txt")).string());
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(DecodeOutHex(expected_hex), expected);

    auto parsed = ParseJson(input);
    ASSERT_THAT(parsed, IsOk());
    auto canonical = Canonicalize(*parsed);
    ASSERT_THAT(canonical, IsOk());
    EXPECT_EQ(*canonical, expected);

    // Canonical form is a fixed point.
    auto reparsed = ParseJson(*canonical);
    ASSERT_THAT(reparsed, IsOk());
    EXPECT_EQ(Canonicalize(*reparsed), expected);
    ++ran;
  }
  EXPECT_GE(ran, kMinimumVectors);
  EXPECT_EQ(ran, CountFiles(kDir / "input"));
  EXPECT_EQ(ran, CountFiles(kDir / "output"));
  EXPECT_EQ(ran, CountFiles(kDir / "outhex"));
}

}  // namespace
}  // namespace vaardig::encoding
