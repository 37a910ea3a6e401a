// The local wallet's vault commands (issue 8, collect): one encrypted vault in <home>/wallet.db.
//
//   vaardig-wallet [--home DIR] init                  create the vault; prints the recovery code once
//   vaardig-wallet [--home DIR] receive LINK [--pin PIN] [--ca-file PEM] [--allow-http-loopback]
//                                          [--keep-revoked]
//                                                     collect an OpenID4VCI credential offer
//   vaardig-wallet [--home DIR] list [--json]         what the vault holds
//
// The passphrase comes from VAARDIG_WALLET_PASSPHRASE or, on a terminal, a prompt without echo.
// DIR defaults to $VAARDIG_WALLET_HOME, else ~/.vaardig-wallet. Errors never print the PIN, the
// passphrase or credential contents.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace vaardig::wallet::cli {

struct VaultCommands {
  std::string home;
  CLI::App* init = nullptr;
  CLI::App* receive = nullptr;
  CLI::App* list = nullptr;
  std::string link;
  std::optional<std::string> pin;
  std::optional<std::string> ca_file;
  bool allow_http_loopback = false;
  bool keep_revoked = false;
  bool json = false;
};

// Adds --home and the three subcommands to `app`.
void AddVaultCommands(CLI::App& app, VaultCommands& commands);

// Runs the parsed vault subcommand; nullopt when none of them was given.
[[nodiscard]] std::optional<int> RunVaultCommands(const VaultCommands& commands, std::ostream& out,
                                                  std::ostream& err);

}  // namespace vaardig::wallet::cli
