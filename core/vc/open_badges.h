// Open Badges 3.0 (1EdTech, https://www.imsglobal.org/spec/ob/v3p0/) credentials validated on top
// of the VCDM 2.0 model (credential.h).
//
// There is no packaged C++ JSON Schema validator and no network, so the rules of the official
// JSON Schemas (ob_v3p0_achievementcredential_schema.json,
// ob_v3p0_endorsementcredential_schema.json, as the data model appendix of the specification
// documents them: required properties, types, enumerations) are implemented here in code, together
// with the reference checks the schemas cannot express (achievedLevel, resultDescription and
// requiredLevel naming existing ids).
//
// AchievementCredential / OpenBadgeCredential (data model classes of the same names):
//  - ParseCredential (VCDM 2.0), then @context[1] an OB 3.0.x context (context-3.0.[0-3].json);
//  - type includes OpenBadgeCredential or AchievementCredential; id, name, validFrom required;
//  - issuer a Profile: an object, id a URL, type includes Profile;
//  - credentialSubject one AchievementSubject: type includes AchievementSubject, id (URL) or a
//    non-empty identifier[] of IdentityObjects, achievement required, result[], source a Profile;
//  - Achievement: id, type includes Achievement, name, description, criteria with id or narrative,
//    achievementType from the AchievementType enumeration or "ext:<name>", alignment[],
//    resultDescription[], creator a Profile, endorsement[];
//  - Alignment: type includes Alignment, targetName, targetUrl an absolute URL, targetType from
//    the AlignmentTargetType enumeration or "ext:<name>";
//  - ResultDescription: id, type includes ResultDescription, name, resultType from the ResultType
//    enumeration or "ext:<name>"; resultType RubricCriterionLevel requires a non-empty
//    rubricCriterionLevel[] (each id, type RubricCriterionLevel, name); requiredLevel names one;
//  - Result: type includes Result; achievedLevel names a rubricCriterionLevel id of the
//    achievement, resultDescription names a resultDescription id of the achievement;
//  - evidence[]: type includes Evidence; endorsement[]: embedded EndorsementCredentials;
//  - image (credential, achievement, profile): id and type "Image".
// EndorsementCredential (data model class EndorsementCredential): ParseCredential, the OB context,
// type includes EndorsementCredential, id, name, validFrom, issuer a Profile, credentialSubject an
// EndorsementSubject (id a URL, type includes EndorsementSubject, endorsementComment a string).
//
// Errors: invalid_argument naming the JSON path, e.g.
// "credentialSubject.achievement.alignment[0].targetUrl: not an absolute URL"; limits as
// ParseCredential. Proofs are not checked here (core/dataintegrity). Pure functions, thread-safe.
#pragma once

#include <string_view>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/vc/credential.h"

namespace vaardig::vc {

inline constexpr std::string_view kOpenBadgesContext303 =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

// True for the OB 3.0.x context URLs (context-3.0.0.json .. context-3.0.3.json).
[[nodiscard]] bool IsOpenBadgesContext(std::string_view url);

[[nodiscard]] Result<Credential> ValidateOpenBadgeCredential(const Json& json,
                                                             const VcLimits& limits = {});
[[nodiscard]] Result<Credential> ValidateEndorsementCredential(const Json& json,
                                                               const VcLimits& limits = {});
// Either of the above, chosen by `type` (EndorsementCredential, or OpenBadgeCredential /
// AchievementCredential); any other type: invalid_argument.
[[nodiscard]] Result<Credential> ValidateOpenBadgesDocument(const Json& json,
                                                            const VcLimits& limits = {});

}  // namespace vaardig::vc
