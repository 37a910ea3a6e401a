// The issuer's OpenID4VCI 1.0 (Final) endpoints, pre-authorized code flow (issue 7; DESIGN.md §2
// flow 4, §5 "issuance", §7 "OpenID4VCI"). The issuer is its own authorization server.
//
//   GET  /.well-known/openid-credential-issuer   Credential Issuer Metadata (§12.2)
//   GET  /.well-known/oauth-authorization-server  Authorization Server Metadata (RFC 8414, §12.3)
//   GET  /credential-offer/{id}                   the Credential Offer by reference (§4.1.3)
//   POST /token                                   Token Request (§6), form-encoded, ≤ 4 KiB
//   POST /nonce                                   Nonce Request (§7) → {"c_nonce"}
//   POST /credential                              Credential Request (§8), Bearer access token, JSON ≤ 64 KiB
//
// Errors are OAuth bodies {"error", "error_description"} with the spec's code and status (RFC 6749
// §5.2 on /token, RFC 6750 §3.1 invalid_token 401 with WWW-Authenticate, OpenID4VCI §8.3.1.2 on
// /credential); /credential-offer answers 404 not_found. Every response here carries
// Cache-Control: no-store except the metadata (public, max-age=300).
//
// The credential endpoint verifies exactly one `jwt` key proof (typ openid4vci-proof+jwt, aud the
// Credential Issuer Identifier, a fresh iat, a c_nonce from /nonce) before anything is issued;
// batch issuance is not offered, so the metadata has no batch_credential_issuance and a request with
// more proofs is an invalid_credential_request. credential_identifier is never valid (the issuer
// hands out no authorization_details): unknown_credential_identifier.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/http/router.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"

namespace vaardig::issuer {

// The issuer's KeyVault, loaded on first use from settings.kek_file / VAARDIG_ISSUER_KEK (serve
// checks it at start-up; tests pass one in). Thread-safe.
class LazyVault {
 public:
  LazyVault(IssuerApp& app, std::shared_ptr<const KeyVault> vault) : app_(app), vault_(std::move(vault)) {}
  // unavailable (without the reason, which is for the operator) when the KEK cannot be loaded.
  [[nodiscard]] Result<std::shared_ptr<const KeyVault>> Get();

 private:
  IssuerApp& app_;
  std::mutex mu_;
  std::shared_ptr<const KeyVault> vault_;
};

// The token of "Authorization: Bearer <token>" (scheme case-insensitive, RFC 7235 §2.1; at most
// 512 bytes, no spaces); empty when the header is absent or malformed.
[[nodiscard]] std::string BearerAccessToken(const http::Request& request);

// The Credential Issuer Metadata this issuer publishes (both skill configurations).
[[nodiscard]] Json IssuerMetadataJson(const IssuerSettings& settings);

void RegisterOid4vciRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<LazyVault> vault);

}  // namespace vaardig::issuer
