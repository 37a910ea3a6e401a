#include "wallet/app/settings.h"

#include <algorithm>

#include "wallet/app/vault.h"

namespace vaardig::wallet {

std::size_t WalletBodyLimit(std::string_view path) {
  if (path == "/api/backup/restore") return kMaxBackupBytes / 3 * 4 + 64 * 1024;
  if (path == "/api/credentials/import" || path == "/import") return 3 * 256 * 1024 + 64 * 1024;  // 256 KiB, escaped
  return 64 * 1024;
}

Result<WalletSettings> LoadWalletSettings(config::Config& config) {
  WalletSettings s;
  VAARDIG_ASSIGN_OR_RETURN(s.server.bind_address, config.String("server.bind", "127.0.0.1"));
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t port, config.Int("server.port", 8083, 0, 65535));
  s.server.port = static_cast<std::uint16_t>(port);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t threads, config.Int("server.threads", 4, 1, 256));
  s.server.threads = static_cast<int>(threads);
  s.server.max_body_bytes = WalletBodyLimit("/api/backup/restore");
  s.server.body_limit = [](const http::Request& head) { return WalletBodyLimit(head.path); };
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t read_timeout, config.Int("server.read_timeout_seconds", 30, 1, 3600));
  s.server.read_timeout = std::chrono::seconds(read_timeout);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t idle_timeout, config.Int("server.idle_timeout_seconds", 60, 1, 3600));
  s.server.idle_timeout = std::chrono::seconds(idle_timeout);
  VAARDIG_ASSIGN_OR_RETURN(s.server.trusted_proxies, config.StringList("server.trusted_proxies", {}));
  VAARDIG_ASSIGN_OR_RETURN(auto cert, config.OptionalString("server.tls_certificate"));
  VAARDIG_ASSIGN_OR_RETURN(auto key, config.OptionalString("server.tls_private_key"));
  if (cert) s.server.tls_certificate_file = config.ResolvePath(*cert);
  if (key) s.server.tls_private_key_file = config.ResolvePath(*key);
  s.server.server_name = "wallet";
  VAARDIG_ASSIGN_OR_RETURN(s.public_url, config.String("server.public_url", ""));
  while (s.public_url.ends_with('/')) s.public_url.pop_back();
  if (!s.public_url.empty() && !s.public_url.starts_with("https://") && !s.public_url.starts_with("http://")) {
    return Fail(ErrorCode::kInvalidArgument, "configuration key 'server.public_url' must be an http(s) URL");
  }

  VAARDIG_ASSIGN_OR_RETURN(std::string db, config.String("database.path", "wallet.db"));
  s.database_path = db == ":memory:" ? db : config.ResolvePath(db);

  VAARDIG_ASSIGN_OR_RETURN(s.kdf_name, config.String("vault.kdf", "moderate"));
  if (s.kdf_name == "moderate") {
    s.kdf = crypto::Argon2idParams::Moderate();
  } else if (s.kdf_name == "interactive") {
    s.kdf = crypto::Argon2idParams::Interactive();
  } else if (s.kdf_name == "minimum") {
    s.kdf = crypto::Argon2idParams::Minimum();
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                "configuration key 'vault.kdf' must be \"moderate\", \"interactive\" or \"minimum\" (tests only)");
  }
  VAARDIG_ASSIGN_OR_RETURN(std::string handle_key, config.String("vault.handle_key_file", ""));
  if (!handle_key.empty()) s.handle_key_file = config.ResolvePath(handle_key);
  VAARDIG_ASSIGN_OR_RETURN(std::string registration, config.String("vault.registration", "open"));
  if (registration != "open" && registration != "closed") {
    return Fail(ErrorCode::kInvalidArgument, "configuration key 'vault.registration' must be \"open\" or \"closed\"");
  }
  s.open_registration = registration == "open";

  VAARDIG_ASSIGN_OR_RETURN(std::int64_t idle, config.Int("session.idle_minutes", 15, 1, 24 * 60));
  s.session_idle_seconds = idle * 60;
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t absolute, config.Int("session.absolute_hours", 8, 1, 24 * 7));
  s.session_absolute_seconds = absolute * 3600;
  VAARDIG_ASSIGN_OR_RETURN(s.max_sessions, config.Int("session.max_sessions", 10000, 1, 1'000'000));
  VAARDIG_ASSIGN_OR_RETURN(s.max_concurrent_unlocks, config.Int("session.max_concurrent_unlocks", 2, 1, 64));
  VAARDIG_ASSIGN_OR_RETURN(s.login_max_failures, config.Int("login.max_failures", 5, 1, 1000));
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t window, config.Int("login.window_minutes", 15, 1, 24 * 60));
  s.login_window_seconds = window * 60;

  VAARDIG_ASSIGN_OR_RETURN(s.allow_http_loopback, config.Bool("fetch.allow_http_loopback", false));
  VAARDIG_ASSIGN_OR_RETURN(s.allow_private_networks, config.Bool("fetch.allow_private_networks", false));
  VAARDIG_ASSIGN_OR_RETURN(auto ca_file, config.OptionalString("fetch.ca_file"));
  if (ca_file) s.ca_file = config.ResolvePath(*ca_file);
  return s;
}

}  // namespace vaardig::wallet
