#include "verifier/http/pages.h"

#include <memory>

#include "core/http/qr_svg.h"
#include "verifier/web/assets.h"

namespace vaardig::verifier {
namespace {

using kainjow::mustache::data;

constexpr std::size_t kMaxFormBytes = 8 * 1024;
constexpr std::size_t kMaxIdChars = 128;

std::string Lang(const http::Request& request) { return request.QueryParam("lang").value_or("") == "en" ? "en" : "nl"; }

std::string CookieName(std::string_view id) { return "vrq_" + std::string(id); }

http::Response Page(std::string_view name, const http::Request& request, data d, int status = 200,
                    const PagesConfig* config = nullptr) {
  const std::string lang = Lang(request);
  const std::string other = lang == "en" ? "nl" : "en";
  std::string path(request.path);
  d.set("other_lang", other);
  d.set("other_lang_label", other == "en" ? "English" : "Nederlands");
  d.set("other_lang_href", path + "?lang=" + other);
  if (config != nullptr && !config->organisation.empty()) d.set("organisation", config->organisation);
  return http::Response::Html(status, web::Render(name, lang, std::move(d)));
}

http::Response Notice(const http::Request& request, int status, std::string_view heading_key, std::string text,
                      const PagesConfig& config) {
  const std::string lang = Lang(request);
  data d{data::type::object};
  d.set("title", web::Text(lang, heading_key));
  d.set("heading", web::Text(lang, heading_key));
  d.set("text", std::move(text));
  return Page("notice", request, std::move(d), status, &config);
}

http::Response NotFoundPage(const http::Request& request, const PagesConfig& config) {
  return Notice(request, 404, "not_found_title", web::Text(Lang(request), "not_found_text"), config);
}


// The result page's data from a finished request.
data ResultData(const RequestResult& result, std::string_view lang) {
  data d{data::type::object};
  std::string verdict;
  switch (result.state) {
    case RequestState::kRefused: verdict = "refused"; break;
    case RequestState::kExpired: verdict = "expired"; break;
    default: verdict = result.verdict ? std::string(ReportVerdictName(*result.verdict)) : "could_not_check";
  }
  d.set("verdict", verdict);
  d.set("verdict_text", web::Text(lang, "verdict_" + verdict));
  d.set("title", web::Text(lang, "verdict_" + verdict));
  if (result.state == RequestState::kRefused) d.set("wallet_error", result.wallet_error);
  data reports{data::type::list};
  int index = 0;
  for (const VerificationReport& report : result.reports) {
    data r{data::type::object};
    r.set("index", std::to_string(index++));
    if (index == 1) d.set("summary", Summary(report, lang));
    const Shown shown = report.shown.value_or(Shown{});
    const std::string skill = lang == "en" && !shown.skill_name_en.empty() ? shown.skill_name_en : shown.skill_name_nl;
    r.set("skill", skill.empty() ? web::Text(lang, "res_title") : skill);
    if (shown.level) {
      r.set("level", std::to_string(*shown.level) + " · " + LevelLabel(*shown.level, lang));
    }
    r.set("kind", web::Text(lang, shown.confirmed ? "kind_confirmed" : shown.self_declared ? "kind_self" : "kind_unknown"));
    if (!shown.confirmed_by_role.empty()) {
      const std::string role = web::Text(lang, "role_" + shown.confirmed_by_role);
      r.set("by", (role.starts_with("role_") ? shown.confirmed_by_role : role) +
                      (shown.organisation.empty() ? "" : " · " + shown.organisation));
    }
    if (!shown.confirmed_at.empty()) r.set("at", shown.confirmed_at.substr(0, 10));
    if (shown.holder_name) r.set("holder", *shown.holder_name);
    data checks{data::type::list};
    for (const Check& c : report.checks) {
      data item{data::type::object};
      const std::string result_name(CheckResultName(c.result));
      item.set("name", web::Text(lang, "check_" + c.name));
      item.set("result", result_name);
      item.set("result_text", web::Text(lang, "result_" + result_name));
      // The pipeline's details are technical English: shown where something went wrong, and for a
      // skipped check, so that "not applicable" says why.
      if (!c.detail.empty() &&
          (c.result == CheckResult::kFailed || c.result == CheckResult::kCouldNotCheck || c.result == CheckResult::kSkipped)) {
        item.set("detail", c.detail);
      }
      checks.push_back(std::move(item));
    }
    r.set("checks", std::move(checks));
    reports.push_back(std::move(r));
  }
  d.set("reports", std::move(reports));
  return d;
}

std::string AskedLabel(const PagesConfig& config, std::string_view skill_id, int min_level, bool name, std::string_view lang) {
  std::string skill = web::Text(lang, "asked_any");
  for (const auto& [id, label] : config.skills) {
    if (id == skill_id) skill = label;
  }
  std::string out = web::Text(lang, "asked_skill") + skill;
  if (min_level > 0) out += web::Text(lang, "asked_level") + std::to_string(min_level) + " (" + LevelLabel(min_level, lang) + ")";
  out += web::Text(lang, name ? "asked_name" : "asked_no_name");
  return out;
}

}  // namespace

void RegisterShareLinkPages(http::Router& router, const VerifierEngine& engine, http::HttpFetcher& fetcher,
                            const ShareLinkOptions& options, PagesConfig config) {
  auto cfg = std::make_shared<const PagesConfig>(std::move(config));
  const VerifierEngine* e = &engine;
  http::HttpFetcher* f = &fetcher;
  const ShareLinkOptions* o = &options;
  router.Get("/check", [cfg](http::Request& request) {
    const std::string lang = Lang(request);
    data d{data::type::object};
    d.set("title", web::Text(lang, "check_title"));
    const std::string link(request.QueryParam("link").value_or(""));
    if (!link.empty() && link.size() <= 2048) d.set("link", link);
    return Page("check", request, std::move(d), 200, cfg.get());
  });
  router.Post("/check", [cfg, e, f, o](http::Request& request) {
    const std::string lang = Lang(request);
    std::string link;
    if (request.body.size() <= kMaxFormBytes && request.MediaType() == "application/x-www-form-urlencoded") {
      if (auto form = http::ParseForm(request.body)) link = std::string(http::FormValue(*form, "link").value_or(""));
    }
    auto report = VerifyShareLink(*f, *e, link, *o);
    if (!report) {
      data d{data::type::object};
      d.set("title", web::Text(lang, "check_title"));
      d.set("link", link);
      const ErrorCode code = report.error().code();
      const std::string key = code == ErrorCode::kFailedPrecondition ? "check_gone"
                              : code == ErrorCode::kNotFound         ? "check_unknown"
                              : code == ErrorCode::kUnavailable      ? "check_unreachable"
                                                                     : "check_bad";
      d.set("error", web::Text(lang, key));
      // The technical reason (English) only where the plain text cannot say it.
      if (key == "check_bad" || key == "check_unreachable") d.set("error_detail", report.error().message());
      const int status = code == ErrorCode::kFailedPrecondition ? 410 : code == ErrorCode::kDataLoss ? 400 : http::HttpStatusFor(code);
      return Page("check", request, std::move(d), status, cfg.get());
    }
    RequestResult result;
    result.state = RequestState::kAnswered;
    result.verdict = report->verdict;
    result.reports.push_back(std::move(*report));
    data d = ResultData(result, lang);
    return Page("result", request, std::move(d), 200, cfg.get());
  });
}

void RegisterVerifierPages(http::Router& router, PresentationRequests& requests, PagesConfig config) {
  auto cfg = std::make_shared<const PagesConfig>(std::move(config));

  router.Get("/", [cfg](http::Request& request) {
    const std::string lang = Lang(request);
    data d{data::type::object};
    d.set("title", web::Text(lang, "ask_title"));
    if (cfg->share_links) d.set("share_links", true);
    data skills{data::type::list};
    bool first = true;
    for (const auto& [id, name] : cfg->skills) {
      data s{data::type::object};
      s.set("id", id);
      s.set("name", name);
      if (first) s.set("first", true);
      first = false;
      skills.push_back(std::move(s));
    }
    if (!cfg->skills.empty()) d.set("has_skills", true);
    d.set("skills", std::move(skills));
    return Page("ask", request, std::move(d), 200, cfg.get());
  });

  router.Post("/ask", [cfg, &requests](http::Request& request) {
    const std::string lang = Lang(request);
    if (request.body.size() > kMaxFormBytes || request.MediaType() != "application/x-www-form-urlencoded") {
      return Notice(request, 400, "bad_form_title", "", *cfg);
    }
    auto form = http::ParseForm(request.body);
    if (!form) return Notice(request, 400, "bad_form_title", form.error().message(), *cfg);
    SkillAsk ask;
    ask.vct_values = cfg->vct_values;
    const std::string skill(http::FormValue(*form, "skill").value_or(""));
    if (!skill.empty()) {
      const bool offered = std::ranges::any_of(cfg->skills, [&](const auto& s) { return s.first == skill; });
      if (!offered) return Notice(request, 400, "bad_form_title", "skill: not one this page offers", *cfg);
      ask.skill_ids = {skill};
    }
    const std::string level(http::FormValue(*form, "min_level").value_or("0"));
    if (level != "0" && level != "1" && level != "2" && level != "3") {
      return Notice(request, 400, "bad_form_title", "min_level: 1, 2 or 3", *cfg);
    }
    ask.min_level = level[0] - '0';
    ask.name = http::FormValue(*form, "name").value_or("") == "yes";
    auto query = BuildSkillQuery(ask);
    if (!query) return Notice(request, 400, "bad_form_title", query.error().message(), *cfg);
    auto created = requests.Create(std::move(*query), AskedLabel(*cfg, skill, ask.min_level, ask.name, lang));
    if (!created) return Notice(request, created.error().code() == ErrorCode::kResourceExhausted ? 503 : 400,
                                "bad_form_title", created.error().message(), *cfg);
    http::Response response = http::Response::Redirect("/requests/" + created->id + "?lang=" + lang);
    response.headers.emplace_back(
        "Set-Cookie", http::SetCookieValue(CookieName(created->id), created->result_token,
                                           {.path = "/requests/" + created->id,
                                            .max_age = std::chrono::seconds(2 * kRequestTtlSeconds),
                                            .http_only = true,
                                            .secure = cfg->secure_cookies,
                                            .same_site = "Strict"}));
    return response;
  });

  router.Get("/requests/{id}", [cfg, &requests](http::Request& request) {
    const std::string lang = Lang(request);
    const std::string id(request.PathParam("id").value_or(""));
    const std::optional<std::string> token = id.size() <= kMaxIdChars ? request.Cookie(CookieName(id)) : std::nullopt;
    if (!token) return NotFoundPage(request, *cfg);
    auto outcome = requests.Outcome(id, *token);
    if (!outcome) return NotFoundPage(request, *cfg);
    if (outcome->state != RequestState::kPending && outcome->state != RequestState::kVerifying) {
      return Page("result", request, ResultData(*outcome, lang), 200, cfg.get());
    }
    const std::string link = requests.Link(id);
    auto qr = http::QrCodeSvg(link, {.title = web::Text(lang, "wait_scan"), .size_px = 0, .css_class = ""});
    data d{data::type::object};
    d.set("title", web::Text(lang, "wait_title"));
    d.set("poll", true);
    d.set("asked", outcome->label);
    d.set("link", link);
    if (!cfg->web_wallet.empty()) d.set("web_wallet_href", cfg->web_wallet + "/share?request=" + http::FormEncode(link));
    d.set("qr_svg", qr ? *qr : "");
    d.set("status_url", "/requests/" + id + "/status");
    d.set("self_url", "/requests/" + id + "?lang=" + lang);
    d.set("minutes", std::to_string(kRequestTtlSeconds / 60));
    return Page("waiting", request, std::move(d), 200, cfg.get());
  });

  router.Get("/requests/{id}/status", [&requests](http::Request& request) {
    const std::string id(request.PathParam("id").value_or(""));
    const std::optional<std::string> token = id.size() <= kMaxIdChars ? request.Cookie(CookieName(id)) : std::nullopt;
    auto outcome = token ? requests.Outcome(id, *token) : Result<RequestResult>(Fail(ErrorCode::kNotFound, "no such request"));
    if (!outcome) return http::ErrorResponse(Error(ErrorCode::kNotFound, "no such presentation request"));
    return http::Response::JsonBody(200, Json{{"state", std::string(RequestStateName(outcome->state))}});
  });

  router.Get("/static/verifier.css", [](http::Request&) {
    http::Response r = http::Response::Text(200, std::string(web::Stylesheet()));
    r.content_type = "text/css; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  });
  router.Get("/static/verifier.js", [](http::Request&) {
    http::Response r = http::Response::Text(200, std::string(web::PollScript()));
    r.content_type = "text/javascript; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  });
}

}  // namespace vaardig::verifier
