// did:web end to end on loopback: TestHttpServer (port 0) ← BeastHttpFetcher ← DidResolver.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "core/did/resolver.h"
#include "core/http/client.h"
#include "core/http/test_server.h"
#include "tests/did/test_util.h"

namespace vaardig::did {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

constexpr char kWellKnown[] = "/.well-known/did.json";

class WebResolutionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = http::TestHttpServer::Start({});
    ASSERT_THAT(server, IsOk());
    server_ = std::move(*server);
    auto fetcher = http::BeastHttpFetcher::Create();
    ASSERT_THAT(fetcher, IsOk());
    fetcher_ = std::move(*fetcher);
    did_ = "did:web:127.0.0.1%3A" + std::to_string(server_->port());
  }

  ResolverOptions Options() const {
    ResolverOptions options;
    options.allow_http_for_loopback = true;
    options.fetch_limits.timeout = std::chrono::milliseconds(2000);
    return options;
  }

  // A document with an assertion key and an authentication-only key.
  std::string Document(const std::string& did) const {
    return DumpJson(Json{{"@context", {"https://www.w3.org/ns/did/v1"}},
                         {"id", did},
                         {"verificationMethod",
                          {{{"id", "#assert"},
                            {"type", "JsonWebKey2020"},
                            {"controller", did},
                            {"publicKeyJwk", assert_key_.ToJson()}},
                           {{"id", "#auth"},
                            {"type", "JsonWebKey2020"},
                            {"controller", did},
                            {"publicKeyJwk", auth_key_.ToJson()}}}},
                         {"assertionMethod", {"#assert"}},
                         {"authentication", {"#auth"}}});
  }

  void Serve(const std::string& path, http::TestResponse response) {
    server_->SetRoute(path, std::move(response));
  }

  std::unique_ptr<http::TestHttpServer> server_;
  std::unique_ptr<http::BeastHttpFetcher> fetcher_;
  std::string did_;
  jose::PublicJwk assert_key_ = testutil::NewP256Jwk();
  jose::PublicJwk auth_key_ = testutil::NewEd25519Jwk();
};

TEST_F(WebResolutionTest, DocumentIsFetchedAndItsKeysResolved) {
  Serve(kWellKnown, {.content_type = "application/did+json", .body = Document(did_)});
  DidResolver resolver(fetcher_.get(), Options());
  auto doc = resolver.Resolve(did_);
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ(doc->id, did_);
  auto method =
      resolver.ResolveVerificationMethod(did_ + "#assert", Relationship::kAssertionMethod);
  ASSERT_THAT(method, IsOk());
  EXPECT_EQ(method->key, assert_key_);
  EXPECT_EQ(server_->requested_targets(), std::vector<std::string>{kWellKnown});
}

TEST_F(WebResolutionTest, PathDidIsFetchedFromItsPath) {
  const std::string did = did_ + ":users:alice";
  Serve("/users/alice/did.json", {.body = Document(did)});
  DidResolver resolver(fetcher_.get(), Options());
  EXPECT_THAT(resolver.Resolve(did), IsOk());
}

TEST_F(WebResolutionTest, AuthenticationKeyUsedForAssertionIsPermissionDenied) {
  Serve(kWellKnown, {.body = Document(did_)});
  DidResolver resolver(fetcher_.get(), Options());
  auto method = resolver.ResolveVerificationMethod(did_ + "#auth", Relationship::kAssertionMethod);
  ASSERT_THAT(method, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_NE(method.error().message().find("authentication"), std::string::npos);
  EXPECT_THAT(resolver.ResolveVerificationMethod(did_ + "#nope", Relationship::kAssertionMethod),
              FailsWith(ErrorCode::kNotFound));
}

TEST_F(WebResolutionTest, DocumentOfAnotherDidIsRejected) {
  Serve(kWellKnown, {.body = Document("did:web:issuer.example")});
  DidResolver resolver(fetcher_.get(), Options());
  auto doc = resolver.Resolve(did_);
  ASSERT_THAT(doc, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_NE(doc.error().message().find("DID document id does not match"), std::string::npos);
}

TEST_F(WebResolutionTest, TooLargeDocumentIsResourceExhausted) {
  ResolverOptions options = Options();
  options.fetch_limits.max_body = 4096;
  Serve(kWellKnown, {.body = std::string(4097, ' ') + Document(did_)});
  DidResolver resolver(fetcher_.get(), options);
  EXPECT_THAT(resolver.Resolve(did_), FailsWith(ErrorCode::kResourceExhausted));
}

TEST_F(WebResolutionTest, MissingDocumentIsNotFound) {
  DidResolver resolver(fetcher_.get(), Options());
  EXPECT_THAT(resolver.Resolve(did_), FailsWith(ErrorCode::kNotFound));  // server's default 404
  Serve(kWellKnown, {.status = 410, .body = "gone"});
  EXPECT_THAT(resolver.Resolve(did_), FailsWith(ErrorCode::kNotFound));
}

TEST_F(WebResolutionTest, ServerErrorIsUnavailable) {
  Serve(kWellKnown, {.status = 503, .body = "busy"});
  DidResolver resolver(fetcher_.get(), Options());
  EXPECT_THAT(resolver.Resolve(did_), FailsWith(ErrorCode::kUnavailable));
}

TEST_F(WebResolutionTest, RedirectIsNotFollowed) {
  Serve(kWellKnown, {.status = 302, .headers = {{"Location", "/elsewhere/did.json"}}});
  Serve("/elsewhere/did.json", {.body = Document(did_)});
  DidResolver resolver(fetcher_.get(), Options());
  auto doc = resolver.Resolve(did_);
  ASSERT_THAT(doc, FailsWith(ErrorCode::kUnavailable));
  EXPECT_NE(doc.error().message().find("/elsewhere/did.json"), std::string::npos);
  EXPECT_EQ(server_->request_count(), 1);
}

TEST_F(WebResolutionTest, ServerThatNeverAnswersIsDeadlineExceeded) {
  Serve(kWellKnown, {.never_answer = true});
  ResolverOptions options = Options();
  options.fetch_limits.timeout = std::chrono::milliseconds(200);
  DidResolver resolver(fetcher_.get(), options);
  EXPECT_THAT(resolver.Resolve(did_), FailsWith(ErrorCode::kDeadlineExceeded));
}

TEST_F(WebResolutionTest, MaxAgeFromCacheControlIsHonoured) {
  Serve(kWellKnown, {.body = Document(did_), .headers = {{"Cache-Control", "public, max-age=60"}}});
  DidResolver resolver(fetcher_.get(), Options());
  ASSERT_THAT(resolver.Resolve(did_), IsOk());
  ASSERT_THAT(resolver.Resolve(did_), IsOk());
  EXPECT_EQ(server_->request_count(), 1);

  Serve(kWellKnown, {.body = Document(did_), .headers = {{"Cache-Control", "no-store"}}});
  resolver.ClearCache();
  ASSERT_THAT(resolver.Resolve(did_), IsOk());
  ASSERT_THAT(resolver.Resolve(did_), IsOk());
  EXPECT_EQ(server_->request_count(), 3);
}

TEST_F(WebResolutionTest, WithoutLoopbackOptionHttpsIsUsedAndFails) {
  Serve(kWellKnown, {.body = Document(did_)});
  ResolverOptions options = Options();
  options.allow_http_for_loopback = false;
  DidResolver resolver(fetcher_.get(), options);
  // The plain HTTP server cannot complete a TLS handshake.
  EXPECT_THAT(resolver.Resolve(did_), FailsWith(ErrorCode::kUnavailable));
}

TEST_F(WebResolutionTest, StoppedServerIsUnavailable) {
  server_->Stop();
  // The listening socket is closed only when the server is destroyed.
  server_.reset();
  DidResolver resolver(fetcher_.get(), Options());
  EXPECT_THAT(resolver.Resolve(did_), FailsWith(ErrorCode::kUnavailable));
}

}  // namespace
}  // namespace vaardig::did
