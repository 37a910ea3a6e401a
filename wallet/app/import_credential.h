// Import (issue 8, "Import as well: an Open Badges 3.0 JSON file or an SD-JWT VC string"): a
// credential that did not come through OpenID4VCI — a badge file from another platform, an SD-JWT
// VC copied from another wallet — verified like a collected one before it is kept.
//
// ImportCredential(text):
//   - `{...}`: an Open Badges 3.0 / VCDM 2.0 credential with Data Integrity proofs
//     (eddsa-rdfc-2022 / eddsa-jcs-2022, bundled contexts), the proof's DID the issuer's, and
//     its Bitstring Status List entries (collect.h step 5, ldp_vc);
//   - otherwise an SD-JWT VC (typ dc+sd-jwt or vc+sd-jwt): the issuer's signature (JWT VC Issuer
//     Metadata, did:web/did:jwk/did:key), exp, and its Token Status List status; a KB-JWT on the
//     end is dropped.
//   Revoked or suspended: refused (failed_precondition). A status list that cannot be fetched:
//   kept as "unchecked".
//   Holder binding: when one of the vault's holder keys is the credential's (SD-JWT VC cnf; badge
//   credentialSubject.id = the key's DID) it is linked and the credential can be presented;
//   otherwise it is kept "view_only": shown in the wallet, never offered to a verifier (it could
//   not prove it is the holder's).
//   At most kMaxImportBytes; anything else: invalid_argument naming what it is not.
// A credential the vault already holds (the same text) is not stored twice: already_exists.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/http/fetcher.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

inline constexpr std::size_t kMaxImportBytes = 256 * 1024;

struct ImportOptions {
  const Clock* clock = nullptr;  // required
  bool allow_http_for_loopback = false;
  std::chrono::milliseconds timeout{10'000};
};

struct ImportedCredential {
  std::string record_id;
  std::string format;  // "dc+sd-jwt" | "ldp_vc"
  std::string issuer;
  std::string status;  // "valid", "unchecked", "none"
  bool view_only = false;
};

[[nodiscard]] Result<ImportedCredential> ImportCredential(http::HttpFetcher& fetcher, UnlockedVault& vault,
                                                          std::string_view text, const ImportOptions& options);

}  // namespace vaardig::wallet

namespace vaardig::wallet {

// Status, checked again (issue 8: "revoked or suspended state (checked against the status lists
// when online)"): every credential with a status entry is verified again as on receipt (signature,
// then its Token Status List or Bitstring Status List) and its recorded status and checked_at
// updated. A list that cannot be fetched keeps the last known state with a note ("could not
// check" is never "valid"); a credential that no longer verifies is marked "invalid".
struct StatusRefresh {
  std::size_t checked = 0;
  std::size_t changed = 0;
  std::size_t unreachable = 0;
};
[[nodiscard]] Result<StatusRefresh> RefreshStatuses(http::HttpFetcher& fetcher, UnlockedVault& vault,
                                                    const ImportOptions& options);

}  // namespace vaardig::wallet
