// The one strict JSON entry point. Everything untrusted that is JSON goes through ParseJson.
//
// Guarantees (RFC 8259 + I-JSON RFC 7493 where it matters for security):
//  - input larger than limits.max_bytes: resource_exhausted;
//  - nesting deeper than limits.max_depth: resource_exhausted;
//  - duplicate object member names (after unescaping): invalid_argument;
//  - invalid UTF-8, lone surrogates in \u escapes, trailing data, comments, NaN/Infinity,
//    numbers that overflow a double, a leading byte order mark, a raw NUL byte: invalid_argument;
//  - strings or member names longer than limits.max_string_bytes, objects or arrays with more
//    than limits.max_members entries: resource_exhausted;
//  - no exception escapes.
// Objects keep member order as received (Json = nlohmann::ordered_json).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/common/error.h"

namespace vaardig {

using Json = nlohmann::ordered_json;

struct JsonLimits {
  std::size_t max_bytes = 1 << 20;  // 1 MiB
  std::size_t max_depth = 64;
  std::size_t max_string_bytes = 1 << 20;
  std::size_t max_members = 1 << 16;  // per object or array
};

[[nodiscard]] Result<Json> ParseJson(std::string_view text, const JsonLimits& limits = {});

// Compact serialization (no whitespace, UTF-8 output, not canonical: use JCS for canonical).
// Invalid UTF-8, possible only in values built in code, comes out as U+FFFD.
[[nodiscard]] std::string DumpJson(const Json& value);

// Typed member access with clear errors ("missing member 'kty'", "member 'x' must be a string").
[[nodiscard]] Result<std::string> GetString(const Json& object, std::string_view name);
[[nodiscard]] Result<std::int64_t> GetInt(const Json& object, std::string_view name);

}  // namespace vaardig
