// The storage interface the services build on (DESIGN.md §6 "store/"): one abstract Database with
// parameterised statements, result rows of typed values, and write transactions.
//
// Dialect-light: SQL uses `?` placeholders (a PostgreSQL implementation rewrites them to $n) and
// the five value types below, which SQLite and PostgreSQL both store (BIGINT, DOUBLE PRECISION,
// TEXT, BYTEA). Portable habits: `INSERT ... RETURNING id` through Query rather than LastInsertId;
// no SQLite-only functions in service SQL.
//
// Error codes every implementation gives:
//   already_exists       a UNIQUE or PRIMARY KEY constraint failed
//   failed_precondition  a FOREIGN KEY, CHECK or NOT NULL constraint failed; writing a read-only db
//   unavailable          the database is busy/locked past the busy timeout, or cannot be opened
//   invalid_argument     a call the interface forbids (wrong parameter count, several statements
//                        in Execute/Query, empty SQL, a NaN parameter)
//   internal             bad SQL (syntax error, unknown table) and failing library calls
// Messages carry the database's own message and the statement's SQL text, never parameter values
// (they may be personal data).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/error.h"

namespace vaardig::store {

using Blob = std::vector<std::uint8_t>;

// A parameter or column value. Construct integers from std::int64_t-convertible types without
// narrowing (an `int` works; a `std::size_t` needs a cast) and text from std::string or a literal.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

// One result row; rows of one result share their column names.
//
// Typed reads never fail and never invoke undefined behaviour:
//   Int   integer as is; a real truncated toward zero when it fits in int64, else 0; otherwise 0
//   Real  real as is; an integer converted; otherwise 0.0
//   Text  text as is; a blob's bytes; otherwise ""
//   Bytes blob as is; a text's bytes; otherwise empty
//   OptInt / OptText  nullopt when NULL, else Int / Text
// An index past the end or an unknown column name is a programming error: it asserts in debug
// builds and reads as NULL otherwise.
class Row {
 public:
  Row() = default;
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values);

  [[nodiscard]] std::size_t size() const { return values_.size(); }
  [[nodiscard]] const std::vector<std::string>& columns() const;

  [[nodiscard]] bool IsNull(std::size_t i) const;
  [[nodiscard]] bool IsNull(std::string_view column) const;
  [[nodiscard]] std::int64_t Int(std::size_t i) const;
  [[nodiscard]] std::int64_t Int(std::string_view column) const;
  [[nodiscard]] double Real(std::size_t i) const;
  [[nodiscard]] double Real(std::string_view column) const;
  [[nodiscard]] std::string Text(std::size_t i) const;
  [[nodiscard]] std::string Text(std::string_view column) const;
  [[nodiscard]] Blob Bytes(std::size_t i) const;
  [[nodiscard]] Blob Bytes(std::string_view column) const;
  [[nodiscard]] std::optional<std::int64_t> OptInt(std::size_t i) const;
  [[nodiscard]] std::optional<std::int64_t> OptInt(std::string_view column) const;
  [[nodiscard]] std::optional<std::string> OptText(std::size_t i) const;
  [[nodiscard]] std::optional<std::string> OptText(std::string_view column) const;

  [[nodiscard]] const Value& at(std::size_t i) const;

 private:
  [[nodiscard]] const Value& ByName(std::string_view column) const;

  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Value> values_;
};

// A database connection (or pool). Thread-safe: every call may come from any thread.
//
// Subclasses that want the initializer_list overloads on their own type add
// `using Database::Execute; using Database::Query;`.
class Database {
 public:
  using Work = std::function<Result<void>(Database&)>;

  virtual ~Database();

  // Runs ONE statement with `?` placeholders bound to `params` in order; returns the number of
  // rows it inserted, updated or deleted (0 for other statements; rows changed by triggers do not
  // count). Rows a statement returns are discarded.
  [[nodiscard]] virtual Result<std::int64_t> Execute(std::string_view sql,
                                                     std::span<const Value> params = {}) = 0;
  [[nodiscard]] Result<std::int64_t> Execute(std::string_view sql, std::initializer_list<Value> params) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Runs ONE statement and returns all its rows.
  [[nodiscard]] virtual Result<std::vector<Row>> Query(std::string_view sql,
                                                       std::span<const Value> params = {}) = 0;
  [[nodiscard]] Result<std::vector<Row>> Query(std::string_view sql, std::initializer_list<Value> params) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // At most one row: nullopt for none, internal error for more than one.
  [[nodiscard]] Result<std::optional<Row>> QueryOne(std::string_view sql, std::span<const Value> params = {});
  [[nodiscard]] Result<std::optional<Row>> QueryOne(std::string_view sql,
                                                    std::initializer_list<Value> params) {
    return QueryOne(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Several statements separated by `;`, no parameters (schema scripts). Stops at the first
  // failing statement; statements before it stay applied unless run inside InTransaction.
  [[nodiscard]] virtual Result<void> ExecScript(std::string_view sql) = 0;

  // The rowid/id of this thread's most recent INSERT through this Database, 0 when none. Other
  // threads' inserts do not change it. Prefer `INSERT ... RETURNING id` (portable).
  [[nodiscard]] virtual std::int64_t LastInsertId() = 0;

  // Runs `work` in one write transaction: committed (durably) before it returns success, rolled
  // back when it fails or throws (a throw becomes an internal error). Calls made from inside `work`
  // on the same thread (through the Database& it gets or this one) belong to the transaction; a
  // nested InTransaction joins it as a savepoint, so a failing nested work undoes only its own
  // writes and its error reaches the outer work. Other threads' writes wait until the work ends;
  // their reads outside a transaction may go on and see only committed data. An implementation
  // may commit the works of several threads together (group commit): none returns before the
  // commit that holds its writes, and when that commit fails every one of them gets the error.
  // Busy (another process holds the write lock) is retried up to the busy timeout, then
  // unavailable. Work must not issue BEGIN/COMMIT/ROLLBACK itself, must not wait for another
  // thread's database call, and must not take a lock that a caller of InTransaction may hold while
  // it waits (its return may depend on works queued after it).
  [[nodiscard]] virtual Result<void> InTransaction(const Work& work) = 0;

  // "sqlite" or "postgresql".
  [[nodiscard]] virtual std::string_view dialect() const = 0;
};

}  // namespace vaardig::store
