// Encrypted backup files (vault.h): export, import into an open vault, restore into a new one.
//
// Layout (big-endian integers), the first kHeaderSize bytes being the associated data:
//   0  magic "VDGWBKUP"        8 bytes
//   8  format version (1)      1 byte
//   9  KDF (1 = Argon2id v1.3) 1 byte
//  10  opslimit                4 bytes
//  14  memlimit (bytes)        8 bytes
//  22  salt                    16 bytes
//  38  sealed length           8 bytes
//  46  nonce ‖ ciphertext ‖ tag of the JSON
//      {"format":"vaardig-wallet-backup","version":1,"records":[{"id","kind","created","updated","content"}]}
#include <cstring>
#include <set>

#include "core/crypto/aead.h"
#include "core/crypto/random.h"
#include "wallet/app/internal/vault_codec.h"
#include "wallet/app/vault.h"

#include <algorithm>

namespace vaardig::wallet {

namespace {

constexpr std::string_view kMagic = "VDGWBKUP";
constexpr std::uint8_t kVersion = 1;
constexpr std::uint8_t kKdfArgon2id13 = 1;
constexpr std::size_t kHeaderSize = 46;
constexpr std::string_view kFormatName = "vaardig-wallet-backup";

void PutBigEndian(Bytes& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint64_t GetBigEndian(ByteView in, std::size_t offset, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | in[offset + static_cast<std::size_t>(i)];
  return value;
}

Bytes MakeHeader(const crypto::Argon2idParams& params, ByteView salt, std::uint64_t sealed_size) {
  Bytes header(kMagic.begin(), kMagic.end());
  header.push_back(kVersion);
  header.push_back(kKdfArgon2id13);
  PutBigEndian(header, params.opslimit, 4);
  PutBigEndian(header, params.memlimit, 8);
  header.insert(header.end(), salt.begin(), salt.end());
  PutBigEndian(header, sealed_size, 8);
  return header;
}

Result<std::vector<VaultRecord>> RecordsFromBackupJson(const Json& json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "backup contents must be a JSON object");
  VAARDIG_ASSIGN_OR_RETURN(const std::string format, GetString(json, "format"));
  VAARDIG_ASSIGN_OR_RETURN(const std::int64_t version, GetInt(json, "version"));
  if (format != kFormatName || version != 1) {
    return Fail(ErrorCode::kInvalidArgument, "backup contents are not a version 1 Vaardig wallet backup");
  }
  const auto records = json.find("records");
  if (records == json.end() || !records->is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "backup member 'records' must be an array");
  }
  if (records->size() > kMaxRecordsPerVault) {
    return Fail(ErrorCode::kResourceExhausted,
                "a backup holds at most " + std::to_string(kMaxRecordsPerVault) + " records");
  }
  std::vector<VaultRecord> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < records->size(); ++i) {
    auto record = internal::RecordFromJson((*records)[i], true);
    if (!record) return Fail(record.error().WithContext("backup record " + std::to_string(i)));
    if (!ids.insert(record->id).second) {
      return Fail(ErrorCode::kInvalidArgument, "backup record " + std::to_string(i) + " repeats id " + record->id);
    }
    out.push_back(std::move(*record));
  }
  return out;
}

crypto::Argon2idParams StrongestFor(const crypto::Argon2idParams& configured) {
  const crypto::Argon2idParams moderate = crypto::Argon2idParams::Moderate();
  return {std::max(configured.opslimit, moderate.opslimit), std::max(configured.memlimit, moderate.memlimit)};
}

// Checks the file, opens it and parses the records; writes nothing.
// `strongest`: the costliest Argon2id parameters a backup may ask for here (a hosted service must
// not let an uploaded file spend more memory and time than its own sign-ins do).
Result<std::vector<VaultRecord>> OpenBackup(ByteView backup, std::string_view passphrase,
                                            const crypto::Argon2idParams& strongest) {
  if (backup.size() > kMaxBackupBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "a backup file must be at most " + std::to_string(kMaxBackupBytes) + " bytes");
  }
  if (backup.size() < kMagic.size() || std::memcmp(backup.data(), kMagic.data(), kMagic.size()) != 0) {
    return Fail(ErrorCode::kInvalidArgument, "this is not a Vaardig wallet backup file");
  }
  if (backup.size() < kHeaderSize) return Fail(ErrorCode::kInvalidArgument, "the backup file is truncated");
  if (backup[8] != kVersion) {
    return Fail(ErrorCode::kUnimplemented,
                "backup format version " + std::to_string(backup[8]) + " is not supported (this program reads 1)");
  }
  if (backup[9] != kKdfArgon2id13) {
    return Fail(ErrorCode::kUnimplemented, "backup key derivation " + std::to_string(backup[9]) + " is not supported");
  }
  const crypto::Argon2idParams params{GetBigEndian(backup, 10, 4), GetBigEndian(backup, 14, 8)};
  if (auto valid = crypto::CheckArgon2idParams(params); !valid) {
    return Fail(valid.error().WithContext("backup header"));
  }
  if (params.opslimit > strongest.opslimit || params.memlimit > strongest.memlimit) {
    return Fail(ErrorCode::kInvalidArgument,
                "backup header: its key derivation is costlier than this wallet allows (at most " +
                    std::to_string(strongest.opslimit) + " passes, " + std::to_string(strongest.memlimit >> 20) + " MiB)");
  }
  const std::uint64_t sealed_size = GetBigEndian(backup, 38, 8);
  if (sealed_size > backup.size() - kHeaderSize) {
    return Fail(ErrorCode::kInvalidArgument, "the backup file is truncated");
  }
  if (sealed_size < backup.size() - kHeaderSize) {
    return Fail(ErrorCode::kInvalidArgument, "the backup file has bytes after its end");
  }
  if (passphrase.size() > kMaxPassphraseBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "backup passphrase must be at most " + std::to_string(kMaxPassphraseBytes) + " bytes");
  }
  VAARDIG_ASSIGN_OR_RETURN(const crypto::SecretBytes key,
                           crypto::DeriveArgon2idKey(AsBytes(passphrase), backup.subspan(22, 16), params));
  auto plaintext = crypto::AeadOpen(key, backup.subspan(kHeaderSize), backup.first(kHeaderSize));
  if (!plaintext) {
    return Fail(ErrorCode::kUnauthenticated,
                "the backup does not open: wrong backup passphrase, or the file is damaged");
  }
  JsonLimits limits = internal::RecordJsonLimits();
  limits.max_bytes = kMaxBackupBytes;
  limits.max_depth += 3;  // root object, records array, record object
  const auto text = plaintext->Reveal();
  auto json = ParseJson(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), limits);
  if (!json) {
    // The parser's message may quote contents: keep only its code.
    return Fail(json.error().code(), "the backup opens but its contents are not valid JSON within the limits");
  }
  return RecordsFromBackupJson(*json);
}

}  // namespace

Result<Bytes> UnlockedVault::ExportBackup(std::string_view backup_passphrase) const {
  VAARDIG_RETURN_IF_ERROR(internal::CheckPassphrase(backup_passphrase, "backup passphrase"));
  VAARDIG_ASSIGN_OR_RETURN(VaultListing listing, List());
  if (!listing.damaged_ids.empty()) {
    return Fail(ErrorCode::kDataLoss, "record " + listing.damaged_ids.front() +
                                          " is damaged and cannot be backed up; delete it, then export again");
  }
  Json records = Json::array();
  for (const VaultRecord& record : listing.records) records.push_back(internal::RecordToJson(record, true));
  listing.records.clear();
  std::string text =
      DumpJson(Json{{"format", kFormatName}, {"version", 1}, {"records", std::move(records)}});
  const std::size_t sealed_size = text.size() + crypto::kAeadOverhead;
  if (kHeaderSize + sealed_size > kMaxBackupBytes) {
    internal::Wipe(text);
    return Fail(ErrorCode::kResourceExhausted,
                "the backup would be larger than " + std::to_string(kMaxBackupBytes) + " bytes");
  }
  const Bytes salt = crypto::RandomBytes(crypto::kArgon2idSaltSize);
  Bytes header = MakeHeader(kdf_, salt, sealed_size);
  auto key = crypto::DeriveArgon2idKey(AsBytes(backup_passphrase), salt, kdf_);
  if (!key) {
    internal::Wipe(text);
    return Fail(key.error());
  }
  auto sealed = crypto::AeadSeal(*key, AsBytes(text), header);
  internal::Wipe(text);
  if (!sealed) return Fail(sealed.error());
  header.insert(header.end(), sealed->begin(), sealed->end());
  return header;
}

Result<ImportResult> UnlockedVault::ImportBackup(ByteView backup, std::string_view backup_passphrase) {
  VAARDIG_ASSIGN_OR_RETURN(std::vector<VaultRecord> records, OpenBackup(backup, backup_passphrase, StrongestFor(kdf_)));
  ImportResult result;
  VAARDIG_RETURN_IF_ERROR(db_->InTransaction([&](store::Database& tx) -> Status {
    result = {};
    for (const VaultRecord& record : records) {
      VAARDIG_ASSIGN_OR_RETURN(auto existing, tx.QueryOne("SELECT 1 FROM vault_records WHERE vault_id = ? AND id = ?",
                                                          {vault_id_, record.id}));
      if (existing) {
        ++result.already_present;
        continue;
      }
      VAARDIG_RETURN_IF_ERROR(internal::InsertRecord(tx, vault_id_, dek_, record));
      ++result.added;
    }
    VAARDIG_ASSIGN_OR_RETURN(auto count,
                             tx.QueryOne("SELECT COUNT(*) FROM vault_records WHERE vault_id = ?", {vault_id_}));
    if (count && count->Int(0) > static_cast<std::int64_t>(kMaxRecordsPerVault)) {
      return Fail(ErrorCode::kResourceExhausted, "after the import the wallet would hold more than " +
                                                     std::to_string(kMaxRecordsPerVault) + " records");
    }
    return Ok();
  }));
  return result;
}

Result<RestoredVault> VaultStore::RestoreBackup(std::string_view handle, std::string_view passphrase, ByteView backup,
                                                std::string_view backup_passphrase) {
  VAARDIG_RETURN_IF_ERROR(internal::CheckHandle(handle));
  VAARDIG_RETURN_IF_ERROR(internal::CheckPassphrase(passphrase, "passphrase"));
  VAARDIG_ASSIGN_OR_RETURN(std::vector<VaultRecord> records, OpenBackup(backup, backup_passphrase, StrongestFor(options_.kdf)));
  VAARDIG_ASSIGN_OR_RETURN(NewVault created, Create(handle, passphrase, &records));
  return RestoredVault{std::move(created), ImportResult{records.size(), 0}};
}

}  // namespace vaardig::wallet
