// The pipeline over SD-JWT VC skill credentials made here with the kernel, presented with a KB-JWT.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "core/common/clock.h"
#include "core/did/did_jwk.h"
#include "core/jose/jws.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/status/status_list_client.h"
#include "core/status/status_list_token.h"
#include "core/status/token_status_list.h"
#include "tests/verifier/fake_fetcher.h"
#include "tests/verifier/test_util.h"
#include "verifier/app/pipeline.h"

namespace vaardig::verifier {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kNow = 1'775'000'000;  // 2026-03-31
const std::string kIss = "https://issuer.gemeente-voorbeeld.nl";
const std::string kVct = kIss + "/vct/skill/v1";
const std::string kStatusUri = kIss + "/status/1";
const std::string kClientId = "decentralized_identifier:did:web:verifier.example";
const std::string kNonce = "n-0S6_WzA2Mj";

class SdJwtPipelineTest : public ::testing::Test {
 protected:
  SdJwtPipelineTest() {
    trust_.issued_at = kNow;
    EXPECT_TRUE(trust_.Upsert({.issuer = kIss, .name = "Gemeente Voorbeeld", .credential_types = {kVct}, .note = ""}));
    ServeStatus(0);
    token_status_ = std::make_unique<status::StatusListClient>(
        fetcher_, clock_, [this](const Json&, const Json&) -> Result<jose::PublicJwk> { return issuer_.public_jwk(); });
  }

  void ServeStatus(std::uint8_t value) {
    auto list = status::StatusList::Create(1, 1024).value();
    EXPECT_TRUE(list.Set(3, value));
    auto token = status::SignStatusListToken(list, {.sub = kStatusUri, .iat = kNow - 10, .exp = {}, .ttl = 300, .iss = {}},
                                             issuer_, "issuer-key");
    ASSERT_TRUE(token.has_value()) << token.error();
    fetcher_.Serve(kStatusUri, "application/statuslist+jwt", *token);
  }

  std::string Endorsement(int level) const {
    const Json statement = {{"type", "VaardigEndorsement"},
                            {"issuer", {{"name", "Gemeente Voorbeeld"}, {"id", kIss}}},
                            {"endorser", {{"name", "Marieke van den Berg"}, {"role", "manager"}, {"employee_number", "10001"}}},
                            {"subject", {{"employee_number", "10042"}, {"name", "Anna de Vries"}}},
                            {"skill", {{"id", "KLANT-01"}, {"name_nl", "Klantgesprekken voeren"}}},
                            {"level", level},
                            {"self_level", 1},
                            {"evidence", Json::array()},
                            {"comment", "Goed gedaan"},
                            {"date", "2026-03-01T10:00:00Z"},
                            {"iat", kNow - 86400}};
    return jose::SignCompactJws(manager_, Json{{"typ", "vaardig-endorsement+jwt"}, {"kid", "m1"}},
                                AsBytes(statement.dump()))
        .value();
  }

  Json Claims(const std::string& iss, const jose::PrivateJwk& holder, int endorsed_level = 2) const {
    Json claims = {{"iss", iss}, {"iat", kNow - 3600}, {"exp", kNow + 365 * 86400}, {"vct", iss + "/vct/skill/v1"}};
    claims["cnf"] = Json{{"jwk", holder.public_jwk().ToJson()}};
    claims["status"] = status::MakeStatusClaim({.idx = 3, .uri = kStatusUri});
    claims["skill"] = {{"id", kIss + "/skills/KLANT-01"},
                       {"name", {{"nl", "Klantgesprekken voeren"}, {"en", "Conducting customer conversations"}}},
                       {"esco", "http://data.europa.eu/esco/skill/abc"},
                       {"level", 2},
                       {"level_label", {{"nl", "zelfstandig"}, {"en", "independently"}}}};
    claims["confirmation"] = {{"status", "confirmed"},
                              {"by", {{"name", "Marieke van den Berg"}, {"role", "manager"}}},
                              {"at", "2026-03-01T10:00:00Z"},
                              {"method", "vaardig-endorsement"},
                              {"endorsement", Endorsement(endorsed_level)}};
    claims["holder"] = {{"given_name", "Anna"}, {"family_name", "de Vries"}};
    claims["employer"] = {{"name", "Gemeente Voorbeeld"}, {"id", kIss}};
    return claims;
  }

  std::string Issue(const Json& claims, const jose::PrivateJwk& key) const {
    sdjwt::SdJwtVcIssueOptions options;
    options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
    options.kid = "issuer-key";
    auto issued = sdjwt::IssueSdJwtVc(claims, key, options);
    EXPECT_TRUE(issued.has_value()) << issued.error();
    return issued ? issued->Compact() : "";
  }

  std::string Present(const std::string& issued, const std::string& aud, const std::string& nonce) const {
    auto parts = sdjwt::ParseCompactSdJwt(issued).value();
    EXPECT_TRUE(sdjwt::AddKeyBinding(parts, {.holder_key = &holder_, .aud = aud, .nonce = nonce, .iat = kNow}));
    return parts.SerializeCompact();
  }

  std::string Valid() const { return Present(Issue(Claims(kIss, holder_), issuer_), kClientId, kNonce); }

  VerifyContext Context() {
    VerifyContext context;
    context.clock = &clock_;
    context.trust = &trust_;
    context.client_id = kClientId;
    context.nonce = kNonce;
    context.sd_jwt_issuer_key = [this](const Json&, const Json& payload) -> Result<jose::PublicJwk> {
      const std::string iss = payload.value("iss", "");
      if (iss == kIss || iss == "https://unknown.example") return issuer_.public_jwk();
      if (iss == did::CreateDidJwk(holder_.public_jwk())) return holder_.public_jwk();
      return Fail(ErrorCode::kNotFound, "no key for " + iss);
    };
    context.token_status = token_status_.get();
    return context;
  }

  VerificationReport Verify(const std::string& data, const oid4vc::CredentialQuery* query = nullptr) {
    return VerifyPresented({.format = "dc+sd-jwt", .data = data, .query = query}, Context());
  }

  FixedClock clock_{kNow};
  jose::PrivateJwk issuer_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  jose::PrivateJwk holder_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  jose::PrivateJwk manager_ = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  TrustList trust_;
  testutil::FakeFetcher fetcher_;
  std::unique_ptr<status::StatusListClient> token_status_;
};

std::vector<std::string> Names(const VerificationReport& report) {
  std::vector<std::string> names;
  for (const Check& c : report.checks) names.push_back(c.name);
  return names;
}

CheckResult ResultOf(const VerificationReport& report, std::string_view name) {
  const Check* check = report.Find(name);
  EXPECT_NE(check, nullptr) << name;
  return check ? check->result : CheckResult::kNotChecked;
}

TEST_F(SdJwtPipelineTest, ValidSkillCredential) {
  const VerificationReport report = Verify(Valid());
  EXPECT_EQ(report.verdict, ReportVerdict::kValid) << report.ToJson().dump(2);
  EXPECT_EQ(Names(report), (std::vector<std::string>{"format", "signature", "issuer_trust", "validity", "holder_binding",
                                                      "status", "query", "endorsement"}));
  for (const Check& c : report.checks) {
    if (c.name != "query") {
      EXPECT_EQ(c.result, CheckResult::kPassed) << c.name << ": " << c.detail;
    }
  }
  EXPECT_EQ(ResultOf(report, "query"), CheckResult::kSkipped);
  EXPECT_EQ(report.issuer, kIss);
  EXPECT_EQ(report.issuer_name, "Gemeente Voorbeeld");
  ASSERT_TRUE(report.shown.has_value());
  EXPECT_TRUE(report.shown->confirmed);
  EXPECT_FALSE(report.shown->self_declared);
  EXPECT_EQ(report.shown->confirmed_by_role, "manager");
  EXPECT_EQ(report.shown->organisation, "Gemeente Voorbeeld");
  EXPECT_EQ(report.shown->level, 2);
  EXPECT_EQ(report.shown->holder_name, "Anna de Vries");
  EXPECT_THAT(report.Find("endorsement")->detail, HasSubstr("signed by manager at Gemeente Voorbeeld"));
  EXPECT_THAT(report.Find("endorsement")->detail, HasSubstr("cannot be checked here"));

  const Json json = report.ToJson();
  EXPECT_EQ(json["verdict"], "valid");
  EXPECT_EQ(json["shown"]["skill"]["name"]["en"], "Conducting customer conversations");
  EXPECT_EQ(json["shown"]["level_label"]["nl"], "zelfstandig");
  EXPECT_EQ(json["shown"]["confirmed"], true);
  EXPECT_EQ(json["checks"][0]["name"], "format");
  EXPECT_THAT(Summary(report, "nl"), HasSubstr("Bevestigd door een leidinggevende van Gemeente Voorbeeld op 2026-03-01"));
  EXPECT_THAT(Summary(report, "nl"), HasSubstr("niveau 2 (zelfstandig)"));
  EXPECT_THAT(Summary(report, "en"), HasSubstr("Confirmed by a manager at Gemeente Voorbeeld on 2026-03-01"));
}

TEST_F(SdJwtPipelineTest, WrongNonceIsRejected) {
  const VerificationReport report = Verify(Present(Issue(Claims(kIss, holder_), issuer_), kClientId, "other-nonce"));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "holder_binding"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("holder_binding")->detail, HasSubstr("nonce"));
  EXPECT_EQ(ResultOf(report, "status"), CheckResult::kNotChecked);
  EXPECT_FALSE(report.shown.has_value());
}

TEST_F(SdJwtPipelineTest, WrongAudienceIsRejected) {
  const VerificationReport report = Verify(Present(Issue(Claims(kIss, holder_), issuer_), "redirect_uri:https://evil.example", kNonce));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "holder_binding"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("holder_binding")->detail, HasSubstr("aud"));
}

TEST_F(SdJwtPipelineTest, ReplayedPresentationIsRejected) {
  const std::string presentation = Valid();
  ASSERT_EQ(Verify(presentation).verdict, ReportVerdict::kValid);
  VerifyContext next = Context();
  next.nonce = "the-next-request-nonce";
  const VerificationReport replay = VerifyPresented({.format = "dc+sd-jwt", .data = presentation, .query = nullptr}, next);
  EXPECT_EQ(replay.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(replay, "holder_binding"), CheckResult::kFailed);
}

TEST_F(SdJwtPipelineTest, MissingKeyBindingIsRejected) {
  const VerificationReport report = Verify(Issue(Claims(kIss, holder_), issuer_));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "holder_binding"), CheckResult::kFailed);
}

TEST_F(SdJwtPipelineTest, TamperedDisclosureIsRejected) {
  auto parts = sdjwt::ParseCompactSdJwt(Issue(Claims(kIss, holder_), issuer_)).value();
  ASSERT_FALSE(parts.disclosures.empty());
  std::string& disclosure = parts.disclosures[0];
  disclosure[4] = disclosure[4] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(sdjwt::AddKeyBinding(parts, {.holder_key = &holder_, .aud = kClientId, .nonce = kNonce, .iat = kNow}));
  const VerificationReport report = Verify(parts.SerializeCompact());
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  const Check* failed = nullptr;
  for (const Check& c : report.checks) {
    if (c.result == CheckResult::kFailed && failed == nullptr) failed = &c;
  }
  ASSERT_NE(failed, nullptr);
  EXPECT_TRUE(failed->name == "format" || failed->name == "signature") << failed->name << ": " << failed->detail;
  EXPECT_FALSE(report.shown.has_value());
}

TEST_F(SdJwtPipelineTest, IssuerNotOnTheTrustListIsNotRecognised) {
  const std::string other = "https://unknown.example";
  const VerificationReport report = Verify(Present(Issue(Claims(other, holder_), issuer_), kClientId, kNonce));
  EXPECT_EQ(report.verdict, ReportVerdict::kNotRecognised);
  EXPECT_EQ(ResultOf(report, "signature"), CheckResult::kPassed);
  EXPECT_EQ(ResultOf(report, "issuer_trust"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("issuer_trust")->detail, HasSubstr("not on the trust list"));
  ASSERT_TRUE(report.shown.has_value());
  EXPECT_FALSE(report.shown->confirmed);
  EXPECT_EQ(report.ToJson()["verdict"], "not_recognised");
  EXPECT_THAT(Summary(report, "nl"), HasSubstr("Niet herkend"));
  EXPECT_THAT(Summary(report, "nl"), HasSubstr("Niet bevestigd"));
}

TEST_F(SdJwtPipelineTest, RevokedIsRejected) {
  ServeStatus(1);
  const VerificationReport report = Verify(Valid());
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "status"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("status")->detail, HasSubstr("revoked"));
}

TEST_F(SdJwtPipelineTest, StatusListUnreachableFollowsThePolicy) {
  fetcher_.down = true;
  const std::string presentation = Valid();
  VerificationReport report = Verify(presentation);
  EXPECT_EQ(report.verdict, ReportVerdict::kCouldNotCheck);
  EXPECT_EQ(ResultOf(report, "status"), CheckResult::kCouldNotCheck);
  EXPECT_THAT(Summary(report, "en"), HasSubstr("Could not check"));

  VerifyContext reject = Context();
  reject.on_status_unavailable = StatusUnavailablePolicy::kReject;
  report = VerifyPresented({.format = "dc+sd-jwt", .data = presentation, .query = nullptr}, reject);
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "status"), CheckResult::kFailed);

  VerifyContext warn = Context();
  warn.on_status_unavailable = StatusUnavailablePolicy::kAcceptWithWarning;
  report = VerifyPresented({.format = "dc+sd-jwt", .data = presentation, .query = nullptr}, warn);
  EXPECT_EQ(report.verdict, ReportVerdict::kValid);
  EXPECT_EQ(ResultOf(report, "status"), CheckResult::kCouldNotCheck);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_THAT(report.warnings[0], HasSubstr("status could not be checked"));
  EXPECT_THAT(Summary(report, "nl"), HasSubstr("Waarschuwing"));
}

TEST_F(SdJwtPipelineTest, StatusListIsCached) {
  ASSERT_EQ(Verify(Valid()).verdict, ReportVerdict::kValid);
  const int gets = fetcher_.gets;
  fetcher_.down = true;  // within the ttl the cached list still answers
  EXPECT_EQ(Verify(Valid()).verdict, ReportVerdict::kValid);
  EXPECT_EQ(fetcher_.gets, gets);
}

TEST_F(SdJwtPipelineTest, ExpiredIsRejected) {
  Json claims = Claims(kIss, holder_);
  claims["exp"] = kNow - 600;
  const VerificationReport report = Verify(Present(Issue(claims, issuer_), kClientId, kNonce));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "validity"), CheckResult::kFailed);
  EXPECT_EQ(ResultOf(report, "status"), CheckResult::kNotChecked);
}

TEST_F(SdJwtPipelineTest, DcqlClaimMissingFailsTheQuery) {
  oid4vc::CredentialQuery query;
  query.id = "skill";
  query.format = "dc+sd-jwt";
  query.claims.push_back({.id = std::nullopt, .path = {std::string("skill"), std::string("level")}, .values = std::nullopt});
  VerificationReport report = Verify(Valid(), &query);
  EXPECT_EQ(report.verdict, ReportVerdict::kValid) << report.ToJson().dump(2);
  EXPECT_EQ(ResultOf(report, "query"), CheckResult::kPassed);

  query.claims.push_back({.id = std::nullopt, .path = {std::string("diploma")}, .values = std::nullopt});
  report = Verify(Valid(), &query);
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "query"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("query")->detail, HasSubstr("diploma"));

  query.format = "ldp_vc";
  report = Verify(Valid(), &query);
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "format"), CheckResult::kFailed);
}

TEST_F(SdJwtPipelineTest, EndorsementForAnotherLevelIsRejected) {
  const VerificationReport report = Verify(Present(Issue(Claims(kIss, holder_, 3), issuer_), kClientId, kNonce));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "endorsement"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("endorsement")->detail, HasSubstr("level"));
}

TEST_F(SdJwtPipelineTest, HolderSignedSkillIsSelfDeclaredNeverConfirmed) {
  // A blue skill: signed with the holder's own key, claiming to be confirmed.
  const std::string self = did::CreateDidJwk(holder_.public_jwk());
  const VerificationReport report = Verify(Present(Issue(Claims(self, holder_), holder_), kClientId, kNonce));
  EXPECT_EQ(report.verdict, ReportVerdict::kValid) << report.ToJson().dump(2);
  EXPECT_EQ(ResultOf(report, "issuer_trust"), CheckResult::kSkipped);
  ASSERT_TRUE(report.shown.has_value());
  EXPECT_TRUE(report.shown->self_declared);
  EXPECT_FALSE(report.shown->confirmed);
  EXPECT_EQ(report.ToJson()["shown"]["confirmed"], false);
  EXPECT_THAT(Summary(report, "nl"), HasSubstr("Zelf verklaard"));
  EXPECT_THAT(Summary(report, "nl"), ::testing::Not(HasSubstr("Bevestigd")));
  EXPECT_THAT(Summary(report, "en"), HasSubstr("Self-declared"));
}

TEST_F(SdJwtPipelineTest, UnsupportedAndOversizedInput) {
  VerificationReport report = VerifyPresented({.format = "mso_mdoc", .data = "x", .query = nullptr}, Context());
  EXPECT_EQ(report.verdict, ReportVerdict::kCouldNotCheck);
  EXPECT_EQ(ResultOf(report, "format"), CheckResult::kCouldNotCheck);
  report = Verify(std::string(kMaxPresentedBytes + 1, 'a'));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_THAT(report.Find("format")->detail, HasSubstr("larger than 1 MiB"));
  report = Verify("not an sd-jwt");
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "signature"), CheckResult::kNotChecked);
}

TEST(StatusPolicy, Parses) {
  EXPECT_EQ(ParseStatusUnavailablePolicy("reject").value(), StatusUnavailablePolicy::kReject);
  EXPECT_EQ(ParseStatusUnavailablePolicy("could_not_check").value(), StatusUnavailablePolicy::kCouldNotCheck);
  EXPECT_EQ(ParseStatusUnavailablePolicy("accept_with_warning").value(), StatusUnavailablePolicy::kAcceptWithWarning);
  auto bad = ParseStatusUnavailablePolicy("ignore");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(bad.error().message(), HasSubstr("on_status_unavailable"));
}

}  // namespace
}  // namespace vaardig::verifier
