// An HttpFetcher over a map of URL → body, which can be switched off ("unreachable").
#pragma once

#include <map>
#include <string>

#include "core/http/fetcher.h"

namespace vaardig::verifier::testutil {

class FakeFetcher final : public http::HttpFetcher {
 public:
  Result<http::HttpResponse> Get(std::string_view url, const http::FetchLimits&) override {
    ++gets;
    if (down) return Fail(ErrorCode::kUnavailable, "connection refused: " + std::string(url));
    const auto it = bodies.find(std::string(url));
    if (it == bodies.end()) return Fail(ErrorCode::kUnavailable, "HTTP 404 for " + std::string(url));
    return http::HttpResponse{.status = 200, .content_type = it->second.first, .body = it->second.second, .max_age = {}};
  }
  void Serve(const std::string& url, std::string content_type, std::string body) {
    bodies[url] = {std::move(content_type), std::move(body)};
  }

  std::map<std::string, std::pair<std::string, std::string>> bodies;
  bool down = false;
  int gets = 0;
};

}  // namespace vaardig::verifier::testutil
