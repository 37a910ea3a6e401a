// vaardig-wallet show, export, import and delete on a local wallet (in-process): a credential
// shown as its claims (the holder key left out), an encrypted backup that restores after deletion,
// and the refusals — an existing backup file never overwritten, a wrong backup passphrase or a
// damaged file adding nothing, delete without a target.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/common/clock.h"
#include "core/crypto/aead.h"
#include "core/encoding/base64url.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/store/sqlite.h"
#include "tests/cli/cli_test_util.h"
#include "wallet/app/vault.h"
#include "wallet/cli/app.h"

namespace vaardig::wallet::cli {
namespace {

using ::testing::HasSubstr;
using vaardig::testing::RunCli;
using vaardig::testing::ScratchDir;

constexpr const char* kPassphrase = "mijn-wallet-wachtwoord-2026";
constexpr const char* kBackupPassphrase = "reservekopie-wachtwoord-2026";

class WalletVaultCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("VAARDIG_WALLET_PASSPHRASE", kPassphrase, 1);
    ::setenv("VAARDIG_WALLET_BACKUP_PASSPHRASE", kBackupPassphrase, 1);
    ASSERT_EQ(Wallet({"init"}).exit_code, 0);
    credential_ = PutCredential();
  }
  void TearDown() override {
    ::unsetenv("VAARDIG_WALLET_PASSPHRASE");
    ::unsetenv("VAARDIG_WALLET_BACKUP_PASSPHRASE");
  }

  vaardig::testing::CliResult Wallet(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", dir_ / "wallet"});
    return RunCli([](int argc, const char* const* argv, std::istream&, std::ostream& out,
                     std::ostream& err) { return RunWalletCli(argc, argv, out, err); },
                  "vaardig-wallet", args);
  }

  // A credential written straight into the vault, as `receive` would have stored it.
  std::string PutCredential() {
    auto db = store::OpenSqlite({.path = dir_ / "wallet/wallet.db"});
    EXPECT_TRUE(db.has_value());
    SystemClock clock;
    auto vaults = VaultStore::Open(**db, clock);
    EXPECT_TRUE(vaults.has_value());
    auto vault = vaults->Unlock(kLocalWalletHandle, kPassphrase);
    EXPECT_TRUE(vault.has_value());
    const auto issuer = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
    const auto holder = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
    Json claims = {{"iss", "https://werk.gemeente-voorbeeld.nl"}, {"iat", 1'775'000'000},
                   {"vct", "https://werk.gemeente-voorbeeld.nl/vct/skill/v1"}, {"cnf", {{"jwk", holder.public_jwk().ToJson()}}},
                   {"skill", {{"id", "snoeien"}, {"name", {{"nl", "Snoeien"}}}, {"level", 2}}},
                   {"confirmation", {{"status", "confirmed"}, {"by", {{"role", "manager"}}}}}};
    sdjwt::SdJwtVcIssueOptions options;
    options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
    auto issued = sdjwt::IssueSdJwtVc(claims, issuer, options);
    EXPECT_TRUE(issued.has_value());
    auto id = vault->Put(RecordKind::kCredential, Json{{"format", "dc+sd-jwt"}, {"credential", issued->Compact()},
                                                       {"issuer", "https://werk.gemeente-voorbeeld.nl"},
                                                       {"display", {{"nl", {{"name", "Vaardigheid"}}}}},
                                                       {"status", {{"state", "valid"}}}});
    EXPECT_TRUE(id.has_value());
    return *id;
  }

  ScratchDir dir_;
  std::string credential_;
};

TEST_F(WalletVaultCli, ShowPrintsTheClaimsWithoutTheHolderKey) {
  const auto r = Wallet({"show", credential_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto shown = ParseJson(r.out);
  ASSERT_TRUE(shown.has_value()) << r.out;
  EXPECT_EQ((*shown)["claims"]["skill"]["level"], 2);
  EXPECT_EQ((*shown)["claims"]["confirmation"]["by"]["role"], "manager");
  EXPECT_FALSE((*shown)["claims"].contains("cnf"));
  EXPECT_EQ((*shown)["name"], "Vaardigheid");
  EXPECT_EQ(Wallet({"show", "no-such-record"}).exit_code, 1);
}

TEST_F(WalletVaultCli, ABackupRestoresWhatWasDeleted) {
  const std::string backup = dir_ / "wallet.backup";
  auto r = Wallet({"export", "--out", backup});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::filesystem::status(backup).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_THAT(vaardig::testing::ReadFileOrEmpty(backup), ::testing::Not(HasSubstr("Snoeien")));  // encrypted
  r = Wallet({"export", "--out", backup});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("never overwritten"));

  r = Wallet({"delete", credential_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Wallet({"list"}).out, HasSubstr("no credentials"));
  r = Wallet({"import", backup});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Imported 1 record(s)"));
  EXPECT_THAT(Wallet({"list"}).out, HasSubstr(credential_));
  // Importing again adds nothing: every record is already held.
  EXPECT_THAT(Wallet({"import", backup}).out, HasSubstr("Imported 0 record(s); 1 already held"));
}

TEST_F(WalletVaultCli, AWrongBackupPassphraseOrADamagedFileAddsNothing) {
  const std::string backup = dir_ / "wallet.backup";
  ASSERT_EQ(Wallet({"export", "--out", backup}).exit_code, 0);
  ASSERT_EQ(Wallet({"delete", credential_}).exit_code, 0);
  ::setenv("VAARDIG_WALLET_BACKUP_PASSPHRASE", "een-ander-wachtwoord-2026", 1);
  auto r = Wallet({"import", backup});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("unauthenticated"));
  ::setenv("VAARDIG_WALLET_BACKUP_PASSPHRASE", kBackupPassphrase, 1);
  std::string bytes = vaardig::testing::ReadFileOrEmpty(backup);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  vaardig::testing::WriteFile(dir_ / "damaged.backup", bytes);
  EXPECT_EQ(Wallet({"import", dir_ / "damaged.backup"}).exit_code, 1);
  EXPECT_EQ(Wallet({"import", dir_ / "missing.backup"}).exit_code, 1);
  EXPECT_THAT(Wallet({"list"}).out, HasSubstr("no credentials"));
}

TEST_F(WalletVaultCli, DeleteNeedsOneTargetAndCanEmptyTheWallet) {
  EXPECT_EQ(Wallet({"delete"}).exit_code, kExitUsage);
  EXPECT_EQ(Wallet({"delete", credential_, "--everything"}).exit_code, kExitUsage);
  EXPECT_EQ(Wallet({"delete", "no-such-record"}).exit_code, 1);
  const auto r = Wallet({"delete", "--everything"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Wallet({"list"}).out, HasSubstr("no credentials"));
}

}  // namespace
}  // namespace vaardig::wallet::cli

namespace vaardig::wallet::cli {
namespace {

TEST_F(WalletVaultCli, DeclareRecordsASelfDeclaredSkillSignedWithTheHoldersKey) {
  auto r = Wallet({"declare", "--name", "Rijden met aanhanger", "--level", "3", "--evidence", "Rijbewijs BE"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("self-declared"));
  auto list = Wallet({"list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const Json rows = ParseJson(list.out).value();
  ASSERT_EQ(rows.size(), 2u);
  // Listed by (time, id): within one second the order is the ids', so look for it.
  EXPECT_EQ(std::ranges::count_if(rows, [](const Json& row) { return row["issuer"].get<std::string>().starts_with("did:jwk:"); }), 1);
  EXPECT_EQ(Wallet({"declare", "--name", "Rijden", "--level", "4"}).exit_code, 1);
  EXPECT_EQ(Wallet({"declare", "--name", "R", "--level", "2"}).exit_code, 1);
  EXPECT_EQ(ParseJson(Wallet({"list", "--json"}).out).value().size(), 2u);
}

TEST_F(WalletVaultCli, ImportCredentialRefusesWhatIsNotACredential) {
  const std::string file = dir_ / "not-a-credential.txt";
  std::ofstream(file) << "hello, this is not a credential\n";
  auto r = Wallet({"import-credential", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("neither an Open Badge"));
  std::ofstream(dir_ / "broken.json") << "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"]}";
  EXPECT_EQ(Wallet({"import-credential", dir_ / "broken.json"}).exit_code, 1);
  EXPECT_EQ(ParseJson(Wallet({"list", "--json"}).out).value().size(), 1u);
}

TEST(WalletCreateWallet, TheOperatorMakesAWalletOnTheHostedServiceWhenRegistrationIsClosed) {
  ScratchDir dir;
  const std::string config = dir / "wallet.toml";
  std::ofstream(config) << "[database]\npath = \"data/wallet.db\"\n[vault]\nkdf = \"minimum\"\nregistration = \"closed\"\n"
                           "handle_key_file = \"data/handle.key\"\n";
  const auto run = [&](std::vector<std::string> args) {
    return RunCli([](int argc, const char* const* argv, std::istream&, std::ostream& out,
                     std::ostream& err) { return RunWalletCli(argc, argv, out, err); },
                  "vaardig-wallet", args);
  };
  ::unsetenv("VAARDIG_WALLET_PASSPHRASE");
  EXPECT_EQ(run({"create-wallet", "--config", config, "--user", "Anna"}).exit_code, 1);  // no passphrase
  ::setenv("VAARDIG_WALLET_PASSPHRASE", kPassphrase, 1);
  auto r = run({"create-wallet", "--config", config, "--user", "Anna"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Recovery code"));
  EXPECT_EQ(run({"create-wallet", "--config", config, "--user", "anna"}).exit_code, 1);  // taken
  EXPECT_EQ(run({"create-wallet", "--config", config, "--user", "a b"}).exit_code, 1);
  ::unsetenv("VAARDIG_WALLET_PASSPHRASE");
  // The service's store opens it: same database, same user-name key.
  std::ifstream key_file(dir / "data/handle.key", std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(key_file)), std::istreambuf_iterator<char>());
  ASSERT_EQ(key.size(), 32u);
  EXPECT_EQ(std::filesystem::status(dir / "data/handle.key").permissions() & std::filesystem::perms::group_all,
            std::filesystem::perms::none);
  auto db = store::OpenSqlite({.path = dir / "data/wallet.db"});
  ASSERT_TRUE(db.has_value());
  SystemClock clock;
  auto vaults = VaultStore::Open(**db, clock, {.kdf = crypto::Argon2idParams::Minimum(),
                                              .handle_key = crypto::SecretBytes::CopyFrom(AsBytes(key))});
  ASSERT_TRUE(vaults.has_value());
  EXPECT_TRUE(vaults->Unlock("anna", kPassphrase).has_value());
}

}  // namespace
}  // namespace vaardig::wallet::cli

namespace vaardig::wallet::cli {
namespace {

// A local wallet's share link: the sealed document written as DIR/s/<id> for the person's own web
// site, opening only with the key in the link; revoking deletes the file.
TEST_F(WalletVaultCli, AShareLinkIsPublishedAsASealedFileAndRevokedByDeletingIt) {
  auto declared = Wallet({"declare", "--name", "Rijden met aanhanger", "--level", "3"});
  ASSERT_EQ(declared.exit_code, 0) << declared.err;
  const std::string record = declared.out.substr(declared.out.rfind("id ") + 3, 22);
  const std::string site = dir_ / "site";
  auto r = Wallet({"share-link", record, "--base-url", "https://mohamed.example/vaardig", "--out", site, "--days", "7"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto at = r.out.find("https://mohamed.example/vaardig/s/");
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string url = r.out.substr(at, r.out.find('\n', at) - at);
  const std::string id = url.substr(url.find("/s/") + 3, 22);
  const std::string key = url.substr(url.find("#k=") + 3);
  std::ifstream file(site + "/s/" + id);
  ASSERT_TRUE(file.good());
  const Json document = ParseJson(std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>())).value();
  EXPECT_EQ(document["type"], "vaardig-share-link");
  EXPECT_EQ(document["id"], id);
  EXPECT_EQ(document.dump().find("Rijden"), std::string::npos);  // sealed
  // It opens with the link's key (and nothing else).
  Bytes aad(std::string_view("vaardig-share-link/v1").begin(), std::string_view("vaardig-share-link/v1").end());
  aad.push_back(0);
  aad.insert(aad.end(), id.begin(), id.end());
  const auto sealed = encoding::Base64UrlDecode(document["sealed"].get<std::string>()).value();
  auto opened = crypto::AeadOpen(crypto::SecretBytes::Adopt(encoding::Base64UrlDecode(key).value()), sealed, aad);
  ASSERT_TRUE(opened.has_value());
  const std::string plaintext(reinterpret_cast<const char*>(opened->Reveal().data()), opened->size());
  EXPECT_NE(plaintext.find("\"presentation\""), std::string::npos);
  // Only SD-JWT VCs with a holder key; 1-90 days; an out directory.
  EXPECT_EQ(Wallet({"share-link", credential_, "--base-url", "https://m.example", "--out", site}).exit_code, 1);
  EXPECT_EQ(Wallet({"share-link", record, "--base-url", "https://m.example", "--out", site, "--days", "91"}).exit_code, 1);
  EXPECT_EQ(Wallet({"share-link", record, "--base-url", "ftp://m.example", "--out", site}).exit_code, 1);
  // Revoked: the file is gone.
  auto revoked = Wallet({"share-link", "--revoke", id, "--out", site});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_FALSE(std::filesystem::exists(site + "/s/" + id));
  EXPECT_EQ(Wallet({"share-link", "--revoke", "AAAAAAAAAAAAAAAAAAAAAA", "--out", site}).exit_code, 1);
}

}  // namespace
}  // namespace vaardig::wallet::cli
