// Open Badges 3.0 §8.2 "JSON Web Token Proof Format" (VC-JWT,
// https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof).
//
//   header  {"alg": "RS256" (ES256 / EdDSA when the key is of that type), "kid": ..., "typ": "JWT"}
//           and optionally "jwk"; no other header parameter is allowed (§8.2.2).
//   payload the OpenBadgeCredential itself with the JWT claims added (§8.2.3):
//           iss = issuer.id, nbf = validFrom (NumericDate), jti = id, sub = credentialSubject.id,
//           exp = validUntil (when the credential has one).
//   legacy  VCDM 1.1-style tokens carry the credential in a "vc" claim instead; verification
//           accepts both (§8.2.5 note), signing produces either (ObJwtForm).
//
// Verification (§8.2.5): size; typ, when present, "JWT"; only alg/kid/jwk/typ in the header, and
// kid or jwk; the key from the header (a header "jwk" is used only if the KeyLookup chooses to);
// the signature; then the credential must be a VCDM 2.0 credential, iss / nbf / jti must be
// present, and each of iss / nbf / exp / jti / sub must be present exactly when the credential
// has the member it mirrors, with the same value (invalid_argument naming both); nbf / exp and
// validFrom / validUntil must contain now (failed_precondition); a DID kid must belong to the
// issuer (permission_denied). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/vcjose/verified.h"

namespace vaardig::vcjose {

enum class ObJwtForm {
  kCredentialPayload,  // OB 3.0 §8.2.3: the payload is the credential plus the JWT claims
  kVcClaim,            // VCDM 1.1 style: the credential in the "vc" claim
};

struct ObJwtOptions {
  // Header kid; default: the key's kid, if it has one. Without a kid the public key goes into
  // the header as "jwk" (§8.2.2 requires one of them).
  std::optional<std::string> kid{};
  // Also put the public key in the header as "jwk".
  bool embed_jwk = false;
  ObJwtForm form = ObJwtForm::kCredentialPayload;
};

// The JWT claims §8.2.3 derives from `credential` (which must pass CheckCredentialShape and have
// an id and a validFrom): iss, nbf, jti, and sub / exp when the credential has what they mirror.
[[nodiscard]] Result<Json> ObJwtClaims(const Json& credential);

[[nodiscard]] Result<std::string> SignObJwt(const Json& credential, const jose::PrivateJwk& key,
                                            const ObJwtOptions& options = {});

// document() is the credential: the "vc" claim, or the payload without the JWT claims
// iss / nbf / exp / jti / sub / iat. claims() is the whole payload.
[[nodiscard]] Result<VerifiedVcJose> VerifyObJwt(std::string_view jwt, const KeyLookup& lookup, const Clock& clock,
                                                 const VerifyOptions& options = {});

}  // namespace vaardig::vcjose
