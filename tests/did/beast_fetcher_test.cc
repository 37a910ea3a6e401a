// BeastHttpFetcher against the loopback TestHttpServer. (Lives with the did tests, its first
// user; move to tests/http/ when that folder gets an owner.)
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/http/client.h"
#include "core/http/test_server.h"
#include "tests/did/test_util.h"

namespace vaardig::http {
namespace {

using did::testutil::FailsWith;
using did::testutil::IsOk;

class BeastFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = TestHttpServer::Start({});
    ASSERT_THAT(server, IsOk());
    server_ = std::move(*server);
    auto fetcher = BeastHttpFetcher::Create();
    ASSERT_THAT(fetcher, IsOk());
    fetcher_ = std::move(*fetcher);
  }
  std::string Url(const std::string& path) const { return server_->BaseUrl() + path; }

  std::unique_ptr<TestHttpServer> server_;
  std::unique_ptr<BeastHttpFetcher> fetcher_;
  FetchLimits limits_{.max_body = 1024, .timeout = std::chrono::milliseconds(2000)};
};

TEST_F(BeastFetcherTest, ReturnsStatusContentTypeBodyAndMaxAge) {
  server_->SetRoute("/doc?x=1", {.content_type = "application/json; charset=utf-8",
                                 .body = R"({"a":1})",
                                 .headers = {{"Cache-Control", "max-age=120"}}});
  auto response = fetcher_->Get(Url("/doc?x=1#fragment-not-sent"), limits_);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->content_type, "application/json; charset=utf-8");
  EXPECT_EQ(response->body, R"({"a":1})");
  EXPECT_EQ(response->max_age, 120);
  EXPECT_EQ(server_->requested_targets(), std::vector<std::string>{"/doc?x=1"});
}

TEST_F(BeastFetcherTest, CacheControlIsReadIntoMaxAge) {
  const struct {
    std::string header;
    std::optional<std::int64_t> max_age;
  } cases[] = {
      {"", std::nullopt},
      {"public", std::nullopt},
      {"max-age=0", 0},
      {"MAX-AGE=5, must-revalidate", 5},
      {"max-age=\"30\"", 30},
      {"max-age=60, max-age=10", 10},
      {"max-age=abc", std::nullopt},
      {"max-age=-5", std::nullopt},
      {"no-cache, max-age=60", 0},
      {"max-age=60, no-store", 0},
      {"max-age=99999999999999999999999", 365LL * 24 * 3600},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.header);
    TestResponse response{.body = "{}"};
    if (!c.header.empty()) response.headers = {{"Cache-Control", c.header}};
    server_->SetRoute("/c", response);
    auto got = fetcher_->Get(Url("/c"), limits_);
    ASSERT_THAT(got, IsOk());
    EXPECT_EQ(got->max_age, c.max_age);
  }
}

TEST_F(BeastFetcherTest, BodyAtTheLimitPassesAndOneByteMoreIsResourceExhausted) {
  server_->SetRoute("/fits", {.body = std::string(1024, 'x')});
  server_->SetRoute("/big", {.body = std::string(1025, 'x')});
  EXPECT_THAT(fetcher_->Get(Url("/fits"), limits_), IsOk());
  EXPECT_THAT(fetcher_->Get(Url("/big"), limits_), FailsWith(ErrorCode::kResourceExhausted));
}

TEST_F(BeastFetcherTest, HugeHeaderIsResourceExhausted) {
  server_->SetRoute("/h", {.body = "{}", .headers = {{"X-Padding", std::string(20000, 'p')}}});
  EXPECT_THAT(fetcher_->Get(Url("/h"), limits_), FailsWith(ErrorCode::kResourceExhausted));
}

TEST_F(BeastFetcherTest, StatusesMapToCodes) {
  using enum ErrorCode;
  const struct {
    int status;
    std::optional<ErrorCode> code;
  } cases[] = {
      {200, std::nullopt}, {203, std::nullopt}, {204, std::nullopt}, {301, kUnavailable},
      {307, kUnavailable}, {308, kUnavailable}, {400, kUnavailable}, {403, kUnavailable},
      {404, kNotFound},    {410, kNotFound},    {429, kUnavailable}, {500, kUnavailable},
      {502, kUnavailable},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    server_->SetRoute("/s", {.status = c.status, .body = c.status == 204 ? "" : "x"});
    auto response = fetcher_->Get(Url("/s"), limits_);
    if (c.code) {
      EXPECT_THAT(response, FailsWith(*c.code));
    } else {
      ASSERT_THAT(response, IsOk());
      EXPECT_EQ(response->status, c.status);
    }
  }
}

TEST_F(BeastFetcherTest, MalformedUrlsAreInvalidArgument) {
  for (const std::string url :
       {"", "not a url", "/relative/path", "ftp://127.0.0.1/x", "file:///etc/passwd",
        "http://user:pw@127.0.0.1/x", "http:///x", "http://127.0.0.1:0/x",
        "http://127.0.0.1:70000/x", "http://ex%61mple.com/"}) {
    SCOPED_TRACE(url);
    EXPECT_THAT(fetcher_->Get(url, limits_), FailsWith(ErrorCode::kInvalidArgument));
  }
}

TEST_F(BeastFetcherTest, SilentServerIsDeadlineExceeded) {
  server_->SetRoute("/slow", {.never_answer = true});
  const FetchLimits limits{.max_body = 1024, .timeout = std::chrono::milliseconds(150)};
  auto response = fetcher_->Get(Url("/slow"), limits);
  ASSERT_THAT(response, FailsWith(ErrorCode::kDeadlineExceeded));
}

TEST_F(BeastFetcherTest, HttpsToAPlainServerIsUnavailable) {
  server_->SetRoute("/x", {.body = "{}"});
  EXPECT_THAT(fetcher_->Get("https://127.0.0.1:" + std::to_string(server_->port()) + "/x", limits_),
              FailsWith(ErrorCode::kUnavailable));
}

TEST(BeastFetcherCreate, UnreadableCaFileIsInternal) {
  EXPECT_THAT(BeastHttpFetcher::Create({.ca_file = "/nonexistent/ca.pem"}),
              FailsWith(ErrorCode::kInternal));
}

}  // namespace
}  // namespace vaardig::http
