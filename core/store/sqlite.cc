#include "core/store/sqlite.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <utility>

#include "core/store/internal/sqlite_database.h"

namespace vaardig::store {
namespace {

constexpr std::size_t kMaxCachedStatements = 256;
constexpr std::size_t kMaxSqlInMessage = 160;

// The statement's text for error messages: whitespace collapsed, truncated. Statements carry `?`
// placeholders, so this never shows parameter values.
std::string SqlForMessage(std::string_view sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (out.size() >= kMaxSqlInMessage) {
      out += "...";
      break;
    }
    out.push_back(c);
  }
  return out;
}

Value ReadColumn(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      const int n = sqlite3_column_bytes(stmt, i);
      return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(n));
    }
    case SQLITE_BLOB: {
      const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
      const int n = sqlite3_column_bytes(stmt, i);
      return p == nullptr ? Blob() : Blob(p, p + n);  // a zero-length blob reads as a null pointer
    }
    default:
      return nullptr;
  }
}

// Resets a cached statement and drops its bindings (which point into the caller's parameters)
// whatever way the call ends, so no statement keeps a read snapshot open.
class StatementScope {
 public:
  explicit StatementScope(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementScope() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace

namespace internal {

ErrorCode SqliteErrorCode(int rc) {
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return ErrorCode::kAlreadyExists;
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:  // FOREIGN KEY, CHECK, NOT NULL, trigger RAISE(ABORT), STRICT datatype
    case SQLITE_READONLY:
      return ErrorCode::kFailedPrecondition;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      return ErrorCode::kUnavailable;
    case SQLITE_FULL:
    case SQLITE_TOOBIG:
    case SQLITE_NOMEM:
      return ErrorCode::kResourceExhausted;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kDataLoss;
    case SQLITE_INTERRUPT:
    case SQLITE_ABORT:
      return ErrorCode::kAborted;
    default:
      return ErrorCode::kInternal;
  }
}

Error ErrnoError(const std::string& what, int err) {
  ErrorCode code = ErrorCode::kInternal;
  if (err == ENOENT || err == ENOTDIR) code = ErrorCode::kNotFound;
  if (err == EACCES || err == EPERM || err == EROFS) code = ErrorCode::kPermissionDenied;
  if (err == EEXIST) code = ErrorCode::kAlreadyExists;
  return Error(code, what + ": " + std::strerror(err));
}

// SQLite opens the (empty) file created here and gives its -wal/-shm/-journal files the same mode.
Result<void> CreatePrivateFile(const std::string& path, bool must_be_new) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    if (!must_be_new && errno == EEXIST) return Ok();
    return Fail(ErrnoError("cannot create database file " + path, errno));
  }
  ::close(fd);
  return Ok();
}

Error SqliteDatabase::SqlError(int rc, std::string_view sql) const {
  return Error(SqliteErrorCode(rc), std::string(sqlite3_errmsg(db_)) + " (SQLite error " +
                                        std::to_string(rc) + ") in \"" + SqlForMessage(sql) + "\"");
}

Result<sqlite3_stmt*> SqliteDatabase::Prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
  if (sql.size() > static_cast<std::size_t>(sqlite3_limit(db_, SQLITE_LIMIT_SQL_LENGTH, -1))) {
    return Fail(ErrorCode::kResourceExhausted, "SQL statement is too long");
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                              &tail);
  if (rc != SQLITE_OK) return Fail(SqlError(rc, sql));
  if (stmt == nullptr) return Fail(ErrorCode::kInvalidArgument, "empty SQL statement");
  const auto rest = static_cast<int>(sql.data() + sql.size() - tail);
  if (rest > 0) {
    // Only whitespace and comments may follow: preparing them must give no statement.
    sqlite3_stmt* next = nullptr;
    rc = sqlite3_prepare_v3(db_, tail, rest, 0, &next, nullptr);
    sqlite3_finalize(next);
    if (rc != SQLITE_OK || next != nullptr) {
      sqlite3_finalize(stmt);
      return Fail(ErrorCode::kInvalidArgument,
                  "Execute and Query take one SQL statement, found more (use ExecScript) in \"" +
                      SqlForMessage(sql) + "\"");
    }
  }
  if (cache_.size() >= kMaxCachedStatements) {
    for (auto& [text, cached] : cache_) sqlite3_finalize(cached);
    cache_.clear();
  }
  cache_.emplace(std::string(sql), stmt);
  return stmt;
}

Result<void> SqliteDatabase::Bind(sqlite3_stmt* stmt, std::span<const Value> params, std::string_view sql) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (static_cast<std::size_t>(expected) != params.size()) {
    return Fail(ErrorCode::kInvalidArgument, "the statement takes " + std::to_string(expected) +
                                                 " parameters, " + std::to_string(params.size()) +
                                                 " given, in \"" + SqlForMessage(sql) + "\"");
  }
  for (int i = 1; i <= expected; ++i) {
    const Value& v = params[static_cast<std::size_t>(i - 1)];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(v)) {
      rc = sqlite3_bind_null(stmt, i);
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, i, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      // SQLite would store NaN as NULL, silently; PostgreSQL would keep it. Refuse it.
      if (std::isnan(*d)) {
        return Fail(ErrorCode::kInvalidArgument, "parameter " + std::to_string(i) + " is NaN");
      }
      rc = sqlite3_bind_double(stmt, i, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      // Explicit length: embedded NULs are kept. The parameters outlive the statement's use.
      rc = sqlite3_bind_text64(stmt, i, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      // A null pointer would bind NULL; an empty blob must stay a blob.
      rc = b->empty() ? sqlite3_bind_zeroblob(stmt, i, 0)
                      : sqlite3_bind_blob64(stmt, i, b->data(), b->size(), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) {
      return Fail(SqliteErrorCode(rc), "cannot bind parameter " + std::to_string(i) + ": " +
                                           sqlite3_errstr(rc) + " in \"" + SqlForMessage(sql) + "\"");
    }
  }
  return Ok();
}

Result<void> SqliteDatabase::CheckTransactionAlive() const {
  // SQLite rolls a transaction back by itself after some errors (disk full, I/O, ...). Running on
  // would autocommit each later statement of the work: refuse instead.
  if (depth_ > 0 && sqlite3_get_autocommit(db_) != 0) {
    return Fail(ErrorCode::kAborted, "the transaction was rolled back by SQLite after an earlier error");
  }
  return Ok();
}

Result<std::int64_t> SqliteDatabase::Run(std::string_view sql, std::span<const Value> params,
                                         std::vector<Row>* rows) {
  std::lock_guard lock(mu_);
  VAARDIG_RETURN_IF_ERROR(CheckTransactionAlive());
  VAARDIG_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  StatementScope scope(stmt);
  VAARDIG_RETURN_IF_ERROR(Bind(stmt, params, sql));

  std::shared_ptr<std::vector<std::string>> columns;
  if (rows != nullptr) {
    columns = std::make_shared<std::vector<std::string>>();
    const int n = sqlite3_column_count(stmt);
    for (int i = 0; i < n; ++i) {
      const char* name = sqlite3_column_name(stmt, i);
      columns->emplace_back(name == nullptr ? "" : name);
    }
  }
  const std::int64_t total_before = sqlite3_total_changes64(db_);
  sqlite3_set_last_insert_rowid(db_, 0);  // so that a non-zero value afterwards is this statement's
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return Fail(SqlError(rc, sql));
    if (rows == nullptr) continue;
    std::vector<Value> values;
    values.reserve(columns->size());
    for (int i = 0; i < static_cast<int>(columns->size()); ++i) values.push_back(ReadColumn(stmt, i));
    rows->emplace_back(columns, std::move(values));
  }
  if (const std::int64_t id = sqlite3_last_insert_rowid(db_); id != 0) {
    last_insert_[std::this_thread::get_id()] = id;
  }
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE; it is this statement's
  // only when the statement changed anything at all.
  return sqlite3_total_changes64(db_) != total_before ? sqlite3_changes64(db_) : 0;
}

Result<void> SqliteDatabase::ExecScript(std::string_view sql) {
  std::lock_guard lock(mu_);
  VAARDIG_RETURN_IF_ERROR(CheckTransactionAlive());
  if (sql.size() > static_cast<std::size_t>(sqlite3_limit(db_, SQLITE_LIMIT_SQL_LENGTH, -1))) {
    return Fail(ErrorCode::kResourceExhausted, "SQL script is too long");
  }
  const char* p = sql.data();
  const char* const end = sql.data() + sql.size();
  while (p < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &raw, &tail);
    const std::string_view text(p, static_cast<std::size_t>((tail != nullptr ? tail : end) - p));
    if (rc != SQLITE_OK) return Fail(SqlError(rc, text));
    if (raw == nullptr) break;  // only whitespace or comments left
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, &sqlite3_finalize);
    int step = SQLITE_ROW;
    while (step == SQLITE_ROW) step = sqlite3_step(raw);
    if (step != SQLITE_DONE) return Fail(SqlError(step, text));
    p = tail;
  }
  return Ok();
}

Result<void> SqliteDatabase::Control(std::string_view sql) {
  VAARDIG_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  StatementScope scope(stmt);
  const int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) return Fail(SqlError(rc, sql));
  return Ok();
}

void SqliteDatabase::RollbackTo(const std::string& savepoint) {
  if (sqlite3_get_autocommit(db_) != 0) return;  // SQLite already rolled everything back
  if (savepoint.empty()) {
    (void)Control("ROLLBACK");
    return;
  }
  (void)Control("ROLLBACK TO " + savepoint);
  (void)Control("RELEASE " + savepoint);
}

Result<void> SqliteDatabase::RunWork(const Work& work) {
  ++depth_;
  Result<void> result;
  try {
    result = work(*this);
  } catch (...) {
    // The exception's text may quote personal data (a parser's input, say): not in the message.
    result = Fail(ErrorCode::kInternal, "the transaction's work threw an exception; rolled back");
  }
  --depth_;
  return result;
}

Result<void> SqliteDatabase::InTransaction(const Work& work) {
  std::lock_guard lock(mu_);
  // Nested on this thread: a savepoint inside the outer transaction.
  const std::string savepoint = depth_ > 0 ? "vaardig_sp_" + std::to_string(depth_) : std::string();
  if (savepoint.empty()) {
    VAARDIG_RETURN_IF_ERROR(Control("BEGIN IMMEDIATE"));  // busy: retried by the busy handler
  } else {
    VAARDIG_RETURN_IF_ERROR(CheckTransactionAlive());
    VAARDIG_RETURN_IF_ERROR(Control("SAVEPOINT " + savepoint));
  }
  Result<void> result = RunWork(work);
  if (result && sqlite3_get_autocommit(db_) != 0) {
    result = Fail(ErrorCode::kAborted, "the transaction was rolled back by SQLite after an error inside it");
  }
  if (result) result = Control(savepoint.empty() ? std::string("COMMIT") : "RELEASE " + savepoint);
  if (!result) RollbackTo(savepoint);
  return result;
}

Result<void> SqliteDatabase::Configure(const SqliteOptions& options, bool in_memory) {
  std::lock_guard lock(mu_);
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  // Hardening: no schema tricks, no functions with side effects from the schema, and double-quoted
  // strings are identifiers only (as in PostgreSQL).
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  VAARDIG_RETURN_IF_ERROR(Control("PRAGMA foreign_keys = ON"));
  if (!in_memory && !options.read_only) {
    VAARDIG_ASSIGN_OR_RETURN(auto mode, QueryOne("PRAGMA journal_mode = WAL"));
    if (!mode || mode->Text(0) != "wal") {
      return Fail(ErrorCode::kInternal, "SQLite refused journal_mode=WAL for " + options.path);
    }
  }
  if (!options.read_only) {
    VAARDIG_RETURN_IF_ERROR(
        Control(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"));
  }
  return Ok();
}

}  // namespace internal

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options) {
  if (options.path.empty()) return Fail(ErrorCode::kInvalidArgument, "SqliteOptions.path is empty");
  if (options.busy_timeout_ms < 0) {
    return Fail(ErrorCode::kInvalidArgument, "SqliteOptions.busy_timeout_ms is negative");
  }
  if (sqlite3_threadsafe() == 0) {
    return Fail(ErrorCode::kInternal, "the SQLite library was built without thread safety");
  }
  const bool in_memory = options.path == ":memory:";
  if (!in_memory) {
    if (options.read_only) {
      if (::access(options.path.c_str(), F_OK) != 0) {
        return Fail(internal::ErrnoError("cannot open SQLite database " + options.path, errno));
      }
    } else {
      VAARDIG_RETURN_IF_ERROR(internal::CreatePrivateFile(options.path, /*must_be_new=*/false));
    }
  }
  const int flags = (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_EXRESCODE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(options.path.c_str(), &raw, flags, nullptr);
  auto db =
      std::make_unique<internal::SqliteDatabase>(raw, options.busy_timeout_ms);  // owns `raw` even on failure
  if (rc != SQLITE_OK) {
    return Fail(internal::SqliteErrorCode(rc),
                "cannot open SQLite database " + options.path + ": " +
                    (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  if (auto configured = db->Configure(options, in_memory); !configured) {
    return Fail(configured.error().WithContext("configuring SQLite database " + options.path));
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace vaardig::store
