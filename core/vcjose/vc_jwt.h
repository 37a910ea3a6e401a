// W3C VC-JOSE-COSE §3.1 (https://www.w3.org/TR/vc-jose-cose/#securing-with-jose): a VCDM 2.0
// credential or presentation secured as a compact JWS whose payload IS the document.
//
//   header  {"alg": <the key's>, "kid": ..., "typ": "vc+jwt" | "vp+jwt", "cty": "vc" | "vp"}
//   payload the credential / presentation JSON, unchanged (no "vc" / "vp" claim)
//
// Verification order: size; typ (required, media type vc+jwt / vp+jwt) and cty (when present);
// the key from the header (KeyLookup); the signature over the bytes received (the key decides the
// algorithm, "none" never); only then the payload is decoded and parsed; it must be a VCDM 2.0
// credential / presentation (document.h); "iss" in the header or the claims must equal issuer
// (holder for a presentation); a DID kid must belong to the signer; numeric exp / nbf and
// validFrom / validUntil must contain now. Presentations: every EnvelopedVerifiableCredential is
// checked (and verified when VerifyOptions::credential_key_lookup is set).
//
// Error codes: malformed input and shape → invalid_argument; size → resource_exhausted; signature
// → unauthenticated; validity period → failed_precondition; DID kid of another party →
// permission_denied; algorithms outside ES256/EdDSA/RS256 → unimplemented. Thread-safe.
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

struct JoseOptions {
  // Header kid; default: the key's kid, if it has one.
  std::optional<std::string> kid{};
  // Header cty "vc" / "vp" (VC-JOSE-COSE: optional).
  bool cty = true;
};

// The document must pass CheckCredentialShape / CheckPresentationShape (invalid_argument).
[[nodiscard]] Result<std::string> SignVcJwt(const Json& credential, const jose::PrivateJwk& key,
                                            const JoseOptions& options = {});
[[nodiscard]] Result<std::string> SignVpJwt(const Json& presentation, const jose::PrivateJwk& key,
                                            const JoseOptions& options = {});

[[nodiscard]] Result<VerifiedVcJose> VerifyVcJwt(std::string_view jws, const KeyLookup& lookup, const Clock& clock,
                                                 const VerifyOptions& options = {});
[[nodiscard]] Result<VerifiedVcJose> VerifyVpJwt(std::string_view jws, const KeyLookup& lookup, const Clock& clock,
                                                 const VerifyOptions& options = {});

// The protected header SignVcJwt / SignVpJwt use (without "alg").
[[nodiscard]] Json JoseHeader(SecuredFormat format, const jose::PrivateJwk& key, const JoseOptions& options);

}  // namespace vaardig::vcjose
