// The relying party's Status List client: fetch, verify, cache (ttl, exp, max-age), fail closed.
#include "core/status/status_list_client.h"

#include <gtest/gtest.h>

#include <map>

#include "core/crypto/random.h"

namespace vaardig::status {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;
constexpr char kUri[] = "https://issuer.example/status/1";

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

struct Fixture {
  jose::PrivateJwk key = *jose::PrivateJwk::Generate(jose::Algorithm::kEs256, "k1");
  FixedClock clock{kNow};
  FakeFetcher fetcher;
  StatusList list = *StatusList::Create(1, 1024);

  void Publish(std::optional<std::int64_t> ttl, std::optional<std::int64_t> exp,
               std::optional<std::int64_t> max_age = {}) {
    auto token = SignStatusListToken(
        list, {.sub = kUri, .iat = clock.NowSeconds(), .exp = exp, .ttl = ttl, .iss = {}}, key);
    ASSERT_TRUE(token) << token.error();
    fetcher.responses.insert_or_assign(
        kUri, http::HttpResponse{.status = 200, .content_type = "application/statuslist+jwt", .body = *token, .max_age = max_age});
  }
  StatusListClient Client() {
    return StatusListClient(fetcher, clock, [this](const Json& header, const Json&) -> Result<jose::PublicJwk> {
      if (header.value("kid", "") != "k1") return Fail(ErrorCode::kNotFound, "unknown kid");
      return key.public_jwk();
    });
  }
};

TEST(StatusListClient, ReadsStatusesAndCachesForTtl) {
  Fixture f;
  ASSERT_TRUE(f.list.Set(7, 1));
  f.Publish(/*ttl=*/600, /*exp=*/kNow + 3600);
  auto client = f.Client();
  auto revoked = client.Check({.idx = 7, .uri = kUri});
  ASSERT_TRUE(revoked) << revoked.error();
  EXPECT_EQ(revoked->status, 1);
  EXPECT_FALSE(revoked->from_cache);
  auto valid = client.Check({.idx = 8, .uri = kUri});
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid->status, 0);
  EXPECT_TRUE(valid->from_cache);
  EXPECT_EQ(f.fetcher.calls, 1);

  // The issuer unrevokes nothing but suspends 8; we see it only after the ttl.
  ASSERT_TRUE(f.list.Set(8, 1));
  f.Publish(600, kNow + 3600);
  f.clock.Advance(599);
  EXPECT_EQ(client.Check({.idx = 8, .uri = kUri})->status, 0);
  f.clock.Advance(1);
  auto fresh = client.Check({.idx = 8, .uri = kUri});
  ASSERT_TRUE(fresh) << fresh.error();
  EXPECT_EQ(fresh->status, 1);
  EXPECT_EQ(f.fetcher.calls, 2);
}

TEST(StatusListClient, ExpBoundsTheCacheAndMaxAgeIsTheFallback) {
  Fixture f;
  f.Publish(/*ttl=*/{}, /*exp=*/kNow + 100, /*max_age=*/50);
  auto client = f.Client();
  ASSERT_TRUE(client.Check({.idx = 1, .uri = kUri}));
  f.clock.Advance(49);
  ASSERT_TRUE(client.Check({.idx = 1, .uri = kUri}));
  EXPECT_EQ(f.fetcher.calls, 1);
  f.clock.Advance(1);
  ASSERT_TRUE(client.Check({.idx = 1, .uri = kUri}));
  EXPECT_EQ(f.fetcher.calls, 2);

  Fixture g;
  g.Publish(/*ttl=*/100000, /*exp=*/kNow + 30);
  auto client2 = g.Client();
  ASSERT_TRUE(client2.Check({.idx = 1, .uri = kUri}));
  g.clock.Advance(30);
  // The cached copy went stale at exp and is fetched again (still accepted within the skew).
  ASSERT_TRUE(client2.Check({.idx = 1, .uri = kUri}));
  EXPECT_EQ(g.fetcher.calls, 2);
  // Beyond the skew the token itself is expired: rejected, and every check asks again.
  g.clock.Advance(60);
  auto expired = client2.Check({.idx = 1, .uri = kUri});
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(g.fetcher.calls, 3);
}

TEST(StatusListClient, FailsClosedAndNeverCachesFailures) {
  Fixture f;
  auto client = f.Client();
  auto down = client.Check({.idx = 1, .uri = kUri});
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(IsCouldNotCheck(down.error().code()));

  // Signed by a key the lookup does not know.
  auto stranger = jose::PrivateJwk::Generate(jose::Algorithm::kEs256, "k1");
  auto token = SignStatusListToken(f.list, {.sub = kUri, .iat = kNow, .exp = {}, .ttl = {}, .iss = {}}, *stranger);
  f.fetcher.responses.insert_or_assign(kUri, http::HttpResponse{.status = 200, .content_type = "", .body = *token, .max_age = {}});
  auto forged = client.Check({.idx = 1, .uri = kUri});
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code(), ErrorCode::kUnauthenticated);

  // Served at another URI than its sub.
  f.Publish(600, {});
  f.fetcher.responses.insert_or_assign("https://issuer.example/status/2", f.fetcher.responses.at(kUri));
  auto moved = client.Check({.idx = 1, .uri = "https://issuer.example/status/2"});
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code(), ErrorCode::kPermissionDenied);

  // Index beyond the list.
  auto beyond = client.Check({.idx = 1024, .uri = kUri});
  ASSERT_FALSE(beyond);
  EXPECT_EQ(beyond.error().code(), ErrorCode::kInvalidArgument);

  // Not a JWT at all.
  f.fetcher.responses.insert_or_assign(kUri, http::HttpResponse{.status = 200, .content_type = "", .body = "<html>", .max_age = {}});
  client.Clear();
  auto garbage = client.Check({.idx = 1, .uri = kUri});
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), ErrorCode::kInvalidArgument);
}

TEST(StatusIndexAllocator, RandomUniqueAndBounded) {
  auto allocator = StatusIndexAllocator::Create(1000, {1, 2, 3}, 0.5);
  ASSERT_TRUE(allocator);
  std::set<std::size_t> seen = {1, 2, 3};
  for (int i = 0; i < 497; ++i) {
    auto idx = allocator->Allocate();
    ASSERT_TRUE(idx) << idx.error();
    ASSERT_LT(*idx, 1000u);
    ASSERT_TRUE(seen.insert(*idx).second) << "index " << *idx << " handed out twice";
  }
  EXPECT_EQ(allocator->used(), 500u);
  auto full = allocator->Allocate();
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code(), ErrorCode::kResourceExhausted);
  // Not sequential: the first 100 allocations of a fresh list are not 0..99.
  auto fresh = StatusIndexAllocator::Create(1 << 17);
  std::size_t max = 0;
  for (int i = 0; i < 100; ++i) max = std::max(max, *fresh->Allocate());
  EXPECT_GT(max, 1000u);

  EXPECT_EQ(StatusIndexAllocator::Create(10, {10}).error().code(), ErrorCode::kDataLoss);
  EXPECT_EQ(StatusIndexAllocator::Create(10, {4, 4}).error().code(), ErrorCode::kDataLoss);
  EXPECT_EQ(StatusIndexAllocator::Create(0).error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace vaardig::status
