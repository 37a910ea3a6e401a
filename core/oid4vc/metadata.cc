// OpenID4VCI 1.0 Credential Issuer Metadata (§12.2) and OAuth AS metadata (RFC 8414, §12.3).
// See metadata.h.
#include "core/oid4vc/metadata.h"

#include <set>
#include <utility>

#include "core/oid4vc/offer.h"
#include "core/oid4vc/token.h"

namespace vaardig::oid4vc {
namespace {

constexpr std::string_view kAnonymousAccess = "pre-authorized_grant_anonymous_access_supported";
constexpr std::size_t kMaxConfigurations = 256;

Json DisplayToJson(const Display& d) {
  Json j = Json::object();
  j["name"] = d.name;
  if (!d.locale.empty()) j["locale"] = d.locale;
  if (d.logo_uri) j["logo"] = Json{{"uri", *d.logo_uri}};
  if (d.description) j["description"] = *d.description;
  if (d.background_color) j["background_color"] = *d.background_color;
  if (d.text_color) j["text_color"] = *d.text_color;
  return j;
}

Result<std::optional<std::string>> OptionalString(const Json& object, std::string_view name, std::string_view where) {
  auto it = object.find(name);
  if (it == object.end()) return std::optional<std::string>();
  if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, std::string(where) + " member '" + std::string(name) + "' must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::vector<std::string>> StringList(const Json& object, std::string_view name, std::string_view where) {
  std::vector<std::string> out;
  auto it = object.find(name);
  if (it == object.end()) return out;
  if (!it->is_array()) return Fail(ErrorCode::kInvalidArgument, std::string(where) + " member '" + std::string(name) + "' must be an array of strings");
  for (const Json& v : *it) {
    if (!v.is_string()) return Fail(ErrorCode::kInvalidArgument, std::string(where) + " member '" + std::string(name) + "' must be an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<std::vector<Display>> ParseDisplays(const Json& object, std::string_view where) {
  std::vector<Display> out;
  auto it = object.find("display");
  if (it == object.end()) return out;
  const std::string ctx = std::string(where) + " 'display'";
  if (!it->is_array()) return Fail(ErrorCode::kInvalidArgument, ctx + " must be an array");
  for (const Json& d : *it) {
    if (!d.is_object()) return Fail(ErrorCode::kInvalidArgument, ctx + " entries must be objects");
    Display display;
    auto name = d.find("name");
    if (name == d.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
      return Fail(ErrorCode::kInvalidArgument, ctx + " entry needs a non-empty 'name'");
    }
    display.name = name->get<std::string>();
    VAARDIG_ASSIGN_OR_RETURN(auto locale, OptionalString(d, "locale", ctx));
    display.locale = locale.value_or("");
    VAARDIG_ASSIGN_OR_RETURN(display.description, OptionalString(d, "description", ctx));
    VAARDIG_ASSIGN_OR_RETURN(display.background_color, OptionalString(d, "background_color", ctx));
    VAARDIG_ASSIGN_OR_RETURN(display.text_color, OptionalString(d, "text_color", ctx));
    if (auto logo = d.find("logo"); logo != d.end()) {
      if (!logo->is_object()) return Fail(ErrorCode::kInvalidArgument, ctx + " member 'logo' must be an object");
      VAARDIG_ASSIGN_OR_RETURN(display.logo_uri, OptionalString(*logo, "uri", ctx + " 'logo'"));
    }
    out.push_back(std::move(display));
  }
  return out;
}

Result<std::string> EndpointUrl(const Json& json, std::string_view name, std::string_view where) {
  auto it = json.find(name);
  if (it == json.end() || !it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(where) + " member '" + std::string(name) + "' must be a string");
  }
  if (!IsAcceptableHttpsUrl(it->get_ref<const std::string&>())) {
    return Fail(ErrorCode::kInvalidArgument, std::string(where) + " member '" + std::string(name) + "' must be an https URL");
  }
  return it->get<std::string>();
}

Result<CredentialConfiguration> ParseConfiguration(const std::string& id, const Json& json) {
  const std::string ctx = "credential configuration '" + id.substr(0, 128) + "'";
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, ctx + " must be an object");
  CredentialConfiguration c;
  c.id = id;
  auto format = json.find("format");
  if (format == json.end() || !format->is_string() || format->get_ref<const std::string&>().empty()) {
    return Fail(ErrorCode::kInvalidArgument, ctx + " needs a string 'format'");
  }
  c.format = format->get<std::string>();
  VAARDIG_ASSIGN_OR_RETURN(c.vct, OptionalString(json, "vct", ctx));
  VAARDIG_ASSIGN_OR_RETURN(c.scope, OptionalString(json, "scope", ctx));
  if ((c.format == "dc+sd-jwt" || c.format == "vc+sd-jwt") && !c.vct) {
    return Fail(ErrorCode::kInvalidArgument, ctx + " of format " + c.format + " needs 'vct'");
  }
  if (auto def = json.find("credential_definition"); def != json.end()) {
    if (!def->is_object()) return Fail(ErrorCode::kInvalidArgument, ctx + " member 'credential_definition' must be an object");
    c.credential_definition = *def;
  } else if (c.format == "ldp_vc" || c.format == "jwt_vc_json" || c.format == "jwt_vc_json-ld") {
    return Fail(ErrorCode::kInvalidArgument, ctx + " of format " + c.format + " needs 'credential_definition'");
  }
  VAARDIG_ASSIGN_OR_RETURN(c.cryptographic_binding_methods_supported,
                           StringList(json, "cryptographic_binding_methods_supported", ctx));
  // mso_mdoc lists COSE algorithm numbers here (Appendix A.2.2): not kept.
  if (c.format != "mso_mdoc") {
    VAARDIG_ASSIGN_OR_RETURN(c.credential_signing_alg_values_supported,
                             StringList(json, "credential_signing_alg_values_supported", ctx));
  }
  if (auto proofs = json.find("proof_types_supported"); proofs != json.end()) {
    if (!proofs->is_object()) return Fail(ErrorCode::kInvalidArgument, ctx + " member 'proof_types_supported' must be an object");
    if (auto jwt = proofs->find("jwt"); jwt != proofs->end()) {
      if (!jwt->is_object()) return Fail(ErrorCode::kInvalidArgument, ctx + " member 'proof_types_supported.jwt' must be an object");
      VAARDIG_ASSIGN_OR_RETURN(c.proof_signing_alg_values_supported,
                               StringList(*jwt, "proof_signing_alg_values_supported", ctx + " 'proof_types_supported.jwt'"));
    }
  }
  if (auto meta = json.find("credential_metadata"); meta != json.end()) {
    if (!meta->is_object()) return Fail(ErrorCode::kInvalidArgument, ctx + " member 'credential_metadata' must be an object");
    VAARDIG_ASSIGN_OR_RETURN(c.display, ParseDisplays(*meta, ctx + " 'credential_metadata'"));
    if (auto claims = meta->find("claims"); claims != meta->end()) {
      if (!claims->is_array()) return Fail(ErrorCode::kInvalidArgument, ctx + " 'credential_metadata.claims' must be an array");
      c.claims = *claims;
    }
  }
  return c;
}

// Inserts `well_known` between the origin and the path (RFC 8414 §3.1, OpenID4VCI §12.2.2).
std::string InsertWellKnown(std::string_view url, std::string_view well_known) {
  const std::size_t scheme_end = url.find("://");
  const std::size_t path_start = scheme_end == std::string_view::npos ? std::string_view::npos : url.find('/', scheme_end + 3);
  std::string_view origin = path_start == std::string_view::npos ? url : url.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos ? std::string_view() : url.substr(path_start);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return std::string(origin) + std::string(well_known) + std::string(path);
}

}  // namespace

const CredentialConfiguration* CredentialIssuerMetadata::Find(std::string_view id) const {
  for (const auto& c : configurations) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Json CredentialIssuerMetadataToJson(const CredentialIssuerMetadata& m) {
  Json j = Json::object();
  j["credential_issuer"] = m.credential_issuer;
  if (!m.authorization_servers.empty()) j["authorization_servers"] = m.authorization_servers;
  j["credential_endpoint"] = m.credential_endpoint;
  if (m.nonce_endpoint) j["nonce_endpoint"] = *m.nonce_endpoint;
  if (!m.display.empty()) {
    Json displays = Json::array();
    for (const auto& d : m.display) displays.push_back(DisplayToJson(d));
    j["display"] = std::move(displays);
  }
  Json configs = Json::object();
  for (const auto& c : m.configurations) {
    Json cj = Json::object();
    cj["format"] = c.format;
    if (c.scope) cj["scope"] = *c.scope;
    if (c.vct) cj["vct"] = *c.vct;
    if (!c.credential_definition.is_null()) cj["credential_definition"] = c.credential_definition;
    if (!c.cryptographic_binding_methods_supported.empty()) {
      cj["cryptographic_binding_methods_supported"] = c.cryptographic_binding_methods_supported;
    }
    if (!c.credential_signing_alg_values_supported.empty()) {
      cj["credential_signing_alg_values_supported"] = c.credential_signing_alg_values_supported;
    }
    if (!c.proof_signing_alg_values_supported.empty()) {
      cj["proof_types_supported"] =
          Json{{"jwt", Json{{"proof_signing_alg_values_supported", c.proof_signing_alg_values_supported}}}};
    }
    if (!c.display.empty() || !c.claims.is_null()) {
      Json meta = Json::object();
      if (!c.display.empty()) {
        Json displays = Json::array();
        for (const auto& d : c.display) displays.push_back(DisplayToJson(d));
        meta["display"] = std::move(displays);
      }
      if (!c.claims.is_null()) meta["claims"] = c.claims;
      cj["credential_metadata"] = std::move(meta);
    }
    configs[c.id] = std::move(cj);
  }
  j["credential_configurations_supported"] = std::move(configs);
  return j;
}

Result<CredentialIssuerMetadata> ParseCredentialIssuerMetadata(const Json& json, std::string_view expected_issuer) {
  constexpr std::string_view kWhere = "credential issuer metadata";
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "credential issuer metadata must be a JSON object");
  CredentialIssuerMetadata m;
  auto issuer = json.find("credential_issuer");
  if (issuer == json.end() || !issuer->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "credential issuer metadata member 'credential_issuer' must be a string");
  }
  if (issuer->get_ref<const std::string&>() != expected_issuer) {
    return Fail(ErrorCode::kInvalidArgument,
                "credential issuer metadata 'credential_issuer' does not equal the issuer it was fetched for");
  }
  if (!IsAcceptableHttpsUrl(expected_issuer, /*allow_query=*/false)) {
    return Fail(ErrorCode::kInvalidArgument, "credential issuer metadata member 'credential_issuer' must be an https URL");
  }
  m.credential_issuer = issuer->get<std::string>();
  VAARDIG_ASSIGN_OR_RETURN(m.credential_endpoint, EndpointUrl(json, "credential_endpoint", kWhere));
  if (json.contains("nonce_endpoint")) {
    VAARDIG_ASSIGN_OR_RETURN(m.nonce_endpoint, EndpointUrl(json, "nonce_endpoint", kWhere));
  }
  VAARDIG_ASSIGN_OR_RETURN(m.authorization_servers, StringList(json, "authorization_servers", kWhere));
  for (const auto& as : m.authorization_servers) {
    if (!IsAcceptableHttpsUrl(as)) {
      return Fail(ErrorCode::kInvalidArgument, "credential issuer metadata 'authorization_servers' entries must be https URLs");
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(m.display, ParseDisplays(json, kWhere));
  auto configs = json.find("credential_configurations_supported");
  if (configs == json.end() || !configs->is_object() || configs->empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "credential issuer metadata member 'credential_configurations_supported' must be a non-empty object");
  }
  if (configs->size() > kMaxConfigurations) {
    return Fail(ErrorCode::kInvalidArgument, "credential issuer metadata has more than 256 credential configurations");
  }
  for (const auto& [id, config] : configs->items()) {
    VAARDIG_ASSIGN_OR_RETURN(CredentialConfiguration c, ParseConfiguration(id, config));
    m.configurations.push_back(std::move(c));
  }
  return m;
}

std::string CredentialIssuerMetadataUrl(std::string_view credential_issuer) {
  return InsertWellKnown(credential_issuer, "/.well-known/openid-credential-issuer");
}

std::string AuthorizationServerMetadataUrl(std::string_view issuer) {
  return InsertWellKnown(issuer, "/.well-known/oauth-authorization-server");
}

Json AuthorizationServerMetadataToJson(const AuthorizationServerMetadata& m) {
  Json j = Json::object();
  j["issuer"] = m.issuer;
  j["token_endpoint"] = m.token_endpoint;
  j["grant_types_supported"] = m.grant_types_supported.empty()
                                   ? std::vector<std::string>{std::string(kPreAuthorizedCodeGrantType)}
                                   : m.grant_types_supported;
  j[std::string(kAnonymousAccess)] = m.pre_authorized_grant_anonymous_access_supported;
  return j;
}

Result<AuthorizationServerMetadata> ParseAuthorizationServerMetadata(const Json& json, std::string_view expected_issuer) {
  constexpr std::string_view kWhere = "authorization server metadata";
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "authorization server metadata must be a JSON object");
  AuthorizationServerMetadata m;
  auto issuer = json.find("issuer");
  if (issuer == json.end() || !issuer->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "authorization server metadata member 'issuer' must be a string");
  }
  if (issuer->get_ref<const std::string&>() != expected_issuer) {
    return Fail(ErrorCode::kInvalidArgument, "authorization server metadata 'issuer' does not equal the expected issuer");
  }
  m.issuer = issuer->get<std::string>();
  VAARDIG_ASSIGN_OR_RETURN(m.token_endpoint, EndpointUrl(json, "token_endpoint", kWhere));
  VAARDIG_ASSIGN_OR_RETURN(m.grant_types_supported, StringList(json, "grant_types_supported", kWhere));
  m.pre_authorized_grant_anonymous_access_supported = false;  // RFC-style default when absent (§12.3)
  if (auto anon = json.find(kAnonymousAccess); anon != json.end()) {
    if (!anon->is_boolean()) {
      return Fail(ErrorCode::kInvalidArgument, "authorization server metadata member '" + std::string(kAnonymousAccess) + "' must be a boolean");
    }
    m.pre_authorized_grant_anonymous_access_supported = anon->get<bool>();
  }
  return m;
}

}  // namespace vaardig::oid4vc
