// The claims JSON API through the issuer's real router (BuildIssuerRouter): sessions, CSRF,
// the workflow over HTTP, uploads and downloads, error bodies. One test runs the same over a
// server on a free loopback port.
#include "issuer/http/api_claims.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/http/server.h"
#include "core/jose/jws.h"
#include "issuer/app/claims.h"
#include "issuer/http/service.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"
#include "tests/issuer/raw_http.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::IsOk;
using testing::CountOf;
using testing::ReadFixture;
using testing::SnapshotWorkflow;

constexpr std::string_view kBoundary = "----vaardigBoundary7MA4YWxk";

std::string Multipart(std::string_view field, std::string_view filename, std::string_view declared_type,
                      const Bytes& data) {
  std::string body = "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" + std::string(field) +
                     "\"; filename=\"" + std::string(filename) + "\"\r\nContent-Type: " + std::string(declared_type) +
                     "\r\n\r\n";
  body.append(data.begin(), data.end());
  body += "\r\n--" + std::string(kBoundary) + "--\r\n";
  return body;
}

class ClaimsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vaardig-claims-http-" + encoding::HexEncode(crypto::RandomBytes(8)));
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
        {hash, person_id, "csrf-" + name, app_->Now(), app_->Now(), FormatUtc(testing::kSeedNow + 3600)});
    ASSERT_TRUE(IsOk(r));
  }

  http::Response Send(const std::string& who, http::Method method, const std::string& target, std::string body = "",
                      std::string content_type = "application/json") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(IsOk(http::SetTarget(request, target)));
    if (!who.empty()) request.headers.emplace_back("authorization", "Bearer token-" + who);
    if (!body.empty()) request.headers.emplace_back("content-type", content_type);
    request.body = std::move(body);
    request.remote_address = "127.0.0.1";
    return router_->Dispatch(request);
  }
  http::Response Post(const std::string& who, const std::string& target, const Json& body) {
    return Send(who, http::Method::kPost, target, DumpJson(body));
  }
  http::Response Get(const std::string& who, const std::string& target) { return Send(who, http::Method::kGet, target); }
  static Json Body(const http::Response& r) {
    auto j = ParseJson(r.body);
    EXPECT_TRUE(IsOk(j)) << r.body;
    return j ? *j : Json();
  }
  static std::string HeaderOf(const http::Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  std::int64_t NewClaim(const std::string& who) {
    auto r = Post(who, "/api/claims", {{"skill_id", "klantgesprek"}, {"self_level", 2}, {"note", "balie"}, {"frequency", "weekly"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("id", std::int64_t{0});
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(testing::kSeedNow);
  std::filesystem::path dir_;
  std::unique_ptr<IssuerApp> app_;
  testing::SeededOrg org_;
  std::unique_ptr<http::Router> router_;
};

TEST_F(ClaimsHttpTest, WholeFlowOverTheApi) {
  const std::int64_t claim = NewClaim("bob");
  ASSERT_GT(claim, 0);
  // Upload: the declared type is ignored, the content decides; GPS is removed.
  auto upload = Send("bob", http::Method::kPost, "/api/claims/" + std::to_string(claim) + "/evidence",
                     Multipart("file", "C:\\fotos\\balie.jpg", "text/html", ReadFixture("photo_with_gps.jpg")),
                     "multipart/form-data; boundary=" + std::string(kBoundary));
  ASSERT_EQ(upload.status, 201) << upload.body;
  const Json evidence = Body(upload);
  EXPECT_EQ(evidence.at("name"), "balie.jpg");
  EXPECT_EQ(evidence.at("media_type"), "image/jpeg");
  const std::int64_t evidence_id = evidence.at("id").get<std::int64_t>();

  auto ask = Post("bob", "/api/claims/" + std::to_string(claim) + "/confirmation-requests", {{"message", "Graag"}});
  ASSERT_EQ(ask.status, 201) << ask.body;
  const std::int64_t request = Body(ask).at("request_id").get<std::int64_t>();

  auto queue = Get("anna", "/api/queue");
  ASSERT_EQ(queue.status, 200);
  const Json items = Body(queue).at("requests");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("employee").at("name"), "Bob Bakker");
  EXPECT_EQ(items[0].at("self_level"), 2);
  EXPECT_EQ(items[0].at("evidence")[0].at("sha256"), evidence.at("sha256"));
  EXPECT_EQ(Body(Get("carl", "/api/queue")).at("requests"), Json::array());

  // The endorser downloads the evidence: attachment, sanitized type, nosniff.
  auto download = Get("anna", "/api/evidence/" + std::to_string(evidence_id));
  ASSERT_EQ(download.status, 200) << download.body;
  EXPECT_EQ(download.content_type, "image/jpeg");
  EXPECT_EQ(HeaderOf(download, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(download, "Content-Disposition"), "attachment; filename=\"balie.jpg\"; filename*=UTF-8''balie.jpg");
  EXPECT_EQ(encoding::HexEncode(crypto::Sha256(AsBytes(download.body))), evidence.at("sha256").get<std::string>());
  EXPECT_EQ(Get("carl", "/api/evidence/" + std::to_string(evidence_id)).status, 404);

  auto confirm = Post("anna", "/api/confirmation-requests/" + std::to_string(request) + "/confirm",
                      {{"level", 3}, {"comment", "Prima"}});
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  const Json endorsement = Body(confirm);
  auto key = app_->db().QueryOne("SELECT public_jwk FROM signing_keys WHERE kid = ?",
                                 {endorsement.at("kid").get<std::string>()});
  ASSERT_TRUE(IsOk(key));
  ASSERT_TRUE(key->has_value());
  const std::string jwk_text = (*key)->Text(0);
  auto jwk = jose::PublicJwk::Parse(std::string_view(jwk_text));
  ASSERT_TRUE(IsOk(jwk));
  auto verified = jose::VerifyCompactJws(endorsement.at("jws").get<std::string>(), *jwk,
                                         {.accepted_typ = {"vaardig-endorsement+jwt"}});
  ASSERT_TRUE(IsOk(verified));
  EXPECT_EQ(Body(http::Response{.body = std::string(verified->payload.begin(), verified->payload.end())}),
            endorsement.at("statement"));

  auto mine = Get("bob", "/api/claims/" + std::to_string(claim));
  ASSERT_EQ(mine.status, 200);
  const Json view = Body(mine);
  EXPECT_EQ(view.at("state"), "confirmed");
  EXPECT_EQ(view.at("self_level"), 2);
  EXPECT_EQ(view.at("request").at("level"), 3);
  EXPECT_EQ(view.at("request").at("comment"), "Prima");
  EXPECT_EQ(Body(Get("bob", "/api/claims")).at("claims").size(), 1u);
  EXPECT_EQ(Body(Get("eva", "/api/claims")).at("claims"), Json::array());

  auto again = Post("anna", "/api/confirmation-requests/" + std::to_string(request) + "/confirm", {{"level", 3}});
  EXPECT_EQ(again.status, 409) << again.body;  // failed_precondition
  auto chain = AuditLog::Verify(app_->db());
  ASSERT_TRUE(IsOk(chain));
  EXPECT_TRUE(chain->ok);
}

TEST_F(ClaimsHttpTest, AuthorisationMatrix) {
  const std::int64_t claim = NewClaim("bob");
  auto ask = Post("bob", "/api/claims/" + std::to_string(claim) + "/confirmation-requests", Json::object());
  ASSERT_EQ(ask.status, 201) << ask.body;
  const std::string request = std::to_string(Body(ask).at("request_id").get<std::int64_t>());
  const std::string c = std::to_string(claim);
  const std::string before = SnapshotWorkflow(*app_);
  struct Case {
    std::string who;
    http::Method method;
    std::string target;
    std::string body;
    int status;
  };
  const std::vector<Case> cases = {
      {"", http::Method::kGet, "/api/claims", "", 401},
      {"", http::Method::kGet, "/api/queue", "", 401},
      {"", http::Method::kPost, "/api/confirmation-requests/" + request + "/confirm", R"({"level":2})", 401},
      {"carl", http::Method::kGet, "/api/claims/" + c, "", 404},
      {"eva", http::Method::kGet, "/api/claims/" + c, "", 404},
      {"carl", http::Method::kPost, "/api/confirmation-requests/" + request + "/confirm", R"({"level":2})", 404},
      {"carl", http::Method::kPost, "/api/confirmation-requests/" + request + "/decline", R"({"reason":"x"})", 404},
      {"carl", http::Method::kPost, "/api/confirmation-requests/" + request + "/ask-info", R"({"comment":"x"})", 404},
      {"bob", http::Method::kPost, "/api/confirmation-requests/" + request + "/confirm", R"({"level":2})", 403},
      {"hanna", http::Method::kPost, "/api/confirmation-requests/" + request + "/confirm", R"({"level":2})", 403},
      {"eva", http::Method::kPost, "/api/claims/" + c + "/withdraw", "", 404},
      {"eva", http::Method::kPost, "/api/claims/" + c + "/information", R"({"message":"x"})", 404},
      {"anna", http::Method::kPost, "/api/claims/" + c + "/confirmation-requests", "{}", 404},
      {"bob", http::Method::kPost, "/api/claims/" + c + "/confirmation-requests", "{}", 409},
      {"bob", http::Method::kGet, "/api/claims/abc", "", 404},
      {"bob", http::Method::kGet, "/api/claims/-1", "", 404},
      {"bob", http::Method::kGet, "/api/evidence/99999999999999999999", "", 404},
  };
  for (const Case& k : cases) {
    auto r = Send(k.who, k.method, k.target, k.body);
    EXPECT_EQ(r.status, k.status) << k.who << " " << k.target << " " << r.body;
    EXPECT_TRUE(Body(r).contains("error")) << r.body;
  }
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(ClaimsHttpTest, BadBodiesAreRejectedWithTheirReason) {
  const std::int64_t claim = NewClaim("bob");
  const std::string c = std::to_string(claim);
  struct Case {
    std::string target;
    std::string body;
    std::string content_type;
    int status;
    std::string description;
  };
  const std::vector<Case> cases = {
      {"/api/claims", R"({"skill_id":"klantgesprek","self_level":5})", "application/json", 400,
       "self_level must be 1, 2 or 3"},
      {"/api/claims", R"({"skill_id":"klantgesprek","self_level":"2"})", "application/json", 400,
       "member \"self_level\" must be an integer"},
      {"/api/claims", R"({"self_level":2})", "application/json", 400, "member \"skill_id\" is required"},
      {"/api/claims", R"({"skill_id":"nope","self_level":2})", "application/json", 404, "skill nope not found"},
      {"/api/claims", R"([1])", "application/json", 400, "the request body must be a JSON object"},
      {"/api/claims", R"({"skill_id":"a","skill_id":"b","self_level":2})", "application/json", 400, ""},
      {"/api/claims", "skill_id=a", "application/x-www-form-urlencoded", 400,
       "the request body must be application/json"},
      {"/api/claims/" + c + "/evidence", R"({})", "application/json", 400,
       "the request body must be multipart/form-data"},
      {"/api/claims/" + c + "/evidence", Multipart("other", "a.jpg", "image/jpeg", ReadFixture("tiny.pdf")),
       "multipart/form-data; boundary=" + std::string(kBoundary), 400, "the form needs a file field \"file\""},
      {"/api/claims/" + c + "/evidence", Multipart("file", "a.jpg", "image/jpeg", Bytes{'G', 'I', 'F', '8'}),
       "multipart/form-data; boundary=" + std::string(kBoundary), 400, "evidence must be a JPEG, PNG or PDF file"},
      {"/api/claims/" + c + "/evidence", "--x\r\nbroken", "multipart/form-data; boundary=" + std::string(kBoundary),
       400, ""},
  };
  for (const Case& k : cases) {
    auto r = Send("bob", http::Method::kPost, k.target, k.body, k.content_type);
    EXPECT_EQ(r.status, k.status) << k.target << " " << k.body << " → " << r.body;
    if (!k.description.empty()) {
      EXPECT_EQ(Body(r).value("error_description", ""), k.description) << r.body;
    }
  }
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM evidence"), 0);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM claims"), 1);
}

TEST_F(ClaimsHttpTest, CookieSessionsNeedCsrfProof) {
  http::Request request;
  request.method = http::Method::kPost;
  ASSERT_TRUE(IsOk(http::SetTarget(request, "/api/claims")));
  request.headers.emplace_back("cookie", "vaardig_session=token-bob");
  request.headers.emplace_back("content-type", "application/json");
  request.body = R"({"skill_id":"klantgesprek","self_level":2})";
  EXPECT_EQ(router_->Dispatch(request).status, 403);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM claims"), 0);
  request.headers.emplace_back("x-csrf-token", "csrf-bob");
  EXPECT_EQ(router_->Dispatch(request).status, 201);
}

TEST_F(ClaimsHttpTest, AskInfoAnswerDeclineAndWithdraw) {
  const std::int64_t claim = NewClaim("bob");
  const std::string c = std::to_string(claim);
  auto ask = Post("bob", "/api/claims/" + c + "/confirmation-requests", Json::object());
  const std::string request = std::to_string(Body(ask).at("request_id").get<std::int64_t>());
  EXPECT_EQ(Post("anna", "/api/confirmation-requests/" + request + "/ask-info", Json::object()).status, 400);
  EXPECT_EQ(Post("anna", "/api/confirmation-requests/" + request + "/ask-info", {{"comment", "Voorbeeld?"}}).status, 204);
  EXPECT_EQ(Body(Get("bob", "/api/claims/" + c)).at("state"), "info_requested");
  EXPECT_EQ(Post("bob", "/api/claims/" + c + "/information", {{"message", "Zie foto"}}).status, 204);
  EXPECT_EQ(Body(Get("bob", "/api/claims/" + c)).at("state"), "requested");
  auto no_reason = Post("anna", "/api/confirmation-requests/" + request + "/decline", Json::object());
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Body(no_reason).at("error_description"), "member \"reason\" is required");
  EXPECT_EQ(Post("anna", "/api/confirmation-requests/" + request + "/decline", {{"reason", "Nog niet"}}).status, 204);
  EXPECT_EQ(Body(Get("bob", "/api/claims/" + c)).at("state"), "declined");
  EXPECT_EQ(Send("bob", http::Method::kPost, "/api/claims/" + c + "/withdraw").status, 204);
  EXPECT_EQ(Body(Get("bob", "/api/claims/" + c)).at("state"), "withdrawn");
}

TEST_F(ClaimsHttpTest, MissingKekAnswersUnavailableAndChangesNothing) {
  std::filesystem::remove(app_->settings().kek_file);
  const std::int64_t claim = NewClaim("bob");
  auto ask = Post("bob", "/api/claims/" + std::to_string(claim) + "/confirmation-requests", Json::object());
  const std::string request = std::to_string(Body(ask).at("request_id").get<std::int64_t>());
  const std::string before = SnapshotWorkflow(*app_);
  auto r = Post("anna", "/api/confirmation-requests/" + request + "/confirm", {{"level", 2}});
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(Body(r).value("error_description", ""),
            "endorsements cannot be signed: the issuer's key-encryption key is not available");
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

// The same routes behind the real server on a free loopback port.
TEST_F(ClaimsHttpTest, UploadAndDownloadOverLoopback) {
  const std::int64_t claim = NewClaim("bob");
  http::ServerOptions options;
  options.max_body_bytes = 16 * 1024;
  options.body_limit = [](const http::Request& head) -> std::size_t {
    return head.path.ends_with("/evidence") ? 1024 * 1024 : 0;
  };
  auto server = http::Server::Start(options, [this](http::Request& r) { return router_->Dispatch(r); });
  ASSERT_TRUE(IsOk(server));
  const std::string body = Multipart("file", "foto.jpg", "image/jpeg", ReadFixture("photo_with_gps.jpg"));
  const std::string upload = testing::RawExchange(
      (*server)->port(), "POST /api/claims/" + std::to_string(claim) + "/evidence HTTP/1.1\r\nHost: localhost\r\n"
                         "Authorization: Bearer token-bob\r\nConnection: close\r\nContent-Type: multipart/form-data; "
                         "boundary=" + std::string(kBoundary) + "\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\n\r\n" + body);
  ASSERT_TRUE(upload.starts_with("HTTP/1.1 201")) << upload.substr(0, 300);
  const std::string download = testing::RawExchange(
      (*server)->port(), "GET /api/evidence/" + std::to_string(CountOf(*app_, "SELECT MAX(id) FROM evidence")) +
                             " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer token-bob\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(download.starts_with("HTTP/1.1 200")) << download.substr(0, 300);
  EXPECT_NE(download.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(download.find("Content-Type: image/jpeg"), std::string::npos);
  EXPECT_NE(download.find("Content-Disposition: attachment"), std::string::npos);
  EXPECT_EQ(download.find("VaardigCam"), std::string::npos);
  (*server)->Stop();
}

}  // namespace
}  // namespace vaardig::issuer
