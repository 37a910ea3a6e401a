// OpenID4VCI 1.0 Nonce, Credential Request and Response messages (§7, §8). Key proofs are in
// jwt_proof.cc. See credential_request.h.
#include "core/oid4vc/credential_request.h"

#include <utility>

#include "core/oid4vc/description.h"

namespace vaardig::oid4vc {
namespace {

OAuthResult<std::optional<std::string>> OptionalId(const Json& body, std::string_view name) {
  auto it = body.find(name);
  if (it == body.end()) return std::optional<std::string>();
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    return OAuthFail(errors::kInvalidCredentialRequest, "'" + std::string(name) + "' must be a non-empty string");
  }
  if (it->get_ref<const std::string&>().size() > 1024) {
    return OAuthFail(errors::kInvalidCredentialRequest, "'" + std::string(name) + "' is longer than 1024 bytes");
  }
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace

OAuthResult<CredentialRequest> ParseCredentialRequest(std::string_view json_body, std::size_t max_proofs) {
  if (json_body.size() > kMaxCredentialRequestBytes) {
    return OAuthFail(errors::kInvalidCredentialRequest, "credential request is larger than 256 KiB");
  }
  auto parsed = ParseJson(json_body, JsonLimits{.max_bytes = kMaxCredentialRequestBytes, .max_depth = 16});
  if (!parsed) return OAuthFail(errors::kInvalidCredentialRequest, "credential request is not valid JSON: " + internal::DescriptionSafe(parsed.error().message()));
  const Json& body = *parsed;
  if (!body.is_object()) return OAuthFail(errors::kInvalidCredentialRequest, "credential request must be a JSON object");

  CredentialRequest request;
  auto config_id = OptionalId(body, "credential_configuration_id");
  if (!config_id) return std::unexpected(config_id.error());
  auto identifier = OptionalId(body, "credential_identifier");
  if (!identifier) return std::unexpected(identifier.error());
  request.credential_configuration_id = std::move(*config_id);
  request.credential_identifier = std::move(*identifier);
  if (request.credential_configuration_id.has_value() == request.credential_identifier.has_value()) {
    return OAuthFail(errors::kInvalidCredentialRequest,
                     "credential request must carry exactly one of 'credential_configuration_id' and "
                     "'credential_identifier'");
  }
  if (body.contains("format")) {
    return OAuthFail(errors::kInvalidCredentialRequest,
                     "'format' is not a Credential Request parameter in OpenID4VCI 1.0; use 'credential_configuration_id'");
  }
  if (body.contains("proof")) {
    return OAuthFail(errors::kInvalidCredentialRequest,
                     "the singular 'proof' parameter was removed in OpenID4VCI 1.0; send 'proofs' with a 'jwt' array");
  }
  if (body.contains("credential_response_encryption")) {
    return OAuthFail(errors::kInvalidEncryptionParameters, "credential response encryption is not supported");
  }
  auto proofs = body.find("proofs");
  if (proofs == body.end()) return request;
  if (!proofs->is_object() || proofs->size() != 1) {
    return OAuthFail(errors::kInvalidCredentialRequest, "'proofs' must be an object with exactly one proof type");
  }
  const std::string& type = proofs->begin().key();
  if (type != "jwt") {
    return OAuthFail(errors::kInvalidProof, "proof type '" + internal::DescriptionSafe(type, 64) + "' is not supported; use 'jwt'");
  }
  const Json& jwts = proofs->begin().value();
  if (!jwts.is_array() || jwts.empty()) {
    return OAuthFail(errors::kInvalidCredentialRequest, "'proofs.jwt' must be a non-empty array of strings");
  }
  if (jwts.size() > max_proofs) {
    return OAuthFail(errors::kInvalidCredentialRequest,
                     "'proofs.jwt' has more than " + std::to_string(max_proofs) + " proofs");
  }
  for (const Json& jwt : jwts) {
    if (!jwt.is_string() || jwt.get_ref<const std::string&>().empty()) {
      return OAuthFail(errors::kInvalidCredentialRequest, "'proofs.jwt' must be a non-empty array of strings");
    }
    if (jwt.get_ref<const std::string&>().size() > kMaxJwtProofBytes) {
      return OAuthFail(errors::kInvalidCredentialRequest, "a 'proofs.jwt' entry is larger than 16 KiB");
    }
    request.jwt_proofs.push_back(jwt.get<std::string>());
  }
  return request;
}

Json CredentialRequestToJson(const CredentialRequest& request) {
  Json j = Json::object();
  if (request.credential_configuration_id) j["credential_configuration_id"] = *request.credential_configuration_id;
  if (request.credential_identifier) j["credential_identifier"] = *request.credential_identifier;
  if (!request.jwt_proofs.empty()) j["proofs"] = Json{{"jwt", request.jwt_proofs}};
  return j;
}

Json CredentialResponseToJson(const std::vector<Json>& credentials, std::optional<std::string> notification_id) {
  Json list = Json::array();
  for (const Json& credential : credentials) list.push_back(Json{{"credential", credential}});
  Json j = Json::object();
  j["credentials"] = std::move(list);
  if (notification_id) j["notification_id"] = std::move(*notification_id);
  return j;
}

Json NonceResponseToJson(std::string_view c_nonce) {
  Json j = Json::object();
  j["c_nonce"] = std::string(c_nonce);
  return j;
}

Result<std::string> ParseNonceResponse(const Json& json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "nonce response must be a JSON object");
  auto it = json.find("c_nonce");
  if (it == json.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    return Fail(ErrorCode::kInvalidArgument, "nonce response member 'c_nonce' must be a non-empty string");
  }
  if (it->get_ref<const std::string&>().size() > 1024) {
    return Fail(ErrorCode::kInvalidArgument, "nonce response member 'c_nonce' is longer than 1024 bytes");
  }
  return it->get<std::string>();
}

Result<std::vector<Json>> ParseCredentialResponse(const Json& json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "credential response must be a JSON object");
  if (json.contains("transaction_id")) {
    return Fail(ErrorCode::kUnimplemented, "deferred credential issuance (transaction_id) is not supported");
  }
  auto credentials = json.find("credentials");
  if (credentials == json.end()) {
    if (json.contains("credential")) {
      return Fail(ErrorCode::kInvalidArgument,
                  "credential response uses the pre-1.0 singular 'credential'; expected a 'credentials' array");
    }
    return Fail(ErrorCode::kInvalidArgument, "credential response has no 'credentials'");
  }
  if (!credentials->is_array() || credentials->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "credential response member 'credentials' must be a non-empty array");
  }
  if (auto n = json.find("notification_id"); n != json.end() && (!n->is_string() || n->get_ref<const std::string&>().empty())) {
    return Fail(ErrorCode::kInvalidArgument, "credential response member 'notification_id' must be a non-empty string");
  }
  std::vector<Json> out;
  for (const Json& entry : *credentials) {
    if (!entry.is_object()) return Fail(ErrorCode::kInvalidArgument, "each 'credentials' entry must be an object");
    auto credential = entry.find("credential");
    if (credential == entry.end()) {
      return Fail(ErrorCode::kInvalidArgument, "a 'credentials' entry has no 'credential'");
    }
    const bool ok = (credential->is_string() && !credential->get_ref<const std::string&>().empty()) ||
                    (credential->is_object() && !credential->empty());
    if (!ok) {
      return Fail(ErrorCode::kInvalidArgument, "each 'credential' must be a non-empty string or object");
    }
    out.push_back(*credential);
  }
  return out;
}

}  // namespace vaardig::oid4vc
