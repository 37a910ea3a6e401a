#include "issuer/app/catalogue_store.h"

#include <algorithm>
#include <set>
#include <utility>

namespace vaardig::issuer {

namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AltLabelsJson(const Skill& s) {
  return DumpJson(Json{{"nl", s.alt_labels_nl}, {"en", s.alt_labels_en}});
}

Result<Skill> SkillFromRow(const store::Row& row) {
  Skill s;
  s.id = row.Text("id");
  s.name = {row.Text("name_nl"), row.Text("name_en")};
  s.description = {row.Text("description_nl"), row.Text("description_en")};
  s.esco_uri = row.OptText("esco_uri");
  s.competentnl_uri = row.OptText("competentnl_uri");
  auto kind = ParseSkillKind(row.Text("kind"));
  if (!kind) return Fail(ErrorCode::kDataLoss, "skill '" + s.id + "' has an unknown kind");
  s.kind = *kind;
  s.area = row.Text("area");
  auto labels = ParseJson(row.Text("alt_labels"));
  if (!labels || !labels->is_object()) return Fail(ErrorCode::kDataLoss, "skill '" + s.id + "': alt_labels is not JSON");
  for (const auto& [lang, target] : {std::pair{"nl", &s.alt_labels_nl}, std::pair{"en", &s.alt_labels_en}}) {
    auto it = labels->find(lang);
    if (it == labels->end() || !it->is_array()) continue;
    for (const auto& label : *it) {
      if (label.is_string()) target->push_back(label.get<std::string>());
    }
  }
  return s;
}

store::Value OptValue(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return *v;
}

std::string ColumnsJson(const Roadmap& r) {
  Json columns = Json::array();
  for (const auto& c : r.columns) {
    columns.push_back(Json{{"title", Json{{"nl", c.title.nl}, {"en", c.title.en}}}, {"skills", c.skill_ids}});
  }
  return DumpJson(columns);
}

Result<StoredRoadmap> RoadmapFromRow(const store::Row& row) {
  StoredRoadmap out;
  Roadmap& r = out.roadmap;
  r.id = row.Text("id");
  r.name = {row.Text("name_nl"), row.Text("name_en")};
  r.job = row.Text("job");
  out.team_id = row.OptInt("team_id");
  out.team = row.Text("team");
  auto columns = ParseJson(row.Text("columns"));
  if (!columns || !columns->is_array()) return Fail(ErrorCode::kDataLoss, "roadmap '" + r.id + "': columns is not JSON");
  for (const auto& c : *columns) {
    RoadmapColumn col;
    if (!c.is_object() || !c.contains("title") || !c.contains("skills") || !c["skills"].is_array()) {
      return Fail(ErrorCode::kDataLoss, "roadmap '" + r.id + "': a column is malformed");
    }
    col.title.nl = c["title"].value("nl", "");
    col.title.en = c["title"].value("en", "");
    for (const auto& id : c["skills"]) {
      if (id.is_string()) col.skill_ids.push_back(id.get<std::string>());
    }
    r.columns.push_back(std::move(col));
  }
  return out;
}

Status AuditIfChanged(store::Database& tx, IssuerApp& app, std::string_view actor, std::string_view action,
                      std::string_view subject, const CatalogueImportReport& report) {
  if (report.added.empty() && report.changed.empty()) return {};
  return AuditLog::Append(tx, app.clock(), actor, action, subject,
                          Json{{"added", report.added.size()},
                               {"changed", report.changed.size()},
                               {"unchanged", report.unchanged}});
}

}  // namespace

Json CatalogueImportReportToJson(const CatalogueImportReport& report) {
  return Json{{"added", report.added}, {"changed", report.changed}, {"unchanged", report.unchanged}};
}

Result<CatalogueImportReport> ImportSkills(IssuerApp& app, std::vector<Skill> skills, std::string_view actor) {
  std::set<std::string> ids;
  for (auto& skill : skills) {
    VAARDIG_RETURN_IF_ERROR(ValidateSkill(skill));
    if (!ids.insert(skill.id).second) {
      return Fail(ErrorCode::kAlreadyExists, "skill '" + skill.id + "' appears twice; nothing imported");
    }
    skill = WithFallbacks(std::move(skill));
  }
  CatalogueImportReport report;
  const std::string now = app.Now();
  Status done = app.db().InTransaction([&](store::Database& tx) -> Status {
    for (const Skill& s : skills) {
      VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT * FROM skills WHERE id = ?", {s.id}));
      if (row) {
        VAARDIG_ASSIGN_OR_RETURN(Skill stored, SkillFromRow(*row));
        if (stored == s && row->Int("active") == 1) {
          ++report.unchanged;
          continue;
        }
        report.changed.push_back(s.id);
      } else {
        report.added.push_back(s.id);
      }
      VAARDIG_RETURN_IF_ERROR(tx.Execute(
          "INSERT INTO skills (id, name_nl, name_en, description_nl, description_en, esco_uri, competentnl_uri, "
          "kind, area, alt_labels, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
          "ON CONFLICT (id) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en, "
          "description_nl = excluded.description_nl, description_en = excluded.description_en, "
          "esco_uri = excluded.esco_uri, competentnl_uri = excluded.competentnl_uri, kind = excluded.kind, "
          "area = excluded.area, alt_labels = excluded.alt_labels, active = 1, updated_at = excluded.updated_at",
          {s.id, s.name.nl, s.name.en, s.description.nl, s.description.en, OptValue(s.esco_uri),
           OptValue(s.competentnl_uri), std::string(SkillKindName(s.kind)), s.area, AltLabelsJson(s), now}));
    }
    return AuditIfChanged(tx, app, actor, "catalogue.import", "skills", report);
  });
  if (!done) return Fail(done.error().WithContext("skills not imported, nothing changed"));
  return report;
}

Result<CatalogueImportReport> ImportRoadmaps(IssuerApp& app, std::vector<Roadmap> roadmaps, std::string_view actor) {
  CatalogueImportReport report;
  const std::string now = app.Now();
  Status done = app.db().InTransaction([&](store::Database& tx) -> Status {
    std::set<std::string> ids;
    VAARDIG_ASSIGN_OR_RETURN(auto teams, tx.Query("SELECT id, name FROM teams"));
    for (const Roadmap& r : roadmaps) {
      if (Status st = CheckSkillId(r.id); !st) return Fail(st.error().WithContext("roadmap '" + r.id + "': id"));
      if (!ids.insert(r.id).second) return Fail(ErrorCode::kAlreadyExists, "roadmap '" + r.id + "' appears twice");
      if (r.name.nl.empty()) return Fail(ErrorCode::kInvalidArgument, "roadmap '" + r.id + "': name.nl is required");
      for (const auto& column : r.columns) {
        for (const auto& skill : column.skill_ids) {
          VAARDIG_ASSIGN_OR_RETURN(auto found, tx.QueryOne("SELECT 1 FROM skills WHERE id = ?", {skill}));
          if (!found) {
            return Fail(ErrorCode::kNotFound, "roadmap '" + r.id + "', column '" + column.title.nl + "': skill '" +
                                                  skill + "' is not in the catalogue");
          }
        }
      }
      std::optional<std::int64_t> team;
      for (const auto& t : teams) {
        const std::string name = AsciiLower(t.Text("name"));
        if (name == AsciiLower(r.job) || name == r.id) team = t.Int("id");
      }
      VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT r.*, COALESCE(t.name, '') AS team FROM roadmaps r "
                                                     "LEFT JOIN teams t ON t.id = r.team_id WHERE r.id = ?",
                                                     {r.id}));
      const std::string name_en = r.name.en.empty() ? r.name.nl : r.name.en;
      Roadmap normal = r;
      normal.name.en = name_en;
      if (row) {
        VAARDIG_ASSIGN_OR_RETURN(StoredRoadmap stored, RoadmapFromRow(*row));
        if (!team) team = stored.team_id;
        if (stored.roadmap == normal && stored.team_id == team) {
          ++report.unchanged;
          continue;
        }
        report.changed.push_back(r.id);
      } else {
        report.added.push_back(r.id);
      }
      store::Value team_value = nullptr;
      if (team) team_value = *team;
      VAARDIG_RETURN_IF_ERROR(tx.Execute(
          "INSERT INTO roadmaps (id, name_nl, name_en, job, team_id, columns, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (id) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en, job = excluded.job, "
          "team_id = excluded.team_id, columns = excluded.columns, updated_at = excluded.updated_at",
          {r.id, r.name.nl, name_en, r.job, team_value, ColumnsJson(r), now}));
    }
    return AuditIfChanged(tx, app, actor, "roadmaps.import", "roadmaps", report);
  });
  if (!done) return Fail(done.error().WithContext("roadmaps not imported, nothing changed"));
  return report;
}

Status LinkRoadmapToTeam(IssuerApp& app, std::string_view roadmap_id, std::string_view team_name,
                         std::string_view actor) {
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto team, tx.QueryOne("SELECT id FROM teams WHERE name = ?", {std::string(team_name)}));
    if (!team) return Fail(ErrorCode::kNotFound, "no team named '" + std::string(team_name) + "'");
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t n, tx.Execute("UPDATE roadmaps SET team_id = ?, updated_at = ? WHERE id = ?",
                                                        {team->Int(0), app.Now(), std::string(roadmap_id)}));
    if (n == 0) return Fail(ErrorCode::kNotFound, "no roadmap '" + std::string(roadmap_id) + "'");
    return AuditLog::Append(tx, app.clock(), actor, "roadmap.link_team", "roadmap:" + std::string(roadmap_id),
                            Json{{"team_id", team->Int(0)}});
  });
}

Result<std::vector<Skill>> ListSkills(IssuerApp& app, const SkillQuery& query) {
  if (query.text.size() > kMaxSkillSearchBytes) {
    return Fail(ErrorCode::kResourceExhausted, "search text is longer than " + std::to_string(kMaxSkillSearchBytes) + " bytes");
  }
  VAARDIG_ASSIGN_OR_RETURN(auto rows, app.db().Query("SELECT * FROM skills WHERE active = 1 ORDER BY id"));
  const std::string needle = AsciiLower(query.text);
  auto matches = [&](std::string_view text) { return AsciiLower(text).find(needle) != std::string::npos; };
  std::vector<Skill> out;
  for (const auto& row : rows) {
    VAARDIG_ASSIGN_OR_RETURN(Skill s, SkillFromRow(row));
    if (!query.area.empty() && s.area != query.area) continue;
    if (!needle.empty()) {
      bool hit = matches(s.name.nl) || matches(s.name.en);
      for (const auto& l : s.alt_labels_nl) hit = hit || matches(l);
      for (const auto& l : s.alt_labels_en) hit = hit || matches(l);
      if (!hit) continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<Skill> GetSkill(IssuerApp& app, std::string_view id) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, app.db().QueryOne("SELECT * FROM skills WHERE id = ?", {std::string(id)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no skill '" + std::string(id) + "' in the catalogue");
  return SkillFromRow(*row);
}

Result<std::vector<StoredRoadmap>> ListRoadmaps(IssuerApp& app) {
  VAARDIG_ASSIGN_OR_RETURN(auto rows, app.db().Query("SELECT r.*, COALESCE(t.name, '') AS team FROM roadmaps r "
                                                     "LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.id"));
  std::vector<StoredRoadmap> out;
  for (const auto& row : rows) {
    VAARDIG_ASSIGN_OR_RETURN(StoredRoadmap r, RoadmapFromRow(row));
    out.push_back(std::move(r));
  }
  return out;
}

Json SkillToJson(const Skill& s) {
  Json j{{"id", s.id},
         {"name", Json{{"nl", s.name.nl}, {"en", s.name.en}}},
         {"description", Json{{"nl", s.description.nl}, {"en", s.description.en}}},
         {"kind", std::string(SkillKindName(s.kind))},
         {"area", s.area},
         {"alt_labels", Json{{"nl", s.alt_labels_nl}, {"en", s.alt_labels_en}}}};
  if (s.esco_uri) j["esco_uri"] = *s.esco_uri;
  if (s.competentnl_uri) j["competentnl_uri"] = *s.competentnl_uri;
  return j;
}

Json RoadmapToJson(const StoredRoadmap& stored) {
  const Roadmap& r = stored.roadmap;
  Json columns = Json::array();
  for (const auto& c : r.columns) {
    columns.push_back(Json{{"title", Json{{"nl", c.title.nl}, {"en", c.title.en}}}, {"skills", c.skill_ids}});
  }
  return Json{{"id", r.id},
              {"name", Json{{"nl", r.name.nl}, {"en", r.name.en}}},
              {"job", r.job},
              {"team", stored.team},
              {"columns", std::move(columns)}};
}

}  // namespace vaardig::issuer
