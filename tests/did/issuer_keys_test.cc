// Finding an SD-JWT VC issuer's key: DIDs (kid as DID URL) and JWT VC Issuer Metadata.
#include "core/did/issuer_keys.h"

#include <gtest/gtest.h>

#include <map>

#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"
#include "tests/crypto/x509_test_util.h"

namespace vaardig::did {
namespace {

class MapFetcher final : public http::HttpFetcher {
 public:
  Result<http::HttpResponse> Get(std::string_view url, const http::FetchLimits&) override {
    ++calls;
    auto it = bodies.find(std::string(url));
    if (it == bodies.end()) return Fail(ErrorCode::kNotFound, "404 for " + std::string(url));
    return http::HttpResponse{.status = 200, .content_type = "application/json", .body = it->second, .max_age = {}};
  }
  std::map<std::string, std::string> bodies;
  int calls = 0;
};

jose::PrivateJwk Key(std::optional<std::string> kid = {}) {
  return *jose::PrivateJwk::Generate(jose::Algorithm::kEs256, std::move(kid));
}

TEST(JwtVcIssuerMetadataUrl, PutsTheWellKnownSegmentBeforeThePath) {
  EXPECT_EQ(*JwtVcIssuerMetadataUrl("https://issuer.example"), "https://issuer.example/.well-known/jwt-vc-issuer");
  EXPECT_EQ(*JwtVcIssuerMetadataUrl("https://issuer.example/"), "https://issuer.example/.well-known/jwt-vc-issuer");
  EXPECT_EQ(*JwtVcIssuerMetadataUrl("https://issuer.example:8443/tenant/1"),
            "https://issuer.example:8443/.well-known/jwt-vc-issuer/tenant/1");
  EXPECT_EQ(*JwtVcIssuerMetadataUrl("http://127.0.0.1:9000/x", true), "http://127.0.0.1:9000/.well-known/jwt-vc-issuer/x");
  for (const char* bad : {"http://issuer.example", "ftp://x", "https://", "https://u@issuer.example",
                          "https://issuer.example/?q", "issuer.example"}) {
    EXPECT_FALSE(JwtVcIssuerMetadataUrl(bad, true).has_value()) << bad;
  }
  EXPECT_FALSE(JwtVcIssuerMetadataUrl("http://issuer.example", true).has_value());
}

TEST(IssuerKeyResolver, DidJwkIssuerWithOrWithoutKid) {
  DidResolver dids(nullptr);
  IssuerKeyResolver resolver(dids, nullptr);
  const auto key = Key();
  const std::string iss = CreateDidJwk(key.public_jwk());
  for (const Json& header : {Json{{"alg", "ES256"}}, Json{{"alg", "ES256"}, {"kid", iss + "#0"}},
                             Json{{"alg", "ES256"}, {"kid", "#0"}}}) {
    auto found = resolver.Find(header, Json{{"iss", iss}});
    ASSERT_TRUE(found) << header.dump() << ": " << found.error();
    EXPECT_EQ(*found, key.public_jwk());
  }
  // A kid of another DID is not the issuer's key.
  const std::string other = CreateDidJwk(Key().public_jwk());
  auto foreign = resolver.Find(Json{{"alg", "ES256"}, {"kid", other + "#0"}}, Json{{"iss", iss}});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}}, Json::object()).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}, {"kid", 5}}, Json{{"iss", iss}}).error().code(),
            ErrorCode::kInvalidArgument);
}

TEST(IssuerKeyResolver, HttpsIssuerThroughJwtVcIssuerMetadata) {
  MapFetcher fetcher;
  DidResolver dids(&fetcher);
  IssuerKeyResolver resolver(dids, &fetcher);
  const auto k1 = Key("k1");
  const auto k2 = Key("k2");
  const std::string iss = "https://issuer.example/tenant";
  fetcher.bodies["https://issuer.example/.well-known/jwt-vc-issuer/tenant"] =
      Json{{"issuer", iss}, {"jwks", {{"keys", {k1.public_jwk().ToJson(), k2.public_jwk().ToJson()}}}}}.dump();
  auto found = resolver.Find(Json{{"alg", "ES256"}, {"kid", "k2"}}, Json{{"iss", iss}});
  ASSERT_TRUE(found) << found.error();
  EXPECT_EQ(*found, k2.public_jwk());
  // Two ES256 keys and no kid: ambiguous.
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}}, Json{{"iss", iss}}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}, {"kid", "k3"}}, Json{{"iss", iss}}).error().code(), ErrorCode::kNotFound);

  // jwks_uri instead of jwks.
  const std::string iss2 = "https://other.example";
  fetcher.bodies["https://other.example/.well-known/jwt-vc-issuer"] =
      Json{{"issuer", iss2}, {"jwks_uri", "https://other.example/jwks.json"}}.dump();
  fetcher.bodies["https://other.example/jwks.json"] = Json{{"keys", {k1.public_jwk().ToJson()}}}.dump();
  auto via_uri = resolver.Find(Json{{"alg", "ES256"}}, Json{{"iss", iss2}});
  ASSERT_TRUE(via_uri) << via_uri.error();
  EXPECT_EQ(*via_uri, k1.public_jwk());

  // Metadata that names another issuer is not trusted for this one.
  const std::string iss3 = "https://third.example";
  fetcher.bodies["https://third.example/.well-known/jwt-vc-issuer"] =
      Json{{"issuer", "https://evil.example"}, {"jwks", {{"keys", {k1.public_jwk().ToJson()}}}}}.dump();
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}}, Json{{"iss", iss3}}).error().code(), ErrorCode::kPermissionDenied);
  // No metadata at all.
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}}, Json{{"iss", "https://none.example"}}).error().code(),
            ErrorCode::kNotFound);
  // An http issuer is refused without fetching.
  const int before = fetcher.calls;
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}}, Json{{"iss", "http://issuer.example"}}).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(fetcher.calls, before);
}

}  // namespace
}  // namespace vaardig::did

namespace vaardig::did {
namespace {

TEST(IssuerKeyResolver, X5cChainToAConfiguredAnchor) {
  using crypto::testing::MakeCert;
  using crypto::testing::NewKey;
  const std::int64_t now = 1'800'000'000;
  const auto root = MakeCert(NewKey("EC"), "Root", nullptr, true, now - 1000, now + 100000);
  const auto leaf_key = NewKey("EC");
  const auto leaf = MakeCert(leaf_key, "issuer", &root, false, now - 1000, now + 100000, "DNS:issuer.example");
  const auto anchors = *crypto::X509TrustAnchors::FromDer({root.der});
  FixedClock clock(now);
  DidResolver dids(nullptr);
  IssuerKeyResolver resolver(dids, nullptr, {.x509_anchors = &anchors, .clock = &clock});
  const Json header = {{"alg", "ES256"}, {"x5c", {encoding::Base64Encode(leaf.der)}}};

  auto found = resolver.Find(header, Json{{"iss", "https://issuer.example"}});
  ASSERT_TRUE(found) << found.error();
  EXPECT_EQ(found->algorithm(), jose::Algorithm::kEs256);
  // The chain is for another host.
  EXPECT_EQ(resolver.Find(header, Json{{"iss", "https://elders.example"}}).error().code(), ErrorCode::kPermissionDenied);
  // Expired by the injected clock.
  clock.Advance(200000);
  EXPECT_EQ(resolver.Find(header, Json{{"iss", "https://issuer.example"}}).error().code(), ErrorCode::kUnauthenticated);
  // Not base64.
  EXPECT_EQ(resolver.Find(Json{{"alg", "ES256"}, {"x5c", {"***"}}}, Json{{"iss", "https://issuer.example"}}).error().code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace vaardig::did
