#include "issuer/app/catalogue_store.h"

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

std::string ReadExample(const std::string& file) {
  std::ifstream in(std::string(VAARDIG_SOURCE_DIR) + "/examples/gemeente-voorbeeld/" + file, std::ios::binary);
  EXPECT_TRUE(in.good()) << file;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CatalogueStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IssuerSettings settings;
    settings.database_path = ":memory:";
    auto app = IssuerApp::Open(settings, clock_);
    ASSERT_TRUE(IsOk(app));
    app_ = std::move(*app);
    auto skills = ImportVaardigCsv(ReadExample("catalogue.csv"));
    ASSERT_TRUE(IsOk(skills));
    skills_ = std::move(*skills);
  }
  std::int64_t Count(const std::string& sql) {
    auto row = app_->db().QueryOne(sql);
    EXPECT_TRUE(IsOk(row));
    return (row && *row) ? (*row)->Int(0) : -1;
  }
  std::vector<std::string> Ids(const Result<std::vector<Skill>>& skills) {
    std::vector<std::string> ids;
    if (skills) {
      for (const auto& s : *skills) ids.push_back(s.id);
    }
    return ids;
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(1795000000);
  std::unique_ptr<IssuerApp> app_;
  std::vector<Skill> skills_;
};

TEST_F(CatalogueStoreTest, ImportsTheExampleCatalogueOnce) {
  ASSERT_GE(skills_.size(), 30u);
  auto report = ImportSkills(*app_, skills_, "cli");
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->added.size(), skills_.size());
  EXPECT_EQ(report->added.front(), "klantgesprekken-voeren");
  EXPECT_TRUE(report->changed.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM skills"), static_cast<std::int64_t>(skills_.size()));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'catalogue.import'"), 1);

  // Every skill reads back exactly as imported.
  for (const Skill& s : skills_) {
    auto stored = GetSkill(*app_, s.id);
    ASSERT_TRUE(IsOk(stored));
    EXPECT_EQ(*stored, WithFallbacks(s)) << s.id;
  }

  auto again = ImportSkills(*app_, skills_, "cli");
  ASSERT_TRUE(IsOk(again));
  EXPECT_TRUE(again->added.empty());
  EXPECT_TRUE(again->changed.empty());
  EXPECT_EQ(again->unchanged, skills_.size());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
}

TEST_F(CatalogueStoreTest, ReportsChangedSkills) {
  ASSERT_TRUE(IsOk(ImportSkills(*app_, skills_, "cli")));
  std::vector<Skill> next = skills_;
  next[1].name.nl = "De vraag achter de vraag verhelderen";
  Skill extra;
  extra.id = "rijbewijs-be";
  extra.name.nl = "Rijden met aanhanger";
  extra.kind = SkillKind::kHard;
  extra.area = "Buitendienst groen";
  next.push_back(extra);
  auto report = ImportSkills(*app_, next, "person:1");
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->changed, std::vector<std::string>{next[1].id});
  EXPECT_EQ(report->added, std::vector<std::string>{"rijbewijs-be"});
  EXPECT_EQ(report->unchanged, skills_.size() - 1);
  EXPECT_EQ(GetSkill(*app_, next[1].id)->name.nl, "De vraag achter de vraag verhelderen");
  EXPECT_EQ(GetSkill(*app_, "rijbewijs-be")->name.en, "Rijden met aanhanger");  // en falls back to nl
  auto entry = app_->db().QueryOne("SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(IsOk(entry));
  EXPECT_EQ((*entry)->Text(0), R"({"added":1,"changed":1,"unchanged":)" + std::to_string(skills_.size() - 1) + "}");
}

TEST_F(CatalogueStoreTest, BadSkillWritesNothing) {
  std::vector<Skill> bad = skills_;
  bad.back().id = "Not A Slug";
  auto report = ImportSkills(*app_, bad, "cli");
  ASSERT_TRUE(FailsWith(report, ErrorCode::kInvalidArgument));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM skills"), 0);

  std::vector<Skill> twice = skills_;
  twice.push_back(skills_.front());
  auto dup = ImportSkills(*app_, twice, "cli");
  ASSERT_TRUE(FailsWith(dup, ErrorCode::kAlreadyExists));
  EXPECT_EQ(dup.error().message(), "skill 'klantgesprekken-voeren' appears twice; nothing imported");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM skills"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_F(CatalogueStoreTest, ListsByAreaAndSearchText) {
  ASSERT_TRUE(IsOk(ImportSkills(*app_, skills_, "cli")));
  EXPECT_EQ(Ids(ListSkills(*app_)).size(), skills_.size());
  auto klant = ListSkills(*app_, {.area = "Klantcontact"});
  ASSERT_TRUE(IsOk(klant));
  EXPECT_GE(klant->size(), 5u);
  for (const auto& s : *klant) EXPECT_EQ(s.area, "Klantcontact");
  // Dutch name, English name (any case), an alternative label.
  EXPECT_EQ(Ids(ListSkills(*app_, {.text = "AGRESSIE"})), std::vector<std::string>{"omgaan-met-agressie"});
  EXPECT_EQ(Ids(ListSkills(*app_, {.text = "dealing with aggr"})), std::vector<std::string>{"omgaan-met-agressie"});
  EXPECT_EQ(Ids(ListSkills(*app_, {.text = "warme overdracht"})), std::vector<std::string>{"doorverwijzen"});
  EXPECT_TRUE(Ids(ListSkills(*app_, {.area = "Buitendienst groen", .text = "agressie"})).empty());
  EXPECT_TRUE(FailsWith(ListSkills(*app_, {.text = std::string(kMaxSkillSearchBytes + 1, 'a')}),
                        ErrorCode::kResourceExhausted));
  auto missing = GetSkill(*app_, "bestaat-niet");
  ASSERT_TRUE(FailsWith(missing, ErrorCode::kNotFound));
  EXPECT_EQ(missing.error().message(), "no skill 'bestaat-niet' in the catalogue");
  Json j = SkillToJson(*GetSkill(*app_, "omgaan-met-agressie"));
  EXPECT_EQ(j["name"]["en"], "Dealing with aggression");
  EXPECT_EQ(j["area"], "Klantcontact");
}

TEST_F(CatalogueStoreTest, ImportsRoadmapsAndLinksTeams) {
  ASSERT_TRUE(IsOk(ImportSkills(*app_, skills_, "cli")));
  auto roadmaps = ParseRoadmaps(ReadExample("roadmaps.json"), skills_);
  ASSERT_TRUE(IsOk(roadmaps));
  ASSERT_EQ(roadmaps->size(), 3u);
  // A team named like a roadmap's job is linked on import.
  ASSERT_TRUE(IsOk(app_->db().Execute("INSERT INTO teams (name, created_at) VALUES ('kcc-medewerker', 'x')")));
  auto report = ImportRoadmaps(*app_, *roadmaps, "cli");
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->added.size(), 3u);
  auto stored = ListRoadmaps(*app_);
  ASSERT_TRUE(IsOk(stored));
  ASSERT_EQ(stored->size(), 3u);
  for (const auto& r : *stored) {
    auto it = std::find_if(roadmaps->begin(), roadmaps->end(), [&](const Roadmap& x) { return x.id == r.roadmap.id; });
    ASSERT_NE(it, roadmaps->end());
    EXPECT_EQ(r.roadmap, *it);
    EXPECT_EQ(r.team, r.roadmap.id == "kcc-medewerker" ? "kcc-medewerker" : "") << r.roadmap.id;
  }

  // An explicit link survives a re-import, which changes nothing.
  ASSERT_TRUE(IsOk(app_->db().Execute("INSERT INTO teams (name, created_at) VALUES ('Administratie', 'x')")));
  ASSERT_TRUE(IsOk(LinkRoadmapToTeam(*app_, "administratief-medewerker", "Administratie", "cli")));
  auto again = ImportRoadmaps(*app_, *roadmaps, "cli");
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(again->unchanged, 3u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'roadmaps.import'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM roadmaps r JOIN teams t ON t.id = r.team_id "
                  "WHERE r.id = 'administratief-medewerker' AND t.name = 'Administratie'"),
            1);
  EXPECT_TRUE(FailsWith(LinkRoadmapToTeam(*app_, "administratief-medewerker", "Geen team", "cli"), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(LinkRoadmapToTeam(*app_, "geen-roadmap", "Administratie", "cli"), ErrorCode::kNotFound));
  EXPECT_EQ(RoadmapToJson(stored->front())["columns"][0]["skills"].size(),
            stored->front().roadmap.columns[0].skill_ids.size());
}

TEST_F(CatalogueStoreTest, RoadmapWithUnknownSkillWritesNothing) {
  ASSERT_TRUE(IsOk(ImportSkills(*app_, skills_, "cli")));
  Roadmap ok{"goed", {"Goed", "Good"}, "Test", {RoadmapColumn{{"Stap", "Step"}, {"doorverwijzen"}}}};
  Roadmap bad{"fout", {"Fout", "Bad"}, "Test", {RoadmapColumn{{"Stap", "Step"}, {"bestaat-niet"}}}};
  auto report = ImportRoadmaps(*app_, {ok, bad}, "cli");
  ASSERT_TRUE(FailsWith(report, ErrorCode::kNotFound));
  EXPECT_NE(report.error().message().find("roadmap 'fout', column 'Stap': skill 'bestaat-niet' is not in the catalogue"),
            std::string::npos)
      << report.error();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM roadmaps"), 0);
  EXPECT_TRUE(FailsWith(ImportRoadmaps(*app_, {ok, ok}, "cli"), ErrorCode::kAlreadyExists));
  Roadmap bad_id = ok;
  bad_id.id = "Geen Slug";
  EXPECT_TRUE(FailsWith(ImportRoadmaps(*app_, {bad_id}, "cli"), ErrorCode::kInvalidArgument));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM roadmaps"), 0);
}

}  // namespace
}  // namespace vaardig::issuer
