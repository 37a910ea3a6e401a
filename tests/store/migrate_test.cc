// Migrate: fresh databases, re-runs, failures, and databases that do not belong to the program.
#include "core/store/migrate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <thread>

#include "tests/store/test_util.h"

namespace vaardig::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testutil::FailsWith;
using testutil::IsOk;

const Migration kV1{1, "people", "CREATE TABLE person (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);"};
const Migration kV2{
    2, "skills",
    "CREATE TABLE skill (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES person(id));"
    "CREATE INDEX skill_person ON skill(person_id);"};
const Migration kV3{3, "skill-level", "ALTER TABLE skill ADD COLUMN level INTEGER NOT NULL DEFAULT 1;"};

bool TableExists(Database& db, const std::string& name) {
  auto row = db.QueryOne("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", {name});
  EXPECT_THAT(row, IsOk());
  return row && row->has_value() && (*row)->Int(0) == 1;
}

std::vector<int> Recorded(Database& db) {
  auto rows = db.Query("SELECT version FROM schema_migrations ORDER BY version");
  EXPECT_THAT(rows, IsOk());
  std::vector<int> versions;
  if (rows) {
    for (const Row& r : *rows) versions.push_back(static_cast<int>(r.Int(0)));
  }
  return versions;
}

class StoreMigrate : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testutil::OpenMemory();
    ASSERT_NE(db_, nullptr);
  }
  std::unique_ptr<Database> db_;
};

TEST_F(StoreMigrate, FreshDatabaseGetsEveryMigrationInOrder) {
  const Migration all[] = {kV1, kV2, kV3};
  auto applied = Migrate(*db_, all);
  ASSERT_THAT(applied, IsOk());
  EXPECT_THAT(*applied, ElementsAre(1, 2, 3));
  EXPECT_TRUE(TableExists(*db_, "person"));
  EXPECT_TRUE(TableExists(*db_, "skill"));
  auto rows = db_->Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_THAT(rows, IsOk());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].Text("name"), "people");
  EXPECT_EQ((*rows)[2].Text("name"), "skill-level");
  EXPECT_TRUE(
      std::regex_match((*rows)[1].Text("applied_at"), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << (*rows)[1].Text("applied_at");
  // The migrated schema works, foreign keys included.
  EXPECT_THAT(db_->Execute("INSERT INTO skill (person_id) VALUES (5)"),
              FailsWith(ErrorCode::kFailedPrecondition));
}

TEST_F(StoreMigrate, ReRunIsANoOp) {
  const Migration all[] = {kV1, kV2, kV3};
  ASSERT_THAT(Migrate(*db_, all), IsOk());
  ASSERT_THAT(db_->Execute("INSERT INTO person (email) VALUES ('a@example.nl')"), IsOk());
  auto again = Migrate(*db_, all);
  ASSERT_THAT(again, IsOk());
  EXPECT_THAT(*again, IsEmpty());
  EXPECT_THAT(Recorded(*db_), ElementsAre(1, 2, 3));
  auto rows = db_->Query("SELECT * FROM person");
  ASSERT_THAT(rows, IsOk());
  EXPECT_EQ(rows->size(), 1u);
}

TEST_F(StoreMigrate, OnlyNewerMigrationsAreApplied) {
  const Migration first[] = {kV1, kV2};
  ASSERT_THAT(Migrate(*db_, first), IsOk());
  const Migration all[] = {kV1, kV2, kV3};
  auto applied = Migrate(*db_, all);
  ASSERT_THAT(applied, IsOk());
  EXPECT_THAT(*applied, ElementsAre(3));
}

TEST_F(StoreMigrate, FailingMigrationRollsBackAndKeepsTheVersion) {
  const Migration first[] = {kV1, kV2};
  ASSERT_THAT(Migrate(*db_, first), IsOk());
  const Migration broken{3, "broken",
                         "CREATE TABLE half_done (x); INSERT INTO half_done VALUES (1); SELEC oops;"};
  const Migration with_broken[] = {kV1, kV2, broken, {4, "later", "CREATE TABLE later (x);"}};
  auto applied = Migrate(*db_, with_broken);
  ASSERT_THAT(applied, FailsWith(ErrorCode::kInternal));
  EXPECT_THAT(applied.error().message(), HasSubstr("migration 3 'broken': near \"SELEC\": syntax error"));
  EXPECT_FALSE(TableExists(*db_, "half_done"));
  EXPECT_FALSE(TableExists(*db_, "later"));
  EXPECT_THAT(Recorded(*db_), ElementsAre(1, 2));
  // Fixed, it goes through.
  const Migration fixed[] = {kV1, kV2, {3, "broken", "CREATE TABLE half_done (x);"}};
  auto retried = Migrate(*db_, fixed);
  ASSERT_THAT(retried, IsOk());
  EXPECT_THAT(*retried, ElementsAre(3));
}

TEST_F(StoreMigrate, EarlierMigrationsStayWhenALaterOneFails) {
  const Migration list[] = {kV1, {2, "bad", "CREATE TABLE person (x);"}};  // person exists already
  auto applied = Migrate(*db_, list);
  ASSERT_THAT(applied, FailsWith(ErrorCode::kInternal));
  EXPECT_THAT(applied.error().message(), HasSubstr("table person already exists"));
  EXPECT_THAT(Recorded(*db_), ElementsAre(1));
}

TEST_F(StoreMigrate, NewerDatabaseIsRefused) {
  const Migration all[] = {kV1, kV2, kV3};
  ASSERT_THAT(Migrate(*db_, all), IsOk());
  const Migration older[] = {kV1, kV2};
  auto applied = Migrate(*db_, older);
  ASSERT_THAT(applied, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(applied.error().message(),
            "the database schema is at version 3, newer than this program's newest migration 2; run a newer "
            "program or restore an older backup");
}

TEST_F(StoreMigrate, NameMismatchMeansTheWrongDatabase) {
  const Migration ours[] = {kV1, kV2};
  ASSERT_THAT(Migrate(*db_, ours), IsOk());
  const Migration theirs[] = {kV1, {2, "wallet-vault", "CREATE TABLE vault (x);"}, kV3};
  auto applied = Migrate(*db_, theirs);
  ASSERT_THAT(applied, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(applied.error().message(),
            "the database records migration 2 as 'skills' but this program calls it 'wallet-vault': wrong "
            "database?");
  EXPECT_FALSE(TableExists(*db_, "vault"));
  EXPECT_THAT(Recorded(*db_), ElementsAre(1, 2));
}

TEST_F(StoreMigrate, RecordedVersionUnknownToTheProgramIsRefused) {
  const Migration ours[] = {kV1, {3, "three", "CREATE TABLE three (x);"}};
  ASSERT_THAT(Migrate(*db_, ours), IsOk());
  const Migration other[] = {kV1, kV2, {4, "four", "CREATE TABLE four (x);"}};
  auto applied = Migrate(*db_, other);
  ASSERT_THAT(applied, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(applied.error().message(),
            "the database records migration 3 'three', which this program does not have");
}

TEST_F(StoreMigrate, MissingOlderMigrationIsRefused) {
  const Migration skipping[] = {kV1, {3, "three", "CREATE TABLE three (x);"}};
  ASSERT_THAT(Migrate(*db_, skipping), IsOk());
  const Migration full[] = {kV1, kV2, {3, "three", "CREATE TABLE three (x);"}};
  auto applied = Migrate(*db_, full);
  ASSERT_THAT(applied, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(applied.error().message(), "the database is at version 3 but lacks migration 2 'skills'");
}

TEST_F(StoreMigrate, BadMigrationListsAreInvalidArgument) {
  const struct {
    std::vector<Migration> list;
    std::string message;
  } cases[] = {
      {{}, "Migrate: no migrations given"},
      {{{0, "zero", "SELECT 1;"}},
       "Migrate: migration versions must be positive and strictly increasing; 0 follows 0"},
      {{kV2, kV1}, "Migrate: migration versions must be positive and strictly increasing; 1 follows 2"},
      {{kV1, kV1}, "Migrate: migration versions must be positive and strictly increasing; 1 follows 1"},
      {{{1, "", "SELECT 1;"}}, "Migrate: migration 1 has no name"},
  };
  for (const auto& c : cases) {
    auto applied = Migrate(*db_, c.list);
    ASSERT_THAT(applied, FailsWith(ErrorCode::kInvalidArgument)) << c.message;
    EXPECT_EQ(applied.error().message(), c.message);
  }
  EXPECT_FALSE(TableExists(*db_, "schema_migrations"));
}

TEST(StoreMigrateFile, FileDatabaseKeepsItsVersionAcrossOpens) {
  testutil::TempDir dir;
  const Migration all[] = {kV1, kV2};
  {
    auto db = testutil::OpenOrDie({.path = dir.File("m.db")});
    ASSERT_NE(db, nullptr);
    ASSERT_THAT(Migrate(*db, all), IsOk());
  }
  auto db = testutil::OpenOrDie({.path = dir.File("m.db")});
  ASSERT_NE(db, nullptr);
  auto applied = Migrate(*db, all);
  ASSERT_THAT(applied, IsOk());
  EXPECT_THAT(*applied, IsEmpty());
}

TEST(StoreMigrateFile, TwoProcessesMigratingAtOnceApplyEachMigrationOnce) {
  testutil::TempDir dir;
  const Migration all[] = {kV1, kV2, kV3};
  auto a = testutil::OpenOrDie({.path = dir.File("race.db")});
  auto b = testutil::OpenOrDie({.path = dir.File("race.db")});
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  Result<std::vector<int>> from_a, from_b;
  std::thread ta([&] { from_a = Migrate(*a, all); });
  std::thread tb([&] { from_b = Migrate(*b, all); });
  ta.join();
  tb.join();
  ASSERT_THAT(from_a, IsOk());
  ASSERT_THAT(from_b, IsOk());
  std::vector<int> both = *from_a;
  both.insert(both.end(), from_b->begin(), from_b->end());
  std::sort(both.begin(), both.end());
  EXPECT_THAT(both, ElementsAre(1, 2, 3));
  EXPECT_THAT(Recorded(*a), ElementsAre(1, 2, 3));
}

}  // namespace
}  // namespace vaardig::store
