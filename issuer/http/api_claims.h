// The claims and confirmation JSON API (issue 6 "Claims", "Confirmation"; DESIGN.md §2 flows 1–3).
// Every route needs a session (issuer/http/auth.h RequireSession; CSRF for cookie sessions on
// POST); the rights are checked by issuer/app/claims.h. Errors are http::ErrorResponse bodies.
//
//   POST /api/claims                                  {"skill_id","self_level","note"?,"frequency"?} → 201 claim
//   GET  /api/claims                                  {"claims":[claim..]} (one's own)
//   GET  /api/claims/{id}                             claim
//   POST /api/claims/{id}/evidence                    multipart/form-data, field "file" → 201 evidence
//   GET  /api/evidence/{id}                           the file (attachment, sanitized media type, nosniff)
//   POST /api/claims/{id}/confirmation-requests       {"endorser_id"?,"message"?} → 201 {"request_id"}
//   GET  /api/queue                                   {"requests":[item..]}
//   POST /api/confirmation-requests/{id}/confirm      {"level","comment"?} → 200 {"endorsement_id","kid","jws","statement"}
//   POST /api/confirmation-requests/{id}/ask-info     {"comment"} → 204
//   POST /api/confirmation-requests/{id}/decline      {"reason"} → 204
//   POST /api/claims/{id}/withdraw                    → 204
//   POST /api/claims/{id}/information                 {"message"} → 204
// JSON bodies: application/json, at most 16 KiB, an object.
#pragma once

#include <memory>

#include "core/http/router.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"

namespace vaardig::issuer {

// `vault` signs endorsements; when null it is loaded from settings.kek_file / VAARDIG_ISSUER_KEK at
// the first confirmation (a missing or refused KEK then answers 503 unavailable without details).
void RegisterClaimRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<const KeyVault> vault = nullptr);

}  // namespace vaardig::issuer
