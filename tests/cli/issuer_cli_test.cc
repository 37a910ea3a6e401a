#include <sys/stat.h>

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/did/did_jwk.h"
#include "core/jose/jwk.h"
#include "core/jose/jws.h"
#include "issuer/cli/app.h"
#include "issuer/cli/key_file.h"
#include "tests/cli/cli_test_util.h"

namespace vaardig::issuer::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using vaardig::testing::ReadFileOrEmpty;
using vaardig::testing::RunCli;
using vaardig::testing::ScratchDir;

vaardig::testing::CliResult Issuer(const std::vector<std::string>& args,
                                   const std::string& stdin_text = "") {
  return RunCli(RunIssuerCli, "vaardig-issuer", args, stdin_text);
}

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

TEST(IssuerKeysGenerate, Es256WritesPrivateJwkWithMode0600AndPrintsPublicParts) {
  ScratchDir dir;
  const std::string file = dir / "issuer.jwk";
  const auto r = Issuer({"keys", "generate", "--alg", "ES256", "--out", file});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(ModeOf(file), 0600);

  auto priv = jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(file)));
  ASSERT_TRUE(priv) << priv.error();
  EXPECT_EQ(priv->algorithm(), jose::Algorithm::kEs256);

  auto printed = ParseJson(r.out);
  ASSERT_TRUE(printed) << r.out;
  EXPECT_EQ((*printed)["alg"], "ES256");
  EXPECT_EQ((*printed)["did"], did::CreateDidJwk(priv->public_jwk()));
  EXPECT_EQ((*printed)["public_jwk"]["x"], priv->public_jwk().ToJson()["x"]);
  EXPECT_FALSE((*printed)["public_jwk"].contains("d"));
  EXPECT_THAT(r.out, Not(HasSubstr("\"d\"")));
}

TEST(IssuerKeysGenerate, EdDsaDefaultKidIsTheRfc7638Thumbprint) {
  ScratchDir dir;
  const std::string file = dir / "ed.jwk";
  const auto r = Issuer({"keys", "generate", "--alg", "EdDSA", "--out", file});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  auto priv = jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(file)));
  ASSERT_TRUE(priv) << priv.error();
  EXPECT_EQ(priv->algorithm(), jose::Algorithm::kEdDsa);
  EXPECT_EQ(priv->public_jwk().kid(), priv->public_jwk().Thumbprint());
  EXPECT_EQ((*ParseJson(r.out))["kid"], priv->public_jwk().Thumbprint());
}

TEST(IssuerKeysGenerate, ExplicitKidIsStoredAndPrinted) {
  ScratchDir dir;
  const std::string file = dir / "k.jwk";
  const auto r = Issuer({"keys", "generate", "--alg", "ES256", "--kid", "issuer-2025-01", "--out", file});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  auto priv = jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(file)));
  ASSERT_TRUE(priv) << priv.error();
  EXPECT_EQ(priv->public_jwk().kid(), "issuer-2025-01");
  EXPECT_EQ((*ParseJson(r.out))["public_jwk"]["kid"], "issuer-2025-01");
}

TEST(IssuerKeysGenerate, ExistingFileIsNotOverwrittenWithoutForce) {
  ScratchDir dir;
  const std::string file = dir / "issuer.jwk";
  vaardig::testing::WriteFile(file, "keep me");
  const auto r = Issuer({"keys", "generate", "--alg", "ES256", "--out", file});
  EXPECT_EQ(r.exit_code, kExitFailed);
  EXPECT_THAT(r.err, HasSubstr("already_exists"));
  EXPECT_THAT(r.err, HasSubstr("--force"));
  EXPECT_EQ(ReadFileOrEmpty(file), "keep me");
  EXPECT_THAT(dir.Entries(), ElementsAre("issuer.jwk"));  // no temporary file left behind
}

TEST(IssuerKeysGenerate, ForceReplacesTheFileWithMode0600) {
  ScratchDir dir;
  const std::string file = dir / "issuer.jwk";
  vaardig::testing::WriteFile(file, "old");
  ::chmod(file.c_str(), 0644);
  const auto r = Issuer({"keys", "generate", "--alg", "EdDSA", "--out", file, "--force"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_TRUE(jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(file))));
  EXPECT_EQ(ModeOf(file), 0600);
  EXPECT_THAT(dir.Entries(), ElementsAre("issuer.jwk"));
}

TEST(IssuerKeysGenerate, UnsupportedAlgorithmIsAUsageError) {
  ScratchDir dir;
  for (const char* alg : {"RS256", "HS256", "none", "es256"}) {
    const auto r = Issuer({"keys", "generate", "--alg", alg, "--out", dir / "k.jwk"});
    EXPECT_EQ(r.exit_code, kExitUsage) << alg;
  }
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(IssuerKeysGenerate, MissingOutIsAUsageError) {
  EXPECT_EQ(Issuer({"keys", "generate", "--alg", "ES256"}).exit_code, kExitUsage);
}

TEST(WritePrivateKeyFile, MissingDirectoryIsNotFound) {
  ScratchDir dir;
  auto key = jose::PrivateJwk::Generate(jose::Algorithm::kEdDsa);
  ASSERT_TRUE(key);
  const auto written = WritePrivateKeyFile(*key, dir.path() / "no-such-dir" / "k.jwk", false);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code(), ErrorCode::kNotFound);
}

TEST(WritePrivateKeyFile, ExistingFileIsAlreadyExists) {
  ScratchDir dir;
  auto key = jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
  ASSERT_TRUE(key);
  ASSERT_TRUE(WritePrivateKeyFile(*key, dir.path() / "k.jwk", false));
  const auto again = WritePrivateKeyFile(*key, dir.path() / "k.jwk", false);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
}

TEST(WritePrivateKeyFile, DanglingSymlinkIsNotFollowed) {
  ScratchDir dir;
  const std::string link = dir / "k.jwk";
  ASSERT_EQ(::symlink((dir / "target").c_str(), link.c_str()), 0);
  auto key = jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
  ASSERT_TRUE(key);
  const auto written = WritePrivateKeyFile(*key, link, false);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_FALSE(std::filesystem::exists(dir / "target"));
}

TEST(IssuerKeysPublic, PrintsThePublicJwkOfAKeyFileAndNoSecret) {
  ScratchDir dir;
  const std::string file = dir / "k.jwk";
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "EdDSA", "--kid", "k1", "--out", file}).exit_code, kExitOk);
  const auto r = Issuer({"keys", "public", "--key", file});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  auto pub = jose::PublicJwk::Parse(std::string_view(r.out));
  ASSERT_TRUE(pub) << r.out;
  auto priv = jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(file)));
  ASSERT_TRUE(priv);
  EXPECT_EQ(*pub, priv->public_jwk());
  EXPECT_EQ(pub->kid(), "k1");
  EXPECT_THAT(r.out, Not(HasSubstr("\"d\"")));
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(IssuerKeysPublic, PublicOnlyOrMissingFileFails) {
  ScratchDir dir;
  vaardig::testing::WriteFile(dir / "pub.jwk",
                              R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
  EXPECT_EQ(Issuer({"keys", "public", "--key", dir / "pub.jwk"}).exit_code, kExitFailed);
  const auto missing = Issuer({"keys", "public", "--key", dir / "missing"});
  EXPECT_EQ(missing.exit_code, kExitFailed);
  EXPECT_THAT(missing.err, HasSubstr("not_found"));
}

TEST(IssuerSignJws, SignsStdinWithKidAndTypThatTheKeyVerifies) {
  ScratchDir dir;
  const std::string file = dir / "k.jwk";
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "ES256", "--kid", "k1", "--out", file}).exit_code, kExitOk);
  const std::string payload = R"({"skill":"klantgesprekken voeren"})";
  const auto r = Issuer({"sign-jws", "--key", file, "--typ", "JWT", "-"}, payload);
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.back(), '\n');
  const std::string jws = r.out.substr(0, r.out.size() - 1);

  auto priv = jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(file)));
  ASSERT_TRUE(priv);
  jose::JwsVerifyOptions options;
  options.accepted_typ = {"JWT"};
  auto verified = jose::VerifyCompactJws(jws, priv->public_jwk(), options);
  ASSERT_TRUE(verified) << verified.error();
  EXPECT_EQ(ToString(verified->payload), payload);
  EXPECT_EQ(verified->header["kid"], "k1");
  EXPECT_EQ(verified->header["alg"], "ES256");
}

TEST(IssuerSignJws, MissingKeyOrPayloadFileFails) {
  ScratchDir dir;
  EXPECT_EQ(Issuer({"sign-jws", "--key", dir / "missing", "-"}, "{}").exit_code, kExitFailed);
  const std::string file = dir / "k.jwk";
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "EdDSA", "--out", file}).exit_code, kExitOk);
  EXPECT_EQ(Issuer({"sign-jws", "--key", file, dir / "no-payload"}).exit_code, kExitFailed);
  EXPECT_EQ(Issuer({"sign-jws", "--key", file}).exit_code, kExitUsage);
}

TEST(IssuerCli, VersionAndHelpExitZero) {
  const auto version = Issuer({"--version"});
  EXPECT_EQ(version.exit_code, kExitOk);
  EXPECT_THAT(version.out, HasSubstr("vaardig-issuer " VAARDIG_VERSION));
  const auto help = Issuer({"--help"});
  EXPECT_EQ(help.exit_code, kExitOk);
  EXPECT_THAT(help.out, HasSubstr("keys"));
  const auto sub_help = Issuer({"keys", "generate", "--help"});
  EXPECT_EQ(sub_help.exit_code, kExitOk);
  EXPECT_THAT(sub_help.out, HasSubstr("--alg"));
}

TEST(IssuerCli, NoSubcommandIsAUsageError) { EXPECT_EQ(Issuer({}).exit_code, kExitUsage); }

}  // namespace
}  // namespace vaardig::issuer::cli
