// The issuer's issuance commands (issue 7): credential offers, issued credentials and their
// status, the issuer's signing keys, and VCALM client tokens.
//
//   vaardig-issuer issue --config FILE --employee NUMBER --skill ID --level 1|2|3 --confirmed-by NUMBER
//       a credential offer for a skill confirmed outside Vaardig (issuance.h CreateDirectOffer):
//       prints the offer link (openid-credential-offer://?credential_offer_uri=...), then
//       "PIN: <6 digits>" on its own line (give it to the employee apart from the link), then
//       "expires: <RFC 3339 time>". The code and PIN are not stored in the clear and are shown once.
//   vaardig-issuer credentials list --config FILE [--employee NUMBER]
//       one line per issued credential, newest first: id, state, name, skill, level, format, issued at
//   vaardig-issuer revoke|suspend|unsuspend --config FILE --credential ID --reason TEXT
//   vaardig-issuer keys rotate --config FILE --purpose sd-jwt|data-integrity
//       retires the active issuer key of that purpose and makes a new one (old keys stay published)
//   vaardig-issuer vcalm token create --name NAME
//       prints a new random VCALM client token once and the configuration line with its SHA-256
//       (`[vcalm] client_token_sha256 = ["NAME:<hex>"]`); nothing is stored: the operator adds
//       the line to the issuer's configuration and restarts it.
//
// The command line acts for the operator with administrator rights; audit entries name the actor
// "cli". Exit codes as app.h: 0, 1 failed (message on standard error), 2 usage.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace vaardig::issuer::cli {

struct IssuanceCommands {
  std::string config;
  CLI::App* issue = nullptr;
  std::string employee, skill, confirmed_by;
  int level = 0;
  CLI::App* credentials_list = nullptr;
  std::string list_employee;
  CLI::App* revoke = nullptr;
  CLI::App* suspend = nullptr;
  CLI::App* unsuspend = nullptr;
  std::string credential, reason;
  CLI::App* keys_rotate = nullptr;
  std::string purpose;
  CLI::App* vcalm_token_create = nullptr;
  std::string client_name;
};

// `keys` is the existing `keys` subcommand: `rotate` is added under it.
void AddIssuanceCommands(CLI::App& app, CLI::App& keys, IssuanceCommands& commands);
// The exit code when one of these commands was parsed, else nullopt.
[[nodiscard]] std::optional<int> RunIssuanceCommands(const IssuanceCommands& commands, std::ostream& out,
                                                     std::ostream& err);

}  // namespace vaardig::issuer::cli
