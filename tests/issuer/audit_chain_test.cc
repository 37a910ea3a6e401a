#include "issuer/domain/audit_chain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"

namespace vaardig::issuer {
namespace {

AuditEntry Unsealed(std::int64_t seq, std::string action) {
  return AuditEntry{.seq = seq,
                    .at = "2026-11-23T10:00:0" + std::to_string(seq % 10) + "Z",
                    .actor = "person:E100",
                    .action = std::move(action),
                    .subject = "claim:" + std::to_string(seq),
                    .details = Json{{"level", 2}, {"skill", "https://example.org/skills/kcc"}},
                    .prev_hash = {},
                    .hash = {}};
}

std::vector<AuditEntry> Chain(std::int64_t n) {
  std::vector<AuditEntry> chain;
  std::string prev(kAuditGenesisHash);
  for (std::int64_t seq = 1; seq <= n; ++seq) {
    chain.push_back(SealAuditEntry(Unsealed(seq, "claim.create"), prev));
    prev = chain.back().hash;
  }
  return chain;
}

TEST(ComputeAuditHash, IsSha256OfTheJcsOfTheSealedMembers) {
  const AuditEntry entry = SealAuditEntry(
      AuditEntry{.seq = 1, .at = "2026-11-23T10:00:00Z", .actor = "admin", .action = "key.create",
                 .subject = "key:1", .details = Json{{"b", 1}, {"a", "é"}}, .prev_hash = {},
                 .hash = {}},
      std::string(kAuditGenesisHash));
  // Members sorted by name, as RFC 8785 orders them; `hash` itself is not covered.
  const std::string canonical =
      R"({"action":"key.create","actor":"admin","at":"2026-11-23T10:00:00Z",)"
      R"("details":{"a":"é","b":1},"prev_hash":")" + std::string(kAuditGenesisHash) +
      R"(","seq":1,"subject":"key:1"})";
  EXPECT_EQ(entry.hash, encoding::HexEncode(crypto::Sha256(AsBytes(canonical))));
  EXPECT_EQ(entry.hash.size(), 64u);
  EXPECT_EQ(ComputeAuditHash(entry), entry.hash);
}

TEST(ComputeAuditHash, DependsOnEveryMember) {
  const AuditEntry base = Chain(1)[0];
  std::vector<AuditEntry> variants(7, base);
  variants[0].seq = 2;
  variants[1].at = "2026-11-23T10:00:02Z";
  variants[2].actor = "person:E101";
  variants[3].action = "claim.delete";
  variants[4].subject = "claim:9";
  variants[5].details["level"] = 3;
  variants[6].prev_hash[0] = '1';
  for (const AuditEntry& v : variants) EXPECT_NE(ComputeAuditHash(v), base.hash);
}

TEST(ComputeAuditHash, DetailsMemberOrderDoesNotMatter) {
  AuditEntry a = Unsealed(1, "x");
  AuditEntry b = a;
  a.details = Json::parse(R"({"x":1,"y":2})");
  b.details = Json::parse(R"({"y":2,"x":1})");
  EXPECT_EQ(ComputeAuditHash(a), ComputeAuditHash(b));
}

TEST(ComputeAuditHash, InvalidUtf8GivesNoHash) {
  AuditEntry entry = Unsealed(1, "x");
  entry.actor = "bad\xff";
  EXPECT_EQ(ComputeAuditHash(entry), "");
  const std::vector<AuditEntry> chain = {SealAuditEntry(entry, std::string(kAuditGenesisHash))};
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 1);
  EXPECT_EQ(check.reason,
            "entry seq 1: contents cannot be canonicalized (invalid UTF-8 or number)");
}

TEST(VerifyAuditChain, IntactChainVerifies) {
  const auto chain = Chain(5);
  EXPECT_EQ(chain[0].prev_hash, kAuditGenesisHash);
  for (std::size_t i = 1; i < chain.size(); ++i) EXPECT_EQ(chain[i].prev_hash, chain[i - 1].hash);
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_TRUE(check.ok) << check.reason;
  EXPECT_EQ(check.first_broken_seq, std::nullopt);
  EXPECT_EQ(check.reason, "");
  EXPECT_EQ(check.entries, 5);
}

TEST(VerifyAuditChain, EmptyLogIsOk) {
  const ChainCheck check = VerifyAuditChain({});
  EXPECT_TRUE(check.ok);
  EXPECT_EQ(check.entries, 0);
}

TEST(VerifyAuditChain, AlteredEntryIsNamed) {
  auto chain = Chain(5);
  chain[2].details["level"] = 3;  // seq 3, hash left as it was
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 3);
  EXPECT_EQ(check.entries, 2);
  EXPECT_EQ(check.reason, "entry seq 3: hash does not match its contents: the entry was altered");
}

TEST(VerifyAuditChain, AlteredAndResealedEntryBreaksTheNextLink) {
  auto chain = Chain(5);
  chain[2].actor = "person:E999";
  chain[2] = SealAuditEntry(chain[2], chain[1].hash);  // the tamperer recomputes its hash
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 4);
  EXPECT_EQ(check.reason,
            "entry seq 4: prev_hash does not match the hash of seq 3: an entry was altered, "
            "deleted or inserted before it");
}

TEST(VerifyAuditChain, AlteredHashIsNamed) {
  auto chain = Chain(3);
  chain[1].hash[10] = chain[1].hash[10] == 'a' ? 'b' : 'a';
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 2);
}

TEST(VerifyAuditChain, DeletedEntryIsNamed) {
  auto chain = Chain(5);
  chain.erase(chain.begin() + 2);  // seq 3 gone
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 4);
  EXPECT_EQ(check.entries, 2);
  EXPECT_EQ(check.reason,
            "entry seq 4: follows seq 2 (expected seq 3): entries were deleted, inserted or "
            "reordered");
}

TEST(VerifyAuditChain, DeletedAndRenumberedEntryBreaksTheLink) {
  auto chain = Chain(5);
  chain.erase(chain.begin() + 2);
  for (std::size_t i = 2; i < chain.size(); ++i) chain[i].seq -= 1;  // hide the gap
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 3);  // the former seq 4
  EXPECT_TRUE(check.reason.starts_with("entry seq 3: prev_hash does not match")) << check.reason;
}

TEST(VerifyAuditChain, DeletedFirstEntryIsNamed) {
  auto chain = Chain(3);
  chain.erase(chain.begin());
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 2);
  EXPECT_EQ(check.entries, 0);
  EXPECT_EQ(check.reason,
            "entry seq 2: the log must start at seq 1 (entries before it are missing)");
}

TEST(VerifyAuditChain, FirstEntryMustLinkToGenesis) {
  auto chain = Chain(2);
  chain[0] = SealAuditEntry(chain[0], std::string(64, '1'));
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 1);
  EXPECT_EQ(check.reason, "entry seq 1: the first entry's prev_hash must be 64 zeros");
}

TEST(VerifyAuditChain, ReorderedEntriesAreNamed) {
  auto chain = Chain(5);
  std::swap(chain[1], chain[3]);  // 1 4 3 2 5
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 4);
  EXPECT_EQ(check.entries, 1);
}

TEST(VerifyAuditChain, ReorderedAndRenumberedEntriesBreakTheLink) {
  auto chain = Chain(4);
  std::swap(chain[1], chain[2]);
  std::swap(chain[1].seq, chain[2].seq);  // seq looks continuous again
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 2);
}

TEST(VerifyAuditChain, InsertedEntryIsNamed) {
  auto chain = Chain(4);
  // A forged entry sealed onto seq 2, claiming seq 3, slipped in before the real seq 3.
  AuditEntry forged = SealAuditEntry(Unsealed(3, "claim.confirm"), chain[1].hash);
  chain.insert(chain.begin() + 2, forged);
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 3);  // the real seq 3 now follows the forged seq 3
  EXPECT_EQ(check.entries, 3);
  EXPECT_TRUE(check.reason.starts_with("entry seq 3: follows seq 3")) << check.reason;
}

TEST(VerifyAuditChain, InsertedAndRenumberedEntryBreaksTheLink) {
  auto chain = Chain(4);
  AuditEntry forged = SealAuditEntry(Unsealed(3, "claim.confirm"), chain[1].hash);
  chain.insert(chain.begin() + 2, forged);
  for (std::size_t i = 3; i < chain.size(); ++i) chain[i].seq += 1;
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 4);  // the real seq 3, renumbered: its prev_hash is stale
  EXPECT_TRUE(check.reason.starts_with("entry seq 4: prev_hash does not match")) << check.reason;
}

TEST(VerifyAuditChain, DuplicatedEntryIsNamed) {
  auto chain = Chain(3);
  chain.push_back(chain.back());
  const ChainCheck check = VerifyAuditChain(chain);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_broken_seq, 3);
  EXPECT_EQ(check.entries, 3);
}

}  // namespace
}  // namespace vaardig::issuer
