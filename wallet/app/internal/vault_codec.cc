#include "wallet/app/internal/vault_codec.h"

#include <sodium.h>

#include <cstring>

#include "core/crypto/aead.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/encoding/utf8.h"

namespace vaardig::wallet::internal {

namespace {

constexpr std::size_t kIdBytes = 16;
constexpr std::size_t kIdChars = 22;
constexpr std::size_t kPadBlock = 512;
constexpr std::size_t kEnvelopeOverhead = 256;

Bytes Aad(std::string_view purpose, std::string_view vault_id, std::string_view item) {
  Bytes aad;
  aad.reserve(purpose.size() + vault_id.size() + item.size() + 2);
  aad.insert(aad.end(), purpose.begin(), purpose.end());
  aad.push_back(0);
  aad.insert(aad.end(), vault_id.begin(), vault_id.end());
  aad.push_back(0);
  aad.insert(aad.end(), item.begin(), item.end());
  return aad;
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t count = 0;
  for (const char c : s) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

}  // namespace

// Never starting with '-' or '_': ids are typed on command lines, where a leading '-' reads as an
// option (one id in 32 would otherwise start so).
std::string NewOpaqueId() {
  for (;;) {
    std::string id = encoding::Base64UrlEncode(crypto::RandomBytes(kIdBytes));
    if (id.front() != '-' && id.front() != '_') return id;
  }
}

Status CheckOpaqueId(std::string_view id, std::string_view what) {
  if (id.size() != kIdChars || !encoding::Base64UrlDecode(id)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " is not a well-formed id");
  }
  return Ok();
}

Status CheckHandle(std::string_view handle) {
  if (handle.empty()) return Fail(ErrorCode::kInvalidArgument, "wallet name must not be empty");
  if (handle.size() > kMaxHandleBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "wallet name must be at most " + std::to_string(kMaxHandleBytes) + " bytes");
  }
  if (!IsValidUtf8(handle)) return Fail(ErrorCode::kInvalidArgument, "wallet name is not valid UTF-8");
  return Ok();
}

Status CheckPassphrase(std::string_view passphrase, std::string_view what) {
  if (passphrase.size() > kMaxPassphraseBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                std::string(what) + " must be at most " + std::to_string(kMaxPassphraseBytes) + " bytes");
  }
  if (!IsValidUtf8(passphrase)) return Fail(ErrorCode::kInvalidArgument, std::string(what) + " is not valid UTF-8");
  const std::size_t count = CountCodePoints(passphrase);
  if (count < kMinPassphraseCodePoints) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " must be at least " +
                                                 std::to_string(kMinPassphraseCodePoints) + " characters long, got " +
                                                 std::to_string(count));
  }
  return Ok();
}

Result<Wrap> WrapKey(const crypto::SecretBytes& dek, ByteView secret, const crypto::Argon2idParams& params,
                     std::string_view vault_id, std::string_view kind) {
  Wrap wrap{crypto::RandomBytes(crypto::kArgon2idSaltSize), params, {}};
  VAARDIG_ASSIGN_OR_RETURN(crypto::SecretBytes kek, crypto::DeriveArgon2idKey(secret, wrap.salt, params));
  VAARDIG_ASSIGN_OR_RETURN(wrap.sealed,
                           crypto::AeadSeal(kek, dek.Reveal(), Aad("vaardig-wallet/wrap/v1", vault_id, kind)));
  return wrap;
}

Result<crypto::SecretBytes> UnwrapKey(const Wrap& wrap, ByteView secret, std::string_view vault_id,
                                      std::string_view kind) {
  VAARDIG_ASSIGN_OR_RETURN(crypto::SecretBytes kek, crypto::DeriveArgon2idKey(secret, wrap.salt, wrap.params));
  auto dek = crypto::AeadOpen(kek, wrap.sealed, Aad("vaardig-wallet/wrap/v1", vault_id, kind));
  if (!dek) return Fail(ErrorCode::kUnauthenticated, "the key does not unwrap");
  if (dek->size() != crypto::kAeadKeySize) return Fail(ErrorCode::kDataLoss, "the wrapped key has the wrong size");
  return std::move(*dek);
}

Json RecordToJson(const VaultRecord& record, bool with_id) {
  Json out = Json::object();
  if (with_id) out["id"] = record.id;
  out["kind"] = RecordKindName(record.kind);
  out["created"] = record.created_at;
  out["updated"] = record.updated_at;
  out["content"] = record.content;
  return out;
}

Result<VaultRecord> RecordFromJson(const Json& json, bool with_id) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "a record must be a JSON object");
  VaultRecord record;
  if (with_id) {
    VAARDIG_ASSIGN_OR_RETURN(record.id, GetString(json, "id"));
    VAARDIG_RETURN_IF_ERROR(CheckOpaqueId(record.id, "member 'id'"));
  }
  VAARDIG_ASSIGN_OR_RETURN(const std::string kind, GetString(json, "kind"));
  VAARDIG_ASSIGN_OR_RETURN(record.kind, ParseRecordKind(kind));
  VAARDIG_ASSIGN_OR_RETURN(record.created_at, GetInt(json, "created"));
  VAARDIG_ASSIGN_OR_RETURN(record.updated_at, GetInt(json, "updated"));
  const auto content = json.find("content");
  if (content == json.end()) return Fail(ErrorCode::kInvalidArgument, "missing member 'content'");
  record.content = *content;
  return record;
}

JsonLimits RecordJsonLimits() {
  JsonLimits limits;
  limits.max_bytes = kMaxRecordBytes + kEnvelopeOverhead;
  limits.max_string_bytes = kMaxRecordBytes;
  return limits;
}

Result<store::Blob> SealRecord(const crypto::SecretBytes& dek, std::string_view vault_id, const VaultRecord& record) {
  std::string content = DumpJson(record.content);
  if (content.size() > kMaxRecordBytes) {
    const std::size_t size = content.size();
    Wipe(content);
    return Fail(ErrorCode::kResourceExhausted, "a wallet record must be at most " + std::to_string(kMaxRecordBytes) +
                                                   " bytes as JSON, got " + std::to_string(size));
  }
  const std::string envelope = "{\"kind\":\"" + std::string(RecordKindName(record.kind)) +
                               "\",\"created\":" + std::to_string(record.created_at) +
                               ",\"updated\":" + std::to_string(record.updated_at) + ",\"content\":";
  // Padded plaintext: envelope ‖ content ‖ "}" ‖ 0x80 ‖ zeros up to a multiple of kPadBlock.
  const std::size_t used = envelope.size() + content.size() + 1;
  crypto::SecretBytes plaintext((used / kPadBlock + 1) * kPadBlock);
  auto pt = plaintext.RevealMutable();
  std::memcpy(pt.data(), envelope.data(), envelope.size());
  std::memcpy(pt.data() + envelope.size(), content.data(), content.size());
  pt[used - 1] = '}';
  pt[used] = 0x80;
  Wipe(content);
  // What is sealed must parse back under the limits reads apply (depth, string sizes).
  auto check = ParseJson(std::string_view(reinterpret_cast<const char*>(pt.data()), used), RecordJsonLimits());
  if (!check) {
    // The parser's message may quote the content: keep only its code.
    return Fail(check.error().code(),
                "wallet record content does not meet the JSON limits (nesting depth, string length, members)");
  }
  return crypto::AeadSeal(dek, plaintext.Reveal(), Aad("vaardig-wallet/record/v1", vault_id, record.id));
}

Result<VaultRecord> OpenRecord(const crypto::SecretBytes& dek, std::string_view vault_id, std::string_view record_id,
                               ByteView sealed) {
  auto plaintext = crypto::AeadOpen(dek, sealed, Aad("vaardig-wallet/record/v1", vault_id, record_id));
  if (!plaintext) {
    return Fail(ErrorCode::kDataLoss, "record " + std::string(record_id) +
                                          " does not open: it was damaged or moved from another record or wallet");
  }
  const auto pt = plaintext->Reveal();
  std::size_t end = pt.size();
  while (end > 0 && pt[end - 1] == 0) --end;
  if (end == 0 || pt[end - 1] != 0x80) {
    return Fail(ErrorCode::kDataLoss, "record " + std::string(record_id) + " opens but its padding is wrong");
  }
  auto json = ParseJson(std::string_view(reinterpret_cast<const char*>(pt.data()), end - 1), RecordJsonLimits());
  if (!json) return Fail(ErrorCode::kDataLoss, "record " + std::string(record_id) + " opens but does not parse");
  auto record = RecordFromJson(*json, false);
  if (!record) {
    return Fail(ErrorCode::kDataLoss, "record " + std::string(record_id) + ": " + record.error().message());
  }
  record->id = std::string(record_id);
  return record;
}

Status InsertRecord(store::Database& db, std::string_view vault_id, const crypto::SecretBytes& dek,
                    const VaultRecord& record) {
  VAARDIG_ASSIGN_OR_RETURN(store::Blob sealed, SealRecord(dek, vault_id, record));
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t inserted,
                           db.Execute("INSERT INTO vault_records (vault_id, id, sealed) VALUES (?, ?, ?)",
                                      {std::string(vault_id), record.id, std::move(sealed)}));
  if (inserted != 1) return Fail(ErrorCode::kInternal, "wallet record not stored");
  return Ok();
}

void Wipe(std::string& text) {
  if (!text.empty()) sodium_memzero(text.data(), text.size());
  text.clear();
}

}  // namespace vaardig::wallet::internal
