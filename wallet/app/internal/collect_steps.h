// Private to wallet/app: the pieces of CollectOffer (collect.h) — holder keys (holder_keys.cc) and
// verification on receipt (collect_verify.cc).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/http/fetcher.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/metadata.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet::internal {

// A holder key as the vault keeps it (RecordKind::kHolderKey). `record_id` is empty while the key
// exists only in memory (made by FindOrMakeHolderKey, not yet persisted).
struct HolderKey {
  jose::PrivateJwk key;
  std::string did;     // did:jwk:... (P-256) or did:key:z6Mk... (Ed25519)
  std::string kid;     // the DID URL of its verification method
  std::string record_id;
};

// The vault's first holder key with `alg` (ES256 or EdDSA), or a new one (not yet stored).
// data_loss when a holder key record does not open or parse.
[[nodiscard]] Result<HolderKey> FindOrMakeHolderKey(const UnlockedVault& vault, jose::Algorithm alg);
// Writes a key made by FindOrMakeHolderKey; a key already stored is left alone.
[[nodiscard]] Status PersistHolderKey(UnlockedVault& vault, HolderKey& key);

struct ReceiptContext {
  http::HttpFetcher* fetcher = nullptr;
  const Clock* clock = nullptr;
  bool allow_http_for_loopback = false;
  std::chrono::milliseconds timeout{10'000};
};

// A credential that passed the checks of collect.h step 5.
struct ReceivedCredential {
  Json credential{};     // as received: a string (SD-JWT VC) or an object (ldp_vc)
  std::string issuer{};  // iss / issuer id
  std::string status{};  // "valid", "revoked", "suspended", "unchecked", "none"
  std::optional<std::string> status_detail{};  // why unchecked
  std::optional<std::int64_t> expires_at{};
};

// `bound`: a key proof with `holder` was sent, so cnf must name it.
[[nodiscard]] Result<ReceivedCredential> VerifySdJwtVcOnReceipt(const Json& credential,
                                                                const oid4vc::CredentialConfiguration& config,
                                                                const HolderKey* holder,
                                                                const ReceiptContext& context);
[[nodiscard]] Result<ReceivedCredential> VerifyOpenBadgeOnReceipt(const Json& credential,
                                                                  const HolderKey* holder,
                                                                  const ReceiptContext& context);

}  // namespace vaardig::wallet::internal
