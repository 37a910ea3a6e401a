#include "issuer/http/pages_credentials.h"

#include <algorithm>

#include "issuer/app/catalogue_store.h"
#include "issuer/app/issuance.h"
#include "issuer/app/status_registry.h"
#include "issuer/http/pages_collect.h"
#include "issuer/http/pages_manager.h"

namespace vaardig::issuer {

namespace {

using kainjow::mustache::data;

constexpr std::size_t kMaxStatusFormBytes = 16 * 1024;
constexpr std::size_t kMaxIssueFormBytes = 4096;
constexpr std::size_t kMaxListed = 500;
constexpr std::size_t kMaxReasonBytes = 8000;  // 2000 characters of up to 4 bytes; the app counts characters

using Form = std::vector<std::pair<std::string, std::string>>;

std::string Field(const Form& form, std::string_view name) {
  return std::string(http::FormValue(form, name).value_or(""));
}

std::string ShowDate(std::string_view timestamp, std::string_view lang) {
  if (timestamp.size() < 10) return std::string(timestamp);
  const std::string_view day = timestamp.substr(0, 10);
  if (lang == "en") return std::string(day);
  return std::string(day.substr(8, 2)) + "-" + std::string(day.substr(5, 2)) + "-" + std::string(day.substr(0, 4));
}

std::string LevelText(std::optional<int> level, std::string_view lang) {
  if (!level || *level < 1 || *level > 3) return "–";
  return Message(lang, "emp_level_" + std::to_string(*level));
}

std::string SkillText(const CredentialRecord& c, std::string_view lang) {
  if (lang == "en" && !c.skill_name_en.empty()) return c.skill_name_en;
  return c.skill_name_nl.empty() ? c.skill_id : c.skill_name_nl;
}

std::string FormatText(const CredentialRecord& c, std::string_view lang) {
  return Message(lang, c.configuration_id == kSkillSdJwtConfiguration ? "cred_format_sd_jwt" : "cred_format_badge");
}

// The actions a credential's state allows: revocation is final.
std::vector<std::string_view> AllowedActions(std::string_view state) {
  if (state == "valid") return {"suspend", "revoke"};
  if (state == "suspended") return {"unsuspend", "revoke"};
  return {};
}

std::optional<StatusAction> ParseAction(std::string_view action) {
  if (action == "revoke") return StatusAction::kRevoke;
  if (action == "suspend") return StatusAction::kSuspend;
  if (action == "unsuspend") return StatusAction::kUnsuspend;
  return std::nullopt;
}

data CredentialItem(const CredentialRecord& c, std::string_view lang) {
  data d{data::type::object};
  d.set("id", c.id);
  d.set("person", c.person_name.empty() ? std::string("–") : c.person_name);
  d.set("skill", SkillText(c, lang));
  d.set("level", LevelText(c.level, lang));
  d.set("format", FormatText(c, lang));
  d.set("state", c.state);
  d.set("state_text", Message(lang, "cred_state_" + c.state));
  d.set("issued_on", ShowDate(c.issued_at, lang));
  // Mustache treats an empty string as true: set optional texts only when there is one.
  if (!c.state_reason.empty()) d.set("reason", c.state_reason);
  return d;
}

http::Response Notice(IssuerApp& app, const http::Request& request, const AuthedRequest& authed, int status,
                      std::string_view message_key, std::string back = "/issued") {
  PageContext ctx = MakePageContext(app, request, &authed, "error_title");
  return page::Notice(ctx, status, "error_title", Message(ctx.language, message_key), std::move(back));
}

http::Response ListPage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  auto credentials = ListCredentials(app, authed.principal);
  if (!credentials) return Notice(app, request, authed, 503, "cred_unavailable", "/");
  PageContext ctx = MakePageContext(app, request, &authed, "cred_title");
  const std::string& lang = ctx.language;
  data items{data::type::list};
  std::size_t n = 0;
  for (const CredentialRecord& c : *credentials) {
    if (n == kMaxListed) break;
    data item = CredentialItem(c, lang);
    item.set("n", std::to_string(++n));
    // A manager's list may also hold their own credentials: those they can only look at.
    const bool manages = authed.principal.IsHrOrAdmin() || c.confirmed_by == authed.principal.person_id;
    const auto allowed = manages ? AllowedActions(c.state) : std::vector<std::string_view>{};
    data actions{data::type::list};
    for (std::string_view action : allowed) {
      data a{data::type::object};
      a.set("value", std::string(action));
      a.set("input_id", std::string(action) + "-" + std::to_string(n));
      a.set("label", Message(lang, "cred_action_" + std::string(action)));
      actions.push_back(a);
    }
    if (!allowed.empty()) item.set("has_actions", true);
    item.set("actions", actions);
    items.push_back(item);
  }
  data d{data::type::object};
  d.set("items", items);
  if (credentials->size() > kMaxListed) d.set("truncated", true);
  d.set("intro", Message(lang, authed.principal.IsHrOrAdmin() ? "cred_intro_all" : "cred_intro_mine"));
  if (authed.principal.IsHrOrAdmin()) d.set("can_issue", true);
  if (auto done = request.QueryParam("done"); done && ParseAction(*done)) {
    d.set("notice", Message(lang, "cred_done_" + std::string(*done)));
  }
  return PageResponse(ctx, "cred_list", std::move(d));
}

http::Response StatusPost(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  auto form = page::Form(request, kMaxStatusFormBytes);
  if (!form) return Notice(app, request, authed, 400, "form_expired");
  const std::string id = Field(*form, "credential_id");
  const std::string action_text = Field(*form, "action");
  const std::string reason = Field(*form, "reason");
  const auto action = ParseAction(action_text);
  if (!action) return Notice(app, request, authed, 400, "cred_need_action");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos || reason.size() > kMaxReasonBytes) {
    return Notice(app, request, authed, 400, "cred_need_reason");
  }
  // Only a credential the principal may manage, in a state that allows the action.
  auto credentials = ListCredentials(app, authed.principal);
  if (!credentials) return Notice(app, request, authed, 503, "cred_unavailable");
  const CredentialRecord* found = nullptr;
  for (const CredentialRecord& c : *credentials) {
    if (c.id == id) found = &c;
  }
  if (found == nullptr || (!authed.principal.IsHrOrAdmin() && found->confirmed_by != authed.principal.person_id)) {
    return Notice(app, request, authed, 404, "cred_not_found");
  }
  const auto allowed = AllowedActions(found->state);
  if (std::find(allowed.begin(), allowed.end(), action_text) == allowed.end()) {
    return Notice(app, request, authed, 409, "cred_state_changed");
  }

  if (Field(*form, "confirm") != "yes") {
    PageContext ctx = MakePageContext(app, request, &authed, "cred_confirm_title");
    const std::string& lang = ctx.language;
    data d = CredentialItem(*found, lang);
    d.set("heading", Message(lang, "cred_confirm_" + action_text));
    d.set("consequence", Message(lang, "cred_consequence_" + action_text));
    d.set("action", action_text);
    d.set("reason", reason);
    d.set("button", Message(lang, "cred_button_" + action_text));
    d.set("button_class", *action == StatusAction::kRevoke ? "danger" : "");
    return PageResponse(ctx, "cred_confirm", std::move(d));
  }

  Status changed = ChangeCredentialStatus(app, authed.principal, id, *action, reason);
  if (!changed) {
    switch (changed.error().code()) {
      case ErrorCode::kNotFound:
      case ErrorCode::kPermissionDenied: return Notice(app, request, authed, 404, "cred_not_found");
      case ErrorCode::kFailedPrecondition:
      case ErrorCode::kAborted: return Notice(app, request, authed, 409, "cred_state_changed");
      case ErrorCode::kInvalidArgument:
      case ErrorCode::kResourceExhausted: return Notice(app, request, authed, 400, "cred_need_reason");
      default: return Notice(app, request, authed, 503, "cred_unavailable");
    }
  }
  return http::Response::Redirect("/issued?done=" + action_text);
}

struct IssueForm {
  std::string employee_number;
  std::string skill_id;
  std::string level;
  std::string confirmed_by;
};

http::Response IssuePage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                         const IssueForm& form, std::string_view error_key, int status) {
  PageContext ctx = MakePageContext(app, request, &authed, "cred_issue_title");
  const std::string& lang = ctx.language;
  auto skills = ListSkills(app);
  if (!skills) return Notice(app, request, authed, 503, "cred_unavailable");
  data options{data::type::list};
  for (const Skill& s : *skills) {
    data o{data::type::object};
    o.set("value", s.id);
    o.set("name", lang == "en" && !s.name.en.empty() ? s.name.en : s.name.nl);
    if (s.id == form.skill_id) o.set("selected", true);
    options.push_back(o);
  }
  data levels{data::type::list};
  for (int level = 1; level <= 3; ++level) {
    data l{data::type::object};
    l.set("value", std::to_string(level));
    l.set("label", LevelText(level, lang));
    if (form.level == std::to_string(level)) l.set("checked", true);
    levels.push_back(l);
  }
  data d{data::type::object};
  d.set("skills", options);
  d.set("levels", levels);
  d.set("employee_number", form.employee_number);
  d.set("confirmed_by", form.confirmed_by);
  if (!error_key.empty()) d.set("error", Message(lang, error_key));
  return PageResponse(ctx, "cred_issue", std::move(d), status);
}

http::Response IssuePost(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  auto parsed = page::Form(request, kMaxIssueFormBytes);
  if (!parsed) return IssuePage(app, request, authed, {}, "form_expired", 400);
  IssueForm form{.employee_number = Field(*parsed, "employee_number"),
                 .skill_id = Field(*parsed, "skill_id"),
                 .level = Field(*parsed, "level"),
                 .confirmed_by = Field(*parsed, "confirmed_by")};
  if (form.employee_number.empty() || form.skill_id.empty() || form.confirmed_by.empty() ||
      (form.level != "1" && form.level != "2" && form.level != "3")) {
    return IssuePage(app, request, authed, form, "cred_issue_invalid", 400);
  }
  DirectIssue input{.employee_number = form.employee_number,
                    .skill_id = form.skill_id,
                    .level = form.level[0] - '0',
                    .confirmed_by_number = form.confirmed_by};
  auto offer = CreateDirectOffer(app, authed.principal.AuditActor(), input);
  if (!offer) {
    switch (offer.error().code()) {
      case ErrorCode::kNotFound: return IssuePage(app, request, authed, form, "cred_issue_unknown", 400);
      case ErrorCode::kInvalidArgument: return IssuePage(app, request, authed, form, "cred_issue_invalid", 400);
      default: return Notice(app, request, authed, 503, "cred_unavailable", "/issued/new");
    }
  }
  PageContext ctx = MakePageContext(app, request, &authed, "col_title");
  OfferPageText text{.skill = form.skill_id,
                     .level = LevelText(input.level, ctx.language),
                     .person = form.employee_number,
                     .new_code_action = "/issued/new",
                     .resend_fields = {{"employee_number", form.employee_number},
                                       {"skill_id", form.skill_id},
                                       {"level", form.level},
                                       {"confirmed_by", form.confirmed_by}},
                     .back_href = "/issued",
                     .back_label = Message(ctx.language, "cred_back"),
                     .web_wallet = app.settings().web_wallet_url};
  if (auto skill = GetSkill(app, form.skill_id)) {
    text.skill = ctx.language == "en" && !skill->name.en.empty() ? skill->name.en : skill->name.nl;
  }
  if (auto row = app.db().QueryOne("SELECT name FROM people WHERE employee_number = ?", {form.employee_number});
      row && *row) {
    text.person = (*row)->Text(0) + " (" + form.employee_number + ")";
  }
  return OfferPage(ctx, *offer, text);
}

}  // namespace

void AddOwnCredentials(IssuerApp& app, const Principal& principal, std::string_view language, data& page) {
  auto credentials = ListCredentials(app, principal, principal.person_id);
  if (!credentials || credentials->empty()) return;
  data list{data::type::list};
  for (const CredentialRecord& c : *credentials) {
    if (c.person_id != principal.person_id) continue;
    list.push_back(CredentialItem(c, language));
  }
  page.set("my_credentials", list);
  page.set("has_credentials", true);
}

void RegisterCredentialPages(http::Router& router, IssuerApp& app) {
  const auto managers = {Role::kManager, Role::kHr, Role::kAdmin};
  const auto hr = {Role::kHr, Role::kAdmin};
  router.Get("/issued", page::ForRoles(app, managers, [&app](http::Request& request, const AuthedRequest& authed) {
               return ListPage(app, request, authed);
             }));
  router.Post("/issued/status",
              page::ForRoles(app, managers, [&app](http::Request& request, const AuthedRequest& authed) {
                return StatusPost(app, request, authed);
              }));
  router.Get("/issued/new", page::ForRoles(app, hr, [&app](http::Request& request, const AuthedRequest& authed) {
               return IssuePage(app, request, authed, {}, "", 200);
             }));
  router.Post("/issued/new", page::ForRoles(app, hr, [&app](http::Request& request, const AuthedRequest& authed) {
                return IssuePost(app, request, authed);
              }));
}

}  // namespace vaardig::issuer
