#include "core/encoding/jcs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vaardig::encoding {
namespace {

// Guards the recursion for values built in code; ParseJson already caps depth far lower.
constexpr std::size_t kMaxDepth = 1000;
constexpr double kTwoPow53 = 9007199254740992.0;

// Length of the well-formed UTF-8 sequence at s[i] (Unicode 15, Table 3-7), 0 when ill-formed:
// no overlongs, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const auto continuation = [](unsigned c) { return (c & 0xc0) == 0x80; };
  const unsigned c0 = at(0);
  if (c0 < 0x80) return 1;
  if (c0 < 0xc2) return 0;
  if (c0 < 0xe0) return continuation(at(1)) ? 2 : 0;
  const unsigned c1 = at(1);
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

// Decodes the (valid) sequence at s[i].
std::uint32_t DecodeCodePoint(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) -> std::uint32_t {
    return static_cast<unsigned char>(s[i + k]);
  };
  const std::uint32_t c0 = byte(0);
  if (c0 < 0x80) return c0;
  if (c0 < 0xe0) return ((c0 & 0x1f) << 6) | (byte(1) & 0x3f);
  if (c0 < 0xf0) return ((c0 & 0x0f) << 12) | ((byte(1) & 0x3f) << 6) | (byte(2) & 0x3f);
  return ((c0 & 0x07) << 18) | ((byte(1) & 0x3f) << 12) | ((byte(2) & 0x3f) << 6) |
         (byte(3) & 0x3f);
}

// Orders code points as their UTF-16 encodings sort: the first code unit decides, and a
// supplementary character's first unit is a high surrogate (0xD800..0xDBFF), so it sorts
// before U+E000..U+FFFF although its code point is larger.
std::uint64_t Utf16SortKey(std::uint32_t cp) {
  const std::uint32_t first_unit = cp < 0x10000 ? cp : 0xd800 + ((cp - 0x10000) >> 10);
  return (std::uint64_t{first_unit} << 32) | cp;
}

// RFC 8785 §3.2.3 without converting to UTF-16: UTF-8 byte order is code point order, and the
// two orders differ only where the first differing character decides.
bool Utf16Less(std::string_view a, std::string_view b) {
  const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (ia == a.end() || ib == b.end()) return a.size() < b.size();
  const auto ca = static_cast<unsigned char>(*ia);
  const auto cb = static_cast<unsigned char>(*ib);
  if (ca < 0x80 && cb < 0x80) return ca < cb;
  // Back up to the start of the character that holds the first difference (same in both).
  std::size_t start = static_cast<std::size_t>(ia - a.begin());
  while (start > 0 && (static_cast<unsigned char>(a[start]) & 0xc0) == 0x80) --start;
  return Utf16SortKey(DecodeCodePoint(a, start)) < Utf16SortKey(DecodeCodePoint(b, start));
}

// ECMAScript QuoteJSONString (ES2019+): the short escapes, \u00xx (lower case) for other
// control characters, everything else (including DEL and U+2028/U+2029) as is.
Status AppendString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t length = Utf8SequenceLength(s, i);
      if (length == 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    "JCS: string is not valid UTF-8 (byte " + std::to_string(i) + ")");
      }
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s, run_start, i - run_start);
    out.push_back('\\');
    switch (c) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '\b': out.push_back('b'); break;
      case '\f': out.push_back('f'); break;
      case '\n': out.push_back('n'); break;
      case '\r': out.push_back('r'); break;
      case '\t': out.push_back('t'); break;
      default:
        out += "u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    run_start = ++i;
  }
  out.append(s, run_start);
  out.push_back('"');
  return Ok();
}

template <typename Int>
void AppendInteger(Int value, std::string& out) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

// ECMAScript Number::toString(x) (ES2023 §6.1.6.1.20) for finite x. std::to_chars gives the
// shortest round-trip digits (the closest when several are shortest), as V8 does.
Status AppendNumber(double value, std::string& out) {
  if (!std::isfinite(value)) {
    return Fail(ErrorCode::kInvalidArgument, "JCS: NaN and Infinity are not JSON numbers");
  }
  if (value == 0) {  // also -0
    out.push_back('0');
    return Ok();
  }
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Integers up to 2^53 are exact and already shortest.
  if (value <= kTwoPow53 && value == std::trunc(value)) {
    AppendInteger(static_cast<std::int64_t>(value), out);
    return Ok();
  }
  char buf[32];  // "d.dddddddddddddddde-308"
  const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  // Split "d[.ddd]e±x" into the digits s (k of them) and n, with value = 0.s * 10^n.
  char digits[20];
  int k = 0;
  const char* p = buf;
  digits[k++] = *p++;
  if (*p == '.') {
    for (++p; *p != 'e'; ++p) digits[k++] = *p;
  }
  ++p;  // 'e'
  const bool negative_exponent = *p++ == '-';
  int exponent = 0;
  std::from_chars(p, result.ptr, exponent);
  const int n = (negative_exponent ? -exponent : exponent) + 1;

  if (k <= n && n <= 21) {  // integer: digits then zeros
    out.append(digits, static_cast<std::size_t>(k));
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {  // point inside the digits
    out.append(digits, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(digits + n, static_cast<std::size_t>(k - n));
  } else if (-6 < n && n <= 0) {  // 0.000ddd
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out.append(digits, static_cast<std::size_t>(k));
  } else {  // d[.ddd]e±x
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits + 1, static_cast<std::size_t>(k - 1));
    }
    out.push_back('e');
    out.push_back(n - 1 < 0 ? '-' : '+');
    AppendInteger(n - 1 < 0 ? 1 - n : n - 1, out);
  }
  return Ok();
}

Status AppendValue(const Json& value, std::size_t depth, std::string& out);

Status AppendObject(const Json::object_t& members, std::size_t depth, std::string& out) {
  std::vector<const Json::object_t::value_type*> sorted;
  sorted.reserve(members.size());
  for (const auto& member : members) {
    // Validated before sorting: Utf16Less assumes well-formed UTF-8.
    if (!IsValidUtf8(member.first)) {
      return Fail(ErrorCode::kInvalidArgument, "JCS: member name is not valid UTF-8");
    }
    sorted.push_back(&member);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return Utf16Less(a->first, b->first); });
  out.push_back('{');
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) out.push_back(',');
    VAARDIG_RETURN_IF_ERROR(AppendString(sorted[i]->first, out));
    out.push_back(':');
    VAARDIG_RETURN_IF_ERROR(AppendValue(sorted[i]->second, depth + 1, out));
  }
  out.push_back('}');
  return Ok();
}

Status AppendValue(const Json& value, std::size_t depth, std::string& out) {
  if (depth > kMaxDepth) {
    return Fail(ErrorCode::kResourceExhausted,
                "JCS: nesting deeper than " + std::to_string(kMaxDepth));
  }
  switch (value.type()) {
    case Json::value_t::null: out += "null"; return Ok();
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return Ok();
    case Json::value_t::number_integer: {
      const auto v = value.get<std::int64_t>();
      // Beyond ±2^53 an ECMAScript parser would round to a double; do the same.
      if (v >= -static_cast<std::int64_t>(kTwoPow53) && v <= static_cast<std::int64_t>(kTwoPow53)) {
        AppendInteger(v, out);
        return Ok();
      }
      return AppendNumber(static_cast<double>(v), out);
    }
    case Json::value_t::number_unsigned: {
      const auto v = value.get<std::uint64_t>();
      if (v <= static_cast<std::uint64_t>(kTwoPow53)) {
        AppendInteger(v, out);
        return Ok();
      }
      return AppendNumber(static_cast<double>(v), out);
    }
    case Json::value_t::number_float: return AppendNumber(value.get<double>(), out);
    case Json::value_t::string: return AppendString(value.get_ref<const std::string&>(), out);
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const Json& element : value.get_ref<const Json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        VAARDIG_RETURN_IF_ERROR(AppendValue(element, depth + 1, out));
      }
      out.push_back(']');
      return Ok();
    }
    case Json::value_t::object:
      return AppendObject(value.get_ref<const Json::object_t&>(), depth, out);
    case Json::value_t::binary:
    case Json::value_t::discarded: break;
  }
  return Fail(ErrorCode::kInvalidArgument,
              std::string("JCS: a ") + value.type_name() + " value has no JSON form");
}

}  // namespace

Result<std::string> Canonicalize(const Json& value) {
  std::string out;
  out.reserve(256);
  VAARDIG_RETURN_IF_ERROR(AppendValue(value, 0, out));
  return out;
}

Result<std::string> FormatEcmaScriptNumber(double value) {
  std::string out;
  VAARDIG_RETURN_IF_ERROR(AppendNumber(value, out));
  return out;
}

}  // namespace vaardig::encoding
