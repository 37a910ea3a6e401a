#include "issuer/http/pages_manager.h"

#include <charconv>
#include <chrono>
#include <mutex>

#include "issuer/app/claims.h"
#include "issuer/app/organisation.h"
#include "issuer/app/team_view.h"

namespace vaardig::issuer {

namespace {

using kainjow::mustache::data;

constexpr std::size_t kMaxActionFormBytes = 16 * 1024;

// Loads the vault once, on first use (as the JSON API does).
class VaultHolder {
 public:
  VaultHolder(IssuerApp& app, std::shared_ptr<const KeyVault> vault) : app_(app), vault_(std::move(vault)) {}
  std::shared_ptr<const KeyVault> Get() {
    std::lock_guard lock(mu_);
    if (!vault_) {
      auto loaded = KeyVault::Load(app_.settings().kek_file);
      if (loaded) vault_ = std::make_shared<const KeyVault>(std::move(*loaded));
    }
    return vault_;
  }

 private:
  IssuerApp& app_;
  std::mutex mu_;
  std::shared_ptr<const KeyVault> vault_;
};

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; nullopt for anything else.
std::optional<std::int64_t> ParseUtc(std::string_view t) {
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') {
    return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int v = 0;
    const auto [end, ec] = std::from_chars(t.data() + pos, t.data() + pos + len, v);
    if (ec != std::errc() || end != t.data() + pos + len) return std::nullopt;
    return v;
  };
  const auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*mo)),
                                        std::chrono::day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return std::nullopt;
  const auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return static_cast<std::int64_t>(days) * 86400 + *h * 3600 + *mi * 60 + *s;
}

// "3 dagen" / "3 days": how long a request has waited, in plain words.
std::string Waiting(const IssuerApp& app, std::string_view lang, std::string_view created_at) {
  const auto created = ParseUtc(created_at);
  if (!created) return std::string(created_at);
  const std::int64_t seconds = std::max<std::int64_t>(0, app.clock().NowSeconds() - *created);
  if (seconds < 3600) return Message(lang, "mgr_waiting_new");
  if (seconds < 86400) {
    const std::int64_t hours = seconds / 3600;
    return std::to_string(hours) + " " + Message(lang, hours == 1 ? "mgr_hour" : "mgr_hours");
  }
  const std::int64_t days = seconds / 86400;
  return std::to_string(days) + " " + Message(lang, days == 1 ? "mgr_day" : "mgr_days");
}

std::string LevelLabel(std::string_view lang, int level) {
  if (level < 1 || level > 3) return "-";
  return Message(lang, "mgr_level_" + std::to_string(level));
}

std::string SkillName(std::string_view lang, const std::string& nl, const std::string& en) {
  return lang == "en" && !en.empty() ? en : nl;
}

std::string SizeText(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes / (1024 * 1024)) + " MB";
}

// The waiting request addressed to the principal. not_found when it is not addressed to them or
// unknown; failed_precondition when it was addressed to them and is already handled (so a
// resubmitted form says "already handled" rather than "not yours").
Result<QueueItem> FindRequest(IssuerApp& app, const Principal& principal, std::int64_t id) {
  VAARDIG_ASSIGN_OR_RETURN(auto queue, Queue(app, principal));
  for (QueueItem& q : queue) {
    if (q.request_id == id) return std::move(q);
  }
  VAARDIG_ASSIGN_OR_RETURN(auto mine, app.db().QueryOne("SELECT state FROM confirmation_requests WHERE id = ? AND "
                                                        "endorser_id = ?",
                                                        {id, principal.person_id}));
  if (mine) return Fail(ErrorCode::kFailedPrecondition, "the request is " + mine->Text("state"));
  return Fail(ErrorCode::kNotFound, "no such request");
}

http::Response RequestPage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                           const QueueItem& q, int status = 200, std::string_view error_key = "") {
  PageContext ctx = MakePageContext(app, request, &authed, "mgr_request_title");
  const std::string& lang = ctx.language;
  data d{data::type::object};
  d.set("id", std::to_string(q.request_id));
  d.set("employee", q.employee_name);
  d.set("employee_number", q.employee_number);
  d.set("skill", SkillName(lang, q.skill_name_nl, q.skill_name_en));
  d.set("self_level", LevelLabel(lang, q.self_level));
  d.set("note", q.note);
  d.set("has_note", !q.note.empty());
  d.set("message", q.message);
  d.set("has_message", !q.message.empty());
  d.set("frequency", Message(lang, "mgr_freq_" + (q.frequency.empty() ? std::string("none") : q.frequency)));
  d.set("waiting", Waiting(app, lang, q.created_at));
  d.set("info_requested", q.state == "info_requested");
  if (!error_key.empty()) d.set("error", Message(lang, error_key));
  data evidence{data::type::list};
  for (const EvidenceInfo& e : q.evidence) {
    data item{data::type::object};
    item.set("href", "/evidence/" + std::to_string(e.id));
    item.set("name", e.name);
    item.set("size", SizeText(e.size));
    item.set("is_image", e.media_type.starts_with("image/"));
    evidence.push_back(item);
  }
  d.set("evidence", evidence);
  d.set("has_evidence", !q.evidence.empty());
  data levels{data::type::list};
  for (int level = 1; level <= 3; ++level) {
    data item{data::type::object};
    item.set("value", std::to_string(level));
    item.set("label", LevelLabel(lang, level));
    item.set("checked", level == q.self_level);
    levels.push_back(item);
  }
  d.set("levels", levels);
  return PageResponse(ctx, "mgr_request", std::move(d), status);
}

// The outcome of an action on a request, as a page.
http::Response ActionFailed(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                            const Error& error) {
  PageContext ctx = MakePageContext(app, request, &authed, "error_title");
  switch (error.code()) {
    case ErrorCode::kNotFound:
      return page::Notice(ctx, 404, "error_title", Message(ctx.language, "mgr_request_not_found"), "/queue");
    case ErrorCode::kFailedPrecondition:
      return page::Notice(ctx, 409, "error_title", Message(ctx.language, "mgr_request_handled"), "/queue");
    case ErrorCode::kPermissionDenied:
      return page::Notice(ctx, 403, "error_title", Message(ctx.language, "forbidden"), "/queue");
    case ErrorCode::kUnavailable:
      return page::Notice(ctx, 503, "error_title", Message(ctx.language, "mgr_cannot_sign"), "/queue");
    default:
      return page::Notice(ctx, 500, "error_title", Message(ctx.language, "mgr_try_later"), "/queue");
  }
}

enum class Action { kConfirm, kAskInfo, kDecline };

http::Response HandleAction(IssuerApp& app, VaultHolder& vault, Action action, http::Request& request,
                            const AuthedRequest& authed) {
  const auto id = page::IdParam(request);
  if (!id) return ActionFailed(app, request, authed, Error(ErrorCode::kNotFound, "no such request"));
  auto found = FindRequest(app, authed.principal, *id);
  if (!found) return ActionFailed(app, request, authed, found.error());
  const QueueItem& q = *found;
  auto form = page::Form(request, kMaxActionFormBytes);
  if (!form) return RequestPage(app, request, authed, q, 400, "mgr_form_invalid");
  const std::string text(http::FormValue(*form, action == Action::kConfirm   ? "comment"
                                                : action == Action::kAskInfo ? "question"
                                                                             : "reason")
                             .value_or(""));
  if (text.size() > kMaxNoteChars * 4) return RequestPage(app, request, authed, q, 400, "mgr_text_too_long");
  Status done = Ok();
  std::string result_key;
  if (action == Action::kConfirm) {
    const std::string_view level_text = http::FormValue(*form, "level").value_or("");
    if (level_text != "1" && level_text != "2" && level_text != "3") {
      return RequestPage(app, request, authed, q, 400, "mgr_pick_level");
    }
    auto signer = vault.Get();
    if (!signer) return ActionFailed(app, request, authed, Error(ErrorCode::kUnavailable, "no vault"));
    auto endorsement = Confirm(app, *signer, authed.principal, *id, level_text[0] - '0', text);
    if (!endorsement) done = Fail(endorsement.error());
    result_key = "mgr_confirmed";
  } else if (action == Action::kAskInfo) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return RequestPage(app, request, authed, q, 400, "mgr_question_required");
    }
    done = AskForInformation(app, authed.principal, *id, text);
    result_key = "mgr_asked";
  } else {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return RequestPage(app, request, authed, q, 400, "mgr_reason_required");
    }
    done = Decline(app, authed.principal, *id, text);
    result_key = "mgr_declined";
  }
  if (!done) {
    if (done.error().code() == ErrorCode::kInvalidArgument || done.error().code() == ErrorCode::kResourceExhausted) {
      return RequestPage(app, request, authed, q, 400, "mgr_text_too_long");
    }
    return ActionFailed(app, request, authed, done.error());
  }
  PageContext ctx = MakePageContext(app, request, &authed, "mgr_done_title");
  const std::string skill = SkillName(ctx.language, q.skill_name_nl, q.skill_name_en);
  return page::Notice(ctx, 200, "mgr_done_title",
                      q.employee_name + " · " + skill + ": " + Message(ctx.language, result_key), "/queue");
}

// The manager whose team /team shows: the signed-in manager, or for HR and administrators the
// one named by ?manager=NUMBER (nullopt: none chosen yet). not_found for an unknown number.
Result<std::optional<std::int64_t>> TeamManager(IssuerApp& app, const AuthedRequest& authed,
                                                const http::Request& request) {
  if (!authed.principal.IsHrOrAdmin()) return std::optional<std::int64_t>(authed.principal.person_id);
  const auto number = request.QueryParam("manager");
  if (!number || number->empty()) return std::optional<std::int64_t>();
  if (number->size() > kMaxEmployeeNumberBytes) return Fail(ErrorCode::kNotFound, "no such manager");
  VAARDIG_ASSIGN_OR_RETURN(Person manager, GetPersonByNumber(app, *number));
  return std::optional<std::int64_t>(manager.id);
}

http::Response TeamPage(IssuerApp& app, http::Request& request, const AuthedRequest& authed) {
  PageContext ctx = MakePageContext(app, request, &authed, "mgr_team_title");
  const std::string& lang = ctx.language;
  data d{data::type::object};
  d.set("pick_manager", authed.principal.IsHrOrAdmin());
  d.set("manager_number", std::string(request.QueryParam("manager").value_or("").substr(0, kMaxEmployeeNumberBytes)));
  auto manager = TeamManager(app, authed, request);
  if (!manager) {
    d.set("error", Message(lang, "mgr_no_such_manager"));
    return PageResponse(ctx, "mgr_team", std::move(d), 404);
  }
  if (!*manager) return PageResponse(ctx, "mgr_team", std::move(d));
  auto matrix = BuildTeamMatrix(app, authed.principal, **manager);
  if (!matrix) {
    const int status = matrix.error().code() == ErrorCode::kNotFound ? 404 : 403;
    d.set("error", Message(lang, status == 404 ? "mgr_no_such_manager" : "forbidden"));
    return PageResponse(ctx, "mgr_team", std::move(d), status);
  }
  d.set("show_matrix", true);
  std::string csv_href = "/team.csv";
  if (authed.principal.IsHrOrAdmin())
    csv_href += "?manager=" + http::FormEncode(request.QueryParam("manager").value_or(""));
  d.set("csv_href", csv_href);
  data skills{data::type::list};
  for (const MatrixSkill& s : matrix->skills) {
    data item{data::type::object};
    item.set("name", SkillName(lang, s.name.nl, s.name.en));
    skills.push_back(item);
  }
  d.set("skills", skills);
  data rows{data::type::list};
  for (const MatrixRow& r : matrix->rows) {
    data row{data::type::object};
    row.set("name", r.name);
    row.set("employee_number", r.employee_number);
    data cells{data::type::list};
    for (const auto& level : r.levels) {
      data cell{data::type::object};
      cell.set("text", level ? LevelLabel(lang, *level) : std::string("–"));
      cell.set("confirmed", level.has_value());
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  d.set("rows", rows);
  d.set("has_rows", !matrix->rows.empty());
  d.set("has_skills", !matrix->skills.empty());
  return PageResponse(ctx, "mgr_team", std::move(d));
}

}  // namespace

namespace page {

http::Response Notice(const PageContext& ctx, int status, std::string_view heading_key, std::string message,
                      std::string back_href) {
  data d{data::type::object};
  d.set("heading", Message(ctx.language, heading_key));
  d.set("message", std::move(message));
  d.set("back_href", std::move(back_href));
  return PageResponse(ctx, "error", std::move(d), status);
}

http::Handler ForRoles(IssuerApp& app, std::initializer_list<Role> roles, Handler handler) {
  std::vector<Role> allowed(roles);
  return [&app, allowed, handler = std::move(handler)](http::Request& request) {
    // RequireSession finds the csrf field in urlencoded and multipart (upload) forms alike.
    auto authed = RequireSession(app, request);
    if (!authed) {
      if (authed.error().code() == ErrorCode::kUnauthenticated) return RedirectToLogin();
      PageContext ctx = MakePageContext(app, request, nullptr, "error_title");
      return Notice(ctx, 403, "error_title", Message(ctx.language, "form_expired"), "/");
    }
    bool ok = false;
    for (Role r : allowed) ok = ok || authed->principal.role == r;
    if (!ok) {
      PageContext ctx = MakePageContext(app, request, &*authed, "error_title");
      return Notice(ctx, 403, "error_title", Message(ctx.language, "forbidden"), "/");
    }
    return handler(request, *authed);
  };
}

Result<std::vector<std::pair<std::string, std::string>>> Form(const http::Request& request, std::size_t max_bytes) {
  if (request.MediaType() != "application/x-www-form-urlencoded") {
    return Fail(ErrorCode::kInvalidArgument, "the form must be application/x-www-form-urlencoded");
  }
  if (request.body.size() > max_bytes) return Fail(ErrorCode::kResourceExhausted, "the form is too large");
  return http::ParseForm(request.body);
}

std::optional<std::int64_t> IdParam(const http::Request& request) {
  const std::string_view text = request.PathParam("id").value_or("");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace page

void RegisterManagerPages(http::Router& router, IssuerApp& app, std::shared_ptr<const KeyVault> vault) {
  auto holder = std::make_shared<VaultHolder>(app, std::move(vault));
  const auto roles = {Role::kManager, Role::kHr, Role::kAdmin};

  router.Get("/queue", page::ForRoles(app, roles, [&app](http::Request& request, const AuthedRequest& authed) {
               PageContext ctx = MakePageContext(app, request, &authed, "mgr_queue_title");
               auto queue = Queue(app, authed.principal);
               if (!queue) return ActionFailed(app, request, authed, queue.error());
               data items{data::type::list};
               for (const QueueItem& q : *queue) {
                 data item{data::type::object};
                 item.set("href", "/queue/" + std::to_string(q.request_id));
                 item.set("employee", q.employee_name);
                 item.set("skill", SkillName(ctx.language, q.skill_name_nl, q.skill_name_en));
                 item.set("self_level", LevelLabel(ctx.language, q.self_level));
                 item.set("waiting", Waiting(app, ctx.language, q.created_at));
                 item.set("info_requested", q.state == "info_requested");
                 items.push_back(item);
               }
               data d{data::type::object};
               d.set("has_items", !queue->empty());
               d.set("items", items);
               d.set("count", std::to_string(queue->size()));
               return PageResponse(ctx, "mgr_queue", std::move(d));
             }));

  router.Get("/queue/{id}", page::ForRoles(app, roles, [&app](http::Request& request, const AuthedRequest& authed) {
               const auto id = page::IdParam(request);
               if (!id) return ActionFailed(app, request, authed, Error(ErrorCode::kNotFound, "no such request"));
               auto found = FindRequest(app, authed.principal, *id);
               if (!found) return ActionFailed(app, request, authed, found.error());
               return RequestPage(app, request, authed, *found);
             }));

  router.Post("/queue/{id}/confirm",
              page::ForRoles(app, roles, [&app, holder](http::Request& request, const AuthedRequest& authed) {
                return HandleAction(app, *holder, Action::kConfirm, request, authed);
              }));
  router.Post("/queue/{id}/ask-info",
              page::ForRoles(app, roles, [&app, holder](http::Request& request, const AuthedRequest& authed) {
                return HandleAction(app, *holder, Action::kAskInfo, request, authed);
              }));
  router.Post("/queue/{id}/decline",
              page::ForRoles(app, roles, [&app, holder](http::Request& request, const AuthedRequest& authed) {
                return HandleAction(app, *holder, Action::kDecline, request, authed);
              }));

  router.Get("/team", page::ForRoles(app, roles, [&app](http::Request& request, const AuthedRequest& authed) {
               return TeamPage(app, request, authed);
             }));

  router.Get("/team.csv", page::ForRoles(app, roles, [&app](http::Request& request, const AuthedRequest& authed) {
               PageContext ctx = MakePageContext(app, request, &authed, "error_title");
               auto manager = TeamManager(app, authed, request);
               if (!manager || !*manager) {
                 return page::Notice(ctx, 404, "error_title", Message(ctx.language, "mgr_no_such_manager"), "/team");
               }
               auto matrix = BuildTeamMatrix(app, authed.principal, **manager);
               if (!matrix) {
                 return page::Notice(ctx, matrix.error().code() == ErrorCode::kNotFound ? 404 : 403, "error_title",
                                     Message(ctx.language, "forbidden"), "/team");
               }
               http::Response r = http::Response::Text(200, ExportTeamMatrixCsv(*matrix, ctx.language));
               r.content_type = "text/csv; charset=utf-8";
               r.AddHeader("Content-Disposition", "attachment; filename=\"team.csv\"");
               r.AddHeader("Cache-Control", "no-store");
               return r;
             }));
}

}  // namespace vaardig::issuer
