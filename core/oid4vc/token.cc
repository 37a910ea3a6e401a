// OpenID4VCI 1.0 Token Endpoint messages for the pre-authorized code flow (§6). See token.h.
#include "core/oid4vc/token.h"

#include <set>

#include "core/oid4vc/description.h"
#include "core/oid4vc/offer.h"

namespace vaardig::oid4vc {
namespace {

constexpr std::size_t kMaxClientIdBytes = 255;
constexpr std::size_t kMaxAccessTokenBytes = 4096;

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

OAuthResult<TokenRequest> ParseTokenRequest(const std::vector<std::pair<std::string, std::string>>& form) {
  // RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once."
  std::set<std::string_view> seen;
  for (const auto& [name, value] : form) {
    if (!seen.insert(name).second) {
      return OAuthFail(errors::kInvalidRequest, "parameter '" + internal::DescriptionSafe(name, 64) + "' is repeated");
    }
  }
  auto find = [&form](std::string_view name) -> const std::string* {
    for (const auto& [n, v] : form) {
      if (n == name) return &v;
    }
    return nullptr;
  };
  TokenRequest request;
  const std::string* grant_type = find("grant_type");
  if (grant_type == nullptr || grant_type->empty()) return OAuthFail(errors::kInvalidRequest, "missing parameter 'grant_type'");
  if (*grant_type != kPreAuthorizedCodeGrantType) {
    return OAuthFail(errors::kUnsupportedGrantType,
                     "grant_type must be urn:ietf:params:oauth:grant-type:pre-authorized_code");
  }
  request.grant_type = *grant_type;
  const std::string* code = find("pre-authorized_code");
  if (code == nullptr || code->empty()) return OAuthFail(errors::kInvalidRequest, "missing parameter 'pre-authorized_code'");
  if (code->size() > kMaxPreAuthorizedCodeBytes) {
    return OAuthFail(errors::kInvalidRequest, "parameter 'pre-authorized_code' is longer than 512 bytes");
  }
  request.pre_authorized_code = *code;
  if (const std::string* tx = find("tx_code"); tx != nullptr) {
    if (tx->empty()) return OAuthFail(errors::kInvalidRequest, "parameter 'tx_code' is empty");
    if (tx->size() > kMaxTxCodeBytes) return OAuthFail(errors::kInvalidRequest, "parameter 'tx_code' is longer than 64 bytes");
    request.tx_code = *tx;
  }
  if (const std::string* client = find("client_id"); client != nullptr) {
    if (client->empty()) return OAuthFail(errors::kInvalidRequest, "parameter 'client_id' is empty");
    if (client->size() > kMaxClientIdBytes) {
      return OAuthFail(errors::kInvalidRequest, "parameter 'client_id' is longer than 255 bytes");
    }
    request.client_id = *client;
  }
  return request;
}

Json TokenResponseToJson(const TokenResponse& response) {
  Json j = Json::object();
  j["access_token"] = response.access_token;
  j["token_type"] = response.token_type;
  if (response.expires_in > 0) j["expires_in"] = response.expires_in;
  return j;
}

Result<TokenResponse> ParseTokenResponse(const Json& json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "token response must be a JSON object");
  TokenResponse response;
  auto token = json.find("access_token");
  if (token == json.end() || !token->is_string() || token->get_ref<const std::string&>().empty()) {
    return Fail(ErrorCode::kInvalidArgument, "token response member 'access_token' must be a non-empty string");
  }
  if (token->get_ref<const std::string&>().size() > kMaxAccessTokenBytes) {
    return Fail(ErrorCode::kInvalidArgument, "token response member 'access_token' is longer than 4096 bytes");
  }
  response.access_token = token->get<std::string>();
  auto type = json.find("token_type");
  if (type == json.end() || !type->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "token response member 'token_type' must be a string");
  }
  const std::string lower = LowerAscii(type->get_ref<const std::string&>());
  if (lower == "dpop") return Fail(ErrorCode::kUnimplemented, "token_type DPoP is not supported");
  if (lower != "bearer") return Fail(ErrorCode::kInvalidArgument, "token response member 'token_type' must be Bearer");
  response.token_type = "Bearer";
  if (auto expires = json.find("expires_in"); expires != json.end()) {
    if (!expires->is_number_integer() || expires->get<std::int64_t>() < 0) {
      return Fail(ErrorCode::kInvalidArgument, "token response member 'expires_in' must be a non-negative integer");
    }
    response.expires_in = expires->get<std::int64_t>();
  }
  return response;
}

std::string TokenRequestForm(const TokenRequest& request) {
  std::string body = "grant_type=";
  body += PercentEncode(request.grant_type.empty() ? kPreAuthorizedCodeGrantType : std::string_view(request.grant_type));
  body += "&pre-authorized_code=" + PercentEncode(request.pre_authorized_code);
  if (request.tx_code) body += "&tx_code=" + PercentEncode(*request.tx_code);
  if (request.client_id) body += "&client_id=" + PercentEncode(*request.client_id);
  return body;
}

}  // namespace vaardig::oid4vc
