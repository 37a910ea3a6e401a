#include "core/http/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace vaardig::http {

namespace {

constexpr int kQuietZone = 4;
constexpr std::size_t kMaxTitleBytes = 200;
constexpr int kMaxSizePx = 4096;

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

bool IsClassName(std::string_view name) {
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<std::string> QrCodeSvg(std::string_view text, const QrOptions& options) {
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "QR code text is empty");
  if (text.size() > kMaxQrTextBytes) {
    return Fail(ErrorCode::kInvalidArgument, "QR code text is " + std::to_string(text.size()) +
                                                 " bytes; at most " + std::to_string(kMaxQrTextBytes) + " fit");
  }
  if (options.title.empty()) return Fail(ErrorCode::kInvalidArgument, "QR code title is empty: it names the image");
  if (options.title.size() > kMaxTitleBytes) {
    return Fail(ErrorCode::kInvalidArgument, "QR code title is longer than " + std::to_string(kMaxTitleBytes) + " bytes");
  }
  if (options.size_px < 0 || options.size_px > kMaxSizePx) {
    return Fail(ErrorCode::kInvalidArgument, "QR code size_px must be 0..." + std::to_string(kMaxSizePx));
  }
  if (!IsClassName(options.css_class)) {
    return Fail(ErrorCode::kInvalidArgument, "QR code css_class may hold only letters, digits, '-' and '_'");
  }

  // Byte mode for the exact bytes given; version 0 lets libqrencode pick the smallest that fits.
  errno = 0;
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeData(static_cast<int>(text.size()),
                                                            reinterpret_cast<const unsigned char*>(text.data()), 0,
                                                            QR_ECLEVEL_M));
  if (!code) {
    if (errno == ERANGE) return Fail(ErrorCode::kInvalidArgument, "QR code text is too long for a QR code");
    return Fail(ErrorCode::kInternal, "QRcode_encodeData failed (errno " + std::to_string(errno) + ")");
  }
  const int width = code->width;
  const int total = width + 2 * kQuietZone;

  // One subpath per horizontal run of dark modules: "M<x> <y>h<n>v1h-<n>z". The low bit of each
  // libqrencode module byte is "dark"; the other bits say what kind of module it is.
  std::string path;
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x < width;) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (row[x + run] & 1) != 0) ++run;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }

  const std::string title = EscapeXml(options.title);
  const std::string n = std::to_string(total);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\"";
  if (options.size_px > 0) {
    const std::string px = std::to_string(options.size_px);
    svg += " width=\"" + px + "\" height=\"" + px + "\"";
  }
  if (!options.css_class.empty()) svg += " class=\"" + options.css_class + "\"";
  svg += " role=\"img\" aria-label=\"" + title + "\" shape-rendering=\"crispEdges\">";
  svg += "<title>" + title + "</title>";
  svg += "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#ffffff\"/>";
  svg += "<path fill=\"#000000\" d=\"" + path + "\"/>";
  svg += "</svg>";
  return svg;
}

}  // namespace vaardig::http
