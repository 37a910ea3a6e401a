// OpenID4VCI 1.0 (Final): the Nonce Endpoint (§7), the Credential Request and Response (§8) and
// the `jwt` key proof type (Appendix F.1).
//
// Nonce Response (§7.2):        {"c_nonce": "wKI4LT17ac15ES9bw8ac4"}
// Credential Request (§8.2):    {"credential_configuration_id": "SkillCredential_sd_jwt",
//                                "proofs": {"jwt": ["eyJ0eXAiOiJvcGVuaWQ0dmNpLXByb29mK2p3dCIs..."]}}
//   exactly one of credential_configuration_id / credential_identifier; `proofs` an object with a
//   single proof-type key (1.0 Final removed the singular `proof`, §8.2).
// Credential Response (§8.3):   {"credentials": [{"credential": "eyJ..."}], "notification_id": "..."}
//   (a deferred response carries `transaction_id` instead, §8.3 / §9; not supported here).
//
// Error codes (§8.3.1.2): invalid_credential_request for a malformed request, invalid_proof for
// missing, unsupported or invalid key proofs and for a key proof without the required c_nonce,
// invalid_nonce for a c_nonce the issuer does not accept (decided by the caller's nonce store).
// Descriptions never contain a nonce, a proof or a token. No exception escapes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/errors.h"

namespace vaardig::oid4vc {

inline constexpr std::string_view kProofJwtTyp = "openid4vci-proof+jwt";
inline constexpr std::size_t kMaxCredentialRequestBytes = 256 * 1024;
inline constexpr std::size_t kMaxJwtProofBytes = 16 * 1024;

struct CredentialRequest {
  std::optional<std::string> credential_configuration_id;
  std::optional<std::string> credential_identifier;
  // proofs.jwt in order; empty when the request has no `proofs` (the caller decides whether its
  // configuration requires key binding and then answers invalid_proof, §8.3.1.2).
  std::vector<std::string> jwt_proofs;
};

// Parses a Credential Request body (§8.2). Errors:
//   invalid_credential_request: over 256 KiB, not JSON, not an object; both or neither of
//     credential_configuration_id / credential_identifier, or one that is not a non-empty string;
//     the legacy singular `proof` (removed in 1.0 Final; the description says to use `proofs`);
//     `proofs` not an object with exactly one key; proofs.jwt not a non-empty array of non-empty
//     strings; more than max_proofs proofs; a proof over 16 KiB; the pre-1.0 `format` parameter
//     (an unsupported parameter, §8.3.1.2).
//   invalid_encryption_parameters: `credential_response_encryption` (we do not encrypt responses).
//   invalid_proof: a proof type other than "jwt" ("di_vp", "attestation", ...), as an unsupported key
//     proof (§8.3.1.2 (3)).
// Unknown members are ignored (§8.2 allows extensions).
[[nodiscard]] OAuthResult<CredentialRequest> ParseCredentialRequest(std::string_view json_body, std::size_t max_proofs = 10);

// {"credential_configuration_id"|"credential_identifier": ..., "proofs": {"jwt": [...]}} (wallet side).
[[nodiscard]] Json CredentialRequestToJson(const CredentialRequest& request);

struct ProofPolicy {
  std::string audience;  // the Credential Issuer Identifier
  std::int64_t now = 0;  // seconds since the epoch
  std::int64_t max_age_seconds = 300;
  std::int64_t skew_seconds = 60;
  std::vector<std::string> algorithms{"ES256", "EdDSA"};
  bool require_nonce = true;
};

struct VerifiedProof {
  jose::PublicJwk holder_key;
  std::optional<std::string> holder_did;  // set when the key came from a did:jwk/did:key kid (the bare DID)
  std::optional<std::string> nonce{};     // the proof's `nonce` claim: the caller consumes it (invalid_nonce if unknown/used)
  std::optional<std::string> iss{};       // the client_id, when the proof names one
  std::int64_t iat = 0;
};

// Verifies one `jwt` key proof (Appendix F.1, F.4). All failures are invalid_proof unless stated:
//   - over 16 KiB, not a compact JWS;
//   - header typ not "openid4vci-proof+jwt"; alg none, a MAC algorithm or not in policy.algorithms;
//   - not exactly one of jwk / kid / x5c (x5c is recognised but not supported); a jwk carrying
//     private members; a kid that is not a did:jwk or did:key DID URL (with the fragment naming that
//     DID's verification method); a key whose type does not match alg;
//   - the signature does not verify (checked BEFORE the payload is decoded);
//   - the payload is not a JSON object; aud missing or not equal to policy.audience (a string, or
//     an array containing it); iat missing, not an integer, later than now + skew or older than
//     now − max_age; exp present and passed; iss present and not a string;
//   - nonce absent while policy.require_nonce: invalid_proof ("not linked to a required c_nonce",
//     §8.3.1.2 (4) — not invalid_nonce, which is for a nonce the issuer rejects).
[[nodiscard]] OAuthResult<VerifiedProof> VerifyJwtProof(std::string_view jwt, const ProofPolicy& policy);

struct JwtProofInput {
  const jose::PrivateJwk* key = nullptr;
  std::optional<std::string> kid;  // a did:jwk / did:key DID URL; when absent the public key goes in `jwk`
  std::string audience;
  std::optional<std::string> nonce;
  std::int64_t iat = 0;
  std::optional<std::string> iss;
};

// Signs a key proof (typ openid4vci-proof+jwt, the key's alg) for the wallet and for tests.
// invalid_argument for a missing key or an empty audience.
[[nodiscard]] Result<std::string> MakeJwtProof(const JwtProofInput& input);

// {"credentials": [{"credential": x}, ...], "notification_id"?: ...} (§8.3). Each credential is a
// string (dc+sd-jwt, jwt_vc_json) or an object (ldp_vc).
[[nodiscard]] Json CredentialResponseToJson(const std::vector<Json>& credentials,
                                            std::optional<std::string> notification_id = {});

// {"c_nonce": ...} (§7.2).
[[nodiscard]] Json NonceResponseToJson(std::string_view c_nonce);
// For the wallet: the c_nonce of a Nonce Response (invalid_argument unless a non-empty string).
[[nodiscard]] Result<std::string> ParseNonceResponse(const Json& json);

// For the wallet: the credentials of an immediate Credential Response, each a non-empty string or
// an object. A deferred response (transaction_id, §9): unimplemented, saying so; a missing or empty
// `credentials` array, an element without `credential`, the pre-1.0 singular `credential`
// member: invalid_argument.
[[nodiscard]] Result<std::vector<Json>> ParseCredentialResponse(const Json& json);

}  // namespace vaardig::oid4vc
