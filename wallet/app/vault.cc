#include "wallet/app/vault.h"

#include <array>
#include <utility>

#include "core/crypto/aead.h"
#include "core/crypto/random.h"
#include "wallet/app/internal/vault_codec.h"
#include "wallet/app/recovery_code.h"
#include "wallet/app/wallet_schema.h"

namespace vaardig::wallet {

namespace {

constexpr std::string_view kWrongPassphrase = "wrong passphrase or unknown wallet";
constexpr std::string_view kWrongRecoveryCode = "wrong recovery code or unknown wallet";
constexpr std::string_view kHandleKeyName = "handle_key";

constexpr std::array<std::pair<RecordKind, std::string_view>, 5> kKindNames = {{
    {RecordKind::kCredential, "credential"},
    {RecordKind::kHolderKey, "holder_key"},
    {RecordKind::kShare, "share"},
    {RecordKind::kHistory, "history"},
    {RecordKind::kSettings, "settings"},
}};

constexpr std::string_view kVaultColumns =
    "SELECT id, passphrase_salt, passphrase_opslimit, passphrase_memlimit, passphrase_wrap, recovery_salt, "
    "recovery_opslimit, recovery_memlimit, recovery_wrap FROM vaults ";

internal::Wrap WrapFromRow(const store::Row& row, std::string_view prefix) {
  const std::string p(prefix);
  return internal::Wrap{
      row.Bytes(p + "_salt"),
      crypto::Argon2idParams{static_cast<std::uint64_t>(row.Int(p + "_opslimit")),
                             static_cast<std::uint64_t>(row.Int(p + "_memlimit"))},
      row.Bytes(p + "_wrap")};
}

// The Argon2id work an unknown handle costs, so that it answers no faster than a wrong passphrase.
void SpendUnlockWork(const crypto::Argon2idParams& params, ByteView secret) {
  const Bytes salt(crypto::kArgon2idSaltSize, 0);
  (void)crypto::DeriveArgon2idKey(secret, salt, params);
}

ByteView SecretView(std::string_view text) { return AsBytes(text); }

}  // namespace

std::string_view RecordKindName(RecordKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "credential";
}

Result<RecordKind> ParseRecordKind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "record kind must be credential, holder_key, share, history or settings");
}

Result<VaultStore> VaultStore::Open(store::Database& db, const Clock& clock, VaultOptions options) {
  VAARDIG_RETURN_IF_ERROR(crypto::CheckArgon2idParams(options.kdf));
  if (!options.handle_key.empty() && options.handle_key.size() != crypto::kKeyedHashKeySize) {
    return Fail(ErrorCode::kInvalidArgument, "the wallet handle key must be 32 bytes");
  }
  VAARDIG_RETURN_IF_ERROR(MigrateWalletSchema(db));
  if (db.dialect() == "sqlite") {
    // Deleted records and wraps are overwritten in the file instead of lingering in free pages.
    VAARDIG_RETURN_IF_ERROR(db.ExecScript("PRAGMA secure_delete = ON"));
  }
  if (options.handle_key.empty()) {
    // One random key per database, made on first use; concurrent first opens agree on one row.
    const crypto::SecretBytes fresh = crypto::RandomSecret(crypto::kKeyedHashKeySize);
    const auto bytes = fresh.Reveal();
    VAARDIG_RETURN_IF_ERROR(db.Execute(
        "INSERT INTO wallet_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        {std::string(kHandleKeyName), store::Blob(bytes.begin(), bytes.end())}));
    VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT value FROM wallet_secrets WHERE name = ?",
                                                   {std::string(kHandleKeyName)}));
    if (!row) return Fail(ErrorCode::kInternal, "the wallet handle key was not stored");
    options.handle_key = crypto::SecretBytes::Adopt(row->Bytes("value"));
    if (options.handle_key.size() != crypto::kKeyedHashKeySize) {
      return Fail(ErrorCode::kDataLoss, "the stored wallet handle key has the wrong size");
    }
  }
  return VaultStore(db, clock, std::move(options));
}

Result<store::Blob> VaultStore::HandleHash(std::string_view handle) const {
  VAARDIG_RETURN_IF_ERROR(internal::CheckHandle(handle));
  Bytes input = ToBytes("vaardig-wallet/handle/v1");
  input.push_back(0);
  input.insert(input.end(), handle.begin(), handle.end());
  VAARDIG_ASSIGN_OR_RETURN(const crypto::KeyedHashDigest digest, crypto::KeyedHash(options_.handle_key, input));
  return store::Blob(digest.begin(), digest.end());
}

UnlockedVault VaultStore::MakeUnlocked(std::string vault_id, crypto::SecretBytes dek) const {
  return UnlockedVault(*db_, *clock_, options_.kdf, std::move(vault_id), std::move(dek));
}

Result<NewVault> VaultStore::Create(std::string_view handle, std::string_view passphrase,
                                    const std::vector<VaultRecord>* records) {
  VAARDIG_ASSIGN_OR_RETURN(store::Blob handle_hash, HandleHash(handle));
  VAARDIG_RETURN_IF_ERROR(internal::CheckPassphrase(passphrase, "passphrase"));
  // The Argon2id work happens before the transaction: the write lock is never held while hashing.
  NewVault created{internal::NewOpaqueId(), {}};
  const crypto::SecretBytes dek = crypto::GenerateAeadKey();
  const crypto::SecretBytes code = GenerateRecoveryCode();
  VAARDIG_ASSIGN_OR_RETURN(
      internal::Wrap by_passphrase,
      internal::WrapKey(dek, SecretView(passphrase), options_.kdf, created.vault_id, internal::kPassphraseWrap));
  VAARDIG_ASSIGN_OR_RETURN(internal::Wrap by_code, internal::WrapKey(dek, code.Reveal(), options_.kdf,
                                                                     created.vault_id, internal::kRecoveryWrap));
  auto status = db_->InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO vaults (id, handle_hash, passphrase_salt, passphrase_opslimit, passphrase_memlimit, "
        "passphrase_wrap, recovery_salt, recovery_opslimit, recovery_memlimit, recovery_wrap) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {created.vault_id, handle_hash, by_passphrase.salt, static_cast<std::int64_t>(by_passphrase.params.opslimit),
         static_cast<std::int64_t>(by_passphrase.params.memlimit), by_passphrase.sealed, by_code.salt,
         static_cast<std::int64_t>(by_code.params.opslimit), static_cast<std::int64_t>(by_code.params.memlimit),
         by_code.sealed}));
    if (records != nullptr) {
      for (const VaultRecord& record : *records) {
        VAARDIG_RETURN_IF_ERROR(internal::InsertRecord(tx, created.vault_id, dek, record));
      }
    }
    return Ok();
  });
  if (!status) {
    if (status.error().code() == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, "a wallet with this name already exists");
    }
    return Fail(status.error());
  }
  created.recovery_code = FormatRecoveryCode(code);
  return created;
}

Result<NewVault> VaultStore::CreateVault(std::string_view handle, std::string_view passphrase) {
  return Create(handle, passphrase, nullptr);
}

Result<UnlockedVault> VaultStore::Unlock(std::string_view handle, std::string_view passphrase) {
  VAARDIG_ASSIGN_OR_RETURN(store::Blob handle_hash, HandleHash(handle));
  if (passphrase.size() > kMaxPassphraseBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "passphrase must be at most " + std::to_string(kMaxPassphraseBytes) + " bytes");
  }
  VAARDIG_ASSIGN_OR_RETURN(auto row, db_->QueryOne(std::string(kVaultColumns) + "WHERE handle_hash = ?",
                                                   {std::move(handle_hash)}));
  if (!row) {
    SpendUnlockWork(options_.kdf, SecretView(passphrase));
    return Fail(ErrorCode::kUnauthenticated, std::string(kWrongPassphrase));
  }
  std::string vault_id = row->Text("id");
  const internal::Wrap wrap = WrapFromRow(*row, "passphrase");
  auto dek = internal::UnwrapKey(wrap, SecretView(passphrase), vault_id, internal::kPassphraseWrap);
  if (!dek) {
    if (dek.error().code() == ErrorCode::kUnauthenticated) {
      return Fail(ErrorCode::kUnauthenticated, std::string(kWrongPassphrase));
    }
    if (dek.error().code() == ErrorCode::kInvalidArgument || dek.error().code() == ErrorCode::kDataLoss) {
      return Fail(ErrorCode::kDataLoss, "the wallet's key wrap is damaged: " + dek.error().message());
    }
    return Fail(dek.error());
  }
  if (wrap.params != options_.kdf) {
    // Raise (or follow) the configured strength: a new wrap of the same key. Best effort: when it
    // fails, the old wrap stays valid and the next unlock tries again.
    auto rewrapped =
        internal::WrapKey(*dek, SecretView(passphrase), options_.kdf, vault_id, internal::kPassphraseWrap);
    if (rewrapped) {
      (void)db_->Execute(
          "UPDATE vaults SET passphrase_salt = ?, passphrase_opslimit = ?, passphrase_memlimit = ?, "
          "passphrase_wrap = ? WHERE id = ? AND passphrase_wrap = ?",
          {rewrapped->salt, static_cast<std::int64_t>(rewrapped->params.opslimit),
           static_cast<std::int64_t>(rewrapped->params.memlimit), rewrapped->sealed, vault_id, wrap.sealed});
    }
  }
  return MakeUnlocked(std::move(vault_id), std::move(*dek));
}

Status VaultStore::ChangePassphrase(const UnlockedVault& vault, std::string_view new_passphrase) {
  VAARDIG_RETURN_IF_ERROR(internal::CheckPassphrase(new_passphrase, "new passphrase"));
  VAARDIG_ASSIGN_OR_RETURN(internal::Wrap wrap, internal::WrapKey(vault.dek_, SecretView(new_passphrase),
                                                                  options_.kdf, vault.id(), internal::kPassphraseWrap));
  return db_->InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(
        std::int64_t updated,
        tx.Execute("UPDATE vaults SET passphrase_salt = ?, passphrase_opslimit = ?, passphrase_memlimit = ?, "
                   "passphrase_wrap = ? WHERE id = ?",
                   {wrap.salt, static_cast<std::int64_t>(wrap.params.opslimit),
                    static_cast<std::int64_t>(wrap.params.memlimit), wrap.sealed, vault.id()}));
    if (updated != 1) return Fail(ErrorCode::kNotFound, "this wallet no longer exists");
    return Ok();
  });
}

Result<RecoveredVault> VaultStore::RecoverWithCode(std::string_view handle, std::string_view recovery_code,
                                                   std::string_view new_passphrase) {
  VAARDIG_ASSIGN_OR_RETURN(store::Blob handle_hash, HandleHash(handle));
  VAARDIG_RETURN_IF_ERROR(internal::CheckPassphrase(new_passphrase, "new passphrase"));
  VAARDIG_ASSIGN_OR_RETURN(const crypto::SecretBytes code, ParseRecoveryCode(recovery_code));
  VAARDIG_ASSIGN_OR_RETURN(auto row, db_->QueryOne(std::string(kVaultColumns) + "WHERE handle_hash = ?",
                                                   {std::move(handle_hash)}));
  if (!row) {
    SpendUnlockWork(options_.kdf, code.Reveal());
    return Fail(ErrorCode::kUnauthenticated, std::string(kWrongRecoveryCode));
  }
  std::string vault_id = row->Text("id");
  const internal::Wrap old_code_wrap = WrapFromRow(*row, "recovery");
  auto dek = internal::UnwrapKey(old_code_wrap, code.Reveal(), vault_id, internal::kRecoveryWrap);
  if (!dek) {
    if (dek.error().code() == ErrorCode::kUnauthenticated) {
      return Fail(ErrorCode::kUnauthenticated, std::string(kWrongRecoveryCode));
    }
    if (dek.error().code() == ErrorCode::kInvalidArgument || dek.error().code() == ErrorCode::kDataLoss) {
      return Fail(ErrorCode::kDataLoss, "the wallet's recovery wrap is damaged: " + dek.error().message());
    }
    return Fail(dek.error());
  }
  const crypto::SecretBytes new_code = GenerateRecoveryCode();
  VAARDIG_ASSIGN_OR_RETURN(internal::Wrap by_passphrase,
                           internal::WrapKey(*dek, SecretView(new_passphrase), options_.kdf, vault_id,
                                             internal::kPassphraseWrap));
  VAARDIG_ASSIGN_OR_RETURN(internal::Wrap by_code, internal::WrapKey(*dek, new_code.Reveal(), options_.kdf,
                                                                     vault_id, internal::kRecoveryWrap));
  VAARDIG_RETURN_IF_ERROR(db_->InTransaction([&](store::Database& tx) -> Status {
    // Only if the code just used is still the current one: a code works once.
    VAARDIG_ASSIGN_OR_RETURN(
        std::int64_t updated,
        tx.Execute("UPDATE vaults SET passphrase_salt = ?, passphrase_opslimit = ?, passphrase_memlimit = ?, "
                   "passphrase_wrap = ?, recovery_salt = ?, recovery_opslimit = ?, recovery_memlimit = ?, "
                   "recovery_wrap = ? WHERE id = ? AND recovery_wrap = ?",
                   {by_passphrase.salt, static_cast<std::int64_t>(by_passphrase.params.opslimit),
                    static_cast<std::int64_t>(by_passphrase.params.memlimit), by_passphrase.sealed, by_code.salt,
                    static_cast<std::int64_t>(by_code.params.opslimit),
                    static_cast<std::int64_t>(by_code.params.memlimit), by_code.sealed, vault_id,
                    old_code_wrap.sealed}));
    if (updated != 1) return Fail(ErrorCode::kAborted, "the recovery code was used meanwhile; sign in again");
    return Ok();
  }));
  return RecoveredVault{MakeUnlocked(std::move(vault_id), std::move(*dek)), FormatRecoveryCode(new_code)};
}

Result<std::string> VaultStore::ReplaceRecoveryCode(const UnlockedVault& vault) {
  const crypto::SecretBytes code = GenerateRecoveryCode();
  VAARDIG_ASSIGN_OR_RETURN(internal::Wrap wrap, internal::WrapKey(vault.dek_, code.Reveal(), options_.kdf,
                                                                  vault.id(), internal::kRecoveryWrap));
  VAARDIG_RETURN_IF_ERROR(db_->InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(
        std::int64_t updated,
        tx.Execute("UPDATE vaults SET recovery_salt = ?, recovery_opslimit = ?, recovery_memlimit = ?, "
                   "recovery_wrap = ? WHERE id = ?",
                   {wrap.salt, static_cast<std::int64_t>(wrap.params.opslimit),
                    static_cast<std::int64_t>(wrap.params.memlimit), wrap.sealed, vault.id()}));
    if (updated != 1) return Fail(ErrorCode::kNotFound, "this wallet no longer exists");
    return Ok();
  }));
  return FormatRecoveryCode(code);
}

Status VaultStore::DeleteVault(UnlockedVault&& vault) {
  const UnlockedVault closing = std::move(vault);
  return db_->InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(tx.Execute("DELETE FROM vault_records WHERE vault_id = ?", {closing.id()}));
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t deleted, tx.Execute("DELETE FROM vaults WHERE id = ?", {closing.id()}));
    if (deleted != 1) return Fail(ErrorCode::kNotFound, "this wallet no longer exists");
    return Ok();
  });
}

}  // namespace vaardig::wallet
