// InTransaction: commit, rollback on failure and on throw, nesting, and many threads at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

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
