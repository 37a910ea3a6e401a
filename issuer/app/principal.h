// Principal: who is making a request — the signed-in person, with their role. Every domain
// operation that acts for a person takes one and checks its rights itself (a manager acts only on
// people who report to them; an employee only on their own data), so the HTTP layer cannot forget.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "issuer/domain/people_import.h"

namespace vaardig::issuer {

struct Principal {
  std::int64_t person_id = 0;
  std::string employee_number;
  std::string name;
  Role role = Role::kEmployee;
  std::optional<std::int64_t> team_id;
  // For audit entries: "person:<id>".
  [[nodiscard]] std::string AuditActor() const { return "person:" + std::to_string(person_id); }
  [[nodiscard]] bool IsHrOrAdmin() const { return role == Role::kHr || role == Role::kAdmin; }
};

}  // namespace vaardig::issuer
