// OpenID4VCI 1.0 (Final) Token Endpoint for the Pre-Authorized Code Flow (§6, RFC 6749 §3.2, §5).
//
// Token Request (§6.1), application/x-www-form-urlencoded:
//   grant_type=urn:ietf:params:oauth:grant-type:pre-authorized_code
//   &pre-authorized_code=SplxlOBeZQQYbYS6WxSbIA&tx_code=493536
// Token Response (§6.2, RFC 6749 §5.1): {"access_token": "...", "token_type": "Bearer", "expires_in": 86400}
// Error Response (§6.3, RFC 6749 §5.2): invalid_request, invalid_grant (wrong/expired code or
// tx_code: decided by the caller, who holds the codes), unsupported_grant_type, ...
//
// This layer only parses and validates shapes; checking the code and the tx_code against what the
// issuer stored is the caller's job. Descriptions never contain the code or the tx_code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/oid4vc/errors.h"

namespace vaardig::oid4vc {

inline constexpr std::string_view kPreAuthorizedCodeGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
inline constexpr std::size_t kMaxPreAuthorizedCodeBytes = 512;
inline constexpr std::size_t kMaxTxCodeBytes = 64;

struct TokenRequest {
  std::string grant_type;  // always kPreAuthorizedCodeGrantType after a successful parse
  std::string pre_authorized_code;
  std::optional<std::string> tx_code;
  std::optional<std::string> client_id;
};

// `form` as core/http ParseForm returns it (already percent-decoded pairs, in order).
//   grant_type missing or a repeated parameter (RFC 6749 §3.2): invalid_request;
//   grant_type other than the pre-authorized code grant: unsupported_grant_type;
//   pre-authorized_code missing or empty, over 512 bytes; tx_code empty or over 64 bytes;
//   client_id empty or over 255 bytes: invalid_request.
// Unknown parameters are ignored (RFC 6749 §3.2).
[[nodiscard]] OAuthResult<TokenRequest> ParseTokenRequest(const std::vector<std::pair<std::string, std::string>>& form);

struct TokenResponse {
  std::string access_token;
  std::string token_type = "Bearer";
  std::int64_t expires_in = 0;  // seconds; omitted from JSON when 0
};

[[nodiscard]] Json TokenResponseToJson(const TokenResponse& response);
// For the wallet: access_token a non-empty string, token_type "Bearer" (case-insensitive, RFC 6750)
// or "DPoP" refused as unsupported (unimplemented), expires_in a non-negative integer if present.
[[nodiscard]] Result<TokenResponse> ParseTokenResponse(const Json& json);

// application/x-www-form-urlencoded body of a Token Request, for the wallet. grant_type defaults
// to the pre-authorized code grant when empty.
[[nodiscard]] std::string TokenRequestForm(const TokenRequest& request);

}  // namespace vaardig::oid4vc
