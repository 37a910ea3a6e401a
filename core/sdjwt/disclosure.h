// SD-JWT Disclosures (RFC 9901 §4.2) and their digests (§4.2.3).
//
// A Disclosure is base64url(UTF-8 JSON array): [salt, name, value] for an object property or
// [salt, value] for an array element. Its digest is base64url(SHA-256(ASCII of the encoded form)):
// always computed over the bytes as received, never over a re-serialization.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::sdjwt {

inline constexpr std::string_view kSdKey = "_sd";
inline constexpr std::string_view kArrayDigestKey = "...";
inline constexpr std::string_view kSdAlgKey = "_sd_alg";
inline constexpr std::string_view kSdAlgSha256 = "sha-256";
// 128 bits of salt (RFC 9901 §9.3 recommends at least 128).
inline constexpr std::size_t kSaltBytes = 16;

struct Disclosure {
  std::string encoded{};              // as received or produced; the digest is over these bytes
  std::string salt{};
  std::optional<std::string> name{};  // absent for an array element
  Json value{};
  std::string digest{};               // base64url(SHA-256(encoded))

  [[nodiscard]] bool is_array_element() const { return !name.has_value(); }
};

// base64url(SHA-256(ascii)).
[[nodiscard]] std::string DigestSha256(std::string_view ascii);

// Creates a Disclosure with a fresh random salt. `name` must not be "_sd" or "..."
// (invalid_argument).
[[nodiscard]] Result<Disclosure> MakeDisclosure(std::optional<std::string> name, Json value);
// Same with a given salt (tests and vectors only).
[[nodiscard]] Result<Disclosure> MakeDisclosureWithSalt(std::string salt,
                                                        std::optional<std::string> name,
                                                        Json value);

// Parses and validates an encoded Disclosure: strict base64url, strict JSON, an array of 2 or 3
// elements, a string salt, a string name that is neither "_sd" nor "...".
[[nodiscard]] Result<Disclosure> ParseDisclosure(std::string_view encoded,
                                                 const JsonLimits& limits = {});

}  // namespace vaardig::sdjwt
