#include "issuer/domain/audit_chain.h"

#include <utility>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/encoding/jcs.h"

namespace vaardig::issuer {
namespace {

std::string SeqText(std::int64_t seq) { return std::to_string(seq); }

ChainCheck Broken(const AuditEntry& entry, std::int64_t verified, std::string reason) {
  return ChainCheck{.ok = false,
                    .first_broken_seq = entry.seq,
                    .reason = "entry seq " + SeqText(entry.seq) + ": " + std::move(reason),
                    .entries = verified};
}

}  // namespace

std::string ComputeAuditHash(const AuditEntry& entry) {
  Json sealed = Json::object();
  sealed["seq"] = entry.seq;
  sealed["at"] = entry.at;
  sealed["actor"] = entry.actor;
  sealed["action"] = entry.action;
  sealed["subject"] = entry.subject;
  sealed["details"] = entry.details;
  sealed["prev_hash"] = entry.prev_hash;
  auto canonical = encoding::Canonicalize(sealed);
  if (!canonical) return {};
  return encoding::HexEncode(crypto::Sha256(AsBytes(*canonical)));
}

AuditEntry SealAuditEntry(AuditEntry entry, const std::string& prev_hash) {
  entry.prev_hash = prev_hash;
  entry.hash = ComputeAuditHash(entry);
  return entry;
}

ChainCheck VerifyAuditChain(std::span<const AuditEntry> entries) {
  std::int64_t verified = 0;
  const AuditEntry* previous = nullptr;
  for (const AuditEntry& entry : entries) {
    if (previous == nullptr) {
      if (entry.seq != 1) {
        return Broken(entry, verified,
                      "the log must start at seq 1 (entries before it are missing)");
      }
      if (entry.prev_hash != kAuditGenesisHash) {
        return Broken(entry, verified, "the first entry's prev_hash must be 64 zeros");
      }
    } else {
      if (entry.seq != previous->seq + 1) {
        return Broken(entry, verified,
                      "follows seq " + SeqText(previous->seq) + " (expected seq " +
                          SeqText(previous->seq + 1) +
                          "): entries were deleted, inserted or reordered");
      }
      if (entry.prev_hash != previous->hash) {
        return Broken(entry, verified,
                      "prev_hash does not match the hash of seq " + SeqText(previous->seq) +
                          ": an entry was altered, deleted or inserted before it");
      }
    }
    const std::string expected = ComputeAuditHash(entry);
    if (expected.empty()) {
      return Broken(entry, verified, "contents cannot be canonicalized (invalid UTF-8 or number)");
    }
    if (entry.hash != expected) {
      return Broken(entry, verified, "hash does not match its contents: the entry was altered");
    }
    ++verified;
    previous = &entry;
  }
  return ChainCheck{.ok = true, .first_broken_seq = std::nullopt, .reason = {}, .entries = verified};
}

}  // namespace vaardig::issuer
