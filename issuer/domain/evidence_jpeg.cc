// JPEG walker for SanitizeEvidence (ITU-T T.81 Annex B, JFIF 1.02, Exif 2.3 APP1, ICC.1 APP2).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "issuer/domain/internal/evidence_formats.h"

namespace vaardig::issuer::internal {
namespace {

constexpr std::uint8_t kSoi = 0xD8;
constexpr std::uint8_t kEoi = 0xD9;
constexpr std::uint8_t kSos = 0xDA;
constexpr std::uint8_t kApp0 = 0xE0;
constexpr std::uint8_t kApp1 = 0xE1;
constexpr std::uint8_t kApp2 = 0xE2;
constexpr std::uint8_t kApp12 = 0xEC;
constexpr std::uint8_t kApp13 = 0xED;
constexpr std::uint8_t kApp14 = 0xEE;
constexpr std::uint8_t kCom = 0xFE;

std::string Hex2(std::uint8_t b) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {kDigits[b >> 4], kDigits[b & 0xF]};
}

Error Malformed(std::string what, std::size_t offset) {
  return Error(ErrorCode::kInvalidArgument,
               "evidence JPEG is malformed: " + what + " at offset " + std::to_string(offset));
}

bool IsRst(std::uint8_t m) { return m >= 0xD0 && m <= 0xD7; }
bool IsApp(std::uint8_t m) { return m >= 0xE0 && m <= 0xEF; }
// SOF0..SOF15 without DHT (C4), JPG (C8) and DAC (CC).
bool IsSof(std::uint8_t m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }
// Markers followed by a length: SOFn, DHT, DAC, SOS, DQT, DNL, DRI, DHP, EXP, APPn, JPGn, COM.
bool HasLength(std::uint8_t m) { return (m >= 0xC0 && m <= 0xCF) || (m >= 0xDA && m <= 0xFE); }

bool PayloadStartsWith(ByteView payload, std::string_view prefix) {
  return payload.size() >= prefix.size() &&
         std::string_view(reinterpret_cast<const char*>(payload.data()), prefix.size()) == prefix;
}

// What a dropped segment was, for `removed`; nullopt when the segment is kept.
std::optional<std::string> DropReason(std::uint8_t marker, ByteView payload) {
  using namespace std::string_view_literals;
  if (marker == kApp0) {
    if (PayloadStartsWith(payload, "JFIF\0"sv)) return std::nullopt;
    if (PayloadStartsWith(payload, "JFXX\0"sv)) return "JFIF thumbnail (APP0 JFXX)";
    return "APP0";
  }
  if (marker == kApp1) {
    if (PayloadStartsWith(payload, "Exif\0"sv)) return "EXIF (APP1)";
    if (PayloadStartsWith(payload, "http://ns.adobe.com/"sv)) return "XMP (APP1)";
    return "APP1";
  }
  if (marker == kApp2) {
    if (PayloadStartsWith(payload, "ICC_PROFILE\0"sv)) return std::nullopt;
    return "APP2";
  }
  if (marker == kApp12) return "APP12";
  if (marker == kApp13) return "IPTC/Photoshop (APP13)";
  if (marker == kApp14) {
    // The Adobe segment: "Adobe", version, two flag words, colour transform. No personal data,
    // and CMYK/YCCK decoders need the transform byte.
    if (payload.size() == 12 && PayloadStartsWith(payload, "Adobe"sv)) return std::nullopt;
    return "APP14";
  }
  if (IsApp(marker)) return "APP" + std::to_string(marker - kApp0);
  if (marker == kCom) return "comment (COM)";
  return std::nullopt;
}

void AppendMarker(Bytes& out, std::uint8_t marker) {
  out.push_back(0xFF);
  out.push_back(marker);
}

class JpegWalker {
 public:
  JpegWalker(ByteView in, std::vector<std::string>& removed) : in_(in), removed_(removed) {}

  Result<Bytes> Run() {
    if (in_.size() < 2 || in_[0] != 0xFF || in_[1] != kSoi) return Fail(Malformed("no SOI", 0));
    AppendMarker(out_, kSoi);
    pos_ = 2;
    bool in_scan = false;
    while (true) {
      std::uint8_t marker;
      std::size_t marker_offset = 0;
      if (in_scan) {
        VAARDIG_ASSIGN_OR_RETURN(marker, CopyEntropyData(marker_offset));
      } else {
        VAARDIG_ASSIGN_OR_RETURN(marker, NextMarker(marker_offset));
      }
      if (marker == kEoi) {
        if (!in_scan) return Fail(Malformed("EOI before any scan", marker_offset));
        AppendMarker(out_, kEoi);
        if (pos_ < in_.size()) NoteRemoved(removed_, "data after EOI");
        return std::move(out_);
      }
      if (!HasLength(marker)) {
        return Fail(Malformed("unexpected marker 0xFF" + Hex2(marker), marker_offset));
      }
      VAARDIG_RETURN_IF_ERROR(Segment(marker, marker_offset));
      if (marker == kSos) in_scan = true;
    }
  }

 private:
  // Before the first scan: the next byte must start a marker (0xFF fill bytes allowed).
  Result<std::uint8_t> NextMarker(std::size_t& marker_offset) {
    marker_offset = pos_;
    if (pos_ >= in_.size()) return Fail(Malformed("file ends before EOI", pos_));
    if (in_[pos_] != 0xFF) {
      return Fail(Malformed("expected a marker, found 0x" + Hex2(in_[pos_]), pos_));
    }
    while (pos_ < in_.size() && in_[pos_] == 0xFF) ++pos_;
    if (pos_ >= in_.size()) return Fail(Malformed("file ends before EOI", marker_offset));
    const std::uint8_t marker = in_[pos_++];
    if (marker == kSoi || IsRst(marker)) {
      return Fail(Malformed("unexpected marker 0xFF" + Hex2(marker), marker_offset));
    }
    return marker;
  }

  // After SOS: copies entropy-coded data (with its 0xFF00 stuffing and RSTn markers) up to the next
  // other marker and returns that marker.
  Result<std::uint8_t> CopyEntropyData(std::size_t& marker_offset) {
    const std::size_t start = pos_;
    while (pos_ < in_.size()) {
      if (in_[pos_] != 0xFF) {
        ++pos_;
        continue;
      }
      std::size_t next = pos_ + 1;
      while (next < in_.size() && in_[next] == 0xFF) ++next;  // fill bytes
      if (next >= in_.size()) break;
      const std::uint8_t m = in_[next];
      if (m == 0x00 || IsRst(m)) {
        pos_ = next + 1;
        continue;
      }
      out_.insert(out_.end(), in_.begin() + static_cast<std::ptrdiff_t>(start),
                  in_.begin() + static_cast<std::ptrdiff_t>(pos_));
      marker_offset = pos_;
      pos_ = next + 1;
      if (m == kSoi) return Fail(Malformed("unexpected marker 0xFFD8", marker_offset));
      return m;
    }
    return Fail(Malformed("scan data runs to the end of the file without EOI", start));
  }

  // A marker segment: 2-byte big-endian length (counting itself) and its payload.
  Status Segment(std::uint8_t marker, std::size_t marker_offset) {
    if (in_.size() - pos_ < 2) {
      return Fail(Malformed("truncated length of segment 0xFF" + Hex2(marker), marker_offset));
    }
    const std::size_t length = (std::size_t{in_[pos_]} << 8) | in_[pos_ + 1];
    if (length < 2) {
      return Fail(Malformed("segment 0xFF" + Hex2(marker) + " has length " +
                                std::to_string(length),
                            marker_offset));
    }
    if (in_.size() - pos_ < length) {
      return Fail(Malformed("segment 0xFF" + Hex2(marker) + " is truncated", marker_offset));
    }
    const ByteView payload = in_.subspan(pos_ + 2, length - 2);
    const ByteView whole = in_.subspan(pos_, length);
    pos_ += length;

    if (IsSof(marker)) {
      if (seen_sof_) return Fail(Malformed("a second frame header", marker_offset));
      // P, Y(2), X(2), Nf, then 3 bytes per component (T.81 B.2.2).
      if (payload.size() < 6 || payload[5] == 0 || payload.size() != 6 + 3u * payload[5] ||
          (payload[3] == 0 && payload[4] == 0)) {
        return Fail(Malformed("bad frame header", marker_offset));
      }
      seen_sof_ = true;
    } else if (marker == kSos) {
      if (!seen_sof_) return Fail(Malformed("scan before the frame header", marker_offset));
      // Ns, 2 bytes per component, Ss, Se, Ah/Al (T.81 B.2.3).
      if (payload.empty() || payload[0] == 0 || payload[0] > 4 ||
          payload.size() != 4 + 2u * payload[0]) {
        return Fail(Malformed("bad scan header", marker_offset));
      }
    }

    if (auto reason = DropReason(marker, payload)) {
      NoteRemoved(removed_, *std::move(reason));
      return Ok();
    }
    if (marker == kApp0 && payload.size() >= 14 && (payload[12] != 0 || payload[13] != 0)) {
      // JFIF APP0 with an embedded thumbnail: keep the 14-byte header, thumbnail size 0x0.
      AppendMarker(out_, kApp0);
      out_.push_back(0);
      out_.push_back(16);
      out_.insert(out_.end(), payload.begin(), payload.begin() + 12);
      out_.push_back(0);
      out_.push_back(0);
      NoteRemoved(removed_, "JFIF thumbnail (APP0)");
      return Ok();
    }
    AppendMarker(out_, marker);
    out_.insert(out_.end(), whole.begin(), whole.end());
    return Ok();
  }

  ByteView in_;
  std::vector<std::string>& removed_;
  Bytes out_;
  std::size_t pos_ = 0;
  bool seen_sof_ = false;
};

}  // namespace

Result<Bytes> SanitizeJpeg(ByteView in, std::vector<std::string>& removed) {
  return JpegWalker(in, removed).Run();
}

}  // namespace vaardig::issuer::internal
