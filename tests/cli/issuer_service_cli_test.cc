// vaardig-issuer init / audit verify / backup / set-password, and the service's health endpoints,
// in-process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/clock.h"
#include "core/config/config.h"
#include "core/crypto/password.h"
#include "core/http/client.h"
#include "core/http/server.h"
#include "core/store/sqlite.h"
#include "issuer/app/issuer_app.h"
#include "issuer/cli/app.h"
#include "issuer/http/service.h"
#include "tests/cli/cli_test_util.h"

namespace vaardig {
namespace {

using ::testing::HasSubstr;
using testing::ReadFileOrEmpty;
using testing::ScratchDir;
using testing::WriteFile;

constexpr const char* kPassword = "correct horse battery staple";

class IssuerServiceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_ / "issuer.toml";
    WriteFile(config_, "[organisation]\nname = \"Gemeente Voorbeeld\"\n[database]\npath = \"issuer.db\"\n");
  }
  testing::CliResult Run(const std::vector<std::string>& args, const std::string& in = "") {
    return testing::RunCli(issuer::cli::RunIssuerCli, "vaardig-issuer", args, in);
  }
  testing::CliResult Init(const std::string& in = std::string(kPassword) + "\n") {
    return Run({"init", "--config", config_, "--admin-number", "10000", "--admin-name", "Beheerder",
                "--admin-email", "beheer@gemeente-voorbeeld.nl"},
               in);
  }
  ScratchDir dir_;
  std::string config_;
};

TEST_F(IssuerServiceCli, InitCreatesTheDatabaseAndOneAdministrator) {
  const auto r = Init();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("administrator beheer@gemeente-voorbeeld.nl created"));
  auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
  ASSERT_TRUE(db.has_value());
  auto row = (*db)->QueryOne("SELECT p.role, a.password_hash FROM people p JOIN accounts a ON a.person_id = p.id");
  ASSERT_TRUE(row.has_value() && row->has_value());
  EXPECT_EQ((*row)->Text("role"), "admin");
  EXPECT_THAT((*row)->Text("password_hash"), HasSubstr("$argon2id$"));
  EXPECT_THAT((*row)->Text("password_hash"), ::testing::Not(HasSubstr(kPassword)));
  // The database holds personal data: owner-only.
  EXPECT_EQ(std::filesystem::status(dir_ / "issuer.db").permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // A second init is refused; nothing changes.
  const auto again = Init();
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("already has an administrator"));
  auto count = (*db)->QueryOne("SELECT COUNT(*) FROM people");
  EXPECT_EQ((*count)->Int(0), 1);
}

TEST_F(IssuerServiceCli, InitRefusesWeakPasswordsAndBadConfiguration) {
  const auto weak = Init("kort\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_THAT(weak.err, HasSubstr("administrator password"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "issuer.db"));
  WriteFile(config_, "[databse]\npath = \"x.db\"\n");
  const auto typo = Init();
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_THAT(typo.err, HasSubstr("unknown configuration settings: 'databse.path'"));
  const auto missing = Run({"init", "--config", dir_ / "nope.toml", "--admin-number", "1", "--admin-name", "A",
                            "--admin-email", "a@b.nl"},
                           std::string(kPassword) + "\n");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("cannot read configuration file"));
}

TEST_F(IssuerServiceCli, AuditVerifyNamesTheFirstTamperedEntry) {
  ASSERT_EQ(Init().exit_code, 0);
  {
    auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
    ASSERT_TRUE(db.has_value());
    FixedClock clock(1'800'000'000);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE((*db)->InTransaction([&](store::Database& tx) {
        return issuer::AuditLog::Append(tx, clock, "system", "test.event", "thing:" + std::to_string(i),
                                        Json{{"n", i}});
      }));
    }
  }
  const auto ok = Run({"audit", "verify", "--config", config_});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("audit log intact: 4 entries"));

  auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
  ASSERT_TRUE(db.has_value());
  // The log refuses changes through SQL...
  auto update = (*db)->Execute("UPDATE audit_log SET subject = 'x' WHERE seq = 3");
  ASSERT_FALSE(update.has_value());
  EXPECT_THAT(update.error().message(), HasSubstr("append-only"));
  EXPECT_FALSE((*db)->Execute("DELETE FROM audit_log WHERE seq = 4").has_value());
  // ...and a change made around the triggers is found by the chain.
  ASSERT_TRUE((*db)->ExecScript("DROP TRIGGER audit_log_no_update"));
  ASSERT_TRUE((*db)->Execute("UPDATE audit_log SET details = '{\"n\":7}' WHERE seq = 3"));
  const auto broken = Run({"audit", "verify", "--config", config_});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.err, HasSubstr("audit log broken at entry 3"));
}

TEST_F(IssuerServiceCli, BackupWritesAConsistentCopyAndNeverOverwrites) {
  ASSERT_EQ(Init().exit_code, 0);
  const auto r = Run({"backup", "--config", config_, "--out", dir_ / "copy.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto copy = store::OpenSqlite({.path = dir_ / "copy.db", .read_only = true});
  ASSERT_TRUE(copy.has_value());
  auto people = (*copy)->QueryOne("SELECT email FROM people");
  ASSERT_TRUE(people.has_value() && people->has_value());
  EXPECT_EQ((*people)->Text("email"), "beheer@gemeente-voorbeeld.nl");
  const auto again = Run({"backup", "--config", config_, "--out", dir_ / "copy.db"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("exists"));
}

TEST_F(IssuerServiceCli, HealthReadinessAndMetricsOverHttp) {
  auto config = config::Config::Parse("[database]\npath = \":memory:\"\n", "VAARDIG_ISSUER");
  ASSERT_TRUE(config.has_value());
  auto settings = issuer::LoadIssuerSettings(*config);
  ASSERT_TRUE(settings.has_value()) << settings.error();
  auto app = issuer::IssuerApp::Open(*settings, std::make_shared<FixedClock>(1'800'000'000));
  ASSERT_TRUE(app.has_value()) << app.error();
  std::unique_ptr<http::Server> server;
  auto router = issuer::BuildIssuerRouter(**app, [&server] { return server ? server->RenderMetrics() : ""; });
  auto started = http::Server::Start({}, [&router](http::Request& r) { return router->Dispatch(r); });
  ASSERT_TRUE(started.has_value()) << started.error();
  server = std::move(*started);
  auto fetcher = http::BeastHttpFetcher::Create();
  ASSERT_TRUE(fetcher.has_value());
  auto health = (*fetcher)->Get(server->BaseUrl() + "/healthz", {});
  ASSERT_TRUE(health.has_value()) << health.error();
  EXPECT_EQ(health->body, R"({"status":"ok"})");
  auto ready = (*fetcher)->Get(server->BaseUrl() + "/readyz", {});
  ASSERT_TRUE(ready.has_value()) << ready.error();
  EXPECT_EQ(ready->body, R"({"status":"ok","database":"ok"})");
  auto metrics = (*fetcher)->Get(server->BaseUrl() + "/metrics", {});
  ASSERT_TRUE(metrics.has_value()) << metrics.error();
  EXPECT_THAT(metrics->body, HasSubstr("vaardig_issuer_people 0"));
  EXPECT_THAT(metrics->body, HasSubstr(R"(vaardig_http_requests_total{method="GET",code="200"} 2)"));
}

// A person as import-people would have made them, straight into the database `init` created.
void AddPerson(const std::string& db_path, const std::string& number, const std::string& email, bool active) {
  auto db = store::OpenSqlite({.path = db_path});
  ASSERT_TRUE(db.has_value()) << db.error();
  ASSERT_TRUE((*db)->Execute("INSERT INTO people (employee_number, name, email, role, active, created_at, updated_at) "
                             "VALUES (?, 'Mohamed Yilmaz', ?, 'employee', ?, '2027-01-01T00:00:00Z', "
                             "'2027-01-01T00:00:00Z')",
                             {number, email, std::int64_t{active ? 1 : 0}}));
}

TEST_F(IssuerServiceCli, SetPasswordLetsThePersonLogInAndIsAuditedAsTheAdministrator) {
  ASSERT_EQ(Init().exit_code, 0);
  AddPerson(dir_ / "issuer.db", "10031", "mohamed.yilmaz@gemeente-voorbeeld.nl", true);
  const auto r = Run({"set-password", "--config", config_, "--employee", "10031"}, "snoeischaar en heggenschaar\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("password set for employee 10031"));

  auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
  ASSERT_TRUE(db.has_value());
  auto account = (*db)->QueryOne(
      "SELECT a.password_hash FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.employee_number = '10031'");
  ASSERT_TRUE(account.has_value() && account->has_value());
  EXPECT_TRUE(crypto::VerifyPassword((*account)->Text(0), "snoeischaar en heggenschaar"));
  EXPECT_FALSE(crypto::VerifyPassword((*account)->Text(0), kPassword));
  // Audited with the administrator `init` made as the actor, and the chain still holds.
  auto entry = (*db)->QueryOne(
      "SELECT l.actor, l.subject, l.details FROM audit_log l WHERE l.action = 'account.password_set'");
  ASSERT_TRUE(entry.has_value() && entry->has_value());
  auto ids = (*db)->QueryOne("SELECT (SELECT id FROM people WHERE employee_number = '10000'), "
                             "(SELECT id FROM people WHERE employee_number = '10031')");
  ASSERT_TRUE(ids.has_value() && ids->has_value());
  EXPECT_EQ((*entry)->Text("actor"), "person:" + std::to_string((*ids)->Int(0)));
  EXPECT_EQ((*entry)->Text("subject"), "person:" + std::to_string((*ids)->Int(1)));
  EXPECT_THAT((*entry)->Text("details"), ::testing::Not(HasSubstr("snoeischaar")));
  const auto audit = Run({"audit", "verify", "--config", config_});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;

  // Again from a file: the new password replaces the old one.
  WriteFile(dir_ / "pw.txt", "een heel ander wachtwoord\r\nline two is ignored\n");
  const auto again =
      Run({"set-password", "--config", config_, "--employee", "10031", "--password-file", dir_ / "pw.txt"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  account = (*db)->QueryOne(
      "SELECT a.password_hash FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.employee_number = '10031'");
  ASSERT_TRUE(account.has_value() && account->has_value());
  EXPECT_TRUE(crypto::VerifyPassword((*account)->Text(0), "een heel ander wachtwoord"));
  EXPECT_FALSE(crypto::VerifyPassword((*account)->Text(0), "snoeischaar en heggenschaar"));
}

TEST_F(IssuerServiceCli, SetPasswordRefusesWithoutAdministratorUnknownInactiveAndWeak) {
  const std::string good = "snoeischaar en heggenschaar\n";
  // No administrator yet: nobody to act as.
  const auto no_admin = Run({"set-password", "--config", config_, "--employee", "10031"}, good);
  EXPECT_EQ(no_admin.exit_code, 1);
  EXPECT_THAT(no_admin.err, HasSubstr("failed_precondition"));
  EXPECT_THAT(no_admin.err, HasSubstr("no active administrator; run init first"));

  ASSERT_EQ(Init().exit_code, 0);
  AddPerson(dir_ / "issuer.db", "10031", "mohamed.yilmaz@gemeente-voorbeeld.nl", true);
  AddPerson(dir_ / "issuer.db", "10099", "oud@gemeente-voorbeeld.nl", false);
  const auto unknown = Run({"set-password", "--config", config_, "--employee", "99999"}, good);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("not_found"));
  EXPECT_THAT(unknown.err, HasSubstr("no person with employee number 99999"));
  const auto inactive = Run({"set-password", "--config", config_, "--employee", "10099"}, good);
  EXPECT_EQ(inactive.exit_code, 1);
  EXPECT_THAT(inactive.err, HasSubstr("employee number 10099 is no longer active"));
  const auto weak = Run({"set-password", "--config", config_, "--employee", "10031"}, "kort\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_THAT(weak.err, HasSubstr("password"));
  EXPECT_THAT(weak.err, ::testing::Not(HasSubstr("kort")));
  const auto no_file = Run(
      {"set-password", "--config", config_, "--employee", "10031", "--password-file", dir_ / "missing.txt"});
  EXPECT_EQ(no_file.exit_code, 1);
  EXPECT_THAT(no_file.err, HasSubstr("cannot read password file"));
  const auto no_employee = Run({"set-password", "--config", config_}, good);
  EXPECT_EQ(no_employee.exit_code, 2);
  EXPECT_THAT(no_employee.err, HasSubstr("--employee is required"));

  // None of the refusals wrote an account or an audit entry.
  auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
  ASSERT_TRUE(db.has_value());
  auto accounts = (*db)->QueryOne("SELECT COUNT(*) FROM accounts");
  EXPECT_EQ((*accounts)->Int(0), 1);  // the administrator's
  auto audited = (*db)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'account.password_set'");
  EXPECT_EQ((*audited)->Int(0), 0);
}

}  // namespace
}  // namespace vaardig
