// Claim paths: where a claim sits in a JSON document, as object member names and array indexes.
//
// Text form (used by the CLIs): members separated by '.', indexes in brackets, e.g. `skill`,
// `evidence[0]`, `holder.given_name`, `a[1].b`. A name containing '.', '[' or ']' can be written
// in brackets as a JSON string: `["odd.name"]`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::sdjwt {

using PathElement = std::variant<std::string, std::size_t>;
using ClaimPath = std::vector<PathElement>;

[[nodiscard]] Result<ClaimPath> ParseClaimPath(std::string_view text);
[[nodiscard]] std::string FormatClaimPath(const ClaimPath& path);

// From a JSON array such as ["address", "street"] or ["nationalities", 1].
[[nodiscard]] Result<ClaimPath> ClaimPathFromJson(const Json& array);

}  // namespace vaardig::sdjwt
