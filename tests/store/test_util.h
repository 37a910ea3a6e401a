// Matchers and a scratch directory shared by the store tests.
#pragma once

#include <gmock/gmock.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/sqlite.h"

namespace vaardig::store::testutil {

// EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)); prints the error on mismatch.
MATCHER_P(FailsWith, code, "fails with " + std::string(ErrorCodeName(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) *result_listener << arg.error();
  return arg.has_value();
}

// A fresh directory under /tmp, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vaardig-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed";
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::unique_ptr<Database> OpenOrDie(const SqliteOptions& options) {
  auto db = OpenSqlite(options);
  EXPECT_TRUE(db.has_value()) << (db ? std::string() : db.error().ToString());
  return db ? std::move(*db) : nullptr;
}

inline std::unique_ptr<Database> OpenMemory() { return OpenOrDie(SqliteOptions{.path = ":memory:"}); }

}  // namespace vaardig::store::testutil
