#include "wallet/cli/serve.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <memory>

#include "core/common/clock.h"
#include "core/config/config.h"
#include "core/crypto/random.h"
#include "core/http/client.h"
#include "core/http/server.h"
#include "core/store/sqlite.h"
#include "wallet/app/hosted.h"
#include "wallet/app/sessions.h"
#include "wallet/app/settings.h"
#include "wallet/app/vault.h"
#include "wallet/cli/app.h"
#include "wallet/http/service.h"

namespace vaardig::wallet::cli {
namespace {

// The 32-byte key of the user-name hashes: read from `path` (it must be 0600 or stricter), or made
// there (0600, O_EXCL) when absent.
Result<crypto::SecretBytes> LoadOrCreateHandleKey(const std::string& path, bool* created) {
  *created = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0 && errno == ENOENT) {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return Fail(ErrorCode::kUnavailable, "cannot create " + path);
    crypto::SecretBytes key = crypto::RandomSecret(32);
    const bool ok = ::write(fd, key.Reveal().data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
      std::filesystem::remove(path);
      return Fail(ErrorCode::kUnavailable, "cannot write " + path);
    }
    *created = true;
    return key;
  }
  if (fd < 0) return Fail(ErrorCode::kUnavailable, "cannot read " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
    ::close(fd);
    return Fail(ErrorCode::kFailedPrecondition, path + " must be readable by its owner only (chmod 600)");
  }
  crypto::SecretBytes key(32);
  const ssize_t n = ::read(fd, key.RevealMutable().data(), key.size());
  char extra = 0;
  const ssize_t more = ::read(fd, &extra, 1);
  ::close(fd);
  if (n != 32 || more != 0) return Fail(ErrorCode::kInvalidArgument, path + " must hold exactly 32 bytes");
  return key;
}

struct HostedStore {
  WalletSettings settings;
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  std::optional<VaultStore> vaults;
};

// The configuration, the database (directories made owner-only) and the vault store over it.
Result<std::unique_ptr<HostedStore>> OpenHostedStore(const std::string& config_file, std::ostream& out) {
  VAARDIG_ASSIGN_OR_RETURN(config::Config config, config::Config::Load(config_file, "VAARDIG_WALLET"));
  auto hosted = std::make_unique<HostedStore>();
  VAARDIG_ASSIGN_OR_RETURN(hosted->settings, LoadWalletSettings(config));
  VAARDIG_RETURN_IF_ERROR(config.CheckAllKeysKnown());
  const WalletSettings& settings = hosted->settings;
  for (const std::string& file : {settings.database_path, settings.handle_key_file}) {
    if (file.empty() || file == ":memory:") continue;
    const std::filesystem::path dir = std::filesystem::path(file).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
      std::filesystem::create_directories(dir, ec);
      if (ec) return Fail(ErrorCode::kUnavailable, "cannot create " + dir.string() + ": " + ec.message());
      ::chmod(dir.c_str(), 0700);
    }
  }
  VaultOptions vault_options{.kdf = settings.kdf, .handle_key = {}};
  if (!settings.handle_key_file.empty()) {
    bool created = false;
    auto key = LoadOrCreateHandleKey(settings.handle_key_file, &created);
    if (!key) return Fail(key.error().WithContext("vault.handle_key_file"));
    if (created) out << "vaardig-wallet: made a new user-name key in " << settings.handle_key_file << std::endl;
    vault_options.handle_key = std::move(*key);
  }
  auto db = store::OpenSqlite({.path = settings.database_path});
  if (!db) return Fail(db.error().WithContext("database.path " + settings.database_path));
  hosted->db = std::move(*db);
  if (settings.database_path != ":memory:") ::chmod(settings.database_path.c_str(), 0600);
  VAARDIG_ASSIGN_OR_RETURN(VaultStore vaults, VaultStore::Open(*hosted->db, hosted->clock, std::move(vault_options)));
  hosted->vaults.emplace(std::move(vaults));
  return hosted;
}

}  // namespace

int RunCreateWallet(const std::string& config_file, const std::string& user, std::ostream& out, std::ostream& err) {
  auto hosted = OpenHostedStore(config_file, out);
  if (!hosted) {
    err << "vaardig-wallet: " << hosted.error().message() << "\n";
    return kExitFailed;
  }
  auto name = NormaliseUserName(user);
  if (!name) {
    err << "vaardig-wallet: create-wallet: " << name.error().message() << "\n";
    return kExitFailed;
  }
  const char* passphrase = std::getenv("VAARDIG_WALLET_PASSPHRASE");
  if (passphrase == nullptr || *passphrase == '\0') {
    err << "vaardig-wallet: create-wallet: set VAARDIG_WALLET_PASSPHRASE to the person's first passphrase "
           "(they change it after signing in)\n";
    return kExitFailed;
  }
  auto created = (*hosted)->vaults->CreateVault(*name, passphrase);
  if (!created) {
    err << "vaardig-wallet: create-wallet: " << created.error().message() << "\n";
    return kExitFailed;
  }
  out << "Wallet for " << *name << " created.\n"
      << "Recovery code (give it to the person, it is shown only once): " << created->recovery_code << "\n";
  return kExitOk;
}

int RunServe(const std::string& config_file, std::ostream& out, std::ostream& err) {
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%v})", spdlog::pattern_time_type::utc);
  const auto failed = [&](const Error& error) {
    err << "vaardig-wallet: " << error.message() << "\n";
    return kExitFailed;
  };
  auto hosted = OpenHostedStore(config_file, out);
  if (!hosted) return failed(hosted.error());
  const WalletSettings* settings = &(*hosted)->settings;
  auto& db = (*hosted)->db;
  auto& vaults = (*hosted)->vaults;
  SystemClock& clock = (*hosted)->clock;
  // Users choose the URLs this service fetches (offers, requests, metadata): never inside its network.
  auto fetcher = http::BeastHttpFetcher::Create({.ca_file = settings->ca_file, .user_agent = "vaardig-wallet/0.1",
                                                 .public_addresses_only = !settings->allow_private_networks,
                                                 .allow_loopback = settings->allow_http_loopback});
  if (!fetcher) return failed(fetcher.error());
  HostedWallet wallet(*vaults, *db, clock, **fetcher,
                      {.public_url = settings->public_url,
                       .open_registration = settings->open_registration,
                       .allow_http_for_loopback = settings->allow_http_loopback,
                       .sessions = {.idle_seconds = settings->session_idle_seconds,
                                    .absolute_seconds = settings->session_absolute_seconds,
                                    .max_sessions = static_cast<std::size_t>(settings->max_sessions)},
                       .login_max_failures = settings->login_max_failures,
                       .login_window_seconds = settings->login_window_seconds,
                       .max_registrations_per_address = 30,
                       .max_concurrent_unlocks = settings->max_concurrent_unlocks});
  std::unique_ptr<http::Server> server;
  const bool https = settings->public_url.starts_with("https://") || settings->server.tls_certificate_file.has_value();
  auto router = BuildWalletRouter(wallet, [&server] { return server ? server->RenderMetrics() : std::string(); },
                                  {.public_url = settings->public_url,
                                   .secure_cookies = https,
                                   .idle_timeout_seconds = settings->session_idle_seconds,
                                   .pages = true});
  http::ServerOptions server_options = settings->server;
  // Large bodies (a backup, an import) only for people signed in: 413 for anyone else, unread.
  server_options.body_limit = [&wallet](const http::Request& head) { return WalletRequestBodyLimit(wallet, head); };
  auto started = http::Server::Start(std::move(server_options), [&router](http::Request& r) { return router->Dispatch(r); });
  if (!started) return failed(started.error());
  server = std::move(*started);
  out << "vaardig-wallet: listening on " << server->BaseUrl()
      << (settings->public_url.empty() ? "" : " (public URL " + settings->public_url + ")") << ", vault key derivation "
      << settings->kdf_name << ", registration " << (settings->open_registration ? "open" : "closed") << std::endl;
  server->RunUntilSignal();
  out << "vaardig-wallet: stopped" << std::endl;
  return kExitOk;
}

}  // namespace vaardig::wallet::cli
