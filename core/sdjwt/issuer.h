// SD-JWT issuance (RFC 9901 §4, §5.1): selectively disclosable object properties and array
// elements, nested and recursive disclosures, decoy digests, `_sd_alg` sha-256.
//
// Thread-safe (no shared state); randomness from the CSPRNG.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/claim_path.h"
#include "core/sdjwt/disclosure.h"
#include "core/sdjwt/sd_jwt.h"

namespace vaardig::sdjwt {

struct IssueOptions {
  // Claims to make selectively disclosable. A path inside another disclosable path gives a
  // recursive disclosure. Every path must exist in the claims.
  std::vector<ClaimPath> sd_paths{};
  // Each `_sd` array gets a random number of decoy digests in [0, max_decoys] (§4.2.5).
  std::size_t max_decoys = 0;
  // Protected header members after "alg", e.g. {"typ": "dc+sd-jwt", "kid": "..."}.
  Json header = Json::object();
};

struct IssuedSdJwt {
  SdJwtParts parts;                      // issuer JWT and every disclosure
  std::vector<Disclosure> disclosures{};   // the same disclosures, decoded
  [[nodiscard]] std::string Compact() const { return parts.SerializeCompact(); }
};

// invalid_argument: claims not an object, a path that does not exist, duplicate paths, claims
// that already use "_sd", "_sd_alg" or "..." as member names.
[[nodiscard]] Result<IssuedSdJwt> IssueSdJwt(const Json& claims, const jose::PrivateJwk& key,
                                             const IssueOptions& options);

}  // namespace vaardig::sdjwt
