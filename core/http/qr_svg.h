// QR codes as inline SVG for server-rendered pages (ISO/IEC 18004 via libqrencode).
//
// The SVG is made for a strict Content-Security-Policy: no script, no style element, no style
// attributes — colours are fill attributes. It has a 4-module quiet zone (ISO/IEC 18004 §6.3.8),
// error correction level M, and every dark module in one compact <path> (one subpath per
// horizontal run). The viewBox is in modules, so the code scales to whatever size CSS gives it
// (or `size_px`), crisp at any size. It is an image with an accessible name: role="img",
// aria-label and a <title>, both from options.title (HTML-escaped).
//
// Deterministic: the same text and options always give the same bytes. Thread-safe (libqrencode
// is built thread-safe on Debian); no exception escapes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/error.h"

namespace vaardig::http {

// Byte-mode data of up to this many bytes (a version-40-M code holds 2,331).
inline constexpr std::size_t kMaxQrTextBytes = 2000;

struct QrOptions {
  // The accessible name (aria-label and <title>); required, at most 200 bytes.
  std::string title{};
  // width and height attributes in CSS pixels; 0 leaves them out (CSS decides the size).
  int size_px = 0;
  // A class attribute for the <svg> (letters, digits, '-' and '_' only); empty for none.
  std::string css_class{};
};

// invalid_argument for empty text, text over kMaxQrTextBytes, an empty or over-long title, a
// size_px outside 0..4096 or a css_class with other characters; internal when libqrencode fails.
[[nodiscard]] Result<std::string> QrCodeSvg(std::string_view text, const QrOptions& options);

}  // namespace vaardig::http
