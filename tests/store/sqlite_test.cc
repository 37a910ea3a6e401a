// The SQLite implementation: settings at open, file modes, error mapping, statement rules, backup.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/store/test_util.h"

namespace vaardig::store {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testutil::FailsWith;
using testutil::IsOk;
using testutil::TempDir;

constexpr char kSecret[] = "jan.jansen@example.nl";  // stands for personal data in parameters

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

// A pragma's value as text; numeric pragmas come back as integers.
std::string Pragma(Database& db, const std::string& name) {
  auto row = db.QueryOne("PRAGMA " + name);
  EXPECT_THAT(row, IsOk());
  if (!row || !row->has_value()) return "<none>";
  const Value& v = (*row)->at(0);
  return std::holds_alternative<std::int64_t>(v) ? std::to_string(std::get<std::int64_t>(v))
                                                 : (*row)->Text(0);
}

std::int64_t Count(Database& db, const std::string& table) {
  auto row = db.QueryOne("SELECT count(*) FROM " + table);
  EXPECT_THAT(row, IsOk());
  return row && row->has_value() ? (*row)->Int(0) : -1;
}

class SqliteFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("vaardig.db");
    db_ = testutil::OpenOrDie({.path = path_});
    ASSERT_NE(db_, nullptr);
  }
  TempDir dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteFile, OpensWithWalForeignKeysAndFullSync) {
  EXPECT_EQ(db_->dialect(), "sqlite");
  EXPECT_EQ(Pragma(*db_, "journal_mode"), "wal");
  EXPECT_EQ(Pragma(*db_, "foreign_keys"), "1");
  EXPECT_EQ(Pragma(*db_, "synchronous"), "2");  // FULL
  EXPECT_EQ(Pragma(*db_, "busy_timeout"), "5000");
  EXPECT_EQ(Pragma(*db_, "trusted_schema"), "0");
}

TEST(Sqlite, SynchronousNormalAndBusyTimeoutOnRequest) {
  TempDir dir;
  auto db =
      testutil::OpenOrDie({.path = dir.File("n.db"), .busy_timeout_ms = 250, .synchronous_full = false});
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Pragma(*db, "synchronous"), "1");  // NORMAL
  EXPECT_EQ(Pragma(*db, "busy_timeout"), "250");
}

TEST_F(SqliteFile, NewDatabaseAndItsWalAreMode0600) {
  ASSERT_THAT(db_->Execute("CREATE TABLE t (x)"), IsOk());
  ASSERT_THAT(db_->Execute("INSERT INTO t VALUES (?)", {std::string(kSecret)}), IsOk());
  EXPECT_EQ(ModeOf(path_), 0600u);
  ASSERT_TRUE(std::filesystem::exists(path_ + "-wal"));
  EXPECT_EQ(ModeOf(path_ + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(path_ + "-shm"), 0600u);
}

TEST(Sqlite, InMemoryDatabaseWorksWithoutWal) {
  auto db = testutil::OpenMemory();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Pragma(*db, "journal_mode"), "memory");
  EXPECT_EQ(Pragma(*db, "foreign_keys"), "1");
}

TEST(Sqlite, OpenRejectsBadOptions) {
  TempDir dir;
  auto empty = OpenSqlite({.path = ""});
  EXPECT_THAT(empty, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(empty.error().message(), "SqliteOptions.path is empty");
  auto timeout = OpenSqlite({.path = dir.File("a.db"), .busy_timeout_ms = -1});
  EXPECT_THAT(timeout, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(timeout.error().message(), "SqliteOptions.busy_timeout_ms is negative");
  auto no_dir = OpenSqlite({.path = dir.File("missing/a.db")});
  EXPECT_THAT(no_dir, FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(no_dir.error().message(), HasSubstr("cannot create database file"));
  auto read_only_missing = OpenSqlite({.path = dir.File("nothing.db"), .read_only = true});
  EXPECT_THAT(read_only_missing, FailsWith(ErrorCode::kNotFound));
  EXPECT_FALSE(std::filesystem::exists(dir.File("nothing.db")));
}

TEST(Sqlite, NotADatabaseIsDataLoss) {
  TempDir dir;
  const std::string path = dir.File("junk.db");
  std::ofstream(path) << std::string(4096, 'x');
  auto db = OpenSqlite({.path = path});
  EXPECT_THAT(db, FailsWith(ErrorCode::kDataLoss));
  EXPECT_THAT(db.error().message(), HasSubstr("file is not a database"));
}

TEST_F(SqliteFile, ExistingDatabaseReopensWithItsData) {
  ASSERT_THAT(db_->Execute("CREATE TABLE t (x)"), IsOk());
  ASSERT_THAT(db_->Execute("INSERT INTO t VALUES (1)"), IsOk());
  db_.reset();
  auto again = testutil::OpenOrDie({.path = path_});
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(Count(*again, "t"), 1);
}

TEST_F(SqliteFile, ReadOnlyDatabaseReadsButRefusesWrites) {
  ASSERT_THAT(db_->Execute("CREATE TABLE t (x)"), IsOk());
  ASSERT_THAT(db_->Execute("INSERT INTO t VALUES (1)"), IsOk());
  auto reader = testutil::OpenOrDie({.path = path_, .read_only = true});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Count(*reader, "t"), 1);
  auto write = reader->Execute("INSERT INTO t VALUES (2)");
  EXPECT_THAT(write, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(write.error().message(), HasSubstr("readonly"));
  auto in_transaction = reader->InTransaction([](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(tx.Execute("DELETE FROM t"));
    return Ok();
  });
  EXPECT_THAT(in_transaction, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(Count(*reader, "t"), 1);
}

class SqliteConstraints : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testutil::OpenMemory();
    ASSERT_NE(db_, nullptr);
    ASSERT_THAT(db_->ExecScript(R"sql(
      CREATE TABLE person (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,
                           level INTEGER CHECK (level BETWEEN 1 AND 4));
      CREATE TABLE skill (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES person(id), name TEXT);
    )sql"),
                IsOk());
    ASSERT_THAT(
        db_->Execute("INSERT INTO person (id, email, level) VALUES (1, ?, 2)", {std::string(kSecret)}),
        IsOk());
  }

  // The error's code and that its message names the failure but never the parameter's value.
  void ExpectFailure(const Result<std::int64_t>& result, ErrorCode code, const std::string& sqlite_message) {
    ASSERT_THAT(result, FailsWith(code));
    EXPECT_THAT(result.error().message(), HasSubstr(sqlite_message));
    EXPECT_THAT(result.error().message(), Not(HasSubstr(kSecret)));
    EXPECT_THAT(result.error().message(), Not(HasSubstr("private-value")));
  }

  std::unique_ptr<Database> db_;
};

TEST_F(SqliteConstraints, UniqueViolationIsAlreadyExists) {
  ExpectFailure(db_->Execute("INSERT INTO person (email, level) VALUES (?, ?)",
                             {std::string(kSecret), std::int64_t{1}}),
                ErrorCode::kAlreadyExists, "UNIQUE constraint failed: person.email");
}

TEST_F(SqliteConstraints, PrimaryKeyViolationIsAlreadyExists) {
  ExpectFailure(db_->Execute("INSERT INTO person (id, email) VALUES (?, ?)",
                             {std::int64_t{1}, std::string("private-value")}),
                ErrorCode::kAlreadyExists, "UNIQUE constraint failed: person.id");
}

TEST_F(SqliteConstraints, ForeignKeyViolationIsFailedPrecondition) {
  ExpectFailure(db_->Execute("INSERT INTO skill (person_id, name) VALUES (?, ?)",
                             {std::int64_t{42}, std::string("private-value")}),
                ErrorCode::kFailedPrecondition, "FOREIGN KEY constraint failed");
}

TEST_F(SqliteConstraints, CheckViolationIsFailedPrecondition) {
  ExpectFailure(
      db_->Execute("UPDATE person SET level = ? WHERE email = ?", {std::int64_t{9}, std::string(kSecret)}),
      ErrorCode::kFailedPrecondition, "CHECK constraint failed");
}

TEST_F(SqliteConstraints, NotNullViolationIsFailedPrecondition) {
  ExpectFailure(db_->Execute("INSERT INTO person (email, level) VALUES (?, ?)", {nullptr, std::int64_t{1}}),
                ErrorCode::kFailedPrecondition, "NOT NULL constraint failed: person.email");
}

TEST_F(SqliteConstraints, ReferencedRowCannotBeDeleted) {
  ASSERT_THAT(db_->Execute("INSERT INTO skill (person_id, name) VALUES (1, 'lassen')"), IsOk());
  ExpectFailure(db_->Execute("DELETE FROM person WHERE id = ?", {std::int64_t{1}}),
                ErrorCode::kFailedPrecondition, "FOREIGN KEY constraint failed");
}

TEST(SqliteStatements, SyntaxErrorIsInternalAndNamesTheSql) {
  auto db = testutil::OpenMemory();
  auto result = db->Execute("SELEC 1");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInternal));
  EXPECT_EQ(result.error().message(), "near \"SELEC\": syntax error (SQLite error 1) in \"SELEC 1\"");
  auto unknown = db->Query("SELECT * FROM nowhere WHERE x = ?", {std::string(kSecret)});
  ASSERT_THAT(unknown, FailsWith(ErrorCode::kInternal));
  EXPECT_THAT(unknown.error().message(), HasSubstr("no such table: nowhere"));
}

TEST(SqliteStatements, DoubleQuotedStringsAreIdentifiersOnly) {
  auto db = testutil::OpenMemory();
  ASSERT_THAT(db->Execute("CREATE TABLE t (x)"), IsOk());
  auto result = db->Execute("INSERT INTO t VALUES (\"text\")");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInternal));
  EXPECT_THAT(result.error().message(), HasSubstr("no such column: text"));
}

TEST(SqliteStatements, InterfaceMisuseIsInvalidArgument) {
  auto db = testutil::OpenMemory();
  ASSERT_THAT(db->Execute("CREATE TABLE t (a, b)"), IsOk());
  const struct {
    std::string sql;
    std::vector<Value> params;
    std::string message;
  } cases[] = {
      {"INSERT INTO t VALUES (?, ?)",
       {std::int64_t{1}},
       "the statement takes 2 parameters, 1 given, in \"INSERT INTO t VALUES (?, ?)\""},
      {"INSERT INTO t VALUES (1, 2)",
       {std::int64_t{1}},
       "the statement takes 0 parameters, 1 given, in \"INSERT INTO t VALUES (1, 2)\""},
      {"", {}, "empty SQL statement"},
      {"  -- only a comment\n", {}, "empty SQL statement"},
      {"INSERT INTO t VALUES (1, 2); DELETE FROM t",
       {},
       "Execute and Query take one SQL statement, found more (use ExecScript) in \"INSERT INTO t VALUES (1, "
       "2); "
       "DELETE FROM t\""},
  };
  for (const auto& c : cases) {
    auto result = db->Execute(c.sql, c.params);
    ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)) << c.sql;
    EXPECT_EQ(result.error().message(), c.message);
  }
  EXPECT_EQ(Count(*db, "t"), 0);  // the first statement of the two was not run
}

TEST(SqliteStatements, TrailingSemicolonAndCommentAreOneStatement) {
  auto db = testutil::OpenMemory();
  ASSERT_THAT(db->Execute("CREATE TABLE t (a);  -- the table\n"), IsOk());
  EXPECT_EQ(Count(*db, "t"), 0);
}

TEST(SqliteStatements, ExecuteCountsDirectlyChangedRowsOnly) {
  auto db = testutil::OpenMemory();
  ASSERT_THAT(db->ExecScript(R"sql(
    CREATE TABLE t (x);
    CREATE TABLE log (x);
    CREATE TRIGGER t_log AFTER UPDATE ON t BEGIN INSERT INTO log VALUES (new.x); INSERT INTO log VALUES (new.x); END;
  )sql"),
              IsOk());
  EXPECT_EQ(db->Execute("INSERT INTO t VALUES (1), (2), (3)"), 3);
  EXPECT_EQ(db->Execute("UPDATE t SET x = x + 10 WHERE x >= ?", {std::int64_t{2}}), 2);
  EXPECT_EQ(Count(*db, "log"), 4);
  EXPECT_EQ(db->Execute("UPDATE t SET x = 0 WHERE x > 100"), 0);
  EXPECT_EQ(db->Execute("CREATE TABLE u (y)"), 0);
  EXPECT_EQ(db->Execute("SELECT * FROM t"), 0);
  EXPECT_EQ(db->Execute("DELETE FROM t"), 3);
}

TEST(SqliteStatements, ExecScriptStopsAtTheFailingStatementAndNamesIt) {
  auto db = testutil::OpenMemory();
  auto result = db->ExecScript("CREATE TABLE a (x); CREATE TABLE b (x; CREATE TABLE c (x);");
  ASSERT_THAT(result, FailsWith(ErrorCode::kInternal));
  EXPECT_THAT(result.error().message(), HasSubstr("syntax error"));
  EXPECT_THAT(result.error().message(), HasSubstr("CREATE TABLE b (x;"));
  EXPECT_EQ(Count(*db, "a"), 0);
  EXPECT_THAT(db->Query("SELECT * FROM c"), FailsWith(ErrorCode::kInternal));
  EXPECT_THAT(db->ExecScript(""), IsOk());
  EXPECT_THAT(db->ExecScript("-- nothing\n"), IsOk());
}

TEST(SqliteStatements, LastInsertIdIsPerThread) {
  auto db = testutil::OpenMemory();
  ASSERT_THAT(db->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x)"), IsOk());
  EXPECT_EQ(db->LastInsertId(), 0);
  ASSERT_THAT(db->Execute("INSERT INTO t (id, x) VALUES (7, 'main')"), IsOk());
  std::int64_t other_before = -1;
  std::int64_t other_after = -1;
  std::thread other([&] {
    other_before = db->LastInsertId();
    EXPECT_THAT(db->Execute("INSERT INTO t (id, x) VALUES (40, 'other')"), IsOk());
    other_after = db->LastInsertId();
  });
  other.join();
  EXPECT_EQ(other_before, 0);
  EXPECT_EQ(other_after, 40);
  EXPECT_EQ(db->LastInsertId(), 7);
  ASSERT_THAT(db->Execute("UPDATE t SET x = 'y'"), IsOk());  // not an insert: unchanged
  EXPECT_EQ(db->LastInsertId(), 7);
}

TEST_F(SqliteFile, BackupIsAReadableCopyWithTheSameRows) {
  ASSERT_THAT(db_->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT, b BLOB)"), IsOk());
  ASSERT_THAT(db_->InTransaction([](Database& tx) -> Result<void> {
    for (int i = 0; i < 2000; ++i) {  // several backup steps' worth of pages
      const std::string text(100, static_cast<char>('a' + i % 26));
      VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO t (x, b) VALUES (?, ?)", {text, Blob(50, 7)}));
    }
    return Ok();
  }),
              IsOk());
  const std::string copy = dir_.File("backup.db");
  ASSERT_THAT(BackupSqlite(*db_, copy), IsOk());
  EXPECT_EQ(ModeOf(copy), 0600u);
  auto restored = testutil::OpenOrDie({.path = copy, .read_only = true});
  ASSERT_NE(restored, nullptr);
  auto original_rows = db_->Query("SELECT id, x, b FROM t ORDER BY id");
  auto copied_rows = restored->Query("SELECT id, x, b FROM t ORDER BY id");
  ASSERT_THAT(original_rows, IsOk());
  ASSERT_THAT(copied_rows, IsOk());
  ASSERT_EQ(copied_rows->size(), 2000u);
  for (std::size_t i = 0; i < copied_rows->size(); ++i) {
    for (std::size_t c = 0; c < 3; ++c) ASSERT_EQ((*copied_rows)[i].at(c), (*original_rows)[i].at(c));
  }
  EXPECT_EQ(Pragma(*restored, "integrity_check"), "ok");
}

TEST_F(SqliteFile, BackupWhileAnotherThreadWritesIsConsistent) {
  ASSERT_THAT(db_->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)"), IsOk());
  ASSERT_THAT(db_->InTransaction([](Database& tx) -> Result<void> {
    for (int i = 0; i < 3000; ++i)
      VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO t (x) VALUES (?)", {std::string(200, 'x')}));
    return Ok();
  }),
              IsOk());
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    // Each transaction adds a pair of rows: a consistent copy holds an even number of them.
    while (!stop) {
      EXPECT_THAT(db_->InTransaction([](Database& tx) -> Result<void> {
        VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO t (x) VALUES ('p')"));
        VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO t (x) VALUES ('p')"));
        return Ok();
      }),
                  IsOk());
    }
  });
  const std::string copy = dir_.File("live.db");
  auto backup = BackupSqlite(*db_, copy);
  stop = true;
  writer.join();
  ASSERT_THAT(backup, IsOk());
  auto restored = testutil::OpenOrDie({.path = copy, .read_only = true});
  ASSERT_NE(restored, nullptr);
  EXPECT_EQ(Pragma(*restored, "integrity_check"), "ok");
  auto pairs = restored->QueryOne("SELECT count(*) FROM t WHERE x = 'p'");
  ASSERT_THAT(pairs, IsOk());
  ASSERT_TRUE(pairs->has_value());
  EXPECT_EQ((*pairs)->Int(0) % 2, 0);
  EXPECT_EQ(Count(*restored, "t") - (*pairs)->Int(0), 3000);
}

TEST_F(SqliteFile, BackupRefusesAnExistingDestination) {
  const std::string copy = dir_.File("exists.db");
  std::ofstream(copy) << "keep me";
  auto result = BackupSqlite(*db_, copy);
  EXPECT_THAT(result, FailsWith(ErrorCode::kAlreadyExists));
  EXPECT_THAT(result.error().message(), HasSubstr("exists.db"));
  std::ifstream in(copy);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "keep me");
}

TEST_F(SqliteFile, BackupIntoAMissingDirectoryFails) {
  EXPECT_THAT(BackupSqlite(*db_, dir_.File("no/such/dir.db")), FailsWith(ErrorCode::kNotFound));
}

TEST(Sqlite, BackupOfAnotherImplementationIsInvalidArgument) {
  class Fake final : public Database {
   public:
    Result<std::int64_t> Execute(std::string_view, std::span<const Value>) override { return 0; }
    Result<std::vector<Row>> Query(std::string_view, std::span<const Value>) override {
      return std::vector<Row>{};
    }
    Result<void> ExecScript(std::string_view) override { return Ok(); }
    std::int64_t LastInsertId() override { return 0; }
    Result<void> InTransaction(const Work& work) override { return work(*this); }
    std::string_view dialect() const override { return "fake"; }
  } fake;
  auto result = BackupSqlite(fake, "/tmp/never-written.db");
  EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(result.error().message(),
            "BackupSqlite needs a database opened with OpenSqlite, not dialect fake");
}

TEST(Sqlite, BackupOfAnInMemoryDatabase) {
  TempDir dir;
  auto db = testutil::OpenMemory();
  ASSERT_THAT(db->Execute("CREATE TABLE t (x)"), IsOk());
  ASSERT_THAT(db->Execute("INSERT INTO t VALUES (?)", {std::string("kept")}), IsOk());
  ASSERT_THAT(BackupSqlite(*db, dir.File("m.db")), IsOk());
  auto copy = testutil::OpenOrDie({.path = dir.File("m.db")});
  ASSERT_NE(copy, nullptr);
  auto row = copy->QueryOne("SELECT x FROM t");
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Text(0), "kept");
}

}  // namespace
}  // namespace vaardig::store
