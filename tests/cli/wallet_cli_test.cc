#include <sys/stat.h>

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/did/did_jwk.h"
#include "core/jose/jwk.h"
#include "issuer/cli/key_file.h"
#include "tests/cli/cli_test_util.h"
#include "wallet/cli/app.h"

namespace vaardig::wallet::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using vaardig::testing::RunCli;
using vaardig::testing::ScratchDir;
using vaardig::testing::WriteFile;

vaardig::testing::CliResult Wallet(const std::vector<std::string>& args) {
  return RunCli(
      [](int argc, const char* const* argv, std::istream&, std::ostream& out, std::ostream& err) {
        return RunWalletCli(argc, argv, out, err);
      },
      "vaardig-wallet", args);
}

jose::PrivateJwk NewKeyFile(const std::string& path, jose::Algorithm alg) {
  auto key = jose::PrivateJwk::Generate(alg);
  EXPECT_TRUE(key);
  EXPECT_TRUE(issuer::cli::WritePrivateKeyFile(*key, path, false));
  return *key;
}

TEST(WalletDid, PrivateKeyFileGivesTheDidJwkOfItsPublicKey) {
  ScratchDir dir;
  for (const auto alg : {jose::Algorithm::kEs256, jose::Algorithm::kEdDsa}) {
    const std::string file = dir / std::string(jose::AlgorithmName(alg));
    const auto key = NewKeyFile(file, alg);
    const auto r = Wallet({"did", "--key", file});
    ASSERT_EQ(r.exit_code, kExitOk) << r.err;
    EXPECT_EQ(r.out, did::CreateDidJwk(key.public_jwk()) + "\n");
    EXPECT_THAT(r.err, IsEmpty());
  }
}

TEST(WalletDid, PublicJwkFileGivesTheSameDid) {
  ScratchDir dir;
  const auto key = NewKeyFile(dir / "k.jwk", jose::Algorithm::kEs256);
  WriteFile(dir / "pub.jwk", DumpJson(key.public_jwk().ToJson()));
  const auto r = Wallet({"did", "--key", dir / "pub.jwk"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(r.out, did::CreateDidJwk(key.public_jwk()) + "\n");
}

TEST(WalletDid, DocumentHasTheDidAndVerificationMethod0) {
  ScratchDir dir;
  const auto key = NewKeyFile(dir / "k.jwk", jose::Algorithm::kEdDsa);
  const auto r = Wallet({"did", "--key", dir / "k.jwk", "--document"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  auto doc = ParseJson(r.out);
  ASSERT_TRUE(doc) << r.out;
  const std::string did = did::CreateDidJwk(key.public_jwk());
  EXPECT_EQ((*doc)["id"], did);
  EXPECT_EQ((*doc)["verificationMethod"][0]["id"], did + "#0");
  EXPECT_THAT(r.out, Not(HasSubstr("\"d\"")));
}

TEST(WalletDid, WarnsWhenAPrivateKeyFileIsReadableByOthers) {
  ScratchDir dir;
  const std::string file = dir / "k.jwk";
  NewKeyFile(file, jose::Algorithm::kEs256);
  ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
  const auto r = Wallet({"did", "--key", file});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_THAT(r.err, HasSubstr("chmod 600"));
}

TEST(WalletDid, BadKeyFilesFailWithTheirCode) {
  ScratchDir dir;
  WriteFile(dir / "not-json", "{");
  WriteFile(dir / "oct", R"({"kty":"oct","k":"AAAA"})");
  const struct {
    std::string file;
    const char* expected;
  } cases[] = {
      {dir / "missing", "not_found"},
      {dir / "not-json", "invalid_argument"},
      {dir / "oct", "key file"},
      {dir.path().string(), "not a regular file"},
  };
  for (const auto& c : cases) {
    const auto r = Wallet({"did", "--key", c.file});
    EXPECT_EQ(r.exit_code, kExitFailed) << c.file;
    EXPECT_THAT(r.err, HasSubstr(c.expected)) << c.file;
  }
}

TEST(WalletCli, VersionHelpAndUsage) {
  EXPECT_THAT(Wallet({"--version"}).out, HasSubstr("vaardig-wallet " VAARDIG_VERSION));
  EXPECT_EQ(Wallet({"--help"}).exit_code, kExitOk);
  EXPECT_EQ(Wallet({"did"}).exit_code, kExitUsage);
  EXPECT_EQ(Wallet({}).exit_code, kExitUsage);
}

}  // namespace
}  // namespace vaardig::wallet::cli
