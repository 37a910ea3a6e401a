// TestHttpServer: a tiny HTTP/1.1 server on 127.0.0.1 for tests only (target
// vaardig_http_test_server, never linked into a service).
//
// Binds port 0 (the kernel picks a free port: tests never depend on fixed ports), serves a fixed
// map path → response from one background thread, one request per connection ("Connection:
// close"). Unknown paths get 404. A response marked never_answer reads the request and then holds
// the connection open without replying until Stop(), to exercise client timeouts.
// Thread-safety: SetRoute, request_count and requested_targets may be called from any thread.
// Stop() is idempotent; the destructor calls it and joins the thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"

namespace vaardig::http {

struct TestResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body{};
  std::vector<std::pair<std::string, std::string>> headers{};  // extra header fields
  bool never_answer = false;
};

class TestHttpServer {
 public:
  // `routes` maps a request target ("/.well-known/did.json") to its response.
  // unavailable when the socket cannot be bound.
  [[nodiscard]] static Result<std::unique_ptr<TestHttpServer>> Start(
      std::map<std::string, TestResponse> routes);

  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  // "http://127.0.0.1:<port>".
  [[nodiscard]] std::string BaseUrl() const;

  void SetRoute(std::string target, TestResponse response);
  // Number of requests read so far, and their targets in order.
  [[nodiscard]] int request_count() const;
  [[nodiscard]] std::vector<std::string> requested_targets() const;

  void Stop();

 private:
  struct State;
  TestHttpServer(std::unique_ptr<State> state, std::uint16_t port);
  std::unique_ptr<State> state_;
  std::uint16_t port_;
};

}  // namespace vaardig::http
