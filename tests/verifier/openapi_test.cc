// specs/verifier.openapi.yaml against the verifier's real router (BuildVerifierRouter): every
// route is documented with its method, and every documented operation exists.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "core/common/clock.h"
#include "tests/common/openapi_paths.h"
#include "tests/verifier/fake_fetcher.h"
#include "verifier/http/service.h"

namespace vaardig::verifier {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

TEST(VerifierOpenApi, RoutesAndTheSpecAgree) {
  FixedClock clock(1'775'000'000);
  VerifierEngine engine(TrustList{}, nullptr, clock, {});
  // An https public URL: the did:web identity, so /.well-known/did.json is routed too.
  auto identity = MakeRequestIdentity("https://werkgever.example", jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value());
  ASSERT_TRUE(identity.has_value());
  PresentationRequests requests(std::move(*identity), engine, clock);
  testutil::FakeFetcher fetcher;
  auto router = BuildVerifierRouter(engine, nullptr,
                                    {.requests = &requests, .default_vct_values = {}, .api_tokens = {}, .pages = true,
                                     .page_skills = {}, .organisation = "", .secure_cookies = true,
                                     .share_link_fetcher = &fetcher, .share_links = {}});
  test_openapi::Operations routed;
  for (const auto& [method, pattern] : router->Routes()) {
    // The web pages (verifier/http/pages.h) are HTML, not part of the JSON API.
    if (pattern == "/" || pattern == "/ask" || pattern == "/check" || pattern.starts_with("/requests/") || pattern.starts_with("/static/")) continue;
    routed[pattern].insert(Lower(http::MethodName(method)));
  }
  const test_openapi::Operations documented = test_openapi::DocumentedOperations(test_openapi::ReadSpec("verifier.openapi.yaml"));
  ASSERT_TRUE(documented.contains("/credentials/verify"));  // the textual reading found the block
  EXPECT_EQ(routed, documented);
}

}  // namespace
}  // namespace vaardig::verifier
