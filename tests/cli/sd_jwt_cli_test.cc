// The SD-JWT VC commands end to end, in-process: issuer sign → wallet present → verifier verify,
// with a trust list, a status list served on loopback, batch mode, and every bad input.
#include <gtest/gtest.h>

#include "core/did/did_jwk.h"
#include "core/encoding/json.h"
#include "core/http/test_server.h"
#include "core/jose/jwk.h"
#include "core/status/status_list_token.h"
#include "issuer/cli/app.h"
#include "tests/cli/cli_test_util.h"
#include "verifier/cli/app.h"
#include "wallet/cli/app.h"

namespace vaardig {
namespace {

using testing::CliResult;
using testing::ReadFileOrEmpty;
using testing::ScratchDir;
using testing::WriteFile;

CliResult Issuer(const std::vector<std::string>& args, const std::string& in = "") {
  return testing::RunCli(issuer::cli::RunIssuerCli, "vaardig-issuer", args, in);
}
CliResult Wallet(const std::vector<std::string>& args) {
  return testing::RunCli([](int argc, const char* const* argv, std::istream&, std::ostream& out,
                            std::ostream& err) { return wallet::cli::RunWalletCli(argc, argv, out, err); },
                         "vaardig-wallet", args);
}
CliResult Verifier(const std::vector<std::string>& args, const std::string& in = "") {
  return testing::RunCli(verifier::cli::RunVerifierCli, "vaardig-verifier", args, in);
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

struct CliScenario {
  ScratchDir dir;
  std::string issuer_key = dir / "issuer.jwk";
  std::string issuer_pub = dir / "issuer.pub.jwk";
  std::string holder_key = dir / "holder.jwk";
  std::string holder_pub = dir / "holder.pub.jwk";
  std::string claims = dir / "claims.json";
  std::string iss;

  CliScenario() {
    EXPECT_EQ(Issuer({"keys", "generate", "--alg", "ES256", "--kid", "issuer-1", "--out", issuer_key}).exit_code, 0);
    WriteFile(issuer_pub, Issuer({"keys", "public", "--key", issuer_key}).out);
    EXPECT_EQ(Issuer({"keys", "generate", "--alg", "ES256", "--out", holder_key}).exit_code, 0);
    WriteFile(holder_pub, Issuer({"keys", "public", "--key", holder_key}).out);
    auto pub = jose::PublicJwk::Parse(std::string_view(ReadFileOrEmpty(issuer_pub)));
    iss = did::CreateDidJwk(pub->WithKid("x"));
    WriteClaims(Json::object());
  }
  void WriteClaims(const Json& extra) {
    Json c = Json::parse(R"({"vct": "https://gemeente-voorbeeld.example/vct/skill/v1", "exp": 4102444800,
      "skill": {"id": "https://gemeente-voorbeeld.example/skills/snoeien", "name": {"nl": "Snoeien", "en": "Pruning"}, "level": 2},
      "confirmation": {"status": "confirmed", "by": {"name": "Karin Bakker", "role": "teamleider"}},
      "evidence": [{"name": "haag.jpg", "sha256": "abc"}],
      "holder": {"given_name": "Sanne", "family_name": "de Vries"}})");
    c["iss"] = iss;
    for (const auto& [k, v] : extra.items()) c[k] = v;
    WriteFile(claims, c.dump());
  }
  std::string Sign(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"sign", "--format", "dc+sd-jwt", "--key", issuer_key, "--claims", claims,
                                     "--holder-jwk", holder_pub};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = Issuer(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    WriteFile(dir / "cred.txt", r.out);
    return Trim(r.out);
  }
  CliResult Present(std::vector<std::string> disclose, const std::string& key = "") {
    std::vector<std::string> args = {"present", "--credential", dir / "cred.txt", "--holder-key",
                                     key.empty() ? holder_key : key, "--aud", "https://werkgever.example", "--nonce", "n-1"};
    for (const auto& d : disclose) {
      args.push_back("--disclose");
      args.push_back(d);
    }
    auto r = Wallet(args);
    WriteFile(dir / "pres.txt", r.out);
    return r;
  }
};

Json Report(const CliResult& r) {
  auto json = ParseJson(r.out);
  EXPECT_TRUE(json) << r.out << r.err;
  return json ? *json : Json::object();
}

std::string CheckResult(const Json& report, const std::string& name) {
  for (const Json& c : report["checks"]) {
    if (c["name"] == name) return c["result"].get<std::string>();
  }
  return "missing";
}

TEST(SdJwtCli, IssuePresentVerifySkillsFirst) {
  CliScenario s;
  const std::string credential = s.Sign();
  EXPECT_NE(credential.find('~'), std::string::npos);
  const auto presented = s.Present({"skill", "confirmation.by.role"});
  ASSERT_EQ(presented.exit_code, 0) << presented.err;

  const auto r = Verifier({"verify", "--issuer-jwk", s.issuer_pub, "--aud", "https://werkgever.example", "--nonce", "n-1",
                           "--offline", s.dir / "pres.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const Json report = Report(r);
  EXPECT_EQ(report["verified"], true);
  EXPECT_EQ(report["format"], "dc+sd-jwt");
  EXPECT_EQ(report["issuer"], s.iss);
  EXPECT_EQ(report["claims"]["skill"]["level"], 2);
  EXPECT_EQ(report["claims"]["confirmation"]["by"]["role"], "teamleider");
  EXPECT_FALSE(report["claims"]["confirmation"]["by"].contains("name"));
  EXPECT_FALSE(report["claims"].contains("holder"));
  EXPECT_FALSE(report["claims"].contains("evidence"));
  EXPECT_EQ(r.out.find("Sanne"), std::string::npos);
  EXPECT_EQ(CheckResult(report, "holder_binding"), "passed");
  EXPECT_EQ(CheckResult(report, "status"), "skipped");
}

TEST(SdJwtCli, TrustListDecidesWhoIsRecognised) {
  CliScenario s;
  s.Sign();
  ASSERT_EQ(s.Present({"skill"}).exit_code, 0);
  const std::string trusted = s.dir / "trust.json";
  WriteFile(trusted, Json{{"issuers", {{{"id", s.iss}, {"name", "Gemeente Voorbeeld"},
                                        {"credential_types", {"https://gemeente-voorbeeld.example/vct/skill/v1"}}}}}}.dump());
  auto r = Verifier({"verify", "--trust-list", trusted, "--aud", "https://werkgever.example", "--nonce", "n-1",
                     "--offline", s.dir / "pres.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(CheckResult(Report(r), "issuer"), "passed");

  const std::string other = s.dir / "other.json";
  WriteFile(other, Json{{"issuers", {{{"id", "did:web:elders.example"}}}}}.dump());
  r = Verifier({"verify", "--trust-list", other, "--aud", "https://werkgever.example", "--nonce", "n-1", "--offline",
                s.dir / "pres.txt"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const Json report = Report(r);
  EXPECT_EQ(report["verified"], false);
  EXPECT_EQ(CheckResult(report, "issuer"), "failed");
  EXPECT_EQ(CheckResult(report, "signature"), "not_checked");
  EXPECT_NE(report["error"]["message"].get<std::string>().find("not recognised"), std::string::npos);

  const std::string wrong_type = s.dir / "wrong_type.json";
  WriteFile(wrong_type, Json{{"issuers", {{{"id", s.iss}, {"credential_types", {"https://x.example/diploma"}}}}}}.dump());
  r = Verifier({"verify", "--trust-list", wrong_type, "--offline", s.dir / "cred.txt"});
  EXPECT_EQ(r.exit_code, 1);
}

TEST(SdJwtCli, RejectionsAndCouldNotCheckAreTold) {
  CliScenario s;
  s.Sign();
  ASSERT_EQ(s.Present({"skill"}).exit_code, 0);
  const std::string pres = Trim(ReadFileOrEmpty(s.dir / "pres.txt"));
  const std::vector<std::string> base = {"verify", "--issuer-jwk", s.issuer_pub, "--offline"};

  auto with = [&](std::vector<std::string> extra, const std::string& input) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("-");
    return Verifier(args, input);
  };
  // Wrong nonce, wrong audience: holder binding fails.
  auto r = with({"--aud", "https://werkgever.example", "--nonce", "other"}, pres);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CheckResult(Report(r), "holder_binding"), "failed");
  r = with({"--aud", "https://elders.example", "--nonce", "n-1"}, pres);
  EXPECT_EQ(r.exit_code, 1);
  // The bare credential when a presentation is required: no KB-JWT.
  r = with({"--aud", "https://werkgever.example", "--nonce", "n-1"}, Trim(ReadFileOrEmpty(s.dir / "cred.txt")));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  // A tampered signature.
  std::string tampered = pres;
  const auto second_dot = tampered.find('.', tampered.find('.') + 1);
  tampered[second_dot + 5] = tampered[second_dot + 5] == 'A' ? 'B' : 'A';
  r = with({"--aud", "https://werkgever.example", "--nonce", "n-1"}, tampered);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CheckResult(Report(r), "signature"), "failed");
  // Another issuer key.
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "ES256", "--out", s.dir / "other.jwk"}).exit_code, 0);
  WriteFile(s.dir / "other.pub", Issuer({"keys", "public", "--key", s.dir / "other.jwk"}).out);
  r = Verifier({"verify", "--issuer-jwk", s.dir / "other.pub", "--offline", s.dir / "cred.txt"});
  EXPECT_EQ(r.exit_code, 1);
  // Garbage is rejected; an unreadable key file means we could not check.
  r = with({}, "not a credential");
  EXPECT_EQ(r.exit_code, 1);
  r = Verifier({"verify", "--issuer-jwk", s.dir / "missing.jwk", s.dir / "cred.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(Report(r)["verified"], false);
  // Usage errors.
  EXPECT_EQ(Verifier({"verify", s.dir / "cred.txt"}).exit_code, 2);
  EXPECT_EQ(Verifier({"verify", "--issuer-jwk", s.issuer_pub, "--aud", "x", s.dir / "cred.txt"}).exit_code, 2);
}

TEST(SdJwtCli, BatchGivesOneReportPerLine) {
  CliScenario s;
  s.Sign();
  const std::string good = Trim(ReadFileOrEmpty(s.dir / "cred.txt"));
  std::string bad = good;
  bad[bad.size() / 3] = bad[bad.size() / 3] == 'A' ? 'B' : 'A';
  const auto r = Verifier({"verify", "--issuer-jwk", s.issuer_pub, "--offline", "--batch", "-"},
                          good + "\n" + bad + "\n\n" + good + "\n");
  EXPECT_EQ(r.exit_code, 1);
  std::istringstream lines(r.out);
  std::vector<bool> verified;
  for (std::string line; std::getline(lines, line);) {
    auto json = ParseJson(line);
    ASSERT_TRUE(json) << line;
    verified.push_back((*json)["verified"].get<bool>());
  }
  EXPECT_EQ(verified, (std::vector<bool>{true, false, true}));
}

TEST(SdJwtCli, StatusIsFetchedAndRevocationRejects) {
  CliScenario s;
  auto list = status::StatusList::Create(1, 1024);
  ASSERT_TRUE(list);
  ASSERT_TRUE(list->Set(17, 1));
  auto key = jose::PrivateJwk::Parse(std::string_view(ReadFileOrEmpty(s.issuer_key)));
  ASSERT_TRUE(key);
  auto server = http::TestHttpServer::Start({});
  ASSERT_TRUE(server) << server.error();
  const std::string uri = (*server)->BaseUrl() + "/status/1";
  auto token = status::SignStatusListToken(*list, {.sub = uri, .iat = 1'700'000'000, .exp = {}, .ttl = 60, .iss = {}}, *key);
  ASSERT_TRUE(token);
  (*server)->SetRoute("/status/1", {.status = 200, .content_type = "application/statuslist+jwt", .body = *token});

  s.Sign({"--status-uri", uri, "--status-idx", "3"});
  auto r = Verifier({"verify", "--issuer-jwk", s.issuer_pub, "--allow-http-loopback", s.dir / "cred.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(CheckResult(Report(r), "status"), "passed");

  s.Sign({"--status-uri", uri, "--status-idx", "17"});
  r = Verifier({"verify", "--issuer-jwk", s.issuer_pub, "--allow-http-loopback", s.dir / "cred.txt"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(CheckResult(Report(r), "status"), "failed");
  EXPECT_NE(r.out.find("revoked"), std::string::npos);

  // The list cannot be fetched: could not check, never "valid".
  (*server)->Stop();
  s.Sign({"--status-uri", uri, "--status-idx", "3"});
  r = Verifier({"verify", "--issuer-jwk", s.issuer_pub, "--allow-http-loopback", s.dir / "cred.txt"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(CheckResult(Report(r), "status"), "could_not_check");
}

TEST(SdJwtCli, BadSignAndPresentInputs) {
  CliScenario s;
  s.Sign();
  // Present with a key the credential is not bound to.
  const auto other = s.Present({"skill"}, s.issuer_key);
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("not the key"), std::string::npos) << other.err;
  // A path that does not exist in the credential, and a malformed path.
  EXPECT_EQ(s.Present({"skill["}).exit_code, 1);
  // Sign: bad claims, bad --sd, no iss, never-disclosable claim, half a status reference.
  WriteFile(s.dir / "bad.json", "{not json");
  EXPECT_EQ(Issuer({"sign", "--key", s.issuer_key, "--claims", s.dir / "bad.json"}).exit_code, 1);
  EXPECT_EQ(Issuer({"sign", "--key", s.issuer_key, "--claims", s.claims, "--sd", "a..b"}).exit_code, 1);
  EXPECT_EQ(Issuer({"sign", "--key", s.issuer_key, "--claims", s.claims, "--sd", "iss"}).exit_code, 1);
  EXPECT_EQ(Issuer({"sign", "--key", s.issuer_key, "--claims", s.claims, "--status-uri", "https://x"}).exit_code, 2);
  EXPECT_EQ(Issuer({"sign", "--key", s.issuer_key, "--claims", s.claims, "--format", "mso_mdoc"}).exit_code, 2);
  EXPECT_EQ(Issuer({"sign", "--key", s.dir / "missing", "--claims", s.claims}).exit_code, 1);
  s.WriteClaims(Json{{"iss", nullptr}});
  EXPECT_EQ(Issuer({"sign", "--key", s.issuer_key, "--claims", s.claims}).exit_code, 1);
}

}  // namespace
}  // namespace vaardig
