// OpenID4VP 1.0 Authorization Requests as Vaardig's verifier sends them and its wallet accepts
// them (https://openid.net/specs/openid-4-verifiable-presentations-1_0.html):
//
//   §5.1/§5.2 parameters: client_id, response_type "vp_token", response_mode, response_uri, nonce
//             (REQUIRED; ASCII URL safe characters), state (OPTIONAL; same characters),
//             dcql_query (this profile: REQUIRED — `scope` aliases are not supported),
//             client_metadata (OPTIONAL object), transaction_data (not supported: the Wallet
//             MUST return an error, invalid_transaction_data).
//   §8.2      response_mode "direct_post" with response_uri; `redirect_uri` MUST NOT be present.
//             "direct_post.jwt" (§8.3.1) parses, so a wallet can still answer with an error, but
//             CheckResponseModeSupported refuses it: we do not encrypt responses.
//   §5.9      client identifier prefixes. `redirect_uri:<uri>`: the value is the response URI
//             (§5.9.3: client_id value == response_uri; response_uri may then be omitted and is
//             taken from client_id) and the request cannot be signed.
//             `decentralized_identifier:<did>`: the request MUST be a signed Request Object
//             whose JOSE `kid` is a DID URL of that DID. `origin:` is refused (§5.9.3). Anything
//             else is kOther (pre-registered or an unsupported prefix: the caller decides).
//   §5.10     request_uri with request_uri_method ("get" | "post"; anything else is the error
//             invalid_request_uri_method); §5 examples and DESIGN.md §5: the wallet is invoked
//             with openid4vp://?client_id=...&request_uri=...&request_uri_method=get.
//   RFC 9101  the Request Object: a JWT with typ "oauth-authz-req+jwt" (§5.10.1 / §10.1 of
//             OpenID4VP), whose client_id claim must equal the link's client_id (§5.10.1).
//
// Parsing a request's parameters returns OAuthResult so a wallet can send the error back;
// verifying a signed Request Object returns Result so "could not check" (resolver failure:
// not_found, unavailable) stays apart from "rejected" (unauthenticated, invalid_argument).
// Descriptions name the member at fault and never carry the nonce, the state or a credential.
// Pure functions, thread-safe (the resolver callback must be too, if shared).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/dcql.h"
#include "core/oid4vc/errors.h"

namespace vaardig::oid4vc {

inline constexpr std::string_view kResponseTypeVpToken = "vp_token";
inline constexpr std::string_view kResponseModeDirectPost = "direct_post";
inline constexpr std::string_view kResponseModeDirectPostJwt = "direct_post.jwt";
inline constexpr std::string_view kRequestObjectTyp = "oauth-authz-req+jwt";
// §5.8: the Request Object's `aud` under static discovery.
inline constexpr std::string_view kSelfIssuedAudience = "https://self-issued.me/v2";
inline constexpr std::string_view kOpenId4VpScheme = "openid4vp://";
// OpenID4VP §8.5 error code not (yet) in errors.h.
inline constexpr std::string_view kInvalidTransactionData = "invalid_transaction_data";

inline constexpr std::size_t kMinNonceLength = 16;
inline constexpr std::size_t kMaxNonceLength = 256;
inline constexpr std::size_t kMaxStateLength = 512;
inline constexpr std::size_t kMaxClientIdLength = 4096;  // a did:jwk of a P-256 key is ~150 bytes
inline constexpr std::size_t kMaxUriLength = 2048;
inline constexpr std::size_t kMaxClientMetadataBytes = 16 * 1024;
inline constexpr std::size_t kMaxRequestObjectBytes = 64 * 1024;
inline constexpr std::size_t kMaxRequestLinkBytes = 8192;

enum class ClientIdPrefixKind { kRedirectUri, kDecentralizedIdentifier, kOther };

struct ClientIdPrefix {
  ClientIdPrefixKind kind = ClientIdPrefixKind::kOther;
  std::string prefix;  // text before the first ':' ("" when there is none)
  std::string value;   // the original client identifier (after the prefix; all of it for kOther
                       // without a ':')
};

// §5.9.1/§5.9.3. invalid_argument for an empty or over-long client_id, `origin:` (reserved), a
// redirect_uri value that is not an https (or loopback http) URL, a decentralized_identifier
// value that is not a bare DID.
[[nodiscard]] Result<ClientIdPrefix> ParseClientIdPrefix(std::string_view client_id);

struct AuthorizationRequest {
  std::string client_id;  // full, with its prefix
  std::string response_type{kResponseTypeVpToken};
  std::string response_mode{kResponseModeDirectPost};
  std::string response_uri;
  std::string nonce;
  std::optional<std::string> state;
  DcqlQuery dcql_query;
  std::optional<Json> client_metadata;  // an object
  std::optional<std::string> wallet_nonce;  // §5.10.1, request_uri_method=post only

  // The request parameters as a JSON object (the Request Object's claims without iss/aud).
  [[nodiscard]] Json ToJson() const;
};

// How the parameters reached the wallet, for the §5.9.3 prefix rules.
enum class RequestSecuring { kUnsigned, kSignedRequestObject };

// Validates request parameters given as a JSON object (a Request Object's claims, or a request
// built in code). Errors: invalid_request naming the member; invalid_transaction_data for
// transaction_data; invalid_request also for a prefix rule broken (§8.5: redirect_uri signed or
// with another response_uri, decentralized_identifier unsigned, origin:).
[[nodiscard]] OAuthResult<AuthorizationRequest> ParseAuthorizationRequest(const Json& params, RequestSecuring securing);
// The same from URL query parameters (a request passed by value, always unsigned): dcql_query and
// client_metadata are JSON text, strictly parsed.
[[nodiscard]] OAuthResult<AuthorizationRequest> ParseAuthorizationRequestParams(
    std::span<const std::pair<std::string, std::string>> params);
// invalid_request for response_mode direct_post.jwt (encrypted responses are not supported).
[[nodiscard]] OAuthResult<void> CheckResponseModeSupported(const AuthorizationRequest& request);

// The signed Request Object: header {alg (the key's), typ oauth-authz-req+jwt, kid}, payload
// request.ToJson() plus aud = kSelfIssuedAudience (no iss: see request_object.cc). The request is validated
// first (ParseAuthorizationRequest rules for a signed request, as invalid_argument).
// With `times`, the payload also carries iat and exp (RFC 7519), so a captured Request Object
// stops being accepted when the request it belongs to has expired.
struct RequestObjectTimes {
  std::int64_t issued_at = 0;
  std::int64_t expires_at = 0;
};
[[nodiscard]] Result<std::string> SignRequestObject(const AuthorizationRequest& request, const jose::PrivateJwk& key,
                                                    std::string_view kid,
                                                    std::optional<RequestObjectTimes> times = std::nullopt);

// Finds the verification key for a JOSE kid (a DID URL such as "did:jwk:...#0"), typically by
// DID resolution. Its errors pass through unchanged.
using RequestKeyResolver = std::function<Result<jose::PublicJwk>(std::string_view kid)>;

struct RequestObjectExpectations {
  // When set, the Request Object's client_id must equal it (the link's client_id, §5.10.1).
  std::optional<std::string> client_id;
  // When set (request_uri_method=post), the wallet_nonce claim must equal it (§5.10.1).
  std::optional<std::string> wallet_nonce;
  // When set (Unix seconds), a Request Object with exp at or before now - 60 s is refused
  // (failed_precondition "expired"), as is one with a non-numeric exp.
  std::optional<std::int64_t> now;
};

// Verifies a compact Request Object: size ≤ kMaxRequestObjectBytes, typ oauth-authz-req+jwt, a
// kid that is a DID URL with a fragment, the signature over the exact bytes with the key the
// resolver gives for that kid (the key decides the algorithm) — and only then the payload: a
// decentralized_identifier client_id (redirect_uri requests cannot be signed; other prefixes are
// unimplemented) whose DID is the kid's DID, the expectations, then the parameters. Errors:
// invalid_argument (malformed, wrong typ, kid of another DID, bad parameters), unimplemented
// (prefix), unauthenticated (signature), permission_denied (client_id or wallet_nonce not as
// expected), and the resolver's own (not_found, unavailable: could not check).
[[nodiscard]] Result<AuthorizationRequest> VerifyRequestObject(std::string_view jwt, const RequestKeyResolver& resolve_key,
                                                               const RequestObjectExpectations& expect = {});

// A wallet invocation link.
struct RequestLink {
  std::string client_id;
  std::optional<std::string> request_uri;          // by reference
  std::optional<std::string> request_uri_method;   // "get" or "post", with request_uri only
  std::optional<std::string> request;              // a Request Object by value
  // By value: every query parameter (for ParseAuthorizationRequestParams); empty otherwise.
  std::vector<std::pair<std::string, std::string>> parameters;
};

// openid4vp://?client_id=...&request_uri=...&request_uri_method=get, or the same query on
// `base` (a wallet's https universal link, e.g. "https://wallet.example/authorize").
[[nodiscard]] std::string MakeRequestLink(std::string_view client_id, std::string_view request_uri,
                                          std::string_view base = kOpenId4VpScheme);

// A request passed by value (§5.1): every parameter in the link's query, dcql_query and
// client_metadata as JSON text. Only for the redirect_uri: prefix, whose requests are never signed
// (§5.9.3): invalid_argument otherwise, or when the request breaks ParseAuthorizationRequest's
// rules; resource_exhausted past kMaxRequestLinkBytes.
[[nodiscard]] Result<std::string> MakeRequestLinkByValue(const AuthorizationRequest& request,
                                                         std::string_view base = kOpenId4VpScheme);

// Accepts openid4vp:// and https:// links. client_id is required; request_uri must be https
// (loopback http allowed); request_uri_method only with request_uri and only "get"/"post"; at
// most one of request_uri and request. Errors: resource_exhausted over max_length bytes;
// invalid_argument for another scheme, bad percent-encoding, a repeated parameter, or a rule above.
[[nodiscard]] Result<RequestLink> ParseRequestLink(std::string_view link,
                                                   std::size_t max_length = kMaxRequestLinkBytes);

}  // namespace vaardig::oid4vc
