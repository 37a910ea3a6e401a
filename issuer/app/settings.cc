#include "issuer/app/settings.h"

namespace vaardig::issuer {

Result<VcalmClient> ParseVcalmClient(std::string_view entry) {
  const std::size_t colon = entry.rfind(':');
  const auto bad = [] {
    return Fail(ErrorCode::kInvalidArgument,
                "configuration key 'vcalm.client_token_sha256': each entry must be \"NAME:SHA256HEX\" (a name of "
                "letters, digits, '.', '_' or '-', and the 64 hex digits `vaardig-issuer vcalm token create` printed)");
  };
  if (colon == std::string_view::npos || colon == 0 || colon > 64) return bad();
  const std::string_view name = entry.substr(0, colon);
  const std::string_view hash = entry.substr(colon + 1);
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return bad();
  }
  if (hash.size() != 64) return bad();
  std::string lower;
  for (char c : hash) {
    const char l = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f'))) return bad();
    lower.push_back(l);
  }
  return VcalmClient{std::string(name), std::move(lower)};
}

std::size_t IssuanceBodyLimit(std::string_view path) {
  if (path == "/token") return 4 * 1024;
  if (path == "/credential" || path == "/credentials/status") return 64 * 1024;
  if (path == "/credentials/issue") return 256 * 1024;
  return 0;
}

Result<IssuerSettings> LoadIssuerSettings(config::Config& config) {
  IssuerSettings s;
  VAARDIG_ASSIGN_OR_RETURN(s.organisation_name, config.String("organisation.name", s.organisation_name));
  VAARDIG_ASSIGN_OR_RETURN(s.web_wallet_url, config.String("wallet.web_url", ""));
  while (s.web_wallet_url.ends_with('/')) s.web_wallet_url.pop_back();
  if (!s.web_wallet_url.empty() && !s.web_wallet_url.starts_with("https://") && !s.web_wallet_url.starts_with("http://")) {
    return Fail(ErrorCode::kInvalidArgument, "configuration key 'wallet.web_url' must be an http(s) URL");
  }
  VAARDIG_ASSIGN_OR_RETURN(s.organisation_id, config.String("organisation.id", ""));

  VAARDIG_ASSIGN_OR_RETURN(s.server.bind_address, config.String("server.bind", "127.0.0.1"));
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t port, config.Int("server.port", 8080, 0, 65535));
  s.server.port = static_cast<std::uint16_t>(port);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t threads, config.Int("server.threads", 16, 1, 256));
  s.server.threads = static_cast<int>(threads);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t max_body, config.Int("server.max_body_bytes", 1 << 20, 1024, 1 << 26));
  s.server.max_body_bytes = static_cast<std::size_t>(max_body);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t read_timeout, config.Int("server.read_timeout_seconds", 30, 1, 3600));
  s.server.read_timeout = std::chrono::seconds(read_timeout);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t idle_timeout, config.Int("server.idle_timeout_seconds", 60, 1, 3600));
  s.server.idle_timeout = std::chrono::seconds(idle_timeout);
  VAARDIG_ASSIGN_OR_RETURN(s.server.trusted_proxies, config.StringList("server.trusted_proxies", {}));
  VAARDIG_ASSIGN_OR_RETURN(auto cert, config.OptionalString("server.tls_certificate"));
  VAARDIG_ASSIGN_OR_RETURN(auto key, config.OptionalString("server.tls_private_key"));
  if (cert) s.server.tls_certificate_file = config.ResolvePath(*cert);
  if (key) s.server.tls_private_key_file = config.ResolvePath(*key);
  s.server.server_name = "issuer";
  VAARDIG_ASSIGN_OR_RETURN(s.public_url, config.String("server.public_url", ""));
  if (s.public_url.empty()) {
    s.public_url = std::string(cert ? "https" : "http") + "://" + s.server.bind_address + ":" +
                   std::to_string(s.server.port);
  }
  while (s.public_url.ends_with('/')) s.public_url.pop_back();
  if (!s.public_url.starts_with("https://") && !s.public_url.starts_with("http://")) {
    return Fail(ErrorCode::kInvalidArgument, "configuration key 'server.public_url' must be an http(s) URL");
  }

  VAARDIG_ASSIGN_OR_RETURN(std::string db, config.String("database.path", s.database_path));
  s.database_path = db == ":memory:" ? db : config.ResolvePath(db);

  VAARDIG_ASSIGN_OR_RETURN(std::string kek, config.String("keys.kek_file", ""));
  if (!kek.empty()) s.kek_file = config.ResolvePath(kek);

  VAARDIG_ASSIGN_OR_RETURN(std::int64_t idle, config.Int("sessions.idle_timeout_minutes", 30, 1, 24 * 60));
  s.session_idle_timeout = std::chrono::minutes(idle);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t max_age, config.Int("sessions.max_age_hours", 12, 1, 24 * 30));
  s.session_max_age = std::chrono::hours(max_age);
  VAARDIG_ASSIGN_OR_RETURN(s.cookie_secure, config.Bool("sessions.secure_cookies", true));

  VAARDIG_ASSIGN_OR_RETURN(std::int64_t failures, config.Int("login.max_failures", 5, 1, 100));
  s.login_max_failures = static_cast<int>(failures);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t window, config.Int("login.window_minutes", 15, 1, 24 * 60));
  s.login_window = std::chrono::minutes(window);

  VAARDIG_ASSIGN_OR_RETURN(std::int64_t evidence, config.Int("evidence.max_bytes", 10 << 20, 1024, 100 << 20));
  s.evidence_max_bytes = static_cast<std::size_t>(evidence);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t renewal, config.Int("credentials.renewal_years", 3, 1, 10));
  s.renewal_years = static_cast<int>(renewal);

  VAARDIG_ASSIGN_OR_RETURN(auto vcalm, config.StringList("vcalm.client_token_sha256", {}));
  for (const std::string& entry : vcalm) {
    VAARDIG_ASSIGN_OR_RETURN(VcalmClient client, ParseVcalmClient(entry));
    for (const VcalmClient& other : s.vcalm_clients) {
      if (other.name == client.name) {
        return Fail(ErrorCode::kInvalidArgument,
                    "configuration key 'vcalm.client_token_sha256' names client '" + client.name + "' twice");
      }
    }
    s.vcalm_clients.push_back(std::move(client));
  }

  // Evidence uploads may be larger than other requests (multipart overhead on top of the file).
  const std::size_t upload_limit = s.evidence_max_bytes + 64 * 1024;
  s.server.body_limit = [upload_limit](const http::Request& head) -> std::size_t {
    if (head.method != http::Method::kPost) return 0;
    const std::string_view path = head.path;
    if (path.ends_with("/evidence")) return upload_limit;
    return IssuanceBodyLimit(path);
  };
  VAARDIG_RETURN_IF_ERROR(config.CheckAllKeysKnown());
  return s;
}

}  // namespace vaardig::issuer
