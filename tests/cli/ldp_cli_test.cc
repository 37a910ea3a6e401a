// The W3C Data Integrity commands end to end, in-process: issuer sign --format ldp_vc → wallet
// present --format ldp_vp → verifier verify, with a trust list, and every bad input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/encoding/json.h"
#include "core/http/test_server.h"
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

Json ParseOrNull(const std::string& text) {
  auto json = ParseJson(text);
  return json ? *json : Json();
}

// The result of the named check in a report ("" when absent).
std::string CheckResult(const Json& report, std::string_view name) {
  if (!report.contains("checks")) return "";
  for (const Json& c : report["checks"]) {
    if (c["name"] == name) return c["result"].get<std::string>();
  }
  return "";
}

struct LdpScenario {
  ScratchDir dir;
  std::string issuer_key = dir / "issuer.jwk";
  std::string holder_key = dir / "holder.jwk";
  std::string issuer_did;  // did:jwk of the issuer key, from keys generate
  std::string holder_did;
  std::string credential = dir / "badge.json";
  std::string trust = dir / "trust.json";

  LdpScenario() {
    const CliResult issuer = Issuer({"keys", "generate", "--alg", "EdDSA", "--out", issuer_key});
    EXPECT_EQ(issuer.exit_code, 0) << issuer.err;
    const CliResult holder = Issuer({"keys", "generate", "--alg", "EdDSA", "--out", holder_key});
    EXPECT_EQ(holder.exit_code, 0) << holder.err;
    holder_did = ParseOrNull(holder.out).value("did", "");
    WriteCredential(Json::object());
  }
  void WriteCredential(const Json& changes) {
    Json c = Json::parse(R"({
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      "id": "urn:uuid:0f5c3a7e-2b1d-4a8e-9c6f-1d2e3f4a5b6c",
      "type": ["VerifiableCredential", "OpenBadgeCredential"],
      "name": "Snoeien",
      "credentialSubject": {"type": ["AchievementSubject"],
        "achievement": {"id": "https://vaardig.example/skills/snoeien", "type": ["Achievement"], "name": "Snoeien",
                        "description": "Bomen veilig snoeien", "criteria": {"narrative": "Bevestigd"}}}})");
    c["credentialSubject"]["id"] = holder_did;
    c.merge_patch(changes);
    WriteFile(credential, c.dump());
  }
  // Signs and returns the secured credential's file.
  std::string Sign(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"sign", "--format", "ldp_vc", "--key", issuer_key, "--credential", credential};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = Issuer(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const Json signed_json = ParseOrNull(r.out);
    issuer_did = signed_json.value("issuer", Json("")).is_string() ? signed_json["issuer"].get<std::string>() : "";
    WriteFile(trust, Json{{"issuers", Json::array({Json{{"id", issuer_did}, {"name", "Gemeente Voorbeeld"},
                                                        {"credential_types", Json::array({"OpenBadgeCredential"})}}})}}
                         .dump());
    const std::string file = dir / ("signed-" + std::to_string(++signed_count) + ".json");
    WriteFile(file, r.out);
    return file;
  }
  int signed_count = 0;
};

TEST(LdpCli, SignPresentVerifyRoundTrip) {
  LdpScenario s;
  const std::string signed_file = s.Sign();
  const Json secured = ParseOrNull(ReadFileOrEmpty(signed_file));
  ASSERT_TRUE(secured.contains("proof"));
  EXPECT_EQ(secured["proof"]["cryptosuite"], "eddsa-rdfc-2022");
  EXPECT_EQ(secured["proof"]["proofPurpose"], "assertionMethod");
  EXPECT_TRUE(secured["issuer"].get<std::string>().starts_with("did:key:z6Mk"));
  EXPECT_EQ(secured["proof"]["verificationMethod"].get<std::string>().substr(0, secured["issuer"].get<std::string>().size()),
            secured["issuer"]);
  EXPECT_TRUE(secured.contains("validFrom"));

  CliResult r = Verifier({"verify", "--trust-list", s.trust, "--offline", signed_file});
  Json report = ParseOrNull(r.out);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(report["verified"], true);
  EXPECT_EQ(report["format"], "ldp_vc");
  EXPECT_EQ(report["issuer"], s.issuer_did);
  EXPECT_EQ(report["claims"]["credentialSubject"]["achievement"]["name"], "Snoeien");
  EXPECT_EQ(CheckResult(report, "signature"), "passed");
  EXPECT_EQ(CheckResult(report, "status"), "skipped");

  r = Wallet({"present", "--format", "ldp_vp", "--credential", signed_file, "--holder-key", s.holder_key, "--aud",
              "https://verifier.example", "--nonce", "n-1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string vp = s.dir / "vp.json";
  WriteFile(vp, r.out);
  const Json presentation = ParseOrNull(r.out);
  EXPECT_EQ(presentation["holder"], s.holder_did);
  EXPECT_EQ(presentation["proof"]["proofPurpose"], "authentication");
  EXPECT_EQ(presentation["proof"]["challenge"], "n-1");
  EXPECT_EQ(presentation["proof"]["domain"], "https://verifier.example");

  r = Verifier({"verify", "--trust-list", s.trust, "--offline", "--aud", "https://verifier.example", "--nonce", "n-1", vp});
  report = ParseOrNull(r.out);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(report["format"], "ldp_vp");
  EXPECT_EQ(CheckResult(report, "holder_binding"), "passed");
  EXPECT_EQ(CheckResult(report, "credentials[0].signature"), "passed");
  EXPECT_EQ(CheckResult(report, "credentials[0].holder"), "passed");
  EXPECT_EQ(report["claims"]["holder"], s.holder_did);

  // Another nonce or audience: the presentation is not for this request.
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", "--aud", "https://verifier.example", "--nonce", "n-2", vp});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "holder_binding"), "failed");
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", "--aud", "https://other.example", "--nonce", "n-1", vp});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("domain"), std::string::npos) << r.err;
}

TEST(LdpCli, JcsCryptosuiteAndIssuerJwk) {
  LdpScenario s;
  const std::string signed_file = s.Sign({"--cryptosuite", "eddsa-jcs-2022"});
  EXPECT_EQ(ParseOrNull(ReadFileOrEmpty(signed_file))["proof"]["cryptosuite"], "eddsa-jcs-2022");
  const std::string pub = s.dir / "issuer.pub.jwk";
  WriteFile(pub, Issuer({"keys", "public", "--key", s.issuer_key}).out);
  CliResult r = Verifier({"verify", "--issuer-jwk", pub, "--offline", signed_file});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // Another key given with --issuer-jwk: the proof is not by that key.
  const std::string other_key = s.dir / "other.jwk";
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "EdDSA", "--out", other_key}).exit_code, 0);
  const std::string other_pub = s.dir / "other.pub.jwk";
  WriteFile(other_pub, Issuer({"keys", "public", "--key", other_key}).out);
  r = Verifier({"verify", "--issuer-jwk", other_pub, "--offline", signed_file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("not the key given with --issuer-jwk"), std::string::npos) << r.out;
}

TEST(LdpCli, TamperedUntrustedExpiredAndStolenAreRejected) {
  LdpScenario s;
  const std::string signed_file = s.Sign();
  Json secured = ParseOrNull(ReadFileOrEmpty(signed_file));

  Json tampered = secured;
  tampered["credentialSubject"]["achievement"]["name"] = "Kappen";
  WriteFile(s.dir / "tampered.json", tampered.dump());
  CliResult r = Verifier({"verify", "--trust-list", s.trust, "--offline", s.dir / "tampered.json"});
  EXPECT_EQ(r.exit_code, 1);
  Json report = ParseOrNull(r.out);
  EXPECT_EQ(CheckResult(report, "signature"), "failed");
  EXPECT_EQ(CheckResult(report, "validity"), "not_checked");
  EXPECT_TRUE(report["claims"].is_null()) << "claims of a rejected credential are not shown";

  // A term the contexts do not define would be outside the proof: refused, not ignored.
  Json smuggled = secured;
  smuggled["credentialSubject"]["level"] = "expert";
  WriteFile(s.dir / "smuggled.json", smuggled.dump());
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", s.dir / "smuggled.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("safe mode"), std::string::npos) << r.out;

  WriteFile(s.dir / "other-trust.json", R"({"issuers": [{"id": "did:web:elsewhere.example"}]})");
  r = Verifier({"verify", "--trust-list", s.dir / "other-trust.json", "--offline", signed_file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "issuer"), "failed");
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "signature"), "not_checked");

  s.WriteCredential(Json{{"validUntil", "2020-01-01T00:00:00Z"}, {"validFrom", "2019-01-01T00:00:00Z"}});
  const std::string expired = s.Sign();
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", expired});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "validity"), "failed");
  EXPECT_NE(r.out.find("expired"), std::string::npos);

  // Someone else presents the holder's credential.
  const std::string thief = s.dir / "thief.jwk";
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "EdDSA", "--out", thief}).exit_code, 0);
  r = Wallet({"present", "--format", "ldp_vp", "--credential", signed_file, "--holder-key", thief, "--aud", "a", "--nonce", "n"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not the holder of this key"), std::string::npos) << r.err;
}

// Revocation through a W3C Bitstring Status List served on loopback: valid, then revoked after
// `status-list set`, then could_not_check when the list cannot be fetched.
TEST(LdpCli, BitstringStatusListRevocation) {
  LdpScenario s;
  auto server = http::TestHttpServer::Start({});
  ASSERT_TRUE(server.has_value());
  const std::string list_url = (*server)->BaseUrl() + "/status/revocation/1";
  const std::string list_file = s.dir / "list.json";
  s.Sign();  // learns the issuer's did:key
  CliResult r = Issuer({"status-list", "create", "--key", s.issuer_key, "--issuer", s.issuer_did, "--id", list_url,
                        "--purpose", "revocation", "--out", list_file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  (*server)->SetRoute("/status/revocation/1", {.body = ReadFileOrEmpty(list_file)});

  s.WriteCredential(Json{{"credentialStatus", {{"id", list_url + "#4711"},
                                               {"type", "BitstringStatusListEntry"},
                                               {"statusPurpose", "revocation"},
                                               {"statusListIndex", "4711"},
                                               {"statusListCredential", list_url}}}});
  const std::string signed_file = s.Sign();
  r = Verifier({"verify", "--trust-list", s.trust, "--allow-http-loopback", signed_file});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  Json report = ParseOrNull(r.out);
  EXPECT_EQ(CheckResult(report, "status"), "passed");
  EXPECT_NE(r.out.find("not revoked"), std::string::npos);

  r = Issuer({"status-list", "set", "--key", s.issuer_key, "--list", list_file, "--index", "4711", "--value", "1",
              "--out", list_file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  (*server)->SetRoute("/status/revocation/1", {.body = ReadFileOrEmpty(list_file)});
  r = Verifier({"verify", "--trust-list", s.trust, "--allow-http-loopback", signed_file});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  report = ParseOrNull(r.out);
  EXPECT_EQ(CheckResult(report, "status"), "failed");
  EXPECT_NE(report["error"]["message"].get<std::string>().find("revoked"), std::string::npos) << r.out;

  // Offline, or the list gone: could not check (exit 2), never "valid".
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", signed_file});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "status"), "could_not_check");
  (*server)->SetRoute("/status/revocation/1", {.status = 404, .body = "{}"});
  r = Verifier({"verify", "--trust-list", s.trust, "--allow-http-loopback", signed_file});
  EXPECT_EQ(r.exit_code, 2) << r.out;

  // A list signed by someone else is not accepted for this issuer's credential.
  const std::string other_key = s.dir / "other.jwk";
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "EdDSA", "--out", other_key}).exit_code, 0);
  LdpScenario other;
  const std::string other_list = s.dir / "other-list.json";
  const std::string other_did = ParseOrNull(Issuer({"sign", "--format", "ldp_vc", "--key", other_key, "--credential",
                                                    other.credential}).out)["issuer"].get<std::string>();
  ASSERT_EQ(Issuer({"status-list", "create", "--key", other_key, "--issuer", other_did, "--id", list_url, "--out",
                    other_list}).exit_code, 0);
  (*server)->SetRoute("/status/revocation/1", {.body = ReadFileOrEmpty(other_list)});
  r = Verifier({"verify", "--trust-list", s.trust, "--allow-http-loopback", signed_file});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "status"), "failed");
}

// The JOSE-secured W3C formats: sign with an ES256 key (issuer = its did:jwk, kid = did#0), verify
// through the trust list (the key resolved from the kid), then tampering and an unknown issuer.
TEST(JoseCli, VcJwtVcSdJwtAndObJwtRoundTrip) {
  LdpScenario s;
  const std::string es = s.dir / "es.jwk";
  const CliResult generated = Issuer({"keys", "generate", "--alg", "ES256", "--out", es});
  ASSERT_EQ(generated.exit_code, 0);
  const std::string did = ParseOrNull(generated.out).value("did", "");
  WriteFile(s.trust, Json{{"issuers", Json::array({Json{{"id", did}}})}}.dump());
  for (const std::string format : {"vc+jwt", "vc+sd-jwt", "ob-jwt"}) {
    SCOPED_TRACE(format);
    std::vector<std::string> args{"sign", "--format", format, "--key", es, "--credential", s.credential};
    if (format == "vc+sd-jwt") args.insert(args.end(), {"--sd", "credentialSubject.achievement"});
    CliResult r = Issuer(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string token = r.out.substr(0, r.out.find('\n'));
    const std::string file = s.dir / "token.txt";
    WriteFile(file, token);
    r = Verifier({"verify", "--trust-list", s.trust, "--offline", file});
    Json report = ParseOrNull(r.out);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(report["format"], format);
    EXPECT_EQ(report["issuer"], did);
    EXPECT_EQ(report["claims"]["credentialSubject"]["achievement"]["name"], "Snoeien") << r.out;
    EXPECT_EQ(CheckResult(report, "signature"), "passed");
    if (format == "vc+sd-jwt") {
      EXPECT_EQ(CheckResult(report, "disclosures"), "passed");
    }

    // A flipped signature character.
    std::string tampered = token;
    const std::size_t sig = tampered.find('.', tampered.find('.') + 1) + 5;
    tampered[sig] = tampered[sig] == 'A' ? 'B' : 'A';
    WriteFile(file, tampered);
    r = Verifier({"verify", "--trust-list", s.trust, "--offline", file});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_EQ(CheckResult(ParseOrNull(r.out), "signature"), "failed") << r.out;

    // An issuer not on the trust list.
    WriteFile(file, token);
    WriteFile(s.dir / "other-trust.json", R"({"issuers": [{"id": "did:web:elsewhere.example"}]})");
    r = Verifier({"verify", "--trust-list", s.dir / "other-trust.json", "--offline", file});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_EQ(CheckResult(ParseOrNull(r.out), "issuer"), "failed") << r.out;
  }
}

TEST(LdpCli, BadInputsHaveClearErrors) {
  LdpScenario s;
  // An ES256 key cannot make an EdDSA proof.
  const std::string es = s.dir / "es.jwk";
  ASSERT_EQ(Issuer({"keys", "generate", "--alg", "ES256", "--out", es}).exit_code, 0);
  CliResult r = Issuer({"sign", "--format", "ldp_vc", "--key", es, "--credential", s.credential});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("Ed25519"), std::string::npos) << r.err;

  // Not VCDM 2.0.
  WriteFile(s.dir / "v1.json", R"({"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                                   "credentialSubject": {}})");
  r = Issuer({"sign", "--format", "ldp_vc", "--key", s.issuer_key, "--credential", s.dir / "v1.json"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("VCDM 2.0"), std::string::npos) << r.err;

  // An issuer that does not control the key.
  s.WriteCredential(Json{{"issuer", "did:web:gemeente-voorbeeld.example"}});
  r = Issuer({"sign", "--format", "ldp_vc", "--key", s.issuer_key, "--credential", s.credential});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("does not control the verification method"), std::string::npos) << r.err;

  // An undefined term (not in VC 2.0 or OB 3.0.3) is refused rather than signed unprotected.
  s.WriteCredential(Json{{"credentialSubject", {{"level", 3}}}});
  r = Issuer({"sign", "--format", "ldp_vc", "--key", s.issuer_key, "--credential", s.credential});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("safe mode: property 'level'"), std::string::npos) << r.err;

  // SD-JWT options do not apply.
  s.WriteCredential(Json::object());
  r = Issuer({"sign", "--format", "ldp_vc", "--key", s.issuer_key, "--credential", s.credential, "--sd", "skill"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--sd"), std::string::npos);

  // Not JSON / not a credential / no proof, at the verifier.
  const std::string signed_file = s.Sign();  // (and the trust list)
  WriteFile(s.dir / "junk.json", "{\"a\": ");
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", s.dir / "junk.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "format"), "failed");
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", s.credential});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("no proof"), std::string::npos) << r.out;

  // A presentation needs the verifier's nonce when asked for one; --disclose is SD-JWT only.
  r = Wallet({"present", "--format", "ldp_vp", "--credential", signed_file, "--holder-key", s.holder_key, "--aud", "a",
              "--nonce", "n", "--disclose", "skill"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("shown whole"), std::string::npos) << r.err;
  WriteFile(s.dir / "unsigned-vp.json",
            Json{{"@context", Json::array({"https://www.w3.org/ns/credentials/v2"})},
                 {"type", Json::array({"VerifiablePresentation"})},
                 {"holder", s.holder_did},
                 {"verifiableCredential", Json::array({ParseOrNull(ReadFileOrEmpty(signed_file))})}}
                .dump());
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", "--aud", "a", "--nonce", "n", s.dir / "unsigned-vp.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "holder_binding"), "failed");
  // Without a nonce requested the unsigned presentation's credentials are still checked.
  r = Verifier({"verify", "--trust-list", s.trust, "--offline", s.dir / "unsigned-vp.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(CheckResult(ParseOrNull(r.out), "holder_binding"), "skipped");
}

}  // namespace
}  // namespace vaardig
