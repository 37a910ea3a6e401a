// OpenID4VCI issuance in the issuer's domain layer (issuer/app/issuance.h): offer → token → nonce →
// credential in both formats over a real (in-memory) database, the refusals with their OAuth error
// codes, the permission rules, and the races (one code, one token, one credential).
#include "issuer/app/issuance.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <variant>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/dataintegrity/verify.h"
#include "core/did/did_jwk.h"
#include "core/did/document.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/oid4vc/offer.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/status/status_list_token.h"
#include "core/vc/open_badges.h"
#include "issuer/app/claims.h"
#include "issuer/app/credential_builder.h"
#include "issuer/app/issuer_keys.h"
#include "issuer/app/key_vault.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::FailsWith;
using crypto::testing::IsOk;
using testing::CountOf;

constexpr char kPublicUrl[] = "https://skills.gemeente-voorbeeld.example";

template <class T>
::testing::AssertionResult OAuthFails(const oid4vc::OAuthResult<T>& result, std::string_view error,
                                      std::string_view description_part, int http_status = 400) {
  if (result.has_value()) return ::testing::AssertionFailure() << "succeeded, expected " << error;
  const oid4vc::OAuthError& e = result.error();
  if (e.error != error || e.http_status != http_status ||
      e.description.find(description_part) == std::string::npos) {
    return ::testing::AssertionFailure() << "got " << e.error << " (" << e.http_status << "): " << e.description
                                         << "; expected " << error << " with '" << description_part << "'";
  }
  return ::testing::AssertionSuccess();
}

KeyVault TestVault() {
  auto vault = KeyVault::FromKey(crypto::RandomSecret(kKekSize));
  EXPECT_TRUE(IsOk(vault));
  return std::move(*vault);
}

std::string WrongPin(const std::string& pin) {
  std::string wrong = pin;
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  return wrong;
}

class IssuanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IssuerSettings s;
    s.organisation_id = "https://gemeente-voorbeeld.example";
    s.public_url = kPublicUrl;
    app_ = testing::OpenTestApp(clock_, s);
    ASSERT_NE(app_, nullptr);
    org_ = testing::SeedOrganisation(*app_);
  }
  const Principal& P(const std::string& name) { return org_[name]; }

  // Bob's klantgesprek claim (self level 3, one evidence file), confirmed by Anna at level 2.
  std::int64_t ConfirmedClaim(const std::string& who = "bob", const std::string& manager = "anna") {
    auto claim = CreateClaim(*app_, P(who), {"klantgesprek", 3, "Dagelijks aan de balie", "daily"});
    EXPECT_TRUE(IsOk(claim));
    if (!claim) return 0;
    EXPECT_TRUE(IsOk(AddEvidence(*app_, P(who), claim->id, "gesprek.png", testing::ReadFixture("diagram_with_text.png"))));
    auto request = RequestConfirmation(*app_, P(who), claim->id, std::nullopt, "Graag bevestigen");
    EXPECT_TRUE(IsOk(request));
    if (!request) return 0;
    auto endorsement = Confirm(*app_, vault_, P(manager), *request, 2, "Goed");
    EXPECT_TRUE(IsOk(endorsement));
    if (endorsement) endorsement_ = *endorsement;
    return claim->id;
  }

  std::string Redeem(const NewOffer& offer) {
    auto grant = RedeemPreAuthorizedCode(*app_, offer.pre_authorized_code, offer.tx_code);
    EXPECT_TRUE(grant.has_value()) << (grant ? "" : grant.error().description);
    return grant ? grant->access_token : "";
  }

  std::string OfferState(const NewOffer& offer) {
    auto row = app_->db().QueryOne("SELECT state FROM credential_offers WHERE pre_authorized_code_hash = ?",
                                   {encoding::HexEncode(crypto::Sha256(AsBytes(offer.pre_authorized_code)))});
    return (row && *row) ? (*row)->Text(0) : "?";
  }

  std::string Snapshot() {
    std::string out = testing::SnapshotWorkflow(*app_);
    for (std::string_view sql : {"SELECT id || '|' || state || '|' || tx_code_failures || '|' || "
                                 "IFNULL(access_token_hash, '-') FROM credential_offers ORDER BY id",
                                 "SELECT id || '|' || configuration_id FROM credentials ORDER BY id",
                                 "SELECT list_id || '|' || idx FROM status_entries ORDER BY list_id, idx",
                                 "SELECT value_hash FROM nonces ORDER BY value_hash"}) {
      auto rows = app_->db().Query(sql);
      EXPECT_TRUE(IsOk(rows)) << sql;
      if (rows) for (const store::Row& r : *rows) out += r.Text(0) + "\n";
    }
    return out;
  }

  HolderKey Holder() { return HolderKey{holder_key_.public_jwk(), std::nullopt}; }
  // A fresh c_nonce from the nonce endpoint, checked as the credential endpoint checks it.
  CheckedNonce Nonce() {
    auto nonce = CreateNonce(*app_, vault_);
    EXPECT_TRUE(IsOk(nonce));
    auto checked = CheckNonce(*app_, vault_, nonce ? *nonce : "");
    EXPECT_TRUE(checked.has_value());
    return checked ? *checked : CheckedNonce{};
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(testing::kSeedNow);
  std::unique_ptr<IssuerApp> app_;
  testing::SeededOrg org_;
  KeyVault vault_ = TestVault();
  Endorsement endorsement_;
  jose::PrivateJwk holder_key_ = *jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
};

TEST_F(IssuanceTest, OfferIsAnOpenId4VciCredentialOfferWithAPinAndHashesOnly) {
  const std::int64_t claim = ConfirmedClaim();
  auto offer = CreateOfferForClaim(*app_, P("bob"), claim);
  ASSERT_TRUE(IsOk(offer));
  EXPECT_EQ(offer->tx_code.size(), 6u);
  EXPECT_TRUE(std::all_of(offer->tx_code.begin(), offer->tx_code.end(), [](char c) { return c >= '0' && c <= '9'; }));
  EXPECT_EQ(offer->pre_authorized_code.size(), 43u);
  EXPECT_EQ(offer->offer_uri, std::string(kPublicUrl) + "/credential-offer/" + offer->offer_id);
  EXPECT_EQ(offer->expires_at, FormatUtc(testing::kSeedNow + kOfferTtlSeconds));
  auto parsed = oid4vc::ParseCredentialOffer(offer->offer);
  ASSERT_TRUE(IsOk(parsed));
  EXPECT_EQ(parsed->credential_issuer, kPublicUrl);
  EXPECT_EQ(parsed->credential_configuration_ids,
            (std::vector<std::string>{std::string(kSkillSdJwtConfiguration), std::string(kSkillBadgeConfiguration)}));
  ASSERT_TRUE(parsed->pre_authorized_code.has_value());
  EXPECT_EQ(parsed->pre_authorized_code->pre_authorized_code, offer->pre_authorized_code);
  ASSERT_TRUE(parsed->pre_authorized_code->tx_code.has_value());
  EXPECT_EQ(parsed->pre_authorized_code->tx_code->input_mode, "numeric");
  EXPECT_EQ(parsed->pre_authorized_code->tx_code->length, 6);

  // By reference: the same offer, while it can be redeemed.
  auto by_reference = GetOfferJson(*app_, offer->offer_id);
  ASSERT_TRUE(IsOk(by_reference));
  EXPECT_EQ(*by_reference, offer->offer);
  EXPECT_TRUE(FailsWith(GetOfferJson(*app_, "unknown"), ErrorCode::kNotFound));

  // The database and the audit log hold neither the code, the PIN nor the offer secret.
  auto dump = app_->db().Query("SELECT * FROM credential_offers");
  ASSERT_TRUE(IsOk(dump));
  auto audit = app_->db().Query("SELECT details || subject FROM audit_log");
  ASSERT_TRUE(IsOk(audit));
  std::string all;
  for (const auto& rows : {*dump, *audit}) {
    for (const store::Row& r : rows) {
      for (std::size_t i = 0; i < r.size(); ++i) all += r.Text(i) + "|";
    }
  }
  EXPECT_EQ(all.find(offer->pre_authorized_code), std::string::npos);
  EXPECT_EQ(all.find(offer->offer_id), std::string::npos);
  EXPECT_EQ(all.find("|" + offer->tx_code + "|"), std::string::npos);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'offer.create'"), 1);

  // Redeemed: no longer served.
  Redeem(*offer);
  EXPECT_TRUE(FailsWith(GetOfferJson(*app_, offer->offer_id), ErrorCode::kNotFound));
}

TEST_F(IssuanceTest, WholeFlowIssuesAVerifiableSdJwtVc) {
  const std::int64_t claim = ConfirmedClaim();
  auto offer = CreateOfferForClaim(*app_, P("bob"), claim);
  ASSERT_TRUE(IsOk(offer));
  auto grant = RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, offer->tx_code);
  ASSERT_TRUE(grant.has_value()) << grant.error().description;
  EXPECT_EQ(grant->expires_in, kAccessTokenTtlSeconds);
  EXPECT_EQ(grant->configuration_ids.size(), 2u);
  auto issued = IssueCredential(*app_, vault_, grant->access_token, kSkillSdJwtConfiguration, Holder(), Nonce());
  ASSERT_TRUE(issued.has_value()) << issued.error().description;
  EXPECT_EQ(issued->format, "dc+sd-jwt");
  EXPECT_TRUE(issued->credential_id.starts_with("urn:uuid:"));
  ASSERT_TRUE(issued->credential.is_string());
  const std::string compact = issued->credential.get<std::string>();

  // Verify with the key published in JWT VC Issuer Metadata, found by the header's kid.
  auto metadata = BuildJwtVcIssuerMetadata(*app_);
  ASSERT_TRUE(IsOk(metadata));
  EXPECT_EQ(metadata->at("issuer"), kPublicUrl);
  const Json keys = metadata->at("jwks").at("keys");
  sdjwt::IssuerKeyLookup lookup = [&](const Json& header, const Json&) -> Result<jose::PublicJwk> {
    for (const Json& k : keys) {
      if (header.contains("kid") && k.value("kid", "") == header["kid"]) return jose::PublicJwk::Parse(k);
    }
    return Fail(ErrorCode::kNotFound, "kid not published");
  };
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = clock_.get();
  policy.require_exp = true;
  auto verified = sdjwt::VerifySdJwtVc(compact, lookup, policy);
  ASSERT_TRUE(IsOk(verified));
  EXPECT_EQ(verified->header().at("typ"), "dc+sd-jwt");
  EXPECT_EQ(verified->header().at("alg"), "ES256");
  const Json& c = verified->claims();
  EXPECT_EQ(c.at("iss"), kPublicUrl);
  EXPECT_EQ(c.at("iat"), testing::kSeedNow);
  EXPECT_EQ(c.at("exp"), CredentialTimesFor(app_->settings(), testing::kSeedNow).valid_until);
  EXPECT_GT(c.at("exp").get<std::int64_t>(), testing::kSeedNow + 3 * 365 * 86400 - 1);
  EXPECT_EQ(c.at("vct"), std::string(kPublicUrl) + "/vct/skill/v1");
  EXPECT_EQ(c.at("cnf").at("jwk"), holder_key_.public_jwk().ToJson());
  auto status = status::ReadStatusReference(c);
  ASSERT_TRUE(IsOk(status));
  EXPECT_TRUE(status->uri.starts_with(std::string(kPublicUrl) + "/status/token/"));
  const Json& skill = c.at("skill");
  EXPECT_EQ(skill.at("id"), std::string(kPublicUrl) + "/skills/klantgesprek");
  EXPECT_EQ(skill.at("name"), (Json{{"nl", "Klantgesprek voeren"}, {"en", "Conducting a customer conversation"}}));
  EXPECT_EQ(skill.at("esco"), std::string(testing::kSeedEscoUri));
  EXPECT_FALSE(skill.contains("competentnl"));
  EXPECT_EQ(skill.at("level"), 2);
  EXPECT_EQ(skill.at("level_label"), (Json{{"nl", "zelfstandig"}, {"en", "independently"}}));
  const Json& confirmation = c.at("confirmation");
  EXPECT_EQ(confirmation.at("status"), "confirmed");
  EXPECT_EQ(confirmation.at("by").at("name"), "Anna de Vries");
  EXPECT_EQ(confirmation.at("by").at("role"), "manager");
  EXPECT_EQ(confirmation.at("method"), "vaardig-endorsement");
  EXPECT_EQ(confirmation.at("endorsement"), endorsement_.jws);
  EXPECT_EQ(confirmation.at("at"), app_->Now());
  EXPECT_EQ(c.at("self_assessment"), (Json{{"level", 3}}));
  ASSERT_EQ(c.at("evidence").size(), 1u);
  EXPECT_EQ(c.at("evidence")[0].at("name"), "gesprek.png");
  EXPECT_EQ(c.at("evidence")[0].at("sha256").get<std::string>().size(), 64u);
  EXPECT_EQ(c.at("holder").at("given_name"), "Bob");
  EXPECT_EQ(c.at("holder").at("family_name"), "Bakker");
  EXPECT_EQ(c.at("employer").at("name"), "Gemeente Voorbeeld");
  EXPECT_EQ(c.at("employer").at("id"), "https://gemeente-voorbeeld.example");
  // Selectively disclosable as DESIGN.md §4.1 says: skill arrives through a disclosure, iss does not.
  bool skill_disclosed = false;
  for (const auto& d : verified->disclosed()) skill_disclosed |= d.path == sdjwt::ClaimPath{"skill"};
  EXPECT_TRUE(skill_disclosed);

  // Recorded with its hash, audited.
  auto row = app_->db().QueryOne("SELECT person_id, claim_id, level, format, credential_sha256, state, holder "
                                 "FROM credentials WHERE id = ?", {issued->credential_id});
  ASSERT_TRUE(IsOk(row));
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int("person_id"), P("bob").person_id);
  EXPECT_EQ((*row)->Int("claim_id"), claim);
  EXPECT_EQ((*row)->Int("level"), 2);
  EXPECT_EQ((*row)->Text("state"), "valid");
  EXPECT_EQ((*row)->Text("holder"), holder_key_.public_jwk().Thumbprint());
  EXPECT_EQ((*row)->Text("credential_sha256"), encoding::HexEncode(crypto::Sha256(AsBytes(compact))));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'credential.issue'"), 1);
  auto chain = AuditLog::Verify(app_->db());
  EXPECT_TRUE(IsOk(chain));
}

TEST_F(IssuanceTest, WholeFlowIssuesABadgeThatValidatesAndVerifiesAgainstTheDidDocument) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  const std::string token = Redeem(*offer);
  const std::string holder_did = did::CreateDidJwk(holder_key_.public_jwk());
  auto issued = IssueCredential(*app_, vault_, token, kSkillBadgeConfiguration, HolderKey{holder_key_.public_jwk(), holder_did}, Nonce());
  ASSERT_TRUE(issued.has_value()) << issued.error().description;
  EXPECT_EQ(issued->format, "ldp_vc");
  const Json& badge = issued->credential;
  ASSERT_TRUE(badge.is_object());
  EXPECT_TRUE(IsOk(vc::ValidateOpenBadgeCredential(badge)));
  auto issuer_did = IssuerDid(app_->settings());
  ASSERT_TRUE(IsOk(issuer_did));
  EXPECT_EQ(*issuer_did, "did:web:skills.gemeente-voorbeeld.example");
  EXPECT_EQ(badge.at("id"), issued->credential_id);
  EXPECT_EQ(badge.at("issuer").at("id"), *issuer_did);
  EXPECT_EQ(badge.at("issuer").at("name"), "Gemeente Voorbeeld");
  EXPECT_EQ(badge.at("credentialSubject").at("id"), holder_did);
  EXPECT_EQ(badge.at("credentialSubject").at("result")[0].at("achievedLevel"), "urn:vaardig:scale:independence:2");
  const Json& source = badge.at("credentialSubject").at("source");
  EXPECT_EQ(source.at("name"), "Anna de Vries");
  EXPECT_TRUE(source.at("id").get<std::string>().starts_with("did:jwk:"));
  EXPECT_NE(source.at("description").get<std::string>().find(endorsement_.statement_sha256), std::string::npos);
  ASSERT_TRUE(badge.at("credentialStatus").is_array());
  ASSERT_EQ(badge.at("credentialStatus").size(), 2u);
  EXPECT_EQ(badge.at("credentialStatus")[0].at("statusPurpose"), "revocation");
  EXPECT_EQ(badge.at("credentialStatus")[1].at("statusPurpose"), "suspension");
  EXPECT_EQ(badge.at("evidence").size(), 1u);
  EXPECT_EQ(badge.at("validUntil"), FormatUtc(CredentialTimesFor(app_->settings(), testing::kSeedNow).valid_until));

  auto did_json = BuildIssuerDidDocument(*app_);
  ASSERT_TRUE(IsOk(did_json));
  auto document = did::DidDocument::Parse(*did_json, *issuer_did);
  ASSERT_TRUE(IsOk(document));
  const dataintegrity::VerificationKeyLookup lookup =
      [&](std::string_view vm, std::string_view) -> Result<crypto::Ed25519PublicKey> {
    VAARDIG_ASSIGN_OR_RETURN(did::VerificationMethod method,
                             document->GetVerificationMethod(vm, did::Relationship::kAssertionMethod));
    const auto* ed = std::get_if<crypto::Ed25519PublicKey>(&method.key.key());
    if (ed == nullptr) return Fail(ErrorCode::kInvalidArgument, "not an Ed25519 key");
    return *ed;
  };
  dataintegrity::VerifyPolicy policy;
  policy.clock = clock_.get();
  auto verified = dataintegrity::VerifyProofs(badge, lookup, {}, policy);
  ASSERT_TRUE(IsOk(verified));
  EXPECT_TRUE(verified->verified()) << verified->status().error();
  EXPECT_EQ(badge.at("proof").at("cryptosuite"), "eddsa-rdfc-2022");

  Json changed = badge;
  changed["credentialSubject"]["result"][0]["achievedLevel"] = "urn:vaardig:scale:independence:3";
  auto rejected = dataintegrity::VerifyProofs(changed, lookup, {}, policy);
  ASSERT_TRUE(IsOk(rejected));
  EXPECT_FALSE(rejected->verified());

  // Both configurations from one offer, each once; every entry distinct.
  auto second = IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), Nonce());
  ASSERT_TRUE(second.has_value()) << second.error().description;
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credentials"), 2);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM status_entries"), 6);
}

TEST_F(IssuanceTest, BadCodesAreInvalidGrant) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, "", offer->tx_code), oid4vc::errors::kInvalidRequest,
                         "pre-authorized_code is missing"));
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, "not-a-code", offer->tx_code), oid4vc::errors::kInvalidGrant,
                         "the pre-authorized code is unknown"));
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, std::string(5000, 'a'), offer->tx_code),
                         oid4vc::errors::kInvalidGrant, "unknown"));
  // Missing PIN: OpenID4VCI 1.0 §6.3 says invalid_request; it does not count as a failure.
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, std::nullopt),
                         oid4vc::errors::kInvalidRequest, "tx_code is required"));
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, ""),
                         oid4vc::errors::kInvalidRequest, "tx_code is required"));
  EXPECT_EQ(CountOf(*app_, "SELECT tx_code_failures FROM credential_offers"), 0);
  const std::string token = Redeem(*offer);
  EXPECT_FALSE(token.empty());
  auto reused = RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, offer->tx_code);
  EXPECT_TRUE(OAuthFails(reused, oid4vc::errors::kInvalidGrant, "already used"));
  if (!reused) {
    EXPECT_EQ(reused.error().description.find(offer->pre_authorized_code), std::string::npos);
  }
}

TEST_F(IssuanceTest, ExpiredCodeIsInvalidGrant) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  clock_->Advance(kOfferTtlSeconds);
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, offer->tx_code),
                         oid4vc::errors::kInvalidGrant, "has expired"));
  EXPECT_TRUE(FailsWith(GetOfferJson(*app_, offer->offer_id), ErrorCode::kNotFound));
}

TEST_F(IssuanceTest, WrongPinsAreCountedAndFiveBurnTheCode) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  const std::string wrong = WrongPin(offer->tx_code);
  for (int i = 1; i < kMaxPinFailures; ++i) {
    auto r = RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, wrong);
    EXPECT_TRUE(OAuthFails(r, oid4vc::errors::kInvalidGrant,
                           "the tx_code is wrong (" + std::to_string(kMaxPinFailures - i) + " attempts left)"));
    EXPECT_EQ(CountOf(*app_, "SELECT tx_code_failures FROM credential_offers"), i);
    if (!r) {
      EXPECT_EQ(r.error().description.find(offer->tx_code), std::string::npos);
    }
  }
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, wrong),
                         oid4vc::errors::kInvalidGrant, "now blocked"));
  EXPECT_EQ(OfferState(*offer), "burned");
  // The right PIN no longer helps.
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, offer->tx_code),
                         oid4vc::errors::kInvalidGrant, "blocked"));
  EXPECT_TRUE(FailsWith(GetOfferJson(*app_, offer->offer_id), ErrorCode::kNotFound));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'offer.burn'"), 1);
}

TEST_F(IssuanceTest, FewerWrongPinsThenTheRightOneStillWorks) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  for (int i = 0; i < kMaxPinFailures - 1; ++i) {
    EXPECT_FALSE(RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, WrongPin(offer->tx_code)).has_value());
  }
  EXPECT_FALSE(Redeem(*offer).empty());
}

TEST_F(IssuanceTest, BadAccessTokensAreInvalidToken401) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  const std::string token = Redeem(*offer);
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, "", kSkillSdJwtConfiguration, Holder(), Nonce()),
                         oid4vc::errors::kInvalidToken, "missing", 401));
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, "unknown", kSkillSdJwtConfiguration, Holder(), Nonce()),
                         oid4vc::errors::kInvalidToken, "unknown", 401));
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, offer->pre_authorized_code, kSkillSdJwtConfiguration, Holder(), Nonce()),
                         oid4vc::errors::kInvalidToken, "unknown", 401));
  clock_->Advance(kAccessTokenTtlSeconds);
  const std::string before = Snapshot();
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), Nonce()),
                         oid4vc::errors::kInvalidToken, "expired", 401));
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(IssuanceTest, UnknownConfigurationAndSecondIssueAreRefusedWithNothingWritten) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  const std::string token = Redeem(*offer);
  std::string before = Snapshot();
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, token, "SomeOtherCredential", Holder(), Nonce()),
                         oid4vc::errors::kUnknownCredentialConfiguration, "credential_configuration_id"));
  EXPECT_EQ(Snapshot(), before);
  ASSERT_TRUE(IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), Nonce()).has_value());
  before = Snapshot();
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), Nonce()),
                         oid4vc::errors::kCredentialRequestDenied, "already issued"));
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(IssuanceTest, NoncesAreSealedNotStoredAndExpire) {
  auto nonce = CreateNonce(*app_, vault_);
  ASSERT_TRUE(IsOk(nonce));
  EXPECT_EQ(nonce->size(), 86u);  // base64url of 24 (AEAD nonce) + 24 (expiry, random) + 16 (tag) bytes
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM nonces"), 0);  // the nonce endpoint writes nothing
  auto checked = CheckNonce(*app_, vault_, *nonce);
  ASSERT_TRUE(checked.has_value());
  EXPECT_EQ(checked->hash, encoding::HexEncode(crypto::Sha256(AsBytes(*nonce))));
  EXPECT_NE(*CreateNonce(*app_, vault_), *nonce);

  EXPECT_TRUE(OAuthFails(CheckNonce(*app_, vault_, "made-up"), oid4vc::errors::kInvalidNonce, "unknown"));
  EXPECT_TRUE(OAuthFails(CheckNonce(*app_, vault_, ""), oid4vc::errors::kInvalidNonce, "unknown"));
  EXPECT_TRUE(OAuthFails(CheckNonce(*app_, vault_, std::string(300, 'A')), oid4vc::errors::kInvalidNonce, "unknown"));
  // One changed character, or a nonce sealed under another KEK, does not open.
  std::string altered = *nonce;
  altered[40] = altered[40] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(OAuthFails(CheckNonce(*app_, vault_, altered), oid4vc::errors::kInvalidNonce, "unknown"));
  auto other_vault = KeyVault::FromKey(crypto::RandomSecret(32));
  ASSERT_TRUE(IsOk(other_vault));
  EXPECT_TRUE(OAuthFails(CheckNonce(*app_, *other_vault, *nonce), oid4vc::errors::kInvalidNonce, "unknown"));

  clock_->Advance(kNonceTtlSeconds - 1);
  EXPECT_TRUE(CheckNonce(*app_, vault_, *nonce).has_value());
  clock_->Advance(1);
  EXPECT_TRUE(OAuthFails(CheckNonce(*app_, vault_, *nonce), oid4vc::errors::kInvalidNonce, "expired"));
}

TEST_F(IssuanceTest, ANonceIsUsedUpOnlyByTheCredentialItWasUsedFor) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  const std::string token = Redeem(*offer);
  const CheckedNonce nonce = Nonce();
  // Refused for another reason first: the nonce stays usable.
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, token, "SomeOtherCredential", Holder(), nonce),
                         oid4vc::errors::kUnknownCredentialConfiguration, "configuration"));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM nonces"), 0);
  ASSERT_TRUE(IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), nonce).has_value());
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM nonces"), 1);
  // A replay of the same proof's nonce, even for the other configuration, issues nothing. (The
  // badge's signing key is made first: making it on first use is not what is tested here.)
  ASSERT_TRUE(IsOk(GetOrCreateIssuerKey(*app_, vault_, IssuerKeyPurpose::kDataIntegrity)));
  const auto before = Snapshot();
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, token, kSkillBadgeConfiguration, Holder(), nonce),
                         oid4vc::errors::kInvalidNonce, "used already"));
  EXPECT_EQ(Snapshot(), before);
  // With a fresh nonce it is issued; used nonces are forgotten once they have expired.
  ASSERT_TRUE(IssueCredential(*app_, vault_, token, kSkillBadgeConfiguration, Holder(), Nonce()).has_value());
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM nonces"), 2);
}

TEST_F(IssuanceTest, ANonceThatExpiresBeforeTheIssuanceTransactionIsRefusedThere) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  const CheckedNonce nonce = Nonce();          // checked while still valid...
  clock_->Advance(kNonceTtlSeconds - 100);
  const std::string token = Redeem(*offer);     // (a fresh access token: that is not what is tested)
  clock_->Advance(100);                         // ...and expired by the time issuance runs
  ASSERT_TRUE(IsOk(GetOrCreateIssuerKey(*app_, vault_, IssuerKeyPurpose::kSdJwt)));  // made on first use otherwise
  const auto before = Snapshot();
  EXPECT_TRUE(OAuthFails(IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), nonce),
                         oid4vc::errors::kInvalidNonce, "expired"));
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(IssuanceTest, OnlyTheOwnerOfAConfirmedClaimGetsAnOffer) {
  const std::int64_t confirmed = ConfirmedClaim();
  const std::string before = Snapshot();
  auto eva = CreateOfferForClaim(*app_, P("eva"), confirmed);
  EXPECT_TRUE(FailsWith(eva, ErrorCode::kPermissionDenied));
  if (!eva) {
    EXPECT_EQ(eva.error().message(), "only the owner of claim " + std::to_string(confirmed) +
                                                 " can have its credential issued");
  }
  EXPECT_TRUE(FailsWith(CreateOfferForClaim(*app_, P("anna"), confirmed), ErrorCode::kPermissionDenied));
  auto missing = CreateOfferForClaim(*app_, P("bob"), 9999);
  EXPECT_TRUE(FailsWith(missing, ErrorCode::kNotFound));
  if (!missing) {
    EXPECT_EQ(missing.error().message(), "claim 9999 not found");
  }
  EXPECT_EQ(Snapshot(), before);
  auto unconfirmed = CreateClaim(*app_, P("bob"), {"archiveren", 1, "", ""});
  ASSERT_TRUE(IsOk(unconfirmed));
  const std::string after_claim = Snapshot();
  auto refused = CreateOfferForClaim(*app_, P("bob"), unconfirmed->id);
  EXPECT_TRUE(FailsWith(refused, ErrorCode::kFailedPrecondition));
  if (!refused) {
    EXPECT_EQ(refused.error().message(), "claim " + std::to_string(unconfirmed->id) + " is private, not confirmed");
  }
  EXPECT_EQ(Snapshot(), after_claim);
}

TEST_F(IssuanceTest, ANewOfferCancelsTheOldOne) {
  const std::int64_t claim = ConfirmedClaim();
  auto first = CreateOfferForClaim(*app_, P("bob"), claim);
  ASSERT_TRUE(IsOk(first));
  auto second = CreateOfferForClaim(*app_, P("bob"), claim);
  ASSERT_TRUE(IsOk(second));
  EXPECT_NE(first->pre_authorized_code, second->pre_authorized_code);
  EXPECT_EQ(OfferState(*first), "cancelled");
  EXPECT_TRUE(OAuthFails(RedeemPreAuthorizedCode(*app_, first->pre_authorized_code, first->tx_code),
                         oid4vc::errors::kInvalidGrant, "replaced by a newer offer"));
  EXPECT_TRUE(FailsWith(GetOfferJson(*app_, first->offer_id), ErrorCode::kNotFound));
  EXPECT_FALSE(Redeem(*second).empty());
}

TEST_F(IssuanceTest, HrDirectOfferIssuesALegacyConfirmation) {
  auto offer = CreateDirectOffer(*app_, P("hanna").AuditActor(), {"E002", "archiveren", 3, "M002"});
  ASSERT_TRUE(IsOk(offer));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'offer.create' AND actor = 'person:" +
                               std::to_string(P("hanna").person_id) + "'"), 1);
  const std::string token = Redeem(*offer);
  auto issued = IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), Nonce());
  ASSERT_TRUE(issued.has_value()) << issued.error().description;
  auto parts = sdjwt::ParseSdJwt(issued->credential.get<std::string>());
  ASSERT_TRUE(IsOk(parts));
  auto metadata = BuildJwtVcIssuerMetadata(*app_);
  ASSERT_TRUE(IsOk(metadata));
  auto key = jose::PublicJwk::Parse(metadata->at("jwks").at("keys")[0]);
  ASSERT_TRUE(IsOk(key));
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = clock_.get();
  auto verified = sdjwt::VerifySdJwtVc(issued->credential.get<std::string>(), sdjwt::FixedIssuerKey(*key), policy);
  ASSERT_TRUE(IsOk(verified));
  const Json& c = verified->claims();
  EXPECT_EQ(c.at("skill").at("level"), 3);
  EXPECT_EQ(c.at("confirmation").at("method"), "legacy");
  EXPECT_EQ(c.at("confirmation").at("by").at("name"), "Carl Jansen");
  EXPECT_EQ(c.at("confirmation").at("by").at("role"), "manager");
  EXPECT_FALSE(c.at("confirmation").contains("endorsement"));
  EXPECT_FALSE(c.contains("self_assessment"));
  EXPECT_FALSE(c.contains("evidence"));
  EXPECT_EQ(c.at("holder").at("given_name"), "Dora");
  EXPECT_EQ(c.at("holder").at("family_name"), "Visser");

  auto badge = IssueCredential(*app_, vault_, token, kSkillBadgeConfiguration, Holder(), Nonce());
  ASSERT_TRUE(badge.has_value()) << badge.error().description;
  EXPECT_TRUE(IsOk(vc::ValidateOpenBadgeCredential(badge->credential)));

  // Bad input: each names what is wrong, nothing written.
  const std::string before = Snapshot();
  struct Case {
    DirectIssue input;
    ErrorCode code;
    std::string message;
  };
  for (const Case& bad : std::vector<Case>{
           {{"E002", "archiveren", 4, "M002"}, ErrorCode::kInvalidArgument, "level: must be 1, 2 or 3"},
           {{"E002", "archiveren", 0, "M002"}, ErrorCode::kInvalidArgument, "level: must be 1, 2 or 3"},
           {{"X999", "archiveren", 2, "M002"}, ErrorCode::kNotFound, "employee_number: no active person with that employee number"},
           {{"E002", "archiveren", 2, "X999"}, ErrorCode::kNotFound, "confirmed_by_number: no active person with that employee number"},
           {{"E002", "geen", 2, "M002"}, ErrorCode::kNotFound, "skill_id: no active skill 'geen'"},
           {{"E002", "oud", 2, "M002"}, ErrorCode::kNotFound, "skill_id: no active skill 'oud'"}}) {
    auto r = CreateDirectOffer(*app_, "cli", bad.input);
    EXPECT_TRUE(FailsWith(r, bad.code)) << bad.message;
    if (!r) {
      EXPECT_EQ(r.error().message(), bad.message);
    }
  }
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(IssuanceTest, EightThreadsRedeemingOneCodeGetExactlyOneToken) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  std::atomic<int> ok{0};
  std::atomic<int> used{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = RedeemPreAuthorizedCode(*app_, offer->pre_authorized_code, offer->tx_code);
      if (r) ++ok;
      else if (r.error().error == oid4vc::errors::kInvalidGrant) ++used;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(used.load(), 7);
}

TEST_F(IssuanceTest, EightThreadsIssuingWithOneTokenGetExactlyOneCredential) {
  auto offer = CreateOfferForClaim(*app_, P("bob"), ConfirmedClaim());
  ASSERT_TRUE(IsOk(offer));
  const std::string token = Redeem(*offer);
  std::atomic<int> ok{0};
  std::atomic<int> denied{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = IssueCredential(*app_, vault_, token, kSkillSdJwtConfiguration, Holder(), Nonce());
      if (r) ++ok;
      else if (r.error().error == oid4vc::errors::kCredentialRequestDenied) ++denied;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(denied.load(), 7);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credentials"), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM status_entries"), 3);
}

TEST_F(IssuanceTest, EveryCredentialHasDistinctStatusIndexes) {
  std::set<std::string> seen;
  for (const char* who : {"bob", "eva"}) {
    auto offer = CreateOfferForClaim(*app_, P(who), ConfirmedClaim(who));
    ASSERT_TRUE(IsOk(offer));
    const std::string token = Redeem(*offer);
    for (std::string_view configuration : {kSkillSdJwtConfiguration, kSkillBadgeConfiguration}) {
      ASSERT_TRUE(IssueCredential(*app_, vault_, token, configuration, Holder(), Nonce()).has_value());
    }
  }
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credentials"), 4);
  auto rows = app_->db().Query("SELECT credential_id, list_id, idx FROM status_entries");
  ASSERT_TRUE(IsOk(rows));
  EXPECT_EQ(rows->size(), 12u);
  for (const store::Row& r : *rows) {
    EXPECT_TRUE(seen.insert(std::to_string(r.Int(1)) + ":" + std::to_string(r.Int(2))).second);
  }
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(DISTINCT credential_id) FROM status_entries"), 4);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM status_entries s LEFT JOIN credentials c ON c.id = s.credential_id "
                           "WHERE c.id IS NULL"), 0);
}

TEST_F(IssuanceTest, GivenCredentialIsSignedByTheIssuerDidWithBothStatusEntries) {
  const Json given = Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:example:someone-else",
    "credentialSubject": {"id": "did:example:holder"}
  })");
  auto issued = IssueGivenCredential(*app_, vault_, "vcalm:test", given, true);
  ASSERT_TRUE(IsOk(issued));
  const Json& vc = issued->credential;
  EXPECT_EQ(issued->format, "ldp_vc");
  EXPECT_TRUE(issued->credential_id.starts_with("urn:uuid:"));
  EXPECT_EQ(vc.at("id"), issued->credential_id);
  EXPECT_EQ(vc.at("issuer"), "did:web:skills.gemeente-voorbeeld.example");
  EXPECT_EQ(vc.at("validFrom"), app_->Now());
  ASSERT_EQ(vc.at("credentialStatus").size(), 2u);
  EXPECT_EQ(vc.at("credentialStatus")[1].at("statusPurpose"), "suspension");
  EXPECT_EQ(vc.at("proof").at("cryptosuite"), "eddsa-rdfc-2022");
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credentials WHERE configuration_id = 'vcalm' AND person_id IS NULL"), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM status_entries"), 3);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'credential.issue' AND actor = 'vcalm:test'"), 1);

  auto without = IssueGivenCredential(*app_, vault_, "vcalm:test", given, false);
  ASSERT_TRUE(IsOk(without));
  EXPECT_FALSE(without->credential.contains("credentialStatus"));

  const std::string before = Snapshot();
  Json with_proof = given;
  with_proof["proof"] = Json::object();
  Json no_subject = given;
  no_subject.erase("credentialSubject");
  Json duplicate = given;
  duplicate["id"] = issued->credential_id;
  struct Case {
    Json credential;
    ErrorCode code;
    std::string message_part;
  };
  for (const Case& bad : std::vector<Case>{{Json::array(), ErrorCode::kInvalidArgument, "credential: must be a JSON object"},
                                           {with_proof, ErrorCode::kInvalidArgument, "credential.proof: must be absent"},
                                           {no_subject, ErrorCode::kInvalidArgument, "credentialSubject"},
                                           {duplicate, ErrorCode::kAlreadyExists, "credential.id: a credential with this id"}}) {
    auto r = IssueGivenCredential(*app_, vault_, "vcalm:test", bad.credential, true);
    EXPECT_TRUE(FailsWith(r, bad.code)) << bad.message_part;
    if (!r) {
      EXPECT_NE(r.error().message().find(bad.message_part), std::string::npos) << r.error().message();
    }
  }
  EXPECT_EQ(Snapshot(), before);
}

TEST(CredentialBuilder, NamesSplitAndRenewalDates) {
  EXPECT_EQ(SplitPersonName("Anna de Vries"), (std::pair<std::string, std::string>{"Anna", "de Vries"}));
  EXPECT_EQ(SplitPersonName("  Ivo  "), (std::pair<std::string, std::string>{"Ivo", ""}));
  IssuerSettings settings;
  settings.renewal_years = 3;
  // 2028-02-29T12:00:00Z + 3 years → 2031-02-28T12:00:00Z.
  EXPECT_EQ(FormatUtc(CredentialTimesFor(settings, 1835438400).valid_until), "2031-02-28T12:00:00Z");
  EXPECT_EQ(FormatUtc(CredentialTimesFor(settings, 1795000000).valid_until), FormatUtc(1795000000).replace(0, 4, "2029"));
  const std::string id = NewCredentialId();
  EXPECT_EQ(id.size(), 45u);
  EXPECT_EQ(id[23], '4');
}

}  // namespace
}  // namespace vaardig::issuer
