// The issuer service's commands: everything that works on its configuration and database.
//
//   vaardig-issuer serve --config FILE
//   vaardig-issuer init --config FILE --admin-number N --admin-name NAME --admin-email EMAIL
//                       [--password-file FILE]            (else the first line of standard input)
//   vaardig-issuer audit verify --config FILE
//   vaardig-issuer backup --config FILE --out FILE
//   vaardig-issuer keys kek generate --out FILE       (the key-encryption key, mode 0600)
//   vaardig-issuer set-password --config FILE --employee NUMBER
//                               [--password-file FILE]    (else the first line of standard input)
//
// set-password acts with the rights of the database's first administrator (the one `init` made),
// so its audit entry "account.password_set" names that administrator as the actor.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace vaardig::issuer::cli {

struct ServiceCommands {
  std::string config;
  CLI::App* serve = nullptr;
  CLI::App* init = nullptr;
  std::string admin_number, admin_name, admin_email, password_file;
  CLI::App* audit_verify = nullptr;
  CLI::App* backup = nullptr;
  std::string backup_out;
  CLI::App* kek_generate = nullptr;
  std::string kek_out;
  CLI::App* set_password = nullptr;
  std::string employee_number;  // set-password's --employee; --password-file is password_file
};

// `keys` is the existing `keys` subcommand: `kek generate` is added under it.
void AddServiceCommands(CLI::App& app, CLI::App& keys, ServiceCommands& commands);
// The exit code when one of these commands was parsed, else nullopt.
[[nodiscard]] std::optional<int> RunServiceCommands(const ServiceCommands& commands, std::istream& in,
                                                    std::ostream& out, std::ostream& err);

}  // namespace vaardig::issuer::cli
