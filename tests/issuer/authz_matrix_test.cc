// The issuer's authorisation matrix (issue 6 "Bad input and security"; DESIGN.md §7 roles): every
// JSON endpoint × {anonymous, employee on their own data, employee on someone else's ids, manager
// of the team, manager of another team, hr, admin}, through a real http::Server on a free
// loopback port with raw HTTP/1.1. Each cell runs on a freshly seeded issuer, so an earlier cell
// cannot change a later one; every refused write is checked to have changed nothing. Then the
// input and race cases: CSRF with a cookie session, oversized and wrongly typed uploads,
// malformed JSON, a repeated confirm and eight concurrent confirms of one request.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/http/server.h"
#include "issuer/app/claims.h"
#include "issuer/app/key_vault.h"
#include "issuer/http/service.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"
#include "tests/issuer/raw_http.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::IsOk;
using testing::CountOf;
using testing::ReadFixture;
using testing::Reply;
using testing::RoundTrip;
using testing::SnapshotWorkflow;

constexpr std::string_view kBoundary = "----vaardigAuthzBoundary";
constexpr std::size_t kEvidenceMax = 4096;  // the evidence cap in these tests
constexpr std::size_t kUploadLimit = kEvidenceMax + 64 * 1024;

std::string Multipart(std::string_view filename, const std::string& data) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
         std::string(filename) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--" +
         std::string(kBoundary) + "--\r\n";
}
std::string MultipartType() { return "multipart/form-data; boundary=" + std::string(kBoundary); }

// Who sends a request: nobody, or a seeded person by first name.
enum Actor { kAnonymous, kOwner, kOtherEmployee, kTeamManager, kOtherManager, kHr, kAdmin, kActorCount };
constexpr std::array<const char*, kActorCount> kActorNames = {"",      "bob",   "dora", "anna",
                                                              "carl", "hanna", "adam"};
constexpr std::array<const char*, kActorCount> kActorLabels = {
    "anonymous", "employee (own)", "employee (other's ids)", "manager of the team", "manager of another team", "hr",
    "admin"};

struct HttpCall {
  std::string method = "GET";
  std::string target{};
  std::string body{};
  std::string content_type{};
  // Authentication: "" none, else the session of that person by bearer, or by cookie when
  // `cookie` is set (with csrf as X-CSRF-Token when not nullopt).
  std::string who{};
  bool cookie = false;
  std::optional<std::string> csrf{};
};

// A seeded issuer behind a real server: bob's claim (requested of anna, with a PDF as evidence),
// bob's private claim, and sessions "token-<name>" / "csrf-<name>" for everyone, including the
// administrator Adam.
class World {
 public:
  explicit World(int threads = 2) {
    dir_ = std::filesystem::temp_directory_path() / ("vaardig-authz-" + encoding::HexEncode(crypto::RandomBytes(8)));
    std::filesystem::create_directories(dir_);
    IssuerSettings settings;
    settings.kek_file = (dir_ / "kek").string();
    settings.password_strength = crypto::PasswordStrength::kInteractive;
    settings.evidence_max_bytes = kEvidenceMax;
    EXPECT_TRUE(IsOk(RunGenerateKek(settings.kek_file)));
    app_ = testing::OpenTestApp(clock_, settings);
    if (app_ == nullptr) return;
    org_ = testing::SeedOrganisation(*app_);
    adam_ = testing::Exec1(app_->db(),
                           "INSERT INTO people (employee_number, name, email, role, created_at, updated_at) "
                           "VALUES ('A001', 'Adam Admin', 'adam@gemeente-voorbeeld.example', 'admin', ?, ?) "
                           "RETURNING id",
                           {app_->Now(), app_->Now()});
    for (const auto& [name, principal] : org_.people) AddSession(name, principal.person_id);
    AddSession("adam", adam_);

    const Principal& bob = org_["bob"];
    auto claim = CreateClaim(*app_, bob, NewClaim{"klantgesprek", 2, "balie", "weekly"});
    EXPECT_TRUE(IsOk(claim));
    claim_ = claim ? claim->id : 0;
    auto evidence = AddEvidence(*app_, bob, claim_, "bewijs.pdf", ReadFixture("tiny.pdf"));
    EXPECT_TRUE(IsOk(evidence));
    evidence_ = evidence ? evidence->id : 0;
    auto request = RequestConfirmation(*app_, bob, claim_, std::nullopt, "Graag bevestigen");
    EXPECT_TRUE(IsOk(request));
    request_ = request ? *request : 0;
    auto private_claim = CreateClaim(*app_, bob, NewClaim{"archiveren", 1, "", ""});
    EXPECT_TRUE(IsOk(private_claim));
    private_claim_ = private_claim ? private_claim->id : 0;

    router_ = BuildIssuerRouter(*app_, nullptr);
    http::ServerOptions options;
    options.threads = threads;
    options.max_body_bytes = 16 * 1024;
    options.body_limit = [](const http::Request& head) -> std::size_t {
      return head.method == http::Method::kPost && head.path.ends_with("/evidence") ? kUploadLimit : 0;
    };
    auto server = http::Server::Start(options, [this](http::Request& r) { return router_->Dispatch(r); });
    EXPECT_TRUE(IsOk(server));
    if (server) server_ = std::move(*server);
  }
  ~World() {
    if (server_) server_->Stop();
    server_.reset();
    router_.reset();
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  [[nodiscard]] bool ok() const { return app_ != nullptr && server_ != nullptr && claim_ > 0 && request_ > 0; }

  // {claim}, {private}, {evidence}, {request}, {bob} in `text` replaced by the seeded ids.
  [[nodiscard]] std::string Expand(std::string text) const {
    const std::pair<std::string_view, std::int64_t> ids[] = {{"{claim}", claim_},
                                                             {"{private}", private_claim_},
                                                             {"{evidence}", evidence_},
                                                             {"{request}", request_},
                                                             {"{bob}", org_["bob"].person_id}};
    for (const auto& [name, id] : ids) {
      for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name)) {
        text.replace(at, name.size(), std::to_string(id));
      }
    }
    return text;
  }

  Reply Send(const HttpCall& call) const {
    std::string req = call.method + " " + Expand(call.target) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    if (!call.who.empty()) {
      if (call.cookie) {
        req += "Cookie: vaardig_session=token-" + call.who + "\r\n";
        if (call.csrf) req += "X-CSRF-Token: " + *call.csrf + "\r\n";
      } else {
        req += "Authorization: Bearer token-" + call.who + "\r\n";
      }
    }
    const std::string body = Expand(call.body);
    if (!call.content_type.empty()) req += "Content-Type: " + call.content_type + "\r\n";
    if (!body.empty() || call.method == "POST" || call.method == "DELETE") {
      req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return RoundTrip(server_->port(), req + "\r\n" + body);
  }

  // Everything a refused request must leave as it was.
  [[nodiscard]] std::string State() const {
    std::string out = SnapshotWorkflow(*app_);
    for (std::string_view sql :
         {"SELECT COUNT(*) FROM people", "SELECT COUNT(*) FROM sessions", "SELECT COUNT(*) FROM accounts",
          "SELECT COUNT(*) FROM teams", "SELECT COUNT(*) FROM audit_log",
          "SELECT IFNULL(SUM(LENGTH(password_hash)), 0) FROM accounts"}) {
      out += std::string(sql) + " = " + std::to_string(CountOf(*app_, sql)) + "\n";
    }
    return out;
  }

  IssuerApp& app() { return *app_; }
  [[nodiscard]] std::int64_t claim() const { return claim_; }
  [[nodiscard]] std::int64_t evidence() const { return evidence_; }
  [[nodiscard]] std::int64_t request() const { return request_; }
  [[nodiscard]] const testing::SeededOrg& org() const { return org_; }

 private:
  void AddSession(const std::string& name, std::int64_t person_id) {
    const std::string token = "token-" + name;
    const std::string hash = encoding::HexEncode(crypto::Sha256(AsBytes(token)));
    auto r = app_->db().Execute(
        "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {hash, person_id, "csrf-" + name, app_->Now(), app_->Now(), FormatUtc(testing::kSeedNow + 3600)});
    EXPECT_TRUE(IsOk(r));
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(testing::kSeedNow);
  std::filesystem::path dir_;
  std::unique_ptr<IssuerApp> app_;
  testing::SeededOrg org_;
  std::int64_t adam_ = 0, claim_ = 0, private_claim_ = 0, evidence_ = 0, request_ = 0;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::Server> server_;
};

struct Row {
  std::string method;
  std::string target;
  std::string body;
  std::string content_type;
  // anonymous, employee (own), employee (other's ids), manager of the team, manager of another
  // team, hr, admin.
  std::array<int, kActorCount> expected;
  std::function<void(World&)> prepare{};  // state the row needs beyond the seed
};

const std::string kJson = "application/json";

std::vector<Row> Matrix() {
  const std::string pdf(reinterpret_cast<const char*>(ReadFixture("tiny.pdf").data()), ReadFixture("tiny.pdf").size());
  auto ask_info = [](World& w) {
    auto st = AskForInformation(w.app(), w.org()["anna"], w.request(), "Welke balie?");
    ASSERT_TRUE(IsOk(st));
  };
  auto confirm = [](World& w) {
    auto vault = KeyVault::Load(w.app().settings().kek_file);
    ASSERT_TRUE(IsOk(vault));
    auto confirmed = Confirm(w.app(), *vault, w.org()["anna"], w.request(), 2, "Goed gedaan");
    ASSERT_TRUE(IsOk(confirmed));
  };
  // clang-format off
  return {
      {"GET", "/healthz", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/readyz", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/metrics", "", "", {200, 200, 200, 200, 200, 200, 200}},
      // Sign-in takes no session; a body without a password is refused for everyone alike.
      {"POST", "/api/session", R"({"email":"bob@gemeente-voorbeeld.example"})", kJson, {400, 400, 400, 400, 400, 400, 400}},
      {"DELETE", "/api/session", "", "", {401, 204, 204, 204, 204, 204, 204}},
      {"GET", "/api/me", "", "", {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/people/{bob}/password", R"({"password":"Een lang nieuw wachtwoord 2026"})", kJson,
       {401, 204, 403, 403, 403, 204, 204}},
      {"POST", "/api/people/import?dry_run=false",
       "personeelsnummer,naam,e-mail,team,leidinggevende,rol\n"
       "X001,Nieuwe Collega,nieuw@gemeente-voorbeeld.example,,,medewerker\n", "text/csv",
       {401, 403, 403, 403, 403, 200, 200}},
      {"GET", "/api/people", "", "", {401, 403, 403, 403, 403, 200, 200}},
      {"POST", "/api/claims", R"({"skill_id":"archiveren","self_level":1})", kJson, {401, 201, 201, 201, 201, 201, 201}},
      {"GET", "/api/claims", "", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/claims/{claim}", "", "", {401, 200, 404, 200, 404, 200, 200}},
      {"POST", "/api/claims/{claim}/evidence", Multipart("nog.pdf", pdf), MultipartType(),
       {401, 201, 404, 404, 404, 404, 404}},
      {"GET", "/api/evidence/{evidence}", "", "", {401, 200, 404, 200, 404, 200, 200}},
      {"POST", "/api/claims/{private}/confirmation-requests", "{}", kJson, {401, 201, 404, 404, 404, 404, 404}},
      {"POST", "/api/claims/{claim}/withdraw", "", "", {401, 204, 404, 404, 404, 404, 404}},
      // Not confirmed yet: 409 for its owner; then, confirmed by anna, an offer for bob alone.
      {"POST", "/api/claims/{claim}/offer", "", "", {401, 409, 404, 404, 404, 404, 404}},
      {"POST", "/api/claims/{claim}/offer", "", "", {401, 201, 404, 404, 404, 404, 404}, confirm},
      {"POST", "/api/claims/{claim}/information", R"({"message":"Aan de balie"})", kJson,
       {401, 204, 404, 404, 404, 404, 404}, ask_info},
      {"GET", "/api/queue", "", "", {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/confirmation-requests/{request}/confirm", R"({"level":2})", kJson, {401, 403, 404, 200, 404, 403, 403}},
      {"POST", "/api/confirmation-requests/{request}/ask-info", R"({"comment":"Welke balie?"})", kJson,
       {401, 403, 404, 204, 404, 403, 403}},
      {"POST", "/api/confirmation-requests/{request}/decline", R"({"reason":"Nog niet"})", kJson,
       {401, 403, 404, 204, 404, 403, 403}},
      {"GET", "/api/skills", "", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/skills/klantgesprek", "", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/roadmaps", "", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/team?manager=M001", "", "", {401, 403, 403, 200, 403, 200, 200}},
      {"GET", "/api/team/matrix?manager=M001", "", "", {401, 403, 403, 200, 403, 200, 200}},
      {"GET", "/api/team/matrix.csv?manager=M001", "", "", {401, 403, 403, 200, 403, 200, 200}},
  };
  // clang-format on
}

bool IsWrite(const std::string& method) { return method != "GET"; }

TEST(AuthzMatrixTest, EveryEndpointForEveryRole) {
  for (const Row& row : Matrix()) {
    for (int actor = 0; actor < kActorCount; ++actor) {
      SCOPED_TRACE(row.method + " " + row.target + " as " + kActorLabels[actor]);
      World world;
      ASSERT_TRUE(world.ok());
      if (row.prepare) row.prepare(world);
      const std::string before = world.State();
      const Reply reply = world.Send(HttpCall{.method = row.method, .target = row.target, .body = row.body,
                                              .content_type = row.content_type, .who = kActorNames[actor]});
      EXPECT_EQ(reply.status, row.expected[actor]) << reply.body;
      if (reply.status >= 400) {
        // Every refusal carries the JSON error body.
        auto body = ParseJson(reply.body);
        ASSERT_TRUE(IsOk(body)) << reply.body;
        EXPECT_TRUE(body->contains("error") && body->contains("error_description")) << reply.body;
        if (IsWrite(row.method)) {
          EXPECT_EQ(world.State(), before) << "a refused write changed something";
        }
      }
    }
  }
}

// The matrix covers every JSON route the router has (an endpoint added without a row fails here).
TEST(AuthzMatrixTest, MatrixCoversEveryJsonRoute) {
  auto app = testing::OpenTestApp(std::make_shared<FixedClock>(testing::kSeedNow));
  ASSERT_NE(app, nullptr);
  auto router = BuildIssuerRouter(*app, nullptr);
  std::set<std::string> covered;
  for (const Row& row : Matrix()) {
    std::string path = row.target.substr(0, row.target.find('?'));
    for (auto [from, to] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"{claim}", "{id}"}, {"{private}", "{id}"}, {"{evidence}", "{id}"}, {"{request}", "{id}"},
             {"{bob}", "{id}"}, {"klantgesprek", "{id}"}}) {
      if (auto at = path.find(from); at != std::string::npos) path.replace(at, from.size(), to);
    }
    covered.insert(row.method + " " + path);
  }
  for (const auto& [method, pattern] : router->Routes()) {
    if (!pattern.starts_with("/api/") && pattern != "/healthz" && pattern != "/readyz" && pattern != "/metrics") continue;
    EXPECT_TRUE(covered.contains(std::string(http::MethodName(method)) + " " + pattern))
        << "no matrix row for " << http::MethodName(method) << " " << pattern;
  }
}

TEST(AuthzMatrixTest, ManagersSeeOnlyRequestsAddressedToThem) {
  World world;
  ASSERT_TRUE(world.ok());
  auto queue = [&](const std::string& who) {
    const Reply r = world.Send(HttpCall{.target = "/api/queue", .who = who});
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = ParseJson(r.body);
    return body ? body->at("requests").size() : 99u;
  };
  EXPECT_EQ(queue("anna"), 1u);
  EXPECT_EQ(queue("carl"), 0u);
  EXPECT_EQ(queue("hanna"), 0u);
  EXPECT_EQ(queue("dora"), 0u);
}

TEST(AuthzMatrixTest, NobodyReadsEvidenceByGuessingIds) {
  World world;
  ASSERT_TRUE(world.ok());
  // Dora and Carl walk the id space around the real evidence: every answer is the same 404,
  // whether the id exists or not.
  for (const char* who : {"dora", "carl"}) {
    for (std::int64_t id = 1; id <= world.evidence() + 5; ++id) {
      const Reply r = world.Send(HttpCall{.target = "/api/evidence/" + std::to_string(id), .who = who});
      EXPECT_EQ(r.status, 404) << who << " " << id;
      EXPECT_EQ(r.body, R"({"error":"not_found","error_description":"evidence )" + std::to_string(id) +
                            R"( not found"})");
    }
    for (const std::string target : {"/api/evidence/0", "/api/evidence/-1", "/api/evidence/1e3",
                                      "/api/evidence/99999999999999999999"}) {
      EXPECT_EQ(world.Send(HttpCall{.target = target, .who = who}).status, 404) << target;
    }
  }
  // Once the request is answered, even the endorser no longer reads the evidence; the owner does.
  ASSERT_EQ(world.Send(HttpCall{.method = "POST", .target = "/api/confirmation-requests/{request}/decline",
                                .body = R"({"reason":"Nee"})", .content_type = kJson, .who = "anna"})
                .status,
            204);
  EXPECT_EQ(world.Send(HttpCall{.target = "/api/evidence/{evidence}", .who = "anna"}).status, 404);
  EXPECT_EQ(world.Send(HttpCall{.target = "/api/evidence/{evidence}", .who = "bob"}).status, 200);
}

TEST(AuthzMatrixTest, CookieSessionsNeedTheCsrfToken) {
  World world;
  ASSERT_TRUE(world.ok());
  const std::string before = world.State();
  const HttpCall create{.method = "POST", .target = "/api/claims", .body = R"({"skill_id":"archiveren","self_level":1})",
                        .content_type = kJson, .who = "bob", .cookie = true};
  for (const std::optional<std::string>& csrf : {std::optional<std::string>(), std::optional<std::string>("csrf-anna"),
                                                 std::optional<std::string>("csrf-bo"), std::optional<std::string>("")}) {
    HttpCall call = create;
    call.csrf = csrf;
    const Reply r = world.Send(call);
    EXPECT_EQ(r.status, 403) << (csrf ? *csrf : "(none)") << " " << r.body;
    EXPECT_NE(r.body.find("CSRF"), std::string::npos) << r.body;
  }
  // Confirm and sign-out are refused the same way.
  EXPECT_EQ(world.Send(HttpCall{.method = "POST", .target = "/api/confirmation-requests/{request}/confirm",
                                .body = R"({"level":2})", .content_type = kJson, .who = "anna", .cookie = true,
                                .csrf = "csrf-bob"})
                .status,
            403);
  EXPECT_EQ(world.Send(HttpCall{.method = "DELETE", .target = "/api/session", .who = "bob", .cookie = true}).status, 403);
  EXPECT_EQ(world.State(), before);
  // Reading needs no token; the right token lets the write through.
  EXPECT_EQ(world.Send(HttpCall{.target = "/api/claims", .who = "bob", .cookie = true}).status, 200);
  HttpCall good = create;
  good.csrf = "csrf-bob";
  EXPECT_EQ(world.Send(good).status, 201);
}

TEST(AuthzMatrixTest, UploadsOverTheLimitOrOfTheWrongTypeWriteNothing) {
  World world;
  ASSERT_TRUE(world.ok());
  const std::string before = world.State();
  const std::int64_t evidence_rows = CountOf(world.app(), "SELECT COUNT(*) FROM evidence");
  auto upload = [&](const std::string& name, const std::string& data) {
    return world.Send(HttpCall{.method = "POST", .target = "/api/claims/{claim}/evidence", .body = Multipart(name, data),
                               .content_type = MultipartType(), .who = "bob"});
  };
  // Over the server's upload limit: 413 before the handler runs.
  const Reply huge = upload("groot.pdf", "%PDF-1.4\n" + std::string(kUploadLimit + 1000, 'x'));
  EXPECT_EQ(huge.status, 413) << huge.body;
  // Within the server's limit but over the evidence cap: 413 from the sanitizer.
  const Reply over_cap = upload("groot.pdf", "%PDF-1.4\n" + std::string(kEvidenceMax + 10, 'x'));
  EXPECT_EQ(over_cap.status, 413) << over_cap.body;
  EXPECT_NE(over_cap.body.find("resource_exhausted"), std::string::npos) << over_cap.body;
  // The content decides the type, not the name or the declared type.
  for (const auto& [name, data] : std::initializer_list<std::pair<std::string, std::string>>{
           {"script.pdf", "<html><script>alert(1)</script></html>"}, {"foto.jpg", "GIF89a......"}, {"leeg.png", ""}}) {
    const Reply r = upload(name, data);
    EXPECT_EQ(r.status, 400) << name << " " << r.body;
    EXPECT_NE(r.body.find("invalid_argument"), std::string::npos) << r.body;
  }
  // Not multipart at all.
  EXPECT_EQ(world.Send(HttpCall{.method = "POST", .target = "/api/claims/{claim}/evidence", .body = "%PDF-1.4",
                                .content_type = "application/pdf", .who = "bob"})
                .status,
            400);
  EXPECT_EQ(CountOf(world.app(), "SELECT COUNT(*) FROM evidence"), evidence_rows);
  EXPECT_EQ(world.State(), before);
}

TEST(AuthzMatrixTest, MalformedJsonIsRefusedAndWritesNothing) {
  World world;
  ASSERT_TRUE(world.ok());
  const std::string before = world.State();
  for (const std::string& target : {std::string("/api/claims"), std::string("/api/confirmation-requests/{request}/confirm"),
                                    std::string("/api/session"), std::string("/api/people/{bob}/password")}) {
    const std::string who = target.find("confirm") != std::string::npos ? "anna" : "bob";
    for (const std::string& body : {std::string("{"), std::string(R"({"level":2,"level":3})"), std::string("[1]"),
                                    std::string("{\"skill_id\":\"\xff\"}"), std::string("null")}) {
      const Reply r = world.Send(HttpCall{.method = "POST", .target = target, .body = body, .content_type = kJson, .who = who});
      EXPECT_EQ(r.status, 400) << target << " " << body << " " << r.body;
      EXPECT_NE(r.body.find("\"error\":\"invalid_argument\""), std::string::npos) << r.body;
    }
    // JSON under another content type.
    EXPECT_EQ(world.Send(HttpCall{.method = "POST", .target = target, .body = R"({"level":2})",
                                  .content_type = "text/plain", .who = who})
                  .status,
              400)
        << target;
  }
  EXPECT_EQ(world.State(), before);
}

TEST(AuthzMatrixTest, RepeatedConfirmIsAConflict) {
  World world;
  ASSERT_TRUE(world.ok());
  const HttpCall confirm{.method = "POST", .target = "/api/confirmation-requests/{request}/confirm",
                         .body = R"({"level":2})", .content_type = kJson, .who = "anna"};
  ASSERT_EQ(world.Send(confirm).status, 200);
  const std::string after_first = world.State();
  const Reply again = world.Send(confirm);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("failed_precondition"), std::string::npos) << again.body;
  // Nor can the confirmed request be declined or questioned afterwards.
  EXPECT_EQ(world.Send(HttpCall{.method = "POST", .target = "/api/confirmation-requests/{request}/decline",
                                .body = R"({"reason":"toch niet"})", .content_type = kJson, .who = "anna"})
                .status,
            409);
  EXPECT_EQ(world.State(), after_first);
  EXPECT_EQ(CountOf(world.app(), "SELECT COUNT(*) FROM endorsements"), 1);
}

TEST(AuthzMatrixTest, ConcurrentConfirmsOfOneRequestSignOnce) {
  World world(/*threads=*/8);
  ASSERT_TRUE(world.ok());
  const HttpCall confirm{.method = "POST", .target = "/api/confirmation-requests/{request}/confirm",
                         .body = R"({"level":3})", .content_type = kJson, .who = "anna"};
  std::atomic<bool> go{false};
  std::array<int, 8> statuses{};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      statuses[i] = world.Send(confirm).status;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::ranges::count(statuses, 200), 1);
  EXPECT_EQ(std::ranges::count(statuses, 409), 7);
  EXPECT_EQ(CountOf(world.app(), "SELECT COUNT(*) FROM endorsements"), 1);
  EXPECT_EQ(CountOf(world.app(), "SELECT COUNT(*) FROM audit_log WHERE action = 'confirmation.confirm'"), 1);
  EXPECT_EQ(CountOf(world.app(), "SELECT COUNT(*) FROM confirmation_requests WHERE state = 'confirmed'"), 1);
}

TEST(AuthzMatrixTest, HrCannotTakeOverAnAdministrator) {
  // HR may reset an employee's password, but setting an administrator's would let HR sign in as
  // one: only an administrator (or the person themselves) may do that.
  World world;
  ASSERT_TRUE(world.ok());
  const std::int64_t adam = CountOf(world.app(), "SELECT id FROM people WHERE employee_number = 'A001'");
  const std::string before = world.State();
  const Reply r = world.Send(HttpCall{.method = "POST", .target = "/api/people/" + std::to_string(adam) + "/password",
                                      .body = R"({"password":"Een lang nieuw wachtwoord 2026"})", .content_type = kJson,
                                      .who = "hanna"});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(world.State(), before);
  EXPECT_EQ(world.Send(HttpCall{.method = "POST", .target = "/api/people/" + std::to_string(adam) + "/password",
                                .body = R"({"password":"Een lang nieuw wachtwoord 2026"})", .content_type = kJson,
                                .who = "adam"})
                .status,
            204);
}

}  // namespace
}  // namespace vaardig::issuer
