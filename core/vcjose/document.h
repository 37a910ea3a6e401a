// The minimal shape a VCDM 2.0 credential or presentation must have before Vaardig calls it one
// (https://www.w3.org/TR/vc-data-model-2.0/ §4.3 contexts, §4.5 types, §4.7 issuer, §4.8
// credentialSubject, §4.9 validity period, §4.13 presentations), and the cross-checks
// VC-JOSE-COSE asks of a secured document (§3.1: the JWT claim names "vc" and "vp" must not be
// present). This is a shape check, not JSON-LD processing: terms are not expanded.
//
// Errors: a shape violation is invalid_argument naming the member; a validity period that does not
// contain "now" (± skew) is failed_precondition. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::vcjose {

inline constexpr std::string_view kCredentialsV2Context = "https://www.w3.org/ns/credentials/v2";

// Object; first @context is the VCDM 2.0 context; type includes VerifiableCredential; issuer is a
// non-empty string or an object with a string id; credentialSubject an object or a non-empty
// array of objects; validFrom / validUntil, when present, XML Schema dateTimeStamp values; no
// "vc" or "vp" member.
[[nodiscard]] Status CheckCredentialShape(const Json& credential);

// Object; first @context is the VCDM 2.0 context; type includes VerifiablePresentation; holder,
// when present, a string or an object with a string id; verifiableCredential, when present, an
// object or an array of objects; no "vc" or "vp" member.
[[nodiscard]] Status CheckPresentationShape(const Json& presentation);

// issuer or issuer.id of a credential that passed CheckCredentialShape.
[[nodiscard]] std::string IssuerId(const Json& credential);
// holder or holder.id, if any.
[[nodiscard]] std::optional<std::string> HolderId(const Json& presentation);

// validFrom ≤ now + skew and now - skew < validUntil (failed_precondition otherwise).
[[nodiscard]] Status CheckValidityPeriod(const Json& credential, const Clock& clock, std::int64_t skew_seconds);

// When `claims` (a JWT payload or the JOSE header) carries "iss", it must equal `expected`
// (invalid_argument "<where> iss ... does not match <what> ..."). `where` names the object.
[[nodiscard]] Status CheckIssMatches(const Json& claims, std::string_view where, const std::string& expected,
                                     std::string_view what);

// RFC 7519 NumericDate "exp" and "nbf" of a payload, when present, checked against the clock
// (failed_precondition; invalid_argument when not a number). "iat" is not checked: the
// VC-JOSE-COSE fixtures carry it as a date-time string, and nothing in VCDM depends on it.
[[nodiscard]] Status CheckJwtTimes(const Json& payload, const Clock& clock, std::int64_t skew_seconds);

// A kid that is a DID URL must name a method of `signer`'s DID (issuer for a credential, holder
// for a presentation): permission_denied otherwise. A kid that is not a DID URL, or no signer,
// passes (the key lookup decided the key).
[[nodiscard]] Status CheckKidMatchesSigner(const Json& header, const std::optional<std::string>& signer);

}  // namespace vaardig::vcjose
