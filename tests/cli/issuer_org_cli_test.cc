// vaardig-issuer import-people / import-skills / team matrix on the Gemeente Voorbeeld data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/store/sqlite.h"
#include "issuer/cli/app.h"
#include "tests/cli/cli_test_util.h"

namespace vaardig {
namespace {

using ::testing::HasSubstr;
using testing::ReadFileOrEmpty;
using testing::ScratchDir;
using testing::WriteFile;

const std::string kExamples = std::string(VAARDIG_SOURCE_DIR) + "/examples/gemeente-voorbeeld/";

class IssuerOrgCli : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_ / "issuer.toml";
    WriteFile(config_, "[database]\npath = \"issuer.db\"\n");
  }
  testing::CliResult Run(const std::vector<std::string>& args) {
    return testing::RunCli(issuer::cli::RunIssuerCli, "vaardig-issuer", args);
  }
  std::int64_t Count(const std::string& table) {
    auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
    auto row = (*db)->QueryOne("SELECT COUNT(*) FROM " + table);
    return (*row)->Int(0);
  }
  ScratchDir dir_;
  std::string config_;
};

TEST_F(IssuerOrgCli, ImportsTheExamplePeopleIdempotently) {
  const auto dry = Run({"import-people", "--config", config_, kExamples + "people.csv", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(Count("people"), 0);
  const auto first = Run({"import-people", "--config", config_, kExamples + "people.csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(Count("people"), 15);
  EXPECT_EQ(Count("teams"), 3);
  const std::int64_t audit = Count("audit_log");
  const auto second = Run({"import-people", "--config", config_, kExamples + "people.csv"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(Count("people"), 15);
  EXPECT_EQ(Count("audit_log"), audit);  // nothing changed, nothing recorded
}

TEST_F(IssuerOrgCli, ABadRowRejectsTheWholeFileNamingTheLine) {
  std::string csv = ReadFileOrEmpty(kExamples + "people.csv");
  ASSERT_FALSE(csv.empty());
  csv += "10999,Iemand Anders,geen-email,KCC,10010,medewerker\n";
  WriteFile(dir_ / "bad.csv", csv);
  const auto r = Run({"import-people", "--config", config_, dir_ / "bad.csv"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("line 17"));
  EXPECT_EQ(Count("people"), 0);
}

TEST_F(IssuerOrgCli, ImportsTheCatalogueAndRoadmaps) {
  const auto r = Run({"import-skills", "--config", config_, "--vaardig", kExamples + "catalogue.csv", "--roadmaps",
                      kExamples + "roadmaps.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Count("skills"), 35);
  EXPECT_EQ(Count("roadmaps"), 3);
  auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
  auto skill = (*db)->QueryOne("SELECT name_nl FROM skills WHERE id = 'snoeien-en-onderhouden-van-beplanting'");
  ASSERT_TRUE(skill.has_value() && skill->has_value());
  EXPECT_EQ((*skill)->Text(0), "Snoeien en onderhouden van beplanting");
  const auto missing = Run({"import-skills", "--config", config_, "--vaardig", dir_ / "nope.csv"});
  EXPECT_EQ(missing.exit_code, 1);
}

TEST_F(IssuerOrgCli, TeamMatrixForAManagerFollowsTheTeamsRoadmap) {
  // Roadmaps first, people (and so teams) second: the teams are linked to their Roadmaps on creation.
  ASSERT_EQ(Run({"import-skills", "--config", config_, "--vaardig", kExamples + "catalogue.csv", "--roadmaps",
                 kExamples + "roadmaps.json"})
                .exit_code,
            0);
  ASSERT_EQ(Run({"import-people", "--config", config_, kExamples + "people.csv"}).exit_code, 0);
  auto db = store::OpenSqlite({.path = dir_ / "issuer.db"});
  auto linked = (*db)->QueryOne(
      "SELECT t.name FROM roadmaps r JOIN teams t ON t.id = r.team_id WHERE r.id = 'medewerker-buitendienst-groen'");
  ASSERT_TRUE(linked.has_value() && linked->has_value());
  EXPECT_EQ((*linked)->Text(0), "Buitendienst groen");
  EXPECT_EQ(Count("roadmaps WHERE team_id IS NOT NULL"), 3);
  const auto r = Run({"team", "matrix", "--config", config_, "--manager", "10030", "--csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 4);  // header + the three reports
  EXPECT_THAT(r.out.substr(0, r.out.find('\n')), HasSubstr("Snoeien en onderhouden van beplanting"));
  const auto unknown = Run({"team", "matrix", "--config", config_, "--manager", "99999"});
  EXPECT_EQ(unknown.exit_code, 1);
}

}  // namespace
}  // namespace vaardig
