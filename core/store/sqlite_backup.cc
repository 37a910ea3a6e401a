// BackupSqlite: sqlite3_backup from the live connection into a new 0600 file.
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "core/store/internal/sqlite_database.h"
#include "core/store/sqlite.h"

namespace vaardig::store {
namespace internal {
namespace {

constexpr int kBackupPagesPerStep = 256;

}  // namespace

Result<void> SqliteDatabase::Backup(const std::string& destination) {
  if (InWorkOnThisThread()) {
    return Fail(ErrorCode::kFailedPrecondition, "a backup cannot be made from inside a transaction's work");
  }
  VAARDIG_RETURN_IF_ERROR(CreatePrivateFile(destination, /*must_be_new=*/true));
  bool done = false;
  sqlite3* out = nullptr;
  struct Cleanup {
    const std::string& path;
    bool& done;
    sqlite3*& out;
    ~Cleanup() {
      sqlite3_close_v2(out);
      if (done) return;
      for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
    }
  } cleanup{destination, done, out};

  int rc = sqlite3_open_v2(destination.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, nullptr);
  if (rc != SQLITE_OK) {
    return Fail(SqliteErrorCode(rc), "cannot open backup destination " + destination + ": " +
                                         (out != nullptr ? sqlite3_errmsg(out) : sqlite3_errstr(rc)));
  }
  sqlite3_backup* backup = nullptr;
  {
    std::lock_guard lock(mu_);
    CommitGroupLocked();  // the copy holds what callers were told is committed, nothing else
    backup = sqlite3_backup_init(out, "main", writer_.handle(), "main");
  }
  if (backup == nullptr) {
    return Fail(SqliteErrorCode(sqlite3_extended_errcode(out)),
                std::string("cannot start backup: ") + sqlite3_errmsg(out));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms_);
  for (;;) {
    {
      // Page by page, so that other threads' calls run between steps; SQLite restarts or updates
      // the copy when the source changes meanwhile.
      std::lock_guard lock(mu_);
      CommitGroupLocked();
      rc = sqlite3_backup_step(backup, kBackupPagesPerStep);
    }
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) continue;
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
      if (std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
    }
    break;
  }
  {
    std::lock_guard lock(mu_);
    sqlite3_backup_finish(backup);
  }
  if (rc != SQLITE_DONE) {
    return Fail(SqliteErrorCode(rc),
                std::string("backup to ") + destination + " failed: " + sqlite3_errstr(rc));
  }
  done = true;
  return Ok();
}

}  // namespace internal

Result<void> BackupSqlite(Database& db, const std::string& destination) {
  auto* sqlite = dynamic_cast<internal::SqliteDatabase*>(&db);
  if (sqlite == nullptr) {
    return Fail(
        ErrorCode::kInvalidArgument,
        "BackupSqlite needs a database opened with OpenSqlite, not dialect " + std::string(db.dialect()));
  }
  if (destination.empty()) return Fail(ErrorCode::kInvalidArgument, "backup destination is empty");
  return sqlite->Backup(destination);
}

}  // namespace vaardig::store
