#include "issuer/http/api_oid4vci.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/oid4vc/credential_request.h"
#include "core/oid4vc/errors.h"
#include "core/oid4vc/metadata.h"
#include "core/oid4vc/token.h"
#include "issuer/app/issuance.h"
#include "issuer/app/issuer_keys.h"

namespace vaardig::issuer {

namespace {

namespace errors = oid4vc::errors;

constexpr std::size_t kMaxTokenBody = 4 * 1024;
constexpr std::size_t kMaxCredentialBody = 64 * 1024;
constexpr std::size_t kMaxAccessTokenBytes = 512;
constexpr std::size_t kMaxOfferIdBytes = 128;
constexpr std::string_view kVcV2Context = "https://www.w3.org/ns/credentials/v2";
constexpr std::string_view kOb303Context = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

http::Response NoStore(http::Response r) {
  r.AddHeader("Cache-Control", "no-store");
  return r;
}

http::Response OAuthErrorResponse(const oid4vc::OAuthError& e) {
  http::Response r = NoStore(http::Response::JsonBody(e.http_status, e.ToJson()));
  if (e.error == errors::kInvalidToken) {
    // RFC 6750 §3: the challenge names the error; the description stays in the body.
    r.AddHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  }
  return r;
}

http::Response OAuthFailure(std::string_view error, std::string description, int status = 400) {
  return OAuthErrorResponse(oid4vc::OAuthError{std::string(error), std::move(description), status});
}

// An Error from the storage or signing layers on an OAuth endpoint: server_error, with the
// message only when it is meant for clients (internal errors never show theirs).
http::Response ServerFailure(const Error& e) {
  const int status = http::HttpStatusFor(e.code());
  const bool internal = status >= 500 && e.code() != ErrorCode::kUnavailable;
  return OAuthFailure(errors::kServerError, internal ? "internal error" : e.message(), status >= 500 ? status : 500);
}

oid4vc::Display Shown(std::string name, std::string locale) {
  oid4vc::Display d;
  d.name = std::move(name);
  d.locale = std::move(locale);
  return d;
}

oid4vc::CredentialIssuerMetadata BuildMetadata(const IssuerSettings& settings) {
  const std::string issuer = CredentialIssuerId(settings);
  oid4vc::CredentialIssuerMetadata m;
  m.credential_issuer = issuer;
  m.credential_endpoint = issuer + "/credential";
  m.nonce_endpoint = issuer + "/nonce";
  m.display = {Shown(settings.organisation_name, "nl"), Shown(settings.organisation_name, "en")};

  oid4vc::CredentialConfiguration sd_jwt;
  sd_jwt.id = std::string(kSkillSdJwtConfiguration);
  sd_jwt.format = "dc+sd-jwt";
  sd_jwt.vct = issuer + "/vct/skill/v1";
  sd_jwt.cryptographic_binding_methods_supported = {"jwk", "did:jwk", "did:key"};
  sd_jwt.credential_signing_alg_values_supported = {"ES256"};
  sd_jwt.proof_signing_alg_values_supported = {"ES256", "EdDSA"};
  sd_jwt.display = {Shown("Vaardigheid", "nl"), Shown("Skill", "en")};

  oid4vc::CredentialConfiguration badge;
  badge.id = std::string(kSkillBadgeConfiguration);
  badge.format = "ldp_vc";
  badge.credential_definition = Json{{"@context", Json::array({kVcV2Context, kOb303Context})},
                                     {"type", Json::array({"VerifiableCredential", "OpenBadgeCredential"})}};
  badge.cryptographic_binding_methods_supported = {"did:jwk", "did:key"};
  badge.credential_signing_alg_values_supported = {"eddsa-rdfc-2022"};
  badge.proof_signing_alg_values_supported = {"ES256", "EdDSA"};
  badge.display = {Shown("Vaardigheidsbadge", "nl"), Shown("Skill badge", "en")};

  m.configurations = {std::move(sd_jwt), std::move(badge)};
  return m;
}

http::Response PublicJson(const Json& body) {
  http::Response r = http::Response::JsonBody(200, body);
  r.AddHeader("Cache-Control", "public, max-age=300");
  return r;
}

http::Response HandleToken(IssuerApp& app, const http::Request& request) {
  if (request.body.size() > kMaxTokenBody) {
    return OAuthFailure(errors::kInvalidRequest, "the token request is larger than 4096 bytes", 413);
  }
  if (request.MediaType() != "application/x-www-form-urlencoded") {
    return OAuthFailure(errors::kInvalidRequest, "the token request must be application/x-www-form-urlencoded");
  }
  auto form = http::ParseForm(request.body);
  if (!form) return OAuthFailure(errors::kInvalidRequest, "the token request body: " + form.error().message());
  auto parsed = oid4vc::ParseTokenRequest(*form);
  if (!parsed) return OAuthErrorResponse(parsed.error());
  auto grant = RedeemPreAuthorizedCode(app, parsed->pre_authorized_code,
                                       parsed->tx_code ? std::optional<std::string_view>(*parsed->tx_code) : std::nullopt);
  if (!grant) return OAuthErrorResponse(grant.error());
  http::Response r = NoStore(http::Response::JsonBody(
      200, oid4vc::TokenResponseToJson({.access_token = grant->access_token, .token_type = "Bearer",
                                        .expires_in = grant->expires_in})));
  r.AddHeader("Pragma", "no-cache");
  return r;
}

http::Response HandleCredential(IssuerApp& app, LazyVault& vault, const http::Request& request) {
  const std::string access_token = BearerAccessToken(request);
  if (access_token.empty()) {
    return OAuthFailure(errors::kInvalidToken, "the request needs an access token: Authorization: Bearer <token>", 401);
  }
  if (request.body.size() > kMaxCredentialBody) {
    return OAuthFailure(errors::kInvalidCredentialRequest, "the credential request is larger than 65536 bytes", 413);
  }
  if (request.MediaType() != "application/json") {
    return OAuthFailure(errors::kInvalidCredentialRequest, "the credential request must be application/json");
  }
  auto parsed = oid4vc::ParseCredentialRequest(request.body, /*max_proofs=*/1);
  if (!parsed) return OAuthErrorResponse(parsed.error());
  if (parsed->credential_identifier) {
    return OAuthFailure(errors::kUnknownCredentialIdentifier,
                        "credential_identifier: this issuer hands out no credential identifiers; use "
                        "credential_configuration_id");
  }
  const std::string configuration = parsed->credential_configuration_id.value_or("");
  if (configuration != kSkillSdJwtConfiguration && configuration != kSkillBadgeConfiguration) {
    return OAuthFailure(errors::kUnknownCredentialConfiguration,
                        "credential_configuration_id: not one of this issuer's configurations");
  }
  if (parsed->jwt_proofs.empty()) {
    return OAuthFailure(errors::kInvalidProof, "proofs: this credential is bound to the holder's key; send one jwt proof");
  }
  // Token and configuration first: a request refused for them must not burn the proof's nonce.
  if (auto grant = CheckGrant(app, access_token, configuration); !grant) return OAuthErrorResponse(grant.error());
  oid4vc::ProofPolicy policy;
  policy.audience = CredentialIssuerId(app.settings());
  policy.now = app.clock().NowSeconds();
  auto proof = oid4vc::VerifyJwtProof(parsed->jwt_proofs.front(), policy);
  if (!proof) return OAuthErrorResponse(proof.error());
  if (!proof->nonce) {
    return OAuthFailure(errors::kInvalidProof, "the key proof is not linked to a c_nonce from the nonce endpoint");
  }
  auto keys = vault.Get();
  if (!keys) return ServerFailure(keys.error());
  auto nonce = CheckNonce(app, **keys, *proof->nonce);
  if (!nonce) return OAuthErrorResponse(nonce.error());
  auto issued = IssueCredential(app, **keys, access_token, configuration,
                                HolderKey{.jwk = proof->holder_key, .did = proof->holder_did}, *nonce);
  if (!issued) return OAuthErrorResponse(issued.error());
  return NoStore(http::Response::JsonBody(200, oid4vc::CredentialResponseToJson({issued->credential})));
}

}  // namespace

Result<std::shared_ptr<const KeyVault>> LazyVault::Get() {
  std::lock_guard lock(mu_);
  if (!vault_) {
    auto loaded = KeyVault::Load(app_.settings().kek_file);
    // The reason (a path, a file mode) is for the operator: `serve` checks the KEK at start-up.
    if (!loaded) {
      return Fail(ErrorCode::kUnavailable, "the issuer cannot sign: its key-encryption key is not available");
    }
    vault_ = std::make_shared<const KeyVault>(std::move(*loaded));
  }
  return vault_;
}

std::string BearerAccessToken(const http::Request& request) {
  const std::string_view value = request.Header("authorization").value_or("");
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size()) return "";
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = value[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) return "";
  }
  std::string_view token = value.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty() || token.size() > kMaxAccessTokenBytes || token.find(' ') != std::string_view::npos) return "";
  return std::string(token);
}

Json IssuerMetadataJson(const IssuerSettings& settings) {
  return oid4vc::CredentialIssuerMetadataToJson(BuildMetadata(settings));
}

void RegisterOid4vciRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<LazyVault> vault) {
  router.Get("/.well-known/openid-credential-issuer", [&app](http::Request&) {
    return PublicJson(IssuerMetadataJson(app.settings()));
  });

  router.Get("/.well-known/oauth-authorization-server", [&app](http::Request&) {
    const std::string issuer = CredentialIssuerId(app.settings());
    oid4vc::AuthorizationServerMetadata m;
    m.issuer = issuer;
    m.token_endpoint = issuer + "/token";
    m.pre_authorized_grant_anonymous_access_supported = true;
    m.grant_types_supported = {std::string(oid4vc::kPreAuthorizedCodeGrantType)};
    return PublicJson(oid4vc::AuthorizationServerMetadataToJson(m));
  });

  router.Get("/credential-offer/{id}", [&app](http::Request& request) {
    const std::string_view id = request.PathParam("id").value_or("");
    if (id.empty() || id.size() > kMaxOfferIdBytes) {
      return NoStore(http::ErrorResponse(Error(ErrorCode::kNotFound, "no such credential offer")));
    }
    auto offer = GetOfferJson(app, id);
    if (!offer) return NoStore(http::ErrorResponse(offer.error()));
    return NoStore(http::Response::JsonBody(200, *offer));
  });

  router.Post("/token", [&app](http::Request& request) { return HandleToken(app, request); });

  router.Post("/nonce", [&app, vault](http::Request&) {
    auto keys = vault->Get();
    if (!keys) return ServerFailure(keys.error());
    auto nonce = CreateNonce(app, **keys);
    if (!nonce) return ServerFailure(nonce.error());
    return NoStore(http::Response::JsonBody(200, oid4vc::NonceResponseToJson(*nonce)));
  });

  router.Post("/credential", [&app, vault](http::Request& request) { return HandleCredential(app, *vault, request); });
}

}  // namespace vaardig::issuer
