// The employee's pages through the issuer's real router (BuildIssuerRouter) with cookie sessions and
// CSRF: rendering, recording a skill by form POST, uploads, asking for confirmation, the answers to
// a manager's question, refusals that change nothing, escaping, and the two languages.
#include "issuer/http/pages_employee.h"

#include <gtest/gtest.h>

#include <string>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "issuer/app/catalogue_store.h"
#include "issuer/app/claims.h"
#include "issuer/app/key_vault.h"
#include "issuer/http/service.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::IsOk;
using testing::CountOf;
using testing::ReadFixture;
using testing::SnapshotWorkflow;

constexpr std::string_view kBoundary = "----vaardigPageBoundary42";

std::string FilePart(std::string_view filename, std::string_view declared_type, const Bytes& data) {
  std::string body = "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                     std::string(filename) + "\"\r\nContent-Type: " + std::string(declared_type) + "\r\n\r\n";
  body.append(data.begin(), data.end());
  body += "\r\n";
  return body;
}

std::string CsrfPart(std::string_view csrf) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
         std::string(csrf) + "\r\n";
}

std::string Upload(std::string_view csrf, std::string_view filename, std::string_view declared_type, const Bytes& data) {
  std::string body = csrf.empty() ? "" : CsrfPart(csrf);
  body += FilePart(filename, declared_type, data);
  body += "--" + std::string(kBoundary) + "--\r\n";
  return body;
}

std::string MultipartType() { return "multipart/form-data; boundary=" + std::string(kBoundary); }

std::string Header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

class EmployeePagesTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }

  void Start(IssuerSettings settings) {
    app_ = testing::OpenTestApp(clock_, std::move(settings));
    ASSERT_NE(app_, nullptr);
    org_ = testing::SeedOrganisation(*app_);
    ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE skills SET area = 'Klantcontact' WHERE id = 'klantgesprek'")));
    for (const auto& [name, principal] : org_.people) AddSession(name, principal.person_id);
    router_ = BuildIssuerRouter(*app_, nullptr);
  }

  // A session whose token is "token-<name>" and CSRF token "csrf-<name>".
  void AddSession(const std::string& name, std::int64_t person_id) {
    const std::string token = "token-" + name;
    const std::string hash = encoding::HexEncode(crypto::Sha256(AsBytes(token)));
    auto r = app_->db().Execute(
        "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {hash, person_id, "csrf-" + name, app_->Now(), app_->Now(), FormatUtc(testing::kSeedNow + 3600)});
    ASSERT_TRUE(IsOk(r));
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
  http::Response Get(const std::string& who, const std::string& target) { return Send(who, http::Method::kGet, target); }
  // A form POST with the person's CSRF token.
  http::Response PostForm(const std::string& who, const std::string& target, std::string fields = "") {
    std::string body = "csrf=csrf-" + who;
    if (!fields.empty()) body += "&" + fields;
    return Send(who, http::Method::kPost, target, std::move(body));
  }

  std::int64_t NewClaimFor(const std::string& who, std::string skill = "klantgesprek", int level = 2,
                           std::string note = "") {
    auto c = CreateClaim(*app_, org_[who], NewClaim{.skill_id = std::move(skill), .self_level = level, .note = std::move(note), .frequency = ""});
    EXPECT_TRUE(IsOk(c));
    return c ? c->id : 0;
  }
  std::string ClaimState(std::int64_t id) {
    auto row = app_->db().QueryOne("SELECT state FROM claims WHERE id = ?", {id});
    return row && *row ? (*row)->Text(0) : "";
  }
  KeyVault Vault() {
    auto vault = KeyVault::FromKey(crypto::RandomSecret(kKekSize));
    EXPECT_TRUE(IsOk(vault));
    return std::move(*vault);
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(testing::kSeedNow);
  std::unique_ptr<IssuerApp> app_;
  testing::SeededOrg org_;
  std::unique_ptr<http::Router> router_;
};

TEST_F(EmployeePagesTest, WithoutSessionEveryPageRedirectsToLogin) {
  for (const char* target : {"/claims", "/claims/new", "/claims/1", "/evidence/1"}) {
    http::Response r = Get("", target);
    EXPECT_EQ(r.status, 303) << target;
    EXPECT_EQ(Header(r, "Location"), "/login") << target;
  }
  const std::string before = SnapshotWorkflow(*app_);
  http::Response r = Send("", http::Method::kPost, "/claims", "skill_id=archiveren&self_level=2");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(EmployeePagesTest, MySkillsShowsBlueAndGreenApartByArea) {
  const std::int64_t confirmed = NewClaimFor("bob", "klantgesprek", 2);
  const std::int64_t waiting = NewClaimFor("bob", "archiveren", 1);
  const std::int64_t declined = NewClaimFor("bob", "archiveren", 3);
  NewClaimFor("eva", "archiveren", 3, "eva-only-note");
  auto r1 = RequestConfirmation(*app_, org_["bob"], confirmed, std::nullopt, "");
  auto r2 = RequestConfirmation(*app_, org_["bob"], waiting, std::nullopt, "");
  auto r3 = RequestConfirmation(*app_, org_["bob"], declined, std::nullopt, "");
  ASSERT_TRUE(IsOk(r1) && IsOk(r2) && IsOk(r3));
  const KeyVault vault = Vault();
  ASSERT_TRUE(IsOk(Confirm(*app_, vault, org_["anna"], *r1, 3, "Prima")));
  ASSERT_TRUE(IsOk(Decline(*app_, org_["anna"], *r3, "Nog niet gezien aan de balie")));

  http::Response r = Get("bob", "/claims");
  ASSERT_EQ(r.status, 200);
  const std::string& html = r.body;
  EXPECT_NE(html.find("<h1>Mijn vaardigheden</h1>"), std::string::npos);
  const auto green = html.find("id=\"green-heading\"");
  const auto blue = html.find("id=\"blue-heading\"");
  ASSERT_NE(green, std::string::npos);
  ASSERT_NE(blue, std::string::npos);
  ASSERT_LT(green, blue);
  const std::string green_part = html.substr(green, blue - green);
  const std::string blue_part = html.substr(blue);
  // Green: the area, the skill, both levels, who confirmed and when; with a text label, not only colour.
  EXPECT_NE(green_part.find("<h3>Klantcontact</h3>"), std::string::npos);
  EXPECT_NE(green_part.find("Klantgesprek voeren"), std::string::npos);
  EXPECT_NE(green_part.find("Bevestigd</span>"), std::string::npos);
  EXPECT_NE(green_part.find("<dd>Zelfstandig</dd>"), std::string::npos);            // my level 2
  EXPECT_NE(green_part.find("<dd>Kan het anderen leren</dd>"), std::string::npos);  // manager's level 3
  EXPECT_NE(green_part.find("Anna de Vries, 18-11-2026"), std::string::npos);
  EXPECT_EQ(green_part.find("Archiveren"), std::string::npos);
  // Blue: the other two, under "Overig" (no area), with their states in plain Dutch.
  EXPECT_NE(blue_part.find("<h3>Overig</h3>"), std::string::npos);
  EXPECT_NE(blue_part.find("Zelf opgegeven</span>"), std::string::npos);
  EXPECT_NE(blue_part.find("Wacht op bevestiging"), std::string::npos);
  EXPECT_NE(blue_part.find("Afgewezen: Nog niet gezien aan de balie"), std::string::npos);
  EXPECT_NE(blue_part.find("<dd>Met hulp</dd>"), std::string::npos);
  EXPECT_EQ(blue_part.find("Klantgesprek voeren"), std::string::npos);
  // Only my own claims.
  EXPECT_EQ(html.find("eva-only-note"), std::string::npos);
  EXPECT_EQ(html.find("/claims/" + std::to_string(declined + 1) + "\""), std::string::npos);
}

TEST_F(EmployeePagesTest, EmptyListSaysSo) {
  http::Response r = Get("dora", "/claims");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Nog geen bevestigde vaardigheden."), std::string::npos);
  EXPECT_NE(r.body.find("Geen zelf opgegeven vaardigheden."), std::string::npos);
}

TEST_F(EmployeePagesTest, NewClaimFormHasCatalogueRoadmapLevelsAndSearch) {
  Roadmap roadmap{.id = "publiekszaken",
                  .name = {.nl = "Roadmap balie", .en = "Front desk roadmap"},
                  .job = "Publiekszaken",
                  .columns = {RoadmapColumn{.title = {.nl = "Ontvangen", .en = "Receive"}, .skill_ids = {"klantgesprek"}}}};
  ASSERT_TRUE(IsOk(ImportRoadmaps(*app_, {roadmap}, "person:test")));

  http::Response r = Get("bob", "/claims/new");
  ASSERT_EQ(r.status, 200);
  const std::string& html = r.body;
  EXPECT_NE(html.find("Uit de Roadmap van mijn team: Roadmap balie"), std::string::npos);
  EXPECT_NE(html.find("<legend>Ontvangen</legend>"), std::string::npos);
  EXPECT_NE(html.find("id=\"rm-publiekszaken-klantgesprek\""), std::string::npos);
  EXPECT_NE(html.find("<legend>Klantcontact</legend>"), std::string::npos);
  EXPECT_NE(html.find("id=\"cat-klantgesprek\""), std::string::npos);
  EXPECT_NE(html.find("id=\"cat-archiveren\""), std::string::npos);
  EXPECT_EQ(html.find("cat-oud"), std::string::npos);  // inactive
  EXPECT_NE(html.find("<strong>Met hulp</strong>"), std::string::npos);
  EXPECT_NE(html.find("<strong>Zelfstandig</strong>"), std::string::npos);
  EXPECT_NE(html.find("<strong>Kan het anderen leren</strong>"), std::string::npos);
  EXPECT_NE(html.find("name=\"frequency\""), std::string::npos);
  EXPECT_NE(html.find("<input type=\"hidden\" name=\"csrf\" value=\"csrf-bob\">"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("style=\""), std::string::npos);

  // Dora's team has no roadmap.
  EXPECT_EQ(Get("dora", "/claims/new").body.find("Roadmap balie"), std::string::npos);

  // The search works without JavaScript: a GET with ?q=.
  http::Response found = Get("bob", "/claims/new?q=archi");
  ASSERT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("id=\"cat-archiveren\""), std::string::npos);
  EXPECT_EQ(found.body.find("id=\"cat-klantgesprek\""), std::string::npos);
  EXPECT_NE(found.body.find("value=\"archi\""), std::string::npos);
  http::Response none = Get("bob", "/claims/new?q=zzzz");
  EXPECT_NE(none.body.find("Niets gevonden."), std::string::npos);
  http::Response too_long = Get("bob", "/claims/new?q=" + std::string(201, 'a'));
  EXPECT_EQ(too_long.status, 200);
  EXPECT_NE(too_long.body.find("Uw zoekwoord is te lang."), std::string::npos);
}

TEST_F(EmployeePagesTest, RecordSkillByFormPostRedirectsToTheClaim) {
  http::Response r = PostForm("bob", "/claims", "skill_id=archiveren&self_level=3&note=Dossiers+2024&frequency=weekly");
  ASSERT_EQ(r.status, 303) << r.body;
  const std::int64_t id = CountOf(*app_, "SELECT MAX(id) FROM claims");
  EXPECT_EQ(Header(r, "Location"), "/claims/" + std::to_string(id) + "?done=created");
  auto row = app_->db().QueryOne("SELECT person_id, skill_id, self_level, note, frequency, state FROM claims WHERE id = ?", {id});
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->Int(0), org_["bob"].person_id);
  EXPECT_EQ((*row)->Text(1), "archiveren");
  EXPECT_EQ((*row)->Int(2), 3);
  EXPECT_EQ((*row)->Text(3), "Dossiers 2024");
  EXPECT_EQ((*row)->Text(4), "weekly");
  EXPECT_EQ((*row)->Text(5), "private");

  http::Response page = Get("bob", Header(r, "Location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Archiveren</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("De vaardigheid is opgeslagen."), std::string::npos);
  EXPECT_NE(page.body.find("Alleen voor mij, nog niet gevraagd"), std::string::npos);
  EXPECT_NE(page.body.find("Kan het anderen leren"), std::string::npos);
  EXPECT_NE(page.body.find("Elke week"), std::string::npos);
  EXPECT_NE(page.body.find("Dossiers 2024"), std::string::npos);
}

TEST_F(EmployeePagesTest, RecordSkillRefusesBadInputInPlainLanguage) {
  const std::string before = SnapshotWorkflow(*app_);
  http::Response no_level = PostForm("bob", "/claims", "skill_id=archiveren");
  EXPECT_EQ(no_level.status, 400);
  EXPECT_NE(no_level.body.find("Kies hoe goed u het kunt."), std::string::npos);
  EXPECT_NE(no_level.body.find("id=\"cat-archiveren\" value=\"archiveren\" checked"), std::string::npos);  // kept
  http::Response bad_level = PostForm("bob", "/claims", "skill_id=archiveren&self_level=4");
  EXPECT_EQ(bad_level.status, 400);
  EXPECT_NE(bad_level.body.find("Kies hoe goed u het kunt."), std::string::npos);
  http::Response no_skill = PostForm("bob", "/claims", "self_level=2");
  EXPECT_EQ(no_skill.status, 400);
  EXPECT_NE(no_skill.body.find("Kies een vaardigheid uit de lijst."), std::string::npos);
  http::Response unknown = PostForm("bob", "/claims", "skill_id=oud&self_level=2");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Kies een vaardigheid uit de lijst."), std::string::npos);
  http::Response bad_freq = PostForm("bob", "/claims", "skill_id=archiveren&self_level=2&frequency=hourly");
  EXPECT_EQ(bad_freq.status, 400);
  EXPECT_NE(bad_freq.body.find("Dit kan zo niet worden opgeslagen."), std::string::npos);
  http::Response long_note =
      PostForm("bob", "/claims", "skill_id=archiveren&self_level=2&note=" + std::string(kMaxNoteChars + 1, 'x'));
  EXPECT_EQ(long_note.status, 400);
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(EmployeePagesTest, PostWithoutOrWithWrongCsrfIsRefusedAndChangesNothing) {
  const std::int64_t id = NewClaimFor("bob");
  const std::string before = SnapshotWorkflow(*app_);
  const std::string cid = std::to_string(id);
  struct Case {
    std::string target;
    std::string body;
  };
  for (const Case& c : {Case{"/claims", "skill_id=archiveren&self_level=2"},
                        Case{"/claims/" + cid + "/ask", "message=hoi"},
                        Case{"/claims/" + cid + "/withdraw", ""},
                        Case{"/claims/" + cid + "/information", "message=x"}}) {
    http::Response none = Send("bob", http::Method::kPost, c.target, c.body.empty() ? "x=1" : c.body);
    EXPECT_EQ(none.status, 403) << c.target;
    EXPECT_NE(none.body.find("Het formulier is verlopen."), std::string::npos) << c.target;
    http::Response wrong = Send("bob", http::Method::kPost, c.target, "csrf=csrf-eva&" + c.body);
    EXPECT_EQ(wrong.status, 403) << c.target;
  }
  // The upload too: without the csrf part, and with another session's.
  const Bytes png = ReadFixture("diagram_with_text.png");
  EXPECT_EQ(Send("bob", http::Method::kPost, "/claims/" + cid + "/evidence", Upload("", "a.png", "image/png", png),
                 MultipartType()).status,
            403);
  EXPECT_EQ(Send("bob", http::Method::kPost, "/claims/" + cid + "/evidence",
                 Upload("csrf-eva", "a.png", "image/png", png), MultipartType()).status,
            403);
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(EmployeePagesTest, UploadPngThenDownloadWithTheApiRights) {
  const std::int64_t id = NewClaimFor("bob");
  const std::string cid = std::to_string(id);
  http::Response page = Get("bob", "/claims/" + cid);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"file\" type=\"file\" accept=\"image/*\" capture=\"environment\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"file\" type=\"file\" accept=\"image/*,application/pdf\""), std::string::npos);
  EXPECT_NE(page.body.find("Nog geen bewijs toegevoegd."), std::string::npos);

  // As a browser sends it: the unused camera input as an empty part, then the chosen file.
  const Bytes png = ReadFixture("diagram_with_text.png");
  const std::string body = CsrfPart("csrf-bob") + FilePart("", "application/octet-stream", {}) +
                           FilePart("balie.png", "image/png", png) + "--" + std::string(kBoundary) + "--\r\n";
  http::Response r = Send("bob", http::Method::kPost, "/claims/" + cid + "/evidence", body, MultipartType());
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(Header(r, "Location"), "/claims/" + cid + "?done=evidence");
  ASSERT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM evidence"), 1);
  const std::int64_t evidence_id = CountOf(*app_, "SELECT id FROM evidence");

  page = Get("bob", Header(r, "Location"));
  EXPECT_NE(page.body.find("Het bestand is toegevoegd."), std::string::npos);
  EXPECT_NE(page.body.find("<a href=\"/evidence/" + std::to_string(evidence_id) + "\">balie.png</a> (foto,"),
            std::string::npos);

  http::Response download = Get("bob", "/evidence/" + std::to_string(evidence_id));
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.content_type, "image/png");
  EXPECT_FALSE(download.body.empty());
  EXPECT_EQ(Header(download, "Content-Disposition").rfind("attachment; filename=\"balie.png\"", 0), 0u);
  EXPECT_EQ(Header(download, "X-Content-Type-Options"), "nosniff");
  // Another employee, and a manager with no request addressed to them: 404. HR may read it.
  EXPECT_EQ(Get("eva", "/evidence/" + std::to_string(evidence_id)).status, 404);
  EXPECT_EQ(Get("anna", "/evidence/" + std::to_string(evidence_id)).status, 404);
  EXPECT_EQ(Get("hanna", "/evidence/" + std::to_string(evidence_id)).status, 200);
  EXPECT_EQ(Get("bob", "/evidence/999").status, 404);
  EXPECT_EQ(Get("bob", "/evidence/abc").status, 404);
  // Once asked, the addressed manager may read it.
  ASSERT_TRUE(IsOk(RequestConfirmation(*app_, org_["bob"], id, std::nullopt, "")));
  EXPECT_EQ(Get("anna", "/evidence/" + std::to_string(evidence_id)).status, 200);
}

TEST_F(EmployeePagesTest, UploadErrorsAreShownInPlainLanguage) {
  const std::int64_t id = NewClaimFor("bob");
  const std::string target = "/claims/" + std::to_string(id) + "/evidence";
  const std::string text = "dit is geen foto";
  http::Response wrong = Send("bob", http::Method::kPost, target,
                              Upload("csrf-bob", "foto.png", "image/png", Bytes(text.begin(), text.end())), MultipartType());
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("Dit bestand is geen foto of PDF."), std::string::npos);
  EXPECT_NE(wrong.body.find("<h1>Klantgesprek voeren</h1>"), std::string::npos);  // still the claim page

  // A form without a file.
  std::string empty_form = CsrfPart("csrf-bob") + "--" + std::string(kBoundary) + "--\r\n";
  http::Response no_file = Send("bob", http::Method::kPost, target, empty_form, MultipartType());
  EXPECT_EQ(no_file.status, 400);
  EXPECT_NE(no_file.body.find("Kies eerst een bestand."), std::string::npos);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM evidence"), 0);

  // Evidence to a withdrawn claim: refused with the reason.
  ASSERT_TRUE(IsOk(Withdraw(*app_, org_["bob"], id)));
  http::Response closed = Send("bob", http::Method::kPost, target,
                               Upload("csrf-bob", "a.png", "image/png", ReadFixture("diagram_with_text.png")), MultipartType());
  EXPECT_EQ(closed.status, 409);
  EXPECT_NE(closed.body.find("de status is intussen veranderd"), std::string::npos);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM evidence"), 0);
}

TEST_F(EmployeePagesTest, UploadTooLargeSaysTheLimit) {
  IssuerSettings settings;
  settings.evidence_max_bytes = 2 * 1024 * 1024;
  Start(settings);
  const std::int64_t id = NewClaimFor("bob");
  Bytes big(2 * 1024 * 1024 + 1, 0);
  http::Response r = Send("bob", http::Method::kPost, "/claims/" + std::to_string(id) + "/evidence",
                          Upload("csrf-bob", "groot.pdf", "application/pdf", big), MultipartType());
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("Het bestand is te groot (max 2 MB)"), std::string::npos);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM evidence"), 0);
}

TEST_F(EmployeePagesTest, AskForConfirmationShowsWhoWillBeAsked) {
  const std::int64_t id = NewClaimFor("bob");
  const std::string cid = std::to_string(id);
  http::Response page = Get("bob", "/claims/" + cid);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Dit wordt gevraagd aan: <strong>Anna de Vries</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/claims/" + cid + "/ask\""), std::string::npos);

  http::Response r = PostForm("bob", "/claims/" + cid + "/ask", "message=Zie+de+foto");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(Header(r, "Location"), "/claims/" + cid + "?done=asked");
  EXPECT_EQ(ClaimState(id), "requested");
  auto row = app_->db().QueryOne("SELECT endorser_id, message FROM confirmation_requests WHERE claim_id = ?", {id});
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->Int(0), org_["anna"].person_id);
  EXPECT_EQ((*row)->Text(1), "Zie de foto");

  page = Get("bob", Header(r, "Location"));
  EXPECT_NE(page.body.find("Uw vraag om bevestiging is verstuurd."), std::string::npos);
  EXPECT_NE(page.body.find("Wacht op bevestiging"), std::string::npos);
  EXPECT_NE(page.body.find("<dt>Gevraagd aan</dt><dd>Anna de Vries</dd>"), std::string::npos);
  EXPECT_EQ(page.body.find("/ask\""), std::string::npos);  // no second request form

  // Asking twice: refused, nothing changes.
  const std::string before = SnapshotWorkflow(*app_);
  http::Response again = PostForm("bob", "/claims/" + cid + "/ask");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(EmployeePagesTest, WithoutManagerThePageSaysWhatToDo) {
  const std::int64_t id = NewClaimFor("ivo");
  http::Response page = Get("ivo", "/claims/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("U heeft geen leidinggevende in het systeem."), std::string::npos);
  EXPECT_EQ(page.body.find("/ask\""), std::string::npos);
  const std::string before = SnapshotWorkflow(*app_);
  http::Response r = PostForm("ivo", "/claims/" + std::to_string(id) + "/ask");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("U heeft geen leidinggevende in het systeem."), std::string::npos);
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(EmployeePagesTest, AnswerTheManagersQuestion) {
  const std::int64_t id = NewClaimFor("bob");
  auto request = RequestConfirmation(*app_, org_["bob"], id, std::nullopt, "");
  ASSERT_TRUE(IsOk(request));
  ASSERT_TRUE(IsOk(AskForInformation(*app_, org_["anna"], *request, "Wanneer deed je dit?")));
  const std::string cid = std::to_string(id);
  http::Response page = Get("bob", "/claims/" + cid);
  EXPECT_NE(page.body.find("Leidinggevende vraagt meer informatie"), std::string::npos);
  EXPECT_NE(page.body.find("Vraag van Anna de Vries"), std::string::npos);
  EXPECT_NE(page.body.find("Wanneer deed je dit?"), std::string::npos);

  http::Response empty = PostForm("bob", "/claims/" + cid + "/information", "message=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Schrijf een antwoord."), std::string::npos);
  EXPECT_EQ(ClaimState(id), "info_requested");

  http::Response r = PostForm("bob", "/claims/" + cid + "/information", "message=Vorige+week+aan+de+balie");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(ClaimState(id), "requested");
  EXPECT_NE(Get("bob", Header(r, "Location")).body.find("Uw antwoord is verstuurd."), std::string::npos);
}

TEST_F(EmployeePagesTest, ConfirmedClaimSaysSoWithBothLevels) {
  const std::int64_t id = NewClaimFor("bob", "klantgesprek", 1);
  auto request = RequestConfirmation(*app_, org_["bob"], id, std::nullopt, "");
  ASSERT_TRUE(IsOk(request));
  const KeyVault vault = Vault();
  ASSERT_TRUE(IsOk(Confirm(*app_, vault, org_["anna"], *request, 2, "Goed aan de balie")));
  http::Response page = Get("bob", "/claims/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Deze vaardigheid is bevestigd."), std::string::npos);
  EXPECT_NE(page.body.find("<dt>Mijn niveau</dt><dd>Met hulp</dd>"), std::string::npos);
  EXPECT_NE(page.body.find("<dt>Niveau volgens leidinggevende</dt><dd>Zelfstandig</dd>"), std::string::npos);
  EXPECT_NE(page.body.find("<dd>Anna de Vries, 18-11-2026</dd>"), std::string::npos);
  EXPECT_NE(page.body.find("Goed aan de balie"), std::string::npos);
  // Nothing more to do on it here: no upload, ask or withdraw form.
  EXPECT_EQ(page.body.find("enctype="), std::string::npos);
  EXPECT_EQ(page.body.find("/withdraw\""), std::string::npos);
  EXPECT_EQ(page.body.find("/ask\""), std::string::npos);
}

TEST_F(EmployeePagesTest, WithdrawRedirectsToTheList) {
  const std::int64_t id = NewClaimFor("bob");
  http::Response r = PostForm("bob", "/claims/" + std::to_string(id) + "/withdraw");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(Header(r, "Location"), "/claims");
  EXPECT_EQ(ClaimState(id), "withdrawn");
  EXPECT_EQ(Get("bob", "/claims").body.find("/claims/" + std::to_string(id) + "\""), std::string::npos);
  http::Response again = PostForm("bob", "/claims/" + std::to_string(id) + "/withdraw");
  EXPECT_EQ(again.status, 409);
}

TEST_F(EmployeePagesTest, AnotherEmployeesClaimIsNotFoundAndUntouched) {
  const std::int64_t id = NewClaimFor("eva", "archiveren", 2, "van eva");
  const std::string cid = std::to_string(id);
  const std::string before = SnapshotWorkflow(*app_);
  http::Response page = Get("bob", "/claims/" + cid);
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.body.find("van eva"), std::string::npos);
  EXPECT_NE(page.body.find("Deze pagina bestaat niet, of u mag hem niet zien."), std::string::npos);
  EXPECT_EQ(Get("bob", "/claims/999").status, 404);
  EXPECT_EQ(Get("bob", "/claims/abc").status, 404);
  EXPECT_EQ(PostForm("bob", "/claims/" + cid + "/ask").status, 404);
  EXPECT_EQ(PostForm("bob", "/claims/" + cid + "/withdraw").status, 404);
  EXPECT_EQ(PostForm("bob", "/claims/" + cid + "/information", "message=x").status, 404);
  EXPECT_EQ(Send("bob", http::Method::kPost, "/claims/" + cid + "/evidence",
                 Upload("csrf-bob", "a.png", "image/png", ReadFixture("diagram_with_text.png")), MultipartType())
                .status,
            404);
  // HR may read the claim through the API, but this page is the owner's.
  EXPECT_EQ(Get("hanna", "/claims/" + cid).status, 404);
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(EmployeePagesTest, NotesAreEscaped) {
  http::Response r =
      PostForm("bob", "/claims", "skill_id=archiveren&self_level=2&note=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%26+%22x%22");
  ASSERT_EQ(r.status, 303);
  http::Response page = Get("bob", Header(r, "Location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"), std::string::npos);
  // A refused form keeps the note, escaped too.
  http::Response refused = PostForm("bob", "/claims", "skill_id=archiveren&note=%3Cscript%3Ex%3C%2Fscript%3E");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body.find("<script>"), std::string::npos);
  EXPECT_NE(refused.body.find("&lt;script&gt;x&lt;/script&gt;</textarea>"), std::string::npos);
}

TEST_F(EmployeePagesTest, DutchByDefaultEnglishOnRequest) {
  const std::int64_t id = NewClaimFor("bob");
  ASSERT_TRUE(IsOk(RequestConfirmation(*app_, org_["bob"], id, std::nullopt, "")));
  http::Response nl = Get("bob", "/claims");
  EXPECT_NE(nl.body.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(nl.body.find("Zelf opgegeven"), std::string::npos);
  EXPECT_NE(nl.body.find("Wacht op bevestiging"), std::string::npos);

  http::Response en = Get("bob", "/claims?lang=en");
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.body.find("<h1>My skills</h1>"), std::string::npos);
  EXPECT_NE(en.body.find("Self-declared"), std::string::npos);
  EXPECT_NE(en.body.find("Waiting for confirmation"), std::string::npos);
  EXPECT_NE(en.body.find("Conducting a customer conversation"), std::string::npos);
  EXPECT_EQ(en.body.find("Wacht op bevestiging"), std::string::npos);

  http::Response form = Get("bob", "/claims/new?lang=en");
  EXPECT_NE(form.body.find("<strong>With help</strong>"), std::string::npos);
  EXPECT_NE(form.body.find("<strong>Can teach it to others</strong>"), std::string::npos);
  http::Response claim = Get("bob", "/claims/" + std::to_string(id) + "?lang=en");
  EXPECT_NE(claim.body.find("Asked"), std::string::npos);
  EXPECT_NE(claim.body.find("2026-11-18"), std::string::npos);
}

TEST_F(EmployeePagesTest, StylesheetCarriesTheBadges) {
  http::Response css = Get("", "/static/vaardig.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_NE(css.body.find(".badge.green"), std::string::npos);
  EXPECT_NE(css.body.find(".badge.blue"), std::string::npos);
}

}  // namespace
}  // namespace vaardig::issuer
