// The employee's pages (issue 6 "Web pages", DESIGN.md §1–§3): my skills, recording a skill, a
// claim with its evidence and the actions on it, and evidence downloads. Server-rendered over
// issuer/app/claims.h, which checks every right itself; these handlers only translate forms into
// calls and results into plain-language pages.
//
// Routes (every one needs a session; a page without one redirects to /login; every POST needs the
// CSRF token in the form field `csrf`, also in the multipart upload):
//   GET  /claims                    "Mijn vaardigheden": confirmed (green) and self-declared (blue), by area
//   GET  /claims/new[?q=]           the form: catalogue by area with a search that needs no script, the
//                                   team's Roadmap, the level (§3), a note and how often
//   POST /claims                    records the skill → 303 /claims/{id}
//   GET  /claims/{id}               the claim, its evidence and what can be done next
//   POST /claims/{id}/evidence      multipart upload (field `file`) → 303 /claims/{id}?done=evidence
//   POST /claims/{id}/ask           asks the owner's manager → 303 /claims/{id}?done=asked
//   POST /claims/{id}/information   answers the manager's question → 303 /claims/{id}?done=answered
//   POST /claims/{id}/withdraw      → 303 /claims
//   GET  /evidence/{id}             the stored file, with the rights of GET /api/evidence/{id}
// An id the person may not see answers 404, the same page as an unknown id.
#pragma once

#include "core/http/router.h"
#include "issuer/app/issuer_app.h"

namespace vaardig::issuer {

void RegisterEmployeePages(http::Router& router, IssuerApp& app);

}  // namespace vaardig::issuer
