#include "verifier/app/settings.h"

#include <algorithm>

namespace vaardig::verifier {

std::size_t VerifierBodyLimit(std::string_view path) {
  if (path == "/credentials/verify" || path == "/presentations/verify" || path == "/response") {
    return kMaxPresentedBytes + 64 * 1024;
  }
  return 64 * 1024;
}

Result<VerifierSettings> LoadVerifierSettings(config::Config& config) {
  VerifierSettings s;
  VAARDIG_ASSIGN_OR_RETURN(s.server.bind_address, config.String("server.bind", "127.0.0.1"));
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t port, config.Int("server.port", 8082, 0, 65535));
  s.server.port = static_cast<std::uint16_t>(port);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t threads, config.Int("server.threads", 4, 1, 256));
  s.server.threads = static_cast<int>(threads);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t max_body,
                           config.Int("server.max_body_bytes", static_cast<std::int64_t>(VerifierBodyLimit("/credentials/verify")),
                                      1024, 1 << 26));
  s.server.max_body_bytes = static_cast<std::size_t>(max_body);
  s.server.body_limit = [max = s.server.max_body_bytes](const http::Request& head) {
    return std::min(max, VerifierBodyLimit(head.path));
  };
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t read_timeout, config.Int("server.read_timeout_seconds", 30, 1, 3600));
  s.server.read_timeout = std::chrono::seconds(read_timeout);
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t idle_timeout, config.Int("server.idle_timeout_seconds", 60, 1, 3600));
  s.server.idle_timeout = std::chrono::seconds(idle_timeout);
  VAARDIG_ASSIGN_OR_RETURN(s.server.trusted_proxies, config.StringList("server.trusted_proxies", {}));
  VAARDIG_ASSIGN_OR_RETURN(auto cert, config.OptionalString("server.tls_certificate"));
  VAARDIG_ASSIGN_OR_RETURN(auto key, config.OptionalString("server.tls_private_key"));
  if (cert) s.server.tls_certificate_file = config.ResolvePath(*cert);
  if (key) s.server.tls_private_key_file = config.ResolvePath(*key);
  s.server.server_name = "verifier";
  VAARDIG_ASSIGN_OR_RETURN(s.public_url, config.String("server.public_url", ""));
  s.public_url_configured = !s.public_url.empty();
  if (s.public_url.empty()) {
    s.public_url = std::string(cert ? "https" : "http") + "://" + s.server.bind_address + ":" +
                   std::to_string(s.server.port);
  }
  while (s.public_url.ends_with('/')) s.public_url.pop_back();
  if (!s.public_url.starts_with("https://") && !s.public_url.starts_with("http://")) {
    return Fail(ErrorCode::kInvalidArgument, "configuration key 'server.public_url' must be an http(s) URL");
  }

  VAARDIG_ASSIGN_OR_RETURN(std::string list, config.String("trust.list", ""));
  VAARDIG_ASSIGN_OR_RETURN(std::string list_key, config.String("trust.key", ""));
  if (list.empty() || list_key.empty()) {
    return Fail(ErrorCode::kFailedPrecondition,
                "configuration keys 'trust.list' and 'trust.key' are required: the signed trust list and the "
                "operator's public key that signed it (vaardig-verifier trust init makes both)");
  }
  s.trust_list_file = config.ResolvePath(list);
  s.trust_key_file = config.ResolvePath(list_key);

  VAARDIG_ASSIGN_OR_RETURN(std::string policy, config.String("status.on_unavailable", "could_not_check"));
  auto parsed = ParseStatusUnavailablePolicy(policy);
  if (!parsed) return Fail(parsed.error().WithContext("configuration key 'status.on_unavailable'"));
  s.on_status_unavailable = *parsed;
  VAARDIG_ASSIGN_OR_RETURN(s.max_status_cache_seconds, config.Int("status.max_cache_seconds", 24 * 3600, 0, 7 * 24 * 3600));
  VAARDIG_ASSIGN_OR_RETURN(s.allow_http_loopback, config.Bool("fetch.allow_http_loopback", false));
  VAARDIG_ASSIGN_OR_RETURN(s.offline, config.Bool("fetch.offline", false));
  VAARDIG_ASSIGN_OR_RETURN(s.allow_private_networks, config.Bool("fetch.allow_private_networks", false));
  VAARDIG_ASSIGN_OR_RETURN(s.max_clock_skew_seconds, config.Int("verify.max_clock_skew_seconds", 300, 0, 3600));
  VAARDIG_ASSIGN_OR_RETURN(std::string request_key, config.String("request.key", ""));
  if (!request_key.empty()) s.request_key_file = config.ResolvePath(request_key);
  VAARDIG_ASSIGN_OR_RETURN(auto tokens, config.StringList("request.api_tokens_sha256", {}));
  for (const std::string& entry : tokens) {
    const std::size_t colon = entry.rfind(':');
    const std::string hash = colon == std::string::npos ? "" : entry.substr(colon + 1);
    const bool hex = hash.size() == 64 && std::ranges::all_of(hash, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (colon == std::string::npos || colon == 0 || colon > 64 || !hex) {
      return Fail(ErrorCode::kInvalidArgument, "configuration key 'request.api_tokens_sha256': each entry is \"NAME:SHA256HEX\" "
                                               "(vaardig-verifier request-token create prints one)");
    }
    s.request_api_tokens.emplace_back(entry.substr(0, colon), hash);
  }
  VAARDIG_ASSIGN_OR_RETURN(s.request_pages, config.Bool("request.pages", false));
  VAARDIG_ASSIGN_OR_RETURN(s.request_web_wallet, config.String("request.web_wallet", ""));
  while (s.request_web_wallet.ends_with('/')) s.request_web_wallet.pop_back();
  if (!s.request_web_wallet.empty() && !s.request_web_wallet.starts_with("https://") &&
      !s.request_web_wallet.starts_with("http://")) {
    return Fail(ErrorCode::kInvalidArgument, "configuration key 'request.web_wallet' must be an http(s) URL");
  }
  VAARDIG_ASSIGN_OR_RETURN(std::string prefix, config.String("request.client_id_prefix", "decentralized_identifier"));
  if (prefix != "decentralized_identifier" && prefix != "redirect_uri") {
    return Fail(ErrorCode::kInvalidArgument,
                "configuration key 'request.client_id_prefix' must be \"decentralized_identifier\" or \"redirect_uri\"");
  }
  s.request_redirect_uri_prefix = prefix == "redirect_uri";
  VAARDIG_ASSIGN_OR_RETURN(s.share_link_wallets, config.StringList("share_links.wallets", {}));
  for (std::string& origin : s.share_link_wallets) {
    while (origin.ends_with('/')) origin.pop_back();
    if (!origin.starts_with("https://") && !origin.starts_with("http://")) {
      return Fail(ErrorCode::kInvalidArgument, "configuration key 'share_links.wallets': each entry is a wallet's origin, https://host[:port]");
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(s.request_name, config.String("request.name", ""));
  if (s.request_name.size() > 200) return Fail(ErrorCode::kInvalidArgument, "configuration key 'request.name': at most 200 bytes");
  VAARDIG_ASSIGN_OR_RETURN(s.request_vct_values, config.StringList("request.vct_values", {}));
  VAARDIG_ASSIGN_OR_RETURN(auto skills, config.StringList("request.skills", {}));
  for (const std::string& entry : skills) {
    const std::size_t bar = entry.find('|');
    if (bar == std::string::npos || bar == 0 || bar + 1 == entry.size() || entry.size() > 2048) {
      return Fail(ErrorCode::kInvalidArgument, "configuration key 'request.skills': each entry is \"SKILL-ID|Name\"");
    }
    s.request_skills.emplace_back(entry.substr(0, bar), entry.substr(bar + 1));
  }
  return s;
}

}  // namespace vaardig::verifier
