// SD-JWT presentation by the holder (RFC 9901 §4.3, §5.2): choose which disclosures to send and
// add a Key Binding JWT.
//
// What to disclose is a *frame*: a JSON value shaped like the claims, where `true` (or an object
// or array holding further choices) under a member or at an array position discloses that claim.
// Choosing a claim inside a disclosable parent also discloses the parent. Array positions count
// the elements as the holder sees them (decoy digests are not counted).
// Example: {"skill": true, "confirmation": {"by": {"role": true}}, "evidence": [true]}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/claim_path.h"
#include "core/sdjwt/sd_jwt.h"

namespace vaardig::sdjwt {

// {"a": {"b": [true]}} from a[... paths; each path's leaf becomes `true`.
[[nodiscard]] Result<Json> FrameFromPaths(const std::vector<ClaimPath>& paths);

// Keeps the disclosures that `frame` selects (and none other); drops any KB-JWT. Reads the issuer
// JWT's payload without verifying it: a holder verifies a credential when it receives it.
// invalid_argument when the frame asks for something the credential does not disclose.
[[nodiscard]] Result<SdJwtParts> SelectDisclosures(const SdJwtParts& sd_jwt, const Json& frame,
                                                   const SdJwtLimits& limits = {});

// The claims as the holder sees them with every disclosure it holds applied (nested ones too):
// `_sd` digests become their members, array digests their elements, decoys and `_sd_alg` vanish.
// NOT a verification — the signature is not checked (a holder verifies a credential when it
// receives it); for a wallet matching its own credentials against a request (OpenID4VP DCQL).
// invalid_argument for a malformed disclosure; resource_exhausted past the limits.
[[nodiscard]] Result<Json> HolderClaims(const SdJwtParts& sd_jwt, const SdJwtLimits& limits = {});

struct KeyBindingInput {
  const jose::PrivateJwk* holder_key = nullptr;
  std::string aud{};
  std::string nonce{};
  std::int64_t iat = 0;
};

// Adds a KB-JWT (typ kb+jwt; iat, aud, nonce, sd_hash) over `presentation`'s disclosures.
[[nodiscard]] Status AddKeyBinding(SdJwtParts& presentation, const KeyBindingInput& input);

}  // namespace vaardig::sdjwt
