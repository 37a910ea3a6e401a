#include "core/http/client.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vaardig::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;
// Beyond this a max-age is as good as forever; capping keeps the arithmetic safe.
constexpr std::int64_t kMaxAgeCap = 365LL * 24 * 3600;
// The outer guard gives the stream's own timer a moment to report the timeout cleanly.
constexpr std::chrono::milliseconds kDeadlineGrace{200};

template <typename StringLike>
std::string Str(const StringLike& s) {
  return std::string(s.data(), s.size());
}

struct Target {
  std::string url{};  // as given, for messages
  std::string method = "GET";  // for messages
  bool https = false;
  std::string host{};  // name or IP address, no brackets
  bool host_is_ip = false;
  std::string port{};         // decimal
  std::string host_header{};  // host[:port] as written in the URL
  std::string target{};       // path and query
};

Result<Target> ParseTarget(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (parsed.has_error()) {
    return Fail(ErrorCode::kInvalidArgument,
                "malformed URL '" + std::string(url) + "': " + parsed.error().message());
  }
  const boost::urls::url_view& u = parsed.value();
  Target t{.url = std::string(url)};
  if (u.scheme_id() == boost::urls::scheme::https) {
    t.https = true;
  } else if (u.scheme_id() != boost::urls::scheme::http) {
    return Fail(ErrorCode::kInvalidArgument,
                "unsupported URL scheme '" + Str(u.scheme()) + "' (only http and https)");
  }
  if (u.has_userinfo()) {
    return Fail(ErrorCode::kInvalidArgument, "URL must not carry user info");
  }
  switch (u.host_type()) {
    case boost::urls::host_type::name:
      if (u.encoded_host().contains('%')) {
        return Fail(ErrorCode::kInvalidArgument, "URL host must not be percent-encoded");
      }
      t.host = Str(u.encoded_host());
      break;
    case boost::urls::host_type::ipv4:
    case boost::urls::host_type::ipv6:
      t.host = Str(u.encoded_host_address());
      t.host_is_ip = true;
      break;
    default:
      return Fail(ErrorCode::kInvalidArgument, "URL '" + t.url + "' has no usable host");
  }
  if (t.host.empty()) return Fail(ErrorCode::kInvalidArgument, "URL '" + t.url + "' has no host");
  if (u.has_port() && !u.port().empty()) {
    if (u.port_number() == 0) {
      return Fail(ErrorCode::kInvalidArgument, "URL port must be between 1 and 65535");
    }
    t.port = std::to_string(u.port_number());
  } else {
    t.port = t.https ? "443" : "80";
  }
  t.host_header = Str(u.encoded_host_and_port());
  t.target = u.encoded_path().empty() ? "/" : Str(u.encoded_path());
  if (u.has_query()) t.target += "?" + Str(u.encoded_query());
  return t;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 9111 §5.2: max-age=N (quoted or not), no-store and no-cache. The smallest max-age wins.
std::optional<std::int64_t> ParseMaxAge(std::string_view cache_control) {
  std::optional<std::int64_t> max_age;
  while (!cache_control.empty()) {
    const std::size_t comma = cache_control.find(',');
    const std::string_view directive = Trim(cache_control.substr(0, comma));
    cache_control = comma == std::string_view::npos ? "" : cache_control.substr(comma + 1);
    const std::size_t eq = directive.find('=');
    const std::string_view name = Trim(directive.substr(0, eq));
    if (EqualsIgnoreCase(name, "no-store") || EqualsIgnoreCase(name, "no-cache")) return 0;
    if (!EqualsIgnoreCase(name, "max-age") || eq == std::string_view::npos) continue;
    std::string_view value = Trim(directive.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (value.empty() || !std::ranges::all_of(value, [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    std::int64_t seconds = 0;
    for (char c : value) seconds = std::min(kMaxAgeCap, seconds * 10 + (c - '0'));
    max_age = max_age ? std::min(*max_age, seconds) : seconds;
  }
  return max_age;
}

// What goes out besides the target: GET has no body; POST carries one (content type, extra
// header fields such as Authorization).
struct Outgoing {
  bhttp::verb verb = bhttp::verb::get;
  std::string_view content_type{};
  std::string_view body{};
  const std::vector<std::pair<std::string, std::string>>* headers = nullptr;
};

Error TransportError(const Target& t, std::string_view phase, const beast::error_code& ec,
                     const FetchLimits& limits) {
  if (ec == beast::error::timeout) {
    return Error(ErrorCode::kDeadlineExceeded, t.method + " " + t.url + ": no answer within " +
                                                   std::to_string(limits.timeout.count()) +
                                                   " ms (" + std::string(phase) + ")");
  }
  return Error(ErrorCode::kUnavailable,
               t.method + " " + t.url + ": " + std::string(phase) + " failed: " + ec.message());
}

Result<HttpResponse> ToResponse(const Target& t, bhttp::response<bhttp::string_body>&& res,
                                bool any_status) {
  const int status = static_cast<int>(res.result_int());
  const bool redirect = status >= 300 && status < 400;
  if ((status >= 200 && status < 300) || (any_status && !redirect)) {
    return HttpResponse{.status = status,
                        .content_type = Str(res[bhttp::field::content_type]),
                        .body = std::move(res.body()),
                        .max_age = ParseMaxAge(res[bhttp::field::cache_control])};
  }
  const std::string prefix = t.method + " " + t.url + ": HTTP " + std::to_string(status);
  if (redirect) {
    const auto location = res[bhttp::field::location];
    return Fail(ErrorCode::kUnavailable,
                prefix + " redirect" + (location.empty() ? "" : " to '" + Str(location) + "'") +
                    " not followed (redirects are refused)");
  }
  if (status == 404 || status == 410) return Fail(ErrorCode::kNotFound, prefix);
  return Fail(ErrorCode::kUnavailable, prefix);
}

// Writes the request and reads the response on a connected (and, for https, handshaken) stream.
template <typename Stream>
asio::awaitable<Result<HttpResponse>> Exchange(Stream& stream, const Target& t,
                                               const Outgoing& out, const FetchLimits& limits,
                                               const std::string& user_agent) {
  bhttp::request<bhttp::string_body> request{out.verb, t.target, 11};
  request.set(bhttp::field::host, t.host_header);
  request.set(bhttp::field::user_agent, user_agent);
  request.set(bhttp::field::accept, "application/json, */*;q=0.8");
  request.set(bhttp::field::connection, "close");
  if (out.headers != nullptr) {
    for (const auto& [name, value] : *out.headers) request.set(name, value);
  }
  if (out.verb != bhttp::verb::get) {
    request.set(bhttp::field::content_type, out.content_type);
    request.body() = std::string(out.body);
    request.prepare_payload();
  }
  beast::error_code ec;
  co_await bhttp::async_write(stream, request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return std::unexpected(TransportError(t, "sending the request", ec, limits));

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(kMaxHeaderBytes);
  parser.body_limit(limits.max_body);
  co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == bhttp::error::body_limit) {
    co_return Fail(ErrorCode::kResourceExhausted, t.method + " " + t.url + ": response body exceeds " +
                                                      std::to_string(limits.max_body) + " bytes");
  }
  if (ec == bhttp::error::header_limit) {
    co_return Fail(ErrorCode::kResourceExhausted, t.method + " " + t.url + ": response header exceeds " +
                                                      std::to_string(kMaxHeaderBytes) + " bytes");
  }
  if (ec) co_return std::unexpected(TransportError(t, "reading the response", ec, limits));
  co_return ToResponse(t, parser.release(), out.verb != bhttp::verb::get);
}

struct AddressPolicy {
  bool public_only = false;
  bool allow_loopback = false;
};

bool IsNonPublic(const asio::ip::address& address, bool allow_loopback) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return IsNonPublic(asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()), allow_loopback);
  }
  if (address.is_loopback()) return !allow_loopback;
  if (address.is_unspecified() || address.is_multicast()) return true;
  if (address.is_v4()) {
    const auto b = address.to_v4().to_bytes();
    return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168) ||
           (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xc0) == 64) || b[0] == 0 || b[0] >= 240;
  }
  const auto v6 = address.to_v6();
  const auto b = v6.to_bytes();
  return v6.is_link_local() || v6.is_site_local() || (b[0] & 0xfe) == 0xfc;
}

asio::awaitable<Result<HttpResponse>> Fetch(const Target& t, const Outgoing& out, const FetchLimits& limits,
                                            ssl::context& tls, const std::string& user_agent,
                                            SteadyTime deadline, AddressPolicy policy) {
  auto executor = co_await asio::this_coro::executor;
  beast::error_code ec;
  tcp::resolver resolver(executor);
  auto resolved = co_await resolver.async_resolve(t.host, t.port,
                                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return std::unexpected(TransportError(t, "resolving " + t.host, ec, limits));
  // Only the addresses allowed are connected to: the check is on what is used, not on a second lookup.
  std::vector<tcp::endpoint> endpoints;
  for (const auto& entry : resolved) {
    if (!policy.public_only || !IsNonPublic(entry.endpoint().address(), policy.allow_loopback)) {
      endpoints.push_back(entry.endpoint());
    }
  }
  if (endpoints.empty()) {
    co_return Fail(ErrorCode::kPermissionDenied,
                   t.method + " " + t.url + ": refused: the host is on a private or local network");
  }

  if (!t.https) {
    beast::tcp_stream stream(executor);
    stream.expires_at(deadline);
    co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return std::unexpected(TransportError(t, "connecting", ec, limits));
    co_return co_await Exchange(stream, t, out, limits, user_agent);
  }

  beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
  SSL* ssl_handle = stream.native_handle();
  if (t.host_is_ip) {
    // No SNI for addresses (RFC 6066 §3); the certificate must name the address instead.
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_handle), t.host.c_str()) != 1) {
      co_return Fail(ErrorCode::kInternal, "X509_VERIFY_PARAM_set1_ip_asc failed");
    }
  } else {
    // SSL_set_tlsext_host_name is a macro that casts away const: call SSL_ctrl on a copy.
    std::string sni = t.host;
    if (SSL_ctrl(ssl_handle, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, sni.data()) !=
            1 ||
        SSL_set1_host(ssl_handle, t.host.c_str()) != 1) {
      co_return Fail(ErrorCode::kInternal, "SSL_set_tlsext_host_name/SSL_set1_host failed");
    }
  }
  beast::get_lowest_layer(stream).expires_at(deadline);
  co_await beast::get_lowest_layer(stream).async_connect(
      endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return std::unexpected(TransportError(t, "connecting", ec, limits));
  co_await stream.async_handshake(ssl::stream_base::client,
                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return std::unexpected(TransportError(t, "TLS handshake", ec, limits));
  // No TLS shutdown afterwards: the response is length-delimited or ends with close_notify
  // (a truncated TLS stream is reported as an error by the read), and the socket is closed.
  co_return co_await Exchange(stream, t, out, limits, user_agent);
}

// One exchange on its own I/O context, bounded by limits.timeout.
Result<HttpResponse> Perform(const Target& target, const Outgoing& out, const FetchLimits& limits,
                             ssl::context& tls, const std::string& user_agent, AddressPolicy policy) {
  const SteadyTime deadline = std::chrono::steady_clock::now() + limits.timeout;

  // Declared before the io_context: pending coroutine frames refer to them until it is destroyed.
  std::optional<Result<HttpResponse>> result;
  asio::io_context io(1);
  asio::co_spawn(io, Fetch(target, out, limits, tls, user_agent, deadline, policy),
                 [&result, &target](std::exception_ptr e, Result<HttpResponse> r) {
                   if (e) {
                     result = Fail(ErrorCode::kInternal, target.method + ": unexpected exception");
                   } else {
                     result = std::move(r);
                   }
                 });
  // The stream timers enforce the deadline for connect, handshake and I/O; this guard covers name
  // resolution, which has no timer of its own.
  io.run_until(deadline + kDeadlineGrace);
  if (!result) {
    return Fail(ErrorCode::kDeadlineExceeded, target.method + " " + target.url + ": no answer within " +
                                                  std::to_string(limits.timeout.count()) + " ms");
  }
  return std::move(*result);
}

}  // namespace

struct BeastHttpFetcher::Impl {
  Options options;
  ssl::context tls{ssl::context::tls_client};
};

BeastHttpFetcher::BeastHttpFetcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BeastHttpFetcher::~BeastHttpFetcher() = default;

Result<std::unique_ptr<BeastHttpFetcher>> BeastHttpFetcher::Create(Options options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  if (SSL_CTX_set_min_proto_version(impl->tls.native_handle(), TLS1_2_VERSION) != 1) {
    return Fail(ErrorCode::kInternal, "SSL_CTX_set_min_proto_version failed");
  }
  impl->tls.set_verify_mode(ssl::verify_peer);
  beast::error_code ec;
  if (impl->options.ca_file) {
    impl->tls.load_verify_file(*impl->options.ca_file, ec);
  } else {
    impl->tls.set_default_verify_paths(ec);
  }
  if (ec) return Fail(ErrorCode::kInternal, "loading trusted CA certificates: " + ec.message());
  return std::unique_ptr<BeastHttpFetcher>(new BeastHttpFetcher(std::move(impl)));
}

Result<HttpResponse> BeastHttpFetcher::Get(std::string_view url, const FetchLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(const Target target, ParseTarget(url));
  return Perform(target, Outgoing{}, limits, impl_->tls, impl_->options.user_agent,
                 {.public_only = impl_->options.public_addresses_only, .allow_loopback = impl_->options.allow_loopback});
}

Result<HttpResponse> BeastHttpFetcher::Post(
    std::string_view url, std::string_view content_type, std::string_view body,
    const std::vector<std::pair<std::string, std::string>>& headers, const FetchLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(Target target, ParseTarget(url));
  target.method = "POST";
  for (const auto& [name, value] : headers) {
    // Beast would reject a field with CR/LF while writing; refuse early and clearly.
    if (name.empty() || name.find_first_of(":\r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "POST " + target.url + ": malformed header field");
    }
  }
  return Perform(target, Outgoing{.verb = bhttp::verb::post, .content_type = content_type, .body = body,
                              .headers = &headers},
                 limits, impl_->tls, impl_->options.user_agent,
                 {.public_only = impl_->options.public_addresses_only, .allow_loopback = impl_->options.allow_loopback});
}

}  // namespace vaardig::http
