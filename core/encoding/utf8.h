// Strict UTF-8 (RFC 3629 §4): no overlong forms, no surrogates, nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <string_view>

namespace vaardig {

// Length (1–4) of the well-formed UTF-8 sequence starting at s[i], or 0 when there is none.
[[nodiscard]] std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

[[nodiscard]] bool IsValidUtf8(std::string_view s);

}  // namespace vaardig
