// Private to wallet/app: the byte formats of vaults (vault.h explains the design) shared by
// vault.cc, vault_records.cc and vault_backup.cc.
#pragma once

#include <string>
#include <string_view>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/kdf.h"
#include "core/crypto/secret_bytes.h"
#include "core/encoding/json.h"
#include "core/store/database.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet::internal {

inline constexpr std::string_view kPassphraseWrap = "passphrase";
inline constexpr std::string_view kRecoveryWrap = "recovery";

// Base64url of 16 random bytes (22 characters).
[[nodiscard]] std::string NewOpaqueId();
// invalid_argument "<what> is not a well-formed id" unless `id` is what NewOpaqueId makes.
[[nodiscard]] Status CheckOpaqueId(std::string_view id, std::string_view what);

[[nodiscard]] Status CheckHandle(std::string_view handle);
// The passphrase policy: valid UTF-8, kMinPassphraseCodePoints..kMaxPassphraseBytes. `what` names
// it in messages ("passphrase", "backup passphrase").
[[nodiscard]] Status CheckPassphrase(std::string_view passphrase, std::string_view what);

// A DEK wrapped under a key derived from a secret.
struct Wrap {
  store::Blob salt;
  crypto::Argon2idParams params;
  store::Blob sealed;
};
[[nodiscard]] Result<Wrap> WrapKey(const crypto::SecretBytes& dek, ByteView secret,
                                   const crypto::Argon2idParams& params, std::string_view vault_id,
                                   std::string_view kind);
// unauthenticated when the secret is wrong; invalid_argument when the stored parameters are out
// of range.
[[nodiscard]] Result<crypto::SecretBytes> UnwrapKey(const Wrap& wrap, ByteView secret, std::string_view vault_id,
                                                    std::string_view kind);

// The plaintext of a record outside the database: {"id"?, "kind", "created", "updated", "content"}.
[[nodiscard]] Json RecordToJson(const VaultRecord& record, bool with_id);
// invalid_argument naming the member at fault.
[[nodiscard]] Result<VaultRecord> RecordFromJson(const Json& json, bool with_id);
// The strict-parser limits a record envelope must meet (content of kMaxRecordBytes plus envelope).
[[nodiscard]] JsonLimits RecordJsonLimits();

// Seals `record` under `dek` for (vault_id, record.id): resource_exhausted for content over
// kMaxRecordBytes; the parser's error when the envelope would not parse back.
[[nodiscard]] Result<store::Blob> SealRecord(const crypto::SecretBytes& dek, std::string_view vault_id,
                                             const VaultRecord& record);
// data_loss "record <id> does not open ..." when the ciphertext was damaged or moved.
[[nodiscard]] Result<VaultRecord> OpenRecord(const crypto::SecretBytes& dek, std::string_view vault_id,
                                             std::string_view record_id, ByteView sealed);
// Seals and inserts one record (already_exists when the id is taken in this vault).
[[nodiscard]] Status InsertRecord(store::Database& db, std::string_view vault_id, const crypto::SecretBytes& dek,
                                  const VaultRecord& record);

// Zeroes a string's characters (sodium_memzero).
void Wipe(std::string& text);

}  // namespace vaardig::wallet::internal
