// vaardig-verifier canonicalize: the 1EdTech Open Badges vector's canonical N-Quads from a file
// and from standard input, --expand, --context for a context that is not bundled, and clear
// errors for everything else.
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/cli_test_util.h"
#include "verifier/cli/app.h"

namespace vaardig::verifier::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using vaardig::testing::RunCli;
using vaardig::testing::ScratchDir;
using vaardig::testing::WriteFile;

const std::string kObDir = std::string(VAARDIG_SOURCE_DIR) + "/tests/vectors/openbadges/impl/";

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

vaardig::testing::CliResult Verifier(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  return RunCli(RunVerifierCli, "vaardig-verifier", args, stdin_text);
}

TEST(CanonicalizeCli, PrintsTheOpenBadgesVectorsCanonicalForm) {
  const auto r = Verifier({"canonicalize", kObDir + "credential.json"});
  EXPECT_EQ(r.exit_code, kExitVerified) << r.err;
  EXPECT_EQ(r.out, Read(kObDir + "document-canon.txt"));
  EXPECT_EQ(r.err, "");
}

TEST(CanonicalizeCli, ReadsStandardInputAndPrintsTheMap) {
  const auto r = Verifier({"canonicalize", "--map", "-"}, Read(kObDir + "credential.json"));
  EXPECT_EQ(r.exit_code, kExitVerified) << r.err;
  EXPECT_EQ(r.out, Read(kObDir + "document-canon.txt"));
  EXPECT_THAT(r.err, HasSubstr("-> _:c14n0"));
}

TEST(CanonicalizeCli, ExpandPrintsExpandedJsonLd) {
  const auto r = Verifier({"canonicalize", "--expand", kObDir + "credential.json"});
  EXPECT_EQ(r.exit_code, kExitVerified) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"https://www.w3.org/2018/credentials#credentialSubject\""));
}

TEST(CanonicalizeCli, UnbundledContextIsRefusedUnlessGivenAsAFile) {
  ScratchDir dir;
  WriteFile(dir / "doc.json", R"({"@context": ["https://www.w3.org/ns/credentials/v2",
      "https://example.com/skills/v1"], "type": "VerifiableCredential",
      "credentialSubject": {"id": "did:example:1", "skill": "snoeien"}})");
  auto r = Verifier({"canonicalize", dir / "doc.json"});
  EXPECT_EQ(r.exit_code, kExitCouldNotCheck);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("vaardig-verifier: cannot canonicalize: permission_denied: "));
  EXPECT_THAT(r.err, HasSubstr("context not allowed: https://example.com/skills/v1"));

  WriteFile(dir / "ctx.json", R"({"@context": {"skill": "https://example.com/skills#skill"}})");
  r = Verifier({"canonicalize", "--context", "https://example.com/skills/v1=" + (dir / "ctx.json"),
                dir / "doc.json"});
  EXPECT_EQ(r.exit_code, kExitVerified) << r.err;
  EXPECT_THAT(r.out, HasSubstr("<did:example:1> <https://example.com/skills#skill> \"snoeien\" .\n"));
}

TEST(CanonicalizeCli, UndefinedTermsAreRefusedUnlessAllowed) {
  ScratchDir dir;
  WriteFile(dir / "doc.json", R"({"@context": ["https://www.w3.org/ns/credentials/v2"],
      "type": "VerifiableCredential", "credentialSubject": {"id": "did:example:1", "skill": "snoeien"}})");
  auto r = Verifier({"canonicalize", dir / "doc.json"});
  EXPECT_EQ(r.exit_code, kExitCouldNotCheck);
  EXPECT_THAT(r.err, HasSubstr("safe mode: property 'skill' is not defined by the contexts"));
  r = Verifier({"canonicalize", "--allow-undefined", dir / "doc.json"});
  EXPECT_EQ(r.exit_code, kExitVerified) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("snoeien")));
}

TEST(CanonicalizeCli, BadInputGivesAClearErrorAndNoOutput) {
  ScratchDir dir;
  WriteFile(dir / "bad.json", "{\"@context\": ");
  WriteFile(dir / "bad-ld.json", R"({"@context": {"@vocab": 5}})");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"canonicalize", dir / "missing.json"}, "not_found: cannot read"},
      {{"canonicalize", dir / "bad.json"}, "invalid_argument: the input is not JSON"},
      {{"canonicalize", dir / "bad-ld.json"}, "invalid_argument: invalid vocab mapping"},
      {{"canonicalize", "--context", "no-equals-sign", dir / "bad-ld.json"}, "--context takes URL=FILE"},
      {{"canonicalize", "--context", "https://x.example/c=" + (dir / "bad.json"), dir / "bad-ld.json"},
       "--context"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = Verifier(args);
    EXPECT_EQ(r.exit_code, kExitCouldNotCheck) << args.back();
    EXPECT_EQ(r.out, "");
    EXPECT_THAT(r.err, HasSubstr(message)) << args.back();
  }
}

}  // namespace
}  // namespace vaardig::verifier::cli
