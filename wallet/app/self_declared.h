// Self-declared ("blue") skills in the wallet (DESIGN.md §4.4; issue 8): the person records a skill
// they have themselves, and it is kept as an SD-JWT VC signed with their own holder key — so when
// shared it goes out holder-signed, and every verifier labels it self-declared, never confirmed
// (the issuer key is the holder key; Vaardig's verifier reports issuer_trust "skipped:
// self-declared").
//
// The credential: typ dc+sd-jwt, alg ES256, kid <did:jwk>#0; iss = the holder's did:jwk;
// vct = kSelfDeclaredSkillVct; cnf = the same key; iat; skill {name {nl[, en]}, level, level_label,
// esco?} and self_declared = true, and evidence names (what the person says they can show), each
// selectively disclosable as in the employer's skill credential. No name of the person.
// Stored as a credential record (format dc+sd-jwt, "self_declared": true, status "none").
//
// Limits: a skill name 2..200 bytes of printable UTF-8, level 1..3, at most 10 evidence names of
// at most 200 bytes, an ESCO URI of at most 512 bytes starting with http(s)://. invalid_argument
// otherwise, nothing stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/sdjwt/skill_credential.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

using sdjwt::kSelfDeclaredSkillVct;

struct SelfDeclaredSkill {
  std::string name_nl;
  std::string name_en;  // optional
  int level = 0;        // 1..3
  std::string esco;     // optional
  std::vector<std::string> evidence;  // names, optional
};

// Returns the new credential record's id.
[[nodiscard]] Result<std::string> RecordSelfDeclaredSkill(UnlockedVault& vault, const SelfDeclaredSkill& skill,
                                                          const Clock& clock);

}  // namespace vaardig::wallet
