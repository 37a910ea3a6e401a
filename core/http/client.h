// BeastHttpFetcher: the production HttpFetcher, a one-request-per-connection HTTP/1.1 client on
// Boost.Beast (the only translation unit that includes Beast for it; this header does not).
//
// Behaviour, on top of the HttpFetcher contract (core/http/fetcher.h):
//  - https: TLS 1.2 or later, peer verification against the system trust store (or
//    Options::ca_file), SNI, and host name (or IP address) verification by OpenSSL;
//  - URLs are parsed with Boost.URL; the fragment is never sent;
//  - one deadline (FetchLimits::timeout) covers connect, handshake, request and response. Name
//    resolution runs in the system resolver, which has its own timeouts (resolv.conf): a slow DNS
//    answer makes Get report deadline_exceeded on time, but the call itself returns only once
//    getaddrinfo does;
//  - the response header is capped at 16 KiB and the body at FetchLimits::max_body, enforced by
//    the parser while reading (a large Content-Length fails before the body is read);
//  - "Connection: close": no connection reuse, no redirects, no cookies, no proxies.
// Thread-safety: Get may be called from several threads at once; each call has its own I/O
// context and connection; the TLS configuration is shared read-only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/http/fetcher.h"

namespace vaardig::http {

class BeastHttpFetcher final : public HttpFetcher {
 public:
  struct Options {
    // PEM bundle of trusted roots instead of the system default verify paths.
    std::optional<std::string> ca_file;
    std::string user_agent = "vaardig/0.1";
    // For services that fetch URLs their users choose (the hosted wallet): refuse to connect to
    // loopback, private (RFC 1918, fc00::/7), link-local, CGNAT (100.64/10), unspecified and
    // multicast addresses, checked on the resolved addresses actually connected to — so a user
    // cannot make the service reach inside its own network. Loopback stays allowed with
    // allow_loopback (development and tests on 127.0.0.1).
    bool public_addresses_only = false;
    bool allow_loopback = false;
  };

  // internal when the TLS context cannot be set up (for example an unreadable ca_file).
  [[nodiscard]] static Result<std::unique_ptr<BeastHttpFetcher>> Create(Options options);
  [[nodiscard]] static Result<std::unique_ptr<BeastHttpFetcher>> Create() { return Create({}); }

  ~BeastHttpFetcher() override;
  BeastHttpFetcher(const BeastHttpFetcher&) = delete;
  BeastHttpFetcher& operator=(const BeastHttpFetcher&) = delete;

  [[nodiscard]] Result<HttpResponse> Get(std::string_view url, const FetchLimits& limits) override;
  // See HttpFetcher::Post: every status outside 3xx is returned. Header fields with CR, LF or a
  // colon in the name: invalid_argument.
  [[nodiscard]] Result<HttpResponse> Post(std::string_view url, std::string_view content_type,
                                          std::string_view body,
                                          const std::vector<std::pair<std::string, std::string>>& headers,
                                          const FetchLimits& limits) override;

 private:
  struct Impl;
  explicit BeastHttpFetcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vaardig::http
