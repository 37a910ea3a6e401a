// Server-rendered pages of the issuer (DESIGN.md §6 "Web pages"): the page infrastructure other
// pages build on, and the account pages (login, logout, home).
//
// How to add a page (claims, manager queue, HR pages, ...):
//   1. add a mustache template to issuer/web/templates.cc (Templates()) and its texts to
//      issuer/web/messages.cc (both languages) — or, for a page group, to its own pair of files
//      (e.g. templates_manager.cc / messages_manager.cc), declared in web_assets.h and listed in
//      pages.cc's TemplateSets()/MessageSets(); templates read texts as {{t.<key>}}, the page
//      language as {{lang}}, and the session's CSRF token as {{csrf}} (put it in every POST form
//      as <input type="hidden" name="csrf" value="{{csrf}}">);
//   2. in the handler: auto authed = RequireSession(app, request) (issuer/http/auth.h); on
//      unauthenticated answer RedirectToLogin(); build a PageContext with MakePageContext(app,
//      request, &*authed, "<title message key>"), fill a kainjow::mustache::data with the page's
//      values, and return PageResponse(ctx, "<template>", data).
// Escaping: {{x}} escapes HTML; never use {{{x}}} for data (only the layout's {{{content}}}, which
// is HTML this module rendered). No inline styles or scripts: the CSP is
// "default-src 'self'; style-src 'self'; script-src 'self'".
// Templates are parsed once (first use, guarded); rendering is thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "core/common/error.h"
#include "core/http/message.h"
#include "core/http/router.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"
#include "issuer/http/auth.h"

namespace vaardig::issuer {

struct PageContext {
  std::string language = "nl";  // "nl" or "en"
  std::string title;            // the <title> text (already in the page language)
  std::optional<Principal> principal;  // set when signed in: the layout shows nav and logout
  std::string csrf_token;              // the session's, for the forms of the page and layout
  std::string organisation;            // footer
};

// The page language: ?lang=nl|en first (an explicit choice), then the signed-in account's
// language, then the first of nl/en in Accept-Language; "nl" otherwise.
[[nodiscard]] std::string PageLanguage(const http::Request& request, const AuthedRequest* authed);

// The text of message `key` in `language` (issuer/web/messages.cc); the key itself when unknown.
[[nodiscard]] std::string Message(std::string_view language, std::string_view key);

// A PageContext for the request; `authed` may be null (anonymous pages).
[[nodiscard]] PageContext MakePageContext(const IssuerApp& app, const http::Request& request,
                                          const AuthedRequest* authed, std::string_view title_key);

// Renders template `template_name` with `data` plus {{lang}}, {{csrf}} and {{t.*}}, inside the
// layout. not_found for an unknown template; internal when mustache reports an error.
[[nodiscard]] Result<std::string> RenderPage(const PageContext& context, std::string_view template_name,
                                             kainjow::mustache::data data);

// RenderPage as an HTML response with `status`; a render failure becomes a plain 500.
[[nodiscard]] http::Response PageResponse(const PageContext& context, std::string_view template_name,
                                          kainjow::mustache::data data, int status = 200);

// 303 to /login.
[[nodiscard]] http::Response RedirectToLogin();

// GET /login, POST /login, POST /logout, GET /, GET /static/vaardig.css.
//
// Login CSRF: POST /login has no session yet, so it uses a pre-session double-submit token: GET
// /login sets the cookie vaardig_login_csrf (random, HttpOnly, SameSite=Strict, path /login) and
// puts the same value in the form; POST /login needs both to match, and Origin (when sent) must be
// public_url's origin. SameSite alone would not stop a same-site attacker, and some browsers send
// no Origin on same-origin form posts, so the token is the check that always applies.
void RegisterAccountPages(http::Router& router, IssuerApp& app);

}  // namespace vaardig::issuer
