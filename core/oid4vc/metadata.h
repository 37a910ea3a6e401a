// OpenID4VCI 1.0 (Final) Credential Issuer Metadata (§12.2) and the OAuth 2.0 Authorization Server
// Metadata (RFC 8414) an issuer publishes for the pre-authorized code flow (§12.3).
//
// 1.0 Final shape of a configuration in credential_configurations_supported (§12.2.4, Appendix A):
//   "SkillCredential_sd_jwt": {
//     "format": "dc+sd-jwt", "vct": "https://issuer.example/vct/skill/v1", "scope": "...",
//     "cryptographic_binding_methods_supported": ["jwk", "did:jwk", "did:key"],
//     "credential_signing_alg_values_supported": ["ES256"],
//     "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256", "EdDSA"]}},
//     "credential_metadata": {"display": [{"name": ..., "locale": ...}], "claims": [{"path": [...]}]}}
// For ldp_vc, credential_definition {"@context": [...], "type": [...]} replaces vct and the signing
// alg values are Data Integrity cryptosuite names ("eddsa-rdfc-2022"), Appendix A.1.2.
// Issuer-level `display` stays at the top level, beside credential_endpoint.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::oid4vc {

// §12.2.4 display entries (issuer level and credential_metadata.display).
struct Display {
  std::string name;
  std::string locale;  // BCP 47; omitted from JSON when empty
  std::optional<std::string> description;
  std::optional<std::string> logo_uri;  // emitted as "logo": {"uri": ...}
  std::optional<std::string> background_color;
  std::optional<std::string> text_color;
};

struct CredentialConfiguration {
  std::string id;      // the key in credential_configurations_supported
  std::string format;  // "dc+sd-jwt" | "ldp_vc" | "jwt_vc_json"
  std::optional<std::string> vct;  // dc+sd-jwt
  Json credential_definition = Json();  // ldp_vc / jwt_vc_json: {"@context":[...],"type":[...]}
  std::optional<std::string> scope;
  std::vector<std::string> cryptographic_binding_methods_supported;
  std::vector<std::string> credential_signing_alg_values_supported;
  // proof_types_supported.jwt.proof_signing_alg_values_supported; empty means no key proof required.
  std::vector<std::string> proof_signing_alg_values_supported;
  std::vector<Display> display;  // credential_metadata.display
  Json claims = Json();          // credential_metadata.claims (an array of claims descriptions), if present
};

struct CredentialIssuerMetadata {
  std::string credential_issuer;
  std::vector<std::string> authorization_servers;  // omitted when empty (the issuer is its own AS)
  std::string credential_endpoint;
  std::optional<std::string> nonce_endpoint;
  std::vector<Display> display;
  std::vector<CredentialConfiguration> configurations;

  // The configuration with this id, or nullptr.
  [[nodiscard]] const CredentialConfiguration* Find(std::string_view id) const;
};

// Exactly the 1.0 Final shape (see the file comment); configurations keep their order.
[[nodiscard]] Json CredentialIssuerMetadataToJson(const CredentialIssuerMetadata& metadata);

// For the wallet. invalid_argument (naming the member) when: credential_issuer is not equal to
// expected_issuer (§12.2.2); credential_issuer, credential_endpoint, nonce_endpoint or an
// authorization server is not an https URL (http allowed for loopback hosts); the endpoints are not
// strings; credential_configurations_supported is missing, empty or not an object; a
// configuration has no string format, a dc+sd-jwt one no vct, an ldp_vc one no
// credential_definition object; lists that are not arrays of strings; display entries without a
// name. Unknown members are ignored.
[[nodiscard]] Result<CredentialIssuerMetadata> ParseCredentialIssuerMetadata(const Json& json,
                                                                             std::string_view expected_issuer);

// §12.2.2: "/.well-known/openid-credential-issuer" inserted between the host and the path:
//   https://issuer.example/tenant → https://issuer.example/.well-known/openid-credential-issuer/tenant
// (a trailing '/' of the issuer is dropped).
[[nodiscard]] std::string CredentialIssuerMetadataUrl(std::string_view credential_issuer);

// RFC 8414 §3 with the OpenID4VCI additions (§12.3): "/.well-known/oauth-authorization-server"
// inserted the same way.
[[nodiscard]] std::string AuthorizationServerMetadataUrl(std::string_view issuer);

struct AuthorizationServerMetadata {
  std::string issuer;
  std::string token_endpoint;
  // JSON member "pre-authorized_grant_anonymous_access_supported" (with a hyphen), §12.3.
  // ToJson writes it; Parse reads an absent member as false, the spec's default.
  bool pre_authorized_grant_anonymous_access_supported = true;
  std::vector<std::string> grant_types_supported;  // defaults to the pre-authorized code grant in ToJson when empty
};

[[nodiscard]] Json AuthorizationServerMetadataToJson(const AuthorizationServerMetadata& metadata);
// issuer must equal expected_issuer (RFC 8414 §3.3), token_endpoint https (loopback http allowed).
[[nodiscard]] Result<AuthorizationServerMetadata> ParseAuthorizationServerMetadata(const Json& json,
                                                                                   std::string_view expected_issuer);

}  // namespace vaardig::oid4vc
