// Signed Request Objects (RFC 9101; OpenID4VP 1.0 §5.9.3 decentralized_identifier, §5.10) and
// wallet invocation links (§5.10, §9).
#include <set>

#include "core/did/did_url.h"
#include "core/jose/jws.h"
#include "core/jose/jwt.h"
#include "core/oid4vc/authorization_request.h"
#include "core/oid4vc/internal/vp_url.h"

namespace vaardig::oid4vc {
namespace {

std::unexpected<Error> Invalid(std::string message) { return Fail(ErrorCode::kInvalidArgument, std::move(message)); }

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

Result<std::string> SignRequestObject(const AuthorizationRequest& request, const jose::PrivateJwk& key,
                                      std::string_view kid, std::optional<RequestObjectTimes> times) {
  const Json params = request.ToJson();
  if (auto checked = ParseAuthorizationRequest(params, RequestSecuring::kSignedRequestObject); !checked) {
    return Invalid("request object: " + checked.error().description);
  }
  if (kid.empty()) return Invalid("request object: kid must not be empty");
  // No `iss`: RFC 9101 makes it a SHOULD, and OpenID4VP 1.0 names the Verifier by client_id (with
  // its prefix) and the signing key by the kid's DID. Wallet libraries read `iss` differently
  // (@openid4vc/openid4vp 0.4.6 refuses a kid whose DID does not start with `iss`, so the prefixed
  // client_id fails there), and leaving it out is what every reading accepts.
  Json claims = Json::object();
  claims["aud"] = kSelfIssuedAudience;
  if (times) {
    claims["iat"] = times->issued_at;
    claims["exp"] = times->expires_at;
  }
  for (const auto& [name, value] : params.items()) claims[name] = value;
  Json header = Json::object();
  header["typ"] = kRequestObjectTyp;
  header["kid"] = std::string(kid);
  return jose::SignJwt(key, header, claims);
}

Result<AuthorizationRequest> VerifyRequestObject(std::string_view jwt, const RequestKeyResolver& resolve_key,
                                                 const RequestObjectExpectations& expect) {
  if (jwt.size() > kMaxRequestObjectBytes) {
    return Fail(ErrorCode::kResourceExhausted, "request object is larger than " + std::to_string(kMaxRequestObjectBytes) + " bytes");
  }
  VAARDIG_ASSIGN_OR_RETURN(auto parsed, jose::ParseCompactJws(jwt, kMaxRequestObjectBytes));
  if (!parsed.typ || !jose::TypMatches(*parsed.typ, kRequestObjectTyp)) {
    return Invalid("request object: typ must be oauth-authz-req+jwt");
  }
  if (!parsed.kid) return Invalid("request object: the JOSE header has no kid");
  VAARDIG_ASSIGN_OR_RETURN(auto kid_url, did::ParseDidUrl(*parsed.kid));
  if (!kid_url.fragment) return Invalid("request object: kid must be a DID URL naming a verification method");

  // Verify the exact bytes first; only then decode and parse the payload.
  VAARDIG_ASSIGN_OR_RETURN(auto key, resolve_key(*parsed.kid));
  jose::JwsVerifyOptions options;
  options.accepted_typ = {std::string(kRequestObjectTyp)};
  options.max_bytes = kMaxRequestObjectBytes;
  VAARDIG_ASSIGN_OR_RETURN(auto verified, jose::VerifyParsedJws(parsed, key, options));
  VAARDIG_ASSIGN_OR_RETURN(auto claims, jose::ParseJwtClaims(verified.payload));

  if (!claims.contains("client_id") || !claims["client_id"].is_string()) {
    return Invalid("request object: client_id is required");
  }
  const std::string client_id = claims["client_id"].get<std::string>();
  VAARDIG_ASSIGN_OR_RETURN(auto prefix, ParseClientIdPrefix(client_id));
  if (prefix.kind == ClientIdPrefixKind::kRedirectUri) {
    return Invalid("request object: a redirect_uri client_id cannot sign requests (§5.9.3)");
  }
  if (prefix.kind != ClientIdPrefixKind::kDecentralizedIdentifier) {
    return Fail(ErrorCode::kUnimplemented,
                "request object: client identifier prefix '" + prefix.prefix + "' is not supported");
  }
  // §5.9.3: the key must be one of the client_id DID's verification methods.
  if (kid_url.did.did != prefix.value) {
    return Invalid("request object: kid must be a verification method of the client_id's DID");
  }
  if (expect.client_id && *expect.client_id != client_id) {
    return Fail(ErrorCode::kPermissionDenied, "request object: client_id differs from the one in the request link");
  }
  if (expect.now) {
    if (const auto exp = claims.find("exp"); exp != claims.end()) {
      if (!exp->is_number_integer()) return Invalid("request object: exp must be a number (seconds)");
      if (exp->get<std::int64_t>() <= *expect.now - 60) {
        return Fail(ErrorCode::kFailedPrecondition, "request object: expired");
      }
    }
  }
  if (expect.wallet_nonce) {
    const auto it = claims.find("wallet_nonce");
    if (it == claims.end() || !it->is_string() || it->get<std::string>() != *expect.wallet_nonce) {
      return Fail(ErrorCode::kPermissionDenied, "request object: wallet_nonce does not match the one sent");
    }
  }
  auto request = ParseAuthorizationRequest(claims, RequestSecuring::kSignedRequestObject);
  if (!request) return Invalid("request object: " + request.error().description);
  return std::move(*request);
}

std::string MakeRequestLink(std::string_view client_id, std::string_view request_uri, std::string_view base) {
  const vp_internal::FormPairs pairs = {{"client_id", std::string(client_id)},
                                        {"request_uri", std::string(request_uri)},
                                        {"request_uri_method", "get"}};
  std::string link(base);
  link.push_back(link.find('?') == std::string::npos ? '?' : '&');
  return link + vp_internal::BuildQuery(pairs);
}

Result<std::string> MakeRequestLinkByValue(const AuthorizationRequest& request, std::string_view base) {
  if (!request.client_id.starts_with("redirect_uri:")) {
    return Invalid("a request passed by value must use the redirect_uri: client identifier (§5.9.3)");
  }
  const Json params = request.ToJson();
  auto checked = ParseAuthorizationRequest(params, RequestSecuring::kUnsigned);
  if (!checked) return Invalid("request: " + checked.error().description);
  vp_internal::FormPairs pairs;
  for (const auto& [name, value] : params.items()) {
    pairs.emplace_back(name, value.is_string() ? value.get<std::string>() : DumpJson(value));
  }
  std::string link(base);
  link.push_back(link.find('?') == std::string::npos ? '?' : '&');
  link += vp_internal::BuildQuery(pairs);
  if (link.size() > kMaxRequestLinkBytes) {
    return Fail(ErrorCode::kResourceExhausted, "the request is too large to pass by value; pass it by reference");
  }
  return link;
}

Result<RequestLink> ParseRequestLink(std::string_view link, std::size_t max_length) {
  if (link.size() > max_length) {
    return Fail(ErrorCode::kResourceExhausted, "request link is longer than " + std::to_string(max_length) + " bytes");
  }
  if (!StartsWith(link, kOpenId4VpScheme) && !StartsWith(link, "https://")) {
    return Invalid("request link: scheme must be openid4vp:// or https://");
  }
  const std::size_t question = link.find('?');
  if (question == std::string_view::npos) return Invalid("request link: has no query");
  std::string_view query = link.substr(question + 1);
  if (const std::size_t hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
  VAARDIG_ASSIGN_OR_RETURN(auto pairs, vp_internal::ParseQuery(query, "request link"));

  RequestLink out;
  for (const auto& [name, value] : pairs) {
    if (name == "client_id") {
      out.client_id = value;
    } else if (name == "request_uri") {
      out.request_uri = value;
    } else if (name == "request_uri_method") {
      out.request_uri_method = value;
    } else if (name == "request") {
      out.request = value;
    }
  }
  if (out.client_id.empty()) return Invalid("request link: client_id is required");
  if (out.client_id.size() > kMaxClientIdLength) return Invalid("request link: client_id is too long");
  if (out.request_uri && out.request) return Invalid("request link: request_uri and request must not both be present");
  if (out.request_uri_method) {
    if (!out.request_uri) return Invalid("request link: request_uri_method requires request_uri");
    if (*out.request_uri_method != "get" && *out.request_uri_method != "post") {
      // §5.1: the wallet answers invalid_request_uri_method.
      return Invalid("request link: request_uri_method must be get or post");
    }
  }
  if (out.request_uri) {
    if (out.request_uri->size() > kMaxUriLength) return Invalid("request link: request_uri is too long");
    if (!vp_internal::IsHttpsOrLoopbackUrl(*out.request_uri)) return Invalid("request link: request_uri must be an https URL");
  } else if (!out.request) {
    out.parameters = std::move(pairs);
  }
  return out;
}

}  // namespace vaardig::oid4vc
