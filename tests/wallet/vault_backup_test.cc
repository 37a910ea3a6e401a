// Backups: export, import into an existing vault, restore into a new one; damaged, truncated and
// wrongly opened files change nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/wallet/test_util.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {
namespace {

using testutil::FailsWith;
using testutil::FailsWithMessage;
using testutil::IsOk;
using testutil::kBackupPassphrase;
using testutil::kPassphrase;
using testutil::WalletFixture;
using ::testing::SizeIs;

constexpr std::size_t kHeaderSize = 46;

struct Exported {
  std::vector<std::string> ids;
  Bytes file;
};

Exported ExportThree(WalletFixture& w, UnlockedVault& vault) {
  Exported out;
  for (const char* skill : {"klantgesprek voeren", "archiveren", "snoeien"}) {
    auto id = vault.Put(RecordKind::kCredential, Json{{"skill", skill}});
    EXPECT_TRUE(id.has_value());
    out.ids.push_back(id.value_or(""));
    w.clock.Advance(10);
  }
  auto file = vault.ExportBackup(kBackupPassphrase);
  EXPECT_TRUE(file.has_value()) << (file ? "" : file.error().ToString());
  out.file = file.value_or(Bytes{});
  return out;
}

TEST(VaultBackup, RestoresIntoAFreshDatabase) {
  WalletFixture source;
  auto [created, vault] = source.NewUnlocked();
  const Exported backup = ExportThree(source, vault);
  ASSERT_GT(backup.file.size(), kHeaderSize);
  EXPECT_EQ(std::string(backup.file.begin(), backup.file.begin() + 8), "VDGWBKUP");

  WalletFixture target;
  auto restored = target.vaults->RestoreBackup("anouk-nieuw", "nieuwe-telefoon-wachtzin", backup.file,
                                               kBackupPassphrase);
  ASSERT_THAT(restored, IsOk());
  EXPECT_EQ(restored->imported.added, 3u);
  EXPECT_FALSE(restored->vault.recovery_code.empty());
  auto reopened = target.vaults->Unlock("anouk-nieuw", "nieuwe-telefoon-wachtzin");
  ASSERT_THAT(reopened, IsOk());
  auto original = vault.List();
  auto copy = reopened->List();
  ASSERT_THAT(original, IsOk());
  ASSERT_THAT(copy, IsOk());
  ASSERT_THAT(copy->records, SizeIs(3));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(copy->records[i].id, original->records[i].id);
    EXPECT_EQ(copy->records[i].kind, original->records[i].kind);
    EXPECT_EQ(copy->records[i].created_at, original->records[i].created_at);
    EXPECT_EQ(copy->records[i].content, original->records[i].content);
  }
}

TEST(VaultBackup, ImportIntoAnExistingVaultKeepsWhatIsThere) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  const Exported backup = ExportThree(w, vault);
  ASSERT_THAT(vault.Replace(backup.ids[0], Json{{"skill", "nieuwer"}}), IsOk());
  ASSERT_THAT(vault.Delete(backup.ids[1]), IsOk());
  auto result = vault.ImportBackup(backup.file, kBackupPassphrase);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->added, 1u);
  EXPECT_EQ(result->already_present, 2u);
  EXPECT_EQ(vault.Get(backup.ids[0])->content["skill"], "nieuwer");
  EXPECT_EQ(vault.Get(backup.ids[1])->content["skill"], "archiveren");

  // Into another person's vault: re-sealed under that vault's key.
  auto [other_created, other] = w.NewUnlocked("bram", "bram-zijn-eigen-wachtzin");
  auto into_other = other.ImportBackup(backup.file, kBackupPassphrase);
  ASSERT_THAT(into_other, IsOk());
  EXPECT_EQ(into_other->added, 3u);
  EXPECT_EQ(other.Get(backup.ids[2])->content["skill"], "snoeien");
  EXPECT_EQ(vault.Get(backup.ids[2])->content["skill"], "snoeien");
}

TEST(VaultBackup, ExportNeedsAPassphraseWithinThePolicy) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  EXPECT_THAT(vault.ExportBackup("kort"),
              FailsWithMessage(ErrorCode::kInvalidArgument, "backup passphrase must be at least 10 characters"));
  EXPECT_THAT(vault.ExportBackup(std::string(1025, 'x')), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(VaultBackup, EmptyVaultExportsAndRestores) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto file = vault.ExportBackup(kBackupPassphrase);
  ASSERT_THAT(file, IsOk());
  auto restored = w.vaults->RestoreBackup("leeg", kPassphrase, *file, kBackupPassphrase);
  ASSERT_THAT(restored, IsOk());
  EXPECT_EQ(restored->imported.added, 0u);
}

// Every way a file can be wrong, against both import paths; nothing is written either way.
TEST(VaultBackup, BadFilesAreRejectedAndWriteNothing) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  const Exported backup = ExportThree(w, vault);
  ASSERT_THAT(vault.DeleteEverything(), IsOk());

  auto with = [&](auto change) {
    Bytes copy = backup.file;
    change(copy);
    return copy;
  };
  struct Case {
    std::string name;
    Bytes file;
    std::string passphrase;
    ErrorCode code;
    std::string message;
  };
  const std::string pass(kBackupPassphrase);
  const std::vector<Case> cases = {
      {"wrong passphrase", backup.file, "niet-de-goede-wachtzin", ErrorCode::kUnauthenticated,
       "wrong backup passphrase, or the file is damaged"},
      {"ciphertext byte flipped", with([](Bytes& b) { b[b.size() - 20] ^= 1; }), pass, ErrorCode::kUnauthenticated,
       "does not open"},
      {"tag byte flipped", with([](Bytes& b) { b.back() ^= 0x80; }), pass, ErrorCode::kUnauthenticated,
       "does not open"},
      {"salt byte flipped", with([](Bytes& b) { b[30] ^= 1; }), pass, ErrorCode::kUnauthenticated, "does not open"},
      {"opslimit raised", with([](Bytes& b) { b[13] = 2; }), pass, ErrorCode::kUnauthenticated, "does not open"},
      {"truncated body", with([](Bytes& b) { b.resize(b.size() - 1); }), pass, ErrorCode::kInvalidArgument,
       "the backup file is truncated"},
      {"truncated header", with([](Bytes& b) { b.resize(20); }), pass, ErrorCode::kInvalidArgument,
       "the backup file is truncated"},
      {"trailing byte", with([](Bytes& b) { b.push_back(0); }), pass, ErrorCode::kInvalidArgument,
       "bytes after its end"},
      {"empty file", Bytes{}, pass, ErrorCode::kInvalidArgument, "not a Vaardig wallet backup file"},
      {"other magic", with([](Bytes& b) { b[0] = 'X'; }), pass, ErrorCode::kInvalidArgument,
       "not a Vaardig wallet backup file"},
      {"future version", with([](Bytes& b) { b[8] = 2; }), pass, ErrorCode::kUnimplemented,
       "backup format version 2 is not supported"},
      {"other kdf", with([](Bytes& b) { b[9] = 7; }), pass, ErrorCode::kUnimplemented,
       "key derivation 7 is not supported"},
      {"opslimit above what this wallet allows", with([](Bytes& b) { b[13] = 16; }), pass, ErrorCode::kInvalidArgument,
       "costlier than this wallet allows"},
      {"opslimit zero", with([](Bytes& b) { b[13] = 0; }), pass, ErrorCode::kInvalidArgument,
       "backup header: Argon2id opslimit"},
      {"memlimit 4 GiB", with([](Bytes& b) { b[17] = 1; }), pass, ErrorCode::kInvalidArgument,
       "backup header: Argon2id memlimit"},
      {"huge passphrase", backup.file, std::string(1025, 'x'), ErrorCode::kResourceExhausted, "at most 1024 bytes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_THAT(vault.ImportBackup(c.file, c.passphrase), FailsWithMessage(c.code, c.message));
    EXPECT_THAT(w.vaults->RestoreBackup("nieuw", kPassphrase, c.file, c.passphrase),
                FailsWithMessage(c.code, c.message));
  }
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vault_records"), 0);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vaults"), 1);
  // The untouched file still imports.
  auto good = vault.ImportBackup(backup.file, kBackupPassphrase);
  ASSERT_THAT(good, IsOk());
  EXPECT_EQ(good->added, 3u);
}

TEST(VaultBackup, OversizedFileIsRefusedBeforeAnyWork) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  Bytes huge(kMaxBackupBytes + 1, 0);
  std::copy_n("VDGWBKUP", 8, huge.begin());
  EXPECT_THAT(vault.ImportBackup(huge, kBackupPassphrase),
              FailsWithMessage(ErrorCode::kResourceExhausted, "at most 67108864 bytes"));
}

TEST(VaultBackup, RestoreChecksTheNewVaultFirstAndLeavesNoHalfVault) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  const Exported backup = ExportThree(w, vault);
  EXPECT_THAT(w.vaults->RestoreBackup("anouk", kPassphrase, backup.file, kBackupPassphrase),
              FailsWith(ErrorCode::kAlreadyExists));
  EXPECT_THAT(w.vaults->RestoreBackup("nieuw", "kort", backup.file, kBackupPassphrase),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vaults"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vault_records"), 3);
}

}  // namespace
}  // namespace vaardig::wallet
