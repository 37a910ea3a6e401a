// Authentication and authorisation helpers for the issuer's handlers, and the account routes.
//
// A request is signed in by the cookie `vaardig_session` (browsers) or by
// `Authorization: Bearer <session token>` (API clients). For unsafe methods (POST, PUT, PATCH,
// DELETE) with a cookie session, RequireSession also demands CSRF proof: the header X-CSRF-Token
// or the form field `csrf` equal to the session's CSRF token (constant-time compare), and, when the
// request carries Origin, that it equals the origin of settings.public_url. Bearer requests need
// no CSRF proof: browsers never attach that header on their own.
//
// Routes (RegisterAccountRoutes; it also registers the account pages of issuer/http/pages.h):
//   POST   /api/session              {"email","password"} → 200 {"csrf_token","person"} + cookie
//   DELETE /api/session              ends the session → 204 and an expired cookie
//   GET    /api/me                   {"person","csrf_token"}
//   POST   /api/people/{id}/password {"password"} → 204 (the person themselves, hr or admin)
#pragma once

#include <initializer_list>
#include <string>

#include "core/common/error.h"
#include "core/http/message.h"
#include "core/http/router.h"
#include "issuer/app/accounts.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"

namespace vaardig::issuer {

inline constexpr std::string_view kSessionCookie = "vaardig_session";

struct AuthedRequest {
  Principal principal{};
  std::string csrf_token{};
  std::string language{};  // the account's, "nl" or "en"
  bool via_cookie = false;
};

// unauthenticated when there is no valid session; permission_denied when the CSRF proof or the
// Origin check fails (see above).
[[nodiscard]] Result<AuthedRequest> RequireSession(IssuerApp& app, const http::Request& request);

// permission_denied "this needs one of the roles: ..." unless the principal has one of `roles`.
[[nodiscard]] Status RequireRole(const AuthedRequest& authed, std::initializer_list<Role> roles);

// The session token the request carries (cookie first, then bearer), empty when none.
[[nodiscard]] std::string SessionToken(const http::Request& request);

// True when the request's Origin header is absent or equals public_url's origin (also true when
// public_url is not set, as in development).
[[nodiscard]] bool OriginAllowed(const IssuerApp& app, const http::Request& request);

// Constant-time equality of two tokens (lengths are not secret).
[[nodiscard]] bool TokensEqual(std::string_view a, std::string_view b);

// The Set-Cookie value for a new session token, or an expiring one when `token` is empty.
[[nodiscard]] std::string SessionCookie(const IssuerApp& app, std::string_view token);

// {"id","employee_number","name","role","team_id"}.
[[nodiscard]] Json PrincipalJson(const Principal& principal);

void RegisterAccountRoutes(http::Router& router, IssuerApp& app);

}  // namespace vaardig::issuer
