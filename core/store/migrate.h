// Schema migrations: numbered SQL scripts applied once, in order, recorded in the database.
//
//   CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL,
//                                  applied_at TEXT NOT NULL)   -- applied_at: UTC, RFC 3339
//
// A migration's SQL runs inside a transaction (Database::InTransaction), so it must not contain
// BEGIN/COMMIT, and SQLite ignores PRAGMA foreign_keys there.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/store/database.h"

namespace vaardig::store {

struct Migration {
  int version;            // > 0, strictly increasing through the list
  std::string_view name;  // non-empty; recorded, and checked on later runs
  std::string_view sql;   // one or more statements
};

// Applies, in order and each in its own transaction together with its schema_migrations row, every
// migration newer than the database's recorded version; returns the versions applied (empty when
// up to date). A failing migration rolls back and leaves the recorded version where it was.
// Errors:
//   invalid_argument     the list is empty, versions are not positive and strictly increasing, or
//                        a name is empty
//   failed_precondition  the database's version is newer than the newest migration given (an
//                        older program), a recorded migration's name differs from the list's
//                        (the wrong database), or a recorded version is not in the list or an
//                        older one is missing (a database from another branch)
//   the failing migration's own error, with "migration <version> '<name>'" as context.
[[nodiscard]] Result<std::vector<int>> Migrate(Database& db, std::span<const Migration> migrations);

}  // namespace vaardig::store
