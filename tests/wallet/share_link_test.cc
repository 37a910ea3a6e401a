// Share links end to end in one process: the hosted wallet (wallet/app/share_links.h through its
// JSON API) makes a link to an SD-JWT VC, and the verifier (verifier/app/share_link.h) fetches it —
// through an HttpFetcher that dispatches to the wallet's router — opens it with the key in the link
// and verifies it through the pipeline. Then every way it must fail: a changed key, an unknown id,
// revoked, expired, a wallet not accepted, links that are not links; and nothing readable at rest.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "core/did/did_jwk.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "tests/wallet/test_util.h"
#include "verifier/app/engine.h"
#include "verifier/app/share_link.h"
#include "wallet/app/hosted.h"
#include "wallet/http/service.h"

namespace vaardig::wallet {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

constexpr std::string_view kWallet = "https://wallet.example";

// GETs to the wallet's origin go to its router, as the real client would see them (404 and 410
// are not_found errors naming the status).
class RouterFetcher final : public http::HttpFetcher {
 public:
  Result<http::HttpResponse> Get(std::string_view url, const http::FetchLimits&) override {
    ++gets;
    if (router == nullptr || !url.starts_with(kWallet)) return Fail(ErrorCode::kUnavailable, "connection refused");
    http::Request request;
    request.method = http::Method::kGet;
    EXPECT_THAT(http::SetTarget(request, url.substr(kWallet.size())), IsOk());
    http::Response response = router->Dispatch(request);
    if (response.status == 404 || response.status == 410) {
      return Fail(ErrorCode::kNotFound, "GET " + std::string(url) + ": HTTP " + std::to_string(response.status));
    }
    if (response.status != 200) return Fail(ErrorCode::kUnavailable, "HTTP " + std::to_string(response.status));
    return http::HttpResponse{.status = 200, .content_type = response.content_type, .body = response.body, .max_age = {}};
  }
  http::Router* router = nullptr;
  int gets = 0;
};

class ShareLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wallet_ = std::make_unique<HostedWallet>(*fx_.vaults, *fx_.db, fx_.clock, fetcher_,
                                             HostedWalletOptions{.public_url = std::string(kWallet)});
    router_ = BuildWalletRouter(*wallet_, nullptr, {.public_url = std::string(kWallet)});
    fetcher_.router = router_.get();
    token_ = Register("anna");
    credential_ = StoreCredential("anna");
    verifier::TrustList trust;
    trust.issued_at = testutil::kNow;
    ASSERT_TRUE(trust.Upsert({.issuer = IssuerDid(), .name = "Gemeente Voorbeeld", .credential_types = {Vct()}, .note = ""}));
    engine_ = std::make_unique<verifier::VerifierEngine>(std::move(trust), &fetcher_, fx_.clock, verifier::EngineOptions{});
  }

  std::string IssuerDid() const { return did::CreateDidJwk(issuer_.public_jwk()); }
  std::string Vct() const { return "https://werk.gemeente-voorbeeld.nl/vct/skill/v1"; }

  http::Response Call(http::Method method, std::string target, const Json* body, const std::string& token) {
    http::Request request;
    request.method = method;
    EXPECT_THAT(http::SetTarget(request, target), IsOk());
    request.remote_address = "192.0.2.1";
    if (body != nullptr) {
      request.body = body->dump();
      request.headers.emplace_back("content-type", "application/json");
    }
    if (!token.empty()) request.headers.emplace_back("authorization", "Bearer " + token);
    return router_->Dispatch(request);
  }
  std::string Register(const std::string& user) {
    const Json body{{"user", user}, {"passphrase", testutil::kPassphrase}};
    EXPECT_EQ(Call(http::Method::kPost, "/api/wallets", &body, "").status, 201);
    http::Response r = Call(http::Method::kPost, "/api/session", &body, "");
    return ParseJson(r.body).value().value("session_token", "");
  }
  // An employer's SD-JWT VC (issuer: a did:jwk on the trust list), bound to a holder key in the vault.
  std::string StoreCredential(const std::string& user) {
    auto vault = fx_.vaults->Unlock(user, testutil::kPassphrase);
    EXPECT_THAT(vault, IsOk());
    const jose::PrivateJwk holder = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
    const std::string key_id = vault->Put(RecordKind::kHolderKey, Json{{"purpose", "holder"}, {"alg", "ES256"},
                                                                       {"jwk", holder.ExportPrivateJson()}}).value();
    Json claims = {{"iss", IssuerDid()}, {"iat", testutil::kNow - 60}, {"vct", Vct()},
                   {"cnf", {{"jwk", holder.public_jwk().ToJson()}}},
                   {"skill", {{"id", "https://werk.gemeente-voorbeeld.nl/skills/snoeien"},
                              {"name", {{"nl", "Snoeien en onderhouden van beplanting"}}}, {"level", 2}}},
                   {"confirmation", {{"status", "confirmed"}, {"by", {{"name", "Jeroen Hendriks"}, {"role", "manager"}}}}},
                   {"holder", {{"given_name", "Mohamed"}, {"family_name", "Yilmaz"}}}};
    sdjwt::SdJwtVcIssueOptions options;
    options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
    options.kid = IssuerDid() + "#0";
    const std::string compact = sdjwt::IssueSdJwtVc(claims, issuer_, options).value().Compact();
    return vault->Put(RecordKind::kCredential, Json{{"format", "dc+sd-jwt"}, {"credential", compact}, {"issuer", IssuerDid()},
                                                    {"display", {{"nl", {{"name", "Vaardigheid"}}}}}, {"holder_key_id", key_id},
                                                    {"status", {{"state", "none"}}}}).value();
  }
  Json MakeLink(const std::string& token, const std::string& record, int days = 30) {
    const Json body{{"record_id", record}, {"valid_days", days}};
    http::Response r = Call(http::Method::kPost, "/api/share-links", &body, token);
    EXPECT_EQ(r.status, 201) << r.body;
    return ParseJson(r.body).value();
  }
  Result<verifier::VerificationReport> Verify(const std::string& link, verifier::ShareLinkOptions options = {}) {
    return verifier::VerifyShareLink(fetcher_, *engine_, link, options);
  }

  testutil::WalletFixture fx_;
  RouterFetcher fetcher_;
  std::unique_ptr<HostedWallet> wallet_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<verifier::VerifierEngine> engine_;
  jose::PrivateJwk issuer_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  std::string token_;
  std::string credential_;
};

TEST_F(ShareLinkTest, ALinkOpensOnTheVerifierSkillsFirstAndBoundToTheLink) {
  const Json link = MakeLink(token_, credential_);
  const std::string url = link["url"];
  ASSERT_TRUE(url.starts_with("https://wallet.example/s/"));
  ASSERT_NE(url.find("#k="), std::string::npos);
  // What the link's reader sees: the skill and the confirmation around the role (its status too:
  // one disclosure), never the person's name.
  EXPECT_EQ(link["shown"], Json::array({"skill.id", "skill.name", "skill.level", "confirmation.status", "confirmation.by.role"}));
  auto report = Verify(url);
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->verdict, verifier::ReportVerdict::kValid) << report->ToJson().dump();
  ASSERT_TRUE(report->shown.has_value());
  EXPECT_EQ(report->shown->level, 2);
  EXPECT_TRUE(report->shown->confirmed);
  EXPECT_FALSE(report->shown->holder_name.has_value());  // skills first: no name
  // Still valid weeks later (the KB-JWT is as old as the link), until the link expires.
  fx_.clock.Advance(29 * 86400);
  auto later = Verify(url);
  ASSERT_THAT(later, IsOk());
  EXPECT_EQ(later->verdict, verifier::ReportVerdict::kValid);
  fx_.clock.Advance(2 * 86400);
  EXPECT_THAT(Verify(url), FailsWith(ErrorCode::kFailedPrecondition));
}

TEST_F(ShareLinkTest, TheWalletListsAndRevokesItsOwnLinksOnly) {
  const Json link = MakeLink(token_, credential_);
  const std::string id = link["id"];
  http::Response list = Call(http::Method::kGet, "/api/share-links", nullptr, token_);
  ASSERT_EQ(list.status, 200);
  const Json links = ParseJson(list.body).value()["links"];
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]["url"], link["url"]);
  EXPECT_EQ(links[0]["state"], "active");
  const std::string bert = Register("bert");
  EXPECT_EQ(Call(http::Method::kDelete, "/api/share-links/" + id, nullptr, bert).status, 404);
  EXPECT_THAT(Verify(link["url"]), IsOk());
  EXPECT_EQ(Call(http::Method::kDelete, "/api/share-links/" + id, nullptr, token_).status, 204);
  EXPECT_THAT(Verify(link["url"]), FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(ParseJson(Call(http::Method::kGet, "/api/share-links", nullptr, token_).body).value()["links"][0]["state"], "revoked");
  EXPECT_EQ(Call(http::Method::kGet, "/s/" + id, nullptr, "").status, 410);
}

TEST_F(ShareLinkTest, BadLinksAndBadRequestsAreRefused) {
  const std::string url = MakeLink(token_, credential_)["url"];
  const std::string base = url.substr(0, url.find('#'));
  const std::string key = url.substr(url.find("#k=") + 3);
  std::string other_key = key;
  other_key[0] = other_key[0] == 'A' ? 'B' : 'A';
  EXPECT_THAT(Verify(base + "#k=" + other_key), FailsWith(ErrorCode::kDataLoss));
  EXPECT_THAT(Verify(base), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(Verify(base + "#k=short"), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(Verify("https://wallet.example/s/AAAAAAAAAAAAAAAAAAAAAA#k=" + key), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(Verify("http://wallet.example/s/x#k=" + key), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(Verify("javascript:alert(1)"), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(Verify(url + std::string(3000, 'a')), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(Verify(url, {.allow_http_for_loopback = false, .allowed_origins = {"https://other-wallet.example"}}),
              FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_THAT(Verify(url, {.allow_http_for_loopback = false, .allowed_origins = {"https://wallet.example"}}), IsOk());
  // Making links: only one's own SD-JWT VC, 1..90 days.
  const Json bad_days{{"record_id", credential_}, {"valid_days", 91}};
  EXPECT_EQ(Call(http::Method::kPost, "/api/share-links", &bad_days, token_).status, 400);
  const Json unknown{{"record_id", "AAAAAAAAAAAAAAAAAAAAAA"}};
  EXPECT_EQ(Call(http::Method::kPost, "/api/share-links", &unknown, token_).status, 404);
  const std::string bert = Register("bert");
  const Json someone_elses{{"record_id", credential_}};
  EXPECT_EQ(Call(http::Method::kPost, "/api/share-links", &someone_elses, bert).status, 404);
  EXPECT_EQ(Call(http::Method::kPost, "/api/share-links", &someone_elses, "").status, 401);
}

TEST_F(ShareLinkTest, TheServiceCannotReadWhatALinkShows) {
  MakeLink(token_, credential_);
  std::string everything;
  for (const auto& entry : std::filesystem::directory_iterator(fx_.dir.path())) {
    if (entry.is_regular_file()) everything += testutil::ReadFileBytes(entry.path());
  }
  for (std::string_view secret : {"Snoeien", "eyJ", "manager", "wallet.example/s/"}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace vaardig::wallet
