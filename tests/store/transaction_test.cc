// InTransaction: commit, rollback on failure and on throw, nesting, and many threads at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/store/internal/sqlite_database.h"
#include "tests/store/test_util.h"

namespace vaardig::store {
namespace {

using ::testing::ElementsAre;
using testutil::FailsWith;
using testutil::IsOk;
using testutil::TempDir;

std::vector<std::string> Names(Database& db) {
  auto rows = db.Query("SELECT name FROM t ORDER BY name");
  EXPECT_THAT(rows, IsOk());
  std::vector<std::string> names;
  if (rows) {
    for (const Row& r : *rows) names.push_back(r.Text(0));
  }
  return names;
}

class StoreTransactions : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("tx.db");
    db_ = testutil::OpenOrDie({.path = path_});
    ASSERT_NE(db_, nullptr);
    ASSERT_THAT(db_->Execute("CREATE TABLE t (name TEXT PRIMARY KEY)"), IsOk());
    ASSERT_THAT(db_->Execute("INSERT INTO t VALUES ('before')"), IsOk());
  }
  Result<void> Insert(Database& db, const std::string& name) {
    VAARDIG_RETURN_IF_ERROR(db.Execute("INSERT INTO t VALUES (?)", {name}));
    return Ok();
  }
  TempDir dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

TEST_F(StoreTransactions, SuccessfulWorkIsCommitted) {
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "a"));
    return Insert(tx, "b");
  }),
              IsOk());
  EXPECT_THAT(Names(*db_), ElementsAre("a", "b", "before"));
  // Visible to another connection: really committed.
  auto other = testutil::OpenOrDie({.path = path_});
  ASSERT_NE(other, nullptr);
  EXPECT_THAT(Names(*other), ElementsAre("a", "b", "before"));
}

TEST_F(StoreTransactions, FailingWorkLeavesNoPartialWrite) {
  auto result = db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "a"));
    VAARDIG_RETURN_IF_ERROR(tx.Execute("DELETE FROM t WHERE name = 'before'"));
    return Fail(ErrorCode::kPermissionDenied, "not allowed");
  });
  EXPECT_THAT(result, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_EQ(result.error().message(), "not allowed");
  EXPECT_THAT(Names(*db_), ElementsAre("before"));
}

TEST_F(StoreTransactions, FailingStatementRollsBackEarlierWrites) {
  auto result = db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "a"));
    return Insert(tx, "before");  // primary key taken
  });
  EXPECT_THAT(result, FailsWith(ErrorCode::kAlreadyExists));
  EXPECT_THAT(Names(*db_), ElementsAre("before"));
}

TEST_F(StoreTransactions, ThrowingWorkRollsBackAndBecomesInternal) {
  auto result = db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "a"));
    throw std::runtime_error("secret detail");
  });
  ASSERT_THAT(result, FailsWith(ErrorCode::kInternal));
  EXPECT_EQ(result.error().message(), "the transaction's work threw an exception; rolled back");
  EXPECT_THAT(Names(*db_), ElementsAre("before"));
  // The connection is usable afterwards.
  EXPECT_THAT(db_->InTransaction([&](Database& tx) { return Insert(tx, "c"); }), IsOk());
  EXPECT_THAT(Names(*db_), ElementsAre("before", "c"));
}

TEST_F(StoreTransactions, NestedCallsJoinTheOuterTransaction) {
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "outer"));
    // Through the Database& given and through the original object: same thread, no deadlock.
    VAARDIG_RETURN_IF_ERROR(tx.InTransaction([&](Database& inner) { return Insert(inner, "inner"); }));
    return db_->InTransaction([&](Database& inner) { return Insert(inner, "inner2"); });
  }),
              IsOk());
  EXPECT_THAT(Names(*db_), ElementsAre("before", "inner", "inner2", "outer"));
}

TEST_F(StoreTransactions, OuterFailureUndoesSucceededNestedWork) {
  auto result = db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(tx.InTransaction([&](Database& inner) { return Insert(inner, "inner"); }));
    return Fail(ErrorCode::kAborted, "changed my mind");
  });
  EXPECT_THAT(result, FailsWith(ErrorCode::kAborted));
  EXPECT_THAT(Names(*db_), ElementsAre("before"));
}

TEST_F(StoreTransactions, FailedNestedWorkUndoesOnlyItsOwnWrites) {
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "outer"));
    auto nested = tx.InTransaction([&](Database& inner) -> Result<void> {
      VAARDIG_RETURN_IF_ERROR(Insert(inner, "inner"));
      return Fail(ErrorCode::kFailedPrecondition, "nested failed");
    });
    EXPECT_THAT(nested, FailsWith(ErrorCode::kFailedPrecondition));
    return Insert(tx, "after");  // the outer work handles the failure and goes on
  }),
              IsOk());
  EXPECT_THAT(Names(*db_), ElementsAre("after", "before", "outer"));
}

TEST_F(StoreTransactions, OtherThreadsWaitUntilTheTransactionEnds) {
  std::latch inside(1);
  std::atomic<bool> other_done{false};
  std::thread other;
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "first"));
    other = std::thread([&] {
      inside.wait();
      EXPECT_THAT(db_->Execute("INSERT INTO t VALUES ('second')"), IsOk());
      other_done = true;
    });
    inside.count_down();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(other_done.load()) << "another thread wrote inside this transaction";
    EXPECT_THAT(Names(tx), ElementsAre("before", "first"));
    return Ok();
  }),
              IsOk());
  other.join();
  EXPECT_TRUE(other_done.load());
  EXPECT_THAT(Names(*db_), ElementsAre("before", "first", "second"));
}

internal::SqliteDatabase::GroupStats Stats(Database& db) {
  auto* sqlite = dynamic_cast<internal::SqliteDatabase*>(&db);
  EXPECT_NE(sqlite, nullptr);
  return sqlite != nullptr ? sqlite->group_stats() : internal::SqliteDatabase::GroupStats{};
}

// Waits (up to 10 s) until a thread is queued for the writer of `db`.
void UntilAWriterWaits(Database& db) {
  auto* sqlite = dynamic_cast<internal::SqliteDatabase*>(&db);
  ASSERT_NE(sqlite, nullptr);
  for (int i = 0; i < 10000 && sqlite->waiting_writers() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_GT(sqlite->waiting_writers(), 0) << "no writer queued";
}

// Group commit: a transaction that queued while another's work ran is committed with it, in one
// commit; both callers return only after that commit.
TEST_F(StoreTransactions, QueuedTransactionsShareOneCommit) {
  const auto before = Stats(*db_);
  auto observer = testutil::OpenOrDie({.path = path_});  // another connection, as another process
  ASSERT_NE(observer, nullptr);
  std::thread other;
  Result<void> other_result;
  std::vector<std::string> seen_by_other;
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "first"));
    other = std::thread([&] {
      other_result = db_->InTransaction([&](Database& tx2) -> Result<void> {
        // Slow: the first caller must still be waiting for the commit when this ends.
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        return Insert(tx2, "second");
      });
      seen_by_other = Names(*observer);
    });
    UntilAWriterWaits(*db_);
    return Ok();
  }),
              IsOk());
  // Returned: so committed, with the queued work's writes.
  EXPECT_THAT(Names(*observer), ElementsAre("before", "first", "second"));
  other.join();
  ASSERT_THAT(other_result, IsOk());
  EXPECT_THAT(seen_by_other, ElementsAre("before", "first", "second"));
  const auto after = Stats(*db_);
  EXPECT_EQ(after.commits - before.commits, 1);
  EXPECT_EQ(after.transactions - before.transactions, 2);
}

// A work that fails inside a group undoes only its own writes; the others of the group commit.
TEST_F(StoreTransactions, AFailingWorkInAGroupUndoesOnlyItsOwnWrites) {
  const auto before = Stats(*db_);
  std::thread other;
  Result<void> other_result;
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "kept"));
    other = std::thread([&] {
      other_result = db_->InTransaction([&](Database& tx2) -> Result<void> {
        VAARDIG_RETURN_IF_ERROR(Insert(tx2, "undone"));
        return Fail(ErrorCode::kFailedPrecondition, "changed my mind");
      });
    });
    UntilAWriterWaits(*db_);
    return Ok();
  }),
              IsOk());
  other.join();
  EXPECT_THAT(other_result, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(Names(*db_), ElementsAre("before", "kept"));
  // One commit, holding the first work only.
  const auto after = Stats(*db_);
  EXPECT_EQ(after.commits - before.commits, 1);
  EXPECT_EQ(after.transactions - before.transactions, 1);
  // A constraint violation in a grouped work is its own error too.
  Result<void> duplicate;
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "third"));
    other = std::thread([&] { duplicate = db_->InTransaction([&](Database& tx2) { return Insert(tx2, "kept"); }); });
    UntilAWriterWaits(*db_);
    return Ok();
  }),
              IsOk());
  other.join();
  EXPECT_THAT(duplicate, FailsWith(ErrorCode::kAlreadyExists));
  EXPECT_THAT(Names(*db_), ElementsAre("before", "kept", "third"));
}

// Failing works count toward a group's end: a stream of them cannot keep an earlier caller
// waiting for its commit.
TEST_F(StoreTransactions, FailingWorksDoNotKeepAGroupOpen) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> failing;
  for (int t = 0; t < 3; ++t) {
    failing.emplace_back([&] {
      while (!stop.load()) {
        (void)db_->InTransaction([](Database&) -> Result<void> { return Fail(ErrorCode::kInvalidArgument, "no"); });
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    EXPECT_THAT(db_->InTransaction([&](Database& tx) { return Insert(tx, "kept " + std::to_string(i)); }), IsOk());
  }
  stop = true;
  for (auto& t : failing) t.join();
  EXPECT_EQ(Names(*db_).size(), 21U);
}

// Backup from inside a work would commit the work half-way: refused.
TEST_F(StoreTransactions, BackupFromInsideAWorkIsRefused) {
  Result<void> backup;
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "inside"));
    backup = BackupSqlite(*db_, dir_.File("copy.db"));
    return Ok();
  }),
              IsOk());
  EXPECT_THAT(backup, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_FALSE(std::filesystem::exists(dir_.File("copy.db")));
  EXPECT_THAT(Names(*db_), ElementsAre("before", "inside"));
}

// Reads outside a transaction go to a reader connection: they do not wait for a running work and
// see only what is committed. Statements that write still go to the writer, in their turn.
TEST_F(StoreTransactions, ReadsOutsideATransactionSeeTheLastCommitWithoutWaiting) {
  std::vector<std::string> seen;
  ASSERT_THAT(db_->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(Insert(tx, "uncommitted"));
    std::thread([&] { seen = Names(*db_); }).join();  // would deadlock if reads waited for the writer
    EXPECT_THAT(Names(tx), ElementsAre("before", "uncommitted"));
    return Ok();
  }),
              IsOk());
  EXPECT_THAT(seen, ElementsAre("before"));
  EXPECT_THAT(Names(*db_), ElementsAre("before", "uncommitted"));
  auto returned = db_->Query("INSERT INTO t VALUES ('returning') RETURNING name");
  ASSERT_THAT(returned, IsOk());
  ASSERT_EQ(returned->size(), 1U);
  EXPECT_EQ((*returned)[0].Text(0), "returning");
  auto with = db_->Query("WITH n(x) AS (SELECT 'with') INSERT INTO t SELECT x FROM n RETURNING name");
  ASSERT_THAT(with, IsOk());
  EXPECT_THAT(Names(*db_), ElementsAre("before", "returning", "uncommitted", "with"));
  EXPECT_THAT(db_->Query("SELECT nope FROM t"), FailsWith(ErrorCode::kInternal));
}

// Many threads, durable commits: exact counts, each caller sees its own write as soon as it
// returns (from a reader, i.e. committed), and fewer commits than transactions under load.
TEST(StoreConcurrency, GroupCommitKeepsEveryIncrementDurable) {
  TempDir dir;
  auto db = testutil::OpenOrDie({.path = dir.File("g.db")});
  ASSERT_NE(db, nullptr);
  ASSERT_THAT(db->ExecScript("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
                             "INSERT INTO counter VALUES (1, 0);"),
              IsOk());
  const auto before = Stats(*db);
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        std::int64_t written = 0;
        auto result = db->InTransaction([&](Database& tx) -> Result<void> {
          VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT n FROM counter WHERE id = 1"));
          written = row ? row->Int("n") + 1 : 0;
          VAARDIG_RETURN_IF_ERROR(tx.Execute("UPDATE counter SET n = ? WHERE id = 1", {written}));
          return Ok();
        });
        if (!result) ++failures;
        auto row = db->QueryOne("SELECT n FROM counter WHERE id = 1");
        if (!row || !*row || (*row)->Int(0) < written) ++failures;
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures.load(), 0);
  const auto after = Stats(*db);
  EXPECT_EQ(after.transactions - before.transactions, 800);
  EXPECT_LT(after.commits - before.commits, 800);
  db.reset();
  auto reopened = testutil::OpenOrDie({.path = dir.File("g.db")});
  ASSERT_NE(reopened, nullptr);
  auto row = reopened->QueryOne("SELECT n FROM counter");
  ASSERT_THAT(row, IsOk());
  EXPECT_EQ((*row)->Int("n"), 800);
}

Result<void> Increment(Database& tx) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT n FROM counter WHERE id = 1"));
  if (!row) return Fail(ErrorCode::kNotFound, "no counter");
  VAARDIG_RETURN_IF_ERROR(tx.Execute("UPDATE counter SET n = ? WHERE id = 1", {row->Int("n") + 1}));
  return Ok();
}

void RunCounters(std::vector<Database*> dbs, int threads, int increments) {
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int t = 0; t < threads; ++t) {
    Database* db = dbs[static_cast<std::size_t>(t) % dbs.size()];
    workers.emplace_back([db, increments, &failures] {
      for (int i = 0; i < increments; ++i) {
        auto result = db->InTransaction(Increment);  // read-modify-write: lost updates if not serialised
        if (!result) {
          ADD_FAILURE() << result.error();
          ++failures;
          return;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(StoreConcurrency, EightThreadsIncrementExactly) {
  TempDir dir;
  // NORMAL keeps 8000 commits quick; FULL differs only in fsyncs.
  auto db = testutil::OpenOrDie({.path = dir.File("c.db"), .synchronous_full = false});
  ASSERT_NE(db, nullptr);
  ASSERT_THAT(db->ExecScript("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
                             "INSERT INTO counter VALUES (1, 0);"),
              IsOk());
  RunCounters({db.get()}, 8, 1000);
  auto row = db->QueryOne("SELECT n FROM counter");
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int("n"), 8000);
}

TEST(StoreConcurrency, TwoConnectionsToOneFileSerialiseThroughTheBusyTimeout) {
  TempDir dir;
  const SqliteOptions options{.path = dir.File("c2.db"), .busy_timeout_ms = 20000, .synchronous_full = false};
  auto a = testutil::OpenOrDie(options);
  auto b = testutil::OpenOrDie(options);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  ASSERT_THAT(a->ExecScript("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
                            "INSERT INTO counter VALUES (1, 0);"),
              IsOk());
  RunCounters({a.get(), b.get()}, 4, 250);
  auto row = b->QueryOne("SELECT n FROM counter");
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int("n"), 1000);
}

TEST(StoreConcurrency, WriteLockHeldElsewhereGivesUnavailableAfterTheTimeout) {
  TempDir dir;
  auto holder = testutil::OpenOrDie({.path = dir.File("busy.db")});
  auto waiter = testutil::OpenOrDie({.path = dir.File("busy.db"), .busy_timeout_ms = 50});
  ASSERT_NE(holder, nullptr);
  ASSERT_NE(waiter, nullptr);
  ASSERT_THAT(holder->Execute("CREATE TABLE t (x)"), IsOk());
  Result<void> waited;
  ASSERT_THAT(holder->InTransaction([&](Database& tx) -> Result<void> {
    VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO t VALUES (1)"));
    std::thread([&] { waited = waiter->InTransaction([](Database&) { return Ok(); }); }).join();
    return Ok();
  }),
              IsOk());
  ASSERT_THAT(waited, FailsWith(ErrorCode::kUnavailable));
  EXPECT_THAT(waited.error().message(), ::testing::HasSubstr("database is locked"));
  auto writes = waiter->Execute("INSERT INTO t VALUES (2)");  // the lock is free again
  EXPECT_THAT(writes, IsOk());
}

}  // namespace
}  // namespace vaardig::store
