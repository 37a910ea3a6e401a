// The SQLite implementation of store::Database (DESIGN.md §6: the embedded default).
//
// At open: journal_mode=WAL (files only), foreign_keys=ON, synchronous=FULL (NORMAL on request),
// busy_timeout, trusted_schema=OFF and SQLITE_DBCONFIG_DEFENSIVE. A database file that does not
// exist yet is created with mode 0600 (it holds personal data); SQLite gives its -wal and -shm
// files the same mode. An existing file keeps its mode.
//
// One writer connection, serialised by a recursive mutex: a transaction's work holds it, so other
// threads' writes wait and nested calls on the owning thread go through. Group commit: works that
// queued while another ran share its transaction (each in a savepoint, so a failing work undoes
// only its own writes) and one COMMIT — one fsync — for all; each InTransaction returns only after
// the commit that holds its writes. Reads outside a transaction (read-only SELECT/WITH) run on up
// to four reader connections and see only committed data, without waiting for the writer. An
// in-memory or read-only database uses its one connection for everything. Prepared statements are
// cached by SQL text, per connection.
#pragma once

#include <memory>
#include <string>

#include "core/common/error.h"
#include "core/store/database.h"

namespace vaardig::store {

struct SqliteOptions {
  std::string path;        // a file path, or ":memory:" for a private in-memory database
  bool read_only = false;  // the file must exist; writes fail with failed_precondition
  int busy_timeout_ms = 5000;
  // false: synchronous=NORMAL (WAL stays consistent but may lose the last commits on power loss).
  bool synchronous_full = true;
};

// Opens (creating if needed, unless read_only) the database. not_found when a read-only database
// does not exist; permission_denied when the file cannot be created; invalid_argument for an empty
// path or a negative busy timeout.
[[nodiscard]] Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

// A consistent online copy of a live SQLite database (sqlite3_backup) into `destination`, a new
// file created with mode 0600. Other threads' calls interleave with the copy; writes made meanwhile
// are in the copy. already_exists when `destination` exists; invalid_argument when `db` is not
// a SQLite database from OpenSqlite. On failure no partial destination file is left behind.
[[nodiscard]] Result<void> BackupSqlite(Database& db, const std::string& destination);

}  // namespace vaardig::store
