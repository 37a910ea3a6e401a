// Status for every issued credential (DESIGN.md §2 flow 8, §5 "status"; issue 7 "Status").
//
// Every credential gets one entry in an IETF Token Status List (2 bits per entry: 0 valid,
// 1 invalid = revoked, 2 suspended; for SD-JWT VC `status.status_list`) and two entries in W3C
// Bitstring Status Lists (1 bit each: one list of purpose "revocation", one of purpose "suspension";
// for the Open Badge's `credentialStatus`). Both are allocated for every credential whatever its
// format, so a credential's state can be read from either list.
//
// Lists hold kStatusListSize entries (herd privacy; Bitstring Status List needs ≥ 131,072). Indexes
// are random and unique: status_entries has PRIMARY KEY (list_id, idx), so even a bug or a crash
// cannot hand out an index twice. A list is marked full at 75 % and a new one opened.
//
// Publication URLs (stable): <public_url>/status/token/<list id> (application/statuslist+jwt, signed
// with the issuer's 'sd-jwt' key, sub = that URL, ttl) and <public_url>/status/bitstring/<list id>
// (a BitstringStatusListCredential, application/vc+ld+json, eddsa-rdfc-2022 with the issuer's
// 'data-integrity' key, issuer = the issuer's DID).
#pragma once

#include <cstdint>
#include <mutex>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/status/bitstring_status_list.h"
#include "core/status/status_list_token.h"
#include "core/store/database.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"
#include "issuer/app/principal.h"

namespace vaardig::issuer {

inline constexpr std::int64_t kStatusListSize = 131072;
inline constexpr int kStatusListTtlSeconds = 300;  // what verifiers may cache; also Cache-Control max-age

struct StatusAllocation {
  status::StatusListReference token;            // {idx, uri}
  status::BitstringStatusEntry revocation;      // statusPurpose "revocation"
  status::BitstringStatusEntry suspension;      // statusPurpose "suspension"
};

// Allocates the three entries for `credential_id` inside the caller's transaction `tx` (the
// credentials row may be inserted later in the same transaction: the foreign key is deferred).
[[nodiscard]] Result<StatusAllocation> AllocateStatus(store::Database& tx, const IssuerSettings& settings,
                                                      std::string_view credential_id, std::string_view now);
// The same with lists of `list_size` entries (a positive multiple of 8) when a new list is opened;
// kStatusListSize above. Smaller sizes are for tests (a published Bitstring list is still padded
// to 131,072 entries).
[[nodiscard]] Result<StatusAllocation> AllocateStatus(store::Database& tx, const IssuerSettings& settings,
                                                      std::string_view credential_id, std::string_view now,
                                                      std::int64_t list_size);

// A Token Status List index picked ahead of the issuing transaction (read, not written), so that
// an SD-JWT VC, which carries only that reference, can be signed before the database's writer is
// taken: an index that was free in the open token list when looked at.
struct TokenStatusPick {
  std::int64_t list_id = 0;
  std::int64_t idx = 0;
  status::StatusListReference reference;  // {idx, uri}
};
// nullopt when there is no open token list yet (the issuing transaction opens one).
[[nodiscard]] Result<std::optional<TokenStatusPick>> PickTokenStatus(store::Database& db,
                                                                     const IssuerSettings& settings);
// AllocateStatus with the token entry at `token`, picked ahead: aborted when that index was
// taken or its list closed meanwhile (nothing written; the caller allocates afresh).
[[nodiscard]] Result<StatusAllocation> AllocateStatus(store::Database& tx, const IssuerSettings& settings,
                                                      std::string_view credential_id, std::string_view now,
                                                      const TokenStatusPick& token);

enum class StatusAction { kRevoke, kSuspend, kUnsuspend };

// Revokes, suspends or unsuspends a credential, with a reason (required, ≤ 2000 characters; kept in
// credentials.state_reason, not in the audit details). Allowed for hr and admin, and for the
// manager who confirmed it (credentials.confirmed_by). Revocation is final: suspending or
// unsuspending a revoked credential, suspending a suspended one or unsuspending a valid one is
// failed_precondition. One transaction: credentials.state, the entries' values, the lists'
// updated_at, and the audit entry ("credential.revoke" / ".suspend" / ".unsuspend").
// not_found for an unknown id or one the principal may not see.
[[nodiscard]] Status ChangeCredentialStatus(IssuerApp& app, const Principal& principal,
                                            std::string_view credential_id, StatusAction action,
                                            std::string_view reason);
// The same for the CLI and VCALM clients acting as `actor` ("cli", "vcalm:<client>") with admin rights.
[[nodiscard]] Status ChangeCredentialStatusAs(IssuerApp& app, std::string_view actor,
                                              std::string_view credential_id, StatusAction action,
                                              std::string_view reason);

struct CredentialRecord {
  std::string id;
  std::optional<std::int64_t> person_id;
  std::string person_name;
  std::string skill_id;
  std::string skill_name_nl;
  std::string skill_name_en;
  std::optional<int> level;
  std::optional<std::int64_t> confirmed_by;
  std::string configuration_id;
  std::string format;
  std::string state;  // valid | suspended | revoked
  std::string state_reason;
  std::string issued_at;
  std::string valid_until;
  std::optional<std::string> replaces;
};
// Credentials the principal may manage (hr/admin: all; a manager: those they confirmed; an
// employee: their own, read-only), newest first; `person_id` filters.
[[nodiscard]] Result<std::vector<CredentialRecord>> ListCredentials(IssuerApp& app, const Principal& principal,
                                                                    std::optional<std::int64_t> person_id = {});

struct PublishedStatusList {
  std::string body;
  std::string content_type;   // "application/statuslist+jwt" or "application/vc+ld+json"
  std::string etag;           // strong, quoted
  std::string last_modified;  // IMF-fixdate of the list's updated_at
  int max_age = kStatusListTtlSeconds;
};

// Signs status lists on demand and caches each by (list id, updated_at), so an unchanged list is
// signed once. Thread-safe.
class StatusListPublisher {
 public:
  StatusListPublisher(IssuerApp& app, const KeyVault& vault) : app_(app), vault_(vault) {}
  // not_found for an unknown list id or a list of the other kind.
  [[nodiscard]] Result<PublishedStatusList> Token(std::int64_t list_id);
  [[nodiscard]] Result<PublishedStatusList> Bitstring(std::int64_t list_id);

 private:
  IssuerApp& app_;
  const KeyVault& vault_;
  std::mutex mutex_;
  std::map<std::int64_t, std::pair<std::string, PublishedStatusList>> cache_;  // id → (updated_at, list)
  // Added (B1): when each cached list was signed; a list is re-signed after half its 24 h validity
  // even when unchanged. The cache key string is "<updated_at>#<version>#<signing kid>".
  std::map<std::int64_t, std::int64_t> signed_at_;
  [[nodiscard]] Result<PublishedStatusList> Publish(std::int64_t list_id, std::string_view kind);
};

// <public_url>/status/token/<id> and <public_url>/status/bitstring/<id>.
[[nodiscard]] std::string TokenStatusListUrl(const IssuerSettings& settings, std::int64_t list_id);
[[nodiscard]] std::string BitstringStatusListUrl(const IssuerSettings& settings, std::int64_t list_id);

}  // namespace vaardig::issuer
