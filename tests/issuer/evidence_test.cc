#include "issuer/domain/evidence.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "tests/crypto/test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::FailsWith;
using crypto::testing::IsOk;

constexpr std::size_t kLimit = 1 << 20;

Bytes Fixture(const std::string& name) {
  const std::string path = std::string(VAARDIG_SOURCE_DIR) + "/tests/issuer/fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool Contains(ByteView haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}
bool Contains(ByteView haystack, ByteView needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

// --- building blocks for hand-made files ---

Bytes Segment(std::uint8_t marker, std::string_view payload) {
  Bytes out = {0xFF, marker, static_cast<std::uint8_t>((payload.size() + 2) >> 8),
               static_cast<std::uint8_t>(payload.size() + 2)};
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

using namespace std::string_view_literals;
const Bytes kSoi = {0xFF, 0xD8};
const Bytes kEoi = {0xFF, 0xD9};
const Bytes kDqt = Segment(0xDB, std::string(1, '\0') + std::string(64, '\x01'));
const Bytes kSof = Segment(0xC0, "\x08\x00\x08\x00\x08\x01\x01\x11\x00"sv);
const Bytes kDhtDc = Segment(0xC4, "\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"sv);
const Bytes kDhtAc = Segment(0xC4, "\x10\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"sv);
const Bytes kSos = Segment(0xDA, "\x01\x01\x00\x00\x3F\x00"sv);
const Bytes kScan = {0x3F};

// An 8x8 grey baseline JPEG with `extra` segments after SOI.
Bytes Jpeg(const Bytes& extra = {}) {
  return Cat({kSoi, extra, kDqt, kSof, kDhtDc, kDhtAc, kSos, kScan, kEoi});
}

Bytes Chunk(std::string_view type, std::string_view data) {
  Bytes body(type.begin(), type.end());
  body.insert(body.end(), data.begin(), data.end());
  const auto crc = static_cast<std::uint32_t>(crc32(0L, body.data(), static_cast<uInt>(body.size())));
  const auto size = static_cast<std::uint32_t>(data.size());
  Bytes out = {static_cast<std::uint8_t>(size >> 24), static_cast<std::uint8_t>(size >> 16),
               static_cast<std::uint8_t>(size >> 8), static_cast<std::uint8_t>(size)};
  out.insert(out.end(), body.begin(), body.end());
  for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<std::uint8_t>(crc >> shift));
  return out;
}

const Bytes kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
const Bytes kIhdr = Chunk("IHDR", "\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"sv);
const Bytes kIdat = Chunk("IDAT", "\x78\x9c\x63\xf8\xdf\xd0\x00\x00\x03\x81\x01\x7f"sv);
const Bytes kIend = Chunk("IEND", "");

Bytes Png(const Bytes& middle = {}) { return Cat({kPngSignature, kIhdr, middle, kIdat, kIend}); }

// --- JPEG ---

TEST(SanitizeEvidence, JpegWithExifGpsLosesAllMetadata) {
  const Bytes original = Fixture("photo_with_gps.jpg");
  ASSERT_TRUE(Contains(original, "VaardigCam"sv));
  auto result = SanitizeEvidence(original, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->media_type, "image/jpeg");
  const Bytes& out = result->bytes;
  // The GPS IFD (latitude 52/1 5/1 1234/100 as little-endian rationals), camera and people: gone.
  const Bytes latitude = {52, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0xD2, 0x04, 0, 0, 100, 0, 0, 0};
  ASSERT_TRUE(Contains(original, latitude));
  EXPECT_FALSE(Contains(out, latitude));
  for (std::string_view gone : {"Exif"sv, "VaardigCam"sv, "Model-GPS-7"sv, "Jan Jansen"sv,
                                "xmpmeta"sv, "Photoshop"sv, "iptc-byline"sv, "Stadhuisplein"sv}) {
    EXPECT_FALSE(Contains(out, gone)) << gone;
  }
  EXPECT_TRUE(Contains(out, "JFIF"sv));
  EXPECT_TRUE(Contains(out, "ICC_PROFILE"sv));
  EXPECT_EQ(result->removed,
            (std::vector<std::string>{"EXIF (APP1)", "XMP (APP1)", "IPTC/Photoshop (APP13)",
                                      "comment (COM)"}));
  EXPECT_EQ(result->sha256_hex, encoding::HexEncode(crypto::Sha256(out)));

  // The result is still a well-formed JPEG with the same image: sanitizing it again changes
  // nothing, and it is the hand-made file with the same JFIF and ICC segments.
  auto again = SanitizeEvidence(out, kLimit);
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->bytes, out);
  EXPECT_TRUE(again->removed.empty());
  EXPECT_EQ(out, Jpeg(Cat({Segment(0xE0, "JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00"sv),
                           Segment(0xE2, "ICC_PROFILE\0\x01\x01icc-profile-bytes"sv)})));
}

TEST(SanitizeEvidence, CleanJpegIsStoredUnchanged) {
  const Bytes jpeg = Jpeg();
  auto result = SanitizeEvidence(jpeg, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, jpeg);
  EXPECT_TRUE(result->removed.empty());
  EXPECT_EQ(result->sha256_hex, encoding::HexEncode(crypto::Sha256(jpeg)));
}

TEST(SanitizeEvidence, JpegDropsOtherAppSegmentsAndKeepsAdobe) {
  const Bytes adobe = Segment(0xEE, "Adobe\x00\x64\x00\x00\x00\x00\x01"sv);
  const Bytes jpeg = Jpeg(Cat({Segment(0xEC, "Ducky"sv), Segment(0xE3, "x"sv),
                               Segment(0xE1, "other"sv), Segment(0xE2, "MPF\0"sv), adobe,
                               Segment(0xEE, "NotAdobe"sv), Segment(0xE0, "JFXX\0\x10"sv)}));
  auto result = SanitizeEvidence(jpeg, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, Jpeg(adobe));
  EXPECT_EQ(result->removed, (std::vector<std::string>{"APP12", "APP3", "APP1", "APP2", "APP14",
                                                       "JFIF thumbnail (APP0 JFXX)"}));
}

TEST(SanitizeEvidence, JpegJfifThumbnailIsDropped) {
  std::string jfif("JFIF\0\x01\x02\x00\x00\x01\x00\x01\x01\x01"sv);
  jfif += "\x11\x22\x33";  // a 1x1 RGB thumbnail
  auto result = SanitizeEvidence(Jpeg(Segment(0xE0, jfif)), kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, Jpeg(Segment(0xE0, "JFIF\0\x01\x02\x00\x00\x01\x00\x01\x00\x00"sv)));
  EXPECT_EQ(result->removed, std::vector<std::string>{"JFIF thumbnail (APP0)"});
}

TEST(SanitizeEvidence, JpegDataAfterEoiIsDropped) {
  const Bytes jpeg = Cat({Jpeg(), ToBytes("ftypmp42 motion photo video")});
  auto result = SanitizeEvidence(jpeg, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, Jpeg());
  EXPECT_EQ(result->removed, std::vector<std::string>{"data after EOI"});
}

TEST(SanitizeEvidence, JpegScanWithStuffingRestartsAndLaterSegmentsIsWalked) {
  // Entropy data with a stuffed 0xFF00 and an RST0; then a second (progressive-style) scan after
  // a COM, which is dropped even there.
  const Bytes scan = {0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56};
  const Bytes jpeg = Cat({kSoi, kDqt, kSof, kDhtDc, kDhtAc, kSos, scan, Segment(0xFE, "late"sv),
                          kSos, kScan, kEoi});
  auto result = SanitizeEvidence(jpeg, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, Cat({kSoi, kDqt, kSof, kDhtDc, kDhtAc, kSos, scan, kSos, kScan, kEoi}));
  EXPECT_EQ(result->removed, std::vector<std::string>{"comment (COM)"});
}

TEST(SanitizeEvidence, JpegFillBytesBeforeMarkersAreDropped) {
  const Bytes jpeg = Cat({kSoi, {0xFF}, kDqt, kSof, kDhtDc, kDhtAc, kSos, kScan, {0xFF}, kEoi});
  auto result = SanitizeEvidence(jpeg, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, Jpeg());
}

struct BadCase {
  std::string name;
  Bytes bytes;
  std::string message;
};

TEST(SanitizeEvidence, MalformedJpegsAreRejected) {
  const Bytes jpeg = Jpeg();
  const BadCase cases[] = {
      {"SOI only", kSoi, "evidence must be a JPEG, PNG or PDF file"},  // no FF D8 FF magic
      {"no EOI", Cat({kSoi, kDqt, kSof, kDhtDc, kDhtAc, kSos, kScan}),
       "evidence JPEG is malformed: scan data runs to the end of the file without EOI at offset 138"},
      {"truncated in scan header", Bytes(jpeg.begin(), jpeg.begin() + 133),
       "evidence JPEG is malformed: segment 0xFFDA is truncated at offset 128"},
      {"truncated segment", Cat({kSoi, Bytes(kDqt.begin(), kDqt.begin() + 20)}),
       "evidence JPEG is malformed: segment 0xFFDB is truncated at offset 2"},
      {"truncated length", Cat({kSoi, {0xFF, 0xDB, 0x00}}),
       "evidence JPEG is malformed: truncated length of segment 0xFFDB at offset 2"},
      {"length below 2", Cat({kSoi, {0xFF, 0xE1, 0x00, 0x01}, kDqt}),
       "evidence JPEG is malformed: segment 0xFFE1 has length 1 at offset 2"},
      {"garbage between segments", Cat({kSoi, kDqt, {0x00}, kSof}),
       "evidence JPEG is malformed: expected a marker, found 0x00 at offset 71"},
      {"EOI before scan", Cat({kSoi, kDqt, kEoi}),
       "evidence JPEG is malformed: EOI before any scan at offset 71"},
      {"ends after header", Cat({kSoi, kDqt}),
       "evidence JPEG is malformed: file ends before EOI at offset 71"},
      {"scan before frame", Cat({kSoi, kDqt, kSos, kScan, kEoi}),
       "evidence JPEG is malformed: scan before the frame header at offset 71"},
      {"two frames", Cat({kSoi, kDqt, kSof, kSof, kDhtDc, kSos, kScan, kEoi}),
       "evidence JPEG is malformed: a second frame header at offset 84"},
      {"bad frame header", Cat({kSoi, Segment(0xC0, "\x08\x00\x08\x00\x08\x02\x01\x11\x00"sv), kEoi}),
       "evidence JPEG is malformed: bad frame header at offset 2"},
      {"zero width", Cat({kSoi, Segment(0xC0, "\x08\x00\x08\x00\x00\x01\x01\x11\x00"sv), kEoi}),
       "evidence JPEG is malformed: bad frame header at offset 2"},
      {"bad scan header", Cat({kSoi, kSof, Segment(0xDA, "\x02\x01\x00\x00\x3F\x00"sv), kEoi}),
       "evidence JPEG is malformed: bad scan header at offset 15"},
      {"second SOI", Cat({kSoi, kSoi, kEoi}),
       "evidence JPEG is malformed: unexpected marker 0xFFD8 at offset 2"},
      {"RST outside scan", Cat({kSoi, {0xFF, 0xD3}, kEoi}),
       "evidence JPEG is malformed: unexpected marker 0xFFD3 at offset 2"},
      {"TEM", Cat({kSoi, {0xFF, 0x01}, kEoi}),
       "evidence JPEG is malformed: unexpected marker 0xFF01 at offset 2"},
      {"SOI in scan", Cat({kSoi, kDqt, kSof, kDhtDc, kDhtAc, kSos, kScan, kSoi, kEoi}),
       "evidence JPEG is malformed: unexpected marker 0xFFD8 at offset 139"},
      {"only fill bytes", Cat({kSoi, {0xFF, 0xFF}}),
       "evidence JPEG is malformed: file ends before EOI at offset 2"},
  };
  for (const BadCase& c : cases) {
    auto result = SanitizeEvidence(c.bytes, kLimit);
    ASSERT_TRUE(FailsWith(result, ErrorCode::kInvalidArgument)) << c.name;
    EXPECT_EQ(result.error().message(), c.message) << c.name;
  }
}

TEST(SanitizeEvidence, EveryTruncationOfTheFixtureIsRejected) {
  const Bytes jpeg = Fixture("photo_with_gps.jpg");
  for (std::size_t n = 3; n < jpeg.size(); ++n) {
    // Cutting inside the final EOI or anywhere before it loses the EOI.
    const Bytes cut(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_TRUE(FailsWith(SanitizeEvidence(cut, kLimit), ErrorCode::kInvalidArgument)) << n;
  }
}

// --- PNG ---

TEST(SanitizeEvidence, PngWithTextLosesMetadataChunks) {
  const Bytes original = Fixture("diagram_with_text.png");
  auto result = SanitizeEvidence(original, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->media_type, "image/png");
  for (std::string_view gone : {"tEXt"sv, "Jan Jansen"sv, "zTXt"sv, "iTXt"sv, "balie"sv, "tIME"sv,
                                "eXIf"sv, "VaardigCam"sv}) {
    EXPECT_FALSE(Contains(result->bytes, gone)) << gone;
  }
  EXPECT_TRUE(Contains(result->bytes, "gAMA"sv));
  EXPECT_EQ(result->removed, (std::vector<std::string>{"PNG tEXt", "PNG zTXt", "PNG iTXt",
                                                       "PNG tIME", "PNG eXIf"}));
  auto again = SanitizeEvidence(result->bytes, kLimit);
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->bytes, result->bytes);
  EXPECT_TRUE(again->removed.empty());
  EXPECT_EQ(result->sha256_hex, encoding::HexEncode(crypto::Sha256(result->bytes)));
}

TEST(SanitizeEvidence, CleanPngIsStoredUnchanged) {
  const Bytes png = Png(Cat({Chunk("sRGB", "\x00"sv), Chunk("pHYs", std::string(9, '\x01'))}));
  auto result = SanitizeEvidence(png, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, png);
  EXPECT_TRUE(result->removed.empty());
}

TEST(SanitizeEvidence, PngUnknownAncillaryChunksAreDropped) {
  auto result = SanitizeEvidence(Png(Cat({Chunk("caBX", "c2pa manifest"), Chunk("prVt", "x")})),
                                 kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->bytes, Png());
  EXPECT_EQ(result->removed, (std::vector<std::string>{"PNG caBX", "PNG prVt"}));
}

TEST(SanitizeEvidence, MalformedPngsAreRejected) {
  Bytes bad_crc = Png();
  bad_crc[8 + 25 + 10] ^= 1;  // a byte inside IDAT's data
  const Bytes png = Png();
  const BadCase cases[] = {
      {"signature only", kPngSignature,
       "evidence PNG is malformed: file ends before IEND at offset 8"},
      {"bad CRC", bad_crc, "evidence PNG is malformed: CRC mismatch in chunk IDAT at offset 33"},
      {"IDAT first", Cat({kPngSignature, kIdat, kIhdr, kIend}),
       "evidence PNG is malformed: first chunk is IDAT, not IHDR at offset 8"},
      {"second IHDR", Cat({kPngSignature, kIhdr, kIhdr, kIdat, kIend}),
       "evidence PNG is malformed: a second IHDR at offset 33"},
      {"short IHDR", Cat({kPngSignature, Chunk("IHDR", "\x00\x00\x00\x01"sv), kIdat, kIend}),
       "evidence PNG is malformed: IHDR must be 13 bytes at offset 8"},
      {"no IEND", Cat({kPngSignature, kIhdr, kIdat}),
       "evidence PNG is malformed: file ends before IEND at offset 57"},
      {"no IDAT", Cat({kPngSignature, kIhdr, kIend}),
       "evidence PNG is malformed: no IDAT before IEND at offset 33"},
      {"data after IEND", Cat({png, {0x00}}),
       "evidence PNG is malformed: data after IEND at offset 69"},
      {"chunk after IEND", Cat({png, kIend}),
       "evidence PNG is malformed: data after IEND at offset 69"},
      {"IEND with data", Cat({kPngSignature, kIhdr, kIdat, Chunk("IEND", "x")}),
       "evidence PNG is malformed: IEND must be empty at offset 57"},
      {"unknown critical", Png(Chunk("ABCD", "x")),
       "evidence PNG is malformed: unknown critical chunk ABCD at offset 33"},
      {"bad chunk type", Png(Chunk("ab1d", "x")),
       "evidence PNG is malformed: chunk type is not four letters at offset 33"},
      {"truncated chunk", Bytes(png.begin(), png.begin() + 50),
       "evidence PNG is malformed: chunk IDAT is truncated at offset 33"},
      {"huge length", Cat({kPngSignature, {0xFF, 0xFF, 0xFF, 0xFF, 'I', 'H', 'D', 'R'}, Bytes(8, 0)}),
       "evidence PNG is malformed: chunk IHDR is truncated at offset 8"},
  };
  for (const BadCase& c : cases) {
    auto result = SanitizeEvidence(c.bytes, kLimit);
    ASSERT_TRUE(FailsWith(result, ErrorCode::kInvalidArgument)) << c.name;
    EXPECT_EQ(result.error().message(), c.message) << c.name;
  }
}

// --- PDF ---

TEST(SanitizeEvidence, PdfIsStoredAsGiven) {
  const Bytes pdf = Fixture("tiny.pdf");
  auto result = SanitizeEvidence(pdf, kLimit);
  ASSERT_TRUE(IsOk(result));
  EXPECT_EQ(result->media_type, "application/pdf");
  EXPECT_EQ(result->bytes, pdf);
  EXPECT_TRUE(result->removed.empty());
  EXPECT_EQ(result->sha256_hex, encoding::HexEncode(crypto::Sha256(pdf)));
}

TEST(SanitizeEvidence, PdfHeadersAndTrailers) {
  EXPECT_TRUE(IsOk(SanitizeEvidence(ToBytes("%PDF-2.0\n...\n%%EOF"), kLimit)));
  EXPECT_TRUE(IsOk(SanitizeEvidence(ToBytes("%PDF-1.7\r\n...\r\n%%EOF\r\n \t"), kLimit)));
  EXPECT_TRUE(IsOk(SanitizeEvidence(ToBytes("%PDF-1.0\n%%EOF"), kLimit)));
  // %%EOF 1024 bytes from the end (only whitespace after it) is still found.
  EXPECT_TRUE(IsOk(SanitizeEvidence(ToBytes("%PDF-1.4\n%%EOF" + std::string(1019, '\n')), kLimit)));
}

TEST(SanitizeEvidence, MalformedPdfsAreRejected) {
  const std::string header_message =
      "evidence PDF is malformed: header must be %PDF-1.0 to %PDF-1.7 or %PDF-2.0";
  const BadCase cases[] = {
      {"1.8", ToBytes("%PDF-1.8\n%%EOF"), header_message},
      {"2.1", ToBytes("%PDF-2.1\n%%EOF"), header_message},
      {"3.0", ToBytes("%PDF-3.0\n%%EOF"), header_message},
      {"short", ToBytes("%PDF-1"), header_message},
      {"no EOF", ToBytes("%PDF-1.4\n1 0 obj\n"),
       "evidence PDF is malformed: no %%EOF in its last 1024 bytes"},
      {"EOF too early",
       ToBytes("%PDF-1.4\n%%EOF\n" + std::string(1100, ' ')),
       "evidence PDF is malformed: no %%EOF in its last 1024 bytes"},
      {"appended data", ToBytes("%PDF-1.4\n%%EOF\n<script>"),
       "evidence PDF is malformed: data after the last %%EOF"},
  };
  for (const BadCase& c : cases) {
    auto result = SanitizeEvidence(c.bytes, kLimit);
    ASSERT_TRUE(FailsWith(result, ErrorCode::kInvalidArgument)) << c.name;
    EXPECT_EQ(result.error().message(), c.message) << c.name;
  }
}

// --- type and size ---

TEST(SanitizeEvidence, OtherTypesAreRejectedByContent) {
  for (const Bytes& bytes :
       {Bytes{}, ToBytes("GIF89a......"), ToBytes("<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ToBytes("PK\x03\x04 a docx"), ToBytes("RIFF....WEBPVP8 "), Bytes{0xFF, 0xD8},
        ToBytes(" %PDF-1.4\n%%EOF"), ToBytes("\x89PNG\r\n\x1a"), ToBytes("hello.jpg")}) {
    auto result = SanitizeEvidence(bytes, kLimit);
    ASSERT_TRUE(FailsWith(result, ErrorCode::kInvalidArgument));
    EXPECT_EQ(result.error().message(), "evidence must be a JPEG, PNG or PDF file");
  }
}

TEST(SanitizeEvidence, OverTheLimitIsResourceExhausted) {
  const Bytes jpeg = Jpeg();
  EXPECT_TRUE(IsOk(SanitizeEvidence(jpeg, jpeg.size())));
  auto result = SanitizeEvidence(jpeg, jpeg.size() - 1);
  ASSERT_TRUE(FailsWith(result, ErrorCode::kResourceExhausted));
  EXPECT_EQ(result.error().message(), "evidence is " + std::to_string(jpeg.size()) +
                                          " bytes, the limit is " +
                                          std::to_string(jpeg.size() - 1));
  // The limit is checked before the type.
  EXPECT_TRUE(FailsWith(SanitizeEvidence(ToBytes("not an image"), 4), ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::issuer
