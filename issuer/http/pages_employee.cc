#include "issuer/http/pages_employee.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "issuer/app/catalogue_store.h"
#include "issuer/app/claims.h"
#include "issuer/http/auth.h"
#include "issuer/http/pages.h"
#include "issuer/http/pages_credentials.h"

namespace vaardig::issuer {

namespace {

using kainjow::mustache::data;

constexpr std::size_t kMaxFormBytes = 32 * 1024;
// Without a search the catalogue shows at most this many skills; the search narrows it down.
constexpr std::size_t kMaxListedSkills = 300;

using PageHandler = std::function<http::Response(http::Request&, const AuthedRequest&)>;

http::Response ErrorPage(const PageContext& ctx, int status, std::string_view message_key, std::string back) {
  data d{data::type::object};
  d.set("heading", Message(ctx.language, "error_title"));
  d.set("message", Message(ctx.language, message_key));
  d.set("back_href", std::move(back));
  return PageResponse(ctx, "error", std::move(d), status);
}

http::Response NotFoundPage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  PageContext ctx = MakePageContext(app, request, &authed, "error_title");
  return ErrorPage(ctx, 404, "emp_not_found", "/claims");
}

http::Response UnavailablePage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  PageContext ctx = MakePageContext(app, request, &authed, "error_title");
  return ErrorPage(ctx, 503, "emp_unavailable", "/claims");
}

http::Handler WithPageSession(IssuerApp& app, PageHandler handler) {
  return [&app, handler = std::move(handler)](http::Request& request) {
    // RequireSession finds the csrf field in urlencoded and multipart (upload) forms alike.
    auto authed = RequireSession(app, request);
    if (!authed) {
      if (authed.error().code() == ErrorCode::kUnauthenticated) return RedirectToLogin();
      if (authed.error().code() == ErrorCode::kPermissionDenied) {
        PageContext ctx = MakePageContext(app, request, nullptr, "error_title");
        return ErrorPage(ctx, 403, "form_expired", "/claims");
      }
      PageContext ctx = MakePageContext(app, request, nullptr, "error_title");
      return ErrorPage(ctx, 503, "emp_unavailable", "/");
    }
    return handler(request, *authed);
  };
}

std::optional<std::int64_t> IdParam(const http::Request& request) {
  const std::string_view text = request.PathParam("id").value_or("");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

using Form = std::vector<std::pair<std::string, std::string>>;

std::optional<Form> UrlEncodedForm(const http::Request& request) {
  if (request.MediaType() != "application/x-www-form-urlencoded" || request.body.size() > kMaxFormBytes) {
    return std::nullopt;
  }
  auto form = http::ParseForm(request.body);
  if (!form) return std::nullopt;
  return std::move(*form);
}

std::string Field(const Form& form, std::string_view name) {
  return std::string(http::FormValue(form, name).value_or(""));
}

std::string SkillName(const ClaimView& c, std::string_view lang) {
  return lang == "en" && !c.skill_name_en.empty() ? c.skill_name_en : c.skill_name_nl;
}

std::string LocalName(const LocalText& text, std::string_view lang) {
  return lang == "en" && !text.en.empty() ? text.en : text.nl;
}

// "2026-11-19T10:00:00Z" → "19-11-2026" (nl) or "2026-11-19" (en).
std::string ShowDate(std::string_view timestamp, std::string_view lang) {
  if (timestamp.size() < 10) return std::string(timestamp);
  const std::string_view day = timestamp.substr(0, 10);
  if (lang == "en") return std::string(day);
  return std::string(day.substr(8, 2)) + "-" + std::string(day.substr(5, 2)) + "-" + std::string(day.substr(0, 4));
}

std::string LevelLabel(int level, std::string_view lang) {
  if (level < 1 || level > 3) return "";
  return Message(lang, "emp_level_" + std::to_string(level));
}

std::string FrequencyLabel(std::string_view frequency, std::string_view lang) {
  if (frequency.empty()) return "";
  return Message(lang, "emp_freq_" + std::string(frequency));
}

// The claim's state in plain language.
std::string StateText(const ClaimView& c, std::string_view lang) {
  if (c.state == "declined") {
    std::string text = Message(lang, "emp_state_declined");
    if (!c.endorser_comment.empty()) text += ": " + c.endorser_comment;
    return text;
  }
  return Message(lang, "emp_state_" + c.state);
}

bool IsGreen(const ClaimView& c) { return c.state == "confirmed"; }

std::string HumanSize(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " kB";
  const std::int64_t tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

// The skills' areas, by skill id (inactive skills have none: they are shown under "Overig").
std::map<std::string, std::string, std::less<>> AreasBySkill(IssuerApp& app) {
  std::map<std::string, std::string, std::less<>> areas;
  if (auto skills = ListSkills(app); skills) {
    for (Skill& s : *skills) areas.emplace(s.id, std::move(s.area));
  }
  return areas;
}

data ClaimSummary(const ClaimView& c, std::string_view lang) {
  data d{data::type::object};
  d.set("id", std::to_string(c.id));
  d.set("skill", SkillName(c, lang));
  d.set("self_level", LevelLabel(c.self_level, lang));
  d.set("state_text", StateText(c, lang));
  if (IsGreen(c)) {
    d.set("green", true);
    if (c.endorser_level) d.set("endorser_level", LevelLabel(*c.endorser_level, lang));
    d.set("endorser_name", c.endorser_name);
    d.set("confirmed_on", ShowDate(c.updated_at, lang));
  }
  return d;
}

// Claims grouped by area (areas sorted, "" last as "Overig").
data GroupByArea(const std::vector<const ClaimView*>& claims,
                 const std::map<std::string, std::string, std::less<>>& areas, std::string_view lang) {
  std::map<std::string, std::vector<const ClaimView*>> groups;
  for (const ClaimView* c : claims) {
    auto it = areas.find(c->skill_id);
    groups[it == areas.end() ? std::string() : it->second].push_back(c);
  }
  data list{data::type::list};
  auto add = [&](const std::string& area, const std::vector<const ClaimView*>& items) {
    data g{data::type::object};
    g.set("area", area.empty() ? Message(lang, "emp_area_other") : area);
    data rows{data::type::list};
    for (const ClaimView* c : items) rows.push_back(ClaimSummary(*c, lang));
    g.set("claims", rows);
    list.push_back(g);
  };
  for (const auto& [area, items] : groups) {
    if (!area.empty()) add(area, items);
  }
  if (auto it = groups.find(""); it != groups.end()) add("", it->second);
  return list;
}

// The name of the person's manager, when they have an active one.
std::optional<std::string> ManagerName(IssuerApp& app, std::int64_t person_id) {
  auto row = app.db().QueryOne(
      "SELECT m.name FROM people p JOIN people m ON m.id = p.manager_id WHERE p.id = ? AND m.active = 1",
      {person_id});
  if (!row || !*row) return std::nullopt;
  return (*row)->Text(0);
}

// ---- /claims/new ------------------------------------------------------------------------------

struct NewClaimForm {
  std::string skill_id;
  std::string level;
  std::string note;
  std::string frequency;
};

data SkillOption(const Skill& s, std::string_view prefix, std::string_view selected, std::string_view lang) {
  data d{data::type::object};
  d.set("value", s.id);
  d.set("input_id", std::string(prefix) + s.id);
  d.set("name", LocalName(s.name, lang));
  if (s.id == selected) d.set("checked", true);
  return d;
}

http::Response NewClaimPage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                            const NewClaimForm& form, std::string_view error_key, int status) {
  PageContext ctx = MakePageContext(app, request, &authed, "emp_new_title");
  const std::string& lang = ctx.language;
  data d{data::type::object};
  const std::string q(request.method == http::Method::kGet ? request.QueryParam("q").value_or("") : "");
  d.set("q", q);
  if (!error_key.empty()) d.set("error", Message(lang, error_key));

  auto all = ListSkills(app);
  if (!all) return UnavailablePage(app, request, authed);
  std::map<std::string, const Skill*, std::less<>> by_id;
  for (const Skill& s : *all) by_id.emplace(s.id, &s);

  // The team's Roadmap: its steps with their skills.
  data roadmaps{data::type::list};
  if (authed.principal.team_id) {
    if (auto stored = ListRoadmaps(app); stored) {
      for (const StoredRoadmap& r : *stored) {
        if (r.team_id != authed.principal.team_id) continue;
        data rm{data::type::object};
        rm.set("name", LocalName(r.roadmap.name, lang));
        data columns{data::type::list};
        for (const RoadmapColumn& col : r.roadmap.columns) {
          data c{data::type::object};
          c.set("title", LocalName(col.title, lang));
          data options{data::type::list};
          for (const std::string& id : col.skill_ids) {
            auto it = by_id.find(id);
            if (it != by_id.end()) options.push_back(SkillOption(*it->second, "rm-" + r.roadmap.id + "-", form.skill_id, lang));
          }
          c.set("skills", options);
          columns.push_back(c);
        }
        rm.set("columns", columns);
        roadmaps.push_back(rm);
      }
    }
  }
  d.set("roadmaps", roadmaps);

  // The catalogue by area, narrowed by the search.
  std::vector<Skill> shown;
  if (q.empty()) {
    shown = *all;
  } else {
    auto found = ListSkills(app, SkillQuery{.text = q});
    if (!found) {
      d.set("search_error", Message(lang, "emp_search_too_long"));
    } else {
      shown = std::move(*found);
    }
  }
  if (shown.size() > kMaxListedSkills) {
    shown.resize(kMaxListedSkills);
    d.set("truncated", true);
  }
  if (!q.empty() && shown.empty()) d.set("no_results", true);
  std::map<std::string, std::vector<const Skill*>> groups;
  for (const Skill& s : shown) groups[s.area].push_back(&s);
  data areas{data::type::list};
  auto add_area = [&](const std::string& area) {
    auto& skills = groups[area];
    std::sort(skills.begin(), skills.end(),
              [&](const Skill* a, const Skill* b) { return LocalName(a->name, lang) < LocalName(b->name, lang); });
    data g{data::type::object};
    g.set("area", area.empty() ? Message(lang, "emp_area_other") : area);
    data options{data::type::list};
    for (const Skill* s : skills) options.push_back(SkillOption(*s, "cat-", form.skill_id, lang));
    g.set("skills", options);
    areas.push_back(g);
  };
  for (const auto& [area, skills] : groups) {
    if (!area.empty()) add_area(area);
  }
  if (groups.contains("")) add_area("");
  d.set("areas", areas);

  data levels{data::type::list};
  for (int level = 1; level <= 3; ++level) {
    data l{data::type::object};
    l.set("value", std::to_string(level));
    l.set("label", LevelLabel(level, lang));
    l.set("hint", Message(lang, "emp_level_" + std::to_string(level) + "_hint"));
    if (form.level == std::to_string(level)) l.set("checked", true);
    levels.push_back(l);
  }
  d.set("levels", levels);

  data frequencies{data::type::list};
  for (std::string_view f : {"", "rarely", "monthly", "weekly", "daily"}) {
    data o{data::type::object};
    o.set("value", std::string(f));
    o.set("label", f.empty() ? Message(lang, "emp_freq_none") : FrequencyLabel(f, lang));
    if (form.frequency == f) o.set("selected", true);
    frequencies.push_back(o);
  }
  d.set("frequencies", frequencies);
  d.set("note", form.note);
  d.set("max_note", std::to_string(kMaxNoteChars));
  return PageResponse(ctx, "emp_new_claim", std::move(d), status);
}

// ---- /claims/{id} -----------------------------------------------------------------------------

struct ClaimPageNotice {
  std::string error_key;  // a message key
  std::string error_text; // already in the page language (overrides error_key)
  int status = 200;
};

ClaimPageNotice KeyNotice(std::string key, int status) {
  ClaimPageNotice notice;
  notice.error_key = std::move(key);
  notice.status = status;
  return notice;
}
ClaimPageNotice TextNotice(std::string text, int status) {
  ClaimPageNotice notice;
  notice.error_text = std::move(text);
  notice.status = status;
  return notice;
}

http::Response ClaimPage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                         std::int64_t claim_id, const ClaimPageNotice& notice = {}) {
  auto claim = GetClaim(app, authed.principal, claim_id);
  if (!claim) {
    if (claim.error().code() == ErrorCode::kNotFound) return NotFoundPage(app, request, authed);
    return UnavailablePage(app, request, authed);
  }
  const ClaimView& c = *claim;
  // The employee pages are the owner's; managers and HR use their own pages for other people's claims.
  if (c.person_id != authed.principal.person_id) return NotFoundPage(app, request, authed);

  PageContext ctx = MakePageContext(app, request, &authed, "emp_claim_title");
  const std::string& lang = ctx.language;
  data d = ClaimSummary(c, lang);
  // Mustache treats an empty string as true: set optional texts only when there is one.
  if (!c.note.empty()) d.set("note", c.note);
  if (!c.frequency.empty()) d.set("frequency", FrequencyLabel(c.frequency, lang));
  d.set("created_on", ShowDate(c.created_at, lang));
  if (!c.endorser_comment.empty() && c.state == "confirmed") d.set("endorser_comment", c.endorser_comment);
  if (c.state == "info_requested") {
    d.set("info_requested", true);
    d.set("question", c.endorser_comment);
    d.set("asker", c.endorser_name);
  }
  if (c.state == "requested" && !c.endorser_name.empty()) d.set("waiting_for", c.endorser_name);

  data evidence{data::type::list};
  for (const EvidenceInfo& e : c.evidence) {
    data ev{data::type::object};
    ev.set("id", std::to_string(e.id));
    ev.set("name", e.name);
    ev.set("kind", e.media_type == "application/pdf" ? Message(lang, "emp_kind_pdf") : Message(lang, "emp_kind_photo"));
    ev.set("size", HumanSize(e.size));
    evidence.push_back(ev);
  }
  d.set("evidence", evidence);

  const bool open_state = c.state == "private" || c.state == "requested" || c.state == "info_requested";
  if (open_state) d.set("can_upload", true);
  if (c.state == "private" || c.state == "declined") {
    if (auto manager = ManagerName(app, authed.principal.person_id)) {
      d.set("can_ask", true);
      d.set("manager", *manager);
    } else {
      d.set("no_manager", true);
    }
  }
  if (c.state != "confirmed" && c.state != "withdrawn") d.set("can_withdraw", true);
  if (c.state == "withdrawn") d.set("withdrawn", true);

  if (auto done = request.QueryParam("done")) {
    if (*done == "created" || *done == "evidence" || *done == "asked" || *done == "answered") {
      d.set("notice", Message(lang, "emp_done_" + std::string(*done)));
    }
  }
  if (!notice.error_text.empty()) {
    d.set("error", notice.error_text);
  } else if (!notice.error_key.empty()) {
    d.set("error", Message(lang, notice.error_key));
  }
  d.set("max_mb", std::to_string(app.settings().evidence_max_bytes / (1024 * 1024)));
  return PageResponse(ctx, "emp_claim", std::move(d), notice.status);
}

// The page after a refused action on a claim: not_found → 404 page; otherwise the claim page with
// the reason in plain language.
http::Response ClaimActionFailed(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                                 std::int64_t claim_id, const Error& error, std::string_view invalid_key) {
  switch (error.code()) {
    case ErrorCode::kNotFound: return NotFoundPage(app, request, authed);
    case ErrorCode::kInvalidArgument: return ClaimPage(app, request, authed, claim_id, KeyNotice(std::string(invalid_key), 400));
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kAborted:
      return ClaimPage(app, request, authed, claim_id, KeyNotice("emp_state_changed", 409));
    case ErrorCode::kResourceExhausted:
      return ClaimPage(app, request, authed, claim_id, KeyNotice("emp_too_long", 400));
    case ErrorCode::kPermissionDenied: return NotFoundPage(app, request, authed);
    default: return UnavailablePage(app, request, authed);
  }
}

std::string ContentDisposition(std::string_view name) {
  std::string ascii;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    ascii.push_back(u >= 0x20 && u < 0x7F && c != '"' && c != '\\' && c != ';' ? c : '_');
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + http::FormEncode(name);
}

}  // namespace

void RegisterEmployeePages(http::Router& router, IssuerApp& app) {
  router.Get("/claims", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto claims = ListMyClaims(app, authed.principal);
    if (!claims) return UnavailablePage(app, request, authed);
    PageContext ctx = MakePageContext(app, request, &authed, "emp_claims_title");
    const auto areas = AreasBySkill(app);
    std::vector<const ClaimView*> green;
    std::vector<const ClaimView*> blue;
    for (const ClaimView& c : *claims) {
      if (c.state == "withdrawn") continue;
      (IsGreen(c) ? green : blue).push_back(&c);
    }
    data d{data::type::object};
    d.set("green_groups", GroupByArea(green, areas, ctx.language));
    d.set("blue_groups", GroupByArea(blue, areas, ctx.language));
    if (green.empty()) d.set("no_green", true);
    if (blue.empty()) d.set("no_blue", true);
    AddOwnCredentials(app, authed.principal, ctx.language, d);
    return PageResponse(ctx, "emp_claims", std::move(d));
  }));

  router.Get("/claims/new", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    NewClaimForm form;
    form.skill_id = std::string(request.QueryParam("skill").value_or(""));
    return NewClaimPage(app, request, authed, form, "", 200);
  }));

  router.Post("/claims", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto parsed = UrlEncodedForm(request);
    if (!parsed) return NewClaimPage(app, request, authed, {}, "form_expired", 400);
    NewClaimForm form{.skill_id = Field(*parsed, "skill_id"),
                      .level = Field(*parsed, "self_level"),
                      .note = Field(*parsed, "note"),
                      .frequency = Field(*parsed, "frequency")};
    if (form.skill_id.empty()) return NewClaimPage(app, request, authed, form, "emp_pick_skill", 400);
    if (form.level != "1" && form.level != "2" && form.level != "3") {
      return NewClaimPage(app, request, authed, form, "emp_pick_level", 400);
    }
    NewClaim claim{.skill_id = form.skill_id,
                   .self_level = form.level[0] - '0',
                   .note = form.note,
                   .frequency = form.frequency};
    auto created = CreateClaim(app, authed.principal, claim);
    if (!created) {
      switch (created.error().code()) {
        case ErrorCode::kNotFound: return NewClaimPage(app, request, authed, form, "emp_pick_skill", 400);
        case ErrorCode::kInvalidArgument:
        case ErrorCode::kResourceExhausted: return NewClaimPage(app, request, authed, form, "emp_claim_invalid", 400);
        default: return UnavailablePage(app, request, authed);
      }
    }
    return http::Response::Redirect("/claims/" + std::to_string(created->id) + "?done=created");
  }));

  router.Get("/claims/{id}", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return NotFoundPage(app, request, authed);
    return ClaimPage(app, request, authed, *id);
  }));

  router.Post("/claims/{id}/evidence", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return NotFoundPage(app, request, authed);
    const std::string lang = PageLanguage(request, &authed);
    auto fail = [&](std::string_view key, int status) {
      return ClaimPage(app, request, authed, *id, KeyNotice(std::string(key), status));
    };
    if (request.MediaType() != "multipart/form-data") return fail("emp_upload_no_file", 400);
    auto parts = http::ParseMultipart(request.Header("content-type").value_or(""), request.body);
    if (!parts) return fail("emp_upload_no_file", 400);
    // The form has two file inputs named "file" (the camera, and a photo or PDF); a browser sends
    // an empty part for the one not used. The first non-empty one counts.
    const http::FormPart* file = nullptr;
    for (const http::FormPart& part : *parts) {
      if (part.name == "file" && part.filename && !part.data.empty()) {
        file = &part;
        break;
      }
    }
    if (file == nullptr) return fail("emp_upload_no_file", 400);
    auto added = AddEvidence(app, authed.principal, *id, *file->filename, AsBytes(file->data));
    if (!added) {
      switch (added.error().code()) {
        case ErrorCode::kInvalidArgument: return fail("emp_upload_wrong_type", 400);
        case ErrorCode::kResourceExhausted: {
          const std::string text = Message(lang, "emp_upload_too_big_prefix") +
                                   std::to_string(app.settings().evidence_max_bytes / (1024 * 1024)) + " MB)";
          return ClaimPage(app, request, authed, *id, TextNotice(text, 413));
        }
        default: return ClaimActionFailed(app, request, authed, *id, added.error(), "emp_upload_wrong_type");
      }
    }
    return http::Response::Redirect("/claims/" + std::to_string(*id) + "?done=evidence");
  }));

  router.Post("/claims/{id}/ask", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return NotFoundPage(app, request, authed);
    auto form = UrlEncodedForm(request);
    if (!form) return ClaimPage(app, request, authed, *id, KeyNotice("form_expired", 400));
    auto asked = RequestConfirmation(app, authed.principal, *id, std::nullopt, Field(*form, "message"));
    if (!asked) {
      if (asked.error().code() == ErrorCode::kFailedPrecondition && !ManagerName(app, authed.principal.person_id)) {
        return ClaimPage(app, request, authed, *id, KeyNotice("emp_no_manager", 409));
      }
      return ClaimActionFailed(app, request, authed, *id, asked.error(), "emp_message_invalid");
    }
    return http::Response::Redirect("/claims/" + std::to_string(*id) + "?done=asked");
  }));

  router.Post("/claims/{id}/information",
              WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
                auto id = IdParam(request);
                if (!id) return NotFoundPage(app, request, authed);
                auto form = UrlEncodedForm(request);
                if (!form) return ClaimPage(app, request, authed, *id, KeyNotice("form_expired", 400));
                Status st = RespondWithInformation(app, authed.principal, *id, Field(*form, "message"));
                if (!st) return ClaimActionFailed(app, request, authed, *id, st.error(), "emp_answer_empty");
                return http::Response::Redirect("/claims/" + std::to_string(*id) + "?done=answered");
              }));

  router.Post("/claims/{id}/withdraw", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return NotFoundPage(app, request, authed);
    Status st = Withdraw(app, authed.principal, *id);
    if (!st) return ClaimActionFailed(app, request, authed, *id, st.error(), "emp_state_changed");
    return http::Response::Redirect("/claims");
  }));

  router.Get("/evidence/{id}", WithPageSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return NotFoundPage(app, request, authed);
    auto file = GetEvidence(app, authed.principal, *id);
    if (!file) {
      if (file.error().code() == ErrorCode::kNotFound) return NotFoundPage(app, request, authed);
      return UnavailablePage(app, request, authed);
    }
    http::Response r;
    r.status = 200;
    r.content_type = file->media_type;
    r.body.assign(file->bytes.begin(), file->bytes.end());
    r.AddHeader("Content-Disposition", ContentDisposition(file->name));
    r.AddHeader("X-Content-Type-Options", "nosniff");
    r.AddHeader("Cache-Control", "private, no-store");
    r.AddHeader("Content-Security-Policy", "sandbox");
    return r;
  }));
}

}  // namespace vaardig::issuer
