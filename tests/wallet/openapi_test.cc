// specs/wallet.openapi.yaml against the hosted wallet's real router (BuildWalletRouter): every JSON
// route is documented with its method, and every documented operation exists.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "core/http/client.h"
#include "tests/common/openapi_paths.h"
#include "tests/wallet/test_util.h"
#include "wallet/http/service.h"

namespace vaardig::wallet {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

TEST(WalletOpenApi, RoutesAndTheSpecAgree) {
  testutil::WalletFixture fx;
  auto fetcher = http::BeastHttpFetcher::Create();
  ASSERT_TRUE(fetcher.has_value());
  HostedWallet wallet(*fx.vaults, *fx.db, fx.clock, **fetcher, {});
  auto router = BuildWalletRouter(wallet, nullptr, {});
  test_openapi::Operations routed;
  for (const auto& [method, pattern] : router->Routes()) {
    // The web pages (wallet/http/pages.h) are HTML, not part of the JSON API.
    const bool json = pattern.starts_with("/api/") || pattern == "/s/{id}" || pattern == "/healthz" || pattern == "/readyz" ||
                      pattern == "/metrics";
    if (!json) continue;
    routed[pattern].insert(Lower(http::MethodName(method)));
  }
  const test_openapi::Operations documented = test_openapi::DocumentedOperations(test_openapi::ReadSpec("wallet.openapi.yaml"));
  ASSERT_TRUE(documented.contains("/api/offers"));  // the textual reading found the block
  EXPECT_EQ(routed, documented);
}

}  // namespace
}  // namespace vaardig::wallet
