// Driving a real `vaardig-issuer serve` process through OpenID4VCI issuance, for the crash test
// (tests/issuer/issuance_crash_test.cc) and the issuance benchmark (tests/bench/bench_issuance.cc).
// No gtest here: the benchmark links it too.
//
//   ServeProcess      fork/exec `vaardig-issuer serve --config F` (output to a log file), the port
//                     it reports there, kill -9 or stop.
//   HttpConnection    HTTP/1.1 over one keep-alive loopback TCP connection (Content-Length bodies only),
//                     reconnecting after a failure; a transport failure is `unavailable`.
//   SeedIssuanceOffers  people, skills and direct offers (issuance.h CreateDirectOffer) written
//                     straight into the service's database before it starts.
//   Wallet flow       token (pre-authorized code + PIN) → nonce → credential with a fresh jwt proof.
//
// Every function is safe to call from several threads on distinct objects; ServeProcess::port()
// may be read while another thread restarts the process.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/encoding/json.h"
#include "core/http/message.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/credential_request.h"
#include "core/oid4vc/token.h"
#include "issuer/app/issuance.h"
#include "issuer/app/issuer_app.h"

namespace vaardig::issuer::load {

// ---------------------------------------------------------------------------------------------
// The serve process.

class ServeProcess {
 public:
  // Starts `binary serve --config config_path` with its standard output and error appended to
  // `log_path` (the service logs every request there: a pipe nobody drains would fill up and
  // block it), and waits up to `startup` for its "listening on http://HOST:PORT" line.
  [[nodiscard]] static Result<std::unique_ptr<ServeProcess>> Start(const std::string& binary,
                                                                   const std::string& config_path,
                                                                   const std::string& log_path,
                                                                   std::chrono::seconds startup = std::chrono::seconds(120)) {
    const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (log < 0) return Fail(ErrorCode::kInternal, "cannot open the server log " + log_path);
    const off_t start = ::lseek(log, 0, SEEK_END);  // this run's lines come after
    // Everything the child needs is prepared before fork: other threads may hold allocator locks.
    std::vector<std::string> args{binary, "serve", "--config", config_path};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
      ::close(log);
      return Fail(ErrorCode::kInternal, "fork failed");
    }
    if (pid == 0) {
      // Child: async-signal-safe calls only. dup2 clears O_CLOEXEC on the new descriptors.
      ::dup2(log, STDOUT_FILENO);
      ::dup2(log, STDERR_FILENO);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(log);
    auto process = std::unique_ptr<ServeProcess>(new ServeProcess(pid));
    VAARDIG_RETURN_IF_ERROR(process->AwaitListening(log_path, start, startup));
    return process;
  }

  ~ServeProcess() {
    if (pid_ > 0) Kill9();
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }

  // SIGKILL and reap: no destructor, no flush, no orderly close of SQLite runs.
  void Kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }

  // SIGTERM, then waits for the exit; the process's exit status (or -1 when it was signalled).
  int Stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  explicit ServeProcess(pid_t pid) : pid_(pid) {}

  Status AwaitListening(const std::string& log_path, off_t start, std::chrono::seconds startup) {
    constexpr std::string_view kMarker = "listening on http://";
    const auto deadline = std::chrono::steady_clock::now() + startup;
    const int fd = ::open(log_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Fail(ErrorCode::kInternal, "cannot read the server log " + log_path);
    std::string text;
    off_t at = start;
    Status result = Fail(ErrorCode::kDeadlineExceeded, "the issuer did not report its port in time (see its log)");
    while (std::chrono::steady_clock::now() < deadline) {
      char buf[4096];
      const ssize_t n = ::pread(fd, buf, sizeof buf, at);
      if (n > 0) {
        text.append(buf, static_cast<std::size_t>(n));
        at += n;
        const std::size_t found = text.find(kMarker);
        const std::size_t colon = found == std::string::npos ? found : text.find(':', found + kMarker.size());
        const std::size_t end = colon == std::string::npos ? colon : text.find_first_not_of("0123456789", colon + 1);
        if (end != std::string::npos && end > colon + 1) {
          port_ = static_cast<std::uint16_t>(std::stoul(text.substr(colon + 1, end - colon - 1)));
          result = {};
          break;
        }
        continue;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        result = Fail(ErrorCode::kUnavailable, "the issuer exited before listening (see its log)");
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::close(fd);
    return result;
  }

  pid_t pid_;
  std::uint16_t port_ = 0;
};

// ---------------------------------------------------------------------------------------------
// A keep-alive HTTP/1.1 client connection.

struct HttpReply {
  int status = 0;
  std::string body;
};

class HttpConnection {
 public:
  // `port` is read before every (re)connect, so a restarted server on a new port is found.
  explicit HttpConnection(const std::atomic<std::uint16_t>& port) : port_(port) {}
  ~HttpConnection() { Close(); }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // One POST. unavailable when the connection could not be made or broke before a complete
  // response arrived (the connection is then closed; the next call reconnects).
  [[nodiscard]] Result<HttpReply> Post(std::string_view target, std::string_view content_type, std::string_view body,
                                       std::string_view bearer = {}) {
    if (fd_ < 0) VAARDIG_RETURN_IF_ERROR(Connect());
    std::string request;
    request.reserve(256 + body.size());
    request.append("POST ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (!content_type.empty()) request.append("Content-Type: ").append(content_type).append("\r\n");
    if (!bearer.empty()) request.append("Authorization: Bearer ").append(bearer).append("\r\n");
    request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n").append(body);
    std::size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Fail(Broken("send"));
      sent += static_cast<std::size_t>(n);
    }
    return ReadReply();
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
  }

 private:
  Status Connect() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return Fail(ErrorCode::kUnavailable, "socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_.load());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return Fail(Broken("connect"));
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval tv{.tv_sec = 60, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return {};
  }

  Error Broken(std::string_view what) {
    Close();
    return Error(ErrorCode::kUnavailable, "connection to the issuer failed (" + std::string(what) + ")");
  }

  bool Fill() {
    char buf[16384];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(buf, static_cast<std::size_t>(n));
      return true;
    }
  }

  Result<HttpReply> ReadReply() {
    std::size_t head_end;
    while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (buffer_.size() > 64 * 1024) return Fail(Broken("response head too large"));
      if (!Fill()) return Fail(Broken("recv"));
    }
    const std::string head = buffer_.substr(0, head_end);
    if (!head.starts_with("HTTP/1.1 ") || head.size() < 12) return Fail(Broken("not an HTTP/1.1 response"));
    HttpReply reply;
    reply.status = std::atoi(head.substr(9, 3).c_str());
    std::optional<std::size_t> length;
    bool close = false;
    std::size_t at = head.find("\r\n");
    while (at != std::string::npos) {
      const std::size_t start = at + 2;
      const std::size_t end = head.find("\r\n", start);
      std::string line = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
      for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (line.starts_with("content-length:")) length = std::stoul(line.substr(15));
      if (line.starts_with("connection:") && line.find("close") != std::string::npos) close = true;
      if (line.starts_with("transfer-encoding:")) return Fail(Broken("chunked responses are not supported here"));
      at = end;
    }
    if (!length) return Fail(Broken("response without Content-Length"));
    const std::size_t total = head_end + 4 + *length;
    while (buffer_.size() < total) {
      if (!Fill()) return Fail(Broken("recv body"));
    }
    reply.body = buffer_.substr(head_end + 4, *length);
    buffer_.erase(0, total);
    if (close) Close();
    return reply;
  }

  const std::atomic<std::uint16_t>& port_;
  int fd_ = -1;
  std::string buffer_;
};

// ---------------------------------------------------------------------------------------------
// Seeding.

struct OfferSecret {
  std::string code;
  std::string pin;
};

// "E00042" style numbers.
[[nodiscard]] inline std::string Numbered(std::string_view prefix, int n, std::size_t width) {
  std::string digits = std::to_string(n);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return std::string(prefix) + digits;
}

// `people` employees (E00001...) under one manager (M00000) and `skills` skills (skill-0001...),
// then one direct offer per (person, skill) pair up to `offers` (a direct offer cancels an earlier
// open one for the same pair), in transactions of `batch` offers (a nested transaction is a
// savepoint, so each batch costs one commit).
[[nodiscard]] inline Result<std::vector<OfferSecret>> SeedIssuanceOffers(IssuerApp& app, int people, int skills,
                                                                         int offers, int batch = 500) {
  if (offers > people * skills) return Fail(ErrorCode::kInvalidArgument, "offers: more than people × skills");
  const std::string now = app.Now();
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    for (int p = 0; p <= people; ++p) {
      const std::string number = p == 0 ? std::string("M00000") : Numbered("E", p, 5);
      VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO people (employee_number, name, email, role, created_at, "
                                         "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                                         {number, "Medewerker " + number, number + "@gemeente-voorbeeld.example",
                                          std::string(p == 0 ? "manager" : "employee"), now, now}));
    }
    for (int s = 1; s <= skills; ++s) {
      VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO skills (id, name_nl, name_en, kind, active, updated_at) "
                                         "VALUES (?, ?, ?, 'soft', 1, ?)",
                                         {Numbered("skill-", s, 4), "Vaardigheid " + std::to_string(s),
                                          "Skill " + std::to_string(s), now}));
    }
    return {};
  }));
  std::vector<OfferSecret> out;
  out.reserve(static_cast<std::size_t>(offers));
  int made = 0;
  while (made < offers) {
    VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database&) -> Status {
      for (int i = 0; i < batch && made < offers; ++i, ++made) {
        VAARDIG_ASSIGN_OR_RETURN(NewOffer offer,
                                 CreateDirectOffer(app, "cli",
                                                   DirectIssue{.employee_number = Numbered("E", made % people + 1, 5),
                                                               .skill_id = Numbered("skill-", made / people + 1, 4),
                                                               .level = 2,
                                                               .confirmed_by_number = "M00000"}));
        out.push_back({std::move(offer.pre_authorized_code), std::move(offer.tx_code)});
      }
      return {};
    }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The wallet's side of the flow.

// The hex SHA-256 the issuer records for a credential (issuance_credential.cc): of the compact
// SD-JWT VC, or of the badge object as DumpJson writes it.
[[nodiscard]] inline std::string CredentialSha256(const Json& credential) {
  const std::string bytes = credential.is_string() ? credential.get<std::string>() : DumpJson(credential);
  return encoding::HexEncode(crypto::Sha256(AsBytes(bytes)));
}

struct StepReply {
  HttpReply reply;
  Json json;  // the parsed body (null when it is not JSON)
};

[[nodiscard]] inline Result<StepReply> PostStep(HttpConnection& connection, std::string_view target,
                                                std::string_view content_type, std::string_view body,
                                                std::string_view bearer = {}) {
  VAARDIG_ASSIGN_OR_RETURN(HttpReply reply, connection.Post(target, content_type, body, bearer));
  StepReply out{std::move(reply), Json()};
  if (auto parsed = ParseJson(out.reply.body)) out.json = std::move(*parsed);
  return out;
}

[[nodiscard]] inline Result<StepReply> TokenStep(HttpConnection& connection, const OfferSecret& offer) {
  const std::string form = "grant_type=" + http::FormEncode(oid4vc::kPreAuthorizedCodeGrantType) +
                           "&pre-authorized_code=" + http::FormEncode(offer.code) +
                           "&tx_code=" + http::FormEncode(offer.pin);
  return PostStep(connection, "/token", "application/x-www-form-urlencoded", form);
}

[[nodiscard]] inline Result<StepReply> NonceStep(HttpConnection& connection) {
  return PostStep(connection, "/nonce", "", "");
}

// The credential request body for `configuration` with one jwt proof over `nonce`.
[[nodiscard]] inline Result<std::string> CredentialRequestBody(const jose::PrivateJwk& key, std::string_view audience,
                                                               std::string_view nonce, std::string_view configuration,
                                                               std::int64_t now) {
  VAARDIG_ASSIGN_OR_RETURN(std::string proof,
                           oid4vc::MakeJwtProof({.key = &key,
                                                 .kid = std::nullopt,
                                                 .audience = std::string(audience),
                                                 .nonce = std::string(nonce),
                                                 .iat = now,
                                                 .iss = std::nullopt}));
  return DumpJson(Json{{"credential_configuration_id", std::string(configuration)}, {"proofs", Json{{"jwt", Json::array({proof})}}}});
}

[[nodiscard]] inline Result<StepReply> CredentialStep(HttpConnection& connection, std::string_view access_token,
                                                      std::string_view request_body) {
  return PostStep(connection, "/credential", "application/json", request_body, access_token);
}

// The single credential of a 200 Credential Response, or invalid_argument.
[[nodiscard]] inline Result<Json> CredentialOf(const Json& response) {
  if (!response.is_object() || !response.contains("credentials") || !response["credentials"].is_array() ||
      response["credentials"].size() != 1 || !response["credentials"][0].is_object() ||
      !response["credentials"][0].contains("credential")) {
    return Fail(ErrorCode::kInvalidArgument, "credential response: not one credentials[0].credential");
  }
  return response["credentials"][0]["credential"];
}

}  // namespace vaardig::issuer::load
