// The skills catalogue and the Roadmaps in the issuer's database (tables skills and roadmaps).
// The model, the file importers and their checks are issuer/catalogue/catalogue.h; this file
// stores what they produce and reads it back.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "issuer/app/issuer_app.h"
#include "issuer/catalogue/catalogue.h"

namespace vaardig::issuer {

struct CatalogueImportReport {
  std::vector<std::string> added;    // ids, in input order
  std::vector<std::string> changed;  // ids, in input order
  std::size_t unchanged = 0;
};
[[nodiscard]] Json CatalogueImportReportToJson(const CatalogueImportReport& report);

// Upserts skills by id (after ValidateSkill; en falls back to nl). Skills not in the list are kept.
// Audited "catalogue.import" with counts when anything changed. One transaction: a bad skill
// (invalid_argument / resource_exhausted naming it) or a repeated id (already_exists) writes nothing.
[[nodiscard]] Result<CatalogueImportReport> ImportSkills(IssuerApp& app, std::vector<Skill> skills,
                                                         std::string_view actor);

// Upserts roadmaps by id. Every skill a roadmap names must be in the stored catalogue (not_found
// naming roadmap and skill). A roadmap is linked to the team whose name equals its job or its id
// (ignoring ASCII case); when no team matches, an existing link is kept (see LinkRoadmapToTeam).
// Audited "roadmaps.import" with counts when anything changed.
[[nodiscard]] Result<CatalogueImportReport> ImportRoadmaps(IssuerApp& app, std::vector<Roadmap> roadmaps,
                                                           std::string_view actor);
// Links roadmap `roadmap_id` to the team named `team_name`. not_found for either. Audited.
[[nodiscard]] Status LinkRoadmapToTeam(IssuerApp& app, std::string_view roadmap_id, std::string_view team_name,
                                       std::string_view actor);

inline constexpr std::size_t kMaxSkillSearchBytes = 200;

struct SkillQuery {
  std::string area{};  // exact area, "" for all
  std::string text{};  // substring of name.nl or name.en or an alternative label, ignoring ASCII case
};
// Active skills, by id. resource_exhausted for a search text over kMaxSkillSearchBytes.
[[nodiscard]] Result<std::vector<Skill>> ListSkills(IssuerApp& app, const SkillQuery& query = {});
// not_found for an unknown id.
[[nodiscard]] Result<Skill> GetSkill(IssuerApp& app, std::string_view id);

struct StoredRoadmap {
  Roadmap roadmap;
  std::optional<std::int64_t> team_id;
  std::string team;  // "" when not linked
};
[[nodiscard]] Result<std::vector<StoredRoadmap>> ListRoadmaps(IssuerApp& app);

[[nodiscard]] Json SkillToJson(const Skill& skill);
[[nodiscard]] Json RoadmapToJson(const StoredRoadmap& roadmap);

}  // namespace vaardig::issuer
