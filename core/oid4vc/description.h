// Internal to the OpenID4VCI message layer: error_description text must stay within
// %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §5.2, OpenID4VCI §8.3.1.2), and a value taken from the
// request (a parameter or proof type name) is echoed only shortened.
#pragma once

#include <string>
#include <string_view>

namespace vaardig::oid4vc::internal {

// `text` with every character outside the allowed set replaced by '?', cut to `max_chars`.
[[nodiscard]] inline std::string DescriptionSafe(std::string_view text, std::size_t max_chars = 200) {
  std::string out;
  for (char c : text.substr(0, max_chars)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u <= 0x7E && c != '"' && c != '\\' ? c : '?');
  }
  if (text.size() > max_chars) out += "...";
  return out;
}

}  // namespace vaardig::oid4vc::internal
