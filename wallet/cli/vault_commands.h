// The local wallet's vault commands (issue 8, collect): one encrypted vault in <home>/wallet.db.
//
//   vaardig-wallet [--home DIR] init                  create the vault; prints the recovery code once
//   vaardig-wallet [--home DIR] receive LINK [--pin PIN] [--ca-file PEM] [--allow-http-loopback]
//                                          [--keep-revoked]
//                                                     collect an OpenID4VCI credential offer
//   vaardig-wallet [--home DIR] list [--json]         what the vault holds
//   vaardig-wallet [--home DIR] respond LINK [--yes | --decline] [--choose QUERY=RECORD ...]
//                                          [--ca-file PEM] [--allow-http-loopback] [--json]
//                                                     answer an OpenID4VP request (openid4vp://):
//                                                     without --yes or --decline it only shows who
//                                                     asks, what, and what would be shown
//   vaardig-wallet [--home DIR] shares [--json]       the share log: who received what, when
//   vaardig-wallet [--home DIR] show RECORD           one credential: what it says (its claims)
//   vaardig-wallet [--home DIR] export --out FILE     an encrypted backup (VAARDIG_WALLET_BACKUP_PASSPHRASE
//                                                     or a prompt); the file is created 0600, never overwritten
//   vaardig-wallet [--home DIR] import FILE           add a backup's records (ones already held are kept)
//   vaardig-wallet [--home DIR] delete RECORD | --everything
//   vaardig-wallet [--home DIR] declare --name NAME --level N [--name-en NAME] [--esco URI] [--evidence NAME ...]
//                                                     record a self-declared skill, signed with your own key
//   vaardig-wallet [--home DIR] share-link RECORD --base-url URL --out DIR [--days N]
//   vaardig-wallet [--home DIR] share-link --revoke ID --out DIR
//                                                     a share link published as a static file (DIR/s/<id>)
//                                                     on one's own web site at URL/s/<id>; revoking deletes it
//   vaardig-wallet [--home DIR] import-credential FILE|- [--ca-file PEM] [--allow-http-loopback]
//                                                     add an Open Badge (JSON) or SD-JWT VC, verified first
//
// The passphrase comes from VAARDIG_WALLET_PASSPHRASE or, on a terminal, a prompt without echo.
// DIR defaults to $VAARDIG_WALLET_HOME, else ~/.vaardig-wallet. Errors never print the PIN, the
// passphrase or credential contents.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace vaardig::wallet::cli {

struct VaultCommands {
  std::string home;
  CLI::App* init = nullptr;
  CLI::App* receive = nullptr;
  CLI::App* list = nullptr;
  CLI::App* respond = nullptr;
  CLI::App* shares = nullptr;
  CLI::App* show = nullptr;
  CLI::App* export_backup = nullptr;
  CLI::App* import_backup = nullptr;
  CLI::App* remove = nullptr;
  CLI::App* declare = nullptr;
  CLI::App* import_credential = nullptr;
  CLI::App* share_link = nullptr;
  std::string base_url;
  std::string out_dir;
  std::string revoke;
  std::int64_t days = 30;
  std::string skill_name;
  std::string skill_name_en;
  int skill_level = 0;
  std::string skill_esco;
  std::vector<std::string> evidence;
  std::string record;
  std::string file;
  bool everything = false;
  bool yes = false;
  bool decline = false;
  std::vector<std::string> choose;
  std::string link;
  std::optional<std::string> pin;
  std::optional<std::string> ca_file;
  bool allow_http_loopback = false;
  bool keep_revoked = false;
  bool json = false;
};

// Adds --home and the vault subcommands to `app`.
void AddVaultCommands(CLI::App& app, VaultCommands& commands);

// Runs the parsed vault subcommand; nullopt when none of them was given.
[[nodiscard]] std::optional<int> RunVaultCommands(const VaultCommands& commands, std::ostream& out,
                                                  std::ostream& err);

}  // namespace vaardig::wallet::cli
