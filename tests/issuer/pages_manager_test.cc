// The manager and HR/admin pages through the issuer's real router (BuildIssuerRouter) with cookie
// sessions and form posts, as a browser sends them: the queue and its three actions, the team
// matrix and its CSV, people import (dry run, then apply), the catalogue and the audit page.
#include "issuer/http/pages_manager.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "issuer/app/claims.h"
#include "issuer/http/service.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::IsOk;
using testing::CountOf;
using testing::ReadFixture;
using testing::SnapshotWorkflow;

constexpr std::string_view kBoundary = "----vaardigPagesBoundary";

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

class PagesManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("vaardig-pages-mgr-" + encoding::HexEncode(crypto::RandomBytes(8)));
    std::filesystem::create_directories(dir_);
    IssuerSettings settings;
    settings.kek_file = (dir_ / "kek").string();
    ASSERT_TRUE(IsOk(RunGenerateKek(settings.kek_file)));
    app_ = testing::OpenTestApp(clock_, settings);
    ASSERT_NE(app_, nullptr);
    org_ = testing::SeedOrganisation(*app_);
    for (const auto& [name, principal] : org_.people) AddSession(name, principal.person_id);
    router_ = BuildIssuerRouter(*app_, nullptr);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A session whose token is "token-<name>" and CSRF token "csrf-<name>".
  void AddSession(const std::string& name, std::int64_t person_id) {
    const std::string token = "token-" + name;
    const std::string hash = encoding::HexEncode(crypto::Sha256(AsBytes(token)));
    auto r = app_->db().Execute(
        "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {hash, person_id, "csrf-" + name, app_->Now(), app_->Now(), FormatUtc(testing::kSeedNow + 30 * 86400)});
    ASSERT_TRUE(IsOk(r));
    // Long sessions: the tests move the clock by days.
    auto idle = app_->db().Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
                                   {FormatUtc(testing::kSeedNow + 29 * 86400), hash});
    ASSERT_TRUE(IsOk(idle));
  }

  http::Response Send(const std::string& who, http::Method method, const std::string& target, std::string body = "",
                      std::string content_type = "application/x-www-form-urlencoded") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(IsOk(http::SetTarget(request, target)));
    if (!who.empty()) request.headers.emplace_back("cookie", "vaardig_session=token-" + who);
    if (!body.empty()) request.headers.emplace_back("content-type", content_type);
    request.body = std::move(body);
    request.remote_address = "127.0.0.1";
    return router_->Dispatch(request);
  }
  http::Response Get(const std::string& who, const std::string& target) {
    return Send(who, http::Method::kGet, target);
  }
  http::Response PostForm(const std::string& who, const std::string& target,
                          std::vector<std::pair<std::string, std::string>> fields, bool with_csrf = true) {
    std::string body;
    if (with_csrf) fields.insert(fields.begin(), {"csrf", "csrf-" + who});
    for (const auto& [k, v] : fields)
      body += (body.empty() ? "" : "&") + http::FormEncode(k) + "=" + http::FormEncode(v);
    return Send(who, http::Method::kPost, target, body);
  }
  http::Response PostMultipart(const std::string& who, const std::string& target,
                               std::vector<std::pair<std::string, std::string>> fields, std::string_view file) {
    std::string body;
    for (const auto& [k, v] : fields) {
      body +=
          "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    }
    body +=
        "--" + std::string(kBoundary) +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"import.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
        std::string(file) + "\r\n--" + std::string(kBoundary) + "--\r\n";
    return Send(who, http::Method::kPost, target, body, "multipart/form-data; boundary=" + std::string(kBoundary));
  }

  // A claim by `who` on `skill`, asked of their manager; returns the request id.
  std::int64_t Ask(const std::string& who, const std::string& skill, int level, const std::string& note = "") {
    auto claim = CreateClaim(*app_, org_[who],
                             NewClaim{.skill_id = skill, .self_level = level, .note = note, .frequency = "weekly"});
    EXPECT_TRUE(IsOk(claim));
    if (!claim) return 0;
    auto request = RequestConfirmation(*app_, org_[who], claim->id, std::nullopt, "Graag bevestigen");
    EXPECT_TRUE(IsOk(request));
    return request ? *request : 0;
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(testing::kSeedNow);
  std::filesystem::path dir_;
  std::unique_ptr<IssuerApp> app_;
  testing::SeededOrg org_;
  std::unique_ptr<http::Router> router_;
};

TEST_F(PagesManagerTest, QueueShowsOnlyOwnRequestsOldestFirstWithWaitingTime) {
  Ask("bob", "klantgesprek", 2);
  clock_->Advance(2 * 86400);
  Ask("eva", "archiveren", 1);
  Ask("dora", "klantgesprek", 3);
  clock_->Advance(86400);

  auto anna = Get("anna", "/queue");
  ASSERT_EQ(anna.status, 200) << anna.body;
  EXPECT_TRUE(anna.content_type.starts_with("text/html"));
  ASSERT_TRUE(Contains(anna.body, "Bob Bakker"));
  ASSERT_TRUE(Contains(anna.body, "Eva Smit"));
  EXPECT_LT(anna.body.find("Bob Bakker"), anna.body.find("Eva Smit"));
  EXPECT_FALSE(Contains(anna.body, "Dora Visser"));
  EXPECT_TRUE(Contains(anna.body, "3 dagen"));
  EXPECT_TRUE(Contains(anna.body, "1 dag<"));
  EXPECT_TRUE(Contains(anna.body, "Klantgesprek voeren"));
  EXPECT_TRUE(Contains(anna.body, "zelfstandig"));
  EXPECT_TRUE(Contains(anna.body, "met hulp"));

  auto carl = Get("carl", "/queue");
  ASSERT_EQ(carl.status, 200);
  EXPECT_TRUE(Contains(carl.body, "Dora Visser"));
  EXPECT_FALSE(Contains(carl.body, "Bob Bakker"));
  EXPECT_TRUE(Contains(carl.body, "kan het anderen leren"));

  auto english = Get("anna", "/queue?lang=en");
  EXPECT_TRUE(Contains(english.body, "Confirmation requests"));
  EXPECT_TRUE(Contains(english.body, "Conducting a customer conversation"));
  EXPECT_TRUE(Contains(english.body, "3 days"));
}

TEST_F(PagesManagerTest, EmptyQueueSaysSo) {
  auto r = Get("anna", "/queue");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "Er wachten geen verzoeken op u."));
}

TEST_F(PagesManagerTest, RequestPageShowsNoteEvidenceAndPreselectedLevel) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2, "<script>alert(1)</script> aan de balie");
  auto claim_id = CountOf(*app_, "SELECT claim_id FROM confirmation_requests");
  auto evidence = AddEvidence(*app_, org_["bob"], claim_id, "balie.png", ReadFixture("diagram_with_text.png"));
  ASSERT_TRUE(IsOk(evidence)) << (evidence ? "" : evidence.error().message());

  auto r = Get("anna", "/queue/" + std::to_string(id));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; aan de balie"));
  EXPECT_FALSE(Contains(r.body, "<script>alert"));
  EXPECT_TRUE(Contains(r.body, "Graag bevestigen"));
  EXPECT_TRUE(Contains(r.body, "elke week"));
  const std::string href = "/evidence/" + std::to_string(evidence->id);
  EXPECT_TRUE(Contains(r.body, "<img class=\"thumb\" src=\"" + href + "\""));
  EXPECT_TRUE(Contains(r.body, "value=\"2\" checked"));
  EXPECT_FALSE(Contains(r.body, "value=\"1\" checked"));
  EXPECT_TRUE(Contains(r.body, "action=\"/queue/" + std::to_string(id) + "/confirm\""));
  EXPECT_TRUE(Contains(r.body, "action=\"/queue/" + std::to_string(id) + "/ask-info\""));
  EXPECT_TRUE(Contains(r.body, "action=\"/queue/" + std::to_string(id) + "/decline\""));
  EXPECT_TRUE(Contains(r.body, "name=\"csrf\" value=\"csrf-anna\""));
  // The thumbnail's source serves the endorser the image itself (GET /evidence/{id}), nobody else.
  auto image = Get("anna", href);
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.content_type, "image/png");
  EXPECT_EQ(Get("carl", href).status, 404);
}

TEST_F(PagesManagerTest, PagesSpeakEnglishOnRequest) {
  const std::int64_t id = Ask("bob", "klantgesprek", 1);
  auto r = Get("anna", "/queue/" + std::to_string(id) + "?lang=en");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "<html lang=\"en\">"));
  EXPECT_TRUE(Contains(r.body, "Conducting a customer conversation"));
  EXPECT_TRUE(Contains(r.body, "with help"));
  EXPECT_TRUE(Contains(r.body, "can teach others"));
  EXPECT_TRUE(Contains(r.body, "every week"));
  EXPECT_TRUE(Contains(Get("hanna", "/catalogue?lang=en").body, "to be filled in"));
  EXPECT_TRUE(Contains(Get("hanna", "/audit?lang=en").body, "The audit log is intact"));
  // HR without a chosen manager gets the picker, not a matrix.
  auto team = Get("hanna", "/team");
  ASSERT_EQ(team.status, 200);
  EXPECT_TRUE(Contains(team.body, "name=\"manager\""));
  EXPECT_FALSE(Contains(team.body, "<table"));
}

TEST_F(PagesManagerTest, ConfirmViaFormCreatesTheEndorsement) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2);
  auto r = PostForm("anna", "/queue/" + std::to_string(id) + "/confirm", {{"level", "3"}, {"comment", "Prima"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Contains(r.body, "bevestigd"));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM endorsements"), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT level FROM endorsements"), 3);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM claims WHERE state = 'confirmed'"), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM endorsements WHERE comment = 'Prima'"), 1);
  // The request left the queue; confirming again (a resubmitted form) is "already handled".
  EXPECT_FALSE(Contains(Get("anna", "/queue").body, "Bob Bakker"));
  auto again = PostForm("anna", "/queue/" + std::to_string(id) + "/confirm", {{"level", "3"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Contains(again.body, "Dit verzoek is al afgehandeld."));
  EXPECT_EQ(Get("anna", "/queue/" + std::to_string(id)).status, 409);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM endorsements"), 1);
}

TEST_F(PagesManagerTest, ConfirmWithoutOrWithABadLevelChangesNothing) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2);
  const std::string before = SnapshotWorkflow(*app_);
  for (std::string level : {"", "0", "4", "2x", "-1"}) {
    auto r = PostForm("anna", "/queue/" + std::to_string(id) + "/confirm", {{"level", level}});
    EXPECT_EQ(r.status, 400) << level;
    EXPECT_TRUE(Contains(r.body, "Kies een niveau.")) << level;
  }
  auto long_comment = PostForm("anna", "/queue/" + std::to_string(id) + "/confirm",
                               {{"level", "2"}, {"comment", std::string(2001, 'x')}});
  EXPECT_EQ(long_comment.status, 400);
  EXPECT_TRUE(Contains(long_comment.body, "te lang"));
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(PagesManagerTest, AnotherManagersRequestIsNotFound) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2);
  const std::string before = SnapshotWorkflow(*app_);
  EXPECT_EQ(Get("carl", "/queue/" + std::to_string(id)).status, 404);
  EXPECT_EQ(Get("anna", "/queue/999999").status, 404);
  EXPECT_EQ(Get("anna", "/queue/abc").status, 404);
  for (std::string action : {"confirm", "ask-info", "decline"}) {
    auto r = PostForm("carl", "/queue/" + std::to_string(id) + "/" + action,
                      {{"level", "2"}, {"question", "?"}, {"reason", "nee"}});
    EXPECT_EQ(r.status, 404) << action;
    EXPECT_TRUE(Contains(r.body, "niet aan u gericht")) << action;
  }
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(PagesManagerTest, EmployeesGetTheForbiddenPage) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2);
  const std::string before = SnapshotWorkflow(*app_);
  for (std::string path :
       {std::string("/queue"), "/queue/" + std::to_string(id), std::string("/team"), std::string("/team.csv"),
        std::string("/people"), std::string("/catalogue"), std::string("/audit")}) {
    auto r = Get("bob", path);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_TRUE(r.content_type.starts_with("text/html")) << path;
    EXPECT_TRUE(Contains(r.body, "Dit mag u niet doen.")) << path;
  }
  EXPECT_EQ(PostForm("bob", "/queue/" + std::to_string(id) + "/confirm", {{"level", "3"}}).status, 403);
  // Managers do not get the HR pages.
  for (std::string path : {"/people", "/catalogue", "/audit"}) EXPECT_EQ(Get("anna", path).status, 403) << path;
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(PagesManagerTest, NotSignedInRedirectsToLogin) {
  for (std::string path : {"/queue", "/queue/1", "/team", "/team.csv", "/people", "/catalogue", "/audit"}) {
    auto r = Get("", path);
    EXPECT_EQ(r.status, 303) << path;
  }
}

TEST_F(PagesManagerTest, PostWithoutOrWithAWrongCsrfTokenIsForbiddenAndChangesNothing) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2);
  const std::string before = SnapshotWorkflow(*app_);
  auto none = PostForm("anna", "/queue/" + std::to_string(id) + "/confirm", {{"level", "3"}}, /*with_csrf=*/false);
  EXPECT_EQ(none.status, 403);
  EXPECT_TRUE(Contains(none.body, "Het formulier is verlopen."));
  auto wrong = PostForm("anna", "/queue/" + std::to_string(id) + "/decline", {{"csrf", "csrf-carl"}, {"reason", "nee"}},
                        /*with_csrf=*/false);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
  const auto people = CountOf(*app_, "SELECT COUNT(*) FROM people");
  auto import = PostMultipart("hanna", "/people/import", {{"action", "apply"}}, "employee_number,name\n");
  EXPECT_EQ(import.status, 403);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM people"), people);
}

TEST_F(PagesManagerTest, DeclineNeedsAReasonAndAskInfoAQuestion) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2);
  const std::string before = SnapshotWorkflow(*app_);
  auto no_reason = PostForm("anna", "/queue/" + std::to_string(id) + "/decline", {{"reason", "  "}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(Contains(no_reason.body, "Geef een reden op."));
  auto no_question = PostForm("anna", "/queue/" + std::to_string(id) + "/ask-info", {{"question", ""}});
  EXPECT_EQ(no_question.status, 400);
  EXPECT_TRUE(Contains(no_question.body, "Schrijf uw vraag op."));
  EXPECT_EQ(SnapshotWorkflow(*app_), before);

  auto ask = PostForm("anna", "/queue/" + std::to_string(id) + "/ask-info", {{"question", "Welke klanten?"}});
  ASSERT_EQ(ask.status, 200) << ask.body;
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM confirmation_requests WHERE state = 'info_requested'"), 1);
  EXPECT_TRUE(Contains(Get("anna", "/queue").body, "U heeft om meer informatie gevraagd"));

  auto decline = PostForm("anna", "/queue/" + std::to_string(id) + "/decline", {{"reason", "Nog niet gezien"}});
  ASSERT_EQ(decline.status, 200) << decline.body;
  EXPECT_TRUE(Contains(decline.body, "afgewezen"));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM claims WHERE state = 'declined'"), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM endorsements"), 0);
}

TEST_F(PagesManagerTest, TeamMatrixIsAnAccessibleTableAndTheCsvNeutralisesFormulas) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2);
  ASSERT_EQ(PostForm("anna", "/queue/" + std::to_string(id) + "/confirm", {{"level", "3"}}).status, 200);
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE people SET name = '=HYPERLINK(\"x\")' WHERE employee_number = 'E003'")));

  auto page = Get("anna", "/team");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Contains(page.body, "<th scope=\"col\">Klantgesprek voeren</th>"));
  EXPECT_TRUE(Contains(page.body, "<th scope=\"row\">Bob Bakker</th>"));
  EXPECT_TRUE(Contains(page.body, "kan het anderen leren"));  // the level as text
  EXPECT_TRUE(Contains(page.body, "<caption"));
  EXPECT_TRUE(Contains(page.body, "href=\"/team.csv\""));
  EXPECT_FALSE(Contains(page.body, "Dora Visser"));

  auto csv = Get("anna", "/team.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.content_type.starts_with("text/csv"));
  EXPECT_TRUE(Contains(csv.body, "\"'=HYPERLINK(\"\"x\"\")\""));
  EXPECT_FALSE(Contains(csv.body, "\"=HYPERLINK"));

  // HR picks a manager by number; an unknown number is a plain 404 page.
  auto hr = Get("hanna", "/team?manager=M001");
  ASSERT_EQ(hr.status, 200);
  EXPECT_TRUE(Contains(hr.body, "Bob Bakker"));
  EXPECT_TRUE(Contains(hr.body, "href=\"/team.csv?manager=M001\""));
  EXPECT_EQ(Get("hanna", "/team?manager=NOPE").status, 404);
  EXPECT_EQ(Get("hanna", "/team.csv?manager=M002").status, 200);
}

constexpr std::string_view kPeopleCsv =
    "employee_number,name,email,team,manager,role\n"
    "M001,Anna de Vries,anna@gemeente-voorbeeld.example,Publiekszaken,,manager\n"
    "M002,Carl Jansen,carl@gemeente-voorbeeld.example,Buitendienst,,manager\n"
    "E001,Bob Bakker,bob@gemeente-voorbeeld.example,Publiekszaken,M001,employee\n"
    "E003,Eva Smit,eva@gemeente-voorbeeld.example,Buitendienst,M002,employee\n"
    "E002,Dora Visser,dora@gemeente-voorbeeld.example,Buitendienst,M002,employee\n"
    "H001,Hanna Mulder,hanna@gemeente-voorbeeld.example,,,hr\n"
    "E005,Femke Kok,femke@gemeente-voorbeeld.example,Wijkteam,M002,medewerker\n";

TEST_F(PagesManagerTest, PeopleImportDryRunShowsTheDiffAndWritesNothingThenApplyWrites) {
  auto list = Get("hanna", "/people?q=bakker");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Contains(list.body, "Bob Bakker"));
  EXPECT_FALSE(Contains(list.body, "Eva Smit"));

  const auto people = CountOf(*app_, "SELECT COUNT(*) FROM people");
  const auto audit = CountOf(*app_, "SELECT COUNT(*) FROM audit_log");
  auto dry = PostMultipart("hanna", "/people/import", {{"csrf", "csrf-hanna"}, {"action", "preview"}}, kPeopleCsv);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(Contains(dry.body, "er is nog niets opgeslagen"));
  EXPECT_TRUE(Contains(dry.body, "E005 · Femke Kok"));                    // added
  EXPECT_TRUE(Contains(dry.body, "team: Publiekszaken → Buitendienst"));  // changed
  EXPECT_TRUE(Contains(dry.body, "E004 · Ivo de Boer"));                  // missing
  EXPECT_TRUE(Contains(dry.body, "Wijkteam"));                            // new team
  EXPECT_TRUE(Contains(dry.body, "name=\"action\" value=\"apply\""));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM people"), people);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log"), audit);

  // The confirm form posts the same file back, urlencoded.
  auto apply = PostForm("hanna", "/people/import", {{"action", "apply"}, {"csv", std::string(kPeopleCsv)}});
  ASSERT_EQ(apply.status, 200) << apply.body;
  EXPECT_TRUE(Contains(apply.body, "Opgeslagen."));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM people"), people + 1);
  EXPECT_EQ(CountOf(*app_,
                    "SELECT COUNT(*) FROM people p JOIN teams t ON t.id = p.team_id "
                    "WHERE p.employee_number = 'E003' AND t.name = 'Buitendienst'"),
            1);
  EXPECT_GT(CountOf(*app_, "SELECT COUNT(*) FROM audit_log"), audit);

  // The same file again: nothing changes, and the preview says so.
  auto again = PostForm("hanna", "/people/import", {{"csv", std::string(kPeopleCsv)}});
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(Contains(again.body, "Er verandert niets."));
}

TEST_F(PagesManagerTest, MalformedPeopleCsvShowsTheRowErrorAndWritesNothing) {
  std::string bad(kPeopleCsv);
  bad += "E006,Gert,geen-email,Wijkteam,M002,employee\n";
  const auto people = CountOf(*app_, "SELECT COUNT(*) FROM people");
  const auto audit = CountOf(*app_, "SELECT COUNT(*) FROM audit_log");
  auto r = PostForm("hanna", "/people/import", {{"action", "apply"}, {"csv", bad}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Contains(r.body, "er is niets veranderd"));
  EXPECT_TRUE(Contains(r.body, "line 9")) << r.body;
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM people"), people);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log"), audit);

  auto empty = PostForm("hanna", "/people/import", {{"csv", ""}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(Contains(empty.body, "Kies een bestand of plak de inhoud."));
  auto bad_action = PostForm("hanna", "/people/import", {{"csv", std::string(kPeopleCsv)}, {"action", "drop"}});
  EXPECT_EQ(bad_action.status, 400);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM people"), people);
}

TEST_F(PagesManagerTest, CatalogueShowsEscoLinksOrToBeFilledInAndImportsACsv) {
  auto page = Get("hanna", "/catalogue");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Contains(page.body, "href=\"" + std::string(testing::kSeedEscoUri) + "\""));
  EXPECT_TRUE(Contains(page.body, "nog invullen"));
  EXPECT_FALSE(Contains(page.body, "Oude vaardigheid"));  // inactive

  const std::string csv =
      "id,name_nl,name_en,description_nl,description_en,esco_uri,competentnl_uri,kind,area\n"
      "snoeien,Snoeien,Pruning,,,,,hard,Groen\n";
  auto import = PostMultipart("hanna", "/catalogue/import", {{"csrf", "csrf-hanna"}}, csv);
  ASSERT_EQ(import.status, 200) << import.body;
  EXPECT_TRUE(Contains(import.body, "1 nieuw"));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM skills WHERE id = 'snoeien' AND area = 'Groen'"), 1);

  const auto skills = CountOf(*app_, "SELECT COUNT(*) FROM skills");
  auto bad = PostMultipart("hanna", "/catalogue/import", {{"csrf", "csrf-hanna"}}, "id,name_nl\nx,y\n");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Contains(bad.body, "er is niets veranderd"));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM skills"), skills);
}

TEST_F(PagesManagerTest, AuditPageShowsIntactOrTheFirstBrokenEntry) {
  const std::int64_t id = Ask("bob", "klantgesprek", 2, "een persoonlijke notitie");
  ASSERT_EQ(PostForm("anna", "/queue/" + std::to_string(id) + "/confirm", {{"level", "2"}}).status, 200);
  const auto entries = CountOf(*app_, "SELECT COUNT(*) FROM audit_log");
  ASSERT_GE(entries, 3);

  auto r = Get("hanna", "/audit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Contains(r.body, "Het logboek is intact: " + std::to_string(entries) + " regels gecontroleerd."));
  EXPECT_TRUE(Contains(r.body, "confirmation.confirm"));
  EXPECT_TRUE(Contains(r.body, "Anna de Vries (person:"));
  EXPECT_FALSE(Contains(r.body, "een persoonlijke notitie"));

  // Tamper with entry 2 behind the triggers' back.
  ASSERT_TRUE(IsOk(app_->db().Execute("DROP TRIGGER audit_log_no_update")));
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE audit_log SET subject = 'claim:999' WHERE seq = 2")));
  auto broken = Get("hanna", "/audit");
  ASSERT_EQ(broken.status, 200);
  EXPECT_TRUE(Contains(broken.body, "Het logboek is beschadigd vanaf regel 2."));
}

}  // namespace
}  // namespace vaardig::issuer
