// PNG walker for SanitizeEvidence (W3C PNG Specification, 3rd edition, §5 and §11).
#include <zlib.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "issuer/domain/internal/evidence_formats.h"

namespace vaardig::issuer::internal {
namespace {

constexpr std::array<std::uint8_t, 8> kSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
constexpr std::uint32_t kMaxChunkLength = 0x7FFFFFFF;  // §5.3: at most 2^31 - 1

// Metadata about the author, the camera, the place or the time: always dropped.
constexpr std::string_view kMetadataChunks[] = {"eXIf", "tEXt", "zTXt", "iTXt", "tIME"};
// Ancillary chunks about pixels, colour or animation (APNG): kept. Any other ancillary chunk
// (private or unknown, e.g. C2PA "caBX") is dropped, since nobody can say what it carries.
constexpr std::string_view kKeptAncillary[] = {"cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP",
                                               "mDCV", "cLLI", "bKGD", "hIST", "tRNS", "pHYs",
                                               "sPLT", "acTL", "fcTL", "fdAT"};

Error Malformed(const std::string& what, std::size_t offset) {
  return Error(ErrorCode::kInvalidArgument,
               "evidence PNG is malformed: " + what + " at offset " + std::to_string(offset));
}

std::uint32_t ReadU32(ByteView b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

bool IsLetter(std::uint8_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

template <std::size_t N>
bool OneOf(std::string_view type, const std::string_view (&list)[N]) {
  for (std::string_view known : list) {
    if (type == known) return true;
  }
  return false;
}

}  // namespace

Result<Bytes> SanitizePng(ByteView in, std::vector<std::string>& removed) {
  if (in.size() < kSignature.size() ||
      !std::equal(kSignature.begin(), kSignature.end(), in.begin())) {
    return Fail(Malformed("bad signature", 0));
  }
  Bytes out(kSignature.begin(), kSignature.end());
  std::size_t pos = kSignature.size();
  bool seen_idat = false;
  bool first = true;
  while (true) {
    const std::size_t chunk_offset = pos;
    if (in.size() - pos < 12) return Fail(Malformed("file ends before IEND", pos));
    const std::uint32_t length = ReadU32(in, pos);
    const ByteView type_bytes = in.subspan(pos + 4, 4);
    for (std::uint8_t c : type_bytes) {
      if (!IsLetter(c)) return Fail(Malformed("chunk type is not four letters", chunk_offset));
    }
    const std::string type(type_bytes.begin(), type_bytes.end());
    if (length > kMaxChunkLength || in.size() - pos - 12 < length) {
      return Fail(Malformed("chunk " + type + " is truncated", chunk_offset));
    }
    const ByteView typed_data = in.subspan(pos + 4, 4 + std::size_t{length});
    const std::uint32_t stored_crc = ReadU32(in, pos + 8 + length);
    const auto crc = static_cast<std::uint32_t>(
        crc32(0L, typed_data.data(), static_cast<uInt>(typed_data.size())));
    if (crc != stored_crc) return Fail(Malformed("CRC mismatch in chunk " + type, chunk_offset));
    pos += 12 + std::size_t{length};

    if (first != (type == "IHDR")) {
      return Fail(Malformed(first ? "first chunk is " + type + ", not IHDR" : "a second IHDR",
                            chunk_offset));
    }
    if (first && length != 13) return Fail(Malformed("IHDR must be 13 bytes", chunk_offset));
    first = false;
    seen_idat = seen_idat || type == "IDAT";

    const bool critical = type[0] >= 'A' && type[0] <= 'Z';
    bool keep = true;
    if (critical) {
      if (type != "IHDR" && type != "PLTE" && type != "IDAT" && type != "IEND") {
        return Fail(Malformed("unknown critical chunk " + type, chunk_offset));
      }
    } else if (OneOf(type, kMetadataChunks)) {
      keep = false;
    } else if (!OneOf(type, kKeptAncillary)) {
      keep = false;
    }
    if (keep) {
      out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(chunk_offset),
                 in.begin() + static_cast<std::ptrdiff_t>(pos));
    } else {
      NoteRemoved(removed, "PNG " + type);
    }

    if (type == "IEND") {
      if (length != 0) return Fail(Malformed("IEND must be empty", chunk_offset));
      if (!seen_idat) return Fail(Malformed("no IDAT before IEND", chunk_offset));
      if (pos != in.size()) return Fail(Malformed("data after IEND", pos));
      return out;
    }
  }
}

}  // namespace vaardig::issuer::internal
