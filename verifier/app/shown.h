// What a verified Vaardig skill credential shows (report.h Shown), and the check of the manager's
// endorsement inside it (DESIGN.md §4.3). Only verified claims are passed in; pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/encoding/json.h"
#include "verifier/app/report.h"

namespace vaardig::verifier {

// True for the SD-JWT VC of DESIGN.md §4.1 (vct ends in /vct/skill/v1, or a "skill" claim).
[[nodiscard]] bool IsSdJwtSkillCredential(const Json& claims);
// True for an OpenBadgeCredential (DESIGN.md §4.2).
[[nodiscard]] bool IsSkillBadge(const Json& credential);

// From the disclosed claims of a verified SD-JWT VC skill credential. `organisation` is the
// issuer's name from the trust list ("" when not recognised: then employer.name when disclosed).
// `self_declared`: signed by the holder's own key — then never confirmed.
[[nodiscard]] Shown ShowSdJwtSkill(const Json& claims, std::string_view organisation, bool self_declared);
// From a verified Open Badges 3.0 skill badge.
[[nodiscard]] Shown ShowSkillBadge(const Json& credential, std::string_view organisation, bool self_declared);

// The "endorsement" check for SD-JWT VC skill claims: confirmation.endorsement is a compact JWS
// (typ vaardig-endorsement+jwt); its statement's skill, level and (when disclosed) subject name
// must match the credential. Its signature cannot be checked by a verifier: the manager's key is
// held by the issuer and not published; the detail says so. Skipped when there is no endorsement
// (not disclosed, a legacy confirmation, or not a skill credential); failed when it does not match.
[[nodiscard]] Check CheckSdJwtEndorsement(const Json& claims, std::string_view organisation);

}  // namespace vaardig::verifier
