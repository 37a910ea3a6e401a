#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>

#include "core/encoding/jcs.h"
#include "tests/encoding/test_util.h"

namespace vaardig::encoding {
namespace {

using testutil::FailsWith;
using testutil::IsOk;
using testutil::ReadFileOrFail;

struct Sample {
  std::uint64_t bits;
  std::string_view expected;
};

// RFC 8785 Appendix B (checked against node: String(x)).
constexpr Sample kAppendixB[] = {
    {0x0000000000000000, "0"},                         // zero
    {0x8000000000000000, "0"},                         // minus zero
    {0x0000000000000001, "5e-324"},                    // min pos number
    {0x8000000000000001, "-5e-324"},                   // min neg number
    {0x7fefffffffffffff, "1.7976931348623157e+308"},   // max pos number
    {0xffefffffffffffff, "-1.7976931348623157e+308"},  // max neg number
    {0x4340000000000000, "9007199254740992"},          // max pos int
    {0xc340000000000000, "-9007199254740992"},         // max neg int
    {0x4430000000000000, "295147905179352830000"},     // ~2^68
    {0x44b52d02c7e14af5, "9.999999999999997e+22"},
    {0x44b52d02c7e14af6, "1e+23"},
    {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
    {0x444b1ae4d6e2ef4e, "999999999999999700000"},
    {0x444b1ae4d6e2ef4f, "999999999999999900000"},
    {0x444b1ae4d6e2ef50, "1e+21"},
    {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
    {0x3eb0c6f7a0b5ed8d, "0.000001"},
    {0x41b3de4355555553, "333333333.3333332"},
    {0x41b3de4355555554, "333333333.33333325"},
    {0x41b3de4355555555, "333333333.3333333"},
    {0x41b3de4355555556, "333333333.3333334"},
    {0x41b3de4355555557, "333333333.33333343"},
    {0xbecbf647612f3696, "-0.0000033333333333333333"},
    {0x43143ff3c1cb0959, "1424953923781206.2"},  // round to even
};

TEST(FormatEcmaScriptNumber, Rfc8785AppendixB) {
  for (const Sample& s : kAppendixB) {
    SCOPED_TRACE(s.expected);
    EXPECT_EQ(FormatEcmaScriptNumber(std::bit_cast<double>(s.bits)), s.expected);
  }
}

TEST(FormatEcmaScriptNumber, NonFiniteIsInvalidArgument) {
  for (const std::uint64_t bits : {0x7fffffffffffffffULL, 0x7ff0000000000000ULL,
                                   0xfff0000000000000ULL, 0x7ff8000000000001ULL}) {
    EXPECT_THAT(FormatEcmaScriptNumber(std::bit_cast<double>(bits)),
                FailsWith(ErrorCode::kInvalidArgument));
  }
}

TEST(FormatEcmaScriptNumber, SwitchesToExponentAtEsThresholds) {
  const struct {
    double value;
    std::string_view expected;
  } cases[] = {
      {1e20, "100000000000000000000"},
      {1e21, "1e+21"},
      {1.5e21, "1.5e+21"},
      {123456789012345680000.0, "123456789012345680000"},
      {1e-6, "0.000001"},
      {1.234e-6, "0.000001234"},
      {1e-7, "1e-7"},
      {5e-7, "5e-7"},
      {1.23e-18, "1.23e-18"},
      {0.1, "0.1"},
      {-1.5, "-1.5"},
      {100, "100"},
      {4.35, "4.35"},
      {1.0 / 3.0, "0.3333333333333333"},
      {1e-323, "1e-323"},
      {1.5e300, "1.5e+300"},
      {9007199254740994.0, "9007199254740994"},
      {18446744073709551616.0, "18446744073709552000"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.expected);
    EXPECT_EQ(FormatEcmaScriptNumber(c.value), c.expected);
  }
}

// tests/vectors/jcs/es6testfile10k.txt: the first 10000 lines of cyberphone's es6testfile
// ("hex-ieee,expected"), see the README there.
TEST(FormatEcmaScriptNumber, Es6TestFileFirst10000Lines) {
  constexpr std::size_t kExpectedLines = 10000;
  std::istringstream in(ReadFileOrFail(VAARDIG_VECTORS_DIR "/jcs/es6testfile10k.txt"));
  std::size_t lines = 0;
  std::size_t checked = 0;
  for (std::string line; std::getline(in, line);) {
    ++lines;
    const auto comma = line.find(',');
    ASSERT_NE(comma, std::string::npos) << "line " << lines;
    std::uint64_t bits = 0;
    const auto parsed = std::from_chars(line.data(), line.data() + comma, bits, 16);
    ASSERT_EQ(parsed.ec, std::errc()) << "line " << lines;
    const std::string_view expected = std::string_view(line).substr(comma + 1);
    EXPECT_EQ(FormatEcmaScriptNumber(std::bit_cast<double>(bits)), expected)
        << "line " << lines << ": " << line;
    ++checked;
  }
  EXPECT_EQ(lines, kExpectedLines);
  EXPECT_EQ(checked, lines);
}

}  // namespace
}  // namespace vaardig::encoding
