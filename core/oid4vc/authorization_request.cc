// OpenID4VP 1.0 Authorization Request parameters (§5, §5.9, §8.2).
#include "core/oid4vc/authorization_request.h"

#include <set>

#include "core/did/did_url.h"
#include "core/oid4vc/internal/vp_url.h"

namespace vaardig::oid4vc {
namespace {

using vp_internal::IsHttpsOrLoopbackUrl;
using vp_internal::IsUrlSafe;

std::unexpected<OAuthError> BadRequest(std::string description) {
  return OAuthFail(errors::kInvalidRequest, std::move(description));
}

OAuthResult<std::string> RequiredString(const Json& params, std::string_view name, std::size_t max) {
  const auto it = params.find(name);
  if (it == params.end()) return BadRequest(std::string(name) + " is required");
  if (!it->is_string()) return BadRequest(std::string(name) + " must be a string");
  const auto& value = it->get_ref<const std::string&>();
  if (value.empty()) return BadRequest(std::string(name) + " must not be empty");
  if (value.size() > max) return BadRequest(std::string(name) + " is longer than " + std::to_string(max) + " bytes");
  return value;
}

}  // namespace

Result<ClientIdPrefix> ParseClientIdPrefix(std::string_view client_id) {
  if (client_id.empty()) return Fail(ErrorCode::kInvalidArgument, "client_id must not be empty");
  if (client_id.size() > kMaxClientIdLength) return Fail(ErrorCode::kInvalidArgument, "client_id is too long");
  ClientIdPrefix out;
  const std::size_t colon = client_id.find(':');
  if (colon == std::string_view::npos) {
    out.value = std::string(client_id);
    return out;
  }
  out.prefix = std::string(client_id.substr(0, colon));
  out.value = std::string(client_id.substr(colon + 1));
  if (out.prefix == "redirect_uri") {
    if (!IsHttpsOrLoopbackUrl(out.value)) {
      return Fail(ErrorCode::kInvalidArgument, "client_id: a redirect_uri client identifier must be an https URL");
    }
    out.kind = ClientIdPrefixKind::kRedirectUri;
  } else if (out.prefix == "decentralized_identifier") {
    if (auto did = did::ParseDid(out.value); !did) {
      return Fail(ErrorCode::kInvalidArgument,
                  "client_id: a decentralized_identifier client identifier must be a DID: " + did.error().message());
    }
    out.kind = ClientIdPrefixKind::kDecentralizedIdentifier;
  } else if (out.prefix == "origin") {
    return Fail(ErrorCode::kInvalidArgument, "client_id: the origin prefix is reserved for the DC API (§5.9.3)");
  }
  return out;
}

Json AuthorizationRequest::ToJson() const {
  Json out = Json::object();
  out["client_id"] = client_id;
  out["response_type"] = response_type;
  out["response_mode"] = response_mode;
  out["response_uri"] = response_uri;
  out["nonce"] = nonce;
  if (state) out["state"] = *state;
  out["dcql_query"] = DcqlQueryToJson(dcql_query);
  if (client_metadata) out["client_metadata"] = *client_metadata;
  if (wallet_nonce) out["wallet_nonce"] = *wallet_nonce;
  return out;
}

OAuthResult<AuthorizationRequest> ParseAuthorizationRequest(const Json& params, RequestSecuring securing) {
  if (!params.is_object()) return BadRequest("the authorization request must be a JSON object");
  AuthorizationRequest request;
  VAARDIG_ASSIGN_OR_RETURN(request.client_id, RequiredString(params, "client_id", kMaxClientIdLength));
  auto prefix = ParseClientIdPrefix(request.client_id);
  if (!prefix) return BadRequest(prefix.error().message());

  VAARDIG_ASSIGN_OR_RETURN(request.response_type, RequiredString(params, "response_type", 64));
  if (request.response_type != kResponseTypeVpToken) {
    return OAuthFail("unsupported_response_type", "response_type must be vp_token");
  }
  VAARDIG_ASSIGN_OR_RETURN(request.response_mode, RequiredString(params, "response_mode", 64));
  if (request.response_mode != kResponseModeDirectPost && request.response_mode != kResponseModeDirectPostJwt) {
    return BadRequest("response_mode must be direct_post");
  }
  if (params.contains("redirect_uri")) return BadRequest("redirect_uri must not be present with response_mode direct_post");
  if (prefix->kind == ClientIdPrefixKind::kRedirectUri && !params.contains("response_uri")) {
    request.response_uri = prefix->value;  // §5.9.3: the Verifier MAY omit it with this prefix
  } else {
    VAARDIG_ASSIGN_OR_RETURN(request.response_uri, RequiredString(params, "response_uri", kMaxUriLength));
  }
  if (!IsHttpsOrLoopbackUrl(request.response_uri)) return BadRequest("response_uri must be an https URL without fragment");

  VAARDIG_ASSIGN_OR_RETURN(request.nonce, RequiredString(params, "nonce", kMaxNonceLength));
  if (request.nonce.size() < kMinNonceLength) {
    return BadRequest("nonce must be at least " + std::to_string(kMinNonceLength) + " characters");
  }
  if (!IsUrlSafe(request.nonce)) return BadRequest("nonce must hold only ASCII URL safe characters");
  if (params.contains("state")) {
    VAARDIG_ASSIGN_OR_RETURN(request.state, RequiredString(params, "state", kMaxStateLength));
    if (!IsUrlSafe(*request.state)) return BadRequest("state must hold only ASCII URL safe characters");
  }
  if (params.contains("wallet_nonce")) {
    VAARDIG_ASSIGN_OR_RETURN(request.wallet_nonce, RequiredString(params, "wallet_nonce", kMaxNonceLength));
  }

  if (params.contains("transaction_data")) {
    return OAuthFail(kInvalidTransactionData, "transaction_data is not supported");
  }
  const bool has_scope = params.contains("scope");
  if (!params.contains("dcql_query")) {
    return has_scope ? OAuthFail(errors::kInvalidScope, "scope values for DCQL queries are not supported; send dcql_query")
                     : BadRequest("dcql_query is required");
  }
  if (has_scope) return BadRequest("dcql_query and scope must not both be present");
  auto query = ParseDcqlQuery(params["dcql_query"]);
  if (!query) return BadRequest(query.error().message());
  request.dcql_query = std::move(*query);

  if (params.contains("client_metadata")) {
    const Json& metadata = params["client_metadata"];
    if (!metadata.is_object()) return BadRequest("client_metadata must be a JSON object");
    if (DumpJson(metadata).size() > kMaxClientMetadataBytes) return BadRequest("client_metadata is too large");
    request.client_metadata = metadata;
  }

  // §5.9.3 prefix rules.
  const bool is_signed = securing == RequestSecuring::kSignedRequestObject;
  switch (prefix->kind) {
    case ClientIdPrefixKind::kRedirectUri:
      if (is_signed) return BadRequest("a request with a redirect_uri client_id cannot be signed (§5.9.3)");
      if (prefix->value != request.response_uri) {
        return BadRequest("client_id: the redirect_uri client identifier must equal response_uri (§5.9.3)");
      }
      break;
    case ClientIdPrefixKind::kDecentralizedIdentifier:
      if (!is_signed) {
        return BadRequest("a request with a decentralized_identifier client_id must be a signed Request Object (§5.9.3)");
      }
      break;
    case ClientIdPrefixKind::kOther:
      break;
  }
  return request;
}

OAuthResult<AuthorizationRequest> ParseAuthorizationRequestParams(
    std::span<const std::pair<std::string, std::string>> params) {
  Json object = Json::object();
  std::set<std::string_view> seen;
  for (const auto& [name, value] : params) {
    if (!seen.insert(name).second) return BadRequest("parameter " + name + " appears twice");
    if (name == "dcql_query" || name == "client_metadata") {
      JsonLimits limits;
      limits.max_bytes = 256 * 1024;
      limits.max_depth = 32;
      auto parsed = ParseJson(value, limits);
      if (!parsed) return BadRequest(name + " is not valid JSON: " + parsed.error().message());
      object[name] = std::move(*parsed);
    } else if (name == "request" || name == "request_uri") {
      return BadRequest(name + " must be resolved before the parameters are parsed");
    } else {
      object[name] = value;
    }
  }
  return ParseAuthorizationRequest(object, RequestSecuring::kUnsigned);
}

OAuthResult<void> CheckResponseModeSupported(const AuthorizationRequest& request) {
  if (request.response_mode == kResponseModeDirectPostJwt) {
    return BadRequest("response_mode direct_post.jwt (encrypted responses) is not supported; use direct_post");
  }
  if (request.response_mode != kResponseModeDirectPost) return BadRequest("response_mode must be direct_post");
  return {};
}

}  // namespace vaardig::oid4vc
