#include "issuer/http/pages_admin.h"

#include <map>

#include "issuer/app/catalogue_store.h"
#include "issuer/app/organisation.h"
#include "issuer/catalogue/catalogue.h"
#include "issuer/http/pages_manager.h"

namespace vaardig::issuer {

namespace {

using kainjow::mustache::data;

constexpr std::size_t kMaxSearchBytes = 200;

bool ContainsIgnoringCase(std::string_view haystack, std::string_view needle) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
  if (needle.empty()) return true;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && lower(haystack[i + j]) == lower(needle[j])) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

// The uploaded or pasted CSV and the chosen action of an import form (urlencoded or multipart).
struct ImportForm {
  std::string csv;
  std::string action;  // "preview" or "apply"
};

Result<ImportForm> ReadImportForm(const http::Request& request) {
  if (request.body.size() > kMaxAdminUploadBytes) {
    return Fail(ErrorCode::kResourceExhausted, "the file is too large");
  }
  ImportForm out;
  if (request.MediaType() == "multipart/form-data") {
    VAARDIG_ASSIGN_OR_RETURN(auto parts,
                             http::ParseMultipart(request.Header("content-type").value_or(""), request.body));
    std::string pasted;
    for (const http::FormPart& part : parts) {
      if (part.name == "file" && part.filename && !part.data.empty()) out.csv = part.data;
      if (part.name == "csv") pasted = part.data;
      if (part.name == "action") out.action = part.data;
    }
    if (out.csv.empty()) out.csv = std::move(pasted);
  } else {
    VAARDIG_ASSIGN_OR_RETURN(auto form, page::Form(request, kMaxAdminUploadBytes));
    out.csv = std::string(http::FormValue(form, "csv").value_or(""));
    out.action = std::string(http::FormValue(form, "action").value_or(""));
  }
  if (out.action.empty()) out.action = "preview";
  if (out.action != "preview" && out.action != "apply") {
    return Fail(ErrorCode::kInvalidArgument, "unknown action");
  }
  if (out.csv.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "empty");
  }
  return out;
}

data PersonRow(std::string_view lang, const PersonRecord& p) {
  data d{data::type::object};
  d.set("employee_number", p.employee_number);
  d.set("name", p.name);
  d.set("email", p.email);
  d.set("team", p.team);
  d.set("role", Message(lang, "role_" + std::string(ToString(p.role))));
  return d;
}

http::Response ImportProblem(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                             std::string_view title_key, std::string_view back, const Error& error,
                             std::string_view empty_key) {
  PageContext ctx = MakePageContext(app, request, &authed, title_key);
  data d{data::type::object};
  d.set("back_href", std::string(back));
  if (error.message() == "empty") {
    d.set("lead", Message(ctx.language, empty_key));
  } else if (error.code() == ErrorCode::kResourceExhausted && error.message() == "the file is too large") {
    d.set("lead", Message(ctx.language, "adm_too_large"));
  } else {
    d.set("lead", Message(ctx.language, "adm_file_rejected"));
    // The importers' messages name the line and column of each problem (one per line).
    data lines{data::type::list};
    // Their form: "people file rejected, nothing imported: line 3, column 'email': ...; line 5, ...".
    std::string_view rest = error.message();
    if (const auto lead = rest.find("nothing imported: "); lead != std::string_view::npos) {
      rest.remove_prefix(lead + std::string_view("nothing imported: ").size());
    }
    while (!rest.empty()) {
      const auto sep = rest.find("; ");
      std::string_view line = rest.substr(0, sep);
      rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 2);
      if (line.empty()) continue;
      data item{data::type::object};
      item.set("text", std::string(line));
      lines.push_back(item);
    }
    d.set("has_problems", true);
    d.set("problems", lines);
  }
  const int status = error.code() == ErrorCode::kResourceExhausted                                         ? 413
                     : error.code() == ErrorCode::kAlreadyExists                                           ? 409
                     : error.code() == ErrorCode::kInvalidArgument || error.code() == ErrorCode::kNotFound ? 400
                                                                                                           : 500;
  return PageResponse(ctx, "adm_import_error", std::move(d), status);
}

http::Response PeoplePage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  PageContext ctx = MakePageContext(app, request, &authed, "adm_people_title");
  const std::string q(request.QueryParam("q").value_or("").substr(0, kMaxSearchBytes));
  auto people = ListPeople(app, authed.principal);
  if (!people) return page::Notice(ctx, 500, "error_title", Message(ctx.language, "mgr_try_later"), "/");
  data rows{data::type::list};
  std::size_t shown = 0;
  for (const Person& p : *people) {
    if (!ContainsIgnoringCase(p.employee_number, q) && !ContainsIgnoringCase(p.name, q) &&
        !ContainsIgnoringCase(p.email, q) && !ContainsIgnoringCase(p.team, q)) {
      continue;
    }
    data d{data::type::object};
    d.set("employee_number", p.employee_number);
    d.set("name", p.name);
    d.set("email", p.email);
    d.set("team", p.team);
    d.set("manager_number", p.manager_number);
    d.set("role", Message(ctx.language, "role_" + std::string(ToString(p.role))));
    d.set("inactive", !p.active);
    rows.push_back(d);
    ++shown;
  }
  data d{data::type::object};
  d.set("q", q);
  d.set("people", rows);
  d.set("shown", std::to_string(shown));
  d.set("total", std::to_string(people->size()));
  return PageResponse(ctx, "adm_people", std::move(d));
}

http::Response PeopleImport(IssuerApp& app, http::Request& request, const AuthedRequest& authed) {
  auto form = ReadImportForm(request);
  if (!form) return ImportProblem(app, request, authed, "adm_import_title", "/people", form.error(), "adm_no_file");
  const bool dry_run = form->action != "apply";
  auto report = ImportPeople(app, form->csv, dry_run, authed.principal.AuditActor());
  if (!report) return ImportProblem(app, request, authed, "adm_import_title", "/people", report.error(), "adm_no_file");
  PageContext ctx = MakePageContext(app, request, &authed, "adm_import_title");
  const std::string& lang = ctx.language;
  data d{data::type::object};
  d.set("dry_run", dry_run);
  d.set("no_changes", report->diff.NoChanges());
  d.set("csv", dry_run ? form->csv : std::string());
  data added{data::type::list};
  for (const PersonRecord& p : report->diff.added) added.push_back(PersonRow(lang, p));
  data changed{data::type::list};
  for (const PersonChange& c : report->diff.changed) {
    data item{data::type::object};
    item.set("employee_number", c.employee_number);
    data fields{data::type::list};
    for (const FieldChange& f : c.changes) {
      data fd{data::type::object};
      fd.set("field", Message(lang, "adm_field_" + f.field));
      fd.set("old", f.old_value.empty() ? std::string("–") : f.old_value);
      fd.set("new", f.new_value.empty() ? std::string("–") : f.new_value);
      fields.push_back(fd);
    }
    item.set("fields", fields);
    changed.push_back(item);
  }
  data missing{data::type::list};
  for (const PersonRecord& p : report->diff.missing) missing.push_back(PersonRow(lang, p));
  data teams{data::type::list};
  for (const std::string& t : report->new_teams) {
    data item{data::type::object};
    item.set("name", t);
    teams.push_back(item);
  }
  d.set("has_added", !report->diff.added.empty());
  d.set("has_changed", !report->diff.changed.empty());
  d.set("has_missing", !report->diff.missing.empty());
  d.set("has_new_teams", !report->new_teams.empty());
  d.set("added", added);
  d.set("changed", changed);
  d.set("missing", missing);
  d.set("new_teams", teams);
  d.set("added_count", std::to_string(report->diff.added.size()));
  d.set("changed_count", std::to_string(report->diff.changed.size()));
  d.set("missing_count", std::to_string(report->diff.missing.size()));
  d.set("unchanged_count", std::to_string(report->diff.unchanged));
  return PageResponse(ctx, "adm_people_import", std::move(d));
}

http::Response CataloguePage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  PageContext ctx = MakePageContext(app, request, &authed, "adm_catalogue_title");
  auto skills = ListSkills(app);
  if (!skills) return page::Notice(ctx, 500, "error_title", Message(ctx.language, "mgr_try_later"), "/");
  std::map<std::string, std::vector<const Skill*>> by_area;
  for (const Skill& s : *skills) by_area[s.area].push_back(&s);
  data areas{data::type::list};
  for (const auto& [area, list] : by_area) {
    data a{data::type::object};
    a.set("area", area.empty() ? Message(ctx.language, "adm_no_area") : area);
    data items{data::type::list};
    for (const Skill* s : list) {
      data item{data::type::object};
      item.set("id", s->id);
      item.set("name", ctx.language == "en" && !s->name.en.empty() ? s->name.en : s->name.nl);
      item.set("kind", Message(ctx.language, "adm_kind_" + std::string(SkillKindName(s->kind))));
      if (s->esco_uri) item.set("esco_uri", *s->esco_uri);
      items.push_back(item);
    }
    a.set("skills", items);
    areas.push_back(a);
  }
  data d{data::type::object};
  d.set("areas", areas);
  d.set("count", std::to_string(skills->size()));
  return PageResponse(ctx, "adm_catalogue", std::move(d));
}

http::Response CatalogueImport(IssuerApp& app, http::Request& request, const AuthedRequest& authed) {
  auto form = ReadImportForm(request);
  if (!form) {
    return ImportProblem(app, request, authed, "adm_catalogue_title", "/catalogue", form.error(), "adm_no_file");
  }
  auto skills = ImportVaardigCsv(form->csv);
  if (!skills) {
    return ImportProblem(app, request, authed, "adm_catalogue_title", "/catalogue", skills.error(), "adm_no_file");
  }
  auto report = ImportSkills(app, std::move(*skills), authed.principal.AuditActor());
  if (!report) {
    return ImportProblem(app, request, authed, "adm_catalogue_title", "/catalogue", report.error(), "adm_no_file");
  }
  PageContext ctx = MakePageContext(app, request, &authed, "adm_catalogue_title");
  const std::string text = Message(ctx.language, "adm_catalogue_saved") + " " + std::to_string(report->added.size()) +
                           " " + Message(ctx.language, "adm_added") + ", " + std::to_string(report->changed.size()) +
                           " " + Message(ctx.language, "adm_changed") + ", " + std::to_string(report->unchanged) + " " +
                           Message(ctx.language, "adm_unchanged") + ".";
  return page::Notice(ctx, 200, "adm_catalogue_title", text, "/catalogue");
}

http::Response AuditPage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed) {
  PageContext ctx = MakePageContext(app, request, &authed, "adm_audit_title");
  auto check = AuditLog::Verify(app.db());
  auto rows = app.db().Query(
      "SELECT a.seq, a.at, a.actor, a.action, a.subject, p.name FROM audit_log a "
      "LEFT JOIN people p ON a.actor = 'person:' || p.id ORDER BY a.seq DESC LIMIT ?",
      {static_cast<std::int64_t>(kAuditPageEntries)});
  if (!check || !rows) return page::Notice(ctx, 500, "error_title", Message(ctx.language, "mgr_try_later"), "/");
  data d{data::type::object};
  d.set("intact", check->ok);
  d.set("entries", std::to_string(check->entries));
  if (!check->ok) d.set("broken_at", std::to_string(check->first_broken_seq.value_or(0)));
  data list{data::type::list};
  for (const store::Row& r : *rows) {
    data item{data::type::object};
    item.set("seq", std::to_string(r.Int("seq")));
    item.set("at", r.Text("at"));
    const auto name = r.OptText("name");
    item.set("actor", name ? *name + " (" + r.Text("actor") + ")" : r.Text("actor"));
    item.set("action", r.Text("action"));
    item.set("subject", r.Text("subject"));
    list.push_back(item);
  }
  d.set("log", list);
  return PageResponse(ctx, "adm_audit", std::move(d));
}

}  // namespace

void RegisterAdminPages(http::Router& router, IssuerApp& app) {
  const auto roles = {Role::kHr, Role::kAdmin};
  router.Get("/people", page::ForRoles(app, roles, [&app](http::Request& r, const AuthedRequest& a) {
               return PeoplePage(app, r, a);
             }));
  router.Post("/people/import", page::ForRoles(app, roles, [&app](http::Request& r, const AuthedRequest& a) {
                return PeopleImport(app, r, a);
              }));
  router.Get("/catalogue", page::ForRoles(app, roles, [&app](http::Request& r, const AuthedRequest& a) {
               return CataloguePage(app, r, a);
             }));
  router.Post("/catalogue/import", page::ForRoles(app, roles, [&app](http::Request& r, const AuthedRequest& a) {
                return CatalogueImport(app, r, a);
              }));
  router.Get("/audit", page::ForRoles(app, roles, [&app](http::Request& r, const AuthedRequest& a) {
               return AuditPage(app, r, a);
             }));
}

}  // namespace vaardig::issuer
