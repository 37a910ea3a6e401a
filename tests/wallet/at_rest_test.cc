// Issue 8: "Nothing readable at rest: a test searches the wallet's database and files for every
// claim value and for key material in plain text."
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/encoding/base64url.h"
#include "core/jose/jwk.h"
#include "tests/wallet/test_util.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {
namespace {

using testutil::IsOk;
using testutil::kBackupPassphrase;
using testutil::kPassphrase;
using testutil::ReadFileBytes;
using testutil::WalletFixture;

// Distinctive values that cannot occur by chance in SQLite pages.
const std::vector<std::string> kClaimValues = {
    "Zwanenburg-Klantgesprek-7f3a", "Oosterhout-Snoeien-Niveau3-91c2", "medewerker.kcc@gemeente-voorbeeld.example",
    "Hendrikje-van-Struikelen-550e", "https://issuer.gemeente-voorbeeld.example/skills/zeldzaam-4411"};
constexpr std::string_view kHandle = "hendrikje.vanstruikelen";

std::vector<std::string> AllFilesIn(const std::filesystem::path& dir) {
  std::vector<std::string> contents;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) contents.push_back(ReadFileBytes(entry.path()));
  }
  return contents;
}

void ExpectAbsent(const std::vector<std::string>& files, const std::vector<std::string>& needles,
                  std::string_view when) {
  ASSERT_FALSE(files.empty());
  for (const std::string& needle : needles) {
    ASSERT_GE(needle.size(), 8u) << "needle too short to be meaningful";
    for (const std::string& file : files) {
      EXPECT_EQ(file.find(needle), std::string::npos) << when << ": found a secret of length " << needle.size();
    }
  }
}

TEST(WalletAtRest, NoClaimValueKeyPassphraseOrCodeIsReadableInTheFiles) {
  WalletFixture w;
  auto created = w.vaults->CreateVault(kHandle, kPassphrase);
  ASSERT_THAT(created, IsOk());
  auto vault = w.vaults->Unlock(kHandle, kPassphrase);
  ASSERT_THAT(vault, IsOk());

  // Credentials whose claims carry the distinctive values, in JSON and in an encoded form.
  Json claims = Json::object();
  for (std::size_t i = 0; i < kClaimValues.size(); ++i) claims["claim" + std::to_string(i)] = kClaimValues[i];
  const std::string encoded_claims = encoding::Base64UrlEncode(DumpJson(claims));
  auto credential_id = vault->Put(RecordKind::kCredential,
                                  Json{{"format", "dc+sd-jwt"}, {"claims", claims},
                                       {"raw", "eyJhbGciOiJFUzI1NiJ9." + encoded_claims + ".sig"}});
  ASSERT_THAT(credential_id, IsOk());
  ASSERT_THAT(vault->Put(RecordKind::kHistory, Json{{"event", "collected"}, {"issuer", kClaimValues[4]}}), IsOk());

  // A holder key: its private scalar in every form it could leak in.
  auto key = jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
  ASSERT_THAT(key, IsOk());
  const Json private_jwk = key->ExportPrivateJson();
  const std::string d = private_jwk.at("d").get<std::string>();
  auto d_bytes = encoding::Base64UrlDecode(d);
  ASSERT_THAT(d_bytes, IsOk());
  ASSERT_THAT(vault->Put(RecordKind::kHolderKey, private_jwk), IsOk());

  // A second vault restored from a backup, and the backup file itself written next to the database.
  auto backup = vault->ExportBackup(kBackupPassphrase);
  ASSERT_THAT(backup, IsOk());
  {
    std::ofstream out(w.dir.File("wallet.backup"), std::ios::binary);
    out.write(reinterpret_cast<const char*>(backup->data()), static_cast<std::streamsize>(backup->size()));
  }
  auto restored = w.vaults->RestoreBackup("hersteld-op-nieuwe-telefoon", "tweede-wachtzin-lang", *backup,
                                          kBackupPassphrase);
  ASSERT_THAT(restored, IsOk());
  ASSERT_THAT(vault->Replace(vault->List(RecordKind::kHistory)->records.at(0).id,
                             Json{{"event", "shared"}, {"with", kClaimValues[2]}}),
              IsOk());

  std::string compact_code;
  for (const char c : created->recovery_code) {
    if (c != '-') compact_code.push_back(c);
  }
  std::vector<std::string> needles = kClaimValues;
  needles.insert(needles.end(),
                 {encoded_claims.substr(8, 40), d, std::string(d_bytes->begin(), d_bytes->end()),
                  encoding::HexEncode(*d_bytes), std::string(kPassphrase), std::string(kBackupPassphrase),
                  "tweede-wachtzin-lang", created->recovery_code, compact_code, restored->vault.recovery_code,
                  std::string(kHandle), "hersteld-op-nieuwe-telefoon"});

  // While open: the main file, the -wal and -shm files hold the recent writes.
  ASSERT_TRUE(std::filesystem::exists(w.dir.File("wallet.db-wal")));
  ExpectAbsent(AllFilesIn(w.dir.path()), needles, "database open");
  // After close: everything checkpointed into the main file.
  w.vaults.reset();
  w.db.reset();
  ExpectAbsent(AllFilesIn(w.dir.path()), needles, "database closed");
  // Control: the search does see what is stored in clear, such as the opaque record ids.
  bool id_found = false;
  for (const std::string& file : AllFilesIn(w.dir.path())) {
    id_found = id_found || file.find(*credential_id) != std::string::npos;
  }
  EXPECT_TRUE(id_found);

  // The data is there, only sealed: reopen and read it back.
  auto db = store::OpenSqlite(store::SqliteOptions{.path = w.dir.File("wallet.db")});
  ASSERT_THAT(db, IsOk());
  auto store =
      VaultStore::Open(**db, w.clock, VaultOptions{.kdf = crypto::Argon2idParams::Minimum(), .handle_key = {}});
  ASSERT_THAT(store, IsOk());
  auto reopened = store->Unlock(kHandle, kPassphrase);
  ASSERT_THAT(reopened, IsOk());
  auto keys = reopened->List(RecordKind::kHolderKey);
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->records.size(), 1u);
  EXPECT_EQ(keys->records[0].content.at("d"), d);
}

}  // namespace
}  // namespace vaardig::wallet
