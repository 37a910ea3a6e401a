// The wallet's encrypted vaults (DESIGN.md §2 flows 5–6, §7 "Wallet vaults"; issue 8): the store
// every wallet feature (collect, view, share, backup; hosted server and local CLI) keeps its data in.
//
// Design
// - A vault has a random 32-byte data key (DEK). It is stored only wrapped (XChaCha20-Poly1305,
//   core/crypto/aead.h), twice:
//     * under a key derived with Argon2id (core/crypto/kdf.h) from the passphrase, with a random
//       16-byte salt and the opslimit/memlimit stored next to the wrap, so the parameters can be
//       raised later (Unlock re-wraps when they differ from the store's configured ones);
//     * under a key derived the same way from the recovery code: 20 random bytes shown once as
//       eight groups of four Crockford base32 characters (recovery_code.h), never stored.
//   Associated data of a wrap: "vaardig-wallet/wrap/v1" ‖ 0 ‖ vault id ‖ 0 ‖ "passphrase" | "recovery".
// - Records (credentials, holder keys, share log and history entries, settings) are each sealed
//   under the DEK with a random nonce and associated data "vaardig-wallet/record/v1" ‖ 0 ‖ vault id
//   ‖ 0 ‖ record id, so a ciphertext copied to another record id or another vault does not open.
//   The kind, the timestamps and the contents are inside the ciphertext; the plaintext is padded
//   (ISO/IEC 7816-4) to a multiple of 512 bytes. Outside: only the random vault and record ids and
//   the padded length.
// - The login handle (hosted: a user name; local: one fixed handle) is stored as BLAKE2b-256 keyed
//   with VaultOptions::handle_key when given (hosted deployments: from a 0600 file), else with a
//   random key kept in the database (wallet_secrets). Handles compare byte for byte: the caller
//   normalises (e.g. lower-cases user names) before calling.
// - Unlock answers an unknown handle and a wrong passphrase alike (unauthenticated "wrong
//   passphrase or unknown wallet") after the same Argon2id work (the store's configured parameters).
// - Backups (ExportBackup) are self-describing files: magic "VDGWBKUP", version, KDF id, Argon2id
//   opslimit and memlimit, salt, length, then nonce ‖ ciphertext ‖ tag of all records (JSON), with
//   the whole header as associated data. Import is all-or-nothing.
//
// Limits: a record's content at most kMaxRecordBytes serialised; at most kMaxRecordsPerVault records;
// passphrases kMinPassphraseCodePoints code points to kMaxPassphraseBytes bytes of UTF-8; handles
// 1 to kMaxHandleBytes bytes of UTF-8; backups at most kMaxBackupBytes.
//
// Secrets: the DEK lives in SecretBytes (zeroed on destruction); temporaries holding plaintext are
// wiped. Record contents handed to the caller as Json are ordinary heap memory: callers holding
// private keys convert them to their key types promptly. Errors never contain handles, passphrases,
// codes, keys or record contents; record ids are opaque and may appear.
//
// Not here: rate limiting of unlock attempts and session time-outs belong to the service that
// holds UnlockedVaults (drop the UnlockedVault when the session ends).
//
// Thread-safety: VaultStore is immutable after Open and may be shared by threads (the Database is
// thread-safe). An UnlockedVault is used by one thread at a time. Both must not outlive the
// Database and Clock they were opened with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/bytes.h"
#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/crypto/kdf.h"
#include "core/crypto/secret_bytes.h"
#include "core/encoding/json.h"
#include "core/store/database.h"

namespace vaardig::wallet {

inline constexpr std::size_t kMaxRecordBytes = 1 << 20;  // serialised content
inline constexpr std::size_t kMaxRecordsPerVault = 10000;
// All of a vault's sealed records together (a hosted service shares its disk and memory).
inline constexpr std::size_t kMaxVaultBytes = 64 << 20;
inline constexpr std::size_t kMinPassphraseCodePoints = 10;
inline constexpr std::size_t kMaxPassphraseBytes = 1024;
inline constexpr std::size_t kMaxHandleBytes = 256;
inline constexpr std::size_t kMaxBackupBytes = 64 << 20;
// The handle of the local (CLI) wallet's one vault.
inline constexpr std::string_view kLocalWalletHandle = "local";

enum class RecordKind {
  kCredential,  // "credential": an issued credential as collected
  kHolderKey,   // "holder_key": a private JWK the holder signs with
  kShare,       // "share": one entry of the share log (who, what, when)
  kHistory,     // "history": other history entries
  kSettings,    // "settings": wallet preferences
};
[[nodiscard]] std::string_view RecordKindName(RecordKind kind);
// invalid_argument for any other name.
[[nodiscard]] Result<RecordKind> ParseRecordKind(std::string_view name);

struct VaultRecord {
  std::string id;  // opaque, random
  RecordKind kind = RecordKind::kCredential;
  std::int64_t created_at = 0;  // Unix seconds, from the store's Clock
  std::int64_t updated_at = 0;
  Json content;
};

// Records that opened, ordered by (created_at, id), and the ids of records that did not open
// (damaged at rest); other records stay readable when one is damaged.
struct VaultListing {
  std::vector<VaultRecord> records;
  std::vector<std::string> damaged_ids;
};

struct ImportResult {
  std::size_t added = 0;            // records written
  std::size_t already_present = 0;  // backup records whose id the vault already holds (kept as is)
};

struct VaultOptions {
  // Argon2id strength for new wraps and backups. Tests use Minimum() or Interactive().
  crypto::Argon2idParams kdf = crypto::Argon2idParams::Moderate();
  // 32 bytes keying the login-handle hashes; empty: a random key kept in the database.
  crypto::SecretBytes handle_key;
};

class UnlockedVault;

// Shown once: the caller displays recovery_code and forgets it.
struct NewVault {
  std::string vault_id;
  std::string recovery_code;
};
struct RecoveredVault;
struct RestoredVault;

class VaultStore {
 public:
  // Applies the wallet migrations and loads (or creates) the handle key. invalid_argument for bad
  // options (a handle_key not 32 bytes, Argon2id parameters out of range).
  [[nodiscard]] static Result<VaultStore> Open(store::Database& db, const Clock& clock, VaultOptions options = {});

  // A new empty vault. invalid_argument for a bad handle or a passphrase outside the policy
  // (resource_exhausted when too long); already_exists when the handle is taken.
  [[nodiscard]] Result<NewVault> CreateVault(std::string_view handle, std::string_view passphrase);

  // unauthenticated "wrong passphrase or unknown wallet" for both; invalid_argument for a malformed
  // handle; resource_exhausted for an over-long passphrase; data_loss when the stored wrap is damaged
  // beyond use (it never is for a wrong passphrase: that is unauthenticated).
  [[nodiscard]] Result<UnlockedVault> Unlock(std::string_view handle, std::string_view passphrase);

  // Re-wraps the DEK under `new_passphrase` (new salt, the configured parameters) in one
  // transaction; the old passphrase stops working, records are untouched. not_found when the vault
  // was deleted meanwhile.
  [[nodiscard]] Status ChangePassphrase(const UnlockedVault& vault, std::string_view new_passphrase);

  // For a forgotten passphrase: unwraps the DEK with the recovery code, sets `new_passphrase` and a
  // NEW recovery code (the used one stops working), all in one transaction. unauthenticated "wrong
  // recovery code or unknown wallet"; invalid_argument for a malformed code or new passphrase;
  // aborted when the code was used concurrently.
  [[nodiscard]] Result<RecoveredVault> RecoverWithCode(std::string_view handle, std::string_view recovery_code,
                                                       std::string_view new_passphrase);

  // A new recovery code for an unlocked vault (the old one stops working).
  [[nodiscard]] Result<std::string> ReplaceRecoveryCode(const UnlockedVault& vault);

  // Deletes the vault and all its records; the handle becomes free. not_found when already gone.
  [[nodiscard]] Status DeleteVault(UnlockedVault&& vault);

  // Restores a backup into a new vault: the backup opens first, then the vault and all records are
  // written in one transaction. Errors as CreateVault and UnlockedVault::ImportBackup; on any error
  // nothing is written.
  [[nodiscard]] Result<RestoredVault> RestoreBackup(std::string_view handle, std::string_view passphrase,
                                                    ByteView backup, std::string_view backup_passphrase);

 private:
  VaultStore(store::Database& db, const Clock& clock, VaultOptions options)
      : db_(&db), clock_(&clock), options_(std::move(options)) {}

  [[nodiscard]] Result<store::Blob> HandleHash(std::string_view handle) const;
  [[nodiscard]] Result<NewVault> Create(std::string_view handle, std::string_view passphrase,
                                        const std::vector<VaultRecord>* records);
  [[nodiscard]] UnlockedVault MakeUnlocked(std::string vault_id, crypto::SecretBytes dek) const;

  store::Database* db_;
  const Clock* clock_;
  VaultOptions options_;
};

// An open vault: holds the DEK until destroyed. Move-only.
class UnlockedVault {
 public:
  UnlockedVault(UnlockedVault&&) noexcept = default;
  UnlockedVault& operator=(UnlockedVault&&) noexcept = default;
  UnlockedVault(const UnlockedVault&) = delete;
  UnlockedVault& operator=(const UnlockedVault&) = delete;

  [[nodiscard]] const std::string& id() const { return vault_id_; }

  // Seals and stores a new record; returns its id. resource_exhausted when the content serialises
  // to more than kMaxRecordBytes or the vault holds kMaxRecordsPerVault records; invalid_argument
  // when the content nests deeper than the strict JSON parser accepts.
  [[nodiscard]] Result<std::string> Put(RecordKind kind, const Json& content);
  // not_found for an unknown id (invalid_argument when malformed); data_loss when the stored
  // ciphertext does not open (damaged, or moved from another record or vault).
  [[nodiscard]] Result<VaultRecord> Get(std::string_view record_id) const;
  // Decrypts every record and keeps those of `kind` (all when nullopt).
  [[nodiscard]] Result<VaultListing> List(std::optional<RecordKind> kind = std::nullopt) const;
  // New content for an existing record (kind and created_at kept, updated_at now). Errors as Get
  // and Put.
  [[nodiscard]] Status Replace(std::string_view record_id, const Json& content);
  // not_found when there is no such record.
  [[nodiscard]] Status Delete(std::string_view record_id);
  // Deletes every record (the vault stays, empty, with the same passphrase); returns the count.
  [[nodiscard]] Result<std::int64_t> DeleteEverything();

  // The backup file of all records, sealed under a key derived from `backup_passphrase` (same policy
  // as a vault passphrase). data_loss naming the first damaged record when one does not open;
  // resource_exhausted when the file would exceed kMaxBackupBytes.
  [[nodiscard]] Result<Bytes> ExportBackup(std::string_view backup_passphrase) const;
  // Adds the backup's records (ids the vault already holds are kept as they are) in one
  // transaction. invalid_argument for a file that is not a backup, truncated or with trailing bytes,
  // or parameters out of range; unimplemented for another format version; unauthenticated for a
  // wrong backup passphrase or a damaged file; resource_exhausted for a file over kMaxBackupBytes or
  // more records than the vault may hold. On any error nothing is written.
  [[nodiscard]] Result<ImportResult> ImportBackup(ByteView backup, std::string_view backup_passphrase);

 private:
  friend class VaultStore;
  UnlockedVault(store::Database& db, const Clock& clock, crypto::Argon2idParams kdf, std::string vault_id,
                crypto::SecretBytes dek)
      : db_(&db), clock_(&clock), kdf_(kdf), vault_id_(std::move(vault_id)), dek_(std::move(dek)) {}

  store::Database* db_;
  const Clock* clock_;
  crypto::Argon2idParams kdf_;
  std::string vault_id_;
  crypto::SecretBytes dek_;
};

struct RecoveredVault {
  UnlockedVault vault;
  std::string recovery_code;  // the new code, shown once
};

struct RestoredVault {
  NewVault vault;
  ImportResult imported;
};

}  // namespace vaardig::wallet
