// The organisation in the issuer's database: the people import from an HR export (issue 6
// "The organisation"; the file format is docs/people-import.md) and the lookups the services use.
//
// ImportPeople parses and diffs with issuer/domain/people_import.h and applies the result in ONE
// transaction: teams are created by name, people inserted or updated (employee number, name,
// e-mail, team, manager, role), never deleted. People missing from the file are only reported;
// deactivating someone is the explicit DeactivatePerson. A bad file writes nothing. Importing the
// same file twice writes nothing the second time (no audit entry either).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"
#include "issuer/domain/people_import.h"

namespace vaardig::issuer {

struct ImportReport {
  bool dry_run = false;
  PeopleDiff diff;                      // what changed (or, for a dry run, would change)
  std::vector<std::string> new_teams;  // team names created (or that would be), sorted
};

// JSON form of a report for the API: {"dry_run", "added": [..], "changed": [{"employee_number",
// "changes": [{"field","old","new"}]}], "unchanged": n, "missing": [..], "new_teams": [..]}.
[[nodiscard]] Json ImportReportToJson(const ImportReport& report);

// `actor` is recorded in the audit entry ("person:<id>", "cli"). Errors: ParsePeopleCsv's
// (invalid_argument / resource_exhausted naming lines and columns); a store conflict (an e-mail
// already used by someone not in the file: already_exists). Nothing is written on any error.
[[nodiscard]] Result<ImportReport> ImportPeople(IssuerApp& app, std::string_view csv, bool dry_run,
                                                std::string_view actor);

struct Person {
  std::int64_t id = 0;
  std::string employee_number;
  std::string name;
  std::string email;
  std::optional<std::int64_t> team_id;
  std::string team;  // "" when none
  std::optional<std::int64_t> manager_id;
  std::string manager_number;  // "" when none
  Role role = Role::kEmployee;
  bool active = true;
};

// {"id","employee_number","name","email","team","manager_number","role","active"}.
[[nodiscard]] Json PersonToJson(const Person& person);

// not_found when there is no such person.
[[nodiscard]] Result<Person> GetPerson(IssuerApp& app, std::int64_t id);
[[nodiscard]] Result<Person> GetPersonByNumber(IssuerApp& app, std::string_view employee_number);
// The active people whose manager is `manager_id` (direct reports), by name.
[[nodiscard]] Result<std::vector<Person>> ListTeam(IssuerApp& app, std::int64_t manager_id);
// Everyone (active and not), by employee number. HR and administrators only: permission_denied
// for anyone else.
[[nodiscard]] Result<std::vector<Person>> ListPeople(IssuerApp& app, const Principal& viewer);
// Marks a person inactive (they keep their claims and credentials). Audited "person.deactivate".
// not_found for an unknown id; a person already inactive is left as is (no audit entry).
[[nodiscard]] Status DeactivatePerson(IssuerApp& app, std::int64_t id, std::string_view actor);

}  // namespace vaardig::issuer
