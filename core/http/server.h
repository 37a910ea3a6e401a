// Server: the HTTP/1.1 server every Vaardig service runs, on Boost.Beast (server.cc is the only
// translation unit that includes Beast for it; this header does not).
//
// Behaviour:
//  - plain HTTP (behind a reverse proxy) or TLS 1.2+ from PEM certificate and key files;
//  - keep-alive, one request at a time per connection; `threads` worker threads run the
//    handlers, which may block (database calls);
//  - limits: header size, body size (per request, from body_limit(head) when given, so an
//    evidence upload may be larger than a JSON call, and a large body can be allowed only to a
//    request that carries a valid session), a read timeout for each request and an idle
//    timeout between requests; a body over its limit is answered 413 before it is read, a malformed
//    request 400; the connection is then closed;
//  - `Expect: 100-continue` is answered before the body is read;
//  - every response gets Content-Length, X-Content-Type-Options: nosniff, Referrer-Policy:
//    same-origin, X-Frame-Options: DENY, a restrictive Content-Security-Policy for HTML and
//    Cache-Control: no-store unless the handler set their own;
//  - X-Forwarded-For / X-Forwarded-Proto are believed only from the configured trusted proxies;
//  - a handler that throws gets 500 (logged without request data);
//  - Stop() is graceful: it stops accepting, lets requests in progress finish (up to
//    shutdown_grace), closes idle connections, then returns. The destructor calls Stop().
//  - Metrics: requests by method and status class, durations, connections; rendered by
//    RenderMetrics() in the Prometheus text format.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/http/message.h"
#include "core/http/router.h"

namespace vaardig::http {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the kernel picks a free port (tests)
  int threads = 2;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Optional per-request body limit, decided from the request's head before its body is read:
  // `head` has the method, path, query, headers, remote address and secure flag, and no body.
  // Returns 0 to use max_body_bytes.
  std::function<std::size_t(const Request& head)> body_limit{};
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::optional<std::string> tls_certificate_file{};  // PEM chain
  std::optional<std::string> tls_private_key_file{};  // PEM
  std::vector<std::string> trusted_proxies{};         // peer IP addresses
  std::string server_name = "vaardig";              // for logs
};

class Server {
 public:
  // Binds, listens and starts the worker threads. unavailable when the address cannot be bound;
  // invalid_argument for unusable TLS files.
  [[nodiscard]] static Result<std::unique_ptr<Server>> Start(ServerOptions options, Handler handler);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  // "http://127.0.0.1:<port>" (https when TLS is on).
  [[nodiscard]] std::string BaseUrl() const;

  // Graceful stop (see above). Idempotent; safe from any thread except a worker's.
  void Stop();
  // Blocks until SIGINT or SIGTERM, then stops gracefully.
  void RunUntilSignal();

  // Prometheus text format: vaardig_http_requests_total{method,code}, ..._duration_seconds, ...
  [[nodiscard]] std::string RenderMetrics() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_{};
};

}  // namespace vaardig::http
