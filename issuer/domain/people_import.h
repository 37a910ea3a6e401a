// The organisation from an HR export: who works here, in which team, reporting to whom, in which
// role (issue 6 "The organisation"; DESIGN.md §7 roles). Columns, accepted header names and every
// rule are in docs/people-import.md.
//
// ParsePeopleCsv accepts a whole file or rejects the whole file: the error names each bad line and
// column (up to kMaxReportedProblems of them), so a file never half-imports. Diff compares what the
// store holds with a parsed file: importing the same file twice gives a diff with no additions
// and no changes. People missing from the file are reported, never deleted: deactivating someone
// is an explicit act.
// Pure and thread-safe; no storage code.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"

namespace vaardig::issuer {

enum class Role { kEmployee, kManager, kHr, kAdmin };

// "employee", "manager", "hr", "admin".
[[nodiscard]] std::string_view ToString(Role role);
// The English names above or the Dutch ones (medewerker, leidinggevende, hr, beheerder), ignoring
// ASCII case and surrounding spaces. invalid_argument naming the accepted values otherwise.
[[nodiscard]] Result<Role> ParseRole(std::string_view text);

// Field limits, in bytes of UTF-8.
inline constexpr std::size_t kMaxEmployeeNumberBytes = 64;
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321 §4.5.3.1.3 path limit minus <>
inline constexpr std::size_t kMaxTeamBytes = 200;
inline constexpr std::size_t kMaxPeopleFileBytes = 16 << 20;
inline constexpr std::size_t kMaxPeopleRows = 100000;
inline constexpr std::size_t kMaxReportedProblems = 20;

struct PersonRecord {
  std::string employee_number;                // trimmed; unique in the file
  std::string name;                           // trimmed, not empty
  std::string email;                          // trimmed, ASCII lower case; unique in the file
  std::string team;                           // trimmed; may be empty
  std::optional<std::string> manager_number;  // employee number of their manager, in the file
  Role role = Role::kEmployee;

  friend bool operator==(const PersonRecord&, const PersonRecord&) = default;
};

// The people of an HR export, in file order. invalid_argument (resource_exhausted for the file
// size and row limits of the CSV reader) naming line and column of each problem.
[[nodiscard]] Result<std::vector<PersonRecord>> ParsePeopleCsv(std::string_view csv);

struct FieldChange {
  std::string field;      // "name", "email", "team", "manager_number", "role"
  std::string old_value;  // "" for no manager
  std::string new_value;
  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

struct PersonChange {
  std::string employee_number;
  std::vector<FieldChange> changes;  // in the order of the fields above
};

struct PeopleDiff {
  std::vector<PersonRecord> added;    // in the file, not in the store (file order)
  std::vector<PersonChange> changed;  // in both, some field differs (file order)
  std::size_t unchanged = 0;          // in both, identical
  std::vector<PersonRecord> missing;  // in the store, not in the file (store order); not deleted

  // True when importing would write nothing (missing people are only reported).
  [[nodiscard]] bool NoChanges() const { return added.empty() && changed.empty(); }
};

// `current` and `incoming` are matched by employee number; each must not repeat one.
[[nodiscard]] PeopleDiff Diff(const std::vector<PersonRecord>& current,
                              const std::vector<PersonRecord>& incoming);

}  // namespace vaardig::issuer
