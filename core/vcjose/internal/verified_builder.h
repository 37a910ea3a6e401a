// Private to core/vcjose: the one place that constructs VerifiedVcJose values, and the steps the
// JOSE verifiers share.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "core/common/clock.h"
#include "core/vcjose/verified.h"

namespace vaardig::vcjose::internal {

class VerifiedBuilder {
 public:
  static VerifiedVcJose Make(SecuredFormat format, Json header, Json claims, Json document, jose::PublicJwk key) {
    return VerifiedVcJose(format, std::move(header), std::move(claims), std::move(document), std::move(key));
  }
  static void SetDisclosures(VerifiedVcJose& v, std::vector<sdjwt::DisclosedClaim> disclosed, std::optional<Json> kb) {
    v.disclosed_ = std::move(disclosed);
    v.kb_payload_ = std::move(kb);
  }
  static void AddCredential(VerifiedVcJose& v, VerifiedVcJose credential) {
    v.credentials_.push_back(std::move(credential));
  }
};

struct SignedJson {
  Json header;
  Json payload;
  jose::PublicJwk key;
};

// Compact JWS → size limit, typ (required, as a media type), cty (when present and `cty` is not
// empty), the key from `lookup` (header only), the signature, then the payload parsed as a JSON
// object. Nothing of the payload is decoded before the signature verified.
// With typ_required false an absent typ passes (Open Badges: "If present, MUST be JWT").
[[nodiscard]] Result<SignedJson> VerifySignedJson(std::string_view jws, std::string_view typ, std::string_view cty,
                                                  const KeyLookup& lookup, std::size_t max_bytes,
                                                  bool typ_required = true);

// The protected header of a compact JWS (or of an SD-JWT's issuer JWT), decoded and parsed with
// the JWS header limits; nothing else is read.
[[nodiscard]] Result<Json> PeekProtectedHeader(std::string_view compact);

// typ and cty of a header, checked as media types (cty only when present and `cty` not empty).
[[nodiscard]] Status CheckTypAndCty(const Json& header, std::string_view typ, std::string_view cty,
                                    bool typ_required = true);

// The checks after the signature shared by vc+jwt and vc+sd-jwt (document is the credential).
[[nodiscard]] Status CheckVerifiedCredential(const Json& header, const Json& document, const Clock& clock,
                                             std::int64_t skew_seconds);

// The same for presentations; verifies enveloped credentials into `out` when the options ask.
[[nodiscard]] Status CheckVerifiedPresentation(const Json& header, const Json& document, const Clock& clock,
                                               const VerifyOptions& options, VerifiedVcJose& out);

}  // namespace vaardig::vcjose::internal
