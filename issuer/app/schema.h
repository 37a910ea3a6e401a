// The issuer's database schema, as ordered migrations applied at start-up (core/store/migrate.h).
// Add a migration at the end; never edit one that has shipped.
#pragma once

#include <span>

#include "core/store/migrate.h"

namespace vaardig::issuer {

[[nodiscard]] std::span<const store::Migration> IssuerMigrations();

}  // namespace vaardig::issuer
