// Byte containers used across the kernel.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vaardig {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Views the characters of a string as bytes (no copy).
[[nodiscard]] inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
[[nodiscard]] inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }
[[nodiscard]] inline std::string ToString(ByteView b) { return std::string(b.begin(), b.end()); }

}  // namespace vaardig
