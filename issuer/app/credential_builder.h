// Builds and signs the two skill credentials issuance.h hands out (issue 7): the SD-JWT VC of
// DESIGN.md §4.1 and the Open Badges 3.0 skill badge of §4.2. Used by issuance.cc only; the facts
// come from the database, the keys from issuer_keys.h, the status entries from status_registry.h.
//
// Pure functions over their inputs (no database), thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/store/database.h"
#include "issuer/app/issuance.h"
#include "issuer/app/issuer_keys.h"
#include "issuer/app/settings.h"
#include "issuer/app/status_registry.h"

namespace vaardig::issuer {

inline constexpr std::string_view kMethodEndorsement = "vaardig-endorsement";
inline constexpr std::string_view kMethodLegacy = "legacy";

// What one credential says about one confirmed skill.
struct SkillFacts {
  std::string holder_name;  // the person's full name
  // The catalogue entry.
  std::string skill_id;
  std::string skill_name_nl;
  std::string skill_name_en;
  std::string skill_description_nl;
  std::string esco_uri;         // "" when none
  std::string competentnl_uri;  // "" when none
  std::string area;             // the catalogue's grouping ("Buitendienst groen"); "" when none
  int level = 0;                // the confirmed level, 1..3
  std::optional<int> self_level;
  // Who confirmed it, when and how.
  std::string confirmer_name;
  std::string confirmer_role;    // people.role: manager, hr, admin
  std::string confirmer_number;  // employee number
  std::string confirmed_at;      // RFC 3339
  std::string method;            // kMethodEndorsement or kMethodLegacy
  std::string endorsement_jws;   // "" for legacy
  std::optional<jose::PublicJwk> endorser_key;
  std::vector<std::pair<std::string, std::string>> evidence;  // name, sha256 hex
};

struct CredentialTimes {
  std::int64_t issued_at = 0;
  std::int64_t valid_until = 0;
};

// `issued_at` plus settings.renewal_years calendar years (29 February becomes 28 February).
[[nodiscard]] CredentialTimes CredentialTimesFor(const IssuerSettings& settings, std::int64_t issued_at);

// "Anna de Vries" → {"Anna", "de Vries"}: the first word is the given name, the rest (with Dutch
// tussenvoegsels) the family name. One word: it is the given name and the family name is empty.
[[nodiscard]] std::pair<std::string, std::string> SplitPersonName(std::string_view name);

// <public_url>/skills/<id>, the id percent-encoded.
[[nodiscard]] std::string SkillCatalogueUri(const IssuerSettings& settings, std::string_view skill_id);

// Hex SHA-256 of the payload bytes a compact JWS signed ("" when `jws` is not compact).
[[nodiscard]] std::string JwsPayloadSha256(std::string_view jws);

// The SD-JWT VC payload (before disclosures are made).
[[nodiscard]] Json SkillSdJwtClaims(const IssuerSettings& settings, const SkillFacts& facts,
                                    const jose::PublicJwk& holder_key, const status::StatusListReference& status,
                                    const CredentialTimes& times);

// Issues the SD-JWT VC (typ dc+sd-jwt, kid = the key's kid) with sdjwt::SkillCredentialSdPaths;
// returns the compact serialization.
[[nodiscard]] Result<std::string> SignSkillSdJwt(const IssuerSettings& settings, const SkillFacts& facts,
                                                 const HolderKey& holder, const StatusAllocation& status,
                                                 const CredentialTimes& times, const IssuerSigningKey& key);

// The skill badge, validated as an OpenBadgeCredential and signed with eddsa-rdfc-2022
// (proofPurpose assertionMethod, verificationMethod = key.verification_method).
[[nodiscard]] Result<Json> SignSkillBadge(const IssuerSettings& settings, const SkillFacts& facts,
                                          const HolderKey& holder, const StatusAllocation& status,
                                          const CredentialTimes& times, const IssuerSigningKey& key,
                                          const std::string& credential_id);

// The facts of the offer with database id `offer_db_id` (its person, skill, confirmer, endorsement,
// self-assessment and evidence), read inside the caller's transaction. Defined in issuance.cc.
[[nodiscard]] Result<SkillFacts> LoadSkillFacts(store::Database& tx, const std::string& offer_db_id);

// The holder as credentials name it: the proof's DID, else did:jwk of the key.
[[nodiscard]] std::string HolderDid(const HolderKey& holder);

// "urn:uuid:" and a random (version 4) UUID.
[[nodiscard]] std::string NewCredentialId();

}  // namespace vaardig::issuer
