#include <string>
#include <unordered_map>

#include "issuer/domain/people_import.h"

namespace vaardig::issuer {

PeopleDiff Diff(const std::vector<PersonRecord>& current,
                const std::vector<PersonRecord>& incoming) {
  std::unordered_map<std::string_view, const PersonRecord*> stored;
  for (const PersonRecord& person : current) stored.emplace(person.employee_number, &person);
  std::unordered_map<std::string_view, bool> in_file;
  for (const PersonRecord& person : incoming) in_file.emplace(person.employee_number, true);

  PeopleDiff diff;
  for (const PersonRecord& now : incoming) {
    const auto it = stored.find(now.employee_number);
    if (it == stored.end()) {
      diff.added.push_back(now);
      continue;
    }
    const PersonRecord& before = *it->second;
    PersonChange change{.employee_number = now.employee_number, .changes = {}};
    const auto compare = [&](std::string field, const std::string& old_value,
                             const std::string& new_value) {
      if (old_value != new_value) change.changes.push_back({std::move(field), old_value, new_value});
    };
    compare("name", before.name, now.name);
    compare("email", before.email, now.email);
    compare("team", before.team, now.team);
    compare("manager_number", before.manager_number.value_or(""), now.manager_number.value_or(""));
    compare("role", std::string(ToString(before.role)), std::string(ToString(now.role)));
    if (change.changes.empty()) {
      ++diff.unchanged;
    } else {
      diff.changed.push_back(std::move(change));
    }
  }
  for (const PersonRecord& before : current) {
    if (!in_file.contains(before.employee_number)) diff.missing.push_back(before);
  }
  return diff;
}

}  // namespace vaardig::issuer
