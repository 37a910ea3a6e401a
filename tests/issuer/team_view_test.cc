#include "issuer/app/team_view.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/common/clock.h"
#include "issuer/app/catalogue_store.h"
#include "issuer/app/organisation.h"
#include "issuer/app/accounts.h"
#include "issuer/http/service.h"
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

class TeamViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IssuerSettings settings;
    settings.database_path = ":memory:";
    settings.password_strength = crypto::PasswordStrength::kInteractive;
    auto app = IssuerApp::Open(settings, std::make_shared<FixedClock>(1795000000));
    ASSERT_TRUE(IsOk(app));
    app_ = std::move(*app);
    ASSERT_TRUE(IsOk(ImportPeople(*app_, ReadExample("people.csv"), false, "cli")));
    auto skills = ImportVaardigCsv(ReadExample("catalogue.csv"));
    ASSERT_TRUE(IsOk(skills));
    ASSERT_TRUE(IsOk(ImportSkills(*app_, *skills, "cli")));
    auto roadmaps = ParseRoadmaps(ReadExample("roadmaps.json"), *skills);
    ASSERT_TRUE(IsOk(roadmaps));
    ASSERT_TRUE(IsOk(ImportRoadmaps(*app_, *roadmaps, "cli")));
    ASSERT_TRUE(IsOk(LinkRoadmapToTeam(*app_, "kcc-medewerker", "KCC", "cli")));
    for (const auto& r : *roadmaps) {
      if (r.id == "kcc-medewerker") {
        for (const auto& c : r.columns) kcc_skills_.insert(kcc_skills_.end(), c.skill_ids.begin(), c.skill_ids.end());
      }
    }
  }
  std::int64_t Id(std::string_view number) { return GetPersonByNumber(*app_, number)->id; }
  Principal As(std::string_view number) {
    auto p = GetPersonByNumber(*app_, number);
    Principal principal;
    principal.person_id = p->id;
    principal.employee_number = p->employee_number;
    principal.role = p->role;
    principal.team_id = p->team_id;
    return principal;
  }
  // A claim by `person` in `state`; when confirmed, with an endorsement at `level` by `endorser`.
  void AddClaim(std::string_view person, const std::string& skill, const std::string& state, int self_level,
                int level = 0, std::string_view endorser = "10010") {
    auto claim = app_->db().QueryOne(
        "INSERT INTO claims (person_id, skill_id, self_level, state, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 'x', 'x') RETURNING id",
        {Id(person), skill, self_level, state});
    ASSERT_TRUE(IsOk(claim));
    if (state != "confirmed") return;
    const std::int64_t claim_id = (*claim)->Int(0);
    auto request = app_->db().QueryOne(
        "INSERT INTO confirmation_requests (claim_id, endorser_id, state, response_level, created_at) "
        "VALUES (?, ?, 'confirmed', ?, 'x') RETURNING id",
        {claim_id, Id(endorser), level});
    ASSERT_TRUE(IsOk(request));
    ASSERT_TRUE(IsOk(app_->db().Execute(
        "INSERT INTO endorsements (claim_id, request_id, endorser_id, level, statement, jws, key_id, created_at) "
        "VALUES (?, ?, ?, ?, '{}', 'jws', 'kid', 'x')",
        {claim_id, (*request)->Int(0), Id(endorser), level})));
  }
  std::size_t Column(const TeamMatrix& m, std::string_view skill) {
    for (std::size_t i = 0; i < m.skills.size(); ++i) {
      if (m.skills[i].id == skill) return i;
    }
    ADD_FAILURE() << "no column " << skill;
    return 0;
  }

  std::unique_ptr<IssuerApp> app_;
  std::vector<std::string> kcc_skills_;
};

TEST_F(TeamViewTest, ShowsConfirmedLevelsOfDirectReports) {
  AddClaim("10011", "omgaan-met-agressie", "confirmed", 1, 3);  // the endorser's level counts
  AddClaim("10012", "doorverwijzen", "confirmed", 2, 2);
  AddClaim("10012", "doorverwijzen", "confirmed", 2, 1);        // confirmed twice: the highest
  AddClaim("10013", "klantgesprekken-voeren", "private", 3);     // blue: not shown
  AddClaim("10013", "helder-schrijven", "requested", 3);         // waiting: not shown
  AddClaim("10014", "digitaal-samenwerken", "confirmed", 2, 2);  // outside the roadmap: extra column
  AddClaim("10021", "archiveren", "confirmed", 2, 2, "10020");   // someone else's team

  auto m = BuildTeamMatrix(*app_, As("10010"), Id("10010"));
  ASSERT_TRUE(IsOk(m));
  ASSERT_EQ(m->rows.size(), 4u);
  EXPECT_EQ(m->rows[0].name, "Dennis Visser");
  EXPECT_EQ(m->rows[1].name, "Fatima El Amrani");
  ASSERT_EQ(m->skills.size(), kcc_skills_.size() + 1);
  for (std::size_t i = 0; i < kcc_skills_.size(); ++i) EXPECT_EQ(m->skills[i].id, kcc_skills_[i]);
  EXPECT_EQ(m->skills.back().id, "digitaal-samenwerken");
  EXPECT_EQ(m->skills[Column(*m, "omgaan-met-agressie")].name.nl, "Omgaan met agressie");

  EXPECT_EQ(m->rows[1].levels[Column(*m, "omgaan-met-agressie")], 3);
  EXPECT_EQ(m->rows[2].levels[Column(*m, "doorverwijzen")], 2);
  EXPECT_EQ(m->rows[0].levels[Column(*m, "digitaal-samenwerken")], 2);
  // Lotte's private and requested claims leave her row empty.
  for (const auto& level : m->rows[3].levels) EXPECT_FALSE(level.has_value());
  int filled = 0;
  for (const auto& row : m->rows) {
    for (const auto& level : row.levels) filled += level.has_value() ? 1 : 0;
  }
  EXPECT_EQ(filled, 3);

  Json j = TeamMatrixToJson(*m);
  EXPECT_EQ(j["rows"][1]["levels"][Column(*m, "omgaan-met-agressie")], 3);
  EXPECT_TRUE(j["rows"][3]["levels"][0].is_null());
}

TEST_F(TeamViewTest, TeamWithoutRoadmapShowsOnlyConfirmedSkills) {
  // The example links every team to its Roadmap by name: take Administratie's away.
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE roadmaps SET team_id = NULL WHERE id = 'administratief-medewerker'")));
  auto empty = BuildTeamMatrix(*app_, As("10020"), Id("10020"));
  ASSERT_TRUE(IsOk(empty));
  EXPECT_EQ(empty->rows.size(), 3u);
  EXPECT_TRUE(empty->skills.empty());
  AddClaim("10021", "archiveren", "confirmed", 2, 2, "10020");
  auto m = BuildTeamMatrix(*app_, As("10020"), Id("10020"));
  ASSERT_TRUE(IsOk(m));
  ASSERT_EQ(m->skills.size(), 1u);
  EXPECT_EQ(m->rows[0].name, "Anouk Meijer");
  EXPECT_EQ(m->rows[0].levels[0], 2);
}

TEST_F(TeamViewTest, AccessRules) {
  EXPECT_TRUE(IsOk(BuildTeamMatrix(*app_, As("10002"), Id("10010"))));  // HR: any team
  EXPECT_TRUE(IsOk(BuildTeamMatrix(*app_, As("10001"), Id("10030"))));  // admin: any team
  auto other = BuildTeamMatrix(*app_, As("10020"), Id("10010"));
  ASSERT_TRUE(FailsWith(other, ErrorCode::kPermissionDenied));
  EXPECT_EQ(other.error().message(), "a manager may view only their own team");
  auto employee = BuildTeamMatrix(*app_, As("10011"), Id("10011"));
  ASSERT_TRUE(FailsWith(employee, ErrorCode::kPermissionDenied));
  EXPECT_EQ(employee.error().message(), "only managers, HR and administrators may view a team");
  EXPECT_TRUE(FailsWith(BuildTeamMatrix(*app_, As("10011"), Id("10010")), ErrorCode::kPermissionDenied));
  EXPECT_TRUE(FailsWith(BuildTeamMatrix(*app_, As("10002"), 9999), ErrorCode::kNotFound));
}

TEST(TeamMatrixCsv, QuotesEveryFieldAndNeutralisesFormulas) {
  EXPECT_EQ(CsvField(""), "\"\"");
  EXPECT_EQ(CsvField("Jan \"JJ\" de Vries, jr."), "\"Jan \"\"JJ\"\" de Vries, jr.\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("+31 6"), "\"'+31 6\"");
  EXPECT_EQ(CsvField("-1"), "\"'-1\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(CsvField("\tx"), "\"'\tx\"");
  EXPECT_EQ(CsvField("a=b"), "\"a=b\"");
  EXPECT_EQ(CsvField("regel\nregel"), "\"regel\nregel\"");

  TeamMatrix m;
  m.skills = {{"a", {"Omgaan met agressie", "Dealing with aggression"}}, {"b", {"=1+1", "=1+1"}}};
  m.rows = {{1, "10011", "Fatima El Amrani", {3, std::nullopt}}, {2, "-10012", "@Kevin, \"K\"", {std::nullopt, 1}}};
  EXPECT_EQ(ExportTeamMatrixCsv(m),
            "\"personeelsnummer\",\"naam\",\"Omgaan met agressie\",\"'=1+1\"\r\n"
            "\"10011\",\"Fatima El Amrani\",\"3\",\"\"\r\n"
            "\"'-10012\",\"'@Kevin, \"\"K\"\"\",\"\",\"1\"\r\n");
  EXPECT_TRUE(ExportTeamMatrixCsv(m, "en").starts_with(
      "\"employee_number\",\"name\",\"Dealing with aggression\",\"'=1+1\"\r\n\"10011\""));
}

}  // namespace
}  // namespace vaardig::issuer


// The JSON API over the same data (issuer/http/api_org.h), through the router.
namespace vaardig::issuer {
namespace {

class OrgApiTest : public TeamViewTest {
 protected:
  void SetUp() override {
    TeamViewTest::SetUp();
    router_ = BuildIssuerRouter(*app_, nullptr);
  }
  std::string Token(std::string_view number) {
    const std::string password = "een lang genoeg wachtwoord 42";
    Principal admin = As("10001");
    EXPECT_TRUE(IsOk(SetPassword(*app_, admin, Id(number), password)));
    auto login = Login(*app_, GetPersonByNumber(*app_, number)->email, password, "127.0.0.1");
    EXPECT_TRUE(IsOk(login));
    return login ? login->session_token : "";
  }
  http::Response Call(http::Method method, std::string target, const std::string& token,
                      std::string body = "", std::string content_type = "") {
    http::Request r;
    r.method = method;
    EXPECT_TRUE(IsOk(http::SetTarget(r, target)));
    if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
    if (!content_type.empty()) r.headers.emplace_back("content-type", content_type);
    r.body = std::move(body);
    r.remote_address = "127.0.0.1";
    return router_->Dispatch(r);
  }
  std::unique_ptr<http::Router> router_;
};

TEST_F(OrgApiTest, RoutesAndRights) {
  EXPECT_EQ(Call(http::Method::kGet, "/api/skills", "").status, 401);
  const std::string manager = Token("10010");
  const std::string employee = Token("10011");
  const std::string hr = Token("10002");

  auto skills = Call(http::Method::kGet, "/api/skills?q=agressie", employee);
  ASSERT_EQ(skills.status, 200) << skills.body;
  EXPECT_EQ(ParseJson(skills.body)->at("skills").size(), 1u);
  EXPECT_EQ(Call(http::Method::kGet, "/api/skills/doorverwijzen", employee).status, 200);
  EXPECT_EQ(Call(http::Method::kGet, "/api/skills/bestaat-niet", employee).status, 404);
  EXPECT_EQ(ParseJson(Call(http::Method::kGet, "/api/roadmaps", employee).body)->at("roadmaps").size(), 3u);

  AddClaim("10011", "omgaan-met-agressie", "confirmed", 1, 3);
  auto team = Call(http::Method::kGet, "/api/team", manager);
  ASSERT_EQ(team.status, 200) << team.body;
  EXPECT_EQ(ParseJson(team.body)->at("people").size(), 4u);
  EXPECT_EQ(Call(http::Method::kGet, "/api/team", employee).status, 403);
  EXPECT_EQ(Call(http::Method::kGet, "/api/team?manager=10020", manager).status, 403);
  EXPECT_EQ(Call(http::Method::kGet, "/api/team", hr).status, 400);  // HR names the manager
  EXPECT_EQ(Call(http::Method::kGet, "/api/team?manager=10020", hr).status, 200);

  auto matrix = Call(http::Method::kGet, "/api/team/matrix", manager);
  ASSERT_EQ(matrix.status, 200) << matrix.body;
  EXPECT_EQ(ParseJson(matrix.body)->at("rows").size(), 4u);
  EXPECT_EQ(Call(http::Method::kGet, "/api/team/matrix", employee).status, 403);
  auto csv = Call(http::Method::kGet, "/api/team/matrix.csv?manager=10010", hr);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("\"personeelsnummer\",\"naam\",")) << csv.body;
  EXPECT_NE(csv.body.find("\"Fatima El Amrani\""), std::string::npos);

  EXPECT_EQ(Call(http::Method::kGet, "/api/people", manager).status, 403);
  auto people = Call(http::Method::kGet, "/api/people", hr);
  ASSERT_EQ(people.status, 200);
  EXPECT_EQ(ParseJson(people.body)->at("people").size(), 15u);

  const std::string file = ReadExample("people.csv");
  EXPECT_EQ(Call(http::Method::kPost, "/api/people/import", manager, file, "text/csv").status, 403);
  EXPECT_EQ(Call(http::Method::kPost, "/api/people/import", hr, file, "application/json").status, 400);
  auto dry = Call(http::Method::kPost, "/api/people/import?dry_run=true", hr, file + "10099,X,x@y.nl,KCC,10010,medewerker\n",
                  "text/csv");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(ParseJson(dry.body)->at("added").size(), 1u);
  EXPECT_EQ(ParseJson(dry.body)->at("dry_run"), true);
  EXPECT_TRUE(IsOk(GetPersonByNumber(*app_, "10001")));
  EXPECT_TRUE(FailsWith(GetPersonByNumber(*app_, "10099"), ErrorCode::kNotFound));
  auto bad = Call(http::Method::kPost, "/api/people/import", hr, file + "10099,X,not-an-email,KCC,10010,medewerker\n",
                  "text/csv");
  EXPECT_EQ(bad.status, 400) << bad.body;
}

}  // namespace
}  // namespace vaardig::issuer
