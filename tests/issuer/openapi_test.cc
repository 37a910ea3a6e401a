// specs/issuer.openapi.yaml against the issuer's real router (BuildIssuerRouter): every JSON route
// (/api/..., /healthz, /readyz, /metrics) is documented with its method, and every documented path
// and operation exists. The YAML's `paths:` block is read textually, in the layout its header
// comment fixes: "  /path:" lines and "    method:" lines under them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "core/http/router.h"
#include "issuer/http/service.h"
#include "tests/issuer/issuer_test_util.h"
#include "tests/common/openapi_paths.h"

namespace vaardig::issuer {
namespace {

using test_openapi::DocumentedOperations;
using test_openapi::Operations;
using test_openapi::ReadSpec;

// The OpenID4VCI, identity, status list and VCALM routes (issue 7) are JSON (or JWT) too.
bool IsIssuanceRoute(const std::string& pattern) {
  static const std::set<std::string> kRoutes = {
      "/.well-known/openid-credential-issuer", "/.well-known/oauth-authorization-server", "/credential-offer/{id}",
      "/token", "/nonce", "/credential", "/.well-known/did.json", "/.well-known/jwt-vc-issuer", "/vct/skill/v1",
      "/status/token/{id}", "/status/bitstring/{id}", "/credentials/issue", "/credentials/status"};
  return kRoutes.contains(pattern);
}

bool IsJsonRoute(const std::string& pattern) {
  return pattern.starts_with("/api/") || pattern == "/healthz" || pattern == "/readyz" || pattern == "/metrics" ||
         IsIssuanceRoute(pattern);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = testing::OpenTestApp(std::make_shared<FixedClock>(testing::kSeedNow));
    ASSERT_NE(app_, nullptr);
    router_ = BuildIssuerRouter(*app_, nullptr);
    for (const auto& [method, pattern] : router_->Routes()) {
      if (IsJsonRoute(pattern)) routed_[pattern].insert(Lower(http::MethodName(method)));
    }
    documented_ = DocumentedOperations(ReadSpec("issuer.openapi.yaml"));
  }

  std::unique_ptr<IssuerApp> app_;
  std::unique_ptr<http::Router> router_;
  Operations routed_;
  Operations documented_;
};

TEST_F(OpenApiTest, TheParserSeesTheSpecsPathsBlock) {
  // Guards the textual reading itself: a layout change that hides paths from it fails here.
  ASSERT_TRUE(documented_.contains("/api/claims"));
  EXPECT_EQ(documented_.at("/api/claims"), (std::set<std::string>{"get", "post"}));
  EXPECT_EQ(documented_.at("/api/session"), (std::set<std::string>{"delete", "post"}));
  EXPECT_EQ(documented_.at("/healthz"), (std::set<std::string>{"get"}));
  EXPECT_GE(documented_.size(), 25u);
}

TEST_F(OpenApiTest, RouterListsRoutesInRegistrationOrder) {
  http::Router router;
  router.Get("/a/{id}", [](http::Request&) { return http::Response::NoContent(); });
  router.Post("/a/new", [](http::Request&) { return http::Response::NoContent(); });
  router.Add(http::Method::kDelete, "/b", [](http::Request&) { return http::Response::NoContent(); });
  const auto routes = router.Routes();
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[0], std::make_pair(http::Method::kGet, std::string("/a/{id}")));
  EXPECT_EQ(routes[1], std::make_pair(http::Method::kPost, std::string("/a/new")));
  EXPECT_EQ(routes[2], std::make_pair(http::Method::kDelete, std::string("/b")));
}

TEST_F(OpenApiTest, EveryJsonRouteIsDocumentedWithItsMethod) {
  ASSERT_FALSE(routed_.empty());
  for (const auto& [path, methods] : routed_) {
    ASSERT_TRUE(documented_.contains(path)) << "route not in specs/issuer.openapi.yaml: " << path;
    for (const std::string& m : methods) {
      EXPECT_TRUE(documented_.at(path).contains(m)) << "operation not documented: " << m << " " << path;
    }
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationExists) {
  for (const auto& [path, methods] : documented_) {
    ASSERT_TRUE(routed_.contains(path)) << "documented path the issuer does not serve: " << path;
    for (const std::string& m : methods) {
      EXPECT_TRUE(routed_.at(path).contains(m)) << "documented operation the issuer does not serve: " << m << " "
                                                << path;
    }
  }
}

}  // namespace
}  // namespace vaardig::issuer
