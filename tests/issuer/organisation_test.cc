#include "issuer/app/organisation.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/common/clock.h"
#include "tests/crypto/test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::FailsWith;
using crypto::testing::IsOk;

constexpr std::int64_t kNow = 1795000000;  // 2026-11-19

std::string ReadExample(const std::string& file) {
  std::ifstream in(std::string(VAARDIG_SOURCE_DIR) + "/examples/gemeente-voorbeeld/" + file, std::ios::binary);
  EXPECT_TRUE(in.good()) << file;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class OrganisationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IssuerSettings settings;
    settings.database_path = ":memory:";
    auto app = IssuerApp::Open(settings, clock_);
    ASSERT_TRUE(IsOk(app));
    app_ = std::move(*app);
  }
  std::int64_t Count(const std::string& sql) {
    auto row = app_->db().QueryOne(sql);
    EXPECT_TRUE(IsOk(row));
    return (row && *row) ? (*row)->Int(0) : -1;
  }
  Principal As(std::string_view number) {
    auto p = GetPersonByNumber(*app_, number);
    EXPECT_TRUE(IsOk(p));
    Principal principal;
    if (!p) return principal;
    principal.person_id = p->id;
    principal.employee_number = p->employee_number;
    principal.name = p->name;
    principal.role = p->role;
    principal.team_id = p->team_id;
    return principal;
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(kNow);
  std::unique_ptr<IssuerApp> app_;
};

TEST_F(OrganisationTest, ImportsTheExampleOrganisation) {
  auto report = ImportPeople(*app_, ReadExample("people.csv"), false, "cli");
  ASSERT_TRUE(IsOk(report));
  EXPECT_FALSE(report->dry_run);
  EXPECT_EQ(report->diff.added.size(), 15u);
  EXPECT_TRUE(report->diff.changed.empty());
  EXPECT_TRUE(report->diff.missing.empty());
  EXPECT_EQ(report->new_teams, (std::vector<std::string>{"Administratie", "Buitendienst groen", "KCC"}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 15);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM teams"), 3);

  auto sandra = GetPersonByNumber(*app_, "10010");
  ASSERT_TRUE(IsOk(sandra));
  EXPECT_EQ(sandra->name, "Sandra de Groot");
  EXPECT_EQ(sandra->team, "KCC");
  EXPECT_EQ(sandra->manager_number, "10001");
  EXPECT_EQ(sandra->role, Role::kManager);
  auto team = ListTeam(*app_, sandra->id);
  ASSERT_TRUE(IsOk(team));
  std::vector<std::string> names;
  for (const auto& p : *team) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Dennis Visser", "Fatima El Amrani", "Kevin Jansen", "Lotte Bakker"}));

  auto by_id = GetPerson(*app_, sandra->id);
  ASSERT_TRUE(IsOk(by_id));
  EXPECT_EQ(by_id->email, "sandra.degroot@gemeente-voorbeeld.nl");
  EXPECT_TRUE(FailsWith(GetPerson(*app_, 9999), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(GetPersonByNumber(*app_, "99999"), ErrorCode::kNotFound));

  // One audit entry, with counts and no names.
  auto entry = app_->db().QueryOne("SELECT actor, action, subject, details FROM audit_log");
  ASSERT_TRUE(IsOk(entry));
  ASSERT_TRUE(entry->has_value());
  EXPECT_EQ((*entry)->Text("actor"), "cli");
  EXPECT_EQ((*entry)->Text("action"), "people.import");
  EXPECT_EQ((*entry)->Text("details"),
            R"({"added":15,"changed":0,"unchanged":0,"missing":0,"teams_created":3})");
}

TEST_F(OrganisationTest, SecondImportChangesNothing) {
  const std::string csv = ReadExample("people.csv");
  ASSERT_TRUE(IsOk(ImportPeople(*app_, csv, false, "cli")));
  const std::int64_t audit = Count("SELECT COUNT(*) FROM audit_log");
  clock_->Advance(3600);
  auto again = ImportPeople(*app_, csv, false, "cli");
  ASSERT_TRUE(IsOk(again));
  EXPECT_TRUE(again->diff.NoChanges());
  EXPECT_EQ(again->diff.unchanged, 15u);
  EXPECT_TRUE(again->new_teams.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE updated_at <> created_at"), 0);
}

TEST_F(OrganisationTest, DryRunWritesNothing) {
  auto report = ImportPeople(*app_, ReadExample("people.csv"), true, "cli");
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->dry_run);
  EXPECT_EQ(report->diff.added.size(), 15u);
  EXPECT_EQ(report->new_teams.size(), 3u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM teams"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_F(OrganisationTest, BadRowRejectsTheWholeFileAndWritesNothing) {
  std::string csv = ReadExample("people.csv");
  csv += "10040,Tim Bos,tim.bos-at-gemeente-voorbeeld.nl,KCC,10010,medewerker\n";
  auto report = ImportPeople(*app_, csv, false, "cli");
  ASSERT_TRUE(FailsWith(report, ErrorCode::kInvalidArgument));
  EXPECT_NE(report.error().message().find("line 17, column 'e-mail'"), std::string::npos) << report.error();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM teams"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);

  // The same after a good import: the good rows of a bad file change nothing either.
  ASSERT_TRUE(IsOk(ImportPeople(*app_, ReadExample("people.csv"), false, "cli")));
  std::string changed = ReadExample("people.csv");
  changed.replace(changed.find("Kevin Jansen"), 12, "Kevin Janssen");
  changed += "10041,Tom,tom@gemeente-voorbeeld.nl,KCC,10999,medewerker\n";
  ASSERT_TRUE(FailsWith(ImportPeople(*app_, changed, false, "cli"), ErrorCode::kInvalidArgument));
  EXPECT_EQ(GetPersonByNumber(*app_, "10012")->name, "Kevin Jansen");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
}

TEST_F(OrganisationTest, StoreConflictRollsBackEverything) {
  // Someone not in the file (created by `init`) already has an address the file uses.
  ASSERT_TRUE(IsOk(app_->db().Execute(
      "INSERT INTO people (employee_number, name, email, role, created_at, updated_at) "
      "VALUES ('90000', 'Beheer', 'iris.dewit@gemeente-voorbeeld.nl', 'admin', 'x', 'x')")));
  auto report = ImportPeople(*app_, ReadExample("people.csv"), false, "cli");
  ASSERT_TRUE(FailsWith(report, ErrorCode::kAlreadyExists));
  EXPECT_NE(report.error().message().find("nothing changed"), std::string::npos) << report.error();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM teams"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_F(OrganisationTest, ManagersListedAfterTheirReports) {
  constexpr char kCsv[] =
      "employee_number,name,email,team,manager,role\n"
      "3,Carla Jansen,carla@gemeente-voorbeeld.nl,KCC,2,employee\n"
      "2,Bram Bakker,bram@gemeente-voorbeeld.nl,KCC,1,manager\n"
      "1,Anna de Vries,anna@gemeente-voorbeeld.nl,,,admin\n";
  ASSERT_TRUE(IsOk(ImportPeople(*app_, kCsv, false, "cli")));
  EXPECT_EQ(GetPersonByNumber(*app_, "3")->manager_number, "2");
  EXPECT_EQ(GetPersonByNumber(*app_, "2")->manager_number, "1");
  EXPECT_EQ(GetPersonByNumber(*app_, "1")->manager_number, "");
}

TEST_F(OrganisationTest, ManagerChangeIsReportedAndApplied) {
  ASSERT_TRUE(IsOk(ImportPeople(*app_, ReadExample("people.csv"), false, "cli")));
  std::string csv = ReadExample("people.csv");
  const std::string before = "10014,Dennis Visser,dennis.visser@gemeente-voorbeeld.nl,KCC,10010,medewerker";
  const std::string after =
      "10014,Dennis Visser,dennis.visser@gemeente-voorbeeld.nl,Administratie,10020,medewerker";
  ASSERT_NE(csv.find(before), std::string::npos);
  csv.replace(csv.find(before), before.size(), after);
  clock_->Advance(60);

  auto dry = ImportPeople(*app_, csv, true, "cli");
  ASSERT_TRUE(IsOk(dry));
  ASSERT_EQ(dry->diff.changed.size(), 1u);
  EXPECT_EQ(GetPersonByNumber(*app_, "10014")->manager_number, "10010");

  auto report = ImportPeople(*app_, csv, false, "person:1");
  ASSERT_TRUE(IsOk(report));
  ASSERT_EQ(report->diff.changed.size(), 1u);
  EXPECT_EQ(report->diff.changed[0].employee_number, "10014");
  EXPECT_EQ(report->diff.changed[0].changes,
            (std::vector<FieldChange>{{"team", "KCC", "Administratie"}, {"manager_number", "10010", "10020"}}));
  EXPECT_EQ(report->diff.unchanged, 14u);
  auto dennis = GetPersonByNumber(*app_, "10014");
  EXPECT_EQ(dennis->manager_number, "10020");
  EXPECT_EQ(dennis->team, "Administratie");
  EXPECT_EQ(ListTeam(*app_, GetPersonByNumber(*app_, "10010")->id)->size(), 3u);
  EXPECT_EQ(ListTeam(*app_, GetPersonByNumber(*app_, "10020")->id)->size(), 4u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'people.import'"), 2);

  Json json = ImportReportToJson(*report);
  EXPECT_EQ(json["changed"][0]["changes"][1]["new"], "10020");
  EXPECT_EQ(json["unchanged"], 14);
}

TEST_F(OrganisationTest, MissingPeopleAreReportedNotDeleted) {
  ASSERT_TRUE(IsOk(ImportPeople(*app_, ReadExample("people.csv"), false, "cli")));
  std::string csv = ReadExample("people.csv");
  csv.erase(csv.find("10033,"));  // the last line
  auto report = ImportPeople(*app_, csv, false, "cli");
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->diff.NoChanges());
  ASSERT_EQ(report->diff.missing.size(), 1u);
  EXPECT_EQ(report->diff.missing[0].employee_number, "10033");
  auto iris = GetPersonByNumber(*app_, "10033");
  ASSERT_TRUE(IsOk(iris));
  EXPECT_TRUE(iris->active);

  // Deactivation is explicit; once inactive they are no longer reported missing.
  ASSERT_TRUE(IsOk(DeactivatePerson(*app_, iris->id, "person:1")));
  EXPECT_FALSE(GetPerson(*app_, iris->id)->active);
  EXPECT_EQ(ListTeam(*app_, GetPersonByNumber(*app_, "10030")->id)->size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.deactivate'"), 1);
  ASSERT_TRUE(IsOk(DeactivatePerson(*app_, iris->id, "person:1")));  // already inactive: no entry
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.deactivate'"), 1);
  EXPECT_TRUE(ImportPeople(*app_, csv, false, "cli")->diff.missing.empty());
  EXPECT_TRUE(FailsWith(DeactivatePerson(*app_, 9999, "person:1"), ErrorCode::kNotFound));
}

TEST_F(OrganisationTest, OnlyHrAndAdminsListEveryone) {
  ASSERT_TRUE(IsOk(ImportPeople(*app_, ReadExample("people.csv"), false, "cli")));
  auto hr = ListPeople(*app_, As("10002"));
  ASSERT_TRUE(IsOk(hr));
  EXPECT_EQ(hr->size(), 15u);
  EXPECT_EQ(hr->front().employee_number, "10001");
  EXPECT_TRUE(IsOk(ListPeople(*app_, As("10001"))));
  auto manager = ListPeople(*app_, As("10010"));
  ASSERT_TRUE(FailsWith(manager, ErrorCode::kPermissionDenied));
  EXPECT_EQ(manager.error().message(), "only HR and administrators may list everyone");
  EXPECT_TRUE(FailsWith(ListPeople(*app_, As("10011")), ErrorCode::kPermissionDenied));
}

}  // namespace
}  // namespace vaardig::issuer
