// The organisation and catalogue JSON API (issue 6 "The organisation", "Catalogue", "Team view";
// DESIGN.md §2 flow 9). Every route needs a session (issuer/http/auth.h RequireSession; CSRF for
// cookie sessions on POST). Errors are http::ErrorResponse bodies.
//
//   GET  /api/skills[?q=TEXT&area=AREA]     {"skills":[skill..]}           anyone signed in
//   GET  /api/skills/{id}                   skill                          anyone signed in
//   GET  /api/roadmaps                      {"roadmaps":[roadmap..]}       anyone signed in
//   GET  /api/team[?manager=NUMBER]         {"people":[person..]}          a manager: their direct reports;
//                                                                          HR/admin: anyone's (manager= required)
//   GET  /api/team/matrix[?manager=NUMBER]  team matrix (issuer/app/team_view.h)   same rights
//   GET  /api/team/matrix.csv[?manager=..]  the same as CSV (attachment), header in the account's language
//   POST /api/people/import[?dry_run=true]  text/csv body → import report    HR/admin
//   GET  /api/people                        {"people":[person..]}          HR/admin
#pragma once

#include "core/http/router.h"
#include "issuer/app/issuer_app.h"

namespace vaardig::issuer {

void RegisterOrganisationRoutes(http::Router& router, IssuerApp& app);

}  // namespace vaardig::issuer
