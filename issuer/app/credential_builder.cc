#include "issuer/app/credential_builder.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/proof.h"
#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"
#include "core/oid4vc/offer.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/vc/open_badges.h"
#include "core/vc/skill_badge.h"

namespace vaardig::issuer {
namespace {

struct LevelLabel {
  const char* nl;
  const char* en;
};

// DESIGN.md §3.
constexpr std::array<LevelLabel, 3> kLevelLabels = {{
    {"met hulp", "with help"},
    {"zelfstandig", "independently"},
    {"kan het anderen leren", "can teach others"},
}};

LevelLabel LabelOf(int level) {
  if (level < 1 || level > 3) return {"", ""};
  return kLevelLabels[static_cast<std::size_t>(level - 1)];
}

Result<crypto::Sha256Digest> DigestFromHex(const std::string& hex, const std::string& what) {
  auto bytes = encoding::HexDecode(hex);
  crypto::Sha256Digest digest{};
  if (!bytes || bytes->size() != digest.size()) {
    return Fail(ErrorCode::kDataLoss, what + ": the stored SHA-256 is not 64 hex digits");
  }
  std::copy(bytes->begin(), bytes->end(), digest.begin());
  return digest;
}

std::string ManagerProfileId(const SkillFacts& facts) {
  // The endorser's key as did:jwk ties the source Profile to the key that signed the statement.
  if (facts.endorser_key) return did::CreateDidJwk(*facts.endorser_key);
  return "urn:vaardig:employee:" + oid4vc::PercentEncode(facts.confirmer_number);
}

std::string ManagerDescription(const SkillFacts& facts) {
  if (facts.method == kMethodEndorsement) {
    return "Bevestigd met een ondertekende verklaring (vaardig-endorsement, ES256, sleutel " +
           (facts.endorser_key ? facts.endorser_key->Thumbprint() : std::string("onbekend")) +
           "); SHA-256 van de verklaring: " + JwsPayloadSha256(facts.endorsement_jws);
  }
  return "Bevestigd buiten Vaardig (eerder vastgelegd, bijvoorbeeld in een skillspaspoort).";
}

std::string CriteriaNarrative(const SkillFacts& facts) {
  const LevelLabel label = LabelOf(facts.level);
  std::string text = "Niveau " + std::to_string(facts.level) + " (" + label.nl + " / " + label.en +
                     "), bevestigd door " + facts.confirmer_name + " (" + facts.confirmer_role + ")";
  text += facts.method == kMethodEndorsement ? " na beoordeling in Vaardig." : " buiten Vaardig.";
  return text;
}

}  // namespace

CredentialTimes CredentialTimesFor(const IssuerSettings& settings, std::int64_t issued_at) {
  using namespace std::chrono;
  const sys_seconds at{seconds(issued_at)};
  const sys_days day = floor<days>(at);
  const seconds time_of_day = at - day;
  year_month_day ymd{day};
  ymd += years(settings.renewal_years);
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;  // 29 February in a common year
  return {issued_at, (sys_days{ymd} + time_of_day).time_since_epoch().count()};
}

std::pair<std::string, std::string> SplitPersonName(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  const auto space = name.find(' ');
  if (space == std::string_view::npos) return {std::string(name), ""};
  std::string_view family = name.substr(space + 1);
  while (!family.empty() && family.front() == ' ') family.remove_prefix(1);
  return {std::string(name.substr(0, space)), std::string(family)};
}

std::string SkillCatalogueUri(const IssuerSettings& settings, std::string_view skill_id) {
  return CredentialIssuerId(settings) + "/skills/" + oid4vc::PercentEncode(skill_id);
}

std::string JwsPayloadSha256(std::string_view jws) {
  const auto first = jws.find('.');
  if (first == std::string_view::npos) return "";
  const auto second = jws.find('.', first + 1);
  if (second == std::string_view::npos) return "";
  auto payload = encoding::Base64UrlDecode(jws.substr(first + 1, second - first - 1));
  if (!payload) return "";
  return encoding::HexEncode(crypto::Sha256(*payload));
}

std::string HolderDid(const HolderKey& holder) {
  return holder.did ? *holder.did : did::CreateDidJwk(holder.jwk);
}

std::string NewCredentialId() {
  Bytes b = crypto::RandomBytes(16);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 9562 variant
  const std::string hex = encoding::HexEncode(b);
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

Json SkillSdJwtClaims(const IssuerSettings& settings, const SkillFacts& facts, const jose::PublicJwk& holder_key,
                      const status::StatusListReference& status, const CredentialTimes& times) {
  const std::string issuer = CredentialIssuerId(settings);
  const LevelLabel label = LabelOf(facts.level);
  Json claims = Json::object();
  claims["iss"] = issuer;
  claims["iat"] = times.issued_at;
  claims["exp"] = times.valid_until;
  claims["vct"] = issuer + std::string(sdjwt::kSkillVctPath);
  claims["cnf"] = Json{{"jwk", holder_key.ToJson()}};
  claims["status"] = status::MakeStatusClaim(status);

  Json skill = Json::object();
  skill["id"] = SkillCatalogueUri(settings, facts.skill_id);
  skill["name"] = Json{{"nl", facts.skill_name_nl}, {"en", facts.skill_name_en}};
  if (!facts.esco_uri.empty()) skill["esco"] = facts.esco_uri;
  if (!facts.competentnl_uri.empty()) skill["competentnl"] = facts.competentnl_uri;
  skill["level"] = facts.level;
  skill["level_label"] = Json{{"nl", label.nl}, {"en", label.en}};
  // The catalogue's area (Dutch only: the catalogue has no English areas), so wallets can group.
  if (!facts.area.empty()) skill["area"] = Json{{"nl", facts.area}};
  claims["skill"] = std::move(skill);

  Json confirmation = Json::object();
  confirmation["status"] = "confirmed";
  confirmation["by"] = Json{{"name", facts.confirmer_name}, {"role", facts.confirmer_role}};
  confirmation["at"] = facts.confirmed_at;
  confirmation["method"] = facts.method;
  if (!facts.endorsement_jws.empty()) confirmation["endorsement"] = facts.endorsement_jws;
  claims["confirmation"] = std::move(confirmation);

  if (facts.self_level) claims["self_assessment"] = Json{{"level", *facts.self_level}};
  if (!facts.evidence.empty()) {
    Json evidence = Json::array();
    for (const auto& [name, sha256] : facts.evidence) evidence.push_back(Json{{"name", name}, {"sha256", sha256}});
    claims["evidence"] = std::move(evidence);
  }
  const auto [given, family] = SplitPersonName(facts.holder_name);
  Json holder = Json::object();
  holder["given_name"] = given;
  if (!family.empty()) holder["family_name"] = family;
  claims["holder"] = std::move(holder);
  const std::string employer_id = settings.organisation_id.empty() ? issuer : settings.organisation_id;
  claims["employer"] = Json{{"name", settings.organisation_name}, {"id", employer_id}};
  return claims;
}

Result<std::string> SignSkillSdJwt(const IssuerSettings& settings, const SkillFacts& facts, const HolderKey& holder,
                                   const StatusAllocation& status, const CredentialTimes& times,
                                   const IssuerSigningKey& key) {
  const Json claims = SkillSdJwtClaims(settings, facts, holder.jwk, status.token, times);
  sdjwt::SdJwtVcIssueOptions options;
  options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
  options.kid = key.kid;
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::IssuedSdJwt issued, sdjwt::IssueSdJwtVc(claims, key.key, options));
  return issued.Compact();
}

Result<Json> SignSkillBadge(const IssuerSettings& settings, const SkillFacts& facts, const HolderKey& holder,
                            const StatusAllocation& status, const CredentialTimes& times,
                            const IssuerSigningKey& key, const std::string& credential_id) {
  if (!key.ed25519) return Fail(ErrorCode::kInternal, "the data-integrity key is not an Ed25519 key");
  VAARDIG_ASSIGN_OR_RETURN(std::string issuer_did, IssuerDid(settings));
  vc::SkillBadgeInput in;
  in.credential_id = credential_id;
  in.issuer = {issuer_did, settings.organisation_name, CredentialIssuerId(settings)};
  in.valid_from = FormatUtc(times.issued_at);
  in.valid_until = FormatUtc(times.valid_until);
  in.holder_did = HolderDid(holder);
  in.skill_id = SkillCatalogueUri(settings, facts.skill_id);
  in.skill_name = facts.skill_name_nl;
  in.skill_description = facts.skill_description_nl.empty() ? facts.skill_name_nl : facts.skill_description_nl;
  in.criteria_narrative = CriteriaNarrative(facts);
  in.esco_uri = facts.esco_uri;
  in.esco_name = facts.skill_name_en;  // ESCO's preferred labels are English
  in.competentnl_uri = facts.competentnl_uri;
  in.competentnl_name = facts.skill_name_nl;
  if (!facts.area.empty()) in.tags = {facts.area};
  in.level = facts.level;
  in.manager = {ManagerProfileId(facts), facts.confirmer_name, std::nullopt};
  in.manager_description = ManagerDescription(facts);
  for (const auto& [name, sha256] : facts.evidence) {
    vc::BadgeEvidence evidence;
    evidence.name = name;
    VAARDIG_ASSIGN_OR_RETURN(evidence.sha256, DigestFromHex(sha256, "evidence " + name));
    in.evidence.push_back(std::move(evidence));
  }
  in.status = status.revocation;
  in.more_status = {status.suspension};
  const Json badge = vc::MakeSkillBadge(in);
  if (auto valid = vc::ValidateOpenBadgeCredential(badge); !valid) {
    return Fail(ErrorCode::kInternal, "the skill badge does not validate: " + valid.error().message());
  }
  dataintegrity::ProofOptions options;
  options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
  options.verification_method = key.verification_method;
  options.proof_purpose = "assertionMethod";
  options.created = FormatUtc(times.issued_at);
  return dataintegrity::AddProof(badge, options, *key.ed25519);
}

}  // namespace vaardig::issuer
