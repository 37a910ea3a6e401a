// `vaardig-verifier trust ...`, run in-process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/did/did_jwk.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/vc.h"
#include "tests/cli/cli_test_util.h"
#include "verifier/cli/app.h"

namespace vaardig::verifier {
namespace {

using ::testing::HasSubstr;
using vaardig::testing::CliResult;
using vaardig::testing::ScratchDir;

CliResult Verifier(const std::vector<std::string>& args) {
  return vaardig::testing::RunCli(cli::RunVerifierCli, "vaardig-verifier", args);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(TrustCli, InitAddShowRemove) {
  ScratchDir dir;
  const std::string key = dir / "operator.jwk";
  const std::string list = dir / "trust.jws";
  CliResult init = Verifier({"trust", "init", "--key", key, "--out", list});
  ASSERT_EQ(init.exit_code, cli::kExitVerified) << init.err;
  EXPECT_THAT(init.out, HasSubstr("0 entries"));
  EXPECT_THAT(init.out, HasSubstr("\"kty\":\"EC\""));
  EXPECT_THAT(init.out, ::testing::Not(HasSubstr("\"d\"")));  // the public key only
  EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::group_all,
            std::filesystem::perms::none);

  CliResult add = Verifier({"trust", "add", "--list", list, "--key", key, "--issuer", "did:web:issuer.example",
                            "--name", "Gemeente Voorbeeld", "--type", "https://issuer.example/vct/skill/v1", "--type",
                            "OpenBadgeCredential", "--note", "pilot"});
  ASSERT_EQ(add.exit_code, cli::kExitVerified) << add.err;
  EXPECT_THAT(add.out, HasSubstr("1 entry"));

  CliResult show = Verifier({"trust", "show", "--list", list, "--key", key});
  ASSERT_EQ(show.exit_code, cli::kExitVerified) << show.err;
  auto json = ParseJson(show.out);
  ASSERT_TRUE(json.has_value()) << show.out;
  ASSERT_EQ((*json)["entries"].size(), 1u);
  EXPECT_EQ((*json)["entries"][0]["name"], "Gemeente Voorbeeld");
  EXPECT_EQ((*json)["entries"][0]["credential_types"][1], "OpenBadgeCredential");

  CliResult remove = Verifier({"trust", "remove", "--list", list, "--key", key, "--issuer", "did:web:issuer.example"});
  ASSERT_EQ(remove.exit_code, cli::kExitVerified) << remove.err;
  CliResult missing = Verifier({"trust", "remove", "--list", list, "--key", key, "--issuer", "did:web:issuer.example"});
  EXPECT_EQ(missing.exit_code, cli::kExitRejected);
  EXPECT_THAT(missing.err, HasSubstr("not on the trust list"));
}

TEST(TrustCli, RefusesATamperedListOrAnotherKey) {
  ScratchDir dir;
  const std::string key = dir / "operator.jwk";
  const std::string other = dir / "other.jwk";
  const std::string list = dir / "trust.jws";
  ASSERT_EQ(Verifier({"trust", "init", "--key", key, "--out", list}).exit_code, cli::kExitVerified);
  ASSERT_EQ(Verifier({"trust", "init", "--key", other, "--out", dir / "other.jws"}).exit_code, cli::kExitVerified);

  CliResult wrong = Verifier({"trust", "show", "--list", list, "--key", other});
  EXPECT_EQ(wrong.exit_code, cli::kExitRejected);
  EXPECT_THAT(wrong.err, HasSubstr("unauthenticated"));
  CliResult wrong_add = Verifier({"trust", "add", "--list", list, "--key", other, "--issuer", "did:web:x.example",
                                  "--name", "X", "--type", "*"});
  EXPECT_EQ(wrong_add.exit_code, cli::kExitRejected);

  std::string text = Slurp(list);
  const auto dot = text.find('.');
  text[dot + 3] = text[dot + 3] == 'A' ? 'B' : 'A';
  std::ofstream(list, std::ios::binary | std::ios::trunc) << text;
  CliResult tampered = Verifier({"trust", "show", "--list", list, "--key", key});
  EXPECT_EQ(tampered.exit_code, cli::kExitRejected);
}

TEST(TrustCli, UsageErrors) {
  ScratchDir dir;
  const std::string key = dir / "operator.jwk";
  const std::string list = dir / "trust.jws";
  ASSERT_EQ(Verifier({"trust", "init", "--key", key, "--out", list}).exit_code, cli::kExitVerified);
  CliResult again = Verifier({"trust", "init", "--key", key, "--out", list});
  EXPECT_EQ(again.exit_code, cli::kExitCouldNotCheck);
  EXPECT_THAT(again.err, HasSubstr("exists; not overwritten"));
  CliResult bad_issuer = Verifier({"trust", "add", "--list", list, "--key", key, "--issuer", "ftp://x", "--name", "X",
                                   "--type", "T"});
  EXPECT_EQ(bad_issuer.exit_code, cli::kExitRejected);
  EXPECT_THAT(bad_issuer.err, HasSubstr("must be a DID"));
  CliResult no_type = Verifier({"trust", "add", "--list", list, "--key", key, "--issuer", "did:web:x.example",
                                "--name", "X"});
  EXPECT_EQ(no_type.exit_code, cli::kExitCouldNotCheck);
  CliResult no_file = Verifier({"trust", "show", "--list", dir / "absent.jws", "--key", key});
  EXPECT_EQ(no_file.exit_code, cli::kExitCouldNotCheck);
  EXPECT_THAT(no_file.err, HasSubstr("cannot read"));
}

// `verify --trust-list FILE --trust-key JWK` reads the signed list: an issuer on it verifies, one
// that is not is rejected as not recognised, and a list signed by another key is not used at all.
TEST(TrustCli, VerifyUsesTheSignedList) {
  ScratchDir dir;
  const std::string key = dir / "operator.jwk";
  const std::string list = dir / "trust.jws";
  ASSERT_EQ(Verifier({"trust", "init", "--key", key, "--out", list}).exit_code, cli::kExitVerified);
  const jose::PrivateJwk issuer = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  const std::string did = did::CreateDidJwk(issuer.public_jwk());
  const Json claims = {{"iss", did}, {"iat", 1'700'000'000}, {"vct", "https://vaardig.example/vct/skill/v1"},
                       {"skill", {{"id", "https://vaardig.example/skills/1"}, {"level", 2}}}};
  sdjwt::SdJwtVcIssueOptions options;
  options.kid = did + "#0";
  const std::string credential = sdjwt::IssueSdJwtVc(claims, issuer, options).value().Compact();
  const std::string file = dir / "credential.txt";
  std::ofstream(file, std::ios::binary) << credential;

  CliResult unknown = Verifier({"verify", "--trust-list", list, "--trust-key", key, "--offline", file});
  EXPECT_EQ(unknown.exit_code, cli::kExitRejected) << unknown.out << unknown.err;
  EXPECT_THAT(unknown.out, HasSubstr("not recognised"));

  ASSERT_EQ(Verifier({"trust", "add", "--list", list, "--key", key, "--issuer", did, "--name", "Issuer", "--type",
                      "https://vaardig.example/vct/skill/v1"})
                .exit_code,
            cli::kExitVerified);
  CliResult known = Verifier({"verify", "--trust-list", list, "--trust-key", key, "--offline", file});
  EXPECT_EQ(known.exit_code, cli::kExitVerified) << known.out << known.err;

  const std::string other = dir / "other.jwk";
  ASSERT_EQ(Verifier({"trust", "init", "--key", other, "--out", dir / "other.jws"}).exit_code, cli::kExitVerified);
  CliResult wrong = Verifier({"verify", "--trust-list", list, "--trust-key", other, "--offline", file});
  EXPECT_EQ(wrong.exit_code, cli::kExitCouldNotCheck) << wrong.out << wrong.err;
  EXPECT_THAT(wrong.out, HasSubstr("unauthenticated"));
}

}  // namespace
}  // namespace vaardig::verifier
