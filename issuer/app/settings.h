// The issuer service's settings, from its TOML file and VAARDIG_ISSUER__* environment variables
// (core/config/config.h). docs/configuration.md lists every key.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/config/config.h"
#include "core/crypto/password.h"
#include "core/http/server.h"

namespace vaardig::issuer {

// A machine client of the VCALM endpoints (POST /credentials/issue, /credentials/status): its name
// (audit actor "vcalm:<name>") and the SHA-256 (lower-case hex) of its bearer token.
struct VcalmClient {
  std::string name;
  std::string token_sha256;
};

struct IssuerSettings {
  // [organisation]
  std::string organisation_name = "Gemeente Voorbeeld";
  std::string organisation_id;  // its URL or KvK-based identifier, shown in credentials
  // [server]
  http::ServerOptions server;
  std::string public_url;  // e.g. "https://skills.gemeente-voorbeeld.nl" (credential ids, links)
  // [wallet] web_url: a hosted Vaardig wallet (vaardig-wallet serve) the collect page links to,
  // with the offer filled in (<web_url>/collect?offer=...); empty: no such link.
  std::string web_wallet_url;
  // [database]
  std::string database_path = "issuer.db";
  // [keys]: the key-encryption key file (32 random bytes, base64url, mode 0600), or the
  // environment variable VAARDIG_ISSUER_KEK holding the same.
  std::string kek_file;
  // [sessions]
  std::chrono::seconds session_idle_timeout{30 * 60};
  std::chrono::seconds session_max_age{12 * 60 * 60};
  bool cookie_secure = true;  // false only for plain-HTTP development on loopback
  // Argon2id strength for new password hashes. Not read from the configuration: tests set
  // kInteractive to keep them fast.
  crypto::PasswordStrength password_strength = crypto::PasswordStrength::kModerate;
  // [login] rate limits
  int login_max_failures = 5;  // per account and per client address
  std::chrono::seconds login_window{15 * 60};
  // [evidence]
  std::size_t evidence_max_bytes = 10 * 1024 * 1024;
  // [credentials]
  int renewal_years = 3;
  // [vcalm] client_token_sha256 = ["NAME:SHA256HEX", ...] (`vaardig-issuer vcalm token create`).
  std::vector<VcalmClient> vcalm_clients;
};

// One entry of vcalm.client_token_sha256: "NAME:SHA256HEX" (the hex is stored lower-case).
[[nodiscard]] Result<VcalmClient> ParseVcalmClient(std::string_view entry);

// The body limit of the OpenID4VCI and VCALM POST endpoints (/token 4 KiB, /credential and
// /credentials/status 64 KiB, /credentials/issue 256 KiB); 0 for any other path.
[[nodiscard]] std::size_t IssuanceBodyLimit(std::string_view path);

// Reads every key (so unknown ones are reported) and checks the values.
[[nodiscard]] Result<IssuerSettings> LoadIssuerSettings(config::Config& config);

}  // namespace vaardig::issuer
