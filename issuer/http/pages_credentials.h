// The issued credentials' pages (DESIGN.md §2 flows 4 and 8; issue 7): who holds what, and
// revoking, suspending and unsuspending it (issuer/app/status_registry.h), and HR's direct issuance
// (issuer/app/issuance.h CreateDirectOffer). The paths are not /credentials/...: those are the
// VCALM API's (issuer/http/api_vcalm.h).
//
//   GET  /issued               hr/admin: every credential; a manager: those they confirmed — newest
//                              first, with its state and, per credential that can still change, a
//                              form: revoke / suspend / unsuspend (only the ones its state allows)
//                              and a required reason. ?done=<action> shows what was done.
//   POST /issued/status        credential_id, action, reason: without confirm=yes it changes nothing
//                              and shows the confirmation step (what will happen; revoking is final);
//                              with confirm=yes it makes the change (ChangeCredentialStatus) and
//                              redirects to /issued?done=<action>.
//   GET  /issued/new           hr/admin: the direct issuance form (employee number, skill, level,
//                              confirmed by).
//   POST /issued/new           makes the offer and shows the offer page (QR code, link, PIN) of
//                              pages_collect.h; "new code" posts the same fields again.
// Rights: managers, hr and admin (employees get the 403 page); a credential the principal may not
// manage is the 404 page, whether it exists or not. POSTs need the session's CSRF token.
#pragma once

#include <string_view>

#include <kainjow/mustache.hpp>

#include "core/http/router.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"

namespace vaardig::issuer {

void RegisterCredentialPages(http::Router& router, IssuerApp& app);

// For the employee's skills page: sets "my_credentials" (a list of {skill, level, format, state,
// state_text, issued_on, reason?}) and "has_credentials" in `page` from the principal's own
// credentials. Sets nothing when there are none or they cannot be read (the page still renders).
void AddOwnCredentials(IssuerApp& app, const Principal& principal, std::string_view language,
                       kainjow::mustache::data& page);

}  // namespace vaardig::issuer
