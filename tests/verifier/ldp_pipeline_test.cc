// The pipeline over an Open Badges 3.0 skill badge (eddsa-rdfc-2022) in an ldp_vp bound to the
// verifier's challenge (nonce) and domain (client_id), made here with the kernel.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "core/common/clock.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/date_time.h"
#include "core/dataintegrity/verification_key.h"
#include "core/did/did_key.h"
#include "core/did/resolver.h"
#include "core/status/bitstring_status_list_credential.h"
#include "core/vc/skill_badge.h"
#include "tests/verifier/fake_fetcher.h"
#include "verifier/app/pipeline.h"

namespace vaardig::verifier {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kNow = 1'775'000'000;
const std::string kListUrl = "https://issuer.gemeente-voorbeeld.nl/status/bitstring/1";
const std::string kClientId = "decentralized_identifier:did:web:verifier.example";
const std::string kNonce = "c-8z1WQ_5t";

struct DidKey {
  crypto::Ed25519PrivateKey key = crypto::Ed25519PrivateKey::Generate();
  std::string did = did::CreateDidKey(jose::PublicJwk::FromKey(key.public_key())).value();
  std::string method = did + "#" + did.substr(8);
};

class LdpPipelineTest : public ::testing::Test {
 protected:
  LdpPipelineTest() {
    trust_.issued_at = kNow;
    EXPECT_TRUE(trust_.Upsert({.issuer = issuer_.did, .name = "Gemeente Voorbeeld",
                               .credential_types = {"OpenBadgeCredential"}, .note = ""}));
    ServeList(0);
    bitstring_ = std::make_unique<status::BitstringStatusChecker>(fetcher_, clock_, di_key_);
  }

  void ServeList(std::uint8_t value) { ServeList(value, issuer_); }
  void ServeList(std::uint8_t value, const DidKey& signer) {
    auto list = status::BitstringStatusList::Create(131072).value();
    ASSERT_TRUE(list.Set(5, value));
    auto credential = status::MakeBitstringStatusListCredential(
        list, {.id = kListUrl, .issuer = signer.did, .status_purpose = "revocation", .valid_from = kNow - 86400,
               .valid_until = {}, .ttl_ms = {}},
        signer.key, signer.method, kNow - 86400);
    ASSERT_TRUE(credential.has_value()) << credential.error();
    fetcher_.Serve(kListUrl, "application/vc+ld+json", credential->dump());
  }

  Json Badge(const DidKey& signer) const {
    vc::SkillBadgeInput in;
    in.credential_id = "urn:uuid:5f1c2e9a-6a43-4b8e-9d0c-1a2b3c4d5e6f";
    in.issuer = {signer.did, signer.did == holder_.did ? "Anna de Vries" : "Gemeente Voorbeeld", std::nullopt};
    in.valid_from = dataintegrity::FormatDateTimeStamp(kNow - 3600).value();
    in.valid_until = dataintegrity::FormatDateTimeStamp(kNow + 365 * 86400).value();
    in.holder_did = holder_.did;
    in.skill_id = "https://issuer.gemeente-voorbeeld.nl/skills/KLANT-01";
    in.skill_name = "Klantgesprekken voeren";
    in.skill_description = "Voert klantgesprekken";
    in.criteria_narrative = "Bevestigd door de leidinggevende";
    in.esco_uri = "http://data.europa.eu/esco/skill/abc";
    in.esco_name = "Conducting customer conversations";
    in.level = 2;
    in.manager = {"urn:vaardig:person:10001", "Marieke van den Berg", std::nullopt};
    in.status = {.id = kListUrl + "#5", .status_purpose = "revocation", .status_list_index = 5,
                 .status_list_credential = kListUrl, .status_size = 1};
    dataintegrity::ProofOptions options;
    options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
    options.verification_method = signer.method;
    options.proof_purpose = "assertionMethod";
    options.created = dataintegrity::FormatDateTimeStamp(kNow - 3600).value();
    auto signed_badge = dataintegrity::AddProof(vc::MakeSkillBadge(in), options, signer.key);
    EXPECT_TRUE(signed_badge.has_value()) << signed_badge.error();
    return signed_badge ? *signed_badge : Json();
  }

  std::string Present(const Json& credential, const std::string& challenge, const std::string& domain) const {
    Json vp = {{"@context", Json::array({"https://www.w3.org/ns/credentials/v2"})},
               {"type", Json::array({"VerifiablePresentation"})},
               {"holder", holder_.did},
               {"verifiableCredential", Json::array({credential})}};
    dataintegrity::ProofOptions options;
    options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
    options.verification_method = holder_.method;
    options.proof_purpose = "authentication";
    options.created = dataintegrity::FormatDateTimeStamp(kNow - 5).value();
    options.challenge = challenge;
    options.domain = domain;
    auto signed_vp = dataintegrity::AddProof(vp, options, holder_.key);
    EXPECT_TRUE(signed_vp.has_value()) << signed_vp.error();
    return signed_vp ? signed_vp->dump() : "";
  }

  VerifyContext Context() {
    VerifyContext context;
    context.clock = &clock_;
    context.trust = &trust_;
    context.client_id = kClientId;
    context.nonce = kNonce;
    context.di_key = di_key_;
    context.bitstring_status = bitstring_.get();
    return context;
  }

  VerificationReport Verify(const std::string& vp, const oid4vc::CredentialQuery* query = nullptr) {
    return VerifyPresented({.format = "ldp_vp", .data = vp, .query = query}, Context());
  }

  static CheckResult ResultOf(const VerificationReport& report, std::string_view name) {
    const Check* check = report.Find(name);
    EXPECT_NE(check, nullptr) << name;
    return check ? check->result : CheckResult::kNotChecked;
  }

  FixedClock clock_{kNow};
  DidKey issuer_;
  DidKey holder_;
  TrustList trust_;
  testutil::FakeFetcher fetcher_;
  did::DidResolver resolver_{nullptr};
  dataintegrity::VerificationKeyLookup di_key_ = dataintegrity::DidVerificationKeyLookup(resolver_);
  std::unique_ptr<status::BitstringStatusChecker> bitstring_;
};

TEST_F(LdpPipelineTest, ValidBadgeInABoundPresentation) {
  const Json badge = Badge(issuer_);
  oid4vc::CredentialQuery query;
  query.id = "badge";
  query.format = "ldp_vc";
  query.claims.push_back({.id = std::nullopt,
                          .path = {std::string("credentialSubject"), std::string("achievement"), std::string("id")},
                          .values = std::nullopt});
  const VerificationReport report = Verify(Present(badge, kNonce, kClientId), &query);
  EXPECT_EQ(report.verdict, ReportVerdict::kValid) << report.ToJson().dump(2);
  for (const Check& c : report.checks) {
    if (c.name != "endorsement") {
      EXPECT_EQ(c.result, CheckResult::kPassed) << c.name << ": " << c.detail;
    }
  }
  EXPECT_EQ(ResultOf(report, "endorsement"), CheckResult::kSkipped);
  EXPECT_EQ(report.issuer, issuer_.did);
  EXPECT_EQ(report.issuer_name, "Gemeente Voorbeeld");
  ASSERT_TRUE(report.shown.has_value());
  EXPECT_EQ(report.shown->skill_name_nl, "Klantgesprekken voeren");
  EXPECT_EQ(report.shown->esco, "http://data.europa.eu/esco/skill/abc");
  EXPECT_EQ(report.shown->level, 2);
  EXPECT_TRUE(report.shown->confirmed);
  EXPECT_FALSE(report.shown->self_declared);
  EXPECT_EQ(report.shown->organisation, "Gemeente Voorbeeld");
  EXPECT_THAT(Summary(report, "nl"), HasSubstr("Bevestigd door een leidinggevende van Gemeente Voorbeeld"));
}

TEST_F(LdpPipelineTest, WrongChallengeOrDomainIsRejected) {
  const Json badge = Badge(issuer_);
  VerificationReport report = Verify(Present(badge, "an-old-nonce", kClientId));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "holder_binding"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("holder_binding")->detail, HasSubstr("challenge"));
  report = Verify(Present(badge, kNonce, "redirect_uri:https://evil.example"));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "holder_binding"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("holder_binding")->detail, HasSubstr("domain"));
  // A bare credential is not a presentation.
  report = Verify(badge.dump());
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "format"), CheckResult::kFailed);
}

TEST_F(LdpPipelineTest, IssuerNotOnTheTrustListIsNotRecognised) {
  ASSERT_TRUE(trust_.Remove(issuer_.did));
  const VerificationReport report = Verify(Present(Badge(issuer_), kNonce, kClientId));
  EXPECT_EQ(report.verdict, ReportVerdict::kNotRecognised) << report.ToJson().dump(2);
  EXPECT_EQ(ResultOf(report, "signature"), CheckResult::kPassed);
  EXPECT_EQ(ResultOf(report, "issuer_trust"), CheckResult::kFailed);
  ASSERT_TRUE(report.shown.has_value());
  EXPECT_FALSE(report.shown->confirmed);
}

TEST_F(LdpPipelineTest, RevokedBadgeIsRejected) {
  ServeList(1);
  const VerificationReport report = Verify(Present(Badge(issuer_), kNonce, kClientId));
  EXPECT_EQ(report.verdict, ReportVerdict::kRejected);
  EXPECT_EQ(ResultOf(report, "status"), CheckResult::kFailed);
  EXPECT_THAT(report.Find("status")->detail, HasSubstr("revoked"));
}

TEST_F(LdpPipelineTest, UnreachableStatusListFollowsThePolicy) {
  fetcher_.down = true;
  const std::string vp = Present(Badge(issuer_), kNonce, kClientId);
  EXPECT_EQ(Verify(vp).verdict, ReportVerdict::kCouldNotCheck);
  VerifyContext warn = Context();
  warn.on_status_unavailable = StatusUnavailablePolicy::kAcceptWithWarning;
  const VerificationReport report = VerifyPresented({.format = "ldp_vp", .data = vp, .query = nullptr}, warn);
  EXPECT_EQ(report.verdict, ReportVerdict::kValid) << report.ToJson().dump(2);
  EXPECT_EQ(report.warnings.size(), 1u);
  ASSERT_TRUE(report.shown.has_value());
}

TEST_F(LdpPipelineTest, HolderSignedBadgeIsSelfDeclared) {
  ServeList(0, holder_);  // a blue badge's status list is the holder's own
  const VerificationReport report = Verify(Present(Badge(holder_), kNonce, kClientId));
  EXPECT_EQ(report.verdict, ReportVerdict::kValid) << report.ToJson().dump(2);
  EXPECT_EQ(ResultOf(report, "issuer_trust"), CheckResult::kSkipped);
  ASSERT_TRUE(report.shown.has_value());
  EXPECT_TRUE(report.shown->self_declared);
  EXPECT_FALSE(report.shown->confirmed);
  EXPECT_THAT(Summary(report, "en"), HasSubstr("Self-declared"));
}

}  // namespace
}  // namespace vaardig::verifier
