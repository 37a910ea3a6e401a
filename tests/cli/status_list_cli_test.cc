// `vaardig-issuer status-list create|set` (W3C Bitstring Status List credentials) and
// `vaardig-verifier status`, run in-process against a scratch directory.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/did/did_key.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "issuer/cli/app.h"
#include "tests/cli/cli_test_util.h"
#include "verifier/cli/app.h"

namespace vaardig {
namespace {

using ::testing::HasSubstr;
using vaardig::testing::ReadFileOrEmpty;
using vaardig::testing::RunCli;
using vaardig::testing::ScratchDir;
using vaardig::testing::WriteFile;

constexpr char kListUrl[] = "https://issuer.example/status/1";

vaardig::testing::CliResult Issuer(const std::vector<std::string>& args) {
  return RunCli(issuer::cli::RunIssuerCli, "vaardig-issuer", args);
}
vaardig::testing::CliResult Verifier(const std::vector<std::string>& args) {
  return RunCli(verifier::cli::RunVerifierCli, "vaardig-verifier", args);
}

struct Keys {
  ScratchDir dir;
  std::string key = dir / "issuer.jwk";
  std::string did;
  std::string list = dir / "list.json";

  explicit Keys(const char* alg = "EdDSA") {
    const auto r = Issuer({"keys", "generate", "--alg", alg, "--out", key});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto parsed = jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(key)));
    EXPECT_TRUE(parsed);
    auto created = did::CreateDidKey(parsed->public_jwk());
    EXPECT_TRUE(created);
    did = created ? *created : "";
  }
  vaardig::testing::CliResult Create(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"status-list", "create", "--key", key, "--issuer", did, "--id", kListUrl,
                                     "--out", list};
    args.insert(args.end(), extra.begin(), extra.end());
    return Issuer(args);
  }
  vaardig::testing::CliResult Set(const std::string& index, const std::string& value) const {
    return Issuer({"status-list", "set", "--key", key, "--list", list, "--index", index, "--value", value,
                   "--out", list});
  }
  vaardig::testing::CliResult Status(const std::string& index, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"status", "--list", list, "--index", index, "--offline"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Verifier(args);
  }
};

Json ParseOrNull(const std::string& text) {
  auto json = ParseJson(text);
  return json ? *json : Json();
}

TEST(BitstringStatusListCli, CreateSetAndReadBack) {
  Keys k;
  const auto created = k.Create({"--ttl", "60000", "--valid-for", "86400"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const Json summary = ParseOrNull(created.out);
  EXPECT_EQ(summary["id"], kListUrl);
  EXPECT_EQ(summary["issuer"], k.did);
  EXPECT_EQ(summary["entries"], 131072);
  const Json list = ParseOrNull(ReadFileOrEmpty(k.list));
  EXPECT_EQ(list["type"], Json::array({"VerifiableCredential", "BitstringStatusListCredential"}));
  EXPECT_EQ(list["credentialSubject"]["ttl"], 60000);
  EXPECT_EQ(list["proof"]["cryptosuite"], "eddsa-rdfc-2022");
  EXPECT_TRUE(list.contains("validUntil"));

  auto before = k.Status("5", {"--issuer", k.did});
  ASSERT_EQ(before.exit_code, verifier::cli::kExitVerified) << before.out << before.err;
  EXPECT_EQ(ParseOrNull(before.out)["status"]["value"], 0);

  ASSERT_EQ(k.Set("5", "1").exit_code, 0);
  ASSERT_EQ(k.Set("131071", "1").exit_code, 0);
  const Json updated = ParseOrNull(ReadFileOrEmpty(k.list));
  EXPECT_EQ(updated["credentialSubject"]["ttl"], 60000);  // kept when re-signed
  auto after = k.Status("5", {"--issuer", k.did});
  EXPECT_EQ(after.exit_code, verifier::cli::kExitRejected) << after.out << after.err;
  const Json report = ParseOrNull(after.out);
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["status"]["value"], 1);
  EXPECT_EQ(report["list"]["issuer"], k.did);
  EXPECT_EQ(k.Status("131071").exit_code, verifier::cli::kExitRejected);
  EXPECT_EQ(k.Status("6").exit_code, verifier::cli::kExitVerified);

  // Without --out the credential is printed.
  const auto printed = Issuer({"status-list", "set", "--key", k.key, "--list", k.list, "--index", "5", "--value", "0"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(ParseOrNull(printed.out)["credentialSubject"]["type"], "BitstringStatusList");
}

TEST(BitstringStatusListCli, SuspensionListIsReadWithItsPurpose) {
  Keys k;
  ASSERT_EQ(k.Create({"--purpose", "suspension"}).exit_code, 0);
  ASSERT_EQ(k.Set("9", "1").exit_code, 0);
  EXPECT_EQ(k.Status("9", {"--purpose", "suspension"}).exit_code, verifier::cli::kExitRejected);
  auto wrong = k.Status("9", {"--purpose", "revocation"});
  EXPECT_EQ(wrong.exit_code, verifier::cli::kExitCouldNotCheck);
  EXPECT_THAT(wrong.err, HasSubstr("is not a purpose of the status list"));
}

TEST(BitstringStatusListCli, VerifierRejectsTamperedForeignAndOutOfRange) {
  Keys k;
  ASSERT_EQ(k.Create().exit_code, 0);
  ASSERT_EQ(k.Set("3", "1").exit_code, 0);
  Keys other;
  auto foreign = k.Status("3", {"--issuer", other.did});
  EXPECT_EQ(foreign.exit_code, verifier::cli::kExitRejected);
  EXPECT_THAT(foreign.err, HasSubstr("permission_denied"));

  auto range = k.Status("131072");
  EXPECT_EQ(range.exit_code, verifier::cli::kExitCouldNotCheck);
  EXPECT_THAT(range.err, HasSubstr("beyond the list"));

  // Unrevoke 3 by copying in the encodedList of a fresh list: the proof no longer verifies.
  ASSERT_EQ(other.Create().exit_code, 0);
  Json tampered = ParseOrNull(ReadFileOrEmpty(k.list));
  tampered["credentialSubject"]["encodedList"] = ParseOrNull(ReadFileOrEmpty(other.list))["credentialSubject"]["encodedList"];
  WriteFile(k.list, tampered.dump());
  auto bad = k.Status("3");
  EXPECT_EQ(bad.exit_code, verifier::cli::kExitRejected);
  EXPECT_THAT(bad.err, HasSubstr("unauthenticated"));

  auto missing = Verifier({"status", "--list", k.dir / "nope.json", "--index", "1", "--offline"});
  EXPECT_EQ(missing.exit_code, verifier::cli::kExitCouldNotCheck);
}

TEST(BitstringStatusListCli, SetRefusesAListAnotherKeySigned) {
  Keys k;
  ASSERT_EQ(k.Create().exit_code, 0);
  Keys other;
  auto r = Issuer({"status-list", "set", "--key", other.key, "--list", k.list, "--index", "1", "--value", "1"});
  EXPECT_EQ(r.exit_code, issuer::cli::kExitFailed);
  EXPECT_THAT(r.err, HasSubstr("failed_precondition: --list was not signed by --key"));
  auto range = k.Set("131072", "1");
  EXPECT_EQ(range.exit_code, issuer::cli::kExitFailed);
  EXPECT_THAT(range.err, HasSubstr("--index 131072"));
  auto big = k.Set("1", "2");
  EXPECT_EQ(big.exit_code, issuer::cli::kExitFailed);
  EXPECT_THAT(big.err, HasSubstr("does not fit in statusSize bits"));
}

TEST(BitstringStatusListCli, CreateRejectsBadInput) {
  Keys es("ES256");
  auto not_ed = es.Create();
  EXPECT_EQ(not_ed.exit_code, issuer::cli::kExitFailed);
  EXPECT_THAT(not_ed.err, HasSubstr("needs an Ed25519 key"));

  Keys k;
  Keys other;
  auto wrong_did = Issuer({"status-list", "create", "--key", k.key, "--issuer", other.did, "--id", kListUrl});
  EXPECT_EQ(wrong_did.exit_code, issuer::cli::kExitFailed);
  EXPECT_THAT(wrong_did.err, HasSubstr("is not the did:key of --key"));

  auto web = Issuer({"status-list", "create", "--key", k.key, "--issuer", "did:web:issuer.example", "--id", kListUrl});
  EXPECT_EQ(web.exit_code, issuer::cli::kExitUsage);
  EXPECT_THAT(web.err, HasSubstr("--verification-method is needed"));
  auto web_ok = Issuer({"status-list", "create", "--key", k.key, "--issuer", "did:web:issuer.example", "--id", kListUrl,
                        "--verification-method", "did:web:issuer.example#key-1"});
  ASSERT_EQ(web_ok.exit_code, 0) << web_ok.err;
  EXPECT_EQ(ParseOrNull(web_ok.out)["proof"]["verificationMethod"], "did:web:issuer.example#key-1");

  EXPECT_EQ(k.Create({"--entries", "1000"}).exit_code, issuer::cli::kExitFailed);
  EXPECT_EQ(k.Create({"--purpose", "refresh"}).exit_code, issuer::cli::kExitUsage);
  EXPECT_EQ(k.Create({"--valid-for", "0"}).exit_code, issuer::cli::kExitUsage);
  auto bad_id = Issuer({"status-list", "create", "--key", k.key, "--issuer", k.did, "--id", "ftp://x/list"});
  EXPECT_EQ(bad_id.exit_code, issuer::cli::kExitFailed);
  EXPECT_THAT(bad_id.err, HasSubstr("status list id must be an http(s) URL"));
}

TEST(BitstringStatusListCli, TokenStatusListCommandStillNeedsKeyAndUri) {
  Keys es("ES256");
  auto missing = Issuer({"status-list", "--key", es.key});
  EXPECT_EQ(missing.exit_code, issuer::cli::kExitUsage);
  EXPECT_THAT(missing.err, HasSubstr("status-list needs --key and --uri"));
  auto token = Issuer({"status-list", "--key", es.key, "--uri", "https://issuer.example/tsl/1", "--size", "16"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  EXPECT_EQ(std::count(token.out.begin(), token.out.end(), '.'), 2);  // a compact JWT
}

}  // namespace
}  // namespace vaardig
