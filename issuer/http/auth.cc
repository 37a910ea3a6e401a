#include "issuer/http/auth.h"

#include "core/crypto/secret_bytes.h"
#include "core/encoding/json.h"
#include "issuer/http/pages.h"

namespace vaardig::issuer {

namespace {

constexpr std::size_t kMaxLoginBody = 4096;

bool IsUnsafe(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
         m == http::Method::kDelete;
}

std::optional<std::string> BearerToken(const http::Request& request) {
  auto header = request.Header("authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view kPrefix = "Bearer ";
  if (header->size() <= kPrefix.size() || header->substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  return std::string(header->substr(kPrefix.size()));
}

// The CSRF token the request offers: the X-CSRF-Token header, else the `csrf` form field.
std::string OfferedCsrf(const http::Request& request) {
  if (auto h = request.Header("x-csrf-token")) return std::string(*h);
  if (request.MediaType() == "application/x-www-form-urlencoded") {
    auto form = http::ParseForm(request.body);
    if (form) {
      if (auto v = http::FormValue(*form, "csrf")) return std::string(*v);
    }
  }
  // File-upload forms: the csrf field is a plain (non-file) part of the multipart body.
  if (request.MediaType() == "multipart/form-data") {
    auto content_type = request.Header("content-type");
    auto parts = http::ParseMultipart(content_type.value_or(""), request.body);
    if (parts) {
      for (const auto& part : *parts) {
        if (part.name == "csrf" && !part.filename) return part.data;
      }
    }
  }
  return {};
}

Result<Json> JsonObjectBody(const http::Request& request) {
  if (request.MediaType() != "application/json") {
    return Fail(ErrorCode::kInvalidArgument, "the request body must be application/json");
  }
  VAARDIG_ASSIGN_OR_RETURN(Json body, ParseJson(request.body, JsonLimits{.max_bytes = kMaxLoginBody, .max_depth = 4}));
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "the request body must be a JSON object");
  return body;
}

Result<std::string> StringMember(const Json& body, std::string_view name) {
  auto it = body.find(std::string(name));
  if (it == body.end() || !it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(name) + "\" must be a string");
  }
  return it->get<std::string>();
}

}  // namespace


bool OriginAllowed(const IssuerApp& app, const http::Request& request) {
  auto origin = request.Header("origin");
  if (!origin) return true;
  const std::string expected = http::OriginOf(app.settings().public_url);
  if (expected.empty()) return true;
  return *origin == expected;
}

bool TokensEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return crypto::SecretBytes::CopyFrom(AsBytes(a)) == crypto::SecretBytes::CopyFrom(AsBytes(b));
}

std::string SessionToken(const http::Request& request) {
  if (auto cookie = request.Cookie(kSessionCookie)) return *cookie;
  if (auto bearer = BearerToken(request)) return *bearer;
  return {};
}

Result<AuthedRequest> RequireSession(IssuerApp& app, const http::Request& request) {
  const auto cookie = request.Cookie(kSessionCookie);
  const auto bearer = cookie ? std::nullopt : BearerToken(request);
  if (!cookie && !bearer) return Fail(ErrorCode::kUnauthenticated, "not signed in");
  VAARDIG_ASSIGN_OR_RETURN(Session session, Authenticate(app, cookie ? *cookie : *bearer));
  if (cookie && IsUnsafe(request.method)) {
    if (!OriginAllowed(app, request)) {
      return Fail(ErrorCode::kPermissionDenied, "the request comes from another site (Origin)");
    }
    if (!TokensEqual(OfferedCsrf(request), session.csrf_token)) {
      return Fail(ErrorCode::kPermissionDenied, "missing or wrong CSRF token (X-CSRF-Token or form field csrf)");
    }
  }
  return AuthedRequest{.principal = std::move(session.principal),
                       .csrf_token = std::move(session.csrf_token),
                       .language = std::move(session.language),
                       .via_cookie = cookie.has_value()};
}

Status RequireRole(const AuthedRequest& authed, std::initializer_list<Role> roles) {
  std::string names;
  for (Role r : roles) {
    if (authed.principal.role == r) return {};
    names += (names.empty() ? "" : ", ") + std::string(ToString(r));
  }
  return Fail(ErrorCode::kPermissionDenied, "this needs one of the roles: " + names);
}

std::string SessionCookie(const IssuerApp& app, std::string_view token) {
  http::CookieOptions options{.secure = app.settings().cookie_secure};
  if (token.empty()) options.max_age = std::chrono::seconds(0);
  return http::SetCookieValue(kSessionCookie, token, options);
}

Json PrincipalJson(const Principal& p) {
  Json j{{"id", p.person_id}, {"employee_number", p.employee_number}, {"name", p.name},
         {"role", std::string(ToString(p.role))}};
  j["team_id"] = p.team_id ? Json(*p.team_id) : Json(nullptr);
  return j;
}

void RegisterAccountRoutes(http::Router& router, IssuerApp& app) {
  RegisterAccountPages(router, app);
  router.Post("/api/session", [&app](http::Request& request) {
    auto body = JsonObjectBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto email = StringMember(*body, "email");
    if (!email) return http::ErrorResponse(email.error());
    auto password = StringMember(*body, "password");
    if (!password) return http::ErrorResponse(password.error());
    auto login = Login(app, *email, *password, request.remote_address);
    if (!login) return http::ErrorResponse(login.error());
    http::Response r = http::Response::JsonBody(
        200, Json{{"csrf_token", login->csrf_token}, {"person", PrincipalJson(login->principal)}});
    r.AddHeader("Set-Cookie", SessionCookie(app, login->session_token));
    return r;
  });
  router.Add(http::Method::kDelete, "/api/session", [&app](http::Request& request) {
    auto authed = RequireSession(app, request);
    if (!authed) return http::ErrorResponse(authed.error());
    if (Status st = Logout(app, SessionToken(request)); !st) return http::ErrorResponse(st.error());
    http::Response r = http::Response::NoContent();
    r.AddHeader("Set-Cookie", SessionCookie(app, ""));
    return r;
  });
  router.Get("/api/me", [&app](http::Request& request) {
    auto authed = RequireSession(app, request);
    if (!authed) return http::ErrorResponse(authed.error());
    return http::Response::JsonBody(
        200, Json{{"person", PrincipalJson(authed->principal)}, {"csrf_token", authed->csrf_token},
                  {"language", authed->language}});
  });
  router.Post("/api/people/{id}/password", [&app](http::Request& request) {
    auto authed = RequireSession(app, request);
    if (!authed) return http::ErrorResponse(authed.error());
    const std::string id_text(request.PathParam("id").value_or(""));
    std::int64_t id = 0;
    if (id_text.empty() || id_text.size() > 18 ||
        id_text.find_first_not_of("0123456789") != std::string::npos) {
      return http::ErrorResponse(Error(ErrorCode::kNotFound, "no person with id " + id_text.substr(0, 20)));
    }
    id = std::stoll(id_text);
    auto body = JsonObjectBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto password = StringMember(*body, "password");
    if (!password) return http::ErrorResponse(password.error());
    if (Status st = SetPassword(app, authed->principal, id, *password); !st) return http::ErrorResponse(st.error());
    return http::Response::NoContent();
  });
}

}  // namespace vaardig::issuer
