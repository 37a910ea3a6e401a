// The result of verifying a secured credential or presentation (vc+jwt, vp+jwt, vc+sd-jwt,
// vp+sd-jwt, Open Badges VC-JWT), and the options every verifier here takes.
//
// Only the verifiers in this library construct a VerifiedVcJose; holding one means: the signature
// verified with the key the lookup chose, typ (and cty, when present) named the format, the
// payload is a VCDM 2.0 credential / presentation, its iss claims agree with issuer / holder, a
// DID kid belongs to the signer, and the validity period contains the clock's now. Immutable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/verifier.h"
#include "core/vcjose/format.h"
#include "core/vcjose/key_lookup.h"

namespace vaardig::vcjose {

namespace internal {
class VerifiedBuilder;
}  // namespace internal

struct VerifyOptions {
  std::int64_t skew_seconds = 60;
  std::size_t max_bytes = kMaxSecuredBytes;  // larger input: resource_exhausted
  // Presentations: when set, every EnvelopedVerifiableCredential is verified with this lookup
  // (and the same clock and options); when empty only the envelope's shape is checked, and an
  // envelope of a format this library does not implement (vc+cose) is let through unverified.
  KeyLookup credential_key_lookup{};
  // SD-JWT formats: Key Binding (see core/sdjwt/verifier.h). Not required by default.
  sdjwt::KeyBindingPolicy key_binding{.required = false};
};

class VerifiedVcJose {
 public:
  [[nodiscard]] SecuredFormat format() const { return format_; }
  [[nodiscard]] const Json& header() const { return header_; }
  // The credential or presentation: for SD-JWT with the disclosed claims in place and the
  // digests removed; for the Open Badges VC-JWT the "vc" claim.
  [[nodiscard]] const Json& document() const { return document_; }
  // The verified JWT claims set (for vc+jwt and vp+jwt the same as document()).
  [[nodiscard]] const Json& claims() const { return claims_; }
  [[nodiscard]] const jose::PublicJwk& key() const { return key_; }
  // SD-JWT: the disclosures that were presented, and the Key Binding JWT payload when one verified.
  [[nodiscard]] const std::vector<sdjwt::DisclosedClaim>& disclosed() const { return disclosed_; }
  [[nodiscard]] const std::optional<Json>& key_binding_payload() const { return kb_payload_; }
  // Presentations verified with VerifyOptions::credential_key_lookup: each enveloped credential,
  // in order.
  [[nodiscard]] const std::vector<VerifiedVcJose>& credentials() const { return credentials_; }

 private:
  friend class internal::VerifiedBuilder;
  VerifiedVcJose(SecuredFormat format, Json header, Json claims, Json document, jose::PublicJwk key)
      : format_(format),
        header_(std::move(header)),
        claims_(std::move(claims)),
        document_(std::move(document)),
        key_(std::move(key)) {}
  SecuredFormat format_;
  Json header_;
  Json claims_;
  Json document_;
  jose::PublicJwk key_;
  std::vector<sdjwt::DisclosedClaim> disclosed_{};
  std::optional<Json> kb_payload_{};
  std::vector<VerifiedVcJose> credentials_{};
};

}  // namespace vaardig::vcjose
