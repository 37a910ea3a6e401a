// The Vaardig skill badge (DESIGN.md §4.2): it validates as an OpenBadgeCredential, canonicalizes
// in JSON-LD safe mode with the bundled contexts only, and an eddsa-rdfc-2022 proof added to it
// verifies (and stops verifying when a claim changes).
#include "core/vc/skill_badge.h"

#include <gtest/gtest.h>

#include <string>

#include "core/common/clock.h"
#include "core/crypto/ed25519.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/vc/open_badges.h"
#include "core/w3c/jsonld.h"
#include "tests/vc/test_util.h"

namespace vaardig::vc {
namespace {

using testutil::FailsWith;
using testutil::FailsWithMessage;
using testutil::IsOk;

constexpr char kEscoUri[] = "http://data.europa.eu/esco/skill/0b2d6a8a-7f4c-4d6f-8c2a-3f6d1c5e9b10";
constexpr char kCompetentNlUri[] = "https://competentnl.nl/id/skill/klantgesprekken-voeren";

SkillBadgeInput Input() {
  SkillBadgeInput input;
  input.credential_id = "urn:uuid:6a1c5f1e-2f5b-4c8e-9d0a-1b2c3d4e5f60";
  input.issuer = {"did:web:werkgever.example", "Werkgever BV", std::string("https://werkgever.example")};
  input.valid_from = "2026-11-23T10:00:00Z";
  input.valid_until = "2029-11-23T10:00:00Z";
  input.holder_did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
  input.skill_id = "https://vaardig.example/catalogus/skills/klantgesprekken-voeren";
  input.skill_name = "Klantgesprekken voeren";
  input.skill_description = "Voert gesprekken met klanten en legt afspraken vast.";
  input.criteria_narrative = "Bevestigd door de leidinggevende na drie begeleide klantgesprekken.";
  input.esco_uri = kEscoUri;
  input.esco_name = "communicate with customers";
  input.competentnl_uri = kCompetentNlUri;
  input.competentnl_name = "Klantgesprekken voeren";
  input.level = 2;
  input.manager = {"did:web:werkgever.example:medewerkers:m-de-vries", "M. de Vries", std::nullopt};
  BadgeEvidence report;
  report.name = "Gespreksverslag";
  report.sha256.fill(0xab);
  report.narrative = "Verslag van het derde klantgesprek.";
  input.evidence.push_back(report);
  input.status.id = "https://werkgever.example/status/1#94567";
  input.status.status_purpose = "revocation";
  input.status.status_list_index = 94567;
  input.status.status_list_credential = "https://werkgever.example/status/1";
  return input;
}

Json ManagerEndorsement() {
  return Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2",
                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "type": ["VerifiableCredential", "EndorsementCredential"],
    "name": "Bevestiging door de leidinggevende",
    "issuer": {"id": "did:web:werkgever.example:medewerkers:m-de-vries", "type": ["Profile"],
               "name": "M. de Vries"},
    "validFrom": "2026-11-23T09:55:00Z",
    "credentialSubject": {"id": "https://vaardig.example/catalogus/skills/klantgesprekken-voeren",
                          "type": ["EndorsementSubject"],
                          "endorsementComment": "Zelfstandig, gezien in drie gesprekken."}
  })");
}

TEST(SkillBadge, HasTheShapeOfDesign42) {
  const Json badge = MakeSkillBadge(Input());
  EXPECT_EQ(badge["@context"],
            Json::array({"https://www.w3.org/ns/credentials/v2",
                         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}));
  EXPECT_EQ(badge["type"], Json::array({"VerifiableCredential", "OpenBadgeCredential"}));
  const Json& subject = badge["credentialSubject"];
  EXPECT_EQ(subject["id"], Input().holder_did);
  const Json& achievement = subject["achievement"];
  EXPECT_EQ(achievement["id"], Input().skill_id);
  EXPECT_EQ(achievement["achievementType"], "Competency");
  EXPECT_EQ(achievement["alignment"][0]["targetFramework"], "ESCO");
  EXPECT_EQ(achievement["alignment"][0]["targetType"], "ext:ESCOAlignment");
  EXPECT_EQ(achievement["alignment"][0]["targetUrl"], kEscoUri);
  EXPECT_EQ(achievement["alignment"][1]["targetFramework"], "CompetentNL");
  EXPECT_EQ(achievement["alignment"][1]["targetUrl"], kCompetentNlUri);
  const Json& scale = achievement["resultDescription"][0];
  EXPECT_EQ(scale["resultType"], "RubricCriterionLevel");
  ASSERT_EQ(scale["rubricCriterionLevel"].size(), 3u);
  EXPECT_EQ(scale["rubricCriterionLevel"][1]["id"], "urn:vaardig:scale:independence:2");
  EXPECT_EQ(scale["rubricCriterionLevel"][1]["name"], "independently");
  EXPECT_EQ(scale["rubricCriterionLevel"][1]["description"], "zelfstandig");
  EXPECT_EQ(subject["result"][0]["achievedLevel"], "urn:vaardig:scale:independence:2");
  EXPECT_EQ(subject["source"]["name"], "M. de Vries");
  // SHA-256 of 32 bytes 0xab, as SRI: base64 of the digest.
  EXPECT_EQ(badge["evidence"][0]["digestSRI"], "sha256-q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=");
  EXPECT_EQ(badge["credentialStatus"]["type"], "BitstringStatusListEntry");
  EXPECT_EQ(badge["credentialStatus"]["statusListIndex"], "94567");
  EXPECT_FALSE(badge.contains("endorsement"));
}

TEST(SkillBadge, ValidatesAsAnOpenBadgeCredential) {
  auto credential = ValidateOpenBadgeCredential(MakeSkillBadge(Input()));
  ASSERT_THAT(credential, IsOk());
  EXPECT_EQ(credential->issuer.id, "did:web:werkgever.example");
  SkillBadgeInput with_endorsement = Input();
  with_endorsement.endorsements.push_back(ManagerEndorsement());
  EXPECT_THAT(ValidateOpenBadgeCredential(MakeSkillBadge(with_endorsement)), IsOk());
  SkillBadgeInput bare = Input();
  bare.evidence.clear();
  bare.competentnl_uri.clear();
  bare.valid_until.reset();
  EXPECT_THAT(ValidateOpenBadgeCredential(MakeSkillBadge(bare)), IsOk());
}

TEST(SkillBadge, BadInputsFailValidation) {
  SkillBadgeInput level = Input();
  level.level = 4;
  EXPECT_THAT(ValidateOpenBadgeCredential(MakeSkillBadge(level)),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("credentialSubject.result[0].achievedLevel: names no "
                                           "rubricCriterionLevel of the achievement")));
  SkillBadgeInput esco = Input();
  esco.esco_uri = "esco/skill/1";
  EXPECT_THAT(ValidateOpenBadgeCredential(MakeSkillBadge(esco)),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("credentialSubject.achievement.alignment[0].targetUrl: not an "
                                           "absolute URL")));
  SkillBadgeInput holder = Input();
  holder.holder_did = "";
  EXPECT_THAT(ValidateOpenBadgeCredential(MakeSkillBadge(holder)),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("credentialSubject.id: not an absolute URL")));
  SkillBadgeInput dates = Input();
  dates.valid_until = "2020-01-01T00:00:00Z";
  EXPECT_THAT(ValidateOpenBadgeCredential(MakeSkillBadge(dates)),
              FailsWithMessage(ErrorCode::kInvalidArgument, std::string("validUntil: is before validFrom")));
}

w3c::JsonLdOptions SafeMode() {
  w3c::JsonLdOptions options;
  options.safe_mode = true;
  return options;
}

TEST(SkillBadge, CanonicalizesInSafeModeWithTheBundledContexts) {
  SkillBadgeInput input = Input();
  input.endorsements.push_back(ManagerEndorsement());
  auto canonical = w3c::CanonicalizeJsonLd(MakeSkillBadge(input), SafeMode());
  ASSERT_THAT(canonical, IsOk());
  const std::string& nquads = canonical->nquads;
  EXPECT_NE(nquads.find("\"ext:ESCOAlignment\""), std::string::npos);
  // The OB 3.0.3 context types targetUrl as https://www.w3.org/2001/XMLSchema#anyURI (sic, https).
  EXPECT_NE(nquads.find(std::string("\"") + kEscoUri + "\"^^<https://www.w3.org/2001/XMLSchema#anyURI>"),
            std::string::npos);
  EXPECT_NE(nquads.find("<https://www.w3.org/2018/credentials#digestSRI> \"sha256-"), std::string::npos);
  EXPECT_NE(nquads.find("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievedLevel> "
                        "\"urn:vaardig:scale:independence:2\""),
            std::string::npos);
  EXPECT_NE(nquads.find("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementSubject>"),
            std::string::npos);
}

TEST(SkillBadge, SafeModeRefusesATermTheContextsDoNotDefine) {
  // The control for the test above: safe mode does reject what would be dropped unsigned.
  Json badge = MakeSkillBadge(Input());
  badge["credentialSubject"]["skillLevel"] = 2;
  auto canonical = w3c::CanonicalizeJsonLd(badge, SafeMode());
  ASSERT_THAT(canonical, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_NE(canonical.error().message().find("safe mode"), std::string::npos) << canonical.error();
}

TEST(SkillBadge, OneStatusEntryIsAnObjectAndMoreMakeAnArray) {
  const Json single = MakeSkillBadge(Input());
  ASSERT_TRUE(single["credentialStatus"].is_object());

  SkillBadgeInput input = Input();
  status::BitstringStatusEntry suspension;
  suspension.id = "https://werkgever.example/status/2#1234";
  suspension.status_purpose = "suspension";
  suspension.status_list_index = 1234;
  suspension.status_list_credential = "https://werkgever.example/status/2";
  input.more_status.push_back(suspension);
  const Json badge = MakeSkillBadge(input);
  const Json& entries = badge["credentialStatus"];
  ASSERT_TRUE(entries.is_array());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["statusPurpose"], "revocation");
  EXPECT_EQ(entries[0]["statusListIndex"], "94567");
  EXPECT_EQ(entries[1]["statusPurpose"], "suspension");
  EXPECT_EQ(entries[1]["statusListIndex"], "1234");
  EXPECT_EQ(entries[1]["statusListCredential"], "https://werkgever.example/status/2");
  EXPECT_THAT(ValidateOpenBadgeCredential(badge), IsOk());
  EXPECT_THAT(w3c::CanonicalizeJsonLd(badge, SafeMode()), IsOk());
}

TEST(SkillBadge, ManagerDescriptionGoesIntoTheSourceProfile) {
  EXPECT_FALSE(MakeSkillBadge(Input())["credentialSubject"]["source"].contains("description"));
  SkillBadgeInput input = Input();
  input.manager_description = "statement sha256 abc";
  const Json badge = MakeSkillBadge(input);
  EXPECT_EQ(badge["credentialSubject"]["source"]["description"], "statement sha256 abc");
  EXPECT_THAT(ValidateOpenBadgeCredential(badge), IsOk());
  EXPECT_THAT(w3c::CanonicalizeJsonLd(badge, SafeMode()), IsOk());
}

TEST(SkillBadge, AnEddsaRdfcProofVerifiesAndAChangedBadgeDoesNot) {
  const crypto::Ed25519PrivateKey key = crypto::Ed25519PrivateKey::Generate();
  const std::string multikey = dataintegrity::EncodeEd25519Multikey(key.public_key());
  const std::string method = "did:key:" + multikey + "#" + multikey;
  SkillBadgeInput input = Input();
  input.endorsements.push_back(ManagerEndorsement());
  dataintegrity::ProofOptions options;
  options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
  options.verification_method = method;
  options.created = "2026-11-23T10:00:00Z";
  auto secured = dataintegrity::AddProof(MakeSkillBadge(input), options, key);
  ASSERT_THAT(secured, IsOk());
  // Still a valid badge with its proof.
  EXPECT_THAT(ValidateOpenBadgeCredential(*secured), IsOk());

  const dataintegrity::VerificationKeyLookup lookup =
      [&](std::string_view vm, std::string_view) -> Result<crypto::Ed25519PublicKey> {
    if (vm != method) return Fail(ErrorCode::kNotFound, "unknown verification method");
    return key.public_key();
  };
  static const FixedClock clock(1'800'000'000);
  dataintegrity::VerifyPolicy policy;
  policy.clock = &clock;
  auto verified = dataintegrity::VerifyProofs(*secured, lookup, {}, policy);
  ASSERT_THAT(verified, IsOk());
  EXPECT_TRUE(verified->verified()) << verified->status().error();

  Json changed = *secured;
  changed["credentialSubject"]["result"][0]["achievedLevel"] = SkillLevelId(3);
  EXPECT_THAT(ValidateOpenBadgeCredential(changed), IsOk());  // well-formed, but not what was signed
  auto rejected = dataintegrity::VerifyProofs(changed, lookup, {}, policy);
  ASSERT_THAT(rejected, IsOk());
  EXPECT_FALSE(rejected->verified());
  EXPECT_THAT(rejected->status(), FailsWith(ErrorCode::kUnauthenticated));
}

}  // namespace
}  // namespace vaardig::vc
