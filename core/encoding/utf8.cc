#include "core/encoding/utf8.h"

namespace vaardig {

std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const auto at = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const auto continuation = [](unsigned c) { return c >= 0x80 && c <= 0xbf; };
  const unsigned c0 = at(0);
  if (c0 < 0x80) return 1;
  if (c0 < 0xc2) return 0;
  const unsigned c1 = at(1);
  if (c0 < 0xe0) return continuation(c1) ? 2 : 0;
  if (c0 < 0xf0) {
    const unsigned lo = c0 == 0xe0 ? 0xa0 : 0x80;
    const unsigned hi = c0 == 0xed ? 0x9f : 0xbf;
    return c1 >= lo && c1 <= hi && continuation(at(2)) ? 3 : 0;
  }
  if (c0 > 0xf4) return 0;
  const unsigned lo = c0 == 0xf0 ? 0x90 : 0x80;
  const unsigned hi = c0 == 0xf4 ? 0x8f : 0xbf;
  return c1 >= lo && c1 <= hi && continuation(at(2)) && continuation(at(3)) ? 4 : 0;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = Utf8SequenceLength(s, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace vaardig
