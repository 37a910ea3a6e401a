// UnlockedVault's record operations: every record is sealed on its own (vault.h).
#include <algorithm>

#include "wallet/app/internal/vault_codec.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

namespace {

Status CheckRecordId(std::string_view record_id) { return internal::CheckOpaqueId(record_id, "record id"); }

}  // namespace

Result<std::string> UnlockedVault::Put(RecordKind kind, const Json& content) {
  const std::int64_t now = clock_->NowSeconds();
  VaultRecord record{internal::NewOpaqueId(), kind, now, now, content};
  VAARDIG_RETURN_IF_ERROR(db_->InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto count,
                             tx.QueryOne("SELECT COUNT(*) FROM vault_records WHERE vault_id = ?", {vault_id_}));
    if (count && count->Int(0) >= static_cast<std::int64_t>(kMaxRecordsPerVault)) {
      return Fail(ErrorCode::kResourceExhausted,
                  "a wallet holds at most " + std::to_string(kMaxRecordsPerVault) + " records");
    }
    VAARDIG_ASSIGN_OR_RETURN(auto bytes, tx.QueryOne("SELECT COALESCE(SUM(LENGTH(sealed)), 0) FROM vault_records WHERE vault_id = ?",
                                                     {vault_id_}));
    if (bytes && bytes->Int(0) >= static_cast<std::int64_t>(kMaxVaultBytes)) {
      return Fail(ErrorCode::kResourceExhausted, "the wallet is full (at most 64 MiB); delete something first");
    }
    return internal::InsertRecord(tx, vault_id_, dek_, record);
  }));
  return std::move(record.id);
}

Result<VaultRecord> UnlockedVault::Get(std::string_view record_id) const {
  VAARDIG_RETURN_IF_ERROR(CheckRecordId(record_id));
  VAARDIG_ASSIGN_OR_RETURN(auto row, db_->QueryOne("SELECT sealed FROM vault_records WHERE vault_id = ? AND id = ?",
                                                   {vault_id_, std::string(record_id)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no record " + std::string(record_id) + " in this wallet");
  return internal::OpenRecord(dek_, vault_id_, record_id, row->Bytes("sealed"));
}

Result<VaultListing> UnlockedVault::List(std::optional<RecordKind> kind) const {
  VAARDIG_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT id, sealed FROM vault_records WHERE vault_id = ? ORDER BY id",
                                                 {vault_id_}));
  VaultListing listing;
  for (const store::Row& row : rows) {
    const std::string id = row.Text("id");
    auto record = internal::OpenRecord(dek_, vault_id_, id, row.Bytes("sealed"));
    if (!record) {
      listing.damaged_ids.push_back(id);
      continue;
    }
    if (!kind || record->kind == *kind) listing.records.push_back(std::move(*record));
  }
  std::stable_sort(listing.records.begin(), listing.records.end(), [](const VaultRecord& a, const VaultRecord& b) {
    return a.created_at < b.created_at;
  });
  return listing;
}

Status UnlockedVault::Replace(std::string_view record_id, const Json& content) {
  VAARDIG_RETURN_IF_ERROR(CheckRecordId(record_id));
  return db_->InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT sealed FROM vault_records WHERE vault_id = ? AND id = ?",
                                                   {vault_id_, std::string(record_id)}));
    if (!row) return Fail(ErrorCode::kNotFound, "no record " + std::string(record_id) + " in this wallet");
    VAARDIG_ASSIGN_OR_RETURN(VaultRecord old, internal::OpenRecord(dek_, vault_id_, record_id, row->Bytes("sealed")));
    VaultRecord record{old.id, old.kind, old.created_at, clock_->NowSeconds(), content};
    VAARDIG_ASSIGN_OR_RETURN(store::Blob sealed, internal::SealRecord(dek_, vault_id_, record));
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t updated,
                             tx.Execute("UPDATE vault_records SET sealed = ? WHERE vault_id = ? AND id = ?",
                                        {std::move(sealed), vault_id_, record.id}));
    if (updated != 1) return Fail(ErrorCode::kInternal, "wallet record not updated");
    return Ok();
  });
}

Status UnlockedVault::Delete(std::string_view record_id) {
  VAARDIG_RETURN_IF_ERROR(CheckRecordId(record_id));
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t deleted, db_->Execute("DELETE FROM vault_records WHERE vault_id = ? AND id = ?",
                                                              {vault_id_, std::string(record_id)}));
  if (deleted != 1) return Fail(ErrorCode::kNotFound, "no record " + std::string(record_id) + " in this wallet");
  return Ok();
}

Result<std::int64_t> UnlockedVault::DeleteEverything() {
  return db_->Execute("DELETE FROM vault_records WHERE vault_id = ?", {vault_id_});
}

}  // namespace vaardig::wallet
