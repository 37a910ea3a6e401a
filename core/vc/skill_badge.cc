#include "core/vc/skill_badge.h"

#include <array>
#include <utility>

#include "core/common/bytes.h"
#include "core/encoding/base64url.h"
#include "core/vc/credential.h"
#include "core/vc/open_badges.h"

namespace vaardig::vc {
namespace {

struct LevelLabel {
  const char* english;
  const char* dutch;
};

// DESIGN.md §3: one scale, "how independently".
constexpr std::array<LevelLabel, 3> kLevels = {{
    {"with help", "met hulp"},
    {"independently", "zelfstandig"},
    {"can teach others", "kan het anderen leren"},
}};

Json MakeProfile(const BadgeProfile& profile) {
  Json out = Json::object();
  out["id"] = profile.id;
  out["type"] = Json::array({"Profile"});
  out["name"] = profile.name;
  if (profile.url) out["url"] = *profile.url;
  return out;
}

Json MakeAlignment(const std::string& url, const std::string& name, std::string_view framework,
                   std::string_view target_type) {
  Json out = Json::object();
  out["type"] = Json::array({"Alignment"});
  out["targetName"] = name;
  out["targetUrl"] = url;
  out["targetFramework"] = framework;
  out["targetType"] = target_type;
  return out;
}

Json MakeLevelScale() {
  Json levels = Json::array();
  for (std::size_t i = 0; i < kLevels.size(); ++i) {
    const int level = static_cast<int>(i) + 1;
    Json entry = Json::object();
    entry["id"] = SkillLevelId(level);
    entry["type"] = Json::array({"RubricCriterionLevel"});
    entry["name"] = kLevels[i].english;
    entry["description"] = kLevels[i].dutch;
    entry["level"] = std::to_string(level);
    levels.push_back(std::move(entry));
  }
  Json scale = Json::object();
  scale["id"] = kLevelScaleId;
  scale["type"] = Json::array({"ResultDescription"});
  scale["name"] = "Level of independence";
  scale["resultType"] = "RubricCriterionLevel";
  scale["rubricCriterionLevel"] = std::move(levels);
  return scale;
}

Json MakeEvidence(const BadgeEvidence& evidence) {
  Json out = Json::object();
  if (evidence.id) out["id"] = *evidence.id;
  out["type"] = Json::array({"Evidence"});
  out["name"] = evidence.name;
  if (evidence.narrative) out["narrative"] = *evidence.narrative;
  // VCDM 2.0 §5.3: digestSRI holds a Subresource Integrity hash expression.
  out["digestSRI"] =
      "sha256-" + encoding::Base64Encode(ByteView(evidence.sha256.data(), evidence.sha256.size()));
  return out;
}

}  // namespace

std::string SkillLevelId(int level) {
  return std::string(kLevelScaleId) + ":" + std::to_string(level);
}

Json MakeSkillBadge(const SkillBadgeInput& input) {
  Json achievement = Json::object();
  achievement["id"] = input.skill_id;
  achievement["type"] = Json::array({"Achievement"});
  achievement["achievementType"] = "Competency";
  achievement["name"] = input.skill_name;
  achievement["description"] = input.skill_description;
  achievement["criteria"] = Json{{"narrative", input.criteria_narrative}};
  if (!input.tags.empty()) achievement["tag"] = input.tags;
  Json alignments = Json::array();
  if (!input.esco_uri.empty()) {
    alignments.push_back(
        MakeAlignment(input.esco_uri, input.esco_name, "ESCO", "ext:ESCOAlignment"));
  }
  if (!input.competentnl_uri.empty()) {
    alignments.push_back(MakeAlignment(input.competentnl_uri, input.competentnl_name, "CompetentNL",
                                       "ext:CompetentNLAlignment"));
  }
  if (!alignments.empty()) achievement["alignment"] = std::move(alignments);
  achievement["resultDescription"] = Json::array({MakeLevelScale()});

  Json result = Json::object();
  result["type"] = Json::array({"Result"});
  result["resultDescription"] = kLevelScaleId;
  result["achievedLevel"] = SkillLevelId(input.level);

  Json subject = Json::object();
  subject["id"] = input.holder_did;
  subject["type"] = Json::array({"AchievementSubject"});
  subject["achievement"] = std::move(achievement);
  subject["result"] = Json::array({std::move(result)});
  subject["source"] = MakeProfile(input.manager);
  if (input.manager_description) subject["source"]["description"] = *input.manager_description;

  Json badge = Json::object();
  badge["@context"] = Json::array({kCredentialsV2Context, kOpenBadgesContext303});
  badge["id"] = input.credential_id;
  badge["type"] = Json::array({"VerifiableCredential", "OpenBadgeCredential"});
  badge["name"] = input.skill_name;
  badge["issuer"] = MakeProfile(input.issuer);
  badge["validFrom"] = input.valid_from;
  if (input.valid_until) badge["validUntil"] = *input.valid_until;
  badge["credentialSubject"] = std::move(subject);
  if (!input.evidence.empty()) {
    Json evidence = Json::array();
    for (const BadgeEvidence& item : input.evidence) evidence.push_back(MakeEvidence(item));
    badge["evidence"] = std::move(evidence);
  }
  if (!input.endorsements.empty()) badge["endorsement"] = input.endorsements;
  if (input.more_status.empty()) {
    badge["credentialStatus"] = status::MakeBitstringStatusEntry(input.status);
  } else {
    Json entries = Json::array({status::MakeBitstringStatusEntry(input.status)});
    for (const status::BitstringStatusEntry& entry : input.more_status) {
      entries.push_back(status::MakeBitstringStatusEntry(entry));
    }
    badge["credentialStatus"] = std::move(entries);
  }
  return badge;
}

}  // namespace vaardig::vc
