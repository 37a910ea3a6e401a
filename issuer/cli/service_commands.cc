#include "issuer/cli/service_commands.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/config/config.h"
#include "core/crypto/password.h"
#include "core/http/server.h"
#include "core/store/sqlite.h"
#include "issuer/app/accounts.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"
#include "issuer/cli/app.h"
#include "issuer/http/service.h"

namespace vaardig::issuer::cli {

namespace {

int Failed(std::ostream& err, const Error& e) {
  err << "vaardig-issuer: " << e.ToString() << "\n";
  return kExitFailed;
}

Result<std::unique_ptr<IssuerApp>> OpenApp(const std::string& config_path) {
  VAARDIG_ASSIGN_OR_RETURN(config::Config config, config::Config::Load(config_path, "VAARDIG_ISSUER"));
  VAARDIG_ASSIGN_OR_RETURN(IssuerSettings settings, LoadIssuerSettings(config));
  return IssuerApp::Open(std::move(settings), std::make_shared<SystemClock>());
}

// JSON lines on standard error: {"time":..,"level":..,"msg":{..}} where the message is JSON.
void UseJsonLogs() {
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%v})", spdlog::pattern_time_type::utc);
}

int RunServe(const ServiceCommands& c, std::ostream& out, std::ostream& err) {
  UseJsonLogs();
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  // Fail at start-up, not at the first confirmation, when the key-encryption key is unusable.
  if (auto vault = KeyVault::Load((*app)->settings().kek_file); !vault) {
    return Failed(err, vault.error().WithContext("key-encryption key"));
  }
  std::unique_ptr<http::Server> server;
  auto router = BuildIssuerRouter(**app, [&server] { return server ? server->RenderMetrics() : std::string(); });
  auto started = http::Server::Start((*app)->settings().server,
                                     [&router](http::Request& r) { return router->Dispatch(r); });
  if (!started) return Failed(err, started.error());
  server = std::move(*started);
  out << "vaardig-issuer: listening on " << server->BaseUrl() << " (public URL "
      << (*app)->settings().public_url << ")" << std::endl;
  server->RunUntilSignal();
  out << "vaardig-issuer: stopped" << std::endl;
  return kExitOk;
}

Result<std::string> ReadPassword(const std::string& file, std::istream& in) {
  std::string line;
  if (!file.empty()) {
    std::ifstream f(file);
    if (!f) return Fail(ErrorCode::kNotFound, "cannot read password file " + file);
    std::getline(f, line);
  } else {
    std::getline(in, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  VAARDIG_RETURN_IF_ERROR(crypto::CheckPasswordPolicy(line));
  return line;
}

int RunInit(const ServiceCommands& c, std::istream& in, std::ostream& out, std::ostream& err) {
  auto password = ReadPassword(c.password_file, in);
  if (!password) return Failed(err, password.error().WithContext("administrator password"));
  auto hash = crypto::HashPassword(*password, crypto::PasswordStrength::kModerate);
  if (!hash) return Failed(err, hash.error());
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  IssuerApp& a = **app;
  const std::string now = a.Now();
  Status done = a.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto admins, tx.QueryOne("SELECT COUNT(*) FROM people WHERE role = 'admin'"));
    if (admins && (*admins).Int(0) > 0) {
      return Fail(ErrorCode::kAlreadyExists, "the database already has an administrator");
    }
    VAARDIG_ASSIGN_OR_RETURN(
        auto person,
        tx.QueryOne("INSERT INTO people (employee_number, name, email, role, created_at, updated_at) "
                    "VALUES (?, ?, ?, 'admin', ?, ?) RETURNING id",
                    {c.admin_number, c.admin_name, c.admin_email, now, now}));
    const std::int64_t id = person->Int(0);
    VAARDIG_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO accounts (person_id, password_hash, password_set_at, created_at) VALUES (?, ?, ?, ?)",
        {id, *hash, now, now}));
    return AuditLog::Append(tx, a.clock(), "system", "admin.create", "person:" + std::to_string(id),
                            Json{{"employee_number", c.admin_number}});
  });
  if (!done) return Failed(err, done.error());
  out << "vaardig-issuer: database " << a.settings().database_path << " ready; administrator "
      << c.admin_email << " created\n";
  return kExitOk;
}

int RunAuditVerify(const ServiceCommands& c, std::ostream& out, std::ostream& err) {
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  auto check = AuditLog::Verify((*app)->db());
  if (!check) return Failed(err, check.error());
  if (!check->ok) {
    err << "vaardig-issuer: audit log broken at entry " << check->first_broken_seq.value_or(0) << ": "
        << check->reason << " (" << check->entries << " entries before it verified)\n";
    return kExitFailed;
  }
  out << "vaardig-issuer: audit log intact: " << check->entries << " entries\n";
  return kExitOk;
}

int RunBackup(const ServiceCommands& c, std::ostream& out, std::ostream& err) {
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  if (std::filesystem::exists(c.backup_out)) {
    return Failed(err, Error(ErrorCode::kAlreadyExists, "backup file " + c.backup_out + " exists"));
  }
  if (Status st = store::BackupSqlite((*app)->db(), c.backup_out); !st) return Failed(err, st.error());
  out << "vaardig-issuer: backup written to " << c.backup_out << "\n";
  return kExitOk;
}

// The administrator the command line acts as: the first active one (the one `init` created).
Result<Principal> FirstAdministrator(store::Database& db) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne(
      "SELECT id FROM people WHERE role = 'admin' AND active = 1 ORDER BY id LIMIT 1"));
  if (!row) {
    return Fail(ErrorCode::kFailedPrecondition, "the database has no active administrator; run init first");
  }
  return LoadPrincipal(db, row->Int(0));
}

Status SetEmployeePassword(IssuerApp& app, const std::string& employee_number, std::string_view password) {
  VAARDIG_ASSIGN_OR_RETURN(Principal admin, FirstAdministrator(app.db()));
  VAARDIG_ASSIGN_OR_RETURN(auto person, app.db().QueryOne(
      "SELECT id, active FROM people WHERE employee_number = ?", {employee_number}));
  if (!person) return Fail(ErrorCode::kNotFound, "no person with employee number " + employee_number);
  if (person->Int("active") != 1) {
    return Fail(ErrorCode::kFailedPrecondition, "the person with employee number " + employee_number +
                                                    " is no longer active");
  }
  return SetPassword(app, admin, person->Int("id"), password);
}

int RunSetPassword(const ServiceCommands& c, std::istream& in, std::ostream& out, std::ostream& err) {
  auto password = ReadPassword(c.password_file, in);
  if (!password) return Failed(err, password.error().WithContext("password"));
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  if (Status st = SetEmployeePassword(**app, c.employee_number, *password); !st) return Failed(err, st.error());
  out << "vaardig-issuer: password set for employee " << c.employee_number << "\n";
  return kExitOk;
}

}  // namespace

void AddServiceCommands(CLI::App& app, CLI::App& keys, ServiceCommands& c) {
  CLI::App* kek = keys.add_subcommand("kek", "The key-encryption key that seals the keys the issuer holds");
  kek->require_subcommand(1);
  c.kek_generate = kek->add_subcommand("generate", "Create a new key-encryption key file (mode 0600)");
  c.kek_generate->add_option("--out", c.kek_out, "File to create")->required();

  c.serve = app.add_subcommand("serve", "Run the issuer service (HTTP API and web pages)");
  c.serve->add_option("--config", c.config, "Configuration file (TOML)")->required();

  c.init = app.add_subcommand("init", "Create the database and its first administrator");
  c.init->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.init->add_option("--admin-number", c.admin_number, "The administrator's employee number")->required();
  c.init->add_option("--admin-name", c.admin_name, "The administrator's name")->required();
  c.init->add_option("--admin-email", c.admin_email, "The administrator's e-mail (their login)")->required();
  c.init->add_option("--password-file", c.password_file,
                     "File whose first line is the password (default: the first line of standard input)");

  CLI::App* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  c.audit_verify = audit->add_subcommand("verify", "Check the audit log's hash chain; name the first broken entry");
  c.audit_verify->add_option("--config", c.config, "Configuration file (TOML)")->required();

  c.backup = app.add_subcommand("backup", "Write a consistent copy of the live database");
  c.backup->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.backup->add_option("--out", c.backup_out, "Backup file to create")->required();

  c.set_password = app.add_subcommand("set-password", "Set a person's password (as the administrator)");
  c.set_password->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.set_password->add_option("--employee", c.employee_number, "The person's employee number")->required();
  c.set_password->add_option("--password-file", c.password_file,
                             "File whose first line is the password (default: the first line of standard input)");
}

std::optional<int> RunServiceCommands(const ServiceCommands& c, std::istream& in, std::ostream& out,
                                      std::ostream& err) {
  if (c.serve->parsed()) return RunServe(c, out, err);
  if (c.init->parsed()) return RunInit(c, in, out, err);
  if (c.audit_verify->parsed()) return RunAuditVerify(c, out, err);
  if (c.backup->parsed()) return RunBackup(c, out, err);
  if (c.set_password->parsed()) return RunSetPassword(c, in, out, err);
  if (c.kek_generate->parsed()) {
    if (Status st = RunGenerateKek(c.kek_out); !st) return Failed(err, st.error());
    out << "vaardig-issuer: key-encryption key written to " << c.kek_out
        << " (mode 0600); set keys.kek_file to it and back it up apart from the database\n";
    return kExitOk;
  }
  return std::nullopt;
}

}  // namespace vaardig::issuer::cli
