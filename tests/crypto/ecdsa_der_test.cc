#include "core/crypto/ecdsa_der.h"

#include <gtest/gtest.h>

#include <string>

#include "core/crypto/random.h"
#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::FailsWith;
using testing::Hex;
using testing::IsOk;
using testing::ToHex;

// r‖s for P-256 from a short r and s (left-padded with zeros to 32 bytes each).
Bytes P1363(std::string_view r_hex, std::string_view s_hex) {
  Bytes out(64, 0);
  const Bytes r = Hex(r_hex);
  const Bytes s = Hex(s_hex);
  std::copy(r.begin(), r.end(), out.begin() + 32 - static_cast<std::ptrdiff_t>(r.size()));
  std::copy(s.begin(), s.end(), out.end() - static_cast<std::ptrdiff_t>(s.size()));
  return out;
}

const std::string k32Ff(64, 'f');  // 32 bytes of 0xff

struct EncodeCase {
  std::string r, s, der;
};

TEST(P1363ToDer, EncodesMinimalPositiveIntegers) {
  const EncodeCase cases[] = {
      {"01", "01", "3006020101020101"},
      {"7f", "80", "300702017f02020080"},                       // high bit → 0x00 sign byte
      {"00", "00", "3006020100020100"},                         // zero stays one byte
      {"0100", "00ff", "300802020100020200ff"},                 // leading zeros stripped
      {k32Ff, "01", "3026022100" + k32Ff + "020101"},           // 33-byte INTEGER
      {k32Ff, k32Ff, "3046022100" + k32Ff + "022100" + k32Ff},  // 70 bytes, short form
  };
  for (const EncodeCase& c : cases) {
    auto der = P1363ToDer(P1363(c.r, c.s), 32);
    ASSERT_TRUE(IsOk(der)) << c.der;
    EXPECT_EQ(ToHex(*der), c.der);
    auto back = DerToP1363(*der, 32);
    if (c.r == "00" || c.s == "00") {
      EXPECT_TRUE(FailsWith(back, ErrorCode::kInvalidArgument)) << "zero is not positive";
    } else {
      ASSERT_TRUE(IsOk(back)) << c.der;
      EXPECT_EQ(*back, P1363(c.r, c.s));
    }
  }
}

TEST(P1363ToDer, WrongLengthIsInvalidArgument) {
  const struct {
    std::size_t size, scalar_size;
  } cases[] = {{0, 32}, {63, 32}, {65, 32}, {32, 32}, {128, 32}, {0, 0}, {2, 0}};
  for (const auto& c : cases) {
    EXPECT_TRUE(FailsWith(P1363ToDer(Bytes(c.size, 1), c.scalar_size), ErrorCode::kInvalidArgument))
        << c.size << "/" << c.scalar_size;
  }
}

TEST(P1363ToDer, LargeScalarUsesLongFormLength) {
  // P-521-sized scalars (66 bytes) with the high bit set: 2 × (2 + 67) = 138 content bytes.
  const Bytes p1363(132, 0xff);
  auto der = P1363ToDer(p1363, 66);
  ASSERT_TRUE(IsOk(der));
  EXPECT_EQ(ToHex(ByteView(*der).first(3)), "30818a");
  auto back = DerToP1363(*der, 66);
  ASSERT_TRUE(IsOk(back));
  EXPECT_EQ(*back, p1363);
}

TEST(P1363ToDer, RandomSignaturesRoundTrip) {
  for (int i = 0; i < 200; ++i) {
    Bytes p1363 = RandomBytes(64);
    // Force leading zero bytes sometimes to exercise stripping.
    if (i % 3 == 0) p1363[0] = 0;
    if (i % 5 == 0) p1363[32] = p1363[33] = 0;
    p1363[31] |= 1;  // keep r and s non-zero
    p1363[63] |= 1;
    auto der = P1363ToDer(p1363, 32);
    ASSERT_TRUE(IsOk(der));
    auto back = DerToP1363(*der, 32);
    ASSERT_TRUE(IsOk(back)) << ToHex(*der);
    EXPECT_EQ(*back, p1363);
  }
}

TEST(DerToP1363, ValidEncodingsDecode) {
  const struct {
    std::string der, r, s;
  } cases[] = {
      {"3006020101020101", "01", "01"},
      {"300702017f02020080", "7f", "80"},
      {"3026022100" + k32Ff + "020101", k32Ff, "01"},
      {"3046022100" + k32Ff + "022100" + k32Ff, k32Ff, k32Ff},
      {"302502200100000000000000000000000000000000000000000000000000000000000000020101",
       "0100000000000000000000000000000000000000000000000000000000000000", "01"},
  };
  for (const auto& c : cases) {
    auto p1363 = DerToP1363(Hex(c.der), 32);
    ASSERT_TRUE(IsOk(p1363)) << c.der;
    EXPECT_EQ(*p1363, P1363(c.r, c.s)) << c.der;
  }
}

TEST(DerToP1363, MalformedEncodingsAreInvalidArgument) {
  const struct {
    std::string der, why;
  } cases[] = {
      {"", "empty"},
      {"30", "no length"},
      {"300602010102010100", "trailing byte after the SEQUENCE"},
      {"3009020101020101020101", "third INTEGER inside the SEQUENCE"},
      {"3007020101020101", "SEQUENCE length beyond the data"},
      {"3005020101020101", "SEQUENCE length short of the content"},
      {"30060201010201", "truncated"},
      {"308106020101020101", "non-minimal SEQUENCE length (long form below 128)"},
      {"30820006020101020101", "non-minimal SEQUENCE length (two octets)"},
      {"30800201010201010000", "indefinite length"},
      {"308400000006020101020101", "length of length too large"},
      {"3106020101020101", "wrong outer tag"},
      {"3006030101020101", "wrong INTEGER tag (BIT STRING)"},
      {"3006020181020101", "negative r"},
      {"3006020101020181", "negative s"},
      {"300702020001020101", "non-minimal r (leading 0x00)"},
      {"300702010102020001", "non-minimal s (leading 0x00)"},
      {"30080203000080020101", "non-minimal r (two leading 0x00)"},
      {"3006020100020101", "zero r"},
      {"3006020101020100", "zero s"},
      {"30050200020101", "empty INTEGER"},
      {"3026022101" + k32Ff + "020101", "r wider than the scalar (33 bytes)"},
      {"302702220000" + k32Ff + "020101", "r with a superfluous 0x00 before the sign byte"},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(FailsWith(DerToP1363(Hex(c.der), 32), ErrorCode::kInvalidArgument)) << c.why;
  }
}

TEST(DerToP1363, ZeroScalarSizeIsInvalidArgument) {
  EXPECT_TRUE(FailsWith(DerToP1363(Hex("3006020101020101"), 0), ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace vaardig::crypto
