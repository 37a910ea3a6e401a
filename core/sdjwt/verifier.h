// SD-JWT verification (RFC 9901 §7.1 issuer-signed JWT and disclosures, §7.3 Key Binding).
//
// Order of work: split the serialization; parse the issuer JWT's header and payload only to find
// the key (nothing from them is trusted yet); verify the signature over the received bytes; then
// match every disclosure to a digest, rebuild the claims, and check key binding.
// Error codes: malformed input → invalid_argument; limits → resource_exhausted; a signature,
// digest or sd_hash that does not match → unauthenticated; expired / not yet valid / stale KB-JWT
// → failed_precondition; aud or nonce mismatch → permission_denied; unsupported _sd_alg or alg →
// unimplemented. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/claim_path.h"
#include "core/sdjwt/disclosure.h"
#include "core/sdjwt/sd_jwt.h"

namespace vaardig::sdjwt {

struct KeyBindingPolicy {
  bool required = true;
  // Checked whenever a KB-JWT is present; must be set when `required`.
  std::string expected_aud{};
  std::string expected_nonce{};
  // The KB-JWT's iat must lie in [now - max_age - skew, now + skew].
  std::int64_t max_age_seconds = 300;
};

struct SdJwtVerifyPolicy {
  const Clock* clock = nullptr;  // required
  std::int64_t skew_seconds = 60;
  // Accepted `typ` values of the issuer JWT (any of them); empty: not checked.
  std::vector<std::string> accepted_typ{};
  bool require_exp = false;
  KeyBindingPolicy key_binding{.required = false};
  SdJwtLimits limits;
};

// Finds the issuer's key from the issuer JWT's header and (not yet verified) payload: by kid in a
// DID document, from JWT VC Issuer Metadata, from x5c, or a configured key.
using IssuerKeyLookup =
    std::function<Result<jose::PublicJwk>(const Json& header, const Json& unverified_payload)>;

struct DisclosedClaim {
  ClaimPath path;  // where the disclosed value sits in the processed claims
  Disclosure disclosure;
};

class VerifiedSdJwt {
 public:
  [[nodiscard]] const Json& header() const { return header_; }
  // The processed payload: disclosed claims in place, `_sd`, `_sd_alg` and digests removed.
  [[nodiscard]] const Json& claims() const { return claims_; }
  [[nodiscard]] const std::vector<DisclosedClaim>& disclosed() const { return disclosed_; }
  [[nodiscard]] const jose::PublicJwk& issuer_key() const { return issuer_key_; }
  // Present when the presentation carried a KB-JWT that verified.
  [[nodiscard]] const std::optional<Json>& key_binding_payload() const { return kb_payload_; }

 private:
  friend Result<VerifiedSdJwt> VerifySdJwt(std::string_view, const IssuerKeyLookup&,
                                           const SdJwtVerifyPolicy&);
  friend Result<VerifiedSdJwt> VerifySdJwtParts(const SdJwtParts&, const IssuerKeyLookup&,
                                                const SdJwtVerifyPolicy&);
  VerifiedSdJwt(Json header, Json claims, std::vector<DisclosedClaim> disclosed,
                jose::PublicJwk issuer_key)
      : header_(std::move(header)),
        claims_(std::move(claims)),
        disclosed_(std::move(disclosed)),
        issuer_key_(std::move(issuer_key)) {}
  Json header_{};
  Json claims_{};
  std::vector<DisclosedClaim> disclosed_{};
  jose::PublicJwk issuer_key_;
  std::optional<Json> kb_payload_{};
};

[[nodiscard]] Result<VerifiedSdJwt> VerifySdJwt(std::string_view serialized,
                                                const IssuerKeyLookup& lookup,
                                                const SdJwtVerifyPolicy& policy);
[[nodiscard]] Result<VerifiedSdJwt> VerifySdJwtParts(const SdJwtParts& parts,
                                                     const IssuerKeyLookup& lookup,
                                                     const SdJwtVerifyPolicy& policy);

// A lookup that always answers with `key`.
[[nodiscard]] IssuerKeyLookup FixedIssuerKey(jose::PublicJwk key);

}  // namespace vaardig::sdjwt
