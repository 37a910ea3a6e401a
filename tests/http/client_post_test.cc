// BeastHttpFetcher::Post against the service Server on loopback: what is sent (method, content type,
// body, extra header fields), non-2xx answers returned with their status and body (OAuth errors),
// and the limits and refusals it shares with Get.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/http/client.h"
#include "core/http/router.h"
#include "core/http/server.h"

namespace vaardig::http {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

class ClientPostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Post("/echo", [](Request& r) {
      Json echo = {{"method", r.method == Method::kPost ? "POST" : "other"},
                   {"content_type", std::string(r.Header("content-type").value_or(""))},
                   {"authorization", std::string(r.Header("authorization").value_or(""))},
                   {"body", r.body}};
      return Response::JsonBody(200, echo);
    });
    router_.Post("/token", [](Request&) {
      return Response::JsonBody(400, Json{{"error", "invalid_grant"}, {"error_description", "wrong code"}});
    });
    router_.Post("/moved", [](Request&) { return Response::Redirect("https://elsewhere.example/"); });
    router_.Post("/big", [](Request&) { return Response::Text(200, std::string(4096, 'x')); });
    auto server = Server::Start({}, [this](Request& r) { return router_.Dispatch(r); });
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
    auto fetcher = BeastHttpFetcher::Create();
    ASSERT_TRUE(fetcher.has_value()) << fetcher.error();
    fetcher_ = std::move(*fetcher);
  }
  std::string Url(const std::string& path) const { return server_->BaseUrl() + path; }

  Router router_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<BeastHttpFetcher> fetcher_;
  FetchLimits limits_{.max_body = 1024, .timeout = std::chrono::milliseconds(5000)};
};

TEST_F(ClientPostTest, SendsBodyContentTypeAndHeaderFields) {
  auto response = fetcher_->Post(Url("/echo"), "application/x-www-form-urlencoded", "a=1&b=%20",
                                 Headers{{"Authorization", "Bearer tok"}}, limits_);
  ASSERT_TRUE(response.has_value()) << response.error();
  EXPECT_EQ(response->status, 200);
  auto echo = ParseJson(response->body);
  ASSERT_TRUE(echo.has_value()) << echo.error();
  EXPECT_EQ((*echo)["method"], "POST");
  EXPECT_EQ((*echo)["content_type"], "application/x-www-form-urlencoded");
  EXPECT_EQ((*echo)["authorization"], "Bearer tok");
  EXPECT_EQ((*echo)["body"], "a=1&b=%20");
}

TEST_F(ClientPostTest, EmptyBodyIsSent) {
  auto response = fetcher_->Post(Url("/echo"), "application/json", "", {}, limits_);
  ASSERT_TRUE(response.has_value()) << response.error();
  EXPECT_EQ((*ParseJson(response->body))["body"], "");
}

TEST_F(ClientPostTest, ErrorStatusIsReturnedWithItsBody) {
  auto response = fetcher_->Post(Url("/token"), "application/x-www-form-urlencoded", "x=1", {}, limits_);
  ASSERT_TRUE(response.has_value()) << response.error();
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ((*ParseJson(response->body))["error"], "invalid_grant");
  // 404 too is an answer for POST (not an error as for Get).
  auto missing = fetcher_->Post(Url("/nowhere"), "text/plain", "", {}, limits_);
  ASSERT_TRUE(missing.has_value()) << missing.error();
  EXPECT_EQ(missing->status, 404);
}

TEST_F(ClientPostTest, RedirectIsRefused) {
  auto response = fetcher_->Post(Url("/moved"), "text/plain", "", {}, limits_);
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(response.error().message(), ::testing::HasSubstr("POST "));
  EXPECT_THAT(response.error().message(), ::testing::HasSubstr("redirect"));
}

TEST_F(ClientPostTest, BodyOverTheLimitIsResourceExhausted) {
  auto response = fetcher_->Post(Url("/big"), "text/plain", "", {}, limits_);
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code(), ErrorCode::kResourceExhausted);
}

TEST_F(ClientPostTest, MalformedHeaderFieldsAndUrlsAreInvalidArgument) {
  const Headers bad[] = {{{"X-A", "v\r\nInjected: 1"}}, {{"X:B", "v"}}, {{"", "v"}}};
  for (const Headers& headers : bad) {
    auto response = fetcher_->Post(Url("/echo"), "text/plain", "", headers, limits_);
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(response.error().message(), ::testing::Not(::testing::HasSubstr("Injected")));
  }
  auto scheme = fetcher_->Post("ftp://127.0.0.1/x", "text/plain", "", {}, limits_);
  ASSERT_FALSE(scheme.has_value());
  EXPECT_EQ(scheme.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(ClientPostTest, AuthorizationValueNeverAppearsInErrors) {
  const Headers secret{{"Authorization", "Bearer very-secret-token"}};
  // An answer that is an error (a refused redirect) ...
  auto redirected = fetcher_->Post(Url("/moved"), "text/plain", "body-secret", secret, limits_);
  ASSERT_FALSE(redirected.has_value());
  // ... and a server that is gone (refused, or, if the port was taken meanwhile, no answer).
  server_->Stop();
  auto gone = fetcher_->Post(Url("/echo"), "text/plain", "body-secret", secret,
                             {.max_body = 1024, .timeout = std::chrono::milliseconds(1000)});
  ASSERT_FALSE(gone.has_value());
  EXPECT_THAT(gone.error().code(), ::testing::AnyOf(ErrorCode::kUnavailable, ErrorCode::kDeadlineExceeded));
  for (const Error& error : {redirected.error(), gone.error()}) {
    EXPECT_THAT(error.message(), ::testing::Not(::testing::HasSubstr("very-secret-token")));
    EXPECT_THAT(error.message(), ::testing::Not(::testing::HasSubstr("body-secret")));
  }
}

// A fetcher that only implements Get keeps compiling and answers Post with unimplemented.
class GetOnlyFetcher final : public HttpFetcher {
 public:
  Result<HttpResponse> Get(std::string_view, const FetchLimits&) override { return HttpResponse{.status = 200}; }
};

TEST(HttpFetcherPost, DefaultIsUnimplemented) {
  GetOnlyFetcher fetcher;
  auto response = fetcher.Post("https://a.example/", "text/plain", "", {}, {});
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code(), ErrorCode::kUnimplemented);
}

}  // namespace
}  // namespace vaardig::http

namespace vaardig::http {
namespace {

// public_addresses_only (the hosted wallet, the verifier): private and local addresses are
// refused before any connection; loopback only with allow_loopback.
TEST(ClientAddressPolicy, PrivateAndLocalAddressesAreRefusedBeforeConnecting) {
  Router router;
  router.Get("/ok", [](Request&) { return Response::Text(200, "ok"); });
  auto server = Server::Start({}, [&router](Request& r) { return router.Dispatch(r); });
  ASSERT_TRUE(server.has_value());
  const std::string url = (*server)->BaseUrl() + "/ok";
  auto strict = BeastHttpFetcher::Create({.ca_file = std::nullopt, .user_agent = "t", .public_addresses_only = true,
                                          .allow_loopback = false});
  ASSERT_TRUE(strict.has_value());
  const FetchLimits quick{.max_body = 1024, .timeout = std::chrono::milliseconds(2000)};
  for (const std::string& target : {url, std::string("http://10.1.2.3/x"), std::string("http://192.168.0.1/x"),
                                   std::string("http://172.16.5.5/x"), std::string("http://169.254.169.254/latest/meta-data"),
                                   std::string("http://100.64.0.1/x"), std::string("http://[::1]:9/x"),
                                   std::string("http://[fd00::1]/x"), std::string("http://0.0.0.0/x")}) {
    auto r = (*strict)->Get(target, quick);
    ASSERT_FALSE(r.has_value()) << target;
    EXPECT_EQ(r.error().code(), ErrorCode::kPermissionDenied) << target << ": " << r.error();
    EXPECT_THAT(r.error().message(), ::testing::HasSubstr("private or local network")) << target;
  }
  auto dev = BeastHttpFetcher::Create({.ca_file = std::nullopt, .user_agent = "t", .public_addresses_only = true,
                                       .allow_loopback = true});
  ASSERT_TRUE(dev.has_value());
  auto ok = (*dev)->Get(url, quick);
  ASSERT_TRUE(ok.has_value()) << ok.error();
  EXPECT_EQ(ok->body, "ok");
  EXPECT_EQ((*dev)->Get("http://10.1.2.3/x", quick).error().code(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace vaardig::http
