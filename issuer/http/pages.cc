#include "issuer/http/pages.h"

#include <map>
#include <mutex>

#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "issuer/web/web_assets.h"

namespace vaardig::issuer {

namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr std::string_view kLoginCsrfCookie = "vaardig_login_csrf";
constexpr std::size_t kMaxLoginFormBytes = 4096;

// The parsed templates, built once. kainjow's render() is not const, so rendering holds a lock.
struct CompiledTemplates {
  std::mutex mu;
  std::map<std::string, mustache, std::less<>> by_name;
  std::string error;  // the first template that did not parse
};

// Every template set and message set (web_assets.h): the shared one first, then one per page group.
const std::vector<const std::vector<web::NamedTemplate>*>& TemplateSets() {
  static const std::vector<const std::vector<web::NamedTemplate>*> sets = {
      &web::Templates(), &web::ManagerTemplates(), &web::EmployeeTemplates(), &web::CollectTemplates(),
      &web::CredentialTemplates()};
  return sets;
}
const std::vector<const std::vector<web::MessageEntry>*>& MessageSets() {
  static const std::vector<const std::vector<web::MessageEntry>*> sets = {
      &web::Messages(), &web::ManagerMessages(), &web::EmployeeMessages(), &web::CollectMessages(),
      &web::CredentialMessages()};
  return sets;
}

CompiledTemplates& Compiled() {
  static CompiledTemplates* compiled = [] {
    auto* c = new CompiledTemplates();
    for (const auto* set : TemplateSets()) {
      for (const web::NamedTemplate& t : *set) {
        mustache m{std::string(t.text)};
        if (!m.is_valid() && c->error.empty()) c->error = std::string(t.name) + ": " + m.error_message();
        const bool added = c->by_name.emplace(std::string(t.name), std::move(m)).second;
        if (!added && c->error.empty()) c->error = std::string(t.name) + ": defined twice";
      }
    }
    return c;
  }();
  return *compiled;
}

data MessagesFor(std::string_view language) {
  data t{data::type::object};
  const bool en = language == "en";
  for (const auto* set : MessageSets()) {
    for (const web::MessageEntry& m : *set) t.set(std::string(m.key), std::string(en ? m.en : m.nl));
  }
  return t;
}

data Link(std::string_view href, std::string label) {
  data d{data::type::object};
  d.set("href", std::string(href));
  d.set("label", std::move(label));
  return d;
}

// The links of a role's home page and navigation. The pages behind them come with later work.
data RoleLinks(const Principal& p, std::string_view lang) {
  data list{data::type::list};
  list.push_back(Link("/claims", Message(lang, "link_my_skills")));
  list.push_back(Link("/claims/new", Message(lang, "link_record_skill")));
  if (p.role == Role::kManager || p.IsHrOrAdmin()) {
    list.push_back(Link("/queue", Message(lang, "link_queue")));
    list.push_back(Link("/team", Message(lang, "link_team")));
    list.push_back(Link("/issued", Message(lang, "link_credentials")));
  }
  if (p.IsHrOrAdmin()) {
    list.push_back(Link("/people", Message(lang, "link_people")));
    list.push_back(Link("/catalogue", Message(lang, "link_catalogue")));
    list.push_back(Link("/audit", Message(lang, "link_audit")));
  }
  return list;
}

std::string NewToken() { return encoding::Base64UrlEncode(crypto::RandomBytes(32)); }

std::string LoginCsrfCookie(const IssuerApp& app, std::string_view value) {
  http::CookieOptions options{.path = "/login", .secure = app.settings().cookie_secure, .same_site = "Strict"};
  if (value.empty()) options.max_age = std::chrono::seconds(0);
  return http::SetCookieValue(kLoginCsrfCookie, value, options);
}

http::Response LoginPage(IssuerApp& app, const http::Request& request, int status, std::string_view error_key,
                         std::string_view email) {
  PageContext ctx = MakePageContext(app, request, nullptr, "login_title");
  // A fresh pre-session token per form.
  ctx.csrf_token = NewToken();
  data d{data::type::object};
  d.set("email", std::string(email));
  if (!error_key.empty()) d.set("error", Message(ctx.language, error_key));
  http::Response r = PageResponse(ctx, "login", std::move(d), status);
  r.AddHeader("Set-Cookie", LoginCsrfCookie(app, ctx.csrf_token));
  return r;
}

http::Response ErrorPage(const PageContext& ctx, int status, std::string_view message_key, std::string back) {
  data d{data::type::object};
  d.set("heading", Message(ctx.language, "error_title"));
  d.set("message", Message(ctx.language, message_key));
  d.set("back_href", std::move(back));
  return PageResponse(ctx, "error", std::move(d), status);
}

}  // namespace

std::string PageLanguage(const http::Request& request, const AuthedRequest* authed) {
  if (auto q = request.QueryParam("lang"); q && (*q == "nl" || *q == "en")) return std::string(*q);
  if (authed != nullptr && (authed->language == "nl" || authed->language == "en")) return authed->language;
  if (auto accept = request.Header("accept-language")) {
    // The first listed language that we have wins; q-values are not weighed.
    std::string_view rest = *accept;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      const std::string_view primary = item.substr(0, item.find_first_of("-;"));
      if (primary.size() == 2) {
        const char a = static_cast<char>(primary[0] | 0x20);
        const char b = static_cast<char>(primary[1] | 0x20);
        if (a == 'n' && b == 'l') return "nl";
        if (a == 'e' && b == 'n') return "en";
      }
    }
  }
  return "nl";
}

std::string Message(std::string_view language, std::string_view key) {
  for (const auto* set : MessageSets()) {
    for (const web::MessageEntry& m : *set) {
      if (m.key == key) return std::string(language == "en" ? m.en : m.nl);
    }
  }
  return std::string(key);
}

PageContext MakePageContext(const IssuerApp& app, const http::Request& request, const AuthedRequest* authed,
                            std::string_view title_key) {
  PageContext ctx;
  ctx.language = PageLanguage(request, authed);
  ctx.title = Message(ctx.language, title_key);
  ctx.organisation = app.settings().organisation_name;
  if (authed != nullptr) {
    ctx.principal = authed->principal;
    ctx.csrf_token = authed->csrf_token;
  }
  return ctx;
}

Result<std::string> RenderPage(const PageContext& context, std::string_view template_name, data page) {
  CompiledTemplates& compiled = Compiled();
  if (!compiled.error.empty()) return Fail(ErrorCode::kInternal, "template " + compiled.error);
  auto body = compiled.by_name.find(template_name);
  auto layout = compiled.by_name.find("layout");
  if (body == compiled.by_name.end() || layout == compiled.by_name.end()) {
    return Fail(ErrorCode::kNotFound, "no page template \"" + std::string(template_name) + "\"");
  }
  data t = MessagesFor(context.language);
  page.set("t", t);
  page.set("lang", context.language);
  page.set("csrf", context.csrf_token);

  data frame{data::type::object};
  frame.set("t", t);
  frame.set("lang", context.language);
  frame.set("csrf", context.csrf_token);
  frame.set("title", context.title);
  frame.set("organisation", context.organisation);
  if (context.principal) {
    frame.set("signed_in", true);
    frame.set("nav", RoleLinks(*context.principal, context.language));
  }
  try {
    std::lock_guard lock(compiled.mu);
    std::string content = body->second.render(page);
    if (!body->second.error_message().empty()) {
      return Fail(ErrorCode::kInternal, "template " + std::string(template_name) + ": " + body->second.error_message());
    }
    frame.set("content", content);
    std::string html = layout->second.render(frame);
    if (!layout->second.error_message().empty()) {
      return Fail(ErrorCode::kInternal, "template layout: " + layout->second.error_message());
    }
    return html;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, std::string("rendering a page failed: ") + e.what());
  }
}

http::Response PageResponse(const PageContext& context, std::string_view template_name, data page, int status) {
  auto html = RenderPage(context, template_name, std::move(page));
  if (!html) return http::Response::Text(500, "internal error rendering the page\n");
  return http::Response::Html(status, std::move(*html));
}

http::Response RedirectToLogin() { return http::Response::Redirect("/login"); }

void RegisterAccountPages(http::Router& router, IssuerApp& app) {
  router.Get("/static/vaardig.css", [](http::Request&) {
    http::Response r = http::Response::Text(200, std::string(web::VaardigCss()) + std::string(web::EmployeeCss()) +
                                                     std::string(web::ManagerCss()) + std::string(web::CollectCss()));
    r.content_type = "text/css; charset=utf-8";
    r.AddHeader("Cache-Control", "public, max-age=3600");
    return r;
  });

  router.Get("/login", [&app](http::Request& request) {
    if (RequireSession(app, request)) return http::Response::Redirect("/");
    return LoginPage(app, request, 200, "", "");
  });

  router.Post("/login", [&app](http::Request& request) {
    if (request.MediaType() != "application/x-www-form-urlencoded" || request.body.size() > kMaxLoginFormBytes) {
      return LoginPage(app, request, 400, "form_expired", "");
    }
    auto form = http::ParseForm(request.body);
    if (!form) return LoginPage(app, request, 400, "form_expired", "");
    const std::string email(http::FormValue(*form, "email").value_or(""));
    const std::string offered(http::FormValue(*form, "csrf").value_or(""));
    if (auto lang = http::FormValue(*form, "lang"); lang && (*lang == "nl" || *lang == "en")) {
      request.query.emplace_back("lang", std::string(*lang));
    }
    const auto expected = request.Cookie(kLoginCsrfCookie);
    if (!OriginAllowed(app, request) || !expected || !TokensEqual(offered, *expected)) {
      return LoginPage(app, request, 403, "form_expired", email);
    }
    auto login = Login(app, email, http::FormValue(*form, "password").value_or(""), request.remote_address);
    if (!login) {
      switch (login.error().code()) {
        case ErrorCode::kUnauthenticated: return LoginPage(app, request, 401, "wrong_credentials", email);
        case ErrorCode::kResourceExhausted: return LoginPage(app, request, 429, "too_many_failures", email);
        case ErrorCode::kInvalidArgument: return LoginPage(app, request, 400, "wrong_credentials", "");
        default: return LoginPage(app, request, 503, "login_failed", email);
      }
    }
    http::Response r = http::Response::Redirect("/");
    r.AddHeader("Set-Cookie", SessionCookie(app, login->session_token));
    r.AddHeader("Set-Cookie", LoginCsrfCookie(app, ""));
    return r;
  });

  router.Post("/logout", [&app](http::Request& request) {
    auto authed = RequireSession(app, request);
    if (!authed) {
      if (authed.error().code() == ErrorCode::kUnauthenticated) return RedirectToLogin();
      PageContext ctx = MakePageContext(app, request, nullptr, "error_title");
      return ErrorPage(ctx, 403, "forbidden", "/");
    }
    if (Status st = Logout(app, SessionToken(request)); !st) {
      PageContext ctx = MakePageContext(app, request, &*authed, "error_title");
      return ErrorPage(ctx, 503, "login_failed", "/");
    }
    http::Response r = RedirectToLogin();
    r.AddHeader("Set-Cookie", SessionCookie(app, ""));
    return r;
  });

  router.Get("/", [&app](http::Request& request) {
    auto authed = RequireSession(app, request);
    if (!authed) return RedirectToLogin();
    PageContext ctx = MakePageContext(app, request, &*authed, "home_title");
    const Principal& p = authed->principal;
    data d{data::type::object};
    d.set("name", p.name);
    d.set("role_label", Message(ctx.language, "role_" + std::string(ToString(p.role))));
    d.set("links", RoleLinks(p, ctx.language));
    return PageResponse(ctx, "home", std::move(d));
  });
}

}  // namespace vaardig::issuer
