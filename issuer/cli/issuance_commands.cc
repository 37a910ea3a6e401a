#include "issuer/cli/issuance_commands.h"

#include <memory>
#include <string>
#include <utility>

#include "core/common/clock.h"
#include "core/config/config.h"
#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/oid4vc/offer.h"
#include "issuer/app/accounts.h"
#include "issuer/app/issuance.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/issuer_keys.h"
#include "issuer/app/key_vault.h"
#include "issuer/app/settings.h"
#include "issuer/app/status_registry.h"
#include "issuer/cli/app.h"

namespace vaardig::issuer::cli {

namespace {

constexpr std::size_t kVcalmTokenBytes = 32;

int Failed(std::ostream& err, const Error& e) {
  err << "vaardig-issuer: " << e.ToString() << "\n";
  return kExitFailed;
}

Result<std::unique_ptr<IssuerApp>> OpenApp(const std::string& config_path) {
  VAARDIG_ASSIGN_OR_RETURN(config::Config config, config::Config::Load(config_path, "VAARDIG_ISSUER"));
  VAARDIG_ASSIGN_OR_RETURN(IssuerSettings settings, LoadIssuerSettings(config));
  return IssuerApp::Open(std::move(settings), std::make_shared<SystemClock>());
}

// The administrator the command line reads as: the first active one (the one `init` created).
Result<Principal> Administrator(store::Database& db) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT id FROM people WHERE role = 'admin' AND active = 1 ORDER BY id LIMIT 1"));
  if (!row) return Fail(ErrorCode::kFailedPrecondition, "the database has no active administrator; run init first");
  return LoadPrincipal(db, row->Int(0));
}

int RunIssue(const IssuanceCommands& c, std::ostream& out, std::ostream& err) {
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  auto offer = CreateDirectOffer(**app, "cli",
                                 DirectIssue{.employee_number = c.employee, .skill_id = c.skill, .level = c.level,
                                             .confirmed_by_number = c.confirmed_by});
  if (!offer) return Failed(err, offer.error());
  out << oid4vc::CredentialOfferLinkByReference(offer->offer_uri) << "\n"
      << "PIN: " << offer->tx_code << "\n"
      << "expires: " << offer->expires_at << "\n";
  return kExitOk;
}

int RunList(const IssuanceCommands& c, std::ostream& out, std::ostream& err) {
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  IssuerApp& a = **app;
  auto admin = Administrator(a.db());
  if (!admin) return Failed(err, admin.error());
  std::optional<std::int64_t> person;
  if (!c.list_employee.empty()) {
    auto row = a.db().QueryOne("SELECT id FROM people WHERE employee_number = ?", {c.list_employee});
    if (!row) return Failed(err, row.error());
    if (!*row) return Failed(err, Error(ErrorCode::kNotFound, "no person with employee number " + c.list_employee));
    person = (*row)->Int(0);
  }
  auto list = ListCredentials(a, *admin, person);
  if (!list) return Failed(err, list.error());
  if (list->empty()) {
    out << "vaardig-issuer: no credentials\n";
    return kExitOk;
  }
  for (const CredentialRecord& r : *list) {
    out << r.id << "\t" << r.state << "\t" << (r.person_name.empty() ? "-" : r.person_name) << "\t"
        << (r.skill_id.empty() ? "-" : r.skill_id) << "\t"
        << (r.level ? "level " + std::to_string(*r.level) : std::string("-")) << "\t" << r.format << "\t"
        << r.issued_at << "\n";
  }
  return kExitOk;
}

int RunStatusChange(const IssuanceCommands& c, StatusAction action, std::ostream& out, std::ostream& err) {
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  if (Status st = ChangeCredentialStatusAs(**app, "cli", c.credential, action, c.reason); !st) {
    return Failed(err, st.error());
  }
  const char* done = action == StatusAction::kRevoke ? "revoked"
                     : action == StatusAction::kSuspend ? "suspended"
                                                         : "valid again";
  out << "vaardig-issuer: credential " << c.credential << " " << done
      << "; the status lists show it from their next fetch\n";
  return kExitOk;
}

int RunRotate(const IssuanceCommands& c, std::ostream& out, std::ostream& err) {
  const IssuerKeyPurpose purpose = c.purpose == "sd-jwt" ? IssuerKeyPurpose::kSdJwt : IssuerKeyPurpose::kDataIntegrity;
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  auto vault = KeyVault::Load((*app)->settings().kek_file);
  if (!vault) return Failed(err, vault.error().WithContext("key-encryption key"));
  auto rotated = RotateIssuerKey(**app, *vault, purpose, "cli");
  if (!rotated) return Failed(err, rotated.error());
  out << "vaardig-issuer: new " << c.purpose << " key " << rotated->new_kid;
  if (!rotated->retired_kid.empty()) out << "; key " << rotated->retired_kid << " retired (still published)";
  out << "\n";
  return kExitOk;
}

int RunVcalmToken(const IssuanceCommands& c, std::ostream& out, std::ostream& err) {
  const std::string token = encoding::Base64UrlEncode(crypto::RandomBytes(kVcalmTokenBytes));
  const std::string hash = Sha256Hex(token);
  // The same check the configuration applies, so the printed line always loads.
  auto client = ParseVcalmClient(c.client_name + ":" + hash);
  if (!client) {
    err << "vaardig-issuer: --name must be 1 to 64 letters, digits, '.', '_' or '-'\n";
    return kExitUsage;
  }
  out << "VCALM client token for " << client->name << " (shown once, not stored; give it to the client):\n"
      << token << "\n"
      << "Add to the issuer's configuration, table [vcalm], then restart it:\n"
      << "client_token_sha256 = [\"" << client->name << ":" << client->token_sha256 << "\"]\n";
  return kExitOk;
}

}  // namespace

void AddIssuanceCommands(CLI::App& app, CLI::App& keys, IssuanceCommands& c) {
  c.issue = app.add_subcommand("issue", "Make a credential offer for a skill confirmed outside Vaardig");
  c.issue->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.issue->add_option("--employee", c.employee, "The employee's number")->required();
  c.issue->add_option("--skill", c.skill, "The skill's catalogue id")->required();
  c.issue->add_option("--level", c.level, "1 met hulp, 2 zelfstandig, 3 kan het anderen leren")
      ->required()
      ->check(CLI::Range(1, 3));
  c.issue->add_option("--confirmed-by", c.confirmed_by, "The employee number of who confirmed it")->required();

  CLI::App* credentials = app.add_subcommand("credentials", "Issued credentials");
  credentials->require_subcommand(1);
  c.credentials_list = credentials->add_subcommand("list", "List issued credentials, newest first");
  c.credentials_list->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.credentials_list->add_option("--employee", c.list_employee, "Only this employee's credentials");

  const auto status_command = [&](const char* name, const char* help) {
    CLI::App* sub = app.add_subcommand(name, help);
    sub->add_option("--config", c.config, "Configuration file (TOML)")->required();
    sub->add_option("--credential", c.credential, "The credential's id (urn:uuid:...)")->required();
    sub->add_option("--reason", c.reason, "Why (kept with the credential)")->required();
    return sub;
  };
  c.revoke = status_command("revoke", "Revoke a credential (final)");
  c.suspend = status_command("suspend", "Suspend a credential");
  c.unsuspend = status_command("unsuspend", "Lift a credential's suspension");

  c.keys_rotate = keys.add_subcommand("rotate", "Retire the issuer's active key of a purpose and make a new one");
  c.keys_rotate->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.keys_rotate->add_option("--purpose", c.purpose, "sd-jwt (ES256) or data-integrity (Ed25519)")
      ->required()
      ->check(CLI::IsMember({"sd-jwt", "data-integrity"}));

  CLI::App* vcalm = app.add_subcommand("vcalm", "Clients of the VCALM endpoints");
  vcalm->require_subcommand(1);
  CLI::App* token = vcalm->add_subcommand("token", "Client tokens");
  token->require_subcommand(1);
  c.vcalm_token_create = token->add_subcommand("create", "Print a new client token and its configuration line");
  c.vcalm_token_create->add_option("--name", c.client_name, "The client's name (its audit actor vcalm:NAME)")->required();
}

std::optional<int> RunIssuanceCommands(const IssuanceCommands& c, std::ostream& out, std::ostream& err) {
  if (c.issue->parsed()) return RunIssue(c, out, err);
  if (c.credentials_list->parsed()) return RunList(c, out, err);
  if (c.revoke->parsed()) return RunStatusChange(c, StatusAction::kRevoke, out, err);
  if (c.suspend->parsed()) return RunStatusChange(c, StatusAction::kSuspend, out, err);
  if (c.unsuspend->parsed()) return RunStatusChange(c, StatusAction::kUnsuspend, out, err);
  if (c.keys_rotate->parsed()) return RunRotate(c, out, err);
  if (c.vcalm_token_create->parsed()) return RunVcalmToken(c, out, err);
  return std::nullopt;
}

}  // namespace vaardig::issuer::cli
