// The hosted wallet's configuration (`vaardig-wallet serve --config FILE`; TOML, every key
// overridable by VAARDIG_WALLET__<TABLE>__<KEY>). See docs/configuration.md.
//
//   [server]   bind, port, threads, read_timeout_seconds, idle_timeout_seconds, trusted_proxies,
//              tls_certificate, tls_private_key, public_url
//   [database] path (SQLite; the vaults: ciphertext only)
//   [vault]    kdf = "moderate" (256 MiB, the default) | "interactive" (64 MiB) | "minimum" (tests
//              only: no protection against guessing), handle_key_file (32 random bytes, 0600:
//              keys the hashes of user names; made on first start when absent),
//              registration = "open" | "closed" (closed: nobody may create a wallet through the
//              service; the operator makes them with `vaardig-wallet create-wallet --config FILE
//              --user NAME`, passphrase from VAARDIG_WALLET_PASSPHRASE or a prompt)
//   [session]  idle_minutes (15), absolute_hours (8), max_sessions (10000), max_concurrent_unlocks
//              (each unlock holds the KDF's memory for a moment)
//   [login]    max_failures (5 per user name and per address within window_minutes), window_minutes
//   [fetch]    allow_http_loopback (issuers and verifiers over plain http on 127.0.0.1;
//              development only), ca_file (trust this PEM bundle instead of the system's),
//              allow_private_networks (issuers and verifiers on private addresses, e.g. an
//              intranet; off: users could make the service reach inside its own network)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/config/config.h"
#include "core/crypto/kdf.h"
#include "core/http/server.h"

namespace vaardig::wallet {

struct WalletSettings {
  http::ServerOptions server;
  std::string public_url;  // "https://wallet.example" (no trailing slash)
  std::string database_path;
  crypto::Argon2idParams kdf = crypto::Argon2idParams::Moderate();
  std::string kdf_name = "moderate";
  std::string handle_key_file;  // empty: a random key kept in the database
  bool open_registration = true;
  std::int64_t session_idle_seconds = 15 * 60;
  std::int64_t session_absolute_seconds = 8 * 3600;
  std::int64_t max_sessions = 10000;
  std::int64_t max_concurrent_unlocks = 2;
  std::int64_t login_max_failures = 5;
  std::int64_t login_window_seconds = 15 * 60;
  bool allow_http_loopback = false;
  bool allow_private_networks = false;  // fetch.allow_private_networks
  std::optional<std::string> ca_file;
};

// Reads every key; invalid_argument naming the key for a bad value. Call
// config.CheckAllKeysKnown() afterwards.
[[nodiscard]] Result<WalletSettings> LoadWalletSettings(config::Config& config);

// The request body limit per path: a backup restore up to 64 MiB (base64 in JSON), evidence-free
// JSON calls 64 KiB.
[[nodiscard]] std::size_t WalletBodyLimit(std::string_view path);

}  // namespace vaardig::wallet
