// The pure logic of the issuer's audit log: append-only and hash-chained (DESIGN.md §7; issue 6).
//
// Every entry's hash is the lowercase hex SHA-256 of the RFC 8785 (JCS) canonical form of the
// JSON object {seq, at, actor, action, subject, details, prev_hash}; prev_hash is the previous
// entry's hash, and 64 zeros for the first entry (seq 1). Altering, deleting, reordering or
// inserting an entry therefore breaks either a hash, a prev_hash link or the seq continuity,
// and VerifyAuditChain names the first entry where that shows.
//
// What a hash chain cannot show: a writer who rewrites an entry AND re-seals every entry after
// it, or who drops entries at the end. Anchoring the latest hash elsewhere (printing it, a
// signed checkpoint) closes that gap; that belongs to the service, not to this file.
//
// All functions are pure and thread-safe. No storage code lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/encoding/json.h"

namespace vaardig::issuer {

// prev_hash of the first entry.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEntry {
  std::int64_t seq = 0;   // 1, 2, 3, ... without gaps
  std::string at;         // RFC 3339 UTC, e.g. "2026-11-23T15:04:05Z"
  std::string actor;      // who did it (account id, "system")
  std::string action;     // "claim.create", "confirmation.confirm", "key.rotate", ...
  std::string subject;    // what it was done to (claim id, person, key id)
  Json details;           // action-specific; no secrets, no whole credentials
  std::string prev_hash;  // hash of entry seq-1, kAuditGenesisHash for seq 1
  std::string hash;       // ComputeAuditHash of this entry
};

// Lowercase hex SHA-256 over the JCS of {seq, at, actor, action, subject, details, prev_hash}.
// The `hash` member itself is not covered. An entry that JCS cannot canonicalize (a string that
// is not valid UTF-8, a non-finite number in details, nesting beyond JCS's limit) has no hash:
// the result is then empty, which never matches a stored hash, so such an entry never verifies.
[[nodiscard]] std::string ComputeAuditHash(const AuditEntry& entry);

// `entry` with prev_hash set to `prev_hash` and hash computed over it (see ComputeAuditHash for
// the one case where hash comes out empty). The caller assigns seq (previous seq + 1).
[[nodiscard]] AuditEntry SealAuditEntry(AuditEntry entry, const std::string& prev_hash);

struct ChainCheck {
  bool ok = false;
  std::optional<std::int64_t> first_broken_seq;  // the seq stored in the first failing entry
  std::string reason;                            // empty when ok
  std::int64_t entries = 0;                      // entries that verified before the first break
};

// Checks a whole log in stored order, from seq 1: each entry's seq is its predecessor's + 1 (the
// first is 1), its prev_hash is its predecessor's hash (the first's is kAuditGenesisHash), and its
// hash is ComputeAuditHash of its contents. Stops at the first failure and names it. An empty log
// is ok.
[[nodiscard]] ChainCheck VerifyAuditChain(std::span<const AuditEntry> entries);

}  // namespace vaardig::issuer
