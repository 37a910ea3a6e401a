// XML Schema 1.1 dateTimeStamp values (https://www.w3.org/TR/xmlschema11-2/#dateTimeStamp), the
// form Data Integrity 1.0 requires for a proof's `created` and `expires`
// (https://www.w3.org/TR/vc-data-integrity/#proofs): "YYYY-MM-DDThh:mm:ss[.fff...](Z|±hh:mm)".
//
// Strict: a four-digit year 0001-9999, a real calendar date, hh 00-23 (24:00:00 with zero fraction
// is the end of the day, as XML Schema allows), mm and ss 00-59, a time zone required (±14:00 at
// most). Anything else: invalid_argument naming the value. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/error.h"

namespace vaardig::dataintegrity {

// Seconds since the Unix epoch; a fraction of a second is dropped (truncated).
[[nodiscard]] Result<std::int64_t> ParseDateTimeStamp(std::string_view text);

// "2023-02-24T23:36:38Z". `unix_seconds` must lie in years 0001-9999: invalid_argument otherwise.
[[nodiscard]] Result<std::string> FormatDateTimeStamp(std::int64_t unix_seconds);

}  // namespace vaardig::dataintegrity
