// Internal to core/store: the SQLite connections behind OpenSqlite and BackupSqlite.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
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

// One sqlite3 handle with its cache of prepared statements. Not thread-safe: its owner serialises.
class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] sqlite3* handle() const { return db_; }
  [[nodiscard]] Error SqlError(int rc, std::string_view sql) const;
  // The cached prepared statement for ONE statement of `sql`.
  [[nodiscard]] Result<sqlite3_stmt*> Prepare(std::string_view sql);
  // Binds, steps to the end and collects rows (when `rows`); the count of changed rows.
  // `last_insert` receives the statement's new rowid, if it made one.
  [[nodiscard]] Result<std::int64_t> Run(sqlite3_stmt* stmt, std::string_view sql, std::span<const Value> params,
                                         std::vector<Row>* rows, std::int64_t* last_insert);
  [[nodiscard]] Result<void> Control(std::string_view sql);  // BEGIN, COMMIT, SAVEPOINT, PRAGMA ...
  [[nodiscard]] Result<void> ExecScript(std::string_view sql);

 private:
  [[nodiscard]] Result<void> Bind(sqlite3_stmt* stmt, std::span<const Value> params, std::string_view sql);

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

// The Database of OpenSqlite: one writer connection, and for files a few reader connections.
//
// Writes: a transaction holds the writer (`mu_`) while its work runs, inside a savepoint of a
// transaction it may share with the works of other threads that queued meanwhile (group commit):
// the last of them to finish — no other writer is waiting, or the group has had 64 turns, failed
// works included — commits them all with one fsync and wakes the others. No caller returns before the commit that makes its
// writes durable; when that commit fails, every work of the group gets the error.
//
// Reads outside a transaction (SELECT / WITH statements that SQLite says are read-only) run on a
// reader connection and see the last committed state, never a group still waiting for its commit.
// Every other statement outside a transaction commits an open group first, then runs on the
// writer in autocommit. An in-memory or read-only database has no readers and commits each
// transaction by itself.
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(sqlite3* db, int busy_timeout_ms) : writer_(db), busy_timeout_ms_(busy_timeout_ms) {}
  ~SqliteDatabase() override;
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
    std::lock_guard lock(last_insert_mu_);
    auto it = last_insert_.find(std::this_thread::get_id());
    return it == last_insert_.end() ? 0 : it->second;
  }

  Result<void> InTransaction(const Work& work) override;

  std::string_view dialect() const override { return "sqlite"; }

  Result<void> Configure(const SqliteOptions& options, bool in_memory);
  Result<void> Backup(const std::string& destination);

  // For tests: how many commits and how many transactions they carried.
  struct GroupStats {
    std::int64_t commits = 0;
    std::int64_t transactions = 0;
  };
  [[nodiscard]] GroupStats group_stats() const {
    return {commits_.load(std::memory_order_relaxed), grouped_.load(std::memory_order_relaxed)};
  }
  // For tests: threads waiting for the writer outside a work.
  [[nodiscard]] int waiting_writers() const { return waiting_writers_.load(std::memory_order_acquire); }

 private:
  struct Group {
    bool done = false;  // guarded by group_mu_
    Result<void> result;
    int members = 0;  // works kept in it so far; guarded by mu_
    int turns = 0;    // works run in it so far, failed ones too; guarded by mu_
  };
  struct Reader {
    std::mutex mu;
    std::unique_ptr<Connection> connection;
  };

  // Takes the writer for a call that is not part of a work on this thread.
  class WriterTurn;

  [[nodiscard]] bool InWorkOnThisThread() const {
    return work_thread_.load(std::memory_order_acquire) == std::this_thread::get_id();
  }
  Result<std::int64_t> Run(std::string_view sql, std::span<const Value> params, std::vector<Row>* rows);
  Result<std::int64_t> RunOnWriter(std::string_view sql, std::span<const Value> params, std::vector<Row>* rows);
  // nullopt: the statement is not for a reader (it writes, or no reader could be opened).
  std::optional<Result<std::int64_t>> RunOnReader(std::string_view sql, std::span<const Value> params,
                                                  std::vector<Row>* rows);
  Result<std::unique_ptr<Connection>> OpenReader() const;
  Result<void> Nested(const Work& work);
  Result<void> RunWork(const Work& work);
  Result<void> CheckTransactionAlive() const;
  void RollbackTo(const std::string& savepoint);
  // With mu_ held and no work running: commits the open group, if any, and wakes its members.
  void CommitGroupLocked();
  void FinishGroupLocked(Result<void> result);
  void RecordLastInsert(std::int64_t id);

  std::recursive_mutex mu_;  // the writer connection and everything below up to the readers
  Connection writer_;
  const int busy_timeout_ms_;
  int depth_ = 0;                            // open InTransaction levels of the running work
  std::shared_ptr<Group> group_;             // the open group transaction, if any
  int max_group_ = 1;                        // 1: no grouping (in-memory, read-only)
  std::atomic<int> waiting_writers_{0};      // threads waiting for mu_ to write
  std::atomic<std::thread::id> work_thread_{};  // the thread whose work holds the writer
  std::atomic<std::int64_t> commits_{0};
  std::atomic<std::int64_t> grouped_{0};

  std::mutex group_mu_;  // Group::done
  std::condition_variable group_done_;

  std::mutex last_insert_mu_;
  std::unordered_map<std::thread::id, std::int64_t> last_insert_;

  // Readers (files that are written: in-memory and read-only databases have none).
  std::string reader_path_;  // set before the database is shared
  std::atomic<bool> readers_enabled_{false};
  std::mutex readers_mu_;  // the vector and readers_opening_, not the readers
  std::vector<std::unique_ptr<Reader>> readers_;
  std::size_t readers_opening_ = 0;
  std::atomic<std::size_t> next_reader_{0};
};

}  // namespace vaardig::store::internal
