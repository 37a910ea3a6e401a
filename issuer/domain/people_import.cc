#include "issuer/domain/people_import.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/encoding/csv.h"

namespace vaardig::issuer {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
}

// A practical subset of RFC 5321 / RFC 5322 addr-spec: dot-atom local part of at most 64
// characters, a domain of at least two LDH labels (each 1-63, no leading or trailing '-') with an
// alphabetic top-level label. No quoted local parts, IP literals or non-ASCII.
bool IsValidEmail(std::string_view email) {
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kAtext = "!#$%&'*+/=?^_`{|}~-.";
  for (char c : local) {
    if (!IsAlnum(c) && kAtext.find(c) == std::string_view::npos) return false;
  }
  std::size_t labels = 0;
  std::string_view last;
  std::string_view rest = domain;
  while (true) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (labels < 2 || last.size() < 2) return false;
  return std::all_of(last.begin(), last.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

bool IsValidEmployeeNumber(std::string_view number) {
  return std::all_of(number.begin(), number.end(),
                     [](char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.' || c == '/'; });
}

struct Column {
  std::string key;  // our name: "employee_number", ...
  std::vector<std::string_view> accepted;
  std::optional<std::size_t> index;
};

// Collects problems "line N, column 'x': ..." and turns them into one error.
class Problems {
 public:
  void Add(std::size_t line, std::string_view column, std::string problem) {
    ++count_;
    if (messages_.size() < kMaxReportedProblems) {
      messages_.push_back("line " + std::to_string(line) + ", column '" + std::string(column) +
                          "': " + std::move(problem));
    }
  }
  [[nodiscard]] bool empty() const { return count_ == 0; }
  [[nodiscard]] Error ToError() const {
    std::string message = "people file rejected, nothing imported: ";
    for (std::size_t i = 0; i < messages_.size(); ++i) {
      if (i > 0) message += "; ";
      message += messages_[i];
    }
    if (count_ > messages_.size()) {
      message += "; and " + std::to_string(count_ - messages_.size()) + " more problems";
    }
    return Error(ErrorCode::kInvalidArgument, std::move(message));
  }

 private:
  std::vector<std::string> messages_;
  std::size_t count_ = 0;
};

std::string Describe(const PersonRecord& p) { return p.employee_number + " (" + p.name + ")"; }

// Each person has at most one manager, so every cycle is found by following manager links from
// each person and stopping at someone already visited. Reports each cycle once.
void FindCycles(const std::vector<PersonRecord>& people,
                const std::unordered_map<std::string, std::size_t>& by_number,
                const std::vector<std::size_t>& lines, std::string_view manager_column,
                Problems& problems) {
  enum class Mark { kNew, kOnPath, kDone };
  std::vector<Mark> marks(people.size(), Mark::kNew);
  for (std::size_t start = 0; start < people.size(); ++start) {
    std::vector<std::size_t> path;
    std::size_t at = start;
    while (marks[at] == Mark::kNew) {
      marks[at] = Mark::kOnPath;
      path.push_back(at);
      if (!people[at].manager_number) break;
      const auto next = by_number.find(*people[at].manager_number);
      if (next == by_number.end()) break;  // reported as unknown manager already
      at = next->second;
    }
    if (marks[at] == Mark::kOnPath && people[at].manager_number &&
        by_number.contains(*people[at].manager_number)) {
      // `at` is on the current path and its manager link leads back into it: a cycle.
      const std::size_t first = static_cast<std::size_t>(
          std::find(path.begin(), path.end(), at) - path.begin());
      std::string cycle;
      std::size_t first_line = lines[path[first]];
      for (std::size_t i = first; i < path.size(); ++i) {
        cycle += Describe(people[path[i]]) + " reports to ";
        first_line = std::min(first_line, lines[path[i]]);
      }
      cycle += Describe(people[path[first]]);
      problems.Add(first_line, manager_column, "reporting cycle: " + cycle);
    }
    for (std::size_t p : path) marks[p] = Mark::kDone;
  }
}

}  // namespace

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kEmployee:
      return "employee";
    case Role::kManager:
      return "manager";
    case Role::kHr:
      return "hr";
    case Role::kAdmin:
      return "admin";
  }
  return "employee";
}

Result<Role> ParseRole(std::string_view text) {
  static constexpr std::pair<std::string_view, Role> kNames[] = {
      {"employee", Role::kEmployee}, {"medewerker", Role::kEmployee},
      {"manager", Role::kManager},   {"leidinggevende", Role::kManager},
      {"hr", Role::kHr},             {"admin", Role::kAdmin},
      {"beheerder", Role::kAdmin}};
  const std::string lower = AsciiLower(Trim(text));
  for (const auto& [name, role] : kNames) {
    if (lower == name) return role;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown role '" + std::string(Trim(text).substr(0, 40)) +
                  "': expected employee, manager, hr or admin (or medewerker, leidinggevende, "
                  "hr, beheerder)");
}

Result<std::vector<PersonRecord>> ParsePeopleCsv(std::string_view csv_text) {
  csv::Limits limits;
  limits.max_bytes = kMaxPeopleFileBytes;
  limits.max_rows = kMaxPeopleRows;
  limits.max_field_bytes = 4096;  // our own per-field limits below give the clearer message
  VAARDIG_ASSIGN_OR_RETURN(const csv::Table table, csv::Parse(csv_text, limits));

  std::array<Column, 6> columns = {{
      {"employee_number", {"employee_number", "personeelsnummer"}, {}},
      {"name", {"name", "naam"}, {}},
      {"email", {"email", "e-mail"}, {}},
      {"team", {"team"}, {}},
      {"manager_number", {"manager", "manager_number", "leidinggevende"}, {}},
      {"role", {"role", "rol"}, {}},
  }};
  for (Column& column : columns) {
    for (std::string_view name : column.accepted) {
      const auto found = csv::FindColumn(table, {name});
      if (!found) continue;
      if (column.index) {
        return Fail(ErrorCode::kInvalidArgument,
                    "people file has two columns for " + column.key + ": '" +
                        table.header[*column.index] + "' and '" + table.header[*found] + "'");
      }
      column.index = found;
    }
    if (!column.index) {
      std::string names;
      for (std::string_view name : column.accepted) {
        names += (names.empty() ? "'" : " or '") + std::string(name) + "'";
      }
      return Fail(ErrorCode::kInvalidArgument, "people file has no " + column.key +
                                                   " column: name it " + names);
    }
  }
  if (table.rows.empty()) return Fail(ErrorCode::kInvalidArgument, "people file has no rows");

  const auto header_of = [&](std::size_t c) -> const std::string& {
    return table.header[*columns[c].index];
  };
  enum { kNumber, kName, kEmail, kTeam, kManager, kRole };

  Problems problems;
  std::vector<PersonRecord> people;
  people.reserve(table.rows.size());
  std::unordered_map<std::string, std::size_t> by_number;
  std::unordered_map<std::string, std::size_t> by_email;  // value: line of first use
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::vector<std::string>& row = table.rows[r];
    const std::size_t line = table.line_numbers[r];
    const auto field = [&](int c) { return Trim(row[*columns[c].index]); };
    const auto check_text = [&](int c, std::size_t max, bool required) {
      const std::string_view value = field(c);
      if (required && value.empty()) {
        problems.Add(line, header_of(c), "must not be empty");
      } else if (value.size() > max) {
        problems.Add(line, header_of(c), "is " + std::to_string(value.size()) +
                                             " bytes, at most " + std::to_string(max) +
                                             " allowed");
      } else if (HasControl(value)) {
        problems.Add(line, header_of(c), "must not contain control characters or line breaks");
      } else {
        return true;
      }
      return false;
    };

    PersonRecord person;
    if (check_text(kNumber, kMaxEmployeeNumberBytes, true)) {
      person.employee_number = std::string(field(kNumber));
      if (!IsValidEmployeeNumber(person.employee_number)) {
        problems.Add(line, header_of(kNumber),
                     "may hold only letters, digits and - _ . / (got '" +
                         person.employee_number + "')");
      } else if (const auto [it, inserted] = by_number.emplace(person.employee_number, r);
                 !inserted) {
        problems.Add(line, header_of(kNumber),
                     "employee number " + person.employee_number + " also on line " +
                         std::to_string(table.line_numbers[it->second]));
      }
    }
    if (check_text(kName, kMaxNameBytes, true)) person.name = std::string(field(kName));
    if (check_text(kEmail, kMaxEmailBytes, true)) {
      person.email = AsciiLower(field(kEmail));
      if (!IsValidEmail(person.email)) {
        problems.Add(line, header_of(kEmail), "'" + person.email + "' is not an e-mail address");
      } else if (const auto [it, inserted] = by_email.emplace(person.email, line); !inserted) {
        problems.Add(line, header_of(kEmail),
                     "e-mail " + person.email + " also on line " + std::to_string(it->second));
      }
    }
    if (check_text(kTeam, kMaxTeamBytes, false)) person.team = std::string(field(kTeam));
    if (check_text(kManager, kMaxEmployeeNumberBytes, false) && !field(kManager).empty()) {
      person.manager_number = std::string(field(kManager));
    }
    if (auto role = ParseRole(field(kRole))) {
      person.role = *role;
    } else {
      problems.Add(line, header_of(kRole), role.error().message());
    }
    people.push_back(std::move(person));
  }

  // Managers: in the file, not oneself, with a role that may confirm skills.
  for (std::size_t r = 0; r < people.size(); ++r) {
    const PersonRecord& person = people[r];
    if (!person.manager_number) continue;
    const std::size_t line = table.line_numbers[r];
    const auto manager = by_number.find(*person.manager_number);
    if (manager == by_number.end()) {
      problems.Add(line, header_of(kManager),
                   "manager " + *person.manager_number + " is not in the file");
    } else if (manager->second == r) {
      problems.Add(line, header_of(kManager), person.employee_number + " reports to themselves");
    } else if (people[manager->second].role == Role::kEmployee) {
      problems.Add(line, header_of(kManager),
                   "manager " + Describe(people[manager->second]) + " (line " +
                       std::to_string(table.line_numbers[manager->second]) +
                       ") has role employee: a manager needs role manager, hr or admin");
    }
  }
  if (problems.empty()) {
    FindCycles(people, by_number, table.line_numbers, header_of(kManager), problems);
  }
  if (!problems.empty()) return Fail(problems.ToError());
  return people;
}

}  // namespace vaardig::issuer
