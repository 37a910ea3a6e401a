#include "core/did/resolver.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/did/did_jwk.h"
#include "core/did/did_key.h"
#include "core/did/multikey.h"
#include "core/encoding/base64url.h"
#include "tests/did/test_util.h"

namespace vaardig::did {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

// An HttpFetcher that answers from a table and records the URLs asked for. Thread-safe.
class FakeFetcher final : public http::HttpFetcher {
 public:
  void Set(std::string url, Result<http::HttpResponse> response) {
    std::lock_guard lock(mu_);
    responses_.insert_or_assign(std::move(url), std::move(response));
  }
  Result<http::HttpResponse> Get(std::string_view url, const http::FetchLimits&) override {
    std::lock_guard lock(mu_);
    urls_.emplace_back(url);
    auto it = responses_.find(std::string(url));
    if (it == responses_.end()) return Fail(ErrorCode::kNotFound, "fake: no " + std::string(url));
    return it->second;
  }
  std::vector<std::string> urls() const {
    std::lock_guard lock(mu_);
    return urls_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, Result<http::HttpResponse>> responses_;
  std::vector<std::string> urls_;
};

constexpr char kWebDid[] = "did:web:issuer.example";
constexpr char kWebUrl[] = "https://issuer.example/.well-known/did.json";

std::string WebDocument(const std::string& did, const jose::PublicJwk& key) {
  return DumpJson(Json{{"id", did},
                       {"verificationMethod",
                        {{{"id", "#key-1"},
                          {"type", "JsonWebKey2020"},
                          {"controller", did},
                          {"publicKeyJwk", key.ToJson()}}}},
                       {"assertionMethod", {"#key-1"}}});
}

http::HttpResponse Served(std::string body, std::optional<std::int64_t> max_age = std::nullopt) {
  return http::HttpResponse{.status = 200,
                            .content_type = "application/did+json",
                            .body = std::move(body),
                            .max_age = max_age};
}

class ResolverTest : public ::testing::Test {
 protected:
  ResolverOptions Options() {
    ResolverOptions options;
    options.clock = &clock_;
    return options;
  }
  FakeFetcher fetcher_;
  FixedClock clock_{1'700'000'000};
  jose::PublicJwk key_ = testutil::NewP256Jwk();
};

TEST_F(ResolverTest, ResolvesDidJwkAndDidKeyWithoutFetcher) {
  DidResolver resolver(nullptr);
  EXPECT_THAT(resolver.Resolve(testutil::kSpecP256DidJwk), IsOk());
  EXPECT_THAT(resolver.Resolve("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"), IsOk());
}

// did:jwk and did:key documents are kept; the kept one is the same document, and a DID that
// does not resolve is never kept (it fails again, with the same code).
TEST_F(ResolverTest, SelfResolvingDidsAreKeptAndFailuresAreNot) {
  ResolverOptions options = Options();
  options.max_cache_entries = 2;
  DidResolver resolver(nullptr, options);
  const std::string jwk_did(testutil::kSpecP256DidJwk);
  const std::string key_did = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
  auto first = resolver.Resolve(jwk_did);
  ASSERT_THAT(first, IsOk());
  for (int i = 0; i < 3; ++i) {  // the third DID empties the full cache; answers stay the same
    auto again = resolver.Resolve(jwk_did);
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(again->ToJson(), first->ToJson());
    EXPECT_THAT(resolver.Resolve(key_did), IsOk());
    EXPECT_THAT(resolver.Resolve("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"), IsOk());
  }
  const std::string broken = jwk_did.substr(0, jwk_did.size() - 4);
  EXPECT_THAT(resolver.Resolve(broken), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(resolver.Resolve(broken), FailsWith(ErrorCode::kInvalidArgument));
  resolver.ClearCache();
  EXPECT_THAT(resolver.Resolve(jwk_did), IsOk());
}

TEST_F(ResolverTest, ErrorsHaveSpecificCodes) {
  DidResolver resolver(nullptr);
  using enum ErrorCode;
  const struct {
    std::string_view did;
    ErrorCode code;
  } cases[] = {
      {"did:example:123", kUnimplemented},
      {"did:ion:EiD", kUnimplemented},
      {"did:web:issuer.example", kUnavailable},  // no fetcher
      {"not a did", kInvalidArgument},
      {"did:web:issuer.example#key-1", kInvalidArgument},  // a DID URL where a DID is expected
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.did);
    EXPECT_THAT(resolver.Resolve(c.did), FailsWith(c.code));
  }
}

TEST_F(ResolverTest, DidJwkAndDidKeyImplyTheirSingleMethodWithoutFragment) {
  DidResolver resolver(nullptr);
  auto jwk =
      resolver.ResolveVerificationMethod(testutil::kSpecP256DidJwk, Relationship::kAssertionMethod);
  ASSERT_THAT(jwk, IsOk());
  EXPECT_EQ(jwk->id, std::string(testutil::kSpecP256DidJwk) + "#0");
  const std::string did_key = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
  auto key = resolver.ResolveVerificationMethod(did_key, Relationship::kAuthentication);
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(key->id, did_key + "#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
}

TEST_F(ResolverTest, VerificationMethodErrorsHaveSpecificCodes) {
  fetcher_.Set(kWebUrl, Served(WebDocument(kWebDid, key_)));
  DidResolver resolver(&fetcher_, Options());
  const std::string enc_only =
      "did:jwk:" + encoding::Base64UrlEncode(R"({"kty":"EC","crv":"P-256","use":"enc","x":")" +
                                             std::string(testutil::kSpecP256X) + R"(","y":")" +
                                             testutil::kSpecP256Y + R"("})");
  const std::string did_key = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
  using enum ErrorCode;
  const struct {
    std::string did_url;
    Relationship required;
    ErrorCode code;
  } cases[] = {
      {std::string(testutil::kSpecP256DidJwk) + "#1", Relationship::kAssertionMethod, kNotFound},
      {std::string(testutil::kSpecP256DidJwk) + "#", Relationship::kAssertionMethod, kNotFound},
      {did_key + "#z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG",
       Relationship::kAssertionMethod, kNotFound},
      {did_key + "#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", Relationship::kKeyAgreement,
       kPermissionDenied},
      {enc_only + "#0", Relationship::kAssertionMethod, kPermissionDenied},
      {std::string(kWebDid), Relationship::kAssertionMethod, kInvalidArgument},  // no fragment
      {std::string(kWebDid) + "#key-2", Relationship::kAssertionMethod, kNotFound},
      {std::string(kWebDid) + "#key-1", Relationship::kAuthentication, kPermissionDenied},
      {std::string(kWebDid) + "/path#key-1", Relationship::kAssertionMethod, kUnimplemented},
      {std::string(kWebDid) + "?versionId=2#key-1", Relationship::kAssertionMethod, kUnimplemented},
      {"did:example:1#key-1", Relationship::kAssertionMethod, kUnimplemented},
      {"did:web:issuer.example#key 1", Relationship::kAssertionMethod, kInvalidArgument},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.did_url);
    EXPECT_THAT(resolver.ResolveVerificationMethod(c.did_url, c.required), FailsWith(c.code));
  }
  auto ok = resolver.ResolveVerificationMethod(std::string(kWebDid) + "#key-1",
                                               Relationship::kAssertionMethod);
  ASSERT_THAT(ok, IsOk());
  EXPECT_EQ(ok->key, key_);
}

TEST_F(ResolverTest, DidWebHostIsNormalisedBeforeFetching) {
  fetcher_.Set(kWebUrl, Served(WebDocument(kWebDid, key_)));
  DidResolver resolver(&fetcher_, Options());
  auto doc = resolver.Resolve("did:web:Issuer.EXAMPLE");
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ(doc->id, kWebDid);
  EXPECT_EQ(fetcher_.urls(), std::vector<std::string>{kWebUrl});
}

TEST_F(ResolverTest, FetchAndDocumentErrorsKeepTheirCodes) {
  using enum ErrorCode;
  const struct {
    const char* what;
    Result<http::HttpResponse> response;
    ErrorCode code;
  } cases[] = {
      {"unreachable", Fail(kUnavailable, "connection refused"), kUnavailable},
      {"timeout", Fail(kDeadlineExceeded, "slow"), kDeadlineExceeded},
      {"too large", Fail(kResourceExhausted, "big"), kResourceExhausted},
      {"404", Fail(kNotFound, "HTTP 404"), kNotFound},
      {"not JSON", Served("<html>"), kInvalidArgument},
      {"duplicate keys", Served(R"({"id":"did:web:issuer.example","id":"did:web:issuer.example"})"),
       kInvalidArgument},
      {"other id", Served(WebDocument("did:web:evil.example", testutil::NewP256Jwk())),
       kInvalidArgument},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    FakeFetcher fetcher;
    fetcher.Set(kWebUrl, c.response);
    DidResolver resolver(&fetcher, Options());
    EXPECT_THAT(resolver.Resolve(kWebDid), FailsWith(c.code));
  }
}

TEST_F(ResolverTest, LoopbackUsesHttpOnlyWhenAllowed) {
  const std::string did = "did:web:127.0.0.1%3A8080";
  fetcher_.Set("http://127.0.0.1:8080/.well-known/did.json", Served(WebDocument(did, key_)));
  DidResolver strict(&fetcher_, Options());
  EXPECT_THAT(strict.Resolve(did), FailsWith(ErrorCode::kNotFound));  // fetched over https

  ResolverOptions options = Options();
  options.allow_http_for_loopback = true;
  DidResolver lenient(&fetcher_, options);
  EXPECT_THAT(lenient.Resolve(did), IsOk());
  // Other hosts stay on https.
  fetcher_.Set(kWebUrl, Served(WebDocument(kWebDid, key_)));
  EXPECT_THAT(lenient.Resolve(kWebDid), IsOk());
  EXPECT_EQ(fetcher_.urls(),
            (std::vector<std::string>{"https://127.0.0.1:8080/.well-known/did.json",
                                      "http://127.0.0.1:8080/.well-known/did.json", kWebUrl}));
}

TEST_F(ResolverTest, CachedUntilMaxAgeExpires) {
  fetcher_.Set(kWebUrl, Served(WebDocument(kWebDid, key_), 60));
  DidResolver resolver(&fetcher_, Options());
  ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
  clock_.Advance(59);
  ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
  EXPECT_EQ(fetcher_.urls().size(), 1u);
  clock_.Advance(1);
  ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
  EXPECT_EQ(fetcher_.urls().size(), 2u);
}

TEST_F(ResolverTest, CacheTtlIsCappedAndDefaulted) {
  ResolverOptions options = Options();
  options.default_cache_ttl = std::chrono::seconds(10);
  options.max_cache_ttl = std::chrono::seconds(100);
  {
    FakeFetcher fetcher;
    fetcher.Set(kWebUrl, Served(WebDocument(kWebDid, key_), 1'000'000));
    DidResolver resolver(&fetcher, options);
    ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
    clock_.Advance(100);
    ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
    EXPECT_EQ(fetcher.urls().size(), 2u) << "max-age above max_cache_ttl is capped";
  }
  {
    FakeFetcher fetcher;
    fetcher.Set(kWebUrl, Served(WebDocument(kWebDid, key_)));
    DidResolver resolver(&fetcher, options);
    ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
    clock_.Advance(9);
    ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
    clock_.Advance(1);
    ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
    EXPECT_EQ(fetcher.urls().size(), 2u) << "no max-age: default_cache_ttl";
  }
}

TEST_F(ResolverTest, MaxAgeZeroAndFailuresAreNotCached) {
  fetcher_.Set(kWebUrl, Served(WebDocument(kWebDid, key_), 0));
  DidResolver resolver(&fetcher_, Options());
  ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
  ASSERT_THAT(resolver.Resolve(kWebDid), IsOk());
  EXPECT_EQ(fetcher_.urls().size(), 2u);

  fetcher_.Set(kWebUrl, Fail(ErrorCode::kUnavailable, "down"));
  EXPECT_THAT(resolver.Resolve(kWebDid), FailsWith(ErrorCode::kUnavailable));
  fetcher_.Set(kWebUrl, Served(WebDocument(kWebDid, key_), 60));
  EXPECT_THAT(resolver.Resolve(kWebDid), IsOk());
}

TEST_F(ResolverTest, FullCacheEvictsTheEntryThatExpiresFirst) {
  ResolverOptions options = Options();
  options.max_cache_entries = 2;
  const std::string dids[] = {"did:web:a.example", "did:web:b.example", "did:web:c.example"};
  for (int i = 0; i < 3; ++i) {
    fetcher_.Set("https://" + dids[i].substr(8) + "/.well-known/did.json",
                 Served(WebDocument(dids[i], key_), 100 + i));
  }
  DidResolver resolver(&fetcher_, options);
  for (const auto& did : dids) ASSERT_THAT(resolver.Resolve(did), IsOk());
  EXPECT_EQ(fetcher_.urls().size(), 3u);
  ASSERT_THAT(resolver.Resolve(dids[2]), IsOk());  // cached
  ASSERT_THAT(resolver.Resolve(dids[1]), IsOk());  // cached
  ASSERT_THAT(resolver.Resolve(dids[0]), IsOk());  // evicted: fetched again
  EXPECT_EQ(fetcher_.urls().size(), 4u);
}

TEST_F(ResolverTest, ConcurrentResolutionsAgree) {
  fetcher_.Set(kWebUrl, Served(WebDocument(kWebDid, key_), 60));
  DidResolver resolver(&fetcher_, Options());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto method = resolver.ResolveVerificationMethod(std::string(kWebDid) + "#key-1",
                                                         Relationship::kAssertionMethod);
        if (method && method->key == key_) ++ok;
        if (i % 10 == 0) resolver.ClearCache();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 200);
}

}  // namespace
}  // namespace vaardig::did
