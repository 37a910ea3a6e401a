// Internal to core/store: the SQLite connection behind OpenSqlite and BackupSqlite.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/sqlite.h"

namespace vaardig::store::internal {

// The error code for a SQLite (extended) result code.
[[nodiscard]] ErrorCode SqliteErrorCode(int rc);

// An Error for a failed system call: not_found, permission_denied, already_exists or internal.
[[nodiscard]] Error ErrnoError(const std::string& what, int err);

// Creates `path` with mode 0600 (O_EXCL, no symlinks). An existing file is already_exists when
// `must_be_new`, else left as it is.
[[nodiscard]] Result<void> CreatePrivateFile(const std::string& path, bool must_be_new);

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(sqlite3* db, int busy_timeout_ms) : db_(db), busy_timeout_ms_(busy_timeout_ms) {}
  ~SqliteDatabase() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  using Database::Execute;
  using Database::Query;

  Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) override {
    return Run(sql, params, nullptr);
  }

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    std::vector<Row> rows;
    VAARDIG_RETURN_IF_ERROR(Run(sql, params, &rows));
    return rows;
  }

  Result<void> ExecScript(std::string_view sql) override;

  std::int64_t LastInsertId() override {
    std::lock_guard lock(mu_);
    auto it = last_insert_.find(std::this_thread::get_id());
    return it == last_insert_.end() ? 0 : it->second;
  }

  Result<void> InTransaction(const Work& work) override;

  std::string_view dialect() const override { return "sqlite"; }

  Result<void> Configure(const SqliteOptions& options, bool in_memory);
  Result<void> Backup(const std::string& destination);

 private:
  Error SqlError(int rc, std::string_view sql) const;
  Result<std::int64_t> Run(std::string_view sql, std::span<const Value> params, std::vector<Row>* rows);
  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  Result<void> Bind(sqlite3_stmt* stmt, std::span<const Value> params, std::string_view sql);
  Result<void> Control(std::string_view sql);  // BEGIN, COMMIT, SAVEPOINT, ...
  void RollbackTo(const std::string& savepoint);
  Result<void> RunWork(const Work& work);
  Result<void> CheckTransactionAlive() const;

  std::recursive_mutex mu_;  // guards everything below and the connection
  sqlite3* db_;
  const int busy_timeout_ms_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
  std::unordered_map<std::thread::id, std::int64_t> last_insert_;
  int depth_ = 0;  // open InTransaction levels; only the thread holding mu_ can see it non-zero
};

}  // namespace vaardig::store::internal
