// OAuth 2.0 / OpenID4VCI / OpenID4VP error responses: the `error` code the spec names, a
// human-readable `error_description`, and the HTTP status to answer with.
//
//   RFC 6749 §5.2 (token endpoint): invalid_request, invalid_client, invalid_grant,
//     unauthorized_client, unsupported_grant_type, invalid_scope — HTTP 400 (invalid_client 401).
//   RFC 6750 §3.1 (protected resources): invalid_token — HTTP 401 with WWW-Authenticate.
//   OpenID4VCI 1.0 §8.3.1.2 (credential endpoint): invalid_credential_request,
//     unknown_credential_configuration, unknown_credential_identifier, invalid_proof,
//     invalid_nonce, invalid_encryption_parameters, credential_request_denied — HTTP 400.
//   OpenID4VP 1.0 (responses to a verifier): invalid_request, vp_formats_not_supported,
//     invalid_request_uri_method, invalid_transaction_data, wallet_unavailable, access_denied.
//
// Descriptions are for developers: they name the member at fault and never carry a secret (a
// code, a PIN, a token, a nonce value) or a whole credential.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "core/encoding/json.h"

namespace vaardig::oid4vc {

namespace errors {
inline constexpr std::string_view kInvalidRequest = "invalid_request";
inline constexpr std::string_view kInvalidClient = "invalid_client";
inline constexpr std::string_view kInvalidGrant = "invalid_grant";
inline constexpr std::string_view kUnauthorizedClient = "unauthorized_client";
inline constexpr std::string_view kUnsupportedGrantType = "unsupported_grant_type";
inline constexpr std::string_view kInvalidScope = "invalid_scope";
inline constexpr std::string_view kInvalidToken = "invalid_token";
inline constexpr std::string_view kInvalidCredentialRequest = "invalid_credential_request";
inline constexpr std::string_view kUnknownCredentialConfiguration = "unknown_credential_configuration";
inline constexpr std::string_view kUnknownCredentialIdentifier = "unknown_credential_identifier";
inline constexpr std::string_view kInvalidProof = "invalid_proof";
inline constexpr std::string_view kInvalidNonce = "invalid_nonce";
inline constexpr std::string_view kInvalidEncryptionParameters = "invalid_encryption_parameters";
inline constexpr std::string_view kCredentialRequestDenied = "credential_request_denied";
inline constexpr std::string_view kServerError = "server_error";
// OpenID4VP
inline constexpr std::string_view kVpFormatsNotSupported = "vp_formats_not_supported";
inline constexpr std::string_view kInvalidRequestUriMethod = "invalid_request_uri_method";
inline constexpr std::string_view kAccessDenied = "access_denied";
}  // namespace errors

struct OAuthError {
  std::string error;        // one of errors::k*
  std::string description;  // error_description
  int http_status = 400;

  // {"error": ..., "error_description": ...} (the description omitted when empty).
  [[nodiscard]] Json ToJson() const {
    Json j = Json::object();
    j["error"] = error;
    if (!description.empty()) j["error_description"] = description;
    return j;
  }
};

template <class T>
using OAuthResult = std::expected<T, OAuthError>;

[[nodiscard]] inline std::unexpected<OAuthError> OAuthFail(std::string_view error, std::string description,
                                                           int http_status = 400) {
  return std::unexpected(OAuthError{std::string(error), std::move(description), http_status});
}

}  // namespace vaardig::oid4vc
