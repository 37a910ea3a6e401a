#include "issuer/catalogue/text.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "issuer/catalogue/catalogue.h"

namespace vaardig::issuer::catalogue_internal {
namespace {

constexpr std::size_t kQuoteBytes = 60;

Status CheckText(std::string_view text, std::size_t max_bytes, bool allow_line_breaks) {
  if (text.size() > max_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "is " + std::to_string(text.size()) +
                                                   " bytes, more than the limit of " +
                                                   std::to_string(max_bytes));
  }
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool line_break = c == '\n' || c == '\r' || c == '\t';
    if ((c < 0x20 || c == 0x7f) && !(allow_line_breaks && line_break)) {
      return Fail(ErrorCode::kInvalidArgument, allow_line_breaks
                                                   ? "contains a control character"
                                                   : "must be one line without control characters");
    }
  }
  return Ok();
}

}  // namespace

std::string_view Trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

std::string Quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t cut = std::min(s.size(), kQuoteBytes);
  // Back up to a character boundary (continuation bytes are 10xxxxxx).
  while (cut < s.size() && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;
  std::string out = "'";
  for (const char ch : s.substr(0, cut)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  if (cut < s.size()) out += "...";
  out += "'";
  return out;
}

Status CheckLine(std::string_view text, std::size_t max_bytes) {
  return CheckText(text, max_bytes, /*allow_line_breaks=*/false);
}

Status CheckParagraph(std::string_view text, std::size_t max_bytes) {
  return CheckText(text, max_bytes, /*allow_line_breaks=*/true);
}

Result<std::vector<std::string>> SplitLabels(std::string_view text, char separator) {
  std::vector<std::string> labels;
  while (true) {
    const std::size_t end = text.find(separator);
    const std::string_view part = Trim(text.substr(0, end));
    if (!part.empty() && std::find(labels.begin(), labels.end(), part) == labels.end()) {
      if (labels.size() == kMaxAltLabels) {
        return Fail(ErrorCode::kResourceExhausted,
                    "has more than " + std::to_string(kMaxAltLabels) + " alternative labels");
      }
      if (auto ok = CheckLine(part, kMaxAltLabelBytes); !ok) {
        return Fail(ok.error().code(), "label " + Quote(part) + " " + ok.error().message());
      }
      labels.emplace_back(part);
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return labels;
}

}  // namespace vaardig::issuer::catalogue_internal
