// Matchers, a scratch directory and a vault store on a temp-file SQLite database for the wallet
// tests. Argon2id runs with libsodium's minimum parameters to keep the tests fast; one test uses
// the interactive ones.
#pragma once

#include <gmock/gmock.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/store/sqlite.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet::testutil {

// EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)); prints the error on mismatch.
MATCHER_P(FailsWith, code, "fails with " + std::string(ErrorCodeName(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code;
}

// FailsWithMessage(code, "substring").
MATCHER_P2(FailsWithMessage, code, text, "fails with " + std::string(ErrorCodeName(code)) + " mentioning " + text) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code && arg.error().message().find(text) != std::string::npos;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) *result_listener << arg.error();
  return arg.has_value();
}

inline constexpr std::int64_t kNow = 1795000000;
inline constexpr std::string_view kPassphrase = "paardenbloem-op-het-dak";
inline constexpr std::string_view kBackupPassphrase = "reservekopie-2026-november";

// A fresh directory under /tmp, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vaardig-wallet-XXXXXX").string();
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
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A database file in its own temp dir, a fixed clock and a VaultStore over them.
struct WalletFixture {
  explicit WalletFixture(crypto::Argon2idParams kdf = crypto::Argon2idParams::Minimum()) {
    auto opened = store::OpenSqlite(store::SqliteOptions{.path = dir.File("wallet.db")});
    EXPECT_TRUE(opened.has_value()) << (opened ? "" : opened.error().ToString());
    if (opened) db = std::move(*opened);
    auto made = VaultStore::Open(*db, clock, VaultOptions{.kdf = kdf, .handle_key = {}});
    EXPECT_TRUE(made.has_value()) << (made ? "" : made.error().ToString());
    if (made) vaults.emplace(std::move(*made));
  }

  // Creates a vault and unlocks it.
  std::pair<NewVault, UnlockedVault> NewUnlocked(std::string_view handle = "anouk",
                                                 std::string_view passphrase = kPassphrase) {
    auto created = vaults->CreateVault(handle, passphrase);
    EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().ToString());
    auto unlocked = vaults->Unlock(handle, passphrase);
    EXPECT_TRUE(unlocked.has_value()) << (unlocked ? "" : unlocked.error().ToString());
    return {std::move(*created), std::move(*unlocked)};
  }

  std::int64_t Count(std::string_view sql) {
    auto row = db->QueryOne(sql);
    return row && *row ? (*row)->Int(0) : -1;
  }

  TempDir dir;
  FixedClock clock{kNow};
  std::unique_ptr<store::Database> db;
  std::optional<VaultStore> vaults;
};

}  // namespace vaardig::wallet::testutil
