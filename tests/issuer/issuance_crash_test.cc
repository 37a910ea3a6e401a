// Crash consistency of issuance (issue 7, DESIGN.md §8 "Robust"): a real `vaardig-issuer serve`
// process on a temp SQLite database is killed with SIGKILL at random moments while wallet threads
// run token → nonce → credential in a loop, and restarted on the same database each time.
//
// Afterwards: every credential a client received (a complete 200 response) is in the credentials
// table with the SHA-256 the issuer records, and its status index is the one on record; no status
// index is used twice, no credential holds two entries in one list, every credential holds exactly
// its three entries (token status, revocation, suspension) and nothing else does; the lists' `used`
// counters match; PRAGMA integrity_check and foreign_key_check pass; every credential has its audit
// entry and `vaardig-issuer audit verify` passes. No timing assertions: the kills are random, and
// the test only waits for progress (a credential received since the last restart) before each.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <random>
#include <thread>

#include "core/common/clock.h"
#include "core/config/config.h"
#include "core/store/sqlite.h"
#include "issuer/app/key_vault.h"
#include "issuer/app/settings.h"
#include "tests/cli/cli_test_util.h"
#include "tests/issuer/issuance_load_util.h"

namespace vaardig::issuer {
namespace {

using ::testing::HasSubstr;
using vaardig::testing::ReadFileOrEmpty;
using vaardig::testing::ScratchDir;
using vaardig::testing::WriteFile;

constexpr std::string_view kPublicUrl = "https://skills.gemeente-voorbeeld.test";
constexpr int kRounds = 20;
constexpr int kClients = 4;
constexpr int kPeople = 100;
constexpr int kSkills = 50;
constexpr int kOffers = 5000;
constexpr int kBadgeEvery = 5;  // every fifth offer also asks for the Open Badge (ldp_vc)
// How long a client keeps retrying a request while the server is down (it is restarted at once).
constexpr auto kRetryFor = std::chrono::seconds(180);
// How long the killer waits for a credential since the last restart before giving up.
constexpr auto kProgressFor = std::chrono::seconds(180);

struct Received {
  std::string configuration;
  std::string sha256;
  Json credential;
};

// What the wallet threads saw, shared with the test body.
struct Outcome {
  std::mutex mu;
  std::vector<Received> received;
  std::vector<std::string> unexpected;  // answers no crash can explain
  std::atomic<int> received_count{0};
  std::atomic<int> tokens_lost{0};       // code redeemed, response lost in a crash: invalid_grant on retry
  std::atomic<int> responses_lost{0};    // credential committed, response lost: credential_request_denied on retry
  std::atomic<int> transport_retries{0};

  void Unexpected(std::string what) {
    std::lock_guard lock(mu);
    unexpected.push_back(std::move(what));
  }
};

class IssuanceCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_ / "issuer.toml";
    WriteFile(config_, "[organisation]\nname = \"Gemeente Voorbeeld\"\n"
                       "[server]\nport = 0\nthreads = 16\npublic_url = \"" + std::string(kPublicUrl) + "\"\n"
                       "[database]\npath = \"" + (dir_ / "issuer.db") + "\"\n"
                       "[keys]\nkek_file = \"" + (dir_ / "issuer.kek") + "\"\n");
    ASSERT_TRUE(RunGenerateKek(dir_ / "issuer.kek").has_value());
    auto config = config::Config::Load(config_, "VAARDIG_ISSUER");
    ASSERT_TRUE(config.has_value()) << config.error();
    auto settings = LoadIssuerSettings(*config);
    ASSERT_TRUE(settings.has_value()) << settings.error();
    auto app = IssuerApp::Open(*settings, std::make_shared<SystemClock>());
    ASSERT_TRUE(app.has_value()) << app.error();
    auto offers = load::SeedIssuanceOffers(**app, kPeople, kSkills, kOffers);
    ASSERT_TRUE(offers.has_value()) << offers.error();
    offers_ = std::move(*offers);
  }

  Result<std::unique_ptr<load::ServeProcess>> StartServer() {
    auto server = load::ServeProcess::Start(VAARDIG_ISSUER_BINARY, config_, dir_ / "serve.log");
    if (server) port_.store((*server)->port());
    return server;
  }

  std::string ServerLogTail() const {
    const std::string log = ReadFileOrEmpty(dir_ / "serve.log");
    return log.size() > 3000 ? log.substr(log.size() - 3000) : log;
  }

  // A step retried over transport failures (the server being killed and restarted) until it gets
  // an HTTP answer; nullopt once `stop` is set or the retry budget is spent. `retried` tells
  // whether an earlier attempt may have reached the server.
  template <typename Step>
  std::optional<load::StepReply> Retrying(const std::atomic<bool>& stop, Step step, bool* retried = nullptr) {
    const auto until = std::chrono::steady_clock::now() + kRetryFor;
    while (!stop.load()) {
      Result<load::StepReply> reply = step();
      if (reply) return std::move(*reply);
      outcome_.transport_retries++;
      if (retried != nullptr) *retried = true;
      if (std::chrono::steady_clock::now() > until) {
        outcome_.Unexpected("no answer from the issuer for " + std::to_string(kRetryFor.count()) + " s");
        return std::nullopt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

  // One credential of `configuration` for `access_token`: nonce, proof, request; a lost response
  // is retried with a fresh nonce and then answers credential_request_denied.
  void IssueOne(load::HttpConnection& connection, const jose::PrivateJwk& key, const std::atomic<bool>& stop,
                const std::string& access_token, std::string_view configuration) {
    bool retried = false;
    while (!stop.load()) {
      auto nonce = Retrying(stop, [&] { return load::NonceStep(connection); });
      if (!nonce) return;
      if (nonce->reply.status != 200 || !nonce->json.contains("c_nonce")) {
        outcome_.Unexpected("nonce: HTTP " + std::to_string(nonce->reply.status) + " " + nonce->reply.body);
        return;
      }
      auto body = load::CredentialRequestBody(key, kPublicUrl, nonce->json["c_nonce"].get<std::string>(), configuration,
                                              static_cast<std::int64_t>(std::time(nullptr)));
      if (!body) {
        outcome_.Unexpected("proof: " + body.error().ToString());
        return;
      }
      Result<load::StepReply> reply = load::CredentialStep(connection, access_token, *body);
      if (!reply) {  // killed mid-request: maybe committed, maybe not; ask again
        outcome_.transport_retries++;
        retried = true;
        continue;
      }
      if (reply->reply.status == 200) {
        auto credential = load::CredentialOf(reply->json);
        if (!credential) {
          outcome_.Unexpected("credential: " + credential.error().ToString());
          return;
        }
        std::lock_guard lock(outcome_.mu);
        outcome_.received.push_back(
            {std::string(configuration), load::CredentialSha256(*credential), std::move(*credential)});
        outcome_.received_count++;
        return;
      }
      if (retried && reply->reply.status == 400 && reply->json.value("error", "") == "credential_request_denied") {
        outcome_.responses_lost++;
        return;
      }
      outcome_.Unexpected("credential: HTTP " + std::to_string(reply->reply.status) + " " + reply->reply.body);
      return;
    }
  }

  void Wallet(const std::atomic<bool>& stop, std::atomic<std::size_t>& next) {
    auto key = jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
    if (!key) {
      outcome_.Unexpected("key: " + key.error().ToString());
      return;
    }
    load::HttpConnection connection(port_);
    while (!stop.load()) {
      const std::size_t i = next++;
      if (i >= offers_.size()) return;
      // A transport failure may have hidden a redeemed code: invalid_grant on the retry then.
      bool retried = false;
      auto token = Retrying(stop, [&] { return load::TokenStep(connection, offers_[i]); }, &retried);
      if (!token) return;
      if (token->reply.status == 400 && token->json.value("error", "") == "invalid_grant" && retried) {
        outcome_.tokens_lost++;
        continue;
      }
      if (token->reply.status != 200 || !token->json.contains("access_token")) {
        outcome_.Unexpected("token: HTTP " + std::to_string(token->reply.status) + " " + token->reply.body);
        continue;
      }
      const std::string access_token = token->json["access_token"].get<std::string>();
      IssueOne(connection, *key, stop, access_token, kSkillSdJwtConfiguration);
      if (i % kBadgeEvery == 0) IssueOne(connection, *key, stop, access_token, kSkillBadgeConfiguration);
    }
  }

  ScratchDir dir_;
  std::string config_;
  std::vector<load::OfferSecret> offers_;
  std::atomic<std::uint16_t> port_{0};
  Outcome outcome_;
};

// The payload of a compact SD-JWT (issuer-signed JWT first).
Json SdJwtPayload(const std::string& sd_jwt) {
  const std::size_t first = sd_jwt.find('.');
  const std::size_t second = sd_jwt.find('.', first + 1);
  auto text = encoding::Base64UrlDecodeToString(sd_jwt.substr(first + 1, second - first - 1));
  if (!text) return Json();
  auto json = ParseJson(*text);
  return json ? *json : Json();
}

std::vector<std::string> Column(store::Database& db, std::string_view sql) {
  auto rows = db.Query(sql);
  EXPECT_TRUE(rows.has_value()) << sql;
  std::vector<std::string> out;
  if (rows) {
    for (const store::Row& r : *rows) out.push_back(r.Text(0));
  }
  return out;
}

std::int64_t Count(store::Database& db, std::string_view sql) {
  auto row = db.QueryOne(sql);
  EXPECT_TRUE(row.has_value() && row->has_value()) << sql;
  return (row && *row) ? (*row)->Int(0) : -1;
}

TEST_F(IssuanceCrashTest, KillNineDuringIssuanceLosesNoReceivedCredentialAndNeverReusesAStatusIndex) {
  ASSERT_EQ(offers_.size(), static_cast<std::size_t>(kOffers));
  auto server = StartServer();
  ASSERT_TRUE(server.has_value()) << server.error() << "\n" << ServerLogTail();

  std::atomic<bool> stop{false};
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> wallets;
  for (int i = 0; i < kClients; ++i) wallets.emplace_back([&] { Wallet(stop, next); });

  std::mt19937 random(std::random_device{}());
  int kills = 0;
  bool progress_ok = true;
  for (int round = 0; round < kRounds && progress_ok; ++round) {
    // Progress first (a credential since the last restart), then a random moment.
    const int before = outcome_.received_count.load();
    const auto until = std::chrono::steady_clock::now() + kProgressFor;
    while (outcome_.received_count.load() == before && next.load() < offers_.size()) {
      if (std::chrono::steady_clock::now() > until) {
        progress_ok = false;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 400)(random)));
    (*server)->Kill9();
    ++kills;
    server = StartServer();
    if (!server) break;
  }
  // The last kill lands on requests in flight too; then the wallets stop.
  const bool restarted = server.has_value();
  if (restarted) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 300)(random)));
    (*server)->Kill9();
    ++kills;
  }
  stop = true;
  for (std::thread& t : wallets) t.join();
  ASSERT_TRUE(restarted) << server.error() << "\n" << ServerLogTail();
  ASSERT_TRUE(progress_ok) << "no credential within " << kProgressFor.count() << " s of a restart\n" << ServerLogTail();
  EXPECT_GE(kills, kRounds + 1);
  EXPECT_THAT(outcome_.unexpected, ::testing::IsEmpty()) << ServerLogTail();
  ASSERT_FALSE(outcome_.received.empty());
  RecordProperty("kills", kills);
  RecordProperty("received", static_cast<int>(outcome_.received.size()));
  RecordProperty("tokens_lost", outcome_.tokens_lost.load());
  RecordProperty("responses_lost", outcome_.responses_lost.load());

  auto opened = store::OpenSqlite({.path = dir_ / "issuer.db"});
  ASSERT_TRUE(opened.has_value()) << opened.error();
  store::Database& db = **opened;
  EXPECT_THAT(Column(db, "PRAGMA integrity_check"), ::testing::ElementsAre("ok"));
  EXPECT_THAT(Column(db, "PRAGMA foreign_key_check"), ::testing::IsEmpty());

  // Every credential a client received is on record, byte for byte, with the status index it carries.
  int badges = 0;
  for (const Received& r : outcome_.received) {
    auto row = db.QueryOne("SELECT id, configuration_id, format FROM credentials WHERE credential_sha256 = ?",
                           {r.sha256});
    ASSERT_TRUE(row.has_value()) << row.error();
    ASSERT_TRUE(row->has_value()) << "a received " << r.configuration << " credential is not recorded";
    const std::string id = (*row)->Text("id");
    EXPECT_EQ((*row)->Text("configuration_id"), r.configuration);
    auto token_entry = db.QueryOne("SELECT e.list_id, e.idx FROM status_entries e JOIN status_lists l ON l.id = "
                                   "e.list_id WHERE e.credential_id = ? AND l.kind = 'token'",
                                   {id});
    ASSERT_TRUE(token_entry.has_value() && token_entry->has_value()) << id;
    if (r.credential.is_string()) {
      EXPECT_EQ((*row)->Text("format"), "dc+sd-jwt");
      const Json payload = SdJwtPayload(r.credential.get<std::string>());
      ASSERT_TRUE(payload.contains("status")) << id;
      const Json& list = payload["status"]["status_list"];
      EXPECT_EQ(list.value("idx", std::int64_t{-1}), (*token_entry)->Int("idx")) << id;
      EXPECT_THAT(list.value("uri", ""),
                  ::testing::EndsWith("/status/token/" + std::to_string((*token_entry)->Int("list_id"))));
    } else {
      ++badges;
      EXPECT_EQ((*row)->Text("format"), "ldp_vc");
      EXPECT_EQ(r.credential.value("id", ""), id);
    }
  }
  RecordProperty("badges_received", badges);

  // No index twice; no credential twice in one list; exactly three entries per credential, one of
  // each kind; no entry without its credential; the lists' counters agree with their entries.
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM (SELECT 1 FROM status_entries GROUP BY list_id, idx HAVING COUNT(*) > 1)"), 0);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM (SELECT 1 FROM status_entries GROUP BY credential_id, list_id "
                      "HAVING COUNT(*) > 1)"),
            0);
  EXPECT_THAT(Column(db, "SELECT c.id FROM credentials c WHERE "
                         "(SELECT COUNT(*) FROM status_entries e WHERE e.credential_id = c.id) != 3 OR "
                         "(SELECT COUNT(DISTINCT l.kind || '/' || l.purpose) FROM status_entries e JOIN status_lists l "
                         "ON l.id = e.list_id WHERE e.credential_id = c.id) != 3"),
              ::testing::IsEmpty());
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM status_entries WHERE credential_id NOT IN (SELECT id FROM credentials)"), 0);
  EXPECT_THAT(Column(db, "SELECT l.id FROM status_lists l WHERE l.used != "
                         "(SELECT COUNT(*) FROM status_entries e WHERE e.list_id = l.id)"),
              ::testing::IsEmpty());
  // At most one credential per offer and configuration, however often a lost response was retried.
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM (SELECT 1 FROM credentials GROUP BY offer_id, configuration_id "
                      "HAVING COUNT(*) > 1)"),
            0);
  const std::int64_t credentials = Count(db, "SELECT COUNT(*) FROM credentials");
  EXPECT_GE(credentials, static_cast<std::int64_t>(outcome_.received.size()));
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM status_entries"), 3 * credentials);
  // One audit entry per credential, naming it.
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'credential.issue'"), credentials);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM credentials c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE "
                      "a.action = 'credential.issue' AND a.subject = 'credential:' || c.id)"),
            0);
  opened->reset();

  // The hash chain over everything the killed processes wrote.
  const std::string command =
      std::string("'") + VAARDIG_ISSUER_BINARY + "' audit verify --config '" + config_ + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
  const int status = ::pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_THAT(output, HasSubstr("audit log intact"));
}

}  // namespace
}  // namespace vaardig::issuer
