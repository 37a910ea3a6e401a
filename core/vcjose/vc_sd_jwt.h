// W3C VC-JOSE-COSE §3.2 (https://www.w3.org/TR/vc-jose-cose/#securing-with-sd-jwt): a VCDM 2.0
// credential or presentation secured as an RFC 9901 SD-JWT whose payload is the document with
// "_sd" digests in place of the selectively disclosable members.
//
//   header  {"alg": <the key's>, "kid": ..., "typ": "vc+sd-jwt" | "vp+sd-jwt", "cty": "vc" | "vp"}
//
// Issuance, disclosures and key binding are core/sdjwt's; this layer adds the typ/cty, the VCDM
// shape of the document before issuance and after the disclosures are processed, and the same
// cross-checks as vc_jwt.h (iss/issuer, DID kid, validity period, enveloped credentials). The
// VC claims are not JWT claims: no iss / vct is required as SD-JWT VC would. The SD-JWT layer
// checks exp / nbf / iat as NumericDates when present (a string "iat" is rejected there).
// Error codes as in vc_jwt.h and core/sdjwt/verifier.h. Thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/claim_path.h"
#include "core/sdjwt/issuer.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/verified.h"

namespace vaardig::vcjose {

struct SdJwtIssueOptions {
  // Members to make selectively disclosable (core/sdjwt/issuer.h). "@context" cannot be one.
  std::vector<sdjwt::ClaimPath> sd_paths{};
  std::size_t max_decoys = 0;
  JoseOptions jose{};
};

[[nodiscard]] Result<sdjwt::IssuedSdJwt> IssueVcSdJwt(const Json& credential, const jose::PrivateJwk& key,
                                                      const SdJwtIssueOptions& options);
[[nodiscard]] Result<sdjwt::IssuedSdJwt> IssueVpSdJwt(const Json& presentation, const jose::PrivateJwk& key,
                                                      const SdJwtIssueOptions& options);

// Compact or JSON serialization, with or without a KB-JWT (VerifyOptions::key_binding).
[[nodiscard]] Result<VerifiedVcJose> VerifyVcSdJwt(std::string_view sd_jwt, const KeyLookup& lookup,
                                                   const Clock& clock, const VerifyOptions& options = {});
[[nodiscard]] Result<VerifiedVcJose> VerifyVpSdJwt(std::string_view sd_jwt, const KeyLookup& lookup,
                                                   const Clock& clock, const VerifyOptions& options = {});

}  // namespace vaardig::vcjose
