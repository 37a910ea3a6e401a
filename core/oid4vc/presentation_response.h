// The OpenID4VP 1.0 Authorization Response sent with response_mode direct_post
// (https://openid.net/specs/openid-4-verifiable-presentations-1_0.html):
//
//   §8.1  vp_token: a JSON object whose keys are DCQL credential query ids and whose values are
//         NON-EMPTY ARRAYS of presentations (1.0 Final), each a string (dc+sd-jwt, jwt_vc_json)
//         or an object (ldp_vc); one presentation unless the query says `multiple`; no entry for
//         an optional query the wallet could not satisfy.
//   §8.2  direct_post: the response is application/x-www-form-urlencoded in a POST body:
//         vp_token=<JSON>&state=<state>, or the error form error=...&error_description=...&state=...
//   §8.5  error codes; §8.6 step 3: the set of presentations must satisfy the DCQL query.
//
// The parser takes the already-decoded form pairs (the HTTP layer splits the body), so this
// library stays free of the HTTP server. Limits: kMaxDirectPostBytes over all names and values,
// kMaxVpTokenIds ids, kMaxPresentationsPerId presentations per id. Every failure is an OAuth
// invalid_request whose description names the parameter; no presentation content is echoed.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/encoding/json.h"
#include "core/oid4vc/dcql.h"
#include "core/oid4vc/errors.h"

namespace vaardig::oid4vc {

inline constexpr std::size_t kMaxDirectPostBytes = 1 << 20;  // 1 MiB
inline constexpr std::size_t kMaxVpTokenIds = 50;
inline constexpr std::size_t kMaxPresentationsPerId = 10;
inline constexpr std::size_t kMaxErrorDescriptionLength = 1024;

struct VpResponse {
  // Credential query id → presentations (each a JSON string or a JSON object).
  std::map<std::string, std::vector<Json>> vp_token;
  std::optional<std::string> state;
};

struct VpErrorResponse {
  std::string error;  // e.g. errors::kAccessDenied
  std::optional<std::string> error_description;
  std::optional<std::string> state;
};

using DirectPostResponse = std::variant<VpResponse, VpErrorResponse>;

// The vp_token parameter's JSON text.
[[nodiscard]] Json VpTokenToJson(const VpResponse& response);
// Form pairs and the encoded body of a direct_post request (UTF-8, percent-encoded).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> DirectPostForm(const VpResponse& response);
[[nodiscard]] std::vector<std::pair<std::string, std::string>> DirectPostForm(const VpErrorResponse& response);
[[nodiscard]] std::string EncodeForm(const std::vector<std::pair<std::string, std::string>>& pairs);

// Parses a direct_post body given as decoded form pairs. Unknown parameters are ignored (§8.1);
// a repeated parameter, both vp_token and error, neither, `response` (direct_post.jwt, not
// supported), malformed JSON, a vp_token that is not an object of non-empty arrays of strings or
// objects, an invalid id, an over-limit size, or a state / error with characters outside
// RFC 6749's sets are invalid_request.
[[nodiscard]] OAuthResult<DirectPostResponse> ParseDirectPostResponse(
    std::span<const std::pair<std::string, std::string>> form);

// §8.6 step 3 against the request's query: every id names a credential query; one presentation
// unless the query has multiple = true; and the ids present satisfy the query (all credential
// queries without credential_sets, else one option of every required set). invalid_request
// naming the id at fault. (Each presentation's own checks are the verifier's, per format.)
[[nodiscard]] OAuthResult<void> CheckVpTokenAgainstQuery(const VpResponse& response, const DcqlQuery& query);

}  // namespace vaardig::oid4vc
