// The issuer's skills catalogue: skills with Dutch and English text, their ESCO and CompetentNL
// alignments and CompetentNL's kind, the importers that fill it, and Roadmaps (a job's work
// process as columns of skills). Pure domain code: no storage, no I/O.
//
// Formats (columns, JSON members, the ESCO mapping) are documented in docs/catalogue.md.
// Every importer is all-or-nothing: one bad row rejects the whole file with an error that names
// the line and column (or the roadmap, column and skill). No exception escapes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"

namespace vaardig::issuer {

struct LocalText {
  std::string nl;
  std::string en;
  friend bool operator==(const LocalText&, const LocalText&) = default;
};

// CompetentNL's three kinds of human capability.
enum class SkillKind { kHard, kSoft, kKnowledge };

// "hard", "soft", "knowledge".
[[nodiscard]] std::string_view SkillKindName(SkillKind kind);
// The names above, ignoring ASCII case; anything else: invalid_argument.
[[nodiscard]] Result<SkillKind> ParseSkillKind(std::string_view text);

struct Skill {
  std::string id;                       // slug, [a-z0-9-]{2,80}; the catalogue URI ends in it
  LocalText name;                       // nl required; en falls back to nl
  LocalText description;                // optional; en falls back to nl
  std::optional<std::string> esco_uri;  // http://data.europa.eu/esco/skill/<UUID>
  std::optional<std::string> competentnl_uri;  // https://linkeddata.competentnl.nl/...
  SkillKind kind = SkillKind::kHard;
  std::string area;  // grouping shown in UIs ("Klantcontact"); may be empty
  std::vector<std::string> alt_labels_nl;
  std::vector<std::string> alt_labels_en;
  friend bool operator==(const Skill&, const Skill&) = default;
};

// Limits on catalogue text (bytes of UTF-8). Going over: resource_exhausted.
inline constexpr std::size_t kMaxSkillNameBytes = 200;
inline constexpr std::size_t kMaxSkillDescriptionBytes = 8000;
inline constexpr std::size_t kMaxSkillAreaBytes = 100;
inline constexpr std::size_t kMaxAltLabels = 200;  // per language
inline constexpr std::size_t kMaxAltLabelBytes = 200;
inline constexpr std::size_t kMaxAlignmentUriBytes = 300;

// Field checks. Messages say what is wrong without naming the field; callers add where.
[[nodiscard]] Status CheckSkillId(std::string_view id);
// ESCO skill URIs are http (not https) and end in a lowercase 8-4-4-4-12 UUID; knowledge,
// transversal and language concepts use the same /esco/skill/ path.
[[nodiscard]] Status CheckEscoUri(std::string_view uri);
// CompetentNL publishes its linked data at https://linkeddata.competentnl.nl/ (for example
// /id/human-capability/...); any path there is accepted, no query or fragment.
[[nodiscard]] Status CheckCompetentNlUri(std::string_view uri);

// Checks a whole skill (as an admin form would submit it). Messages name the skill and member:
// "skill 'x': name.nl is required". Does not apply the en → nl fallback: see WithFallbacks.
[[nodiscard]] Status ValidateSkill(const Skill& skill);

// Fills name.en and description.en from nl where they are empty.
[[nodiscard]] Skill WithFallbacks(Skill skill);

// A slug for a label: lowercase ASCII letters and digits joined by single '-', accented Latin
// letters folded (é → e, ß → ss, ĳ → ij), apostrophes dropped, everything else a separator,
// at most `max_length` bytes, no '-' at either end. May be empty.
[[nodiscard]] std::string SlugFromLabel(std::string_view label, std::size_t max_length = 80);

// The Vaardig catalogue CSV (docs/catalogue.md): columns id, name_nl, name_en, description_nl,
// description_en, esco_uri, competentnl_uri, kind, area, and optionally alt_labels_nl and
// alt_labels_en ('|'-separated). Duplicate ids: already_exists. Any other bad row, a missing or
// unknown column: invalid_argument (resource_exhausted for text over the limits above).
[[nodiscard]] Result<std::vector<Skill>> ImportVaardigCsv(std::string_view csv);

// The ESCO portal's skills CSV export per language (skills_nl.csv, skills_en.csv; ESCO v1.2
// columns conceptType, conceptUri, skillType, reuseLevel, preferredLabel, altLabels,
// hiddenLabels, status, modifiedDate, scopeNote, definition, inScheme, description), merged by
// conceptUri. Either file may be empty. Rows whose conceptType is not KnowledgeSkillCompetence
// are skipped and counted. Kind: skillType "knowledge" → knowledge; "skill/competence" (or
// empty) → soft when reuseLevel is "transversal", otherwise hard. Ids are slugs of the English
// preferred label (Dutch when there is no English row), made unique with the concept's UUID.
struct EscoImport {
  std::vector<Skill> skills;
  std::size_t skipped_concepts = 0;  // distinct conceptUris of other concept types
};
[[nodiscard]] Result<EscoImport> ImportEscoCsvWithReport(std::string_view csv_nl,
                                                         std::string_view csv_en);
[[nodiscard]] Result<std::vector<Skill>> ImportEscoCsv(std::string_view csv_nl,
                                                       std::string_view csv_en);

struct RoadmapColumn {
  LocalText title;  // a step of the work process
  std::vector<std::string> skill_ids;
  friend bool operator==(const RoadmapColumn&, const RoadmapColumn&) = default;
};

struct Roadmap {
  std::string id;  // slug like a skill id
  LocalText name;
  std::string job;  // e.g. "KCC-medewerker"
  std::vector<RoadmapColumn> columns;
  friend bool operator==(const Roadmap&, const Roadmap&) = default;
};

// Limits on a roadmaps file.
inline constexpr std::size_t kMaxRoadmapsBytes = 1 << 20;
inline constexpr std::size_t kMaxRoadmaps = 200;
inline constexpr std::size_t kMaxRoadmapColumns = 30;
inline constexpr std::size_t kMaxSkillsPerColumn = 100;

// The roadmaps JSON file (docs/catalogue.md), read with the strict ParseJson. Unknown members,
// wrong types, bad ids and duplicate roadmap ids: invalid_argument (already_exists for a
// duplicate id); a skill id not in `catalogue`: not_found naming roadmap, column and id.
[[nodiscard]] Result<std::vector<Roadmap>> ParseRoadmaps(std::string_view json,
                                                         const std::vector<Skill>& catalogue);

}  // namespace vaardig::issuer
