// The issuer's W3C VCALM (Verifiable Credentials API for Lifecycle Management) endpoints (issue 7;
// DESIGN.md §5 "HTTP API for VCs").
//
//   POST /credentials/issue   {"credential": {...VCDM 2.0...}, "options"?: {"credentialStatus"?:
//                             {"type": "BitstringStatusListEntry"}}} → 201 {"verifiableCredential"}
//                             signed eddsa-rdfc-2022 by the issuer's DID (issuance.h IssueGivenCredential)
//   POST /credentials/status  {"credentialId", "credentialStatus": [{"type"?: "BitstringStatusListCredential",
//                             "status": true|false, "statusPurpose": "revocation"|"suspension"}],
//                             "reason"?: "..."} → 200 {"credentialId", "state"}
//                             revocation true revokes (final: false is refused 409), suspension
//                             true/false suspends/unsuspends. One change per request.
//
// Who may call: a machine client with `Authorization: Bearer <token>` whose SHA-256 is listed in
// settings vcalm.client_token_sha256 (actor "vcalm:<name>"; compared in constant time), or an
// administrator's session (a cookie session also needs its CSRF token, auth.h). No credentials:
// 401 unauthenticated; a session of another role or a failed CSRF check: 403 permission_denied.
// Errors are http::ErrorResponse bodies {"error": "<code>", "error_description"}. Bodies:
// application/json objects, /credentials/issue ≤ 256 KiB, /credentials/status ≤ 64 KiB.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/common/error.h"
#include "core/http/router.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"
#include "issuer/http/api_oid4vci.h"

namespace vaardig::issuer {

// Who called a VCALM endpoint: a configured client, or an administrator.
struct VcalmCaller {
  std::string actor;                     // "vcalm:<name>" or "person:<id>"
  std::optional<Principal> administrator;  // set for a session
};

// The authentication rule above. unauthenticated or permission_denied.
[[nodiscard]] Result<VcalmCaller> AuthenticateVcalm(IssuerApp& app, const http::Request& request);

void RegisterVcalmRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<LazyVault> vault);

}  // namespace vaardig::issuer
