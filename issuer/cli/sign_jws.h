// `vaardig-issuer sign-jws`: signs bytes as a compact JWS (RFC 7515 §7.1) with a key file.
// The header carries "alg" (from the key), "kid" (when the key has one) and "typ" (when given).
#pragma once

#include <istream>
#include <optional>
#include <string>

#include "core/common/error.h"
#include "core/jose/jwk.h"

namespace vaardig::issuer::cli {

inline constexpr std::size_t kMaxPayloadBytes = 1 << 20;

[[nodiscard]] Result<std::string> SignJws(const jose::PrivateJwk& key, const std::string& payload,
                                          const std::optional<std::string>& typ);

// Reads the payload from `path`, or from `in` when path is "-"; at most kMaxPayloadBytes
// (resource_exhausted beyond). Taken byte for byte (a final newline is part of the payload).
[[nodiscard]] Result<std::string> ReadPayload(const std::string& path, std::istream& in);

}  // namespace vaardig::issuer::cli
