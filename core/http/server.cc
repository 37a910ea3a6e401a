#include "core/http/server.h"

#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include <spdlog/spdlog.h>

namespace vaardig::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                              0.5,   1.0,  2.5,   5.0,  10.0};

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

bool HasHeader(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (beast::iequals(n, name)) return true;
  }
  return false;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  std::optional<ssl::context> tls;  // declared before io: pending streams die with io
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  std::vector<std::thread> threads;
  std::once_flag stopped;
  std::atomic<bool> stopping{false};

  // Connections, so Stop() can close the idle ones; and requests in progress, so it can wait.
  struct ConnectionEntry {
    std::function<void()> close;
    bool busy = false;
  };
  mutable std::mutex mu;
  std::condition_variable idle_cv;
  std::map<std::uint64_t, ConnectionEntry> connections;  // guarded by mu
  std::uint64_t next_connection = 0;                // guarded by mu
  int busy_count = 0;                               // guarded by mu

  // Metrics, guarded by metrics_mu.
  mutable std::mutex metrics_mu;
  std::map<std::pair<std::string, int>, std::uint64_t> requests;  // (method, status) → count
  std::array<std::uint64_t, kBuckets.size()> duration_buckets{};
  std::uint64_t duration_count = 0;
  double duration_sum = 0;
  std::uint64_t connections_total = 0;
  std::uint64_t rejected_total = 0;  // 400 / 413 / 431 answered before a handler ran

  std::uint64_t Register(std::function<void()> close) {
    std::lock_guard lock(mu);
    const std::uint64_t id = next_connection++;
    connections.emplace(id, ConnectionEntry{std::move(close), false});
    return id;
  }
  void Unregister(std::uint64_t id) {
    std::lock_guard lock(mu);
    auto it = connections.find(id);
    if (it != connections.end()) {
      if (it->second.busy) --busy_count;
      connections.erase(it);
    }
    idle_cv.notify_all();
  }
  void SetBusy(std::uint64_t id, bool busy) {
    std::lock_guard lock(mu);
    auto it = connections.find(id);
    if (it == connections.end() || it->second.busy == busy) return;
    it->second.busy = busy;
    busy_count += busy ? 1 : -1;
    idle_cv.notify_all();
  }

  void Record(std::string_view method, int status, double seconds) {
    std::lock_guard lock(metrics_mu);
    ++requests[{std::string(method), status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      if (seconds <= kBuckets[i]) ++duration_buckets[i];
    }
    ++duration_count;
    duration_sum += seconds;
  }

  Response Call(Request& request) {
    try {
      return handler(request);
    } catch (...) {
      // The exception's text may quote request data: only the route is logged.
      spdlog::error(R"({{"event":"handler_exception","route":"{}"}})", request.route);
    }
    return ErrorResponse(500, "internal", "internal error");
  }

  bhttp::response<bhttp::string_body> ToBeast(Response response, bool head, bool keep_alive,
                                              unsigned version) {
    bhttp::response<bhttp::string_body> out;
    out.version(version);
    out.result(static_cast<unsigned>(response.status));
    if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) out.insert(name, value);
    if (!HasHeader(response, "X-Content-Type-Options")) out.set("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on same-origin
    // form posts, which the CSRF origin check must refuse; cross-site requests still get nothing.
    if (!HasHeader(response, "Referrer-Policy")) out.set("Referrer-Policy", "same-origin");
    if (!HasHeader(response, "X-Frame-Options")) out.set("X-Frame-Options", "DENY");
    if (!HasHeader(response, "Cache-Control")) out.set(bhttp::field::cache_control, "no-store");
    if (!HasHeader(response, "Content-Security-Policy") &&
        response.content_type.starts_with("text/html")) {
      out.set("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
    }
    if (tls) out.set("Strict-Transport-Security", "max-age=31536000");
    out.keep_alive(keep_alive);
    const std::size_t length = response.body.size();
    if (!head) out.body() = std::move(response.body);
    out.content_length(length);
    return out;
  }

  template <typename Stream>
  asio::awaitable<void> Session(Stream& stream, std::string peer, bool secure, std::uint64_t id) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    auto& tcp_layer = beast::get_lowest_layer(stream);
    bool first = true;
    while (!stopping) {
      tcp_layer.expires_after(first ? options.read_timeout : options.idle_timeout);
      first = false;
      bhttp::request_parser<bhttp::empty_body> header_parser;
      header_parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      // Beast checks Content-Length against the parser's own body limit (1 MiB by default) as
      // soon as the header is complete; the limit per path is applied below instead, so a
      // larger path limit works and a body over it gets 413, not "malformed".
      header_parser.body_limit(boost::none);
      co_await bhttp::async_read_header(stream, buffer, header_parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::header_limit) {
        co_await Reject(stream, 431, "request_header_too_large", "request header too large");
        co_return;
      }
      if (ec == bhttp::error::body_limit) {
        co_await Reject(stream, 413, "request_too_large", "request body too large");
        co_return;
      }
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
          ec == asio::error::operation_aborted || ec == asio::error::eof ||
          ec == asio::error::connection_reset) {
        co_return;
      }
      if (ec) {
        co_await Reject(stream, 400, "bad_request", "malformed HTTP request");
        co_return;
      }
      SetBusy(id, true);
      const auto started = std::chrono::steady_clock::now();
      tcp_layer.expires_after(options.read_timeout);

      Request request;
      const auto& header = header_parser.get();
      request.method = ToMethod(header.method());
      if (Status st = SetTarget(request, std::string_view(header.target())); !st) {
        co_await Reject(stream, 400, "bad_request", st.error().message());
        co_return;
      }
      for (const auto& field : header) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers.emplace_back(std::move(name), std::string(field.value()));
      }
      request.remote_address = peer;
      request.secure = secure;
      if (IsTrustedProxy(peer)) {
        if (auto forwarded = request.Header("x-forwarded-for")) {
          std::string_view v = *forwarded;
          const std::size_t comma = v.rfind(',');
          if (comma != std::string_view::npos) v = v.substr(comma + 1);
          while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
          request.remote_address = std::string(v);
        }
        if (auto proto = request.Header("x-forwarded-proto")) request.secure = *proto == "https";
      }
      std::size_t limit = options.max_body_bytes;
      if (options.body_limit) {
        if (std::size_t l = options.body_limit(request); l != 0) limit = l;
      }
      if (header_parser.content_length() && *header_parser.content_length() > limit) {
        co_await Reject(stream, 413, "request_too_large", "request body too large");
        co_return;
      }
      if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, header.version()};
        co_await bhttp::async_write(stream, cont, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
      }
      bhttp::request_parser<bhttp::string_body> parser{std::move(header_parser)};
      parser.body_limit(limit);
      co_await bhttp::async_read(stream, buffer, parser,
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::body_limit) {
        co_await Reject(stream, 413, "request_too_large", "request body too large");
        co_return;
      }
      if (ec) {
        if (ec != beast::error::timeout && ec != asio::error::operation_aborted) {
          co_await Reject(stream, 400, "bad_request", "malformed HTTP request body");
        }
        co_return;
      }
      auto message = parser.release();
      request.body = std::move(message.body());

      Response response = Call(request);
      const bool keep_alive = message.keep_alive() && !stopping;
      const int status = response.status;
      auto out = ToBeast(std::move(response), request.method == Method::kHead, keep_alive,
                         message.version());
      co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      Record(MethodName(request.method), status, seconds);
      spdlog::info(R"({{"event":"http","server":"{}","method":"{}","route":"{}","status":{},"ms":{:.1f}}})",
                   options.server_name, MethodName(request.method),
                   request.route.empty() ? "-" : request.route, status, seconds * 1000);
      SetBusy(id, false);
      if (ec || !keep_alive) co_return;
    }
  }

  template <typename Stream>
  asio::awaitable<void> Reject(Stream& stream, int status, std::string_view error,
                               std::string_view description) {
    {
      std::lock_guard lock(metrics_mu);
      ++rejected_total;
    }
    auto out = ToBeast(ErrorResponse(status, error, description), false, false, 11);
    beast::error_code ec;
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
  }

  bool IsTrustedProxy(const std::string& peer) const {
    for (const auto& p : options.trusted_proxies) {
      if (p == peer) return true;
    }
    return false;
  }

  asio::awaitable<void> HandleConnection(tcp::socket socket) {
    beast::error_code ec;
    const std::string peer = socket.remote_endpoint(ec).address().to_string();
    {
      std::lock_guard lock(metrics_mu);
      ++connections_total;
    }
    if (tls) {
      beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
      // The close runs on this connection's strand, so it either sees the stream alive or the
      // flag cleared (set on the strand below, before the stream goes away).
      auto alive = std::make_shared<bool>(true);
      const std::uint64_t id = Register([&stream, alive] {
        asio::post(stream.get_executor(), [&stream, alive] {
          beast::error_code ignored;
          if (*alive) beast::get_lowest_layer(stream).socket().close(ignored);
        });
      });
      beast::get_lowest_layer(stream).expires_after(options.read_timeout);
      co_await stream.async_handshake(ssl::stream_base::server,
                                      asio::redirect_error(asio::use_awaitable, ec));
      if (!ec) {
        co_await Session(stream, peer, true, id);
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
      }
      *alive = false;
      Unregister(id);
    } else {
      beast::tcp_stream stream(std::move(socket));
      auto alive = std::make_shared<bool>(true);
      const std::uint64_t id = Register([&stream, alive] {
        asio::post(stream.get_executor(), [&stream, alive] {
          beast::error_code ignored;
          if (*alive) stream.socket().close(ignored);
        });
      });
      co_await Session(stream, peer, false, id);
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      *alive = false;
      Unregister(id);
    }
  }

  asio::awaitable<void> AcceptLoop() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(
          asio::make_strand(io), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        continue;  // e.g. EMFILE: keep serving the connections we have
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, HandleConnection(std::move(socket)), asio::detached);
    }
  }
};

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options, Handler handler) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->handler = std::move(handler);
  const ServerOptions& o = impl->options;
  if (o.threads < 1 || o.threads > 256) {
    return Fail(ErrorCode::kInvalidArgument, "server threads must be between 1 and 256");
  }
  if (o.tls_certificate_file.has_value() != o.tls_private_key_file.has_value()) {
    return Fail(ErrorCode::kInvalidArgument,
                "TLS needs both a certificate file and a private key file");
  }
  if (o.tls_certificate_file) {
    impl->tls.emplace(ssl::context::tls_server);
    impl->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    beast::error_code ec;
    impl->tls->use_certificate_chain_file(*o.tls_certificate_file, ec);
    if (ec) {
      return Fail(ErrorCode::kInvalidArgument,
                  "cannot use TLS certificate file " + *o.tls_certificate_file + ": " + ec.message());
    }
    impl->tls->use_private_key_file(*o.tls_private_key_file, ssl::context::pem, ec);
    if (ec) {
      return Fail(ErrorCode::kInvalidArgument,
                  "cannot use TLS private key file " + *o.tls_private_key_file + ": " + ec.message());
    }
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(o.bind_address, ec);
  if (ec) return Fail(ErrorCode::kInvalidArgument, "bad bind address '" + o.bind_address + "'");
  const tcp::endpoint endpoint(address, o.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable, "cannot listen on " + o.bind_address + ":" +
                                             std::to_string(o.port) + ": " + ec.message());
  }
  impl->port = impl->acceptor.local_endpoint(ec).port();
  asio::co_spawn(impl->acceptor.get_executor(), impl->AcceptLoop(), asio::detached);
  for (int i = 0; i < o.threads; ++i) {
    impl->threads.emplace_back([s = impl.get()] { s->io.run(); });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

std::uint16_t Server::port() const { return impl_->port; }

std::string Server::BaseUrl() const {
  return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(impl_->port);
}

void Server::Stop() {
  std::call_once(impl_->stopped, [this] {
    Impl& s = *impl_;
    s.stopping = true;
    asio::post(s.acceptor.get_executor(), [&s] {
      beast::error_code ignored;
      s.acceptor.close(ignored);
    });
    {
      std::unique_lock lock(s.mu);
      // Idle connections are closed now; busy ones finish their request and then close.
      for (auto& [id, c] : s.connections) {
        if (!c.busy) c.close();
      }
      s.idle_cv.wait_for(lock, s.options.shutdown_grace, [&s] { return s.busy_count == 0; });
    }
    s.io.stop();
    for (auto& t : s.threads) {
      if (t.joinable()) t.join();
    }
  });
}

void Server::RunUntilSignal() {
  asio::io_context signals_io(1);
  asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int) {});
  signals_io.run();
  Stop();
}

std::string Server::RenderMetrics() const {
  const Impl& s = *impl_;
  std::string out;
  std::lock_guard lock(s.metrics_mu);
  out += "# HELP vaardig_http_requests_total HTTP requests answered, by method and status code.\n";
  out += "# TYPE vaardig_http_requests_total counter\n";
  for (const auto& [key, count] : s.requests) {
    out += "vaardig_http_requests_total{method=\"" + key.first + "\",code=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP vaardig_http_request_duration_seconds Time from request header to response written.\n";
  out += "# TYPE vaardig_http_request_duration_seconds histogram\n";
  char buf[64];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
    out += "vaardig_http_request_duration_seconds_bucket{le=\"" + std::string(buf) + "\"} " +
           std::to_string(s.duration_buckets[i]) + "\n";
  }
  out += "vaardig_http_request_duration_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(s.duration_count) + "\n";
  std::snprintf(buf, sizeof buf, "%.6f", s.duration_sum);
  out += "vaardig_http_request_duration_seconds_sum " + std::string(buf) + "\n";
  out += "vaardig_http_request_duration_seconds_count " + std::to_string(s.duration_count) + "\n";
  out += "# HELP vaardig_http_connections_total Connections accepted.\n";
  out += "# TYPE vaardig_http_connections_total counter\n";
  out += "vaardig_http_connections_total " + std::to_string(s.connections_total) + "\n";
  out += "# HELP vaardig_http_rejected_total Requests rejected before a handler ran (400, 413, 431).\n";
  out += "# TYPE vaardig_http_rejected_total counter\n";
  out += "vaardig_http_rejected_total " + std::to_string(s.rejected_total) + "\n";
  {
    std::lock_guard conn_lock(s.mu);
    out += "# HELP vaardig_http_connections_open Connections open now.\n";
    out += "# TYPE vaardig_http_connections_open gauge\n";
    out += "vaardig_http_connections_open " + std::to_string(s.connections.size()) + "\n";
  }
  return out;
}

}  // namespace vaardig::http
