// The issuance commands of vaardig-issuer run in-process (RunIssuerCli) against a seeded database
// in a scratch directory: issue, credentials list, revoke / suspend / unsuspend (and the status
// list a verifier fetches changes), keys rotate, vcalm token create.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/oid4vc/offer.h"
#include "core/status/bitstring_status_list.h"
#include "issuer/app/issuance.h"
#include "issuer/app/key_vault.h"
#include "issuer/app/status_registry.h"
#include "issuer/cli/app.h"
#include "tests/cli/cli_test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer {
namespace {

using vaardig::testing::CliResult;
using vaardig::testing::ScratchDir;

constexpr std::string_view kUrl = "https://skills.gemeente-voorbeeld.test";

class IssuanceCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_.public_url = std::string(kUrl);
    settings_.database_path = (dir_ / "issuer.db").string();
    settings_.kek_file = (dir_ / "issuer.kek").string();
    ASSERT_TRUE(RunGenerateKek(settings_.kek_file).has_value());
    vaardig::testing::WriteFile(config_, "[server]\npublic_url = \"" + std::string(kUrl) +
                                             "\"\n[database]\npath = \"issuer.db\"\n[keys]\nkek_file = \"issuer.kek\"\n");
    auto app = Open();
    issuer::testing::SeedOrganisation(*app);
    issuer::testing::Exec1(app->db(),
                           "INSERT INTO people (employee_number, name, email, role, created_at, updated_at) "
                           "VALUES ('A001', 'Adam Admin', 'adam@x.example', 'admin', ?, ?) RETURNING id",
                           {app->Now(), app->Now()});
  }
  std::unique_ptr<IssuerApp> Open() {
    return issuer::testing::OpenTestApp(std::make_shared<FixedClock>(issuer::testing::kSeedNow), settings_);
  }
  CliResult Run(std::vector<std::string> args) {
    return vaardig::testing::RunCli(cli::RunIssuerCli, "vaardig-issuer", args);
  }
  // A credential with status entries, issued through the app as VCALM would.
  std::string IssueOne() {
    auto app = Open();
    auto vault = KeyVault::Load(settings_.kek_file);
    EXPECT_TRUE(vault.has_value());
    const Json credential{{"@context", Json::array({"https://www.w3.org/ns/credentials/v2"})},
                          {"type", Json::array({"VerifiableCredential"})},
                          {"credentialSubject", {{"name", "Klantgesprek voeren"}}}};
    auto issued = IssueGivenCredential(*app, *vault, "test", credential, /*with_status=*/true);
    EXPECT_TRUE(issued.has_value()) << (issued ? "" : issued.error().ToString());
    return issued ? issued->credential_id : "";
  }
  struct PublishedBit {
    std::string etag;
    int bit = -1;  // the credential's bit in the published revocation list
  };
  // What a verifier fetching the credential's revocation list would see.
  PublishedBit RevocationList(const std::string& credential_id) {
    auto app = Open();
    auto vault = KeyVault::Load(settings_.kek_file);
    auto row = app->db().QueryOne(
        "SELECT e.list_id, e.idx FROM status_entries e JOIN status_lists l ON l.id = e.list_id "
        "WHERE e.credential_id = ? AND l.kind = 'bitstring' AND l.purpose = 'revocation'",
        {credential_id});
    EXPECT_TRUE(row.has_value() && row->has_value());
    if (!vault || !row || !*row) return {};
    StatusListPublisher publisher(*app, *vault);
    auto list = publisher.Bitstring((*row)->Int(0));
    EXPECT_TRUE(list.has_value());
    if (!list) return {};
    auto vc = ParseJson(list->body);
    EXPECT_TRUE(vc.has_value());
    if (!vc) return {};
    auto bits = status::BitstringStatusList::Decode(vc->at("credentialSubject").at("encodedList").get<std::string>());
    EXPECT_TRUE(bits.has_value());
    auto bit = bits ? bits->Get(static_cast<std::size_t>((*row)->Int(1))) : Result<std::uint8_t>(0);
    return {list->etag, bit ? static_cast<int>(*bit) : -1};
  }

  ScratchDir scratch_;
  std::filesystem::path dir_ = scratch_.path();
  std::string config_ = scratch_ / "issuer.toml";
  IssuerSettings settings_;
};

TEST_F(IssuanceCliTest, IssuePrintsTheOfferLinkThePinAndTheExpiry) {
  CliResult r = Run({"issue", "--config", config_, "--employee", "E001", "--skill", "klantgesprek", "--level", "2",
                     "--confirmed-by", "M001"});
  ASSERT_EQ(r.exit_code, cli::kExitOk) << r.err;
  std::istringstream lines(r.out);
  std::string link, pin, expires;
  std::getline(lines, link);
  std::getline(lines, pin);
  std::getline(lines, expires);
  auto parsed = oid4vc::ParseCredentialOfferLink(link);
  ASSERT_TRUE(parsed.has_value()) << link;
  EXPECT_TRUE(link.starts_with("openid-credential-offer://?credential_offer_uri=")) << link;
  EXPECT_TRUE(std::regex_match(pin, std::regex("PIN: [0-9]{6}"))) << pin;
  EXPECT_TRUE(std::regex_match(expires, std::regex("expires: 2026-[0-9-]+T[0-9:]+Z"))) << expires;
  auto app = Open();
  EXPECT_EQ(issuer::testing::CountOf(*app, "SELECT COUNT(*) FROM credential_offers WHERE created_by = 'cli'"), 1);
}

TEST_F(IssuanceCliTest, IssueRefusesUnknownPeopleAndBadLevels) {
  CliResult unknown = Run({"issue", "--config", config_, "--employee", "E999", "--skill", "klantgesprek", "--level",
                           "2", "--confirmed-by", "M001"});
  EXPECT_EQ(unknown.exit_code, cli::kExitFailed);
  EXPECT_NE(unknown.err.find("not_found"), std::string::npos) << unknown.err;
  CliResult level = Run({"issue", "--config", config_, "--employee", "E001", "--skill", "klantgesprek", "--level", "4",
                         "--confirmed-by", "M001"});
  EXPECT_EQ(level.exit_code, cli::kExitUsage);
  CliResult missing = Run({"issue", "--config", config_, "--employee", "E001"});
  EXPECT_EQ(missing.exit_code, cli::kExitUsage);
  auto app = Open();
  EXPECT_EQ(issuer::testing::CountOf(*app, "SELECT COUNT(*) FROM credential_offers"), 0);
}

TEST_F(IssuanceCliTest, RevokeChangesThePublishedStatusList) {
  const std::string id = IssueOne();
  ASSERT_FALSE(id.empty());
  const auto before = RevocationList(id);
  CliResult list = Run({"credentials", "list", "--config", config_});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << list.err;
  EXPECT_NE(list.out.find(id + "\tvalid"), std::string::npos) << list.out;

  CliResult revoked = Run({"revoke", "--config", config_, "--credential", id, "--reason", "Fout uitgegeven"});
  ASSERT_EQ(revoked.exit_code, cli::kExitOk) << revoked.err;
  EXPECT_NE(revoked.out.find("revoked"), std::string::npos);
  EXPECT_EQ(before.bit, 0);
  const auto after = RevocationList(id);
  EXPECT_NE(after.etag, before.etag);
  EXPECT_EQ(after.bit, 1);
  EXPECT_NE(Run({"credentials", "list", "--config", config_}).out.find(id + "\trevoked"), std::string::npos);
  auto app = Open();
  auto audit = app->db().QueryOne("SELECT actor FROM audit_log WHERE action = 'credential.revoke'");
  ASSERT_TRUE(audit.has_value() && audit->has_value());
  EXPECT_EQ((*audit)->Text(0), "cli");

  // Revocation is final.
  CliResult suspend = Run({"suspend", "--config", config_, "--credential", id, "--reason", "x"});
  EXPECT_EQ(suspend.exit_code, cli::kExitFailed);
  EXPECT_NE(suspend.err.find("failed_precondition"), std::string::npos) << suspend.err;
}

TEST_F(IssuanceCliTest, SuspendAndUnsuspend) {
  const std::string id = IssueOne();
  CliResult valid = Run({"unsuspend", "--config", config_, "--credential", id, "--reason", "x"});
  EXPECT_EQ(valid.exit_code, cli::kExitFailed);
  EXPECT_NE(valid.err.find("failed_precondition"), std::string::npos) << valid.err;
  EXPECT_EQ(Run({"suspend", "--config", config_, "--credential", id, "--reason", "Onderzoek"}).exit_code, cli::kExitOk);
  EXPECT_NE(Run({"credentials", "list", "--config", config_}).out.find(id + "\tsuspended"), std::string::npos);
  EXPECT_EQ(Run({"unsuspend", "--config", config_, "--credential", id, "--reason", "Klaar"}).exit_code, cli::kExitOk);
  CliResult unknown = Run({"revoke", "--config", config_, "--credential", "urn:uuid:nope", "--reason", "x"});
  EXPECT_EQ(unknown.exit_code, cli::kExitFailed);
  EXPECT_NE(unknown.err.find("not_found"), std::string::npos) << unknown.err;
  EXPECT_EQ(Run({"revoke", "--config", config_, "--credential", id}).exit_code, cli::kExitUsage);
  EXPECT_EQ(Run({"credentials", "list", "--config", config_, "--employee", "E999"}).exit_code, cli::kExitFailed);
}

TEST_F(IssuanceCliTest, KeysRotateRetiresTheActiveKey) {
  CliResult first = Run({"keys", "rotate", "--config", config_, "--purpose", "sd-jwt"});
  ASSERT_EQ(first.exit_code, cli::kExitOk) << first.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(first.out, m, std::regex("new sd-jwt key ([A-Za-z0-9_-]+)"))) << first.out;
  const std::string kid = m[1];
  CliResult second = Run({"keys", "rotate", "--config", config_, "--purpose", "sd-jwt"});
  ASSERT_EQ(second.exit_code, cli::kExitOk) << second.err;
  EXPECT_NE(second.out.find("key " + kid + " retired"), std::string::npos) << second.out;
  EXPECT_EQ(Run({"keys", "rotate", "--config", config_, "--purpose", "rsa"}).exit_code, cli::kExitUsage);
  auto app = Open();
  EXPECT_EQ(issuer::testing::CountOf(*app, "SELECT COUNT(*) FROM signing_keys WHERE purpose = 'sd-jwt' AND retired_at IS NOT NULL"), 1);
}

TEST_F(IssuanceCliTest, VcalmTokenCreatePrintsATokenAndItsConfigurationLine) {
  CliResult r = Run({"vcalm", "token", "create", "--name", "hr-system"});
  ASSERT_EQ(r.exit_code, cli::kExitOk) << r.err;
  std::istringstream lines(r.out);
  std::string header, token, hint, line;
  std::getline(lines, header);
  std::getline(lines, token);
  std::getline(lines, hint);
  std::getline(lines, line);
  EXPECT_EQ(token.size(), 43u);  // 32 bytes, base64url
  const std::string hash = encoding::HexEncode(crypto::Sha256(AsBytes(token)));
  EXPECT_EQ(line, "client_token_sha256 = [\"hr-system:" + hash + "\"]");
  // The line loads.
  vaardig::testing::WriteFile(scratch_ / "vcalm.toml", "[vcalm]\n" + line + "\n");
  auto config = config::Config::Load(scratch_ / "vcalm.toml", "VAARDIG_ISSUER", {});
  ASSERT_TRUE(config.has_value());
  auto settings = LoadIssuerSettings(*config);
  ASSERT_TRUE(settings.has_value()) << settings.error();
  ASSERT_EQ(settings->vcalm_clients.size(), 1u);
  EXPECT_EQ(settings->vcalm_clients[0].name, "hr-system");
  EXPECT_EQ(settings->vcalm_clients[0].token_sha256, hash);
  // Two runs, two tokens.
  EXPECT_EQ(Run({"vcalm", "token", "create", "--name", "hr-system"}).out.find(token), std::string::npos);
  EXPECT_EQ(Run({"vcalm", "token", "create", "--name", "hr system"}).exit_code, cli::kExitUsage);
}

TEST(VcalmSettings, BadClientEntriesAreRefused) {
  for (const char* entry : {"", "hr-system", "hr-system:abc", ":0000000000000000000000000000000000000000000000000000000000000000",
                            "hr system:0000000000000000000000000000000000000000000000000000000000000000",
                            "hr:000000000000000000000000000000000000000000000000000000000000000g"}) {
    auto parsed = ParseVcalmClient(entry);
    ASSERT_FALSE(parsed.has_value()) << entry;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message().find("vcalm.client_token_sha256"), std::string::npos);
  }
  auto upper = ParseVcalmClient("hr:ABCDEF0000000000000000000000000000000000000000000000000000000000");
  ASSERT_TRUE(upper.has_value());
  EXPECT_EQ(upper->token_sha256, "abcdef0000000000000000000000000000000000000000000000000000000000");
  auto config = config::Config::Parse(
      "[vcalm]\nclient_token_sha256 = [\"a:0000000000000000000000000000000000000000000000000000000000000000\", "
      "\"a:1111111111111111111111111111111111111111111111111111111111111111\"]\n",
      "VAARDIG_ISSUER");
  ASSERT_TRUE(config.has_value());
  auto twice = LoadIssuerSettings(*config);
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message().find("names client 'a' twice"), std::string::npos);
  EXPECT_EQ(IssuanceBodyLimit("/token"), 4096u);
  EXPECT_EQ(IssuanceBodyLimit("/credential"), 65536u);
  EXPECT_EQ(IssuanceBodyLimit("/api/claims"), 0u);
}

}  // namespace
}  // namespace vaardig::issuer
