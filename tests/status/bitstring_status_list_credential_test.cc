// The W3C BitstringStatusListCredential: issued and signed with eddsa-rdfc-2022, then fetched,
// verified, cached and read by BitstringStatusChecker (§3.2), with every way it must fail.
#include "core/status/bitstring_status_list_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/did/resolver.h"
#include "core/encoding/multibase.h"
#include "core/status/token_status_list.h"

namespace vaardig::status {
namespace {

using ::testing::HasSubstr;

MATCHER_P(FailsWith, code, "fails with " + std::string(ErrorCodeName(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) *result_listener << arg.error();
  return arg.has_value();
}

constexpr std::int64_t kNow = 1'800'000'000;
constexpr char kUrl[] = "https://issuer.example/status/3";

class FakeFetcher : public http::HttpFetcher {
 public:
  Result<http::HttpResponse> Get(std::string_view url, const http::FetchLimits&) override {
    ++calls;
    auto it = responses.find(std::string(url));
    if (it == responses.end()) return Fail(ErrorCode::kUnavailable, "connection refused");
    return it->second;
  }
  std::map<std::string, Result<http::HttpResponse>> responses;
  int calls = 0;
};

struct Signer {
  crypto::Ed25519PrivateKey key = crypto::Ed25519PrivateKey::Generate();
  std::string multikey = dataintegrity::EncodeEd25519Multikey(key.public_key());
  std::string did = "did:key:" + multikey;
  std::string method = did + "#" + multikey;
};

struct Fixture {
  Signer issuer;
  FixedClock clock{kNow};
  FakeFetcher fetcher;
  did::DidResolver resolver{nullptr};
  BitstringStatusList list = *BitstringStatusList::Create(kBitstringMinEntries);

  BitstringStatusListCredentialRequest Request(std::string purpose = "revocation") const {
    return {.id = kUrl, .issuer = issuer.did, .status_purpose = std::move(purpose), .valid_from = kNow - 60,
            .valid_until = {}, .ttl_ms = {}};
  }
  Json Sign(const BitstringStatusListCredentialRequest& request) {
    auto signed_list = MakeBitstringStatusListCredential(list, request, issuer.key, issuer.method, kNow - 60);
    EXPECT_THAT(signed_list, IsOk());
    return signed_list ? *signed_list : Json();
  }
  void Serve(const Json& credential, const std::string& url = kUrl, std::optional<std::int64_t> max_age = {}) {
    fetcher.responses.insert_or_assign(url, http::HttpResponse{.status = 200,
                                                               .content_type = "application/vc+ld+json",
                                                               .body = DumpJson(credential),
                                                               .max_age = max_age});
  }
  void Publish(const BitstringStatusListCredentialRequest& request) { Serve(Sign(request)); }
  BitstringStatusChecker Checker(BitstringStatusCheckerOptions options = {}) {
    return BitstringStatusChecker(fetcher, clock, dataintegrity::DidVerificationKeyLookup(resolver), options);
  }
};

BitstringStatusEntry Entry(std::size_t index, std::string purpose = "revocation", int status_size = 1,
                           std::string url = kUrl) {
  return {.id = "", .status_purpose = std::move(purpose), .status_list_index = index,
          .status_list_credential = std::move(url), .status_size = status_size};
}

// Signs `credential` (unsigned) as `signer`.
Json SignAs(const Json& credential, const Signer& signer) {
  dataintegrity::ProofOptions options;
  options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
  options.verification_method = signer.method;
  options.created = "2027-01-15T08:00:00Z";
  auto signed_credential = dataintegrity::AddProof(credential, options, signer.key);
  EXPECT_THAT(signed_credential, IsOk());
  return signed_credential ? *signed_credential : Json();
}

TEST(BitstringStatusListCredential, HasTheShapeOfSpecSection2_2) {
  Fixture f;
  auto request = f.Request();
  request.valid_until = kNow + 86400;
  request.ttl_ms = 300000;
  const Json credential = f.Sign(request);
  EXPECT_EQ(credential["@context"], Json::array({"https://www.w3.org/ns/credentials/v2"}));
  EXPECT_EQ(credential["id"], kUrl);
  EXPECT_EQ(credential["type"], Json::array({"VerifiableCredential", "BitstringStatusListCredential"}));
  EXPECT_EQ(credential["issuer"], f.issuer.did);
  EXPECT_EQ(credential["validFrom"], "2027-01-15T07:59:00Z");
  EXPECT_EQ(credential["validUntil"], "2027-01-16T08:00:00Z");
  const Json& subject = credential["credentialSubject"];
  EXPECT_EQ(subject["id"], std::string(kUrl) + "#list");
  EXPECT_EQ(subject["type"], "BitstringStatusList");
  EXPECT_EQ(subject["statusPurpose"], "revocation");
  EXPECT_EQ(subject["ttl"], 300000);
  EXPECT_EQ(subject["encodedList"], *f.list.Encode());
  EXPECT_EQ(credential["proof"]["type"], "DataIntegrityProof");
  EXPECT_EQ(credential["proof"]["cryptosuite"], "eddsa-rdfc-2022");
  EXPECT_EQ(credential["proof"]["verificationMethod"], f.issuer.method);
  EXPECT_EQ(credential["proof"]["proofPurpose"], "assertionMethod");

  auto read = ReadBitstringStatusListCredentialRequest(credential);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(read->id, kUrl);
  EXPECT_EQ(read->issuer, f.issuer.did);
  EXPECT_EQ(read->status_purpose, "revocation");
  EXPECT_EQ(read->valid_from, kNow - 60);
  EXPECT_EQ(read->valid_until, kNow + 86400);
  EXPECT_EQ(read->ttl_ms, 300000);
}

TEST(BitstringStatusListCredential, BadRequestsAreRejectedNamingTheMember) {
  Fixture f;
  struct Case {
    std::function<void(BitstringStatusListCredentialRequest&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.id = "ftp://issuer.example/list"; }, "status list id must be an http(s) URL"},
      {[](auto& r) { r.id = "https://issuer.example/list#x"; }, "without a fragment"},
      {[](auto& r) { r.issuer = "https://issuer.example"; }, "status list issuer must be a DID"},
      {[](auto& r) { r.status_purpose = ""; }, "statusPurpose must be a short token"},
      {[](auto& r) { r.status_purpose = "revocation suspension"; }, "statusPurpose must be a short token"},
      {[](auto& r) { r.valid_until = r.valid_from; }, "validUntil must be after validFrom"},
      {[](auto& r) { r.ttl_ms = -1; }, "ttl must not be negative"},
  };
  for (const Case& c : cases) {
    auto request = f.Request();
    c.change(request);
    auto made = MakeBitstringStatusListCredential(f.list, request, f.issuer.key, f.issuer.method, kNow);
    ASSERT_THAT(made, FailsWith(ErrorCode::kInvalidArgument)) << c.message;
    EXPECT_THAT(made.error().message(), HasSubstr(c.message));
  }
  // The verification method must be one of the issuer's.
  Signer other;
  auto foreign = MakeBitstringStatusListCredential(f.list, f.Request(), other.key, other.method, kNow);
  ASSERT_THAT(foreign, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(foreign.error().message(), HasSubstr("must be a DID URL of the issuer"));
}

TEST(BitstringStatusChecker, RoundTripReadsRevokedAndValidEntriesAndCaches) {
  Fixture f;
  ASSERT_TRUE(f.list.Set(7, 1));
  ASSERT_TRUE(f.list.Set(131071, 1));
  f.Publish(f.Request());
  auto checker = f.Checker();

  auto revoked = checker.Check(Entry(7), f.issuer.did);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_EQ(revoked->purpose, "revocation");
  EXPECT_EQ(revoked->index, 7u);
  EXPECT_EQ(revoked->value, 1);
  EXPECT_FALSE(revoked->valid);
  EXPECT_FALSE(revoked->from_cache);
  EXPECT_EQ(revoked->status_list_credential, kUrl);

  auto valid = checker.Check(Entry(8), f.issuer.did);
  ASSERT_THAT(valid, IsOk());
  EXPECT_EQ(valid->value, 0);
  EXPECT_TRUE(valid->valid);
  EXPECT_TRUE(valid->from_cache);
  auto last = checker.Check(Entry(131071), f.issuer.did);
  ASSERT_THAT(last, IsOk());
  EXPECT_FALSE(last->valid);
  EXPECT_EQ(f.fetcher.calls, 1);
}

TEST(BitstringStatusChecker, SuspensionListIsReadWithItsPurpose) {
  Fixture f;
  ASSERT_TRUE(f.list.Set(42, 1));
  f.Publish(f.Request("suspension"));
  auto checker = f.Checker();
  auto suspended = checker.Check(Entry(42, "suspension"), f.issuer.did);
  ASSERT_THAT(suspended, IsOk());
  EXPECT_EQ(suspended->purpose, "suspension");
  EXPECT_FALSE(suspended->valid);
  // Lifting the suspension shows once the cache has gone stale (default ttl 300 s).
  ASSERT_TRUE(f.list.Set(42, 0));
  f.Publish(f.Request("suspension"));
  f.clock.Advance(300);
  auto lifted = checker.Check(Entry(42, "suspension"), f.issuer.did);
  ASSERT_THAT(lifted, IsOk());
  EXPECT_TRUE(lifted->valid);
  EXPECT_EQ(f.fetcher.calls, 2);
}

TEST(BitstringStatusChecker, MultiBitStatusesUseTheEntrysStatusSize) {
  Fixture f;
  auto two_bits = BitstringStatusList::Create(kBitstringMinEntries, 2);
  ASSERT_THAT(two_bits, IsOk());
  f.list = *two_bits;
  ASSERT_TRUE(f.list.Set(5, 3));
  ASSERT_TRUE(f.list.Set(6, 2));
  f.Publish(f.Request("message"));
  auto checker = f.Checker();
  auto five = checker.Check(Entry(5, "message", 2), f.issuer.did);
  ASSERT_THAT(five, IsOk());
  EXPECT_EQ(five->value, 3);
  EXPECT_TRUE(five->valid);  // a message says nothing about validity
  EXPECT_EQ(checker.Check(Entry(6, "message", 2), f.issuer.did)->value, 2);
  EXPECT_THAT(checker.Check(Entry(kBitstringMinEntries, "message", 2), f.issuer.did),
              FailsWith(ErrorCode::kInvalidArgument));
  // Read with statusSize 1, the same list has twice as many entries: bits 10 and 11 are entry 5's.
  EXPECT_EQ(checker.Check(Entry(10, "message", 1), f.issuer.did)->value, 1);
  EXPECT_EQ(checker.Check(Entry(11, "message", 1), f.issuer.did)->value, 1);
  EXPECT_EQ(checker.Check(Entry(12, "message", 1), f.issuer.did)->value, 1);
  EXPECT_EQ(checker.Check(Entry(13, "message", 1), f.issuer.did)->value, 0);
}

TEST(BitstringStatusChecker, TamperedListFailsItsProof) {
  Fixture f;
  ASSERT_TRUE(f.list.Set(7, 1));
  Json credential = f.Sign(f.Request());
  // Unrevoke 7 without the issuer's key.
  ASSERT_TRUE(f.list.Set(7, 0));
  credential["credentialSubject"]["encodedList"] = *f.list.Encode();
  f.Serve(credential);
  auto checker = f.Checker();
  auto checked = checker.Check(Entry(7), f.issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(checked.error().message(), HasSubstr("status list credential"));
}

TEST(BitstringStatusChecker, UnsignedListIsUnauthenticated) {
  Fixture f;
  f.Serve(*MakeUnsignedBitstringStatusListCredential(f.list, f.Request()));
  auto checked = f.Checker().Check(Entry(1), f.issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(checked.error().message(), HasSubstr("has no proof"));
}

TEST(BitstringStatusChecker, WrongPurposeIsAStatusVerificationError) {
  Fixture f;
  f.Publish(f.Request("revocation"));
  auto checked = f.Checker().Check(Entry(1, "suspension"), f.issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(checked.error().message(), HasSubstr("statusPurpose 'suspension' of the entry is not a purpose"));
}

TEST(BitstringStatusChecker, ListWithSeveralPurposesAcceptsEach) {
  Fixture f;
  Json credential = *MakeUnsignedBitstringStatusListCredential(f.list, f.Request());
  credential["credentialSubject"]["statusPurpose"] = Json::array({"revocation", "suspension"});
  f.Serve(SignAs(credential, f.issuer));
  auto checker = f.Checker();
  EXPECT_THAT(checker.Check(Entry(1, "suspension"), f.issuer.did), IsOk());
  EXPECT_THAT(checker.Check(Entry(1, "revocation"), f.issuer.did), IsOk());
  EXPECT_THAT(checker.Check(Entry(1, "refresh"), f.issuer.did), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(BitstringStatusChecker, IndexBeyondTheListIsARangeError) {
  Fixture f;
  f.Publish(f.Request());
  auto checked = f.Checker().Check(Entry(kBitstringMinEntries), f.issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(checked.error().message(), HasSubstr("beyond the list of 131072 entries"));
}

TEST(BitstringStatusChecker, ListShorterThan16KiBIsALengthError) {
  Fixture f;
  Json credential = *MakeUnsignedBitstringStatusListCredential(f.list, f.Request());
  auto short_list = GzipCompress(Bytes(1024, 0));
  ASSERT_TRUE(short_list);
  credential["credentialSubject"]["encodedList"] =
      encoding::MultibaseEncode(encoding::Multibase::kBase64Url, *short_list);
  f.Serve(SignAs(credential, f.issuer));
  auto checked = f.Checker().Check(Entry(1), f.issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(checked.error().message(), HasSubstr("shorter than 16 KiB"));
}

TEST(BitstringStatusChecker, ExpiredAndNotYetValidListsAreFailedPrecondition) {
  Fixture f;
  auto request = f.Request();
  request.valid_from = kNow - 7200;
  request.valid_until = kNow - 3600;
  f.Publish(request);
  auto expired = f.Checker().Check(Entry(1), f.issuer.did);
  ASSERT_THAT(expired, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(expired.error().message(), HasSubstr("has expired (validUntil)"));

  request.valid_from = kNow + 3600;
  request.valid_until = {};
  f.Publish(request);
  auto early = f.Checker().Check(Entry(1), f.issuer.did);
  ASSERT_THAT(early, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(early.error().message(), HasSubstr("not valid yet"));

  // Within the 60 s skew both ways it is accepted.
  request.valid_from = kNow + 30;
  request.valid_until = kNow - 30 + 3600;
  f.Publish(request);
  EXPECT_THAT(f.Checker().Check(Entry(1), f.issuer.did), IsOk());
}

TEST(BitstringStatusChecker, CacheHonoursTtlInMilliseconds) {
  Fixture f;
  auto request = f.Request();
  request.ttl_ms = 60'000;
  f.Publish(request);
  auto checker = f.Checker();
  ASSERT_THAT(checker.Check(Entry(9), f.issuer.did), IsOk());
  ASSERT_TRUE(f.list.Set(9, 1));
  f.Publish(request);
  f.clock.Advance(59);
  auto cached = checker.Check(Entry(9), f.issuer.did);
  ASSERT_THAT(cached, IsOk());
  EXPECT_TRUE(cached->valid);
  EXPECT_TRUE(cached->from_cache);
  EXPECT_EQ(f.fetcher.calls, 1);
  f.clock.Advance(1);
  auto fresh = checker.Check(Entry(9), f.issuer.did);
  ASSERT_THAT(fresh, IsOk());
  EXPECT_FALSE(fresh->valid);
  EXPECT_FALSE(fresh->from_cache);
  EXPECT_EQ(f.fetcher.calls, 2);
}

TEST(BitstringStatusChecker, ValidUntilMaxAgeAndMaxTtlBoundTheCache) {
  Fixture f;
  auto request = f.Request();
  request.ttl_ms = 3'600'000;
  request.valid_until = kNow + 100;
  f.Publish(request);
  auto checker = f.Checker();
  ASSERT_THAT(checker.Check(Entry(1), f.issuer.did), IsOk());
  f.clock.Advance(99);
  EXPECT_TRUE(checker.Check(Entry(1), f.issuer.did)->from_cache);
  f.clock.Advance(1);  // at validUntil: refetched (and still within the skew)
  EXPECT_FALSE(checker.Check(Entry(1), f.issuer.did)->from_cache);

  // Without ttl, the HTTP max-age decides; a hostile ttl is capped by max_ttl_seconds.
  Fixture g;
  g.Serve(g.Sign(g.Request()), kUrl, /*max_age=*/10);
  auto by_max_age = g.Checker();
  ASSERT_THAT(by_max_age.Check(Entry(1), g.issuer.did), IsOk());
  g.clock.Advance(10);
  EXPECT_FALSE(by_max_age.Check(Entry(1), g.issuer.did)->from_cache);

  Fixture h;
  auto forever = h.Request();
  forever.ttl_ms = std::int64_t{1} << 50;
  h.Publish(forever);
  auto capped = h.Checker({.max_ttl_seconds = 120});
  ASSERT_THAT(capped.Check(Entry(1), h.issuer.did), IsOk());
  h.clock.Advance(120);
  EXPECT_FALSE(capped.Check(Entry(1), h.issuer.did)->from_cache);
  EXPECT_EQ(h.fetcher.calls, 2);
}

TEST(BitstringStatusChecker, FetchFailuresAreUnavailableAndNotCached) {
  Fixture f;
  auto checker = f.Checker();
  auto refused = checker.Check(Entry(1), f.issuer.did);
  ASSERT_THAT(refused, FailsWith(ErrorCode::kUnavailable));
  EXPECT_THAT(refused.error().message(), HasSubstr("could not be fetched"));

  f.fetcher.responses.insert_or_assign(kUrl, Fail(ErrorCode::kNotFound, "404 Not Found"));
  EXPECT_THAT(checker.Check(Entry(1), f.issuer.did), FailsWith(ErrorCode::kUnavailable));
  f.fetcher.responses.insert_or_assign(kUrl, Fail(ErrorCode::kDeadlineExceeded, "timeout"));
  EXPECT_THAT(checker.Check(Entry(1), f.issuer.did), FailsWith(ErrorCode::kUnavailable));

  f.Publish(f.Request());
  EXPECT_THAT(checker.Check(Entry(1), f.issuer.did), IsOk());
  EXPECT_EQ(f.fetcher.calls, 4);
}

TEST(BitstringStatusChecker, ListOfAnotherIssuerIsPermissionDenied) {
  Fixture f;
  f.Publish(f.Request());
  Signer credential_issuer;
  auto checked = f.Checker().Check(Entry(1), credential_issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_THAT(checked.error().message(), HasSubstr("is not the credential's issuer"));
}

TEST(BitstringStatusChecker, ListSignedBySomeoneElseThanItsIssuerIsPermissionDenied) {
  Fixture f;
  Signer intruder;
  // Claims f.issuer as issuer, but the intruder signed it with their own (valid) key.
  f.Serve(SignAs(*MakeUnsignedBitstringStatusListCredential(f.list, f.Request()), intruder));
  auto checked = f.Checker().Check(Entry(1), f.issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_THAT(checked.error().message(), HasSubstr("not by its issuer"));
}

TEST(BitstringStatusChecker, ListServedAtAnotherUrlIsRejected) {
  Fixture f;
  f.Serve(f.Sign(f.Request()), "https://issuer.example/status/4");
  auto checked = f.Checker().Check(Entry(1, "revocation", 1, "https://issuer.example/status/4"), f.issuer.did);
  ASSERT_THAT(checked, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(checked.error().message(), HasSubstr("is not the URL"));
}

TEST(BitstringStatusChecker, MalformedListsAreInvalidArgument) {
  struct Case {
    std::function<void(Json&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](Json& c) { c["type"] = Json::array({"VerifiableCredential"}); }, "type must include"},
      {[](Json& c) { c["credentialSubject"].erase("statusPurpose"); }, "credentialSubject has no statusPurpose"},
      {[](Json& c) { c["credentialSubject"]["statusPurpose"] = 1; }, "statusPurpose must be a string or an array"},
      {[](Json& c) { c["credentialSubject"].erase("encodedList"); }, "encodedList"},
      {[](Json& c) { c["credentialSubject"]["encodedList"] = "zNotBase64url"; }, "encodedList must be multibase"},
      {[](Json& c) { c["credentialSubject"]["ttl"] = -5; }, "ttl must be a non-negative integer"},
      {[](Json& c) { c["validUntil"] = "tomorrow"; }, "validUntil"},
      {[](Json& c) { c["credentialSubject"] = Json::array(); }, "credentialSubject must be one object"},
  };
  for (const Case& c : cases) {
    Fixture f;
    Json credential = *MakeUnsignedBitstringStatusListCredential(f.list, f.Request());
    c.change(credential);
    f.Serve(SignAs(credential, f.issuer));
    auto checked = f.Checker().Check(Entry(1), f.issuer.did);
    ASSERT_THAT(checked, FailsWith(ErrorCode::kInvalidArgument)) << c.message;
    EXPECT_THAT(checked.error().message(), HasSubstr(c.message));
  }
  Fixture f;
  // Another subject type leaves encodedList undefined, so it cannot even be signed (safe mode);
  // the shape check still names it.
  Json other_type = *MakeUnsignedBitstringStatusListCredential(f.list, f.Request());
  other_type["credentialSubject"]["type"] = "VerifiableCredential";
  auto read = ReadBitstringStatusListCredentialRequest(other_type);
  ASSERT_THAT(read, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(read.error().message(), HasSubstr("credentialSubject type must be BitstringStatusList"));
  f.fetcher.responses.insert_or_assign(kUrl, http::HttpResponse{.status = 200, .body = "{\"a\":1,\"a\":2}"});
  EXPECT_THAT(f.Checker().Check(Entry(1), f.issuer.did), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(f.Checker().Check(Entry(1), ""), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(BitstringStatusChecker, MaxCachedListsEvictsTheEntryThatGoesStaleFirst) {
  Fixture f;
  const std::string other = "https://issuer.example/status/4";
  f.Publish(f.Request());
  auto request = f.Request();
  request.id = other;
  request.ttl_ms = 3'600'000;
  f.Serve(f.Sign(request), other);
  auto checker = f.Checker({.max_cached_lists = 1});
  ASSERT_THAT(checker.Check(Entry(1), f.issuer.did), IsOk());
  ASSERT_THAT(checker.Check(Entry(1, "revocation", 1, other), f.issuer.did), IsOk());
  EXPECT_EQ(f.fetcher.calls, 2);
  // kUrl was evicted to make room for `other`.
  EXPECT_FALSE(checker.Check(Entry(1), f.issuer.did)->from_cache);
  EXPECT_EQ(f.fetcher.calls, 3);
  checker.Clear();
  EXPECT_FALSE(checker.Check(Entry(1, "revocation", 1, other), f.issuer.did)->from_cache);
  EXPECT_EQ(f.fetcher.calls, 4);
}

}  // namespace
}  // namespace vaardig::status
