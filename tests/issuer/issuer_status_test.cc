// Issue 7 part B1: the status registry (status_registry.h): allocation, status changes with
// rights, publication and its cache.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>
#include <variant>

#include "core/did/document.h"
#include "core/status/bitstring_status_list_credential.h"
#include "tests/issuer/issuer_b1_test_util.h"

namespace vaardig::issuer {
namespace {

using namespace b1testing;  // NOLINT(google-build-using-namespace): test helpers

// ---- allocation -------------------------------------------------------------------------------

TEST(StatusAllocationTest, TenThousandDistinctRandomIndexes) {
  Fixture f;
  auto org = testing::SeedOrganisation(*f.app);
  std::set<std::size_t> token_indexes, revocation_indexes;
  std::set<std::string> token_uris;
  ASSERT_THAT(f.app->db().InTransaction([&](store::Database& tx) -> Status {
    for (int i = 0; i < 10000; ++i) {
      const std::string id = "urn:uuid:test-" + std::to_string(i);
      VAARDIG_ASSIGN_OR_RETURN(auto a, AllocateStatus(tx, f.app->settings(), id, f.app->Now()));
      token_indexes.insert(a.token.idx);
      token_uris.insert(a.token.uri);
      revocation_indexes.insert(a.revocation.status_list_index);
      EXPECT_EQ(a.revocation.status_purpose, "revocation");
      EXPECT_EQ(a.suspension.status_purpose, "suspension");
      EXPECT_NE(a.revocation.status_list_credential, a.suspension.status_list_credential);
      VAARDIG_RETURN_IF_ERROR(tx.Execute(
          "INSERT INTO credentials (id, person_id, configuration_id, format, issuer_kid, credential_sha256, state, "
          "issued_at) VALUES (?, ?, 'c', 'f', 'k', 's', 'valid', ?)",
          {id, org["bob"].person_id, f.app->Now()}));
    }
    return Ok();
  }),
              IsOk());
  EXPECT_EQ(token_indexes.size(), 10000u);
  EXPECT_EQ(revocation_indexes.size(), 10000u);
  EXPECT_EQ(token_uris.size(), 1u);
  EXPECT_TRUE(token_uris.begin()->starts_with(std::string(kPublicUrl) + "/status/token/"));
  // Random, not sequential: the first 10,000 indexes are not 0..9999.
  EXPECT_GT(*token_indexes.rbegin(), 10000u);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_lists"), 3);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_entries"), 30000);
  EXPECT_EQ(CountOf(*f.app, "SELECT MIN(used) FROM status_lists"), 10000);
}

TEST(StatusAllocationTest, ListIsFullAtThreeQuartersAndANewOneOpens) {
  Fixture f;
  std::set<std::string> first_uris;
  for (int i = 0; i < 6; ++i) {
    auto a = Issue(*f.app, "urn:uuid:small-" + std::to_string(i), std::nullopt, std::nullopt, 8);
    ASSERT_THAT(a, IsOk());
    EXPECT_LT(a->token.idx, 8u);
    first_uris.insert(a->token.uri);
  }
  EXPECT_EQ(first_uris.size(), 1u);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_lists WHERE state = 'full'"), 3);
  auto seventh = Issue(*f.app, "urn:uuid:small-6", std::nullopt, std::nullopt, 8);
  ASSERT_THAT(seventh, IsOk());
  EXPECT_NE(seventh->token.uri, *first_uris.begin());
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_lists"), 6);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_lists WHERE state = 'open'"), 3);
}

TEST(StatusAllocationTest, RollbackLeavesNoEntryAndBadInputIsRefused) {
  Fixture f;
  auto rolled_back = f.app->db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(AllocateStatus(tx, f.app->settings(), "urn:uuid:gone", f.app->Now()));
    return Fail(ErrorCode::kInternal, "signing failed");
  });
  EXPECT_THAT(rolled_back, FailsWith(ErrorCode::kInternal));
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_entries"), 0);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_lists"), 0);
  // Without a credentials row the deferred foreign key refuses the commit.
  auto orphan = f.app->db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(AllocateStatus(tx, f.app->settings(), "urn:uuid:orphan", f.app->Now()));
    return Ok();
  });
  EXPECT_FALSE(orphan.has_value());
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_entries"), 0);

  auto empty = AllocateStatus(f.app->db(), f.app->settings(), "", f.app->Now());
  EXPECT_THAT(empty, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(ErrorMessage(empty), "credential id must be 1 to 512 bytes");
  EXPECT_THAT(AllocateStatus(f.app->db(), f.app->settings(), std::string(513, 'x'), f.app->Now()),
              FailsWith(ErrorCode::kInvalidArgument));
  auto bad_size = AllocateStatus(f.app->db(), f.app->settings(), "urn:uuid:x", f.app->Now(), 12);
  EXPECT_THAT(bad_size, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(ErrorMessage(bad_size), "list_size must be a multiple of 8 from 8 to 16777216");
  EXPECT_THAT(AllocateStatus(f.app->db(), f.app->settings(), "urn:uuid:x", f.app->Now(), 0),
              FailsWith(ErrorCode::kInvalidArgument));
}

// A Token Status List index picked ahead (for signing an SD-JWT VC before the transaction) is
// claimed in the transaction when still free, and refused — nothing written — when it was taken
// or its list closed meanwhile.
TEST(StatusAllocationTest, ATokenIndexPickedAheadIsClaimedOnlyWhileFree) {
  Fixture f;
  auto org = testing::SeedOrganisation(*f.app);
  auto none = PickTokenStatus(f.app->db(), f.app->settings());
  ASSERT_THAT(none, IsOk());
  EXPECT_FALSE(none->has_value()) << "no open token list yet";
  auto record = [&](store::Database& tx, const std::string& id) -> Status {
    VAARDIG_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO credentials (id, person_id, configuration_id, format, issuer_kid, credential_sha256, state, "
        "issued_at) VALUES (?, ?, 'c', 'f', 'k', 's', 'valid', ?)",
        {id, org["bob"].person_id, f.app->Now()}));
    return Ok();
  };
  ASSERT_THAT(f.app->db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(AllocateStatus(tx, f.app->settings(), "urn:uuid:first", f.app->Now()));
    return record(tx, "urn:uuid:first");
  }),
              IsOk());
  auto pick = PickTokenStatus(f.app->db(), f.app->settings());
  ASSERT_THAT(pick, IsOk());
  ASSERT_TRUE(pick->has_value());
  const TokenStatusPick picked = **pick;
  EXPECT_EQ(picked.reference.idx, static_cast<std::size_t>(picked.idx));
  EXPECT_TRUE(picked.reference.uri.starts_with(std::string(kPublicUrl) + "/status/token/"));
  // Someone else takes exactly that index first.
  ASSERT_THAT(f.app->db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto claimed, AllocateStatus(tx, f.app->settings(), "urn:uuid:other", f.app->Now(), picked));
    EXPECT_EQ(claimed.token.idx, picked.reference.idx);
    EXPECT_EQ(claimed.token.uri, picked.reference.uri);
    EXPECT_EQ(claimed.revocation.status_purpose, "revocation");
    return record(tx, "urn:uuid:other");
  }),
              IsOk());
  const std::int64_t entries = CountOf(*f.app, "SELECT COUNT(*) FROM status_entries");
  EXPECT_EQ(entries, 6);
  Status taken = f.app->db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(AllocateStatus(tx, f.app->settings(), "urn:uuid:late", f.app->Now(), picked));
    return record(tx, "urn:uuid:late");
  });
  EXPECT_THAT(taken, FailsWith(ErrorCode::kAborted));
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_entries"), entries);
  // A pick from a list that was closed meanwhile is refused too.
  auto again = PickTokenStatus(f.app->db(), f.app->settings());
  ASSERT_TRUE(again && again->has_value());
  ASSERT_THAT(f.app->db().Execute("UPDATE status_lists SET state = 'full' WHERE id = ?", {(*again)->list_id}), IsOk());
  EXPECT_THAT(f.app->db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(AllocateStatus(tx, f.app->settings(), "urn:uuid:closed", f.app->Now(), **again));
    return record(tx, "urn:uuid:closed");
  }),
              FailsWith(ErrorCode::kAborted));
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM status_entries"), entries);
  auto closed = PickTokenStatus(f.app->db(), f.app->settings());
  ASSERT_THAT(closed, IsOk());
  EXPECT_FALSE(closed->has_value()) << "no open token list";
}

// ---- status changes ---------------------------------------------------------------------------

struct StatusFixture : Fixture {
  testing::SeededOrg org = testing::SeedOrganisation(*app);
  const std::string cred = "urn:uuid:bob-klantgesprek";
  StatusAllocation alloc;
  StatusFixture() {
    auto a = Issue(*app, cred, org["bob"].person_id, org["anna"].person_id);
    EXPECT_THAT(a, IsOk());
    if (a) alloc = *a;
  }
};

TEST(StatusChangeTest, RightsFollowTheConfirmingManagerAndHr) {
  StatusFixture f;
  const std::string before = testing::SnapshotWorkflow(*f.app);
  auto other_manager = ChangeCredentialStatus(*f.app, f.org["carl"], f.cred, StatusAction::kSuspend, "check");
  EXPECT_THAT(other_manager, FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(ErrorMessage(other_manager), "credential urn:uuid:bob-klantgesprek not found");
  auto owner = ChangeCredentialStatus(*f.app, f.org["bob"], f.cred, StatusAction::kRevoke, "mine");
  EXPECT_THAT(owner, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_EQ(ErrorMessage(owner), "only HR or the confirming manager may revoke a credential");
  EXPECT_THAT(ChangeCredentialStatus(*f.app, f.org["eva"], f.cred, StatusAction::kRevoke, "x"),
              FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(ChangeCredentialStatus(*f.app, f.org["hanna"], "urn:uuid:unknown", StatusAction::kRevoke, "x"),
              FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(testing::SnapshotWorkflow(*f.app), before);
  EXPECT_EQ(EntryValue(*f.app, f.cred, "status"), 0);

  ASSERT_THAT(ChangeCredentialStatus(*f.app, f.org["anna"], f.cred, StatusAction::kSuspend, "onderzoek"), IsOk());
  EXPECT_EQ(EntryValue(*f.app, f.cred, "status"), 2);
  EXPECT_EQ(EntryValue(*f.app, f.cred, "suspension"), 1);
  EXPECT_EQ(EntryValue(*f.app, f.cred, "revocation"), 0);
  ASSERT_THAT(ChangeCredentialStatus(*f.app, f.org["anna"], f.cred, StatusAction::kUnsuspend, "klaar"), IsOk());
  EXPECT_EQ(EntryValue(*f.app, f.cred, "status"), 0);
  EXPECT_EQ(EntryValue(*f.app, f.cred, "suspension"), 0);
  ASSERT_THAT(ChangeCredentialStatus(*f.app, f.org["hanna"], f.cred, StatusAction::kRevoke, "vertrokken"), IsOk());
  EXPECT_EQ(EntryValue(*f.app, f.cred, "status"), 1);
  EXPECT_EQ(EntryValue(*f.app, f.cred, "revocation"), 1);

  auto row = f.app->db().QueryOne("SELECT state, state_reason, state_changed_by FROM credentials WHERE id = ?",
                                  {f.cred});
  ASSERT_TRUE(row.has_value() && row->has_value());
  EXPECT_EQ((*row)->Text("state"), "revoked");
  EXPECT_EQ((*row)->Text("state_reason"), "vertrokken");
  EXPECT_EQ((*row)->Text("state_changed_by"), f.org["hanna"].AuditActor());
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('credential.suspend', "
                            "'credential.unsuspend', 'credential.revoke') AND subject = 'credential:' || "
                            "'urn:uuid:bob-klantgesprek'"),
            3);
  // The reason is personal: not in the (unerasable) audit log.
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM audit_log WHERE details LIKE '%vertrokken%' OR "
                            "details LIKE '%onderzoek%'"),
            0);
  auto chain = AuditLog::Verify(f.app->db());
  EXPECT_THAT(chain, IsOk());
}

TEST(StatusChangeTest, StateMachineAndReasons) {
  StatusFixture f;
  const Principal& hr = f.org["hanna"];
  auto unsuspend_valid = ChangeCredentialStatus(*f.app, hr, f.cred, StatusAction::kUnsuspend, "r");
  EXPECT_THAT(unsuspend_valid, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(ErrorMessage(unsuspend_valid), "credential urn:uuid:bob-klantgesprek is not suspended");
  ASSERT_THAT(ChangeCredentialStatus(*f.app, hr, f.cred, StatusAction::kSuspend, "r"), IsOk());
  auto twice = ChangeCredentialStatus(*f.app, hr, f.cred, StatusAction::kSuspend, "r");
  EXPECT_THAT(twice, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(ErrorMessage(twice), "credential urn:uuid:bob-klantgesprek is already suspended");
  ASSERT_THAT(ChangeCredentialStatus(*f.app, hr, f.cred, StatusAction::kRevoke, "r"), IsOk());
  EXPECT_EQ(EntryValue(*f.app, f.cred, "suspension"), 0);
  for (auto action : {StatusAction::kRevoke, StatusAction::kSuspend, StatusAction::kUnsuspend}) {
    auto r = ChangeCredentialStatus(*f.app, hr, f.cred, action, "r");
    EXPECT_THAT(r, FailsWith(ErrorCode::kFailedPrecondition));
    EXPECT_EQ(ErrorMessage(r), "credential urn:uuid:bob-klantgesprek is revoked; revocation is final");
  }
  auto no_reason = ChangeCredentialStatus(*f.app, hr, f.cred, StatusAction::kRevoke, "");
  EXPECT_THAT(no_reason, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(ErrorMessage(no_reason), "reason is required");
  auto long_reason = ChangeCredentialStatus(*f.app, hr, f.cred, StatusAction::kRevoke, std::string(2001, 'a'));
  EXPECT_THAT(long_reason, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(ErrorMessage(long_reason), "reason is longer than 2000 characters");
  EXPECT_THAT(ChangeCredentialStatus(*f.app, hr, f.cred, StatusAction::kRevoke, "\xff"),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(ChangeCredentialStatus(*f.app, hr, "", StatusAction::kRevoke, "r"),
              FailsWith(ErrorCode::kInvalidArgument));
}

TEST(StatusChangeTest, AsActorAndListing) {
  StatusFixture f;
  ASSERT_THAT(Issue(*f.app, "urn:uuid:dora-1", f.org["dora"].person_id, f.org["carl"].person_id), IsOk());
  f.clock->Advance(10);
  ASSERT_THAT(Issue(*f.app, "urn:uuid:bob-2", f.org["bob"].person_id, std::nullopt), IsOk());
  // Bob's manager did not confirm bob-2 (HR issued it directly): she cannot see it.
  EXPECT_THAT(ChangeCredentialStatus(*f.app, f.org["anna"], "urn:uuid:bob-2", StatusAction::kSuspend, "r"),
              FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(ChangeCredentialStatus(*f.app, f.org["ivo"], "urn:uuid:bob-2", StatusAction::kSuspend, "r"),
              FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(ChangeCredentialStatusAs(*f.app, "", f.cred, StatusAction::kRevoke, "r"),
              FailsWith(ErrorCode::kInvalidArgument));
  ASSERT_THAT(ChangeCredentialStatusAs(*f.app, "vcalm:hr-system", f.cred, StatusAction::kSuspend, "r"), IsOk());
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM audit_log WHERE actor = 'vcalm:hr-system' AND "
                            "action = 'credential.suspend'"),
            1);

  auto ids = [&](const Principal& p, std::optional<std::int64_t> person = {}) {
    std::vector<std::string> out;
    auto list = ListCredentials(*f.app, p, person);
    EXPECT_THAT(list, IsOk());
    if (list) {
      for (const auto& c : *list) out.push_back(c.id);
    }
    return out;
  };
  EXPECT_EQ(ids(f.org["hanna"]), (std::vector<std::string>{"urn:uuid:bob-2", "urn:uuid:dora-1", f.cred}));
  EXPECT_EQ(ids(f.org["hanna"], f.org["dora"].person_id), (std::vector<std::string>{"urn:uuid:dora-1"}));
  EXPECT_EQ(ids(f.org["anna"]), (std::vector<std::string>{f.cred}));
  EXPECT_EQ(ids(f.org["carl"]), (std::vector<std::string>{"urn:uuid:dora-1"}));
  EXPECT_EQ(ids(f.org["bob"]), (std::vector<std::string>{"urn:uuid:bob-2", f.cred}));
  EXPECT_TRUE(ids(f.org["eva"]).empty());
  auto mine = ListCredentials(*f.app, f.org["bob"]);
  ASSERT_THAT(mine, IsOk());
  const CredentialRecord& suspended = mine->back();
  EXPECT_EQ(suspended.state, "suspended");
  EXPECT_EQ(suspended.person_name, "Bob Bakker");
  EXPECT_EQ(suspended.skill_name_nl, "Klantgesprek voeren");
  EXPECT_EQ(suspended.level, 2);
  EXPECT_EQ(suspended.confirmed_by, f.org["anna"].person_id);
}

// ---- publication ------------------------------------------------------------------------------

TEST(StatusPublisherTest, TokenListVerifiesAndShowsValuesAndIsCached) {
  StatusFixture f;
  ASSERT_THAT(Issue(*f.app, "urn:uuid:second", f.org["eva"].person_id, f.org["anna"].person_id), IsOk());
  StatusListPublisher publisher(*f.app, f.vault);
  const std::int64_t list_id = ListIdOf(f.alloc.token.uri);
  auto first = publisher.Token(list_id);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->content_type, "application/statuslist+jwt");
  EXPECT_EQ(first->max_age, kStatusListTtlSeconds);
  EXPECT_EQ(first->last_modified, "Wed, 18 Nov 2026 11:06:40 GMT");
  EXPECT_TRUE(first->etag.starts_with("\"") && first->etag.ends_with("\"") && first->etag.size() > 10);
  auto again = publisher.Token(list_id);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->etag, first->etag);

  ASSERT_THAT(ChangeCredentialStatus(*f.app, f.org["hanna"], f.cred, StatusAction::kSuspend, "r"), IsOk());
  auto changed = publisher.Token(list_id);  // same second: the version makes the difference
  ASSERT_THAT(changed, IsOk());
  EXPECT_NE(changed->body, first->body);
  EXPECT_NE(changed->etag, first->etag);

  auto key = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt);
  ASSERT_THAT(key, IsOk());
  status::StatusListTokenPolicy policy{.clock = f.clock.get(), .expected_sub = f.alloc.token.uri};
  auto verified = status::VerifyStatusListToken(changed->body, key->key.public_jwk(), policy);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->claims.ttl, kStatusListTtlSeconds);
  EXPECT_EQ(verified->claims.sub, std::string(kPublicUrl) + "/status/token/" + std::to_string(list_id));
  EXPECT_EQ(verified->claims.iss, kPublicUrl);
  EXPECT_EQ(verified->claims.exp, verified->claims.iat + 24 * 3600);
  EXPECT_EQ(verified->list.size(), static_cast<std::size_t>(kStatusListSize));
  EXPECT_EQ(verified->list.Get(f.alloc.token.idx).value_or(9), 2);
  ASSERT_THAT(ChangeCredentialStatus(*f.app, f.org["hanna"], f.cred, StatusAction::kRevoke, "r"), IsOk());
  auto revoked = publisher.Token(list_id);
  ASSERT_THAT(revoked, IsOk());
  verified = status::VerifyStatusListToken(revoked->body, key->key.public_jwk(), policy);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->list.Get(f.alloc.token.idx).value_or(9), 1);
  // Unchanged for longer than half the validity: signed afresh.
  f.clock->Advance(13 * 3600);
  auto later = publisher.Token(list_id);
  ASSERT_THAT(later, IsOk());
  EXPECT_NE(later->body, revoked->body);

  auto wrong_kind = publisher.Bitstring(list_id);
  EXPECT_THAT(wrong_kind, FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(ErrorMessage(wrong_kind), "bitstring status list " + std::to_string(list_id) + " not found");
  EXPECT_THAT(publisher.Token(9999), FailsWith(ErrorCode::kNotFound));
}

TEST(StatusPublisherTest, BitstringCredentialVerifiesAndReadsTheBits) {
  StatusFixture f;
  StatusListPublisher publisher(*f.app, f.vault);
  ASSERT_THAT(ChangeCredentialStatus(*f.app, f.org["anna"], f.cred, StatusAction::kRevoke, "r"), IsOk());
  const std::int64_t list_id = ListIdOf(f.alloc.revocation.status_list_credential);
  auto published = publisher.Bitstring(list_id);
  ASSERT_THAT(published, IsOk());
  EXPECT_EQ(published->content_type, "application/vc+ld+json");
  EXPECT_EQ(publisher.Bitstring(list_id)->body, published->body);
  auto credential = ParseJson(published->body);
  ASSERT_THAT(credential, IsOk());
  EXPECT_EQ((*credential)["id"], f.alloc.revocation.status_list_credential);
  EXPECT_EQ((*credential)["issuer"], kDid);
  EXPECT_EQ((*credential)["credentialSubject"]["ttl"], kStatusListTtlSeconds * 1000);

  // Keys from the issuer's own DID document, as a did:web resolver would find them.
  auto doc_json = BuildIssuerDidDocument(*f.app);
  ASSERT_THAT(doc_json, IsOk());
  auto doc = did::DidDocument::Parse(*doc_json, kDid);
  ASSERT_THAT(doc, IsOk());
  dataintegrity::VerificationKeyLookup lookup = [&](std::string_view vm,
                                                    std::string_view) -> Result<crypto::Ed25519PublicKey> {
    VAARDIG_ASSIGN_OR_RETURN(auto method, doc->GetVerificationMethod(vm, did::Relationship::kAssertionMethod));
    const auto* ed = std::get_if<crypto::Ed25519PublicKey>(&method.key.key());
    if (ed == nullptr) return Fail(ErrorCode::kUnauthenticated, "not Ed25519");
    return *ed;
  };
  status::BitstringCredentialPolicy policy{.clock = f.clock.get()};
  auto verified = status::VerifyBitstringStatusListCredential(*credential, lookup, policy);
  ASSERT_THAT(verified, IsOk());
  auto revoked = status::ReadBitstringStatus(*verified, f.alloc.revocation, kDid);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_EQ(revoked->value, 1);
  EXPECT_FALSE(revoked->valid);

  auto suspension = publisher.Bitstring(ListIdOf(f.alloc.suspension.status_list_credential));
  ASSERT_THAT(suspension, IsOk());
  auto suspension_json = ParseJson(suspension->body);
  ASSERT_THAT(suspension_json, IsOk());
  auto verified_suspension = status::VerifyBitstringStatusListCredential(*suspension_json, lookup, policy);
  ASSERT_THAT(verified_suspension, IsOk());
  auto not_suspended = status::ReadBitstringStatus(*verified_suspension, f.alloc.suspension, kDid);
  ASSERT_THAT(not_suspended, IsOk());
  EXPECT_EQ(not_suspended->value, 0);
  EXPECT_THAT(publisher.Token(list_id), FailsWith(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace vaardig::issuer
