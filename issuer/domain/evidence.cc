#include "issuer/domain/evidence.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "issuer/domain/internal/evidence_formats.h"

namespace vaardig::issuer {
namespace internal {

void NoteRemoved(std::vector<std::string>& removed, std::string what) {
  if (std::find(removed.begin(), removed.end(), what) == removed.end()) {
    removed.push_back(std::move(what));
  }
}

Status CheckPdf(ByteView in) {
  const std::string_view text(reinterpret_cast<const char*>(in.data()), in.size());
  // "%PDF-1.0" ... "%PDF-1.7" (ISO 32000-1 §7.5.2) or "%PDF-2.0" (ISO 32000-2).
  const bool header_ok = text.size() >= 8 && ((text.starts_with("%PDF-1.") && text[7] >= '0' &&
                                               text[7] <= '7') ||
                                              text.starts_with("%PDF-2.0"));
  if (!header_ok) {
    return Fail(ErrorCode::kInvalidArgument,
                "evidence PDF is malformed: header must be %PDF-1.0 to %PDF-1.7 or %PDF-2.0");
  }
  // §7.5.5: the last line of the file is %%EOF; allow trailing whitespace, look at most 1024 bytes
  // back as readers do.
  constexpr std::size_t kTail = 1024;
  const std::size_t tail_start = text.size() > kTail ? text.size() - kTail : 0;
  const std::size_t eof = text.rfind("%%EOF");
  if (eof == std::string_view::npos || eof < tail_start) {
    return Fail(ErrorCode::kInvalidArgument,
                "evidence PDF is malformed: no %%EOF in its last 1024 bytes");
  }
  for (char c : text.substr(eof + 5)) {
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != '\0') {
      return Fail(ErrorCode::kInvalidArgument,
                  "evidence PDF is malformed: data after the last %%EOF");
    }
  }
  return Ok();
}

}  // namespace internal

namespace {

constexpr std::array<std::uint8_t, 3> kJpegMagic = {0xFF, 0xD8, 0xFF};
constexpr std::array<std::uint8_t, 8> kPngMagic = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
constexpr std::string_view kPdfMagic = "%PDF-";

template <std::size_t N>
bool StartsWith(ByteView bytes, const std::array<std::uint8_t, N>& magic) {
  return bytes.size() >= N && std::equal(magic.begin(), magic.end(), bytes.begin());
}

}  // namespace

Result<SanitizedEvidence> SanitizeEvidence(std::span<const std::uint8_t> bytes,
                                           std::size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "evidence is " + std::to_string(bytes.size()) + " bytes, the limit is " +
                    std::to_string(max_bytes));
  }
  SanitizedEvidence result;
  if (StartsWith(bytes, kJpegMagic)) {
    result.media_type = "image/jpeg";
    VAARDIG_ASSIGN_OR_RETURN(result.bytes, internal::SanitizeJpeg(bytes, result.removed));
  } else if (StartsWith(bytes, kPngMagic)) {
    result.media_type = "image/png";
    VAARDIG_ASSIGN_OR_RETURN(result.bytes, internal::SanitizePng(bytes, result.removed));
  } else if (bytes.size() >= kPdfMagic.size() &&
             std::equal(kPdfMagic.begin(), kPdfMagic.end(), bytes.begin())) {
    result.media_type = "application/pdf";
    VAARDIG_RETURN_IF_ERROR(internal::CheckPdf(bytes));
    result.bytes.assign(bytes.begin(), bytes.end());
  } else {
    return Fail(ErrorCode::kInvalidArgument, "evidence must be a JPEG, PNG or PDF file");
  }
  result.sha256_hex = encoding::HexEncode(crypto::Sha256(result.bytes));
  return result;
}

}  // namespace vaardig::issuer
