// The Vaardig skill credential as an SD-JWT VC (DESIGN.md §4.1) and its default disclosure rules.
//
// Always in the clear: iss, iat, exp, vct, cnf, status.
// Selectively disclosable: skill; confirmation, and inside it by.name, by.role and endorsement
// each on its own (so "confirmed by a team leader" can be shown without the manager's name);
// self_assessment; each evidence element; holder with given_name and family_name each on its own;
// employer with name and id each on its own.
// A "skills first" presentation discloses `skill` and `confirmation.by.role` only.
#pragma once

#include <string>
#include <vector>

#include "core/encoding/json.h"
#include "core/sdjwt/claim_path.h"

namespace vaardig::sdjwt {

inline constexpr std::string_view kSkillVctPath = "/vct/skill/v1";
// The type of a skill a person declares themselves, signed with their own key (DESIGN.md §4.4):
// skill {name, level, level_label, esco?}, self_declared = true, evidence names; no confirmation.
inline constexpr std::string_view kSelfDeclaredSkillVct = "urn:vaardig:vct:skill:self-declared:v1";

// The default selectively disclosable paths for the members present in `claims`.
[[nodiscard]] std::vector<ClaimPath> SkillCredentialSdPaths(const Json& claims);

// The paths a "skills first" presentation discloses.
[[nodiscard]] std::vector<ClaimPath> SkillsFirstDisclosure();

}  // namespace vaardig::sdjwt
