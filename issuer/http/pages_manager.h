// The manager's pages (DESIGN.md §2 flows 3 and 9; issue 6 "Web pages"), server-rendered with the
// infrastructure of pages.h:
//   GET  /queue                 the confirmation requests addressed to the signed-in person, oldest
//                               first: employee, skill, their own level, how long it has waited
//   GET  /queue/{id}            one request: the employee's note, frequency, level and evidence
//                               (photos as <img src="/evidence/{id}">, other files as links), and three forms
//   POST /queue/{id}/confirm    level (1–3, preselected to the employee's) and a comment → the
//                               signed endorsement (issuer/app/claims.h Confirm)
//   POST /queue/{id}/ask-info   a question for the employee
//   POST /queue/{id}/decline    a reason (required)
//   GET  /team                  the team × skills matrix (issuer/app/team_view.h) as a table; HR and
//                               administrators pick a manager with ?manager=NUMBER
//   GET  /team.csv              the same as a CSV download (formula-neutralised)
// Rights: managers, HR and administrators (anyone else gets the 403 page); a request not addressed
// to the signed-in person is 404 (claims.h decides). POSTs need the session's CSRF token (field
// `csrf`, checked by RequireSession); a refused POST changes nothing.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/http/message.h"
#include "core/http/router.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"
#include "issuer/http/auth.h"
#include "issuer/http/pages.h"

namespace vaardig::issuer {

// `vault` signs endorsements; when null it is loaded from settings.kek_file at the first
// confirmation (a missing KEK then shows "confirming is not possible right now", 503).
void RegisterManagerPages(http::Router& router, IssuerApp& app, std::shared_ptr<const KeyVault> vault = nullptr);

// Helpers shared by the manager and HR/admin pages (pages_admin.cc).
namespace page {

// A page with a heading, a message and a link back; `message` is plain text (escaped).
[[nodiscard]] http::Response Notice(const PageContext& ctx, int status, std::string_view heading_key,
                                    std::string message, std::string back_href);

using Handler = std::function<http::Response(http::Request&, const AuthedRequest&)>;

// Wraps a page handler: not signed in → 303 /login; a failed CSRF or Origin check → the 403 page;
// a role outside `roles` → the 403 page. For multipart/form-data POSTs the `csrf` form part is
// offered as the X-CSRF-Token header first (RequireSession reads the field only from urlencoded
// bodies), so upload forms carry the token like every other form.
[[nodiscard]] http::Handler ForRoles(IssuerApp& app, std::initializer_list<Role> roles, Handler handler);

// The urlencoded form of a POST, at most `max_bytes`. invalid_argument otherwise.
[[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> Form(const http::Request& request,
                                                                            std::size_t max_bytes);

// "{id}" as a positive integer; nullopt otherwise.
[[nodiscard]] std::optional<std::int64_t> IdParam(const http::Request& request);

}  // namespace page

}  // namespace vaardig::issuer
