#include "wallet/http/pages.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "wallet/web/assets.h"

namespace vaardig::wallet {
namespace {

using kainjow::mustache::data;

constexpr std::size_t kMaxFormBytes = 32 * 1024;

std::string Lang(const http::Request& request) { return request.QueryParam("lang").value_or("") == "en" ? "en" : "nl"; }

struct Ctx {
  HostedWallet* wallet;
  WalletRouterOptions options;
};

http::Response Page(std::string_view name, const http::Request& request, data d, const RequestSession* rs,
                    int status = 200) {
  const std::string lang = Lang(request);
  const std::string other = lang == "en" ? "nl" : "en";
  d.set("other_lang", other);
  d.set("other_lang_label", other == "en" ? "English" : "Nederlands");
  // The same page in the other language, keeping its other parameters (?offer=, ?request=).
  std::string href(request.path);
  href += "?lang=" + other;
  for (const auto& [name, value] : request.query) {
    if (name != "lang") href += "&" + http::FormEncode(name) + "=" + http::FormEncode(value);
  }
  d.set("other_lang_href", href);
  if (rs != nullptr && rs->session) {
    d.set("signed_in", true);
    d.set("csrf", rs->session->csrf_token);
  }
  http::Response r = http::Response::Html(status, web::Render(name, lang, std::move(d)));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response Notice(const http::Request& request, const RequestSession* rs, int status, std::string_view heading_key,
                      std::string text) {
  const std::string lang = Lang(request);
  data d{data::type::object};
  d.set("title", web::Text(lang, heading_key));
  d.set("heading", web::Text(lang, heading_key));
  d.set("text", std::move(text));
  d.set("back", "/?lang=" + lang);
  return Page("notice", request, std::move(d), rs, status);
}

http::Response ErrorNotice(const http::Request& request, const RequestSession* rs, const Error& error) {
  const bool internal = error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kDataLoss;
  return Notice(request, rs, http::HttpStatusFor(error.code()), "error_title",
                internal ? std::string("internal error") : error.message());
}

std::vector<std::pair<std::string, std::string>> Form(const http::Request& request, std::size_t max_bytes = kMaxFormBytes) {
  if (request.body.size() > max_bytes || request.MediaType() != "application/x-www-form-urlencoded") return {};
  auto form = http::ParseForm(request.body);
  return form ? *form : std::vector<std::pair<std::string, std::string>>{};
}

std::string Field(const std::vector<std::pair<std::string, std::string>>& form, std::string_view name) {
  auto v = http::FormValue(form, name);
  return v ? std::string(*v) : std::string();
}

bool SignedOutOriginOk(const Ctx& ctx, const http::Request& request) {
  auto origin = request.Header("origin");
  const std::string expected = http::OriginOf(ctx.options.public_url);
  return !origin || expected.empty() || *origin == expected;
}

std::string StatusText(std::string_view lang, std::string_view status) {
  if (status == "valid" || status == "revoked" || status == "suspended" || status == "unchecked" || status == "invalid") {
    return web::Text(lang, "status_" + std::string(status));
  }
  return {};
}

// Claim paths in words ("skill.level" → "het niveau"); a path without a text stays as it is.
std::string ShownInWords(const std::vector<std::string>& paths, std::string_view lang) {
  std::string out;
  for (const std::string& p : paths) {
    std::string text = web::Text(lang, "path_" + p);
    if (text.starts_with("path_")) text = p;
    out += (out.empty() ? "" : ", ") + text;
  }
  return out;
}

// "07-01-2027" (day-month-year, as Dutch readers expect; UTC).
std::string DateText(std::int64_t unix_seconds) {
  const std::chrono::sys_days day{std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}})};
  const std::chrono::year_month_day ymd{day};
  char out[16];
  std::snprintf(out, sizeof out, "%02u-%02u-%04d", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
                static_cast<int>(ymd.year()));
  return out;
}

std::string FormatLabel(std::string_view format) { return format == "ldp_vc" ? "Open Badge 3.0" : "SD-JWT VC"; }

std::string SkillName(const CredentialView& v, std::string_view lang) {
  if (lang == "en" && !v.skill_name_en.empty()) return v.skill_name_en;
  return v.skill_name_nl.empty() ? v.name : v.skill_name_nl;
}

data CardData(const CredentialView& v, std::string_view lang) {
  data item{data::type::object};
  item.set("id", v.id);
  item.set("skill", SkillName(v, lang));
  item.set("kind", v.kind);
  item.set("kind_text", web::Text(lang, "kind_" + v.kind));
  if (v.level) item.set("level", std::to_string(*v.level) + " · " + WalletLevelLabel(*v.level, lang));
  item.set("format", FormatLabel(v.format));
  if (!v.area.empty() && !v.organisation.empty()) item.set("organisation", v.organisation);
  item.set("status", v.status);
  const std::string status_text = StatusText(lang, v.status);
  if (!status_text.empty()) item.set("status_text", status_text);
  if (v.status == "revoked" || v.status == "suspended" || v.status == "invalid") item.set("inactive", true);
  return item;
}

// The session for a page; nullptr session when signed out.
RequestSession PageSession(const Ctx& ctx, const http::Request& request, bool unsafe) {
  return SessionOf(*ctx.wallet, request, unsafe, ctx.options);
}

http::Response NeedSignIn(const http::Request& request, const RequestSession& rs) {
  if (rs.csrf_failed) return Notice(request, nullptr, 403, "session_title", web::Text(Lang(request), "session_text"));
  return http::Response::Redirect("/?lang=" + Lang(request));
}

http::Response SignInPage(const Ctx& ctx, const http::Request& request, int status, std::string error,
                          std::string user = {}) {
  const std::string lang = Lang(request);
  data d{data::type::object};
  d.set("title", web::Text(lang, "signin_title"));
  if (!error.empty()) d.set("error", std::move(error));
  if (!user.empty()) d.set("user", std::move(user));
  if (ctx.wallet->open_registration()) d.set("registration", true);
  return Page("signin", request, std::move(d), nullptr, status);
}

// 429 for a throttled attempt (as the API answers), else the error code's status.
int SignInStatus(const Error& error) {
  return error.code() == ErrorCode::kResourceExhausted && error.message().starts_with(kTooManyAttempts)
             ? 429
             : http::HttpStatusFor(error.code());
}

std::string SignInErrorText(std::string_view lang, const Error& error) {
  if (error.code() == ErrorCode::kUnauthenticated) return web::Text(lang, "wrong_signin");
  if (error.code() == ErrorCode::kResourceExhausted && error.message().starts_with(kTooManyAttempts)) {
    return web::Text(lang, "too_many");
  }
  return error.message();
}

http::Response Home(const Ctx& ctx, const http::Request& request, const RequestSession& rs) {
  const std::string lang = Lang(request);
  auto list = ctx.wallet->Credentials(*rs.session);
  if (!list) return ErrorNotice(request, &rs, list.error());
  // Grouped by employer, in order of first appearance; confirmed before self-declared in a group.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const CredentialView*>> groups;
  for (const CredentialView& v : list->credentials) {
    // By area (the employer's catalogue), else by employer; self-declared skills apart.
    const std::string key = v.kind == "self_declared" && v.issuer.starts_with("did:")
                                ? web::Text(lang, "group_self")
                                : !v.area.empty() ? v.area
                                : (v.organisation.empty() ? v.issuer : v.organisation);
    if (!groups.contains(key)) order.push_back(key);
    groups[key].push_back(&v);
  }
  data group_list{data::type::list};
  int index = 0;
  for (const std::string& key : order) {
    auto& items = groups[key];
    std::stable_sort(items.begin(), items.end(), [](const CredentialView* a, const CredentialView* b) {
      return a->kind == "confirmed" && b->kind != "confirmed";
    });
    data g{data::type::object};
    g.set("index", std::to_string(index++));
    g.set("organisation", key);
    data cards{data::type::list};
    for (const CredentialView* v : items) cards.push_back(CardData(*v, lang));
    g.set("items", std::move(cards));
    group_list.push_back(std::move(g));
  }
  data d{data::type::object};
  d.set("title", web::Text(lang, "home_title"));
  d.set("user", rs.session->user);
  if (index > 0) d.set("groups", std::move(group_list));
  if (!list->damaged_ids.empty()) d.set("damaged", true);
  return Page("home", request, std::move(d), &rs);
}

http::Response ConsentPage(const Ctx& ctx, const http::Request& request, const RequestSession& rs,
                           const OpenedPending& pending) {
  const std::string lang = Lang(request);
  data d{data::type::object};
  d.set("title", web::Text(lang, "consent_title"));
  d.set("pending", pending.id);
  d.set("verifier", pending.opened.verifier);
  if (pending.opened.verifier_name) d.set("verifier_name", *pending.opened.verifier_name);
  data queries{data::type::list};
  for (const QueryCandidates& q : pending.opened.queries) {
    data qd{data::type::object};
    data candidates{data::type::list};
    bool first = true;
    for (const ShareCandidate& c : q.candidates) {
      data cd{data::type::object};
      cd.set("query_id", q.query_id);
      cd.set("record_id", c.record_id);
      cd.set("format", FormatLabel(c.format));
      // Named by its skill, so that choices between several credentials can be told apart.
      auto view = ctx.wallet->Credential(*rs.session, c.record_id);
      cd.set("name", view ? SkillName(*view, lang) : c.name);
      if (view && view->level) cd.set("level", std::to_string(*view->level) + " · " + WalletLevelLabel(*view->level, lang));
      cd.set("shown", ShownInWords(c.shown, lang));
      if (c.names_the_person) cd.set("names_the_person", true);
      if (first) cd.set("first", true);
      first = false;
      candidates.push_back(std::move(cd));
    }
    if (!q.candidates.empty()) qd.set("candidates", std::move(candidates));
    queries.push_back(std::move(qd));
  }
  d.set("queries", std::move(queries));
  if (pending.opened.satisfiable) d.set("satisfiable", true);
  return Page("consent", request, std::move(d), &rs);
}

}  // namespace

void RegisterWalletPages(http::Router& router, HostedWallet& wallet, const WalletRouterOptions& options) {
  auto ctx = std::make_shared<const Ctx>(Ctx{.wallet = &wallet, .options = options});

  router.Get("/static/wallet.css", [](http::Request&) {
    http::Response r = http::Response::Text(200, std::string(web::Stylesheet()));
    r.content_type = "text/css; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  });
  router.Get("/static/wallet.js", [](http::Request&) {
    http::Response r = http::Response::Text(200, std::string(web::ScanScript()));
    r.content_type = "text/javascript; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  });

  router.Get("/", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, false);
    if (!rs.session) return SignInPage(*ctx, request, 200, "");
    return Home(*ctx, request, rs);
  });

  router.Post("/signin", [ctx](http::Request& request) {
    const std::string lang = Lang(request);
    if (!SignedOutOriginOk(*ctx, request)) return Notice(request, nullptr, 403, "session_title", web::Text(lang, "session_text"));
    const auto form = Form(request);
    const std::string user = Field(form, "user");
    auto signed_in = ctx->wallet->SignIn(user, Field(form, "passphrase"), request.remote_address);
    if (!signed_in) {
      return SignInPage(*ctx, request, SignInStatus(signed_in.error()), SignInErrorText(lang, signed_in.error()), user);
    }
    http::Response r = http::Response::Redirect("/?lang=" + lang);
    r.AddHeader("Set-Cookie", WalletSessionCookie(ctx->options, signed_in->token));
    return r;
  });

  router.Get("/register", [ctx](http::Request& request) {
    const std::string lang = Lang(request);
    if (!ctx->wallet->open_registration()) return http::Response::Redirect("/?lang=" + lang);
    data d{data::type::object};
    d.set("title", web::Text(lang, "register_title"));
    return Page("register", request, std::move(d), nullptr);
  });
  router.Post("/register", [ctx](http::Request& request) {
    const std::string lang = Lang(request);
    if (!SignedOutOriginOk(*ctx, request)) return Notice(request, nullptr, 403, "session_title", web::Text(lang, "session_text"));
    const auto form = Form(request);
    const std::string user = Field(form, "user");
    const std::string passphrase = Field(form, "passphrase");
    auto created = ctx->wallet->Register(user, passphrase, request.remote_address);
    if (!created) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "register_title"));
      d.set("error", SignInErrorText(lang, created.error()));
      d.set("user", user);
      return Page("register", request, std::move(d), nullptr, SignInStatus(created.error()));
    }
    data d{data::type::object};
    d.set("title", web::Text(lang, "code_title"));
    d.set("code", created->recovery_code);
    http::Response r = Page("recovery_code", request, std::move(d), nullptr);
    // Signed in straight away: the code page's button leads into the new, empty wallet.
    if (auto signed_in = ctx->wallet->SignIn(user, passphrase, request.remote_address)) {
      r.AddHeader("Set-Cookie", WalletSessionCookie(ctx->options, signed_in->token));
    }
    return r;
  });

  router.Get("/recover", [](http::Request& request) {
    data d{data::type::object};
    d.set("title", web::Text(Lang(request), "recover_title"));
    return Page("recover", request, std::move(d), nullptr);
  });
  router.Post("/recover", [ctx](http::Request& request) {
    const std::string lang = Lang(request);
    if (!SignedOutOriginOk(*ctx, request)) return Notice(request, nullptr, 403, "session_title", web::Text(lang, "session_text"));
    const auto form = Form(request);
    auto code = ctx->wallet->Recover(Field(form, "user"), Field(form, "recovery_code"), Field(form, "new_passphrase"),
                                     request.remote_address);
    if (!code) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "recover_title"));
      d.set("error", SignInStatus(code.error()) == 429 ? web::Text(lang, "too_many") : code.error().message());
      return Page("recover", request, std::move(d), nullptr, SignInStatus(code.error()));
    }
    data d{data::type::object};
    d.set("title", web::Text(lang, "code_title"));
    d.set("code", *code);
    return Page("recovery_code", request, std::move(d), nullptr);
  });

  router.Post("/signout", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (rs.session) ctx->wallet->SignOut(rs.token);
    http::Response r = http::Response::Redirect("/?lang=" + Lang(request));
    r.AddHeader("Set-Cookie", WalletSessionCookie(ctx->options, ""));
    return r;
  });

  router.Get("/credentials/{id}", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, false);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    auto view = ctx->wallet->Credential(*rs.session, request.PathParam("id").value_or(""));
    if (!view) {
      if (view.error().code() == ErrorCode::kNotFound || view.error().code() == ErrorCode::kInvalidArgument) {
        return Notice(request, &rs, 404, "not_found_title", web::Text(lang, "not_found_text"));
      }
      return ErrorNotice(request, &rs, view.error());
    }
    data d = CardData(*view, lang);
    d.set("title", SkillName(*view, lang));
    if (view->kind == "confirmed") {
      std::string by = view->confirmed_by_name;
      const std::string role = view->confirmed_by_role == "manager" ? (lang == "en" ? "manager" : "leidinggevende") : view->confirmed_by_role;
      if (!role.empty()) by += (by.empty() ? "" : " · ") + role;
      if (!by.empty()) d.set("by", by);
      if (!view->confirmed_at.empty()) d.set("at", view->confirmed_at.substr(0, 10));
    }
    if (!view->organisation.empty()) d.set("organisation", view->organisation);
    d.set("issuer", view->kind == "self_declared" && view->issuer.starts_with("did:")
                        ? web::Text(lang, "group_self") + " (" + view->issuer.substr(0, 24) + "…)"
                        : view->issuer);
    if (!view->evidence.empty()) {
      data evidence{data::type::list};
      for (const std::string& e : view->evidence) evidence.push_back(e);
      d.set("evidence", std::move(evidence));
      d.set("has_evidence", true);
    }
    if (!view->valid_until.empty()) d.set("valid_until", view->valid_until.substr(0, 10));
    d.set("format", FormatLabel(view->format));
    if (!view->esco.empty()) d.set("esco", view->esco);
    if (view->format == "dc+sd-jwt" && !view->view_only) d.set("linkable", true);
    d.set("link_intro", web::Text(lang, view->kind == "self_declared" ? "link_intro_self" : "link_intro"));
    if (view->view_only) d.set("view_only", true);
    return Page("credential", request, std::move(d), &rs);
  });
  router.Post("/credentials/{id}/delete", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    if (Field(Form(request), "confirm") != "yes") {
      return http::Response::Redirect("/credentials/" + http::FormEncode(request.PathParam("id").value_or("")) + "?lang=" + Lang(request));
    }
    if (Status ok = ctx->wallet->DeleteCredential(*rs.session, request.PathParam("id").value_or("")); !ok) {
      return ErrorNotice(request, &rs, ok.error());
    }
    return http::Response::Redirect("/?lang=" + Lang(request));
  });

  router.Post("/credentials/{id}/share-link", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    const std::string days_text = Field(Form(request), "days");
    const std::int64_t days = days_text == "7" ? 7 : days_text == "90" ? 90 : 30;
    auto link = ctx->wallet->CreateShareLink(*rs.session, request.PathParam("id").value_or(""), days);
    if (!link) return ErrorNotice(request, &rs, link.error());
    data d{data::type::object};
    d.set("title", web::Text(lang, "link_made_title"));
    d.set("url", link->url);
    d.set("expires", DateText(link->expires_at));
    d.set("shown", ShownInWords(link->shown, lang));
    return Page("link", request, std::move(d), &rs, 201);
  });
  router.Post("/share-links/{id}/revoke", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    if (Status ok = ctx->wallet->RevokeShareLink(*rs.session, request.PathParam("id").value_or("")); !ok) {
      return ErrorNotice(request, &rs, ok.error());
    }
    return http::Response::Redirect("/shares?lang=" + Lang(request));
  });

  router.Get("/collect", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, false);
    if (!rs.session) return NeedSignIn(request, rs);
    data d{data::type::object};
    d.set("title", web::Text(Lang(request), "collect_title"));
    d.set("scan", true);
    const std::string offer(request.QueryParam("offer").value_or(""));
    if (!offer.empty() && offer.size() <= kMaxOfferLinkBytes) d.set("offer", offer);
    return Page("collect", request, std::move(d), &rs);
  });
  router.Post("/collect", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    const auto form = Form(request);
    const std::string offer = Field(form, "offer");
    const std::string pin = Field(form, "pin");
    auto collected = ctx->wallet->Collect(*rs.session, offer, pin.empty() ? std::nullopt : std::optional<std::string_view>(pin));
    if (!collected) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "collect_title"));
      d.set("scan", true);
      d.set("offer", offer);
      d.set("error", collected.error().message());
      return Page("collect", request, std::move(d), &rs, http::HttpStatusFor(collected.error().code()));
    }
    data d{data::type::object};
    d.set("title", web::Text(lang, "collected_title"));
    data stored{data::type::list};
    for (const CollectedCredential& c : collected->stored) {
      data item{data::type::object};
      item.set("id", c.record_id);
      auto view = ctx->wallet->Credential(*rs.session, c.record_id);
      item.set("name", view ? SkillName(*view, lang) : c.name);
      if (view && view->level) item.set("level", std::to_string(*view->level) + " · " + WalletLevelLabel(*view->level, lang));
      item.set("format", FormatLabel(c.format));
      item.set("status", c.status);
      const std::string status_text = StatusText(lang, c.status);
      if (!status_text.empty()) item.set("status_text", status_text);
      stored.push_back(std::move(item));
    }
    d.set("stored", std::move(stored));
    if (!collected->skipped.empty()) {
      data skipped{data::type::list};
      for (const SkippedConfiguration& s : collected->skipped) {
        data item{data::type::object};
        item.set("configuration_id", s.configuration_id);
        item.set("reason", s.reason);
        skipped.push_back(std::move(item));
      }
      d.set("skipped", std::move(skipped));
      d.set("has_skipped", true);
    }
    return Page("collected", request, std::move(d), &rs, 201);
  });

  router.Get("/skills/new", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, false);
    if (!rs.session) return NeedSignIn(request, rs);
    data d{data::type::object};
    d.set("title", web::Text(Lang(request), "declare_title"));
    return Page("declare", request, std::move(d), &rs);
  });
  router.Post("/skills/new", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    const auto form = Form(request);
    SelfDeclaredSkill skill;
    skill.name_nl = Field(form, "name");
    const std::string level = Field(form, "level");
    skill.level = level.size() == 1 && level[0] >= '1' && level[0] <= '3' ? level[0] - '0' : 0;
    const std::string evidence = Field(form, "evidence");
    if (!evidence.empty()) skill.evidence.push_back(evidence);
    auto id = ctx->wallet->DeclareSkill(*rs.session, skill);
    if (!id) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "declare_title"));
      d.set("name", skill.name_nl);
      d.set("evidence", evidence);
      d.set("error", id.error().message());
      return Page("declare", request, std::move(d), &rs, http::HttpStatusFor(id.error().code()));
    }
    return http::Response::Redirect("/credentials/" + *id + "?lang=" + lang);
  });

  router.Post("/status", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    if (auto refreshed = ctx->wallet->RefreshStatus(*rs.session); !refreshed) return ErrorNotice(request, &rs, refreshed.error());
    return http::Response::Redirect("/?lang=" + Lang(request));
  });

  router.Post("/import", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    const std::string text = Field(Form(request, 2 * kMaxImportBytes + 64 * 1024), "credential");
    auto imported = ctx->wallet->Import(*rs.session, text);
    if (!imported) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "collect_title"));
      d.set("scan", true);
      if (text.size() <= 64 * 1024) d.set("credential", text);
      d.set("error", imported.error().message());
      return Page("collect", request, std::move(d), &rs, http::HttpStatusFor(imported.error().code()));
    }
    return http::Response::Redirect("/credentials/" + imported->record_id + "?lang=" + lang);
  });

  router.Get("/share", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, false);
    if (!rs.session) return NeedSignIn(request, rs);
    data d{data::type::object};
    d.set("title", web::Text(Lang(request), "share_title"));
    d.set("scan", true);
    const std::string link(request.QueryParam("request").value_or(""));
    if (!link.empty() && link.size() <= 16 * 1024) d.set("request", link);
    return Page("share_start", request, std::move(d), &rs);
  });
  router.Post("/share", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    const auto form = Form(request);
    const std::string link = Field(form, "request");
    auto opened = ctx->wallet->OpenRequest(*rs.session, link);
    if (!opened) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "share_title"));
      d.set("scan", true);
      d.set("request", link);
      d.set("error", opened.error().message());
      return Page("share_start", request, std::move(d), &rs, http::HttpStatusFor(opened.error().code()));
    }
    return ConsentPage(*ctx, request, rs, *opened);
  });
  router.Post("/share/{id}/send", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    const auto form = Form(request);
    std::vector<ShareChoice> choices;
    for (const auto& [name, value] : form) {
      if (name.starts_with("q.") && name.size() > 2 && !value.empty()) {
        choices.push_back({.query_id = name.substr(2), .record_id = value});
      }
    }
    if (choices.empty()) {
      return Notice(request, &rs, 400, "error_title", lang == "en" ? "Choose what to share, or decline." : "Kies wat u deelt, of deel niet.");
    }
    auto sent = ctx->wallet->Share(*rs.session, request.PathParam("id").value_or(""), std::move(choices));
    if (!sent) return ErrorNotice(request, &rs, sent.error());
    data d{data::type::object};
    d.set("title", web::Text(lang, "shared_title"));
    d.set("heading", web::Text(lang, "shared_title"));
    d.set("text", web::Text(lang, "shared_text"));
    if (sent->redirect_uri && (sent->redirect_uri->starts_with("https://") || sent->redirect_uri->starts_with("http://"))) {
      d.set("redirect", *sent->redirect_uri);
    }
    return Page("shared", request, std::move(d), &rs);
  });
  router.Post("/share/{id}/decline", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    auto declined = ctx->wallet->Decline(*rs.session, request.PathParam("id").value_or(""));
    if (!declined) return ErrorNotice(request, &rs, declined.error());
    data d{data::type::object};
    if (declined->redirect_uri) d.set("redirect", *declined->redirect_uri);
    d.set("title", web::Text(lang, "declined_title"));
    d.set("heading", web::Text(lang, "declined_title"));
    d.set("text", web::Text(lang, "declined_text"));
    return Page("shared", request, std::move(d), &rs);
  });

  router.Get("/shares", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, false);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    auto shares = ctx->wallet->Shares(*rs.session);
    if (!shares) return ErrorNotice(request, &rs, shares.error());
    data rows{data::type::list};
    bool any = false;
    for (const Json& row : *shares) {
      if (row.value("type", "") == "link") continue;  // listed with the links below
      data r{data::type::object};
      const std::string at = row.value("at", "");
      r.set("at_iso", at);
      r.set("at", at.size() >= 16 ? at.substr(8, 2) + "-" + at.substr(5, 2) + "-" + at.substr(0, 4) + " " + at.substr(11, 5) + " UTC" : at);
      const std::string name = row.contains("verifier_name") && row["verifier_name"].is_string() ? row["verifier_name"].get<std::string>() : "";
      const std::string verifier = row.contains("verifier") && row["verifier"].is_string() ? row["verifier"].get<std::string>() : "";
      r.set("who", name.empty() ? verifier : name);
      if (!name.empty()) r.set("ident", verifier);
      std::string what = web::Text(lang, "shares_received");
      for (const Json& cred : row.value("credentials", Json::array())) {
        std::string label = cred.value("name", "");
        if (cred.contains("record_id") && cred["record_id"].is_string()) {
          auto view = ctx->wallet->Credential(*rs.session, cred["record_id"].get<std::string>());
          if (view) label = SkillName(*view, lang);
        }
        std::vector<std::string> shown;
        for (const Json& p : cred.value("shown", Json::array())) {
          if (p.is_string()) shown.push_back(p.get<std::string>());
        }
        what += " " + label + " (" + ShownInWords(shown, lang) + ")";
      }
      r.set("what", what);
      rows.push_back(std::move(r));
      any = true;
    }
    data d{data::type::object};
    d.set("title", web::Text(lang, "shares_title"));
    if (any) d.set("rows", std::move(rows));
    if (auto links = ctx->wallet->ShareLinks(*rs.session); links && !links->empty()) {
      data list{data::type::list};
      for (const ShareLinkInfo& l : *links) {
        data item{data::type::object};
        item.set("id", l.id);
        auto view = l.record_id.empty() ? Result<CredentialView>(Fail(ErrorCode::kNotFound, ""))
                                        : ctx->wallet->Credential(*rs.session, l.record_id);
        item.set("name", view ? SkillName(*view, lang) : l.credential_name);
        item.set("url", l.url);
        item.set("state", l.state);
        item.set("state_text", web::Text(lang, "state_" + l.state));
        item.set("expires", DateText(l.expires_at));
        if (l.state == "active") item.set("active", true);
        list.push_back(std::move(item));
      }
      d.set("links", std::move(list));
      d.set("has_links", true);
    }
    return Page("shares", request, std::move(d), &rs);
  });

  router.Get("/backup", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, false);
    if (!rs.session) return NeedSignIn(request, rs);
    data d{data::type::object};
    d.set("title", web::Text(Lang(request), "backup_title"));
    return Page("backup", request, std::move(d), &rs);
  });
  router.Post("/backup", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const auto form = Form(request);
    auto backup = ctx->wallet->ExportBackup(*rs.session, Field(form, "passphrase"), Field(form, "backup_passphrase"));
    if (!backup) {
      data d{data::type::object};
      d.set("title", web::Text(Lang(request), "backup_title"));
      d.set("error", backup.error().code() == ErrorCode::kUnauthenticated || backup.error().code() == ErrorCode::kResourceExhausted
                         ? SignInErrorText(Lang(request), backup.error())
                         : backup.error().message());
      return Page("backup", request, std::move(d), &rs, http::HttpStatusFor(backup.error().code()));
    }
    http::Response r{.status = 200, .content_type = "application/octet-stream",
                     .body = std::string(reinterpret_cast<const char*>(backup->data()), backup->size()), .headers = {}};
    r.AddHeader("Content-Disposition", "attachment; filename=\"vaardig-wallet.backup\"");
    r.AddHeader("Cache-Control", "no-store");
    return r;
  });
  router.Post("/wallet/delete", [ctx](http::Request& request) {
    RequestSession rs = PageSession(*ctx, request, true);
    if (!rs.session) return NeedSignIn(request, rs);
    const std::string lang = Lang(request);
    const auto form = Form(request);
    if (Status ok = ctx->wallet->DeleteWallet(rs.session, Field(form, "passphrase")); !ok) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "backup_title"));
      d.set("error", SignInErrorText(lang, ok.error()));
      return Page("backup", request, std::move(d), &rs, SignInStatus(ok.error()));
    }
    http::Response r = Notice(request, nullptr, 200, "deleted_title", web::Text(lang, "deleted_text"));
    r.AddHeader("Set-Cookie", WalletSessionCookie(ctx->options, ""));
    return r;
  });
}

}  // namespace vaardig::wallet
