// Private helpers shared by the catalogue's importers: trimming, text checks and quoting input
// in error messages. Not part of the library's interface.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"

namespace vaardig::issuer::catalogue_internal {

// Strips ASCII spaces, tabs, CR and LF at both ends.
[[nodiscard]] std::string_view Trim(std::string_view s);

[[nodiscard]] bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b);

// Input for an error message: control characters as \xNN, cut to 60 bytes (on a UTF-8 character
// boundary) with "..." after. Input is valid UTF-8 here: the CSV and JSON readers checked it.
[[nodiscard]] std::string Quote(std::string_view s);

// One line of text (name, area, label): no control characters, at most max_bytes.
[[nodiscard]] Status CheckLine(std::string_view text, std::size_t max_bytes);
// Free text (description): line breaks and tabs allowed, other control characters not.
[[nodiscard]] Status CheckParagraph(std::string_view text, std::size_t max_bytes);

// Splits on `separator`, trims each part, drops empty parts and exact duplicates, keeps order,
// and checks each label and the count against the catalogue limits.
[[nodiscard]] Result<std::vector<std::string>> SplitLabels(std::string_view text, char separator);

}  // namespace vaardig::issuer::catalogue_internal
