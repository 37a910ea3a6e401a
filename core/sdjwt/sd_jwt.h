// The SD-JWT container (RFC 9901 §4, §8): an issuer-signed JWT, Disclosures, and an optional
// Key Binding JWT. This file only splits and joins; it verifies nothing (see verifier.h).
//
// Compact: <Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~[<KB-JWT>]
// JSON (§8): flattened or general JWS JSON serialization whose unprotected header carries
// "disclosures" and, for SD-JWT+KB, "kb_jwt". General serialization may carry several issuer
// signatures over the same payload.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::sdjwt {

struct SdJwtLimits {
  std::size_t max_bytes = 1 << 20;        // the whole serialization
  std::size_t max_disclosures = 1000;
  JsonLimits json{};                         // for the payload and each disclosure
};

// One issuer signature (compact JWS form "<protected>.<payload>.<signature>").
struct SdJwtParts {
  std::vector<std::string> issuer_jwts{};  // one for compact and flattened; ≥1 for general
  std::vector<std::string> disclosures{};  // encoded, in received order
  std::optional<std::string> kb_jwt{};
  bool json_serialization = false;

  // The first issuer-signed JWT (the one used for sd_hash).
  [[nodiscard]] const std::string& issuer_jwt() const { return issuer_jwts.front(); }

  // "<JWT>~<D1>~...~<Dn>~": the input of sd_hash (§4.3.1). For the JSON serialization the same
  // string is built from the first signature (§8.1).
  [[nodiscard]] std::string SdHashInput() const;
  // Compact serialization, with the KB-JWT when present.
  [[nodiscard]] std::string SerializeCompact() const;
};

// Detects the serialization ('{' → JSON) and parses it.
[[nodiscard]] Result<SdJwtParts> ParseSdJwt(std::string_view text, const SdJwtLimits& limits = {});
[[nodiscard]] Result<SdJwtParts> ParseCompactSdJwt(std::string_view text,
                                                   const SdJwtLimits& limits = {});
[[nodiscard]] Result<SdJwtParts> ParseJsonSdJwt(std::string_view text,
                                                const SdJwtLimits& limits = {});

// The JWS JSON serialization of `parts` (flattened when one signature, general otherwise).
[[nodiscard]] Result<std::string> SerializeJson(const SdJwtParts& parts);

}  // namespace vaardig::sdjwt
