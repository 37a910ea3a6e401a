#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/encoding/base64url.h"
#include "core/jose/jwk.h"
#include "core/jose/jws.h"
#include "tests/cli/cli_test_util.h"
#include "verifier/cli/app.h"
#include "verifier/cli/verify_jws.h"

namespace vaardig::verifier::cli {
namespace {

using ::testing::HasSubstr;
using vaardig::testing::RunCli;
using vaardig::testing::ScratchDir;
using vaardig::testing::WriteFile;

vaardig::testing::CliResult Verifier(const std::vector<std::string>& args,
                                     const std::string& stdin_text = "") {
  return RunCli(RunVerifierCli, "vaardig-verifier", args, stdin_text);
}

struct Signed {
  jose::PrivateJwk key;
  std::string jws;
};

Signed SignWith(jose::Algorithm alg, const std::string& payload, const Json& header) {
  auto key = jose::PrivateJwk::Generate(alg, "key-1");
  EXPECT_TRUE(key);
  auto jws = jose::SignCompactJws(*key, header, AsBytes(payload));
  EXPECT_TRUE(jws) << jws.error();
  return {*key, *jws};
}

std::string FlipLastSignatureBit(const std::string& jws) {
  const auto dot = jws.rfind('.');
  auto sig = encoding::Base64UrlDecode(std::string_view(jws).substr(dot + 1));
  EXPECT_TRUE(sig);
  sig->back() ^= 0x01;
  return jws.substr(0, dot + 1) + encoding::Base64UrlEncode(*sig);
}

Json Status(const Json& report, std::string_view check) {
  for (const auto& c : report["checks"]) {
    if (c["check"] == check) return c["status"];
  }
  return nullptr;
}

TEST(VerifyJwsReport, ValidJwsIsVerifiedWithPayloadAndHeaderFields) {
  const Json header = {{"typ", "dc+sd-jwt"}, {"kid", "key-1"}};
  for (const auto alg : {jose::Algorithm::kEs256, jose::Algorithm::kEdDsa}) {
    const auto s = SignWith(alg, R"({"level":2})", header);
    const auto report = VerifyJwsWithReport(s.jws, s.key.public_jwk(), "dc+sd-jwt");
    EXPECT_EQ(report.verdict, Verdict::kVerified);
    EXPECT_EQ(report.json["verified"], true);
    EXPECT_EQ(report.json["alg"], jose::AlgorithmName(alg));
    EXPECT_EQ(report.json["kid"], "key-1");
    EXPECT_EQ(report.json["payload"]["level"], 2);
    EXPECT_EQ(Status(report.json, "signature"), "passed");
    EXPECT_EQ(Status(report.json, "typ"), "passed");
    EXPECT_FALSE(report.json.contains("error"));
  }
}

TEST(VerifyJwsReport, FlippedSignatureBitIsRejectedWithoutPayload) {
  const auto s = SignWith(jose::Algorithm::kEs256, R"({"a":1})", Json::object());
  const auto report = VerifyJwsWithReport(FlipLastSignatureBit(s.jws), s.key.public_jwk(), {});
  EXPECT_EQ(report.verdict, Verdict::kRejected);
  EXPECT_EQ(report.json["verified"], false);
  EXPECT_TRUE(report.json["payload"].is_null());
  EXPECT_EQ(Status(report.json, "signature"), "failed");
  EXPECT_EQ(Status(report.json, "typ"), "skipped");
  EXPECT_EQ(report.json["error"]["code"], "unauthenticated");
}

TEST(VerifyJwsReport, MalformedInputCouldNotBeChecked) {
  auto key = jose::PrivateJwk::Generate(jose::Algorithm::kEdDsa);
  ASSERT_TRUE(key);
  for (const std::string input : {"", "abc", "a.b", "!!.e30.AA", "e30.e30.e30.e30"}) {
    const auto report = VerifyJwsWithReport(input, key->public_jwk(), {});
    EXPECT_EQ(report.verdict, Verdict::kCouldNotCheck) << input;
    EXPECT_EQ(Status(report.json, "signature"), "could_not_check") << input;
    EXPECT_TRUE(report.json["payload"].is_null());
  }
}

TEST(VerifierCli, ExitCodesFollowTheVerdict) {
  ScratchDir dir;
  const auto s = SignWith(jose::Algorithm::kEdDsa, R"({"skill":"x"})", {{"typ", "JWT"}});
  WriteFile(dir / "pub.jwk", DumpJson(s.key.public_jwk().ToJson()));
  WriteFile(dir / "good.jws", s.jws + "\n");
  WriteFile(dir / "bad.jws", FlipLastSignatureBit(s.jws));

  const auto good = Verifier({"verify-jws", "--jwk", dir / "pub.jwk", "--typ", "JWT", dir / "good.jws"});
  EXPECT_EQ(good.exit_code, kExitVerified) << good.out << good.err;
  EXPECT_EQ((*ParseJson(good.out))["verified"], true);

  const auto from_stdin = Verifier({"verify-jws", "--jwk", dir / "pub.jwk", "-"}, s.jws);
  EXPECT_EQ(from_stdin.exit_code, kExitVerified) << from_stdin.out;

  const auto bad = Verifier({"verify-jws", "--jwk", dir / "pub.jwk", dir / "bad.jws"});
  EXPECT_EQ(bad.exit_code, kExitRejected) << bad.out;
  EXPECT_THAT(bad.err, HasSubstr("rejected"));

  const auto garbage = Verifier({"verify-jws", "--jwk", dir / "pub.jwk", "-"}, "not a jws");
  EXPECT_EQ(garbage.exit_code, kExitCouldNotCheck) << garbage.out;

  const auto no_key = Verifier({"verify-jws", "--jwk", dir / "missing.jwk", dir / "good.jws"});
  EXPECT_EQ(no_key.exit_code, kExitCouldNotCheck);
  EXPECT_EQ((*ParseJson(no_key.out))["error"]["code"], "not_found");

  EXPECT_EQ(Verifier({"verify-jws", dir / "good.jws"}).exit_code, kExitCouldNotCheck);  // no --jwk
}

TEST(VerifierCli, WrongTypIsNotVerified) {
  ScratchDir dir;
  const auto s = SignWith(jose::Algorithm::kEs256, "{}", {{"typ", "JWT"}});
  WriteFile(dir / "pub.jwk", DumpJson(s.key.public_jwk().ToJson()));
  const auto r = Verifier({"verify-jws", "--jwk", dir / "pub.jwk", "--typ", "dc+sd-jwt", "-"}, s.jws);
  EXPECT_NE(r.exit_code, kExitVerified);
  auto report = ParseJson(r.out);
  ASSERT_TRUE(report) << r.out;
  EXPECT_EQ((*report)["verified"], false);
  EXPECT_NE(Status(*report, "typ"), "passed");
  EXPECT_EQ(Status(*report, "signature"), "could_not_check");  // not reached
}

TEST(VerifierCli, KeyOfAnotherAlgorithmIsNotVerified) {
  ScratchDir dir;
  const auto s = SignWith(jose::Algorithm::kEs256, "{}", Json::object());
  auto other = jose::PrivateJwk::Generate(jose::Algorithm::kEdDsa);
  ASSERT_TRUE(other);
  WriteFile(dir / "ed.jwk", DumpJson(other->public_jwk().ToJson()));
  const auto r = Verifier({"verify-jws", "--jwk", dir / "ed.jwk", "-"}, s.jws);
  EXPECT_NE(r.exit_code, kExitVerified);
  EXPECT_NE(Status(*ParseJson(r.out), "algorithm"), "passed");
}

TEST(VerifierCli, VersionAndHelp) {
  EXPECT_THAT(Verifier({"--version"}).out, HasSubstr("vaardig-verifier " VAARDIG_VERSION));
  const auto help = Verifier({"verify-jws", "--help"});
  EXPECT_EQ(help.exit_code, kExitVerified);
  EXPECT_THAT(help.out, HasSubstr("--jwk"));
}

}  // namespace
}  // namespace vaardig::verifier::cli
