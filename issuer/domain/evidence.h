// Evidence uploads: checked by content and stripped of location and camera metadata before they
// are stored (issue 6 "Claims"; DESIGN.md §7 "evidence uploads only JPEG, PNG or PDF by content,
// size-capped").
//
// The type comes from the bytes (magic numbers), never from a file name or a declared media
// type. Each format is walked strictly and rebuilt from the parts that are kept:
//  - JPEG (ITU-T T.81 Annex B): SOI, marker segments with their lengths, one frame header, scans
//    whose entropy-coded data runs to the next marker, EOI. Dropped: APP1 (Exif with GPS and
//    camera data, XMP), APP13 (IPTC/Photoshop), APP12, COM, every other APPn except APP0 JFIF
//    (its embedded thumbnail is dropped), APP2 ICC_PROFILE and APP14 Adobe (12 bytes of colour
//    transform flags that CMYK/YCCK decoders need), and anything after EOI (cameras append
//    previews and motion-photo videos there).
//  - PNG (ISO/IEC 15948, W3C PNG 3rd edition §5): signature, chunks with verified CRC-32, IHDR
//    first, at least one IDAT, IEND last and nothing after it. Dropped: eXIf, tEXt, zTXt, iTXt,
//    tIME and every ancillary chunk not known to be about pixels or colour; an unknown critical
//    chunk is malformed.
//  - PDF (ISO 32000): a "%PDF-1.x" or "%PDF-2.0" header at offset 0 and "%%EOF" within the last
//    1024 bytes, followed only by whitespace. PDFs are stored exactly as given: their Info
//    dictionary and XMP metadata may name the author and the software used; docs/privacy.md must
//    say so.
// Errors: more than max_bytes → resource_exhausted; anything else → invalid_argument, either
// "evidence must be a JPEG, PNG or PDF file" or a message naming the fault and its byte offset.
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace vaardig::issuer {

struct SanitizedEvidence {
  std::string media_type;           // "image/jpeg", "image/png" or "application/pdf"
  std::vector<std::uint8_t> bytes;  // what to store
  std::string sha256_hex;           // lowercase hex SHA-256 of `bytes`
  std::vector<std::string> removed;  // what was dropped, each kind once: "EXIF (APP1)", "PNG tEXt"
};

[[nodiscard]] Result<SanitizedEvidence> SanitizeEvidence(std::span<const std::uint8_t> bytes,
                                                         std::size_t max_bytes);

}  // namespace vaardig::issuer
