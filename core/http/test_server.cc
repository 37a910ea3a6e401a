#include "core/http/test_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <mutex>
#include <thread>

namespace vaardig::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

struct ServerState {
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::thread thread;
  std::once_flag stopped;

  mutable std::mutex mu;
  std::map<std::string, TestResponse> routes;  // guarded by mu
  std::vector<std::string> targets;            // guarded by mu

  TestResponse Lookup(std::string target) {
    std::lock_guard lock(mu);
    auto it = routes.find(target);
    targets.push_back(std::move(target));
    if (it != routes.end()) return it->second;
    return TestResponse{.status = 404, .content_type = "text/plain", .body = "not found"};
  }
};

asio::awaitable<void> Serve(ServerState& state, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  bhttp::request<bhttp::string_body> request;
  beast::error_code ec;
  co_await bhttp::async_read(stream, buffer, request,
                             asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  const TestResponse response = state.Lookup(std::string(request.target()));
  if (response.never_answer) {
    // Wait for the client to give up (it closes: the read ends) or for Stop().
    char byte = 0;
    co_await stream.async_read_some(asio::buffer(&byte, 1),
                                    asio::redirect_error(asio::use_awaitable, ec));
    co_return;
  }
  bhttp::response<bhttp::string_body> reply;
  reply.version(11);
  reply.result(static_cast<unsigned>(response.status));
  if (!response.content_type.empty()) reply.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) reply.set(name, value);
  reply.set(bhttp::field::connection, "close");
  reply.body() = response.body;
  reply.prepare_payload();
  co_await bhttp::async_write(stream, reply, asio::redirect_error(asio::use_awaitable, ec));
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> AcceptLoop(ServerState& state) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await state.acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    asio::co_spawn(state.io, Serve(state, std::move(socket)), asio::detached);
  }
}

}  // namespace

struct TestHttpServer::State : ServerState {};

Result<std::unique_ptr<TestHttpServer>> TestHttpServer::Start(
    std::map<std::string, TestResponse> routes) {
  auto state = std::make_unique<State>();
  state->routes = std::move(routes);
  const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), 0);
  beast::error_code ec;
  state->acceptor.open(endpoint.protocol(), ec);
  if (!ec) state->acceptor.bind(endpoint, ec);
  if (!ec) state->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "test server: cannot listen: " + ec.message());
  const std::uint16_t port = state->acceptor.local_endpoint(ec).port();
  if (ec) return Fail(ErrorCode::kUnavailable, "test server: " + ec.message());

  asio::co_spawn(state->io, AcceptLoop(*state), asio::detached);
  state->thread = std::thread([s = state.get()] { s->io.run(); });
  return std::unique_ptr<TestHttpServer>(new TestHttpServer(std::move(state), port));
}

TestHttpServer::TestHttpServer(std::unique_ptr<State> state, std::uint16_t port)
    : state_(std::move(state)), port_(port) {}

TestHttpServer::~TestHttpServer() { Stop(); }

std::string TestHttpServer::BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

void TestHttpServer::SetRoute(std::string target, TestResponse response) {
  std::lock_guard lock(state_->mu);
  state_->routes.insert_or_assign(std::move(target), std::move(response));
}

int TestHttpServer::request_count() const {
  std::lock_guard lock(state_->mu);
  return static_cast<int>(state_->targets.size());
}

std::vector<std::string> TestHttpServer::requested_targets() const {
  std::lock_guard lock(state_->mu);
  return state_->targets;
}

void TestHttpServer::Stop() {
  std::call_once(state_->stopped, [this] {
    state_->io.stop();  // pending connections are dropped with the io_context
    if (state_->thread.joinable()) state_->thread.join();
  });
}

}  // namespace vaardig::http
