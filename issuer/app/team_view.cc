#include "issuer/app/team_view.h"

#include <map>
#include <set>

#include "issuer/app/catalogue_store.h"
#include "issuer/app/organisation.h"

namespace vaardig::issuer {

Result<TeamMatrix> BuildTeamMatrix(IssuerApp& app, const Principal& viewer, std::int64_t manager_id) {
  if (!viewer.IsHrOrAdmin()) {
    if (viewer.role != Role::kManager) {
      return Fail(ErrorCode::kPermissionDenied, "only managers, HR and administrators may view a team");
    }
    if (viewer.person_id != manager_id) {
      return Fail(ErrorCode::kPermissionDenied, "a manager may view only their own team");
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(Person manager, GetPerson(app, manager_id));
  VAARDIG_ASSIGN_OR_RETURN(std::vector<Person> reports, ListTeam(app, manager.id));

  TeamMatrix m;
  m.manager_id = manager.id;
  std::map<std::string, std::size_t> column;  // skill id -> index
  auto add_column = [&](const std::string& id, LocalText name) {
    if (column.contains(id)) return;
    column.emplace(id, m.skills.size());
    m.skills.push_back(MatrixSkill{id, std::move(name)});
  };

  std::set<std::int64_t> teams;
  for (const auto& p : reports) {
    if (p.team_id) teams.insert(*p.team_id);
  }
  VAARDIG_ASSIGN_OR_RETURN(std::vector<StoredRoadmap> roadmaps, ListRoadmaps(app));
  std::map<std::string, LocalText> names;
  VAARDIG_ASSIGN_OR_RETURN(auto skill_rows, app.db().Query("SELECT id, name_nl, name_en FROM skills"));
  for (const auto& row : skill_rows) names[row.Text("id")] = LocalText{row.Text("name_nl"), row.Text("name_en")};
  for (const auto& r : roadmaps) {
    if (!r.team_id || !teams.contains(*r.team_id)) continue;
    for (const auto& c : r.roadmap.columns) {
      for (const auto& id : c.skill_ids) add_column(id, names[id]);
    }
  }

  // Confirmed levels: the endorser's level of each confirmed claim.
  std::map<std::pair<std::int64_t, std::string>, int> levels;
  for (const auto& p : reports) {
    VAARDIG_ASSIGN_OR_RETURN(
        auto rows, app.db().Query("SELECT c.skill_id, MAX(e.level) AS level FROM claims c "
                                  "JOIN endorsements e ON e.claim_id = c.id "
                                  "WHERE c.person_id = ? AND c.state = 'confirmed' GROUP BY c.skill_id ORDER BY c.skill_id",
                                  {p.id}));
    for (const auto& row : rows) levels[{p.id, row.Text("skill_id")}] = static_cast<int>(row.Int("level"));
  }
  std::set<std::string> extra;
  for (const auto& [key, level] : levels) {
    if (!column.contains(key.second)) extra.insert(key.second);
  }
  for (const auto& id : extra) add_column(id, names[id]);

  for (const auto& p : reports) {
    MatrixRow row{p.id, p.employee_number, p.name, std::vector<std::optional<int>>(m.skills.size())};
    for (std::size_t i = 0; i < m.skills.size(); ++i) {
      if (auto it = levels.find({p.id, m.skills[i].id}); it != levels.end()) row.levels[i] = it->second;
    }
    m.rows.push_back(std::move(row));
  }
  return m;
}

Json TeamMatrixToJson(const TeamMatrix& m) {
  Json skills = Json::array();
  for (const auto& s : m.skills) skills.push_back(Json{{"id", s.id}, {"name", Json{{"nl", s.name.nl}, {"en", s.name.en}}}});
  Json rows = Json::array();
  for (const auto& r : m.rows) {
    Json levels = Json::array();
    for (const auto& l : r.levels) levels.push_back(l ? Json(*l) : Json(nullptr));
    rows.push_back(Json{{"person_id", r.person_id},
                        {"employee_number", r.employee_number},
                        {"name", r.name},
                        {"levels", std::move(levels)}});
  }
  return Json{{"manager_id", m.manager_id}, {"skills", std::move(skills)}, {"rows", std::move(rows)}};
}

std::string CsvField(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    out += '\'';
  }
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string ExportTeamMatrixCsv(const TeamMatrix& m, std::string_view language) {
  const bool en = language == "en";
  std::string out = CsvField(en ? "employee_number" : "personeelsnummer") + "," + CsvField(en ? "name" : "naam");
  for (const auto& s : m.skills) out += "," + CsvField(en ? s.name.en : s.name.nl);
  out += "\r\n";
  for (const auto& r : m.rows) {
    out += CsvField(r.employee_number) + "," + CsvField(r.name);
    for (const auto& l : r.levels) out += "," + CsvField(l ? std::to_string(*l) : "");
    out += "\r\n";
  }
  return out;
}

}  // namespace vaardig::issuer
