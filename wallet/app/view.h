// View: what a person sees of the credentials in their wallet (issue 8 "View"): for each skill
// credential its skill, level, who confirmed it and when, the issuer, evidence names, validity and
// its revoked / suspended state, grouped for the wallet's pages and JSON API.
//
// From the stored record (wallet/app/collect.h): an SD-JWT VC through the holder's own view of
// its claims (every disclosure: the holder may read everything), an Open Badge from its
// credentialSubject. Nothing here fetches or verifies: the status shown is the one recorded at
// receipt or at the last RefreshStatus; `checked_at` says when.
// Confirmed ("green") and self-declared ("blue") are told apart by the credential itself: a
// skill credential with confirmation.status "confirmed" (SD-JWT VC) or a result source (badge) is
// confirmed; anything else is shown as self-declared, never as confirmed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/encoding/json.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

struct CredentialView {
  std::string id;              // the vault record
  std::string format;          // "dc+sd-jwt" | "ldp_vc"
  std::string name;            // the credential type's display name (nl first)
  std::string kind;            // "confirmed" | "self_declared"
  std::string skill_name_nl, skill_name_en;
  std::string skill_id, esco;
  std::string area;            // the employer's catalogue area ("Buitendienst groen"), when given
  std::optional<int> level;
  std::string confirmed_by_name, confirmed_by_role, confirmed_at;
  std::string organisation;    // the employer / the badge issuer's name
  std::string issuer;          // iss / issuer id
  std::vector<std::string> evidence;  // file names
  std::string valid_from, valid_until;  // RFC 3339 (may be empty)
  std::string status;          // "valid" | "revoked" | "suspended" | "unchecked" | "none" | ""
  std::int64_t status_checked_at = 0;
  std::int64_t received_at = 0;
  bool imported = false;
  bool view_only = false;      // imported without its holder key: shown, never shared

  [[nodiscard]] Json ToJson() const;
};

// invalid_argument when the record is not a credential.
[[nodiscard]] Result<CredentialView> ViewCredential(const VaultRecord& record);

// "met hulp" / "with help" ... for levels 1-3 ("" otherwise).
[[nodiscard]] std::string WalletLevelLabel(int level, std::string_view lang);

}  // namespace vaardig::wallet
