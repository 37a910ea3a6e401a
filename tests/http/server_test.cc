// The server end to end on loopback: real sockets, raw bytes, so malformed and oversized requests
// can be sent exactly as an attacker would.
#include "core/http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "core/http/client.h"

namespace vaardig::http {
namespace {

// Sends `bytes` on a fresh connection and reads until the server closes it (or 5 s pass).
std::string RoundTrip(std::uint16_t port, const std::string& bytes, bool half_close = true) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "connect failed";
  }
  timeval tv{.tv_sec = 5, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

int CountOf(const std::string& haystack, std::string_view needle) {
  int n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Get("/hello/{name}", [](Request& r) {
      Json body = {{"hello", std::string(*r.PathParam("name"))},
                   {"lang", std::string(r.QueryParam("lang").value_or("nl"))},
                   {"remote", r.remote_address}};
      return Response::JsonBody(200, body);
    });
    router_.Post("/echo", [](Request& r) { return Response::Text(200, r.body); });
    router_.Post("/upload", [](Request& r) { return Response::Text(200, std::to_string(r.body.size())); });
    router_.Post("/upload-authorised", [](Request& r) { return Response::Text(200, std::to_string(r.body.size())); });
    router_.Get("/throws", [](Request&) -> Response { throw std::runtime_error("boom"); });
    router_.Get("/slow", [this](Request&) {
      slow_started_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      return Response::Text(200, "slow done");
    });
    router_.Get("/page", [](Request&) { return Response::Html(200, "<p>hoi</p>"); });
  }

  std::unique_ptr<Server> StartServer(ServerOptions options = {}) {
    if (options.max_body_bytes == 1024 * 1024) options.max_body_bytes = 64;
    options.body_limit = [](const Request& head) -> std::size_t {
      if (head.path == "/upload-authorised") return head.Header("authorization") == "Bearer ok" ? 4096 : 0;
      return head.path == "/upload" ? 4096 : 0;
    };
    auto server = Server::Start(std::move(options), [this](Request& r) { return router_.Dispatch(r); });
    EXPECT_TRUE(server.has_value()) << server.error();
    return std::move(*server);
  }

  Router router_;
  std::atomic<bool> slow_started_{false};
};

TEST_F(ServerTest, ServesRoutesWithSecurityHeaders) {
  auto server = StartServer();
  const std::string reply =
      RoundTrip(server->port(), "GET /hello/Fatima?lang=en HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200 OK\r\n")) << reply;
  EXPECT_NE(reply.find(R"({"hello":"Fatima","lang":"en","remote":"127.0.0.1"})"), std::string::npos) << reply;
  EXPECT_NE(reply.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(reply.find("Cache-Control: no-store"), std::string::npos);
  EXPECT_NE(reply.find("Referrer-Policy: same-origin"), std::string::npos);
  EXPECT_NE(reply.find("Content-Length: "), std::string::npos);
  EXPECT_EQ(reply.find("Content-Security-Policy"), std::string::npos);  // JSON, not HTML

  const std::string page = RoundTrip(server->port(), "GET /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(page.find("Content-Security-Policy: default-src 'self'"), std::string::npos) << page;
  EXPECT_NE(page.find("frame-ancestors 'none'"), std::string::npos);
}

TEST_F(ServerTest, NotFoundMethodNotAllowedAndHead) {
  auto server = StartServer();
  EXPECT_TRUE(RoundTrip(server->port(), "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 404"));
  const std::string wrong = RoundTrip(server->port(), "DELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(wrong.starts_with("HTTP/1.1 405")) << wrong;
  EXPECT_NE(wrong.find("Allow: POST"), std::string::npos);
  const std::string head = RoundTrip(server->port(), "HEAD /page HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200")) << head;
  EXPECT_NE(head.find("Content-Length: 10"), std::string::npos) << head;
  EXPECT_EQ(head.find("<p>hoi</p>"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto server = StartServer();
  const std::string reply = RoundTrip(server->port(),
                                      "GET /hello/a HTTP/1.1\r\nHost: x\r\n\r\n"
                                      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhallo"
                                      "GET /hello/b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(CountOf(reply, "HTTP/1.1 200 OK"), 3) << reply;
  EXPECT_NE(reply.find("\r\n\r\nhallo"), std::string::npos);
  EXPECT_NE(reply.find(R"("hello":"b")"), std::string::npos);
}

TEST_F(ServerTest, APathLimitAboveOneMebibyteIsHonoured) {
  // Beast's parser has a 1 MiB body limit of its own, checked against Content-Length as soon as
  // the header is read: the path's limit must decide, with 413 above it and not "malformed".
  ServerOptions options;
  options.max_body_bytes = 64;
  options.body_limit = [](const Request& head) -> std::size_t { return head.path == "/upload" ? 3 << 20 : 0; };
  auto started = Server::Start(std::move(options), [this](Request& r) { return router_.Dispatch(r); });
  ASSERT_TRUE(started.has_value()) << started.error();
  auto server = std::move(*started);
  const std::size_t big = (2 << 20) + 17;
  const std::string ok = RoundTrip(server->port(), "POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                                                       std::to_string(big) + "\r\n\r\n" + std::string(big, 'x'));
  EXPECT_TRUE(ok.starts_with("HTTP/1.1 200")) << ok.substr(0, 200);
  EXPECT_NE(ok.find("\r\n\r\n" + std::to_string(big)), std::string::npos);
  const std::string over = RoundTrip(server->port(), "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                                         std::to_string((3 << 20) + 1) + "\r\n\r\n");
  EXPECT_TRUE(over.starts_with("HTTP/1.1 413")) << over.substr(0, 200);
}

TEST_F(ServerTest, BodyLimitsAreEnforcedPerPathBeforeReading) {
  auto server = StartServer();
  // Declared too large: 413 without reading the body.
  const std::string declared =
      RoundTrip(server->port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n");
  EXPECT_TRUE(declared.starts_with("HTTP/1.1 413")) << declared;
  EXPECT_NE(declared.find("request_too_large"), std::string::npos);
  // Chunked, over the limit while reading.
  std::string chunked = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) chunked += "10\r\n0123456789abcdef\r\n";
  chunked += "0\r\n\r\n";
  EXPECT_TRUE(RoundTrip(server->port(), chunked).starts_with("HTTP/1.1 413"));
  // The upload path has a larger limit.
  const std::string upload = "POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n" +
                             std::string(1000, 'x');
  const std::string ok = RoundTrip(server->port(), upload);
  EXPECT_TRUE(ok.starts_with("HTTP/1.1 200")) << ok;
  EXPECT_NE(ok.find("\r\n\r\n1000"), std::string::npos);
  // A limit decided from the request's head: the larger body only with the right header.
  const std::string body(1000, 'x');
  const std::string with = RoundTrip(server->port(), "POST /upload-authorised HTTP/1.1\r\nHost: x\r\n"
                                                     "Authorization: Bearer ok\r\nConnection: close\r\n"
                                                     "Content-Length: 1000\r\n\r\n" + body);
  EXPECT_TRUE(with.starts_with("HTTP/1.1 200")) << with;
  const std::string without = RoundTrip(server->port(), "POST /upload-authorised HTTP/1.1\r\nHost: x\r\n"
                                                        "Authorization: Bearer no\r\nContent-Length: 1000\r\n\r\n");
  EXPECT_TRUE(without.starts_with("HTTP/1.1 413")) << without;
  // Expect: 100-continue is answered before the body.
  const std::string cont = RoundTrip(
      server->port(),
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
  EXPECT_TRUE(cont.starts_with("HTTP/1.1 100 Continue\r\n")) << cont;
  EXPECT_NE(cont.find("HTTP/1.1 200 OK"), std::string::npos);
}

TEST_F(ServerTest, MalformedRequestsGetBadRequestAndTheServerLivesOn) {
  auto server = StartServer({.max_header_bytes = 512});
  EXPECT_TRUE(RoundTrip(server->port(), "NOT HTTP AT ALL\r\n\r\n").starts_with("HTTP/1.1 400"));
  EXPECT_TRUE(RoundTrip(server->port(), "GET /a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 400"));
  EXPECT_TRUE(RoundTrip(server->port(), "GET /../x HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 400"));
  const std::string big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n";
  EXPECT_TRUE(RoundTrip(server->port(), big).starts_with("HTTP/1.1 431"));
  const std::string bad_chunk = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
  EXPECT_TRUE(RoundTrip(server->port(), bad_chunk).starts_with("HTTP/1.1 400"));
  const std::string threw = RoundTrip(server->port(), "GET /throws HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(threw.starts_with("HTTP/1.1 500")) << threw;
  EXPECT_EQ(threw.find("boom"), std::string::npos);
  EXPECT_TRUE(RoundTrip(server->port(), "GET /hello/x HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 200"));
  const std::string metrics = server->RenderMetrics();
  EXPECT_NE(metrics.find("vaardig_http_rejected_total 5"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(R"(vaardig_http_requests_total{method="GET",code="500"} 1)"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(R"(vaardig_http_requests_total{method="GET",code="200"} 1)"), std::string::npos) << metrics;
}

TEST_F(ServerTest, IdleConnectionsTimeOut) {
  auto server = StartServer({.read_timeout = std::chrono::milliseconds(200)});
  const auto started = std::chrono::steady_clock::now();
  // Never finishes its header: the server closes the connection, the client sees EOF.
  const std::string reply = RoundTrip(server->port(), "GET /hello/x HTTP/1.1\r\n", false);
  EXPECT_EQ(reply, "");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
}

TEST_F(ServerTest, StopLetsARequestInProgressFinish) {
  auto server = StartServer();
  std::string reply;
  std::thread client([&] {
    reply = RoundTrip(server->port(), "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n", false);
  });
  while (!slow_started_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server->Stop();
  client.join();
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply;
  EXPECT_NE(reply.find("slow done"), std::string::npos);
  // Stopped: nobody listens any more.
  EXPECT_EQ(RoundTrip(server->port(), "GET /hello/x HTTP/1.1\r\n\r\n"), "connect failed");
}

TEST_F(ServerTest, TrustsForwardedHeadersOnlyFromConfiguredProxies) {
  auto untrusted = StartServer();
  const std::string a = RoundTrip(untrusted->port(),
                                  "GET /hello/x HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n");
  EXPECT_NE(a.find(R"("remote":"127.0.0.1")"), std::string::npos) << a;
  auto trusted = StartServer({.trusted_proxies = {"127.0.0.1"}});
  const std::string b = RoundTrip(
      trusted->port(), "GET /hello/x HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.1, 203.0.113.9\r\n\r\n");
  EXPECT_NE(b.find(R"("remote":"203.0.113.9")"), std::string::npos) << b;
}

TEST_F(ServerTest, RefusesBadOptions) {
  EXPECT_EQ(Server::Start({.bind_address = "not an address"}, [](Request&) { return Response{}; })
                .error()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Server::Start({.tls_certificate_file = "/nonexistent.pem"}, [](Request&) { return Response{}; })
                .error()
                .code(),
            ErrorCode::kInvalidArgument);
  auto first = StartServer();
  EXPECT_EQ(Server::Start({.port = first->port()}, [](Request&) { return Response{}; }).error().code(),
            ErrorCode::kUnavailable);
}

TEST_F(ServerTest, ServesTlsWithTheConfiguredCertificate) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("vaardig-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string();
  const std::string key = (dir / "key.pem").string();
  const std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl command not available";
  auto server = StartServer({.tls_certificate_file = cert, .tls_private_key_file = key});
  EXPECT_TRUE(server->BaseUrl().starts_with("https://"));
  auto fetcher = BeastHttpFetcher::Create({.ca_file = cert});
  ASSERT_TRUE(fetcher.has_value()) << fetcher.error();
  auto response = (*fetcher)->Get(server->BaseUrl() + "/hello/tls", {});
  ASSERT_TRUE(response.has_value()) << response.error();
  EXPECT_EQ(response->status, 200);
  EXPECT_NE(response->body.find(R"("hello":"tls")"), std::string::npos);
  // Plain HTTP to the TLS port gets nothing useful.
  EXPECT_FALSE(RoundTrip(server->port(), "GET /hello/x HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 200"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vaardig::http
