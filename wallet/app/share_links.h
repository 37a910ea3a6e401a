// Share links (issue 8): a time-limited, revocable link to one credential, for an e-mail or a CV,
// opened on a verifier's page and verified there like any presentation.
//
// The link is  <wallet public URL>/s/<id>#k=<key>:
//   - id: 16 random bytes (base64url), the row in share_links;
//   - key: 32 random bytes (base64url) in the URL fragment, which browsers never send; the service
//     stores only the presentation sealed under it (XChaCha20-Poly1305, associated data
//     "vaardig-share-link/v1" ‖ 0 ‖ id), so the service cannot read what a link shows, and a
//     database copy reveals nothing without the links;
//   - the presentation: the SD-JWT VC with only the chosen disclosures (skills first by default:
//     `skill` and `confirmation.by.role`, no name) and a KB-JWT whose aud is the link without its
//     fragment and whose nonce is the id — so it proves holder binding to this link and nothing
//     else, and a verifier accepts it until the link expires (not only for minutes).
// The served document (GET /s/{id}, public, no session): {"type": "vaardig-share-link",
//   "version": 1, "id", "expires_at", "sealed": base64url(nonce ‖ ciphertext ‖ tag)}; the
//   plaintext is {"format": "dc+sd-jwt", "presentation": "<SD-JWT with KB-JWT>"}.
// Revoking deletes the sealed presentation (the row stays as revoked, so the link answers 410);
// an expired link answers 410 too. Deleting the wallet deletes its links.
//
// The vault keeps a share log entry for each link (RecordKind::kShare, "type": "link", with the URL
// including its key, so the person can copy it again), encrypted like everything else.
// Limits: validity 1..90 days; at most kMaxLinksPerVault live links per vault.
// Only SD-JWT VC credentials can be shared by link (an ldp_vc has no key binding to a link).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/store/database.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

inline constexpr std::int64_t kMaxLinkDays = 90;
inline constexpr std::size_t kMaxLinksPerVault = 100;
inline constexpr std::string_view kShareLinkType = "vaardig-share-link";

struct NewShareLink {
  std::string id;
  std::string url;          // with #k=
  std::int64_t expires_at = 0;
  std::vector<std::string> shown;  // what the link's reader will see (present.h ShownClaimPaths)
  std::string share_record_id;  // the vault's log entry
};

struct ShareLinkInfo {
  std::string id;
  std::string url;
  std::string credential_name;
  std::string record_id;  // the credential (it may have been deleted since)
  std::vector<std::string> shown;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::string state;  // "active" | "revoked" | "expired"
};

struct ServedShareLink {
  int status = 200;  // 200, 404 unknown, 410 revoked or expired
  Json document;
};

// One link, made and sealed, not yet stored anywhere: `document` is what GET <base>/s/<id> must
// answer (200), `log` the vault's share log entry. Used by the hosted service (ShareLinkStore) and
// by the local wallet, which publishes the document as a static file on the person's own site.
struct SealedShareLink {
  std::string id;
  std::string url;  // with #k=
  std::int64_t expires_at = 0;
  std::vector<std::string> shown;
  Bytes sealed;
  Json document;
  Json log;
};
[[nodiscard]] Result<SealedShareLink> SealShareLink(UnlockedVault& vault, std::string_view record_id,
                                                    std::string_view base_url, std::int64_t days,
                                                    std::vector<std::string> disclose, std::int64_t now);

class ShareLinkStore {
 public:
  // Applies nothing: the wallet's migrations (wallet_schema) create the table.
  ShareLinkStore(store::Database& db, const Clock& clock) : db_(&db), clock_(&clock) {}

  // `base_url`: the wallet's public URL (https, or http on loopback in development).
  // not_found for an unknown record; failed_precondition for a credential that is not an SD-JWT
  // VC or has no holder key; invalid_argument for days outside 1..90 or an unknown path;
  // resource_exhausted past kMaxLinksPerVault live links.
  [[nodiscard]] Result<NewShareLink> Create(UnlockedVault& vault, std::string_view record_id, std::string_view base_url,
                                            std::int64_t days, std::vector<std::string> disclose = {});
  // The vault's links, newest first (from its share log, with the state from the table).
  [[nodiscard]] Result<std::vector<ShareLinkInfo>> List(const UnlockedVault& vault);
  // not_found when the vault has no such link.
  [[nodiscard]] Status Revoke(const UnlockedVault& vault, std::string_view id);
  // The database answers (readiness).
  [[nodiscard]] Status Ping();
  // What GET /s/{id} answers.
  [[nodiscard]] Result<ServedShareLink> Serve(std::string_view id);

 private:
  store::Database* db_;
  const Clock* clock_;
};

}  // namespace vaardig::wallet
