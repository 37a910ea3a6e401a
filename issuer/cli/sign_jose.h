// `vaardig-issuer sign --format vc+jwt|vc+sd-jwt|ob-jwt`: a VCDM 2.0 credential secured with JOSE
// (W3C VC-JOSE-COSE §3.1 / §3.2) or as an Open Badges 3.0 VC-JWT (OB 3.0 §8.2), via core/vcjose.
//
// The issuer signs as a did:jwk unless the credential names another issuer: an absent issuer
// becomes the key's did:jwk and the header kid "<did:jwk>#0", so a verifier resolves the key from
// the kid alone. With another issuer (a did:web, an https URL) the kid is --kid, or the key's own
// kid; verifiers then find the key through the issuer's DID document or take it from --issuer-jwk.
// validFrom is set to now when absent (the OB VC-JWT derives nbf from it, and needs an id: one
// is made, urn:uuid:..., when absent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::issuer::cli {

struct JoseSignRequest {
  Json credential;
  std::string format;                 // "vc+jwt", "vc+sd-jwt", "ob-jwt"
  std::vector<std::string> sd;        // vc+sd-jwt: paths made selectively disclosable
  std::optional<std::string> kid{};
  std::int64_t now = 0;
};

// The compact token. invalid_argument for a credential that is not VCDM 2.0, a bad --sd path or an
// unknown format; the signing errors of core/vcjose as they come.
[[nodiscard]] Result<std::string> SignJoseCredential(const jose::PrivateJwk& key, const JoseSignRequest& request);

}  // namespace vaardig::issuer::cli
