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

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Error Connection::SqlError(int rc, std::string_view sql) const {
  return Error(SqliteErrorCode(rc), std::string(sqlite3_errmsg(db_)) + " (SQLite error " +
                                        std::to_string(rc) + ") in \"" + SqlForMessage(sql) + "\"");
}

Result<sqlite3_stmt*> Connection::Prepare(std::string_view sql) {
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

Result<void> Connection::Bind(sqlite3_stmt* stmt, std::span<const Value> params, std::string_view sql) {
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

Result<std::int64_t> Connection::Run(sqlite3_stmt* stmt, std::string_view sql, std::span<const Value> params,
                                     std::vector<Row>* rows, std::int64_t* last_insert) {
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
  if (last_insert != nullptr) *last_insert = sqlite3_last_insert_rowid(db_);
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE; it is this statement's
  // only when the statement changed anything at all.
  return sqlite3_total_changes64(db_) != total_before ? sqlite3_changes64(db_) : 0;
}

Result<void> Connection::ExecScript(std::string_view sql) {
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

Result<void> Connection::Control(std::string_view sql) {
  VAARDIG_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  StatementScope scope(stmt);
  const int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) return Fail(SqlError(rc, sql));
  return Ok();
}

// Holds the writer for a call made outside any work: counted as waiting meanwhile, so that the
// works of an open group know someone will commit it.
class SqliteDatabase::WriterTurn {
 public:
  explicit WriterTurn(SqliteDatabase& db) : db_(db) {
    db_.waiting_writers_.fetch_add(1, std::memory_order_acq_rel);
    db_.mu_.lock();
    db_.waiting_writers_.fetch_sub(1, std::memory_order_acq_rel);
  }
  ~WriterTurn() {
    if (held_) db_.mu_.unlock();
  }
  void Release() {
    held_ = false;
    db_.mu_.unlock();
  }
  WriterTurn(const WriterTurn&) = delete;
  WriterTurn& operator=(const WriterTurn&) = delete;

 private:
  SqliteDatabase& db_;
  bool held_ = true;
};

SqliteDatabase::~SqliteDatabase() {
  std::lock_guard lock(mu_);
  CommitGroupLocked();
}

void SqliteDatabase::RecordLastInsert(std::int64_t id) {
  if (id == 0) return;
  std::lock_guard lock(last_insert_mu_);
  last_insert_[std::this_thread::get_id()] = id;
}

Result<void> SqliteDatabase::CheckTransactionAlive() const {
  // SQLite rolls a transaction back by itself after some errors (disk full, I/O, ...). Running on
  // would autocommit each later statement of the work: refuse instead.
  if (depth_ > 0 && sqlite3_get_autocommit(writer_.handle()) != 0) {
    return Fail(ErrorCode::kAborted, "the transaction was rolled back by SQLite after an earlier error");
  }
  return Ok();
}

Result<std::int64_t> SqliteDatabase::RunOnWriter(std::string_view sql, std::span<const Value> params,
                                                 std::vector<Row>* rows) {
  VAARDIG_RETURN_IF_ERROR(CheckTransactionAlive());
  VAARDIG_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, writer_.Prepare(sql));
  std::int64_t last_insert = 0;
  auto changed = writer_.Run(stmt, sql, params, rows, &last_insert);
  RecordLastInsert(last_insert);
  return changed;
}

namespace {

bool StartsWithWord(std::string_view sql, std::string_view word) {
  std::size_t i = 0;
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '\t' || sql[i] == '\r')) ++i;
  if (sql.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    char c = sql[i + k];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != word[k]) return false;
  }
  return true;
}

// Extended result codes, the busy timeout, and hardening: no schema tricks, no functions with side
// effects from the schema, and double-quoted strings are identifiers only (as in PostgreSQL).
void Harden(sqlite3* db, int busy_timeout_ms) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
}

constexpr std::size_t kMaxReaders = 4;
constexpr int kMaxGroup = 64;

}  // namespace

Result<std::unique_ptr<Connection>> SqliteDatabase::OpenReader() const {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(reader_path_.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nullptr);
  auto connection = std::make_unique<Connection>(raw);  // owns `raw` even on failure
  if (rc != SQLITE_OK) return Fail(SqliteErrorCode(rc), "cannot open a reader connection");
  Harden(raw, busy_timeout_ms_);
  VAARDIG_RETURN_IF_ERROR(connection->Control("PRAGMA query_only = ON"));
  return connection;
}

std::optional<Result<std::int64_t>> SqliteDatabase::RunOnReader(std::string_view sql, std::span<const Value> params,
                                                                std::vector<Row>* rows) {
  if (!readers_enabled_.load(std::memory_order_acquire) || rows == nullptr ||
      !(StartsWithWord(sql, "SELECT") || StartsWithWord(sql, "WITH"))) {
    return std::nullopt;
  }
  Reader* reader = nullptr;
  bool locked = false;
  bool open_one = false;
  {
    std::lock_guard lock(readers_mu_);
    for (auto& r : readers_) {
      if (r->mu.try_lock()) {
        reader = r.get();
        locked = true;
        break;
      }
    }
    if (reader == nullptr && readers_.size() + readers_opening_ < kMaxReaders) {
      ++readers_opening_;
      open_one = true;
    } else if (reader == nullptr && !readers_.empty()) {
      reader = readers_[next_reader_.fetch_add(1) % readers_.size()].get();
    }
  }
  if (open_one) {
    // Opened without holding readers_mu_: other reads go on meanwhile.
    auto opened = OpenReader();
    std::lock_guard lock(readers_mu_);
    --readers_opening_;
    if (!opened) {
      // Cannot open readers (descriptors exhausted, say): reads go to the writer from now on.
      readers_enabled_.store(false, std::memory_order_release);
      return std::nullopt;
    }
    auto fresh = std::make_unique<Reader>();
    fresh->connection = std::move(*opened);
    fresh->mu.lock();
    reader = fresh.get();
    locked = true;
    readers_.push_back(std::move(fresh));
  }
  if (reader == nullptr) return std::nullopt;  // every reader is still being opened
  std::unique_lock lock = locked ? std::unique_lock(reader->mu, std::adopt_lock) : std::unique_lock(reader->mu);
  Connection& connection = *reader->connection;
  auto stmt = connection.Prepare(sql);
  if (!stmt) return Result<std::int64_t>(std::unexpected(stmt.error()));
  if (sqlite3_stmt_readonly(*stmt) == 0) return std::nullopt;  // it writes: the writer's turn
  return connection.Run(*stmt, sql, params, rows, nullptr);
}

Result<std::int64_t> SqliteDatabase::Run(std::string_view sql, std::span<const Value> params,
                                         std::vector<Row>* rows) {
  if (InWorkOnThisThread()) {
    std::lock_guard lock(mu_);
    return RunOnWriter(sql, params, rows);
  }
  if (auto read = RunOnReader(sql, params, rows)) return std::move(*read);
  WriterTurn turn(*this);
  CommitGroupLocked();
  return RunOnWriter(sql, params, rows);
}

Result<void> SqliteDatabase::ExecScript(std::string_view sql) {
  if (InWorkOnThisThread()) {
    std::lock_guard lock(mu_);
    VAARDIG_RETURN_IF_ERROR(CheckTransactionAlive());
    return writer_.ExecScript(sql);
  }
  WriterTurn turn(*this);
  CommitGroupLocked();
  return writer_.ExecScript(sql);
}

void SqliteDatabase::RollbackTo(const std::string& savepoint) {
  if (sqlite3_get_autocommit(writer_.handle()) != 0) return;  // SQLite already rolled everything back
  if (savepoint.empty()) {
    (void)writer_.Control("ROLLBACK");
    return;
  }
  auto undone = writer_.Control("ROLLBACK TO " + savepoint);
  if (undone) undone = writer_.Control("RELEASE " + savepoint);
  // Never keep a failed work's writes: when its savepoint cannot be undone, the whole transaction
  // goes (the callers see it as rolled back).
  if (!undone && sqlite3_get_autocommit(writer_.handle()) == 0) (void)writer_.Control("ROLLBACK");
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

Result<void> SqliteDatabase::Nested(const Work& work) {
  std::lock_guard lock(mu_);
  // Nested on this thread: a savepoint inside the outer transaction.
  const std::string savepoint = "vaardig_sp_" + std::to_string(depth_);
  VAARDIG_RETURN_IF_ERROR(CheckTransactionAlive());
  VAARDIG_RETURN_IF_ERROR(writer_.Control("SAVEPOINT " + savepoint));
  Result<void> result = RunWork(work);
  if (result && sqlite3_get_autocommit(writer_.handle()) != 0) {
    result = Fail(ErrorCode::kAborted, "the transaction was rolled back by SQLite after an error inside it");
  }
  if (result) result = writer_.Control("RELEASE " + savepoint);
  if (!result) RollbackTo(savepoint);
  return result;
}

void SqliteDatabase::FinishGroupLocked(Result<void> result) {
  std::shared_ptr<Group> group = std::move(group_);  // leaves group_ empty
  if (!group) return;
  {
    std::lock_guard lock(group_mu_);
    group->result = std::move(result);
    group->done = true;
  }
  group_done_.notify_all();
}

void SqliteDatabase::CommitGroupLocked() {
  if (!group_) return;
  if (group_->members == 0) {
    RollbackTo("");  // nothing kept in it (every work failed): no commit, no fsync
    FinishGroupLocked(Ok());
    return;
  }
  Result<void> committed = writer_.Control("COMMIT");
  if (!committed) RollbackTo("");
  commits_.fetch_add(1, std::memory_order_relaxed);
  grouped_.fetch_add(group_->members, std::memory_order_relaxed);
  FinishGroupLocked(std::move(committed));
}

Result<void> SqliteDatabase::InTransaction(const Work& work) {
  if (InWorkOnThisThread()) return Nested(work);
  WriterTurn turn(*this);
  const std::string member = "vaardig_member";
  Result<void> result;
  if (!group_) {
    result = writer_.Control("BEGIN IMMEDIATE");  // busy: retried by the busy handler
    if (result) group_ = std::make_shared<Group>();
  }
  if (result) result = writer_.Control("SAVEPOINT " + member);
  if (result) {
    ++group_->turns;
    work_thread_.store(std::this_thread::get_id(), std::memory_order_release);
    result = RunWork(work);
    work_thread_.store(std::thread::id(), std::memory_order_release);
    if (result && sqlite3_get_autocommit(writer_.handle()) != 0) {
      result = Fail(ErrorCode::kAborted, "the transaction was rolled back by SQLite after an error inside it");
    }
    if (result) result = writer_.Control("RELEASE " + member);
    if (!result) RollbackTo(member);  // this work's writes only, or the whole transaction if that fails
  }
  if (group_ && sqlite3_get_autocommit(writer_.handle()) != 0) {
    // The transaction is gone (SQLite rolled it back after an I/O error or a full disk, or undoing
    // this work failed): the works of other threads grouped in it are lost with it.
    Error lost(ErrorCode::kAborted, "the transaction was rolled back by SQLite after an error inside it");
    FinishGroupLocked(Fail(lost));
    return result ? Result<void>(Fail(std::move(lost))) : result;
  }
  std::shared_ptr<Group> mine;
  if (result && group_) {
    mine = group_;
    ++mine->members;
  }
  // The last work in commits the group: no other writer waits for the connection to join it. A
  // group also ends after max_group_ turns, failed ones too, so a stream of arrivals cannot keep
  // an earlier caller waiting, or the file's write lock held, for long.
  if (group_ && (waiting_writers_.load(std::memory_order_acquire) == 0 || group_->turns >= max_group_)) {
    CommitGroupLocked();
  }
  turn.Release();
  if (!result) return result;
  std::unique_lock lock(group_mu_);
  group_done_.wait(lock, [&] { return mine->done; });
  return mine->result;
}

Result<void> SqliteDatabase::Configure(const SqliteOptions& options, bool in_memory) {
  std::lock_guard lock(mu_);
  sqlite3* db = writer_.handle();
  Harden(db, options.busy_timeout_ms);
  VAARDIG_RETURN_IF_ERROR(writer_.Control("PRAGMA foreign_keys = ON"));
  if (!in_memory && !options.read_only) {
    VAARDIG_ASSIGN_OR_RETURN(auto mode, QueryOne("PRAGMA journal_mode = WAL"));
    if (!mode || mode->Text(0) != "wal") {
      return Fail(ErrorCode::kInternal, "SQLite refused journal_mode=WAL for " + options.path);
    }
  }
  if (!options.read_only) {
    VAARDIG_RETURN_IF_ERROR(writer_.Control(options.synchronous_full ? "PRAGMA synchronous = FULL"
                                                                     : "PRAGMA synchronous = NORMAL"));
  }
  // Files that are written get reader connections and group commit; an in-memory database is
  // private to its one connection, and a read-only one has nothing to commit.
  if (!in_memory && !options.read_only) {
    // The file the writer has open (an absolute path), not options.path again: a relative path
    // or a file renamed since must not give the readers another database.
    const char* file = sqlite3_db_filename(db, "main");
    if (file != nullptr && *file != '\0') {
      reader_path_ = file;
      readers_enabled_.store(true, std::memory_order_release);
    }
    max_group_ = kMaxGroup;
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
