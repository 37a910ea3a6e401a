// Raw HTTP/1.1 exchanges with a server on a loopback port, for the issuer's tests that must see the
// bytes on the wire (status lines, headers, 413 before the body is sent).
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/encoding/json.h"

namespace vaardig::issuer::testing {

// Sends `bytes` on a new connection, half-closes it, and returns everything the server sent ("" when
// the connection failed). The receive timeout is `timeout_seconds`.
inline std::string RawExchange(std::uint16_t port, const std::string& bytes, int timeout_seconds = 20) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  timeval tv{.tv_sec = timeout_seconds, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer 413 and close before the body is sent
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
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

struct Reply {
  int status = 0;
  std::string head;  // status line and header fields
  std::string body;

  // The value of the first header field `name` (case-insensitive), "" when absent.
  [[nodiscard]] std::string Header(std::string_view name) const {
    std::size_t at = head.find("\r\n");
    while (at != std::string::npos) {
      const std::size_t start = at + 2;
      const std::size_t end = head.find("\r\n", start);
      const std::string line = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
      const std::size_t colon = line.find(':');
      if (colon == name.size()) {
        bool same = true;
        for (std::size_t i = 0; i < colon; ++i) {
          same = same && std::tolower(static_cast<unsigned char>(line[i])) ==
                             std::tolower(static_cast<unsigned char>(name[i]));
        }
        if (same) return line.substr(line.find_first_not_of(' ', colon + 1));
      }
      at = end;
    }
    return "";
  }
  [[nodiscard]] Json JsonBody() const {
    auto j = ParseJson(body);
    EXPECT_TRUE(j.has_value()) << "not JSON: " << body.substr(0, 200);
    return j ? *j : Json();
  }
};

// One request on its own connection (Connection: close), split into status, head and body; status 0
// when the exchange failed.
inline Reply RoundTrip(std::uint16_t port, const std::string& bytes, int timeout_seconds = 20) {
  Reply reply;
  const std::string out = RawExchange(port, bytes, timeout_seconds);
  if (!out.starts_with("HTTP/1.1 ") || out.size() < 12) return reply;
  reply.status = std::stoi(out.substr(9, 3));
  const std::size_t end = out.find("\r\n\r\n");
  reply.head = out.substr(0, end);
  if (end != std::string::npos) reply.body = out.substr(end + 4);
  return reply;
}

}  // namespace vaardig::issuer::testing
