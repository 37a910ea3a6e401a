// A manager's team view (DESIGN.md §2 flow 9): their direct reports × skills, each cell the level
// confirmed for that person and skill, or empty.
//
// Columns: the skills of the Roadmaps linked to the reports' teams (in roadmap and column order),
// then any other skill confirmed for one of the reports (by id). A cell holds the level of the
// endorsement of a claim in state 'confirmed' (the endorser's level, not the self-assessment; the
// highest when a skill was confirmed more than once). Self-declared (blue) skills are NOT shown:
// DESIGN.md §2.9 allows that only with the employee's consent, and there is no consent flag yet.
//
// Access: HR and administrators may view any manager's team; a manager only their own; employees
// none (permission_denied).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"
#include "issuer/catalogue/catalogue.h"

namespace vaardig::issuer {

struct MatrixSkill {
  std::string id;
  LocalText name;
};

struct MatrixRow {
  std::int64_t person_id = 0;
  std::string employee_number;
  std::string name;
  std::vector<std::optional<int>> levels;  // one per skill column; nullopt: not confirmed
};

struct TeamMatrix {
  std::int64_t manager_id = 0;
  std::vector<MatrixSkill> skills;
  std::vector<MatrixRow> rows;
};

// not_found for an unknown manager; permission_denied per the access rules above.
[[nodiscard]] Result<TeamMatrix> BuildTeamMatrix(IssuerApp& app, const Principal& viewer, std::int64_t manager_id);

// {"manager_id", "skills": [{"id","name":{"nl","en"}}], "rows": [{"person_id","employee_number","name",
// "levels": [n|null, ..]}]}.
[[nodiscard]] Json TeamMatrixToJson(const TeamMatrix& matrix);

// RFC 4180 CSV with CRLF line ends and every field quoted: a header row ("personeelsnummer",
// "naam", then the skills' names in `language` "nl" or "en"), then a row per person with the
// levels (empty when not confirmed). Against CSV formula injection (OWASP) a field starting with
// = + - @ (or tab / carriage return) is prefixed with '.
[[nodiscard]] std::string ExportTeamMatrixCsv(const TeamMatrix& matrix, std::string_view language = "nl");

// One CSV field, quoted and neutralised as above (exposed for tests).
[[nodiscard]] std::string CsvField(std::string_view value);

}  // namespace vaardig::issuer
