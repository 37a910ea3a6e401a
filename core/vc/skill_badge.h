// The Vaardig skill badge: an Open Badges 3.0 OpenBadgeCredential (DESIGN.md §4.2) for one
// confirmed skill at one level of the scale of DESIGN.md §3.
//
//   @context      VC 2.0, OB 3.0.3 (both bundled, so the badge canonicalizes offline)
//   type          VerifiableCredential, OpenBadgeCredential
//   issuer        the employer's Profile; validFrom / validUntil
//   credentialSubject (AchievementSubject, id = the holder's DID)
//     achievement  id = the catalogue URI, achievementType Competency, criteria.narrative,
//                  alignment[] to ESCO (targetFramework "ESCO", targetType "ext:ESCOAlignment",
//                  as edubadges does) and to CompetentNL ("ext:CompetentNLAlignment"),
//                  resultDescription: the level scale as resultType RubricCriterionLevel with the
//                  three levels of DESIGN.md §3 (ids kLevelScaleId + ":1" .. ":3")
//     result[0]    achievedLevel = the level's id
//     source       the confirming manager's Profile (with manager_description as its description)
//   evidence[]     name, optional narrative / id, and the SHA-256 of the file as VCDM 2.0 §5.3
//                  digestSRI ("sha256-<base64>")
//   endorsement[]  the manager's EndorsementCredentials as given (optional)
//   credentialStatus a BitstringStatusListEntry (status::MakeBitstringStatusEntry), or an array of
//                  them when more_status is given
//
// Every member is a term of the VC 2.0 or OB 3.0.3 contexts, so the badge passes JSON-LD safe
// mode. The "ext:" values are plain string literals there (targetType is not @vocab-typed; the
// OB 3.0.3 context defines no "ext" prefix), so they need none.
//
// MakeSkillBadge does not validate: a caller passes the result to ValidateOpenBadgeCredential
// (open_badges.h) before signing, which rejects, e.g., a level outside 1..3 (its achievedLevel
// then names no level) or an empty or relative URI. Pure function, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/hash.h"
#include "core/encoding/json.h"
#include "core/status/bitstring_status_list.h"

namespace vaardig::vc {

// The one level scale (DESIGN.md §3) as a ResultDescription id; level n is "<id>:<n>".
inline constexpr std::string_view kLevelScaleId = "urn:vaardig:scale:independence";

struct BadgeProfile {
  std::string id;  // a URL or DID
  std::string name;
  std::optional<std::string> url;  // a home page
};

struct BadgeEvidence {
  std::string name;
  crypto::Sha256Digest sha256{};
  std::optional<std::string> narrative;
  std::optional<std::string> id;  // a URL where the evidence can be fetched, if any
};

struct SkillBadgeInput {
  std::string credential_id;  // "urn:uuid:..." or a URL
  BadgeProfile issuer;        // the employer
  std::string valid_from;     // dateTimeStamp
  std::optional<std::string> valid_until;
  std::string holder_did;
  // The skill.
  std::string skill_id;  // the catalogue URI
  std::string skill_name;
  std::string skill_description;
  std::string criteria_narrative;
  std::string esco_uri;         // empty: no ESCO alignment
  std::string esco_name;        // targetName of the ESCO alignment
  std::string competentnl_uri;  // empty: no CompetentNL alignment
  std::string competentnl_name;
  std::vector<std::string> tags;  // Achievement.tag: the catalogue's area, for grouping
  int level = 1;         // 1..3
  BadgeProfile manager;  // the confirming manager: credentialSubject.source
  // The source Profile's description, e.g. what the manager signed (the hash of their statement).
  std::optional<std::string> manager_description;
  std::vector<BadgeEvidence> evidence;
  std::vector<Json> endorsements;  // EndorsementCredentials, embedded as given
  status::BitstringStatusEntry status;
  // Further entries (e.g. "suspension" next to "revocation"): when non-empty, credentialStatus is
  // an array of `status` followed by these (VCDM 2.0 §4.10 allows one entry or several).
  std::vector<status::BitstringStatusEntry> more_status;
};

// The id of level `level` of the scale: "urn:vaardig:scale:independence:2".
[[nodiscard]] std::string SkillLevelId(int level);

[[nodiscard]] Json MakeSkillBadge(const SkillBadgeInput& input);

}  // namespace vaardig::vc
