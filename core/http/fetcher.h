// HttpFetcher: the seam between layers that need to GET a document (did:web, status lists, issuer
// metadata) and the HTTP client that does it. Pure interface, no Boost: depend on the target
// `vaardig::http_fetcher`, not on `vaardig::http`, to stay free of Beast/Asio.
//
// Contract of Get (every implementation, including fakes in tests):
//  - the URL is absolute, http or https, without user info; a malformed URL or another scheme:
//    invalid_argument;
//  - the host cannot be resolved or reached, the connection or TLS handshake fails (certificate
//    not trusted, wrong host name), or the response is not valid HTTP/1.1: unavailable;
//  - the whole exchange takes longer than limits.timeout: deadline_exceeded;
//  - the body is larger than limits.max_body: resource_exhausted (nothing of it is returned);
//  - redirects (3xx) are never followed: unavailable, naming the Location. A did:web document must
//    be served at its own URL (did:web §3.2.1), and following redirects would let any host on the
//    path choose where the key comes from;
//  - 404 Not Found and 410 Gone: not_found; every other status outside 2xx: unavailable with the
//    status in the message. So a returned HttpResponse always has a 2xx status.
// Implementations must be safe to call from several threads at once.
//
// Contract of Post (added for OAuth-style exchanges such as OpenID4VCI; the default implementation
// answers unimplemented, so fakes that only GET need not change): the same rules for URLs,
// transport errors, timeouts, body limits and redirects as Get, but EVERY other status is returned
// as a response, not an error: an OAuth error arrives as 400 with a JSON body the caller must read
// (RFC 6749 §5.2). So the caller checks HttpResponse::status after a Post.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"

namespace vaardig::http {

inline constexpr std::size_t kDefaultMaxBody = 256 * 1024;

struct FetchLimits {
  std::size_t max_body = kDefaultMaxBody;
  // For the whole exchange: connect, TLS handshake, request and response.
  std::chrono::milliseconds timeout{5000};
};

struct HttpResponse {
  int status = 0;              // Get: always 2xx; Post: any status outside 3xx (see above)
  std::string content_type{};  // the Content-Type header as sent, "" when absent
  std::string body{};
  // Freshness from Cache-Control in seconds: max-age=N gives N; no-store or no-cache give 0;
  // absent or unparsable: nullopt (the caller picks its own default).
  std::optional<std::int64_t> max_age{};
};

class HttpFetcher {
 public:
  virtual ~HttpFetcher() = default;
  [[nodiscard]] virtual Result<HttpResponse> Get(std::string_view url,
                                                 const FetchLimits& limits) = 0;

  // POSTs `body` with `content_type` and the extra `headers` (for example
  // {"Authorization", "Bearer ..."}; never logged, never put into error messages).
  [[nodiscard]] virtual Result<HttpResponse> Post(
      std::string_view url, std::string_view content_type, std::string_view body,
      const std::vector<std::pair<std::string, std::string>>& headers, const FetchLimits& limits) {
    (void)url, (void)content_type, (void)body, (void)headers, (void)limits;
    return Fail(ErrorCode::kUnimplemented, "this HTTP fetcher cannot POST");
  }
};

}  // namespace vaardig::http
