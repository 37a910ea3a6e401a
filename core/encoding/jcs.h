// RFC 8785 JSON Canonicalization Scheme.
//
// Object members sorted by their names' UTF-16 code units; strings escaped as ECMAScript
// JSON.stringify does; numbers in ECMAScript Number.prototype.toString form (shortest round-trip
// double; integers beyond 2^53 are first converted to double, as an ECMAScript parser would).
// Non-finite numbers cannot occur in parsed JSON; if present: invalid_argument. Likewise for
// strings or member names that are not valid UTF-8 and for binary values (only possible in values
// built in code). Nesting deeper than 1000: resource_exhausted.
#pragma once

#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::encoding {

[[nodiscard]] Result<std::string> Canonicalize(const Json& value);
// Formats one double the ECMAScript way ("1e+21", "0.000001", "1e-7", "-0" → "0").
[[nodiscard]] Result<std::string> FormatEcmaScriptNumber(double value);

}  // namespace vaardig::encoding
