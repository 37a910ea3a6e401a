#include "wallet/app/vault.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/wallet/test_util.h"
#include "wallet/app/recovery_code.h"

namespace vaardig::wallet {
namespace {

using testutil::FailsWith;
using testutil::FailsWithMessage;
using testutil::IsOk;
using testutil::kPassphrase;
using testutil::WalletFixture;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const Json kCredential = Json{{"format", "dc+sd-jwt"}, {"skill", "klantgesprek voeren"}};

TEST(VaultStore, CreatedVaultUnlocksWithItsPassphrase) {
  WalletFixture w;
  auto created = w.vaults->CreateVault("anouk", kPassphrase);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->vault_id.size(), 22u);
  auto unlocked = w.vaults->Unlock("anouk", kPassphrase);
  ASSERT_THAT(unlocked, IsOk());
  EXPECT_EQ(unlocked->id(), created->vault_id);
}

TEST(VaultStore, WrongPassphraseAndUnknownHandleGiveTheSameAnswer) {
  WalletFixture w;
  ASSERT_THAT(w.vaults->CreateVault("anouk", kPassphrase), IsOk());
  auto wrong = w.vaults->Unlock("anouk", "not-the-right-passphrase");
  auto unknown = w.vaults->Unlock("bram", kPassphrase);
  ASSERT_THAT(wrong, FailsWithMessage(ErrorCode::kUnauthenticated, "wrong passphrase or unknown wallet"));
  ASSERT_THAT(unknown, FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_EQ(wrong.error(), unknown.error());
}

TEST(VaultStore, HandlesAreDistinctAndTakenOnce) {
  WalletFixture w;
  ASSERT_THAT(w.vaults->CreateVault("anouk", kPassphrase), IsOk());
  EXPECT_THAT(w.vaults->CreateVault("anouk", "another-long-passphrase"),
              FailsWithMessage(ErrorCode::kAlreadyExists, "a wallet with this name already exists"));
  ASSERT_THAT(w.vaults->CreateVault("Anouk", "another-long-passphrase"), IsOk());
  EXPECT_THAT(w.vaults->Unlock("Anouk", kPassphrase), FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vaults"), 2);
}

TEST(VaultStore, BadHandlesAndPassphrasesAreRefusedBeforeAnyWork) {
  WalletFixture w;
  struct Case {
    std::string handle;
    std::string passphrase;
    ErrorCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", std::string(kPassphrase), ErrorCode::kInvalidArgument, "wallet name must not be empty"},
      {std::string(257, 'a'), std::string(kPassphrase), ErrorCode::kInvalidArgument, "at most 256 bytes"},
      {"bad\xff", std::string(kPassphrase), ErrorCode::kInvalidArgument, "wallet name is not valid UTF-8"},
      {"anouk", "kort", ErrorCode::kInvalidArgument, "at least 10 characters long, got 4"},
      {"anouk", "ééééééééé", ErrorCode::kInvalidArgument, "at least 10 characters long, got 9"},
      {"anouk", "lang\xc3", ErrorCode::kInvalidArgument, "passphrase is not valid UTF-8"},
      {"anouk", std::string(1025, 'x'), ErrorCode::kResourceExhausted, "at most 1024 bytes"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(w.vaults->CreateVault(c.handle, c.passphrase), FailsWithMessage(c.code, c.message)) << c.message;
  }
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vaults"), 0);
  EXPECT_THAT(w.vaults->Unlock("anouk", std::string(1025, 'x')), FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(w.vaults->Unlock("", kPassphrase), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(VaultStore, ExactlyTenCharactersIsEnough) {
  WalletFixture w;
  EXPECT_THAT(w.vaults->CreateVault("anouk", "éééééééééé"), IsOk());
  EXPECT_THAT(w.vaults->Unlock("anouk", "éééééééééé"), IsOk());
}

TEST(VaultStore, OpenRefusesBadOptions) {
  WalletFixture w;
  EXPECT_THAT(VaultStore::Open(*w.db, w.clock, VaultOptions{.kdf = {0, 8192}, .handle_key = {}}),
              FailsWithMessage(ErrorCode::kInvalidArgument, "opslimit"));
  EXPECT_THAT(VaultStore::Open(*w.db, w.clock, VaultOptions{.kdf = {1, 1ull << 31}, .handle_key = {}}),
              FailsWithMessage(ErrorCode::kInvalidArgument, "memlimit"));
  EXPECT_THAT(VaultStore::Open(*w.db, w.clock,
                               VaultOptions{.kdf = crypto::Argon2idParams::Minimum(),
                                            .handle_key = crypto::SecretBytes(16)}),
              FailsWithMessage(ErrorCode::kInvalidArgument, "handle key must be 32 bytes"));
}

TEST(VaultStore, HandleKeyDecidesWhichVaultAHandleFinds) {
  WalletFixture w;
  auto keyed = VaultStore::Open(*w.db, w.clock,
                                VaultOptions{.kdf = crypto::Argon2idParams::Minimum(),
                                             .handle_key = crypto::SecretBytes(32)});
  ASSERT_THAT(keyed, IsOk());
  ASSERT_THAT(keyed->CreateVault("anouk", kPassphrase), IsOk());
  EXPECT_THAT(keyed->Unlock("anouk", kPassphrase), IsOk());
  // The same handle under the database's own key is another (unknown) vault.
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), FailsWith(ErrorCode::kUnauthenticated));
}

TEST(VaultStore, ChangedPassphraseReplacesTheOldOneAndKeepsRecords) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto id = vault.Put(RecordKind::kCredential, kCredential);
  ASSERT_THAT(id, IsOk());
  ASSERT_THAT(w.vaults->ChangePassphrase(vault, "nieuwe-wachtzin-voor-anouk"), IsOk());
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), FailsWith(ErrorCode::kUnauthenticated));
  auto reopened = w.vaults->Unlock("anouk", "nieuwe-wachtzin-voor-anouk");
  ASSERT_THAT(reopened, IsOk());
  auto record = reopened->Get(*id);
  ASSERT_THAT(record, IsOk());
  EXPECT_EQ(record->content, kCredential);
  EXPECT_THAT(w.vaults->ChangePassphrase(vault, "kort"), FailsWithMessage(ErrorCode::kInvalidArgument,
                                                                          "new passphrase must be at least"));
}

TEST(VaultStore, RecoveryCodeSetsANewPassphraseAndWorksOnce) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto id = vault.Put(RecordKind::kHolderKey, Json{{"kty", "OKP"}});
  ASSERT_THAT(id, IsOk());
  auto recovered = w.vaults->RecoverWithCode("anouk", created.recovery_code, "vergeten-maar-hersteld");
  ASSERT_THAT(recovered, IsOk());
  EXPECT_EQ(recovered->vault.id(), created.vault_id);
  EXPECT_THAT(recovered->vault.Get(*id), IsOk());
  EXPECT_NE(recovered->recovery_code, created.recovery_code);
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(w.vaults->Unlock("anouk", "vergeten-maar-hersteld"), IsOk());
  // The used code no longer works; the new one does.
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", created.recovery_code, "nog-een-andere-wachtzin"),
              FailsWithMessage(ErrorCode::kUnauthenticated, "wrong recovery code or unknown wallet"));
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", recovered->recovery_code, "nog-een-andere-wachtzin"), IsOk());
}

TEST(VaultStore, RecoveryCodeIsReadAsTyped) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  std::string typed;
  for (const char c : created.recovery_code) {
    if (c != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", typed, "vergeten-maar-hersteld"), IsOk());
}

TEST(VaultStore, RecoveryRejectsWrongCodesUnknownHandlesAndBadInput) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  const std::string other = FormatRecoveryCode(GenerateRecoveryCode());
  auto wrong = w.vaults->RecoverWithCode("anouk", other, "vergeten-maar-hersteld");
  auto unknown = w.vaults->RecoverWithCode("bram", created.recovery_code, "vergeten-maar-hersteld");
  ASSERT_THAT(wrong, FailsWith(ErrorCode::kUnauthenticated));
  ASSERT_THAT(unknown, FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_EQ(wrong.error(), unknown.error());
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", "ABCD-EFGH", "vergeten-maar-hersteld"),
              FailsWithMessage(ErrorCode::kInvalidArgument, "recovery code must have 32 characters, got 8"));
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", created.recovery_code, "kort"),
              FailsWithMessage(ErrorCode::kInvalidArgument, "new passphrase must be at least"));
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), IsOk());
}

TEST(VaultStore, ReplacedRecoveryCodeRetiresTheOldOne) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto fresh = w.vaults->ReplaceRecoveryCode(vault);
  ASSERT_THAT(fresh, IsOk());
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", created.recovery_code, "vergeten-maar-hersteld"),
              FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", *fresh, "vergeten-maar-hersteld"), IsOk());
}

TEST(VaultStore, UnlockRaisesWeakerKdfParameters) {
  WalletFixture w;
  ASSERT_THAT(w.vaults->CreateVault("anouk", kPassphrase), IsOk());
  EXPECT_EQ(w.Count("SELECT passphrase_memlimit FROM vaults"), 8192);
  auto stronger = VaultStore::Open(*w.db, w.clock,
                                   VaultOptions{.kdf = crypto::Argon2idParams::Interactive(), .handle_key = {}});
  ASSERT_THAT(stronger, IsOk());
  ASSERT_THAT(stronger->Unlock("anouk", kPassphrase), IsOk());
  EXPECT_EQ(w.Count("SELECT passphrase_memlimit FROM vaults"),
            static_cast<std::int64_t>(crypto::Argon2idParams::Interactive().memlimit));
  EXPECT_EQ(w.Count("SELECT passphrase_opslimit FROM vaults"),
            static_cast<std::int64_t>(crypto::Argon2idParams::Interactive().opslimit));
  EXPECT_THAT(stronger->Unlock("anouk", kPassphrase), IsOk());
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), IsOk());  // the stored parameters decide
}

TEST(VaultStore, DeleteVaultRemovesEverythingAndFreesTheHandle) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  ASSERT_THAT(vault.Put(RecordKind::kCredential, kCredential), IsOk());
  ASSERT_THAT(w.vaults->DeleteVault(std::move(vault)), IsOk());
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vaults"), 0);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vault_records"), 0);
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(w.vaults->CreateVault("anouk", kPassphrase), IsOk());
}

TEST(UnlockedVault, RecordsRoundTripWithKindAndTimes) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto credential = vault.Put(RecordKind::kCredential, kCredential);
  w.clock.Advance(60);
  auto share = vault.Put(RecordKind::kShare, Json{{"verifier", "Gemeente Anders"}});
  ASSERT_THAT(credential, IsOk());
  ASSERT_THAT(share, IsOk());
  EXPECT_NE(*credential, *share);

  auto got = vault.Get(*credential);
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->kind, RecordKind::kCredential);
  EXPECT_EQ(got->created_at, testutil::kNow);
  EXPECT_EQ(got->content, kCredential);

  auto all = vault.List();
  ASSERT_THAT(all, IsOk());
  ASSERT_THAT(all->records, SizeIs(2));
  EXPECT_EQ(all->records[0].id, *credential);  // oldest first
  EXPECT_THAT(all->damaged_ids, IsEmpty());
  auto shares = vault.List(RecordKind::kShare);
  ASSERT_THAT(shares, IsOk());
  ASSERT_THAT(shares->records, SizeIs(1));
  EXPECT_EQ(shares->records[0].content["verifier"], "Gemeente Anders");
}

TEST(UnlockedVault, ReplaceKeepsKindAndCreationTime) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto id = vault.Put(RecordKind::kSettings, Json{{"language", "nl"}});
  ASSERT_THAT(id, IsOk());
  w.clock.Advance(3600);
  ASSERT_THAT(vault.Replace(*id, Json{{"language", "en"}}), IsOk());
  auto got = vault.Get(*id);
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->kind, RecordKind::kSettings);
  EXPECT_EQ(got->created_at, testutil::kNow);
  EXPECT_EQ(got->updated_at, testutil::kNow + 3600);
  EXPECT_EQ(got->content["language"], "en");
}

TEST(UnlockedVault, DeleteOneOrEverything) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto a = vault.Put(RecordKind::kCredential, kCredential);
  auto b = vault.Put(RecordKind::kCredential, kCredential);
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  ASSERT_THAT(vault.Delete(*a), IsOk());
  EXPECT_THAT(vault.Get(*a), FailsWithMessage(ErrorCode::kNotFound, "no record " + *a + " in this wallet"));
  EXPECT_THAT(vault.Delete(*a), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(vault.Get(*b), IsOk());
  auto deleted = vault.DeleteEverything();
  ASSERT_THAT(deleted, IsOk());
  EXPECT_EQ(*deleted, 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vault_records"), 0);
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), IsOk());  // the vault itself stays
}

TEST(UnlockedVault, MalformedAndUnknownIdsAreTold) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  EXPECT_THAT(vault.Get("nope"), FailsWithMessage(ErrorCode::kInvalidArgument, "record id is not a well-formed id"));
  EXPECT_THAT(vault.Get("AAAAAAAAAAAAAAAAAAAAAA"), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(vault.Replace("AAAAAAAAAAAAAAAAAAAAAA", kCredential), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(vault.Delete("'; DROP TABLE vaults; --"), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(UnlockedVault, RecordLimitsAreEnforced) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  const std::string big(kMaxRecordBytes, 'x');
  EXPECT_THAT(vault.Put(RecordKind::kCredential, Json(big)),
              FailsWithMessage(ErrorCode::kResourceExhausted, "at most 1048576 bytes"));
  Json deep = Json::array();
  for (int i = 0; i < 100; ++i) deep = Json::array({deep});
  EXPECT_THAT(vault.Put(RecordKind::kCredential, deep), FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM vault_records"), 0);
  // Just under the limit fits and reads back.
  auto fits = vault.Put(RecordKind::kCredential, Json(std::string(kMaxRecordBytes - 2, 'y')));
  ASSERT_THAT(fits, IsOk());
  EXPECT_THAT(vault.Get(*fits), IsOk());
}

TEST(UnlockedVault, SizesShowOnlyInBlocksOf512Bytes) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  ASSERT_THAT(vault.Put(RecordKind::kCredential, Json("a")), IsOk());
  ASSERT_THAT(vault.Put(RecordKind::kCredential, Json(std::string(300, 'b'))), IsOk());
  auto rows = w.db->Query("SELECT length(sealed) FROM vault_records");
  ASSERT_THAT(rows, IsOk());
  ASSERT_THAT(*rows, SizeIs(2));
  EXPECT_EQ((*rows)[0].Int(0), 512 + 40);
  EXPECT_EQ((*rows)[1].Int(0), 512 + 40);
}

TEST(UnlockedVault, TamperedCiphertextIsDataLossAndOthersStayReadable) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto damaged = vault.Put(RecordKind::kCredential, kCredential);
  auto intact = vault.Put(RecordKind::kCredential, kCredential);
  ASSERT_THAT(damaged, IsOk());
  ASSERT_THAT(intact, IsOk());
  auto row = w.db->QueryOne("SELECT sealed FROM vault_records WHERE id = ?", {*damaged});
  ASSERT_TRUE(row && *row);
  store::Blob sealed = (*row)->Bytes("sealed");
  sealed[sealed.size() / 2] ^= 0x01;
  ASSERT_THAT(w.db->Execute("UPDATE vault_records SET sealed = ? WHERE id = ?", {sealed, *damaged}), IsOk());

  EXPECT_THAT(vault.Get(*damaged), FailsWithMessage(ErrorCode::kDataLoss, "does not open"));
  EXPECT_THAT(vault.Replace(*damaged, kCredential), FailsWith(ErrorCode::kDataLoss));
  EXPECT_THAT(vault.Get(*intact), IsOk());
  auto listing = vault.List();
  ASSERT_THAT(listing, IsOk());
  EXPECT_THAT(listing->damaged_ids, ElementsAre(*damaged));
  ASSERT_THAT(listing->records, SizeIs(1));
  EXPECT_EQ(listing->records[0].id, *intact);
  EXPECT_THAT(vault.ExportBackup(testutil::kBackupPassphrase),
              FailsWithMessage(ErrorCode::kDataLoss, "record " + *damaged + " is damaged"));
  EXPECT_THAT(vault.Delete(*damaged), IsOk());  // a damaged record can still be removed
}

TEST(UnlockedVault, CiphertextMovedToAnotherRecordIdDoesNotOpen) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  auto a = vault.Put(RecordKind::kCredential, Json{{"who", "a"}});
  auto b = vault.Put(RecordKind::kCredential, Json{{"who", "b"}});
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  ASSERT_THAT(w.db->Execute("UPDATE vault_records SET sealed = (SELECT sealed FROM vault_records WHERE id = ?) "
                            "WHERE id = ?",
                            {*a, *b}),
              IsOk());
  EXPECT_THAT(vault.Get(*a), IsOk());
  EXPECT_THAT(vault.Get(*b), FailsWith(ErrorCode::kDataLoss));
}

TEST(UnlockedVault, CiphertextMovedToAnotherVaultDoesNotOpen) {
  WalletFixture w;
  auto [first, anouk] = w.NewUnlocked("anouk");
  auto [second, bram] = w.NewUnlocked("bram", "bram-zijn-eigen-wachtzin");
  auto id = anouk.Put(RecordKind::kCredential, kCredential);
  ASSERT_THAT(id, IsOk());
  // Same record id, now filed under bram's vault: the associated data binds the vault id.
  ASSERT_THAT(w.db->Execute("UPDATE vault_records SET vault_id = ? WHERE id = ?", {bram.id(), *id}), IsOk());
  EXPECT_THAT(bram.Get(*id), FailsWith(ErrorCode::kDataLoss));
  EXPECT_THAT(anouk.Get(*id), FailsWith(ErrorCode::kNotFound));
}

TEST(VaultStore, PassphraseWrapMovedToAnotherVaultDoesNotUnlock) {
  WalletFixture w;
  auto [first, anouk] = w.NewUnlocked("anouk");
  auto [second, bram] = w.NewUnlocked("bram", "bram-zijn-eigen-wachtzin");
  // Anouk's salt, parameters and wrapped key copied onto bram's row: the wrap's associated data
  // names anouk's vault, so her passphrase does not open bram's vault.
  ASSERT_THAT(w.db->Execute("UPDATE vaults SET passphrase_salt = (SELECT passphrase_salt FROM vaults WHERE id = ?), "
                            "passphrase_wrap = (SELECT passphrase_wrap FROM vaults WHERE id = ?) WHERE id = ?",
                            {anouk.id(), anouk.id(), bram.id()}),
              IsOk());
  EXPECT_THAT(w.vaults->Unlock("bram", kPassphrase), FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(w.vaults->Unlock("bram", "bram-zijn-eigen-wachtzin"), FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase), IsOk());
}

TEST(VaultStore, DamagedWrapParametersAreDataLossNotAWrongPassphrase) {
  WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  ASSERT_THAT(w.db->Execute("UPDATE vaults SET passphrase_opslimit = 0, recovery_memlimit = 1"), IsOk());
  EXPECT_THAT(w.vaults->Unlock("anouk", kPassphrase),
              FailsWithMessage(ErrorCode::kDataLoss, "the wallet's key wrap is damaged: Argon2id opslimit"));
  EXPECT_THAT(w.vaults->RecoverWithCode("anouk", created.recovery_code, "vergeten-maar-hersteld"),
              FailsWithMessage(ErrorCode::kDataLoss, "the wallet's recovery wrap is damaged: Argon2id memlimit"));
}

}  // namespace
}  // namespace vaardig::wallet

namespace vaardig::wallet {
namespace {

// A vault holds at most kMaxVaultBytes of sealed records: one account cannot fill a hosted
// service's disk, nor make every listing load gigabytes.
TEST(VaultQuota, AVaultIsFullAt64MiB) {
  testutil::WalletFixture w;
  auto [created, vault] = w.NewUnlocked();
  const Json big{{"blob", std::string(900 * 1024, 'x')}};
  int stored = 0;
  Result<std::string> put;
  while ((put = vault.Put(RecordKind::kHistory, big)).has_value() && stored < 200) ++stored;
  EXPECT_THAT(put, testutil::FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_GE(stored, 60);
  EXPECT_LE(stored, 80);
  // Deleting makes room again.
  auto listing = vault.List(RecordKind::kHistory);
  ASSERT_TRUE(listing.has_value());
  ASSERT_TRUE(vault.Delete(listing->records.front().id).has_value());
  EXPECT_TRUE(vault.Put(RecordKind::kHistory, Json{{"small", true}}).has_value());
}

}  // namespace
}  // namespace vaardig::wallet
