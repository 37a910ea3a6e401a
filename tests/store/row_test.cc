// Values through SQLite and back, and Row's typed reads (NULLs, wrong types, overflow).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "tests/store/test_util.h"

namespace vaardig::store {
namespace {

using ::testing::ElementsAre;
using testutil::FailsWith;
using testutil::IsOk;

class StoreValues : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testutil::OpenMemory();
    ASSERT_NE(db_, nullptr);
    // No declared type: no affinity, each value keeps its storage class.
    ASSERT_THAT(db_->Execute("CREATE TABLE v (id INTEGER PRIMARY KEY, x)"), IsOk());
  }

  Value Store(const Value& value) {
    auto inserted = db_->Execute("INSERT INTO v (x) VALUES (?)", {value});
    EXPECT_THAT(inserted, IsOk());
    auto row = db_->QueryOne("SELECT x FROM v WHERE id = ?", {db_->LastInsertId()});
    EXPECT_THAT(row, IsOk());
    if (!row || !row->has_value()) return Value("<missing>");
    return (*row)->at(0);
  }

  std::unique_ptr<Database> db_;
};

TEST_F(StoreValues, EveryValueTypeComesBackEqual) {
  const std::string text_with_nul("a\0b\0", 4);
  const Blob blob{0x00, 0xff, 0x00, 0x10};
  for (const Value& v :
       {Value(nullptr), Value(std::int64_t{0}), Value(std::int64_t{-1}),
        Value(std::numeric_limits<std::int64_t>::max()), Value(std::numeric_limits<std::int64_t>::min()),
        Value(0.0), Value(-2.5), Value(1e308), Value(std::numeric_limits<double>::denorm_min()),
        Value(std::numeric_limits<double>::infinity()), Value(std::string("héllo, wereld")),
        Value(text_with_nul), Value(std::string()), Value(blob), Value(Blob{})}) {
    EXPECT_EQ(Store(v), v) << "alternative " << v.index();
  }
}

TEST_F(StoreValues, EmptyTextAndEmptyBlobAreNotNull) {
  EXPECT_TRUE(std::holds_alternative<std::string>(Store(std::string())));
  EXPECT_TRUE(std::holds_alternative<Blob>(Store(Blob{})));
}

TEST_F(StoreValues, NegativeZeroKeepsItsSign) {
  const Value v = Store(-0.0);
  ASSERT_TRUE(std::holds_alternative<double>(v));
  EXPECT_TRUE(std::signbit(std::get<double>(v)));
}

TEST_F(StoreValues, NanParameterIsRefused) {
  auto result = db_->Execute("INSERT INTO v (x) VALUES (?)", {std::numeric_limits<double>::quiet_NaN()});
  EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(result.error().message(), "parameter 1 is NaN");
}

TEST_F(StoreValues, TypedReadsOfStoredValues) {
  ASSERT_THAT(db_->Execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)"), IsOk());
  ASSERT_THAT(db_->Execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                           {std::int64_t{42}, 1.5, std::string("x\0y", 3), Blob{1, 2}, nullptr}),
              IsOk());
  auto row = db_->QueryOne("SELECT i, r, s, b, n FROM t");
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(row->has_value());
  const Row& r = **row;
  EXPECT_EQ(r.size(), 5u);
  EXPECT_THAT(r.columns(), ElementsAre("i", "r", "s", "b", "n"));
  EXPECT_EQ(r.Int("i"), 42);
  EXPECT_EQ(r.Int(0), 42);
  EXPECT_EQ(r.Real("r"), 1.5);
  EXPECT_EQ(r.Text("s"), std::string("x\0y", 3));
  EXPECT_EQ(r.Bytes("b"), (Blob{1, 2}));
  EXPECT_EQ(r.OptInt("i"), 42);
  EXPECT_EQ(r.OptText("s"), std::string("x\0y", 3));
  EXPECT_FALSE(r.IsNull("i"));
  // NULL reads as the type's zero, and as nullopt through the Opt readers.
  EXPECT_TRUE(r.IsNull("n"));
  EXPECT_TRUE(r.IsNull(4));
  EXPECT_EQ(r.Int("n"), 0);
  EXPECT_EQ(r.Real("n"), 0.0);
  EXPECT_EQ(r.Text("n"), "");
  EXPECT_EQ(r.Bytes("n"), Blob{});
  EXPECT_EQ(r.OptInt("n"), std::nullopt);
  EXPECT_EQ(r.OptText("n"), std::nullopt);
  EXPECT_EQ(r.OptInt(4), std::nullopt);
  EXPECT_EQ(r.OptText(4), std::nullopt);
}

TEST(StoreRow, WrongTypeReadsAreDefined) {
  auto columns = std::make_shared<const std::vector<std::string>>(
      std::vector<std::string>{"real", "big", "nan", "text", "blob", "int"});
  const Row r(columns, {Value(-2.9), Value(1e19), Value(std::nan("")), Value(std::string("12")),
                        Value(Blob{'h', 'i'}), Value(std::int64_t{7})});
  EXPECT_EQ(r.Int("real"), -2);  // truncated toward zero
  EXPECT_EQ(r.Int("big"), 0);    // out of int64 range: 0, not UB
  EXPECT_EQ(r.Int("nan"), 0);
  EXPECT_EQ(r.Int("text"), 0);  // text is not parsed
  EXPECT_EQ(r.Real("int"), 7.0);
  EXPECT_EQ(r.Real("text"), 0.0);
  EXPECT_EQ(r.Text("blob"), "hi");
  EXPECT_EQ(r.Text("int"), "");
  EXPECT_EQ(r.Bytes("text"), (Blob{'1', '2'}));
  EXPECT_EQ(r.Bytes("real"), Blob{});
  EXPECT_EQ(r.OptInt("text"), 0);
}

TEST(StoreRow, Int64BoundsOfRealsAreExact) {
  auto columns =
      std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"lo", "hi", "below"});
  const Row r(columns,
              {Value(-9223372036854775808.0), Value(9223372036854775808.0), Value(-9223372036854777856.0)});
  EXPECT_EQ(r.Int("lo"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(r.Int("hi"), 0);     // 2^63 does not fit
  EXPECT_EQ(r.Int("below"), 0);  // the next double below -2^63
}

TEST_F(StoreValues, SqlIntegerOverflowBecomesRealAndReadsAsZero) {
  auto row = db_->QueryOne("SELECT 9223372036854775807 + 1 AS x");
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(row->has_value());
  EXPECT_TRUE(std::holds_alternative<double>((*row)->at(0)));
  EXPECT_EQ((*row)->Int("x"), 0);
}

TEST_F(StoreValues, SumOverflowIsAnErrorNotAWrap) {
  ASSERT_THAT(db_->Execute("INSERT INTO v (x) VALUES (?), (?)",
                           {std::numeric_limits<std::int64_t>::max(), std::int64_t{1}}),
              IsOk());
  auto row = db_->QueryOne("SELECT sum(x) FROM v");
  EXPECT_THAT(row, FailsWith(ErrorCode::kInternal));
  EXPECT_THAT(row.error().message(), ::testing::HasSubstr("integer overflow"));
}

TEST(StoreRow, EmptyRowHasNoColumns) {
  const Row r;
  EXPECT_EQ(r.size(), 0u);
  EXPECT_TRUE(r.columns().empty());
}

TEST(StoreRowDeathTest, OutOfRangeIndexAndUnknownColumnAssertInDebugAndReadAsNull) {
  auto columns = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"a"});
  const Row r(columns, {Value(std::int64_t{1})});
  EXPECT_DEBUG_DEATH({ EXPECT_TRUE(r.IsNull(5)); }, "out of range");
  EXPECT_DEBUG_DEATH({ EXPECT_EQ(r.Int("nope"), 0); }, "unknown column");
}

TEST_F(StoreValues, QueryReturnsAllRowsInOrderWithSharedColumns) {
  for (std::int64_t i = 1; i <= 3; ++i)
    ASSERT_THAT(db_->Execute("INSERT INTO v (x) VALUES (?)", {i * 10}), IsOk());
  auto rows = db_->Query("SELECT id, x FROM v WHERE x >= ? ORDER BY id", {std::int64_t{20}});
  ASSERT_THAT(rows, IsOk());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Int("x"), 20);
  EXPECT_EQ((*rows)[1].Int("x"), 30);
  EXPECT_EQ(&(*rows)[0].columns(), &(*rows)[1].columns());
}

TEST_F(StoreValues, QueryOneGivesNulloptForNoRowAndInternalForTwo) {
  auto none = db_->QueryOne("SELECT x FROM v WHERE id = ?", {std::int64_t{99}});
  ASSERT_THAT(none, IsOk());
  EXPECT_FALSE(none->has_value());
  ASSERT_THAT(db_->Execute("INSERT INTO v (x) VALUES (1), (2)"), IsOk());
  auto two = db_->QueryOne("SELECT x FROM v");
  EXPECT_THAT(two, FailsWith(ErrorCode::kInternal));
  EXPECT_EQ(two.error().message(), "QueryOne: the statement returned 2 rows, expected at most one");
}

TEST_F(StoreValues, InsertReturningGivesTheId) {
  auto row = db_->QueryOne("INSERT INTO v (x) VALUES (?) RETURNING id", {std::string("r")});
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int("id"), db_->LastInsertId());
  EXPECT_GT((*row)->Int("id"), 0);
}

}  // namespace
}  // namespace vaardig::store
