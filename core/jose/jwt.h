// JSON Web Tokens (RFC 7519) over the JWS layer: signing claims, and verifying a JWT's signature
// and then its registered claims against an explicit policy with an injected clock.
//
// Claim checks (RFC 7519 §4.1), all with `skew` seconds of tolerance:
//  - exp: now < exp + skew, else failed_precondition ("expired");
//  - nbf: now ≥ nbf - skew, else failed_precondition ("not yet valid");
//  - iat: not in the future beyond skew; with max_age, not older than max_age (failed_precondition);
//  - iss / aud: equal to what the policy expects, else permission_denied; "aud" may be a string
//    or an array of strings;
//  - a registered claim of the wrong JSON type: invalid_argument.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jws.h"

namespace vaardig::jose {

struct JwtClaimsPolicy {
  const Clock* clock = nullptr;  // nullptr: the system clock
  std::int64_t skew_seconds = 60;
  bool require_exp = false;
  bool require_iat = false;
  std::optional<std::int64_t> max_age_seconds{};  // with iat
  std::optional<std::string> expected_iss{};
  std::optional<std::string> expected_aud{};
};

[[nodiscard]] Status ValidateJwtClaims(const Json& claims, const JwtClaimsPolicy& policy);

// Signs a claims object as a JWT (header members as for SignCompactJws; "typ" is the caller's).
[[nodiscard]] Result<std::string> SignJwt(const PrivateJwk& key, const Json& header, const Json& claims);

struct VerifiedJwt {
  Json header;
  Json claims;
};

// Verifies the signature (see jws.h), then parses the payload as a JSON object, then checks the
// claims against `policy`.
[[nodiscard]] Result<VerifiedJwt> VerifyJwt(std::string_view jwt, const PublicJwk& key,
                                            const JwsVerifyOptions& options, const JwtClaimsPolicy& policy);
// The same for a JWS already parsed (to find its key).
[[nodiscard]] Result<VerifiedJwt> VerifyParsedJwt(const ParsedJws& jwt, const PublicJwk& key,
                                                  const JwsVerifyOptions& options, const JwtClaimsPolicy& policy);

// The claims of a verified JWS payload: a JSON object, strictly parsed.
[[nodiscard]] Result<Json> ParseJwtClaims(ByteView payload);

}  // namespace vaardig::jose
