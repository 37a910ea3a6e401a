#include "issuer/app/organisation.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace vaardig::issuer {

namespace {

constexpr std::string_view kPersonSelect =
    "SELECT p.id, p.employee_number, p.name, p.email, p.team_id, COALESCE(t.name, '') AS team, "
    "p.manager_id, COALESCE(m.employee_number, '') AS manager_number, p.role, p.active "
    "FROM people p LEFT JOIN teams t ON t.id = p.team_id LEFT JOIN people m ON m.id = p.manager_id ";

Result<Person> PersonFromRow(const store::Row& row) {
  Person p;
  p.id = row.Int("id");
  p.employee_number = row.Text("employee_number");
  p.name = row.Text("name");
  p.email = row.Text("email");
  p.team_id = row.OptInt("team_id");
  p.team = row.Text("team");
  p.manager_id = row.OptInt("manager_id");
  p.manager_number = row.Text("manager_number");
  auto role = ParseRole(row.Text("role"));
  if (!role) return Fail(ErrorCode::kDataLoss, "person " + std::to_string(p.id) + " has an unknown role");
  p.role = *role;
  p.active = row.Int("active") != 0;
  return p;
}

Result<std::vector<Person>> QueryPeople(store::Database& db, std::string_view where_order,
                                        std::initializer_list<store::Value> params) {
  VAARDIG_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kPersonSelect) + std::string(where_order), params));
  std::vector<Person> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    VAARDIG_ASSIGN_OR_RETURN(Person p, PersonFromRow(row));
    out.push_back(std::move(p));
  }
  return out;
}

PersonRecord ToRecord(const Person& p) {
  PersonRecord r;
  r.employee_number = p.employee_number;
  r.name = p.name;
  r.email = p.email;
  r.team = p.team;
  if (!p.manager_number.empty()) r.manager_number = p.manager_number;
  r.role = p.role;
  return r;
}

// Returns the id of team `name`, creating it (and noting it in `created`) when new.
Result<std::int64_t> TeamId(store::Database& tx, const std::string& name, const std::string& now,
                            std::map<std::string, std::int64_t>& known, std::vector<std::string>& created) {
  if (auto it = known.find(name); it != known.end()) return it->second;
  VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("INSERT INTO teams (name, created_at) VALUES (?, ?) RETURNING id",
                                                 {name, now}));
  if (!row) return Fail(ErrorCode::kInternal, "creating team returned no id");
  const std::int64_t id = row->Int(0);
  // Roadmaps imported before their team existed are linked now (the same rule as ImportRoadmaps).
  VAARDIG_RETURN_IF_ERROR(tx.Execute(
      "UPDATE roadmaps SET team_id = ? WHERE team_id IS NULL AND (lower(job) = lower(?) OR id = lower(?))",
      {id, name, name}));
  known.emplace(name, id);
  created.push_back(name);
  return id;
}

}  // namespace

Json ImportReportToJson(const ImportReport& report) {
  Json added = Json::array();
  for (const auto& r : report.diff.added) {
    added.push_back(Json{{"employee_number", r.employee_number},
                         {"name", r.name},
                         {"email", r.email},
                         {"team", r.team},
                         {"manager_number", r.manager_number.value_or("")},
                         {"role", std::string(ToString(r.role))}});
  }
  Json changed = Json::array();
  for (const auto& c : report.diff.changed) {
    Json fields = Json::array();
    for (const auto& f : c.changes) fields.push_back(Json{{"field", f.field}, {"old", f.old_value}, {"new", f.new_value}});
    changed.push_back(Json{{"employee_number", c.employee_number}, {"changes", std::move(fields)}});
  }
  Json missing = Json::array();
  for (const auto& r : report.diff.missing) missing.push_back(Json{{"employee_number", r.employee_number}, {"name", r.name}});
  return Json{{"dry_run", report.dry_run},     {"added", std::move(added)},
              {"changed", std::move(changed)}, {"unchanged", report.diff.unchanged},
              {"missing", std::move(missing)}, {"new_teams", report.new_teams}};
}

Json PersonToJson(const Person& p) {
  return Json{{"id", p.id},
              {"employee_number", p.employee_number},
              {"name", p.name},
              {"email", p.email},
              {"team", p.team},
              {"manager_number", p.manager_number},
              {"role", std::string(ToString(p.role))},
              {"active", p.active}};
}

Result<ImportReport> ImportPeople(IssuerApp& app, std::string_view csv, bool dry_run, std::string_view actor) {
  VAARDIG_ASSIGN_OR_RETURN(std::vector<PersonRecord> incoming, ParsePeopleCsv(csv));
  ImportReport report;
  report.dry_run = dry_run;
  const std::string now = app.Now();
  // Everything, the diff included, happens in the transaction so it sees the state it changes. A
  // dry run returns before the first write.
  Status done = app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(std::vector<Person> stored, QueryPeople(tx, "ORDER BY p.id", {}));
    std::vector<PersonRecord> current;
    std::set<std::string> inactive;
    for (const auto& p : stored) {
      current.push_back(ToRecord(p));
      if (!p.active) inactive.insert(p.employee_number);
    }
    report.diff = Diff(current, incoming);
    // Inactive people are not expected in the export: not worth reporting as missing.
    std::erase_if(report.diff.missing, [&](const PersonRecord& r) { return inactive.contains(r.employee_number); });

    std::map<std::string, std::int64_t> teams;
    VAARDIG_ASSIGN_OR_RETURN(auto team_rows, tx.Query("SELECT id, name FROM teams"));
    for (const auto& row : team_rows) teams.emplace(row.Text("name"), row.Int("id"));
    std::set<std::string> needed;
    for (const auto& r : report.diff.added) if (!r.team.empty()) needed.insert(r.team);
    for (const auto& c : report.diff.changed) {
      for (const auto& f : c.changes) if (f.field == "team" && !f.new_value.empty()) needed.insert(f.new_value);
    }
    for (const auto& name : needed) {
      if (!teams.contains(name)) report.new_teams.push_back(name);
    }
    if (dry_run || report.diff.NoChanges()) return {};
    report.new_teams.clear();

    std::map<std::string, const PersonRecord*> by_number;
    for (const auto& r : incoming) by_number.emplace(r.employee_number, &r);
    auto team_value = [&](const std::string& name) -> Result<store::Value> {
      if (name.empty()) return store::Value(nullptr);
      VAARDIG_ASSIGN_OR_RETURN(std::int64_t id, TeamId(tx, name, now, teams, report.new_teams));
      return store::Value(id);
    };
    // Pass 1: everyone without managers, so a manager listed after their reports exists in pass 2.
    std::vector<const PersonRecord*> touched;
    for (const auto& r : report.diff.added) {
      VAARDIG_ASSIGN_OR_RETURN(store::Value team, team_value(r.team));
      VAARDIG_RETURN_IF_ERROR(tx.Execute(
          "INSERT INTO people (employee_number, name, email, team_id, role, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {r.employee_number, r.name, r.email, team, std::string(ToString(r.role)), now, now}));
      touched.push_back(by_number.at(r.employee_number));
    }
    for (const auto& c : report.diff.changed) {
      const PersonRecord& r = *by_number.at(c.employee_number);
      VAARDIG_ASSIGN_OR_RETURN(store::Value team, team_value(r.team));
      VAARDIG_RETURN_IF_ERROR(tx.Execute(
          "UPDATE people SET name = ?, email = ?, team_id = ?, role = ?, updated_at = ? WHERE employee_number = ?",
          {r.name, r.email, team, std::string(ToString(r.role)), now, r.employee_number}));
      touched.push_back(&r);
    }
    // Pass 2: managers, by employee number (ParsePeopleCsv checked each is in the file).
    for (const PersonRecord* r : touched) {
      store::Value manager = nullptr;
      if (r->manager_number) {
        VAARDIG_ASSIGN_OR_RETURN(auto m, tx.QueryOne("SELECT id FROM people WHERE employee_number = ?",
                                                     {*r->manager_number}));
        if (!m) return Fail(ErrorCode::kInternal, "manager " + *r->manager_number + " was not stored");
        manager = m->Int(0);
      }
      VAARDIG_RETURN_IF_ERROR(
          tx.Execute("UPDATE people SET manager_id = ? WHERE employee_number = ?", {manager, r->employee_number}));
    }
    // Counts only: names and e-mail addresses stay out of the (unerasable) audit log.
    return AuditLog::Append(tx, app.clock(), actor, "people.import", "people",
                            Json{{"added", report.diff.added.size()},
                                 {"changed", report.diff.changed.size()},
                                 {"unchanged", report.diff.unchanged},
                                 {"missing", report.diff.missing.size()},
                                 {"teams_created", report.new_teams.size()}});
  });
  if (!done) return Fail(done.error().WithContext("people file not imported, nothing changed"));
  std::sort(report.new_teams.begin(), report.new_teams.end());
  return report;
}

Result<Person> GetPerson(IssuerApp& app, std::int64_t id) {
  VAARDIG_ASSIGN_OR_RETURN(auto people, QueryPeople(app.db(), "WHERE p.id = ?", {id}));
  if (people.empty()) return Fail(ErrorCode::kNotFound, "no person with id " + std::to_string(id));
  return std::move(people.front());
}

Result<Person> GetPersonByNumber(IssuerApp& app, std::string_view employee_number) {
  VAARDIG_ASSIGN_OR_RETURN(auto people,
                           QueryPeople(app.db(), "WHERE p.employee_number = ?", {std::string(employee_number)}));
  if (people.empty()) return Fail(ErrorCode::kNotFound, "no person with employee number " + std::string(employee_number));
  return std::move(people.front());
}

Result<std::vector<Person>> ListTeam(IssuerApp& app, std::int64_t manager_id) {
  return QueryPeople(app.db(), "WHERE p.manager_id = ? AND p.active = 1 ORDER BY p.name, p.id", {manager_id});
}

Result<std::vector<Person>> ListPeople(IssuerApp& app, const Principal& viewer) {
  if (!viewer.IsHrOrAdmin()) return Fail(ErrorCode::kPermissionDenied, "only HR and administrators may list everyone");
  return QueryPeople(app.db(), "ORDER BY p.employee_number", {});
}

Status DeactivatePerson(IssuerApp& app, std::int64_t id, std::string_view actor) {
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT active FROM people WHERE id = ?", {id}));
    if (!row) return Fail(ErrorCode::kNotFound, "no person with id " + std::to_string(id));
    if (row->Int(0) == 0) return {};
    VAARDIG_RETURN_IF_ERROR(
        tx.Execute("UPDATE people SET active = 0, updated_at = ? WHERE id = ?", {app.Now(), id}));
    return AuditLog::Append(tx, app.clock(), actor, "person.deactivate", "person:" + std::to_string(id));
  });
}

}  // namespace vaardig::issuer
