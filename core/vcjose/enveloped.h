// EnvelopedVerifiableCredential (VCDM 2.0 §4.13.1, VC-JOSE-COSE §3.1.2, §3.2.2): a secured
// credential inside a presentation, carried as a data: URL whose media type names the format:
//   {"@context": "https://www.w3.org/ns/credentials/v2",
//    "id": "data:application/vc+jwt,<compact JWS>", "type": "EnvelopedVerifiableCredential"}
// Parsing checks the envelope and the token's outer shape only; verifying the token is the
// format's verifier's job. Errors: invalid_argument naming the member; a media type we know but
// do not implement (vc+cose): unimplemented. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/vcjose/format.h"

namespace vaardig::vcjose {

inline constexpr std::string_view kEnvelopedCredentialType = "EnvelopedVerifiableCredential";

struct EnvelopedCredential {
  SecuredFormat format = SecuredFormat::kVcJwt;  // kVcJwt or kVcSdJwt
  std::string token{};
};

// `format` must be kVcJwt or kVcSdJwt (invalid_argument otherwise).
[[nodiscard]] Result<Json> EnvelopeCredential(std::string_view token, SecuredFormat format);

[[nodiscard]] Result<EnvelopedCredential> ParseEnvelopedCredential(const Json& entry);

// True when `entry` is an object whose type is (or includes) EnvelopedVerifiableCredential.
[[nodiscard]] bool IsEnvelopedCredential(const Json& entry);

}  // namespace vaardig::vcjose
