// The issuer's public identity and status endpoints (issue 7 "Issuer identity", "Status"; DESIGN.md
// §5 "identifiers", "status"). No authentication: verifiers and wallets fetch these.
//
//   GET /.well-known/did.json         the did:web DID document (issuer_keys.h BuildIssuerDidDocument)
//   GET /.well-known/jwt-vc-issuer    JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc §5)
//   GET /vct/skill/v1                 SD-JWT VC type metadata of the skill credential
//                                     (specs/sd-jwt-vc/skill-v1.json, compiled in; its `vct` is
//                                     this URL; `schema_uri` is dropped: no schema is served)
//   GET /status/token/{id}            a Token Status List token (application/statuslist+jwt)
//   GET /status/bitstring/{id}        a BitstringStatusListCredential (application/vc+ld+json)
//
// The first three carry Cache-Control: public, max-age=300. The status lists carry a strong ETag,
// Last-Modified and Cache-Control: public, max-age=<the list's ttl>; If-None-Match with the current
// ETag (or "*"), or else If-Modified-Since equal to Last-Modified, answers 304 without a body.
// An unknown list id answers 404 not_found. Before the first DID document or status list is served
// the issuer's two signing keys are created when missing (issuer_keys.h GetOrCreateIssuerKey).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/http/router.h"
#include "issuer/app/issuer_app.h"
#include "issuer/http/api_oid4vci.h"

namespace vaardig::issuer {

// specs/sd-jwt-vc/skill-v1.json as it is in the source tree (generated into the build at
// configure time).
[[nodiscard]] std::string_view SkillTypeMetadataTemplate();

// The type metadata served at <public_url>/vct/skill/v1: the template with `vct` set to that URL
// and `schema_uri` removed. internal when the compiled-in template does not parse.
[[nodiscard]] Result<Json> SkillTypeMetadata(const IssuerSettings& settings);

void RegisterIdentityRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<LazyVault> vault);

}  // namespace vaardig::issuer
