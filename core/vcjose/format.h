// The securing formats a Vaardig verifier meets, told apart by the JOSE header "typ" alone.
//
//   vc+jwt, vp+jwt        W3C VC-JOSE-COSE §3.1.1, §3.1.2 (https://www.w3.org/TR/vc-jose-cose/)
//   vc+sd-jwt, vp+sd-jwt  VC-JOSE-COSE §3.2.1, §3.2.2
//   dc+sd-jwt             IETF SD-JWT VC (core/sdjwt/vc.h)
//   JWT                   Open Badges 3.0 §8.2 VC-JWT ("vc" claim; see ob_jwt.h)
//   JSON object           a credential secured with Data Integrity (ldp_vc; core/dataintegrity)
//
// DetectFormat trusts nothing it reads: it only routes the input to the verifier for that format,
// which then checks everything (signature first). An SD-JWT typ on a token without '~', or a
// JWT typ on one with '~', is invalid_argument. One exception to "typ alone": typ "vc+sd-jwt" is
// also what SD-JWT VC drafts before dc+sd-jwt used; a "vc+sd-jwt" whose payload has "vct" and no
// "@context" is routed as kDcSdJwt (legacy input, DESIGN.md §5). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/common/error.h"

namespace vaardig::vcjose {

enum class SecuredFormat { kVcJwt, kVpJwt, kVcSdJwt, kVpSdJwt, kDcSdJwt, kObJwt, kLdpVc };

// Inputs larger than this are refused everywhere in this library (resource_exhausted).
inline constexpr std::size_t kMaxSecuredBytes = 256 * 1024;

// "vc+jwt", "vp+jwt", "vc+sd-jwt", "vp+sd-jwt", "dc+sd-jwt", "JWT" (Open Badges), "ldp_vc".
[[nodiscard]] std::string_view FormatName(SecuredFormat format);

// The media type registered for the format's "typ" ("application/vc+jwt", ...); empty for
// kObJwt ("JWT" is not specific) and kLdpVc.
[[nodiscard]] std::string_view MediaType(SecuredFormat format);

// The format whose typ matches `typ` as a media type (RFC 7515 §4.1.9: case-insensitive,
// "application/" optional); nullopt for any other value.
[[nodiscard]] std::optional<SecuredFormat> FormatFromTyp(std::string_view typ);

// Errors: empty or oversized input (resource_exhausted above kMaxSecuredBytes); a header that is
// not base64url JSON, has no string "typ", or an unknown typ: invalid_argument; a JSON document
// without "@context": invalid_argument.
[[nodiscard]] Result<SecuredFormat> DetectFormat(std::string_view text);

}  // namespace vaardig::vcjose
