#include "wallet/cli/vault_commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include "core/common/clock.h"
#include "core/dataintegrity/date_time.h"
#include "core/http/client.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/sd_jwt.h"
#include "core/store/sqlite.h"
#include "wallet/app/collect.h"
#include "wallet/app/respond.h"
#include "wallet/app/import_credential.h"
#include "wallet/app/self_declared.h"
#include "wallet/app/share_links.h"
#include "wallet/app/vault.h"
#include "wallet/cli/app.h"

namespace vaardig::wallet::cli {
namespace {

std::string DefaultHome() {
  if (const char* home = std::getenv("VAARDIG_WALLET_HOME"); home != nullptr && *home != '\0') return home;
  if (const char* user_home = std::getenv("HOME"); user_home != nullptr && *user_home != '\0') {
    return (std::filesystem::path(user_home) / ".vaardig-wallet").string();
  }
  return ".vaardig-wallet";
}

// VAARDIG_WALLET_PASSPHRASE, else a prompt without echo on a terminal.
Result<std::string> ReadPassphrase(std::ostream& err, std::string_view prompt) {
  if (const char* env = std::getenv("VAARDIG_WALLET_PASSPHRASE"); env != nullptr && *env != '\0') return std::string(env);
  if (isatty(STDIN_FILENO) != 1) {
    return Fail(ErrorCode::kFailedPrecondition,
                "no passphrase: set VAARDIG_WALLET_PASSPHRASE or run on a terminal to be asked");
  }
  err << prompt << std::flush;
  termios old_mode{};
  const bool have_mode = tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (have_mode) {
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (have_mode) tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
  err << "\n";
  return line;
}

// The wallet database in `home` (created 0700 when absent) and the vault store over it.
struct LocalWallet {
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  std::optional<VaultStore> vaults;
};

Result<std::unique_ptr<LocalWallet>> OpenLocalWallet(const std::string& home, bool create) {
  std::error_code ec;
  const std::filesystem::path dir(home);
  if (!std::filesystem::exists(dir, ec)) {
    if (!create) return Fail(ErrorCode::kNotFound, "no wallet in " + home + ": run 'vaardig-wallet init' first");
    std::filesystem::create_directories(dir, ec);
    if (ec) return Fail(ErrorCode::kUnavailable, "cannot create " + home + ": " + ec.message());
    ::chmod(home.c_str(), 0700);
  }
  const std::string path = (dir / "wallet.db").string();
  if (!create && !std::filesystem::exists(path, ec)) {
    return Fail(ErrorCode::kNotFound, "no wallet in " + home + ": run 'vaardig-wallet init' first");
  }
  auto wallet = std::make_unique<LocalWallet>();
  VAARDIG_ASSIGN_OR_RETURN(wallet->db, store::OpenSqlite({.path = path}));
  ::chmod(path.c_str(), 0600);
  VAARDIG_ASSIGN_OR_RETURN(VaultStore vaults, VaultStore::Open(*wallet->db, wallet->clock));
  wallet->vaults.emplace(std::move(vaults));
  return wallet;
}

Result<UnlockedVault> Unlock(LocalWallet& wallet, std::ostream& err) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string passphrase, ReadPassphrase(err, "Wachtwoord / passphrase: "));
  return wallet.vaults->Unlock(kLocalWalletHandle, passphrase);
}

int Failed(std::ostream& err, const Error& error) {
  err << "vaardig-wallet: " << error.ToString() << "\n";
  return kExitFailed;
}

int RunInit(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  auto wallet = OpenLocalWallet(c.home, true);
  if (!wallet) return Failed(err, wallet.error());
  auto passphrase = ReadPassphrase(err, "Nieuw wachtwoord / new passphrase: ");
  if (!passphrase) return Failed(err, passphrase.error());
  auto created = (*wallet)->vaults->CreateVault(kLocalWalletHandle, *passphrase);
  if (!created) return Failed(err, created.error());
  out << "Wallet created in " << c.home << "\n"
      << "Recovery code (write it down; it is shown only once): " << created->recovery_code << "\n";
  return kExitOk;
}

int RunReceive(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto fetcher = http::BeastHttpFetcher::Create({.ca_file = c.ca_file});
  if (!fetcher) return Failed(err, fetcher.error());
  const CollectOptions options{.clock = &(*wallet)->clock,
                               .allow_http_for_loopback = c.allow_http_loopback,
                               .keep_revoked_and_flag = c.keep_revoked};
  const std::optional<std::string_view> pin = c.pin ? std::optional<std::string_view>(*c.pin) : std::nullopt;
  auto result = CollectOffer(**fetcher, *vault, c.link, pin, options);
  if (!result) {
    err << "vaardig-wallet: receive: " << result.error().ToString() << "\n";
    return kExitFailed;
  }
  for (const CollectedCredential& stored : result->stored) {
    out << "received: " << stored.name << " (" << stored.format << ") from " << stored.issuer
        << ", status " << stored.status << ", id " << stored.record_id << "\n";
  }
  for (const SkippedConfiguration& skipped : result->skipped) {
    out << "skipped: " << skipped.configuration_id << ": " << skipped.reason << "\n";
  }
  return kExitOk;
}

std::string NameOf(const Json& record) {
  const Json& display = record.contains("display") ? record["display"] : Json();
  for (const char* locale : {"nl", "en"}) {
    if (display.is_object() && display.contains(locale) && display[locale].value("name", "") != "") {
      return display[locale]["name"].get<std::string>();
    }
  }
  return record.value("configuration_id", "credential");
}

int RunList(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto listing = vault->List(RecordKind::kCredential);
  if (!listing) return Failed(err, listing.error());
  Json rows = Json::array();
  for (const VaultRecord& record : listing->records) {
    const Json& content = record.content;
    const Json& status = content.contains("status") ? content["status"] : Json();
    rows.push_back({{"id", record.id},
                    {"name", NameOf(content)},
                    {"format", content.value("format", "")},
                    {"issuer", content.value("issuer", "")},
                    {"received_at", *dataintegrity::FormatDateTimeStamp(record.created_at)},
                    {"status", status.is_object() ? status.value("state", "") : ""}});
  }
  if (c.json) {
    out << rows.dump(2) << "\n";
  } else if (rows.empty()) {
    out << "The wallet holds no credentials yet.\n";
  } else {
    for (const Json& row : rows) {
      out << row["id"].get<std::string>() << "  " << row["name"].get<std::string>() << "  ("
          << row["format"].get<std::string>() << ")  " << row["issuer"].get<std::string>() << "  "
          << row["received_at"].get<std::string>() << "  " << row["status"].get<std::string>() << "\n";
    }
  }
  for (const std::string& damaged : listing->damaged_ids) err << "vaardig-wallet: record " << damaged << " is damaged\n";
  return kExitOk;
}

Json OpenedJson(const OpenedRequest& opened) {
  Json queries = Json::array();
  for (const QueryCandidates& q : opened.queries) {
    Json candidates = Json::array();
    for (const ShareCandidate& c : q.candidates) {
      candidates.push_back({{"record_id", c.record_id}, {"name", c.name}, {"format", c.format}, {"issuer", c.issuer},
                            {"shown", c.shown}, {"names_the_person", c.names_the_person}});
    }
    queries.push_back({{"query_id", q.query_id}, {"candidates", std::move(candidates)}});
  }
  Json out{{"verifier", opened.verifier}, {"client_id", opened.request.client_id},
           {"response_uri", opened.request.response_uri}, {"satisfiable", opened.satisfiable},
           {"queries", std::move(queries)}, {"unmatched_queries", opened.unmatched_queries}};
  if (opened.verifier_name) out["verifier_name"] = *opened.verifier_name;
  return out;
}

void PrintOpened(const OpenedRequest& opened, std::ostream& out) {
  out << "Who asks: " << opened.verifier;
  if (opened.verifier_name) out << " (calls itself \"" << *opened.verifier_name << "\")";
  out << "\nAnswer goes to: " << opened.request.response_uri << "\n";
  for (const QueryCandidates& q : opened.queries) {
    out << "Asked for (" << q.query_id << "):";
    if (q.candidates.empty()) out << " nothing in this wallet answers it";
    out << "\n";
    for (const ShareCandidate& c : q.candidates) {
      out << "  " << c.record_id << "  " << c.name << " (" << c.format << ") would show: ";
      for (std::size_t i = 0; i < c.shown.size(); ++i) out << (i == 0 ? "" : ", ") << c.shown[i];
      out << (c.names_the_person ? "  [includes your name]" : "  [no name]") << "\n";
    }
  }
}

int RunRespond(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  if (c.yes && c.decline) {
    err << "vaardig-wallet: respond: --yes and --decline exclude each other\n";
    return kExitUsage;
  }
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto fetcher = http::BeastHttpFetcher::Create({.ca_file = c.ca_file});
  if (!fetcher) return Failed(err, fetcher.error());
  const RespondOptions options{.clock = &(*wallet)->clock, .allow_http_for_loopback = c.allow_http_loopback};
  auto opened = OpenPresentationRequest(**fetcher, *vault, c.link, options);
  if (!opened) {
    err << "vaardig-wallet: respond: " << opened.error().ToString() << "\n";
    return kExitFailed;
  }
  if (c.json) {
    out << OpenedJson(*opened).dump(2) << "\n";
  } else {
    PrintOpened(*opened, out);
  }
  if (c.decline) {
    auto declined = DeclineRequest(**fetcher, *vault, *opened, options);
    if (!declined) {
      err << "vaardig-wallet: respond: " << declined.error().ToString() << "\n";
      return kExitFailed;
    }
    out << "Declined: the verifier was told you do not share.\n";
    if (declined->redirect_uri) out << "Continue at: " << *declined->redirect_uri << "\n";
    return kExitOk;
  }
  if (!c.yes) {
    out << "Nothing was sent. Run again with --yes to share the above (or --choose QUERY=RECORD), or --decline.\n";
    return kExitOk;
  }
  std::vector<ShareChoice> choices;
  if (c.choose.empty()) {
    choices = DefaultChoices(*opened);
  } else {
    for (const std::string& pick : c.choose) {
      const std::size_t eq = pick.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == pick.size()) {
        err << "vaardig-wallet: respond: --choose takes QUERY=RECORD\n";
        return kExitUsage;
      }
      choices.push_back({.query_id = pick.substr(0, eq), .record_id = pick.substr(eq + 1)});
    }
  }
  auto sent = SendPresentation(**fetcher, *vault, *opened, choices, options);
  if (!sent) {
    err << "vaardig-wallet: respond: " << sent.error().ToString() << "\n";
    return kExitFailed;
  }
  out << "Shared with " << opened->verifier << " (logged as " << sent->share_record_id << ").\n";
  if (sent->redirect_uri) out << "Continue at: " << *sent->redirect_uri << "\n";
  return kExitOk;
}

int RunShares(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto listing = vault->List(RecordKind::kShare);
  if (!listing) return Failed(err, listing.error());
  Json rows = Json::array();
  for (const VaultRecord& record : listing->records) {
    Json row = record.content;
    row["id"] = record.id;
    row["at"] = *dataintegrity::FormatDateTimeStamp(record.created_at);
    rows.push_back(std::move(row));
  }
  if (c.json) {
    out << rows.dump(2) << "\n";
  } else if (rows.empty()) {
    out << "Nothing was shared yet.\n";
  } else {
    for (const Json& row : rows) {
      const std::string who = row.contains("verifier_name") && row["verifier_name"].is_string()
                                  ? row["verifier_name"].get<std::string>()
                                  : (row.contains("verifier") && row["verifier"].is_string() ? row["verifier"].get<std::string>() : "");
      out << row["at"].get<std::string>() << "  " << who << "  received:";
      for (const Json& cred : row.value("credentials", Json::array())) {
        out << " " << cred.value("name", "") << " [";
        const Json shown = cred.value("shown", Json::array());
        for (std::size_t i = 0; i < shown.size(); ++i) out << (i == 0 ? "" : ", ") << shown[i].get<std::string>();
        out << "]";
      }
      out << "\n";
    }
  }
  return kExitOk;
}

Result<std::string> BackupPassphrase(std::ostream& err) {
  if (const char* env = std::getenv("VAARDIG_WALLET_BACKUP_PASSPHRASE"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  if (isatty(STDIN_FILENO) != 1) {
    return Fail(ErrorCode::kFailedPrecondition,
                "no backup passphrase: set VAARDIG_WALLET_BACKUP_PASSPHRASE or run on a terminal to be asked");
  }
  return ReadPassphrase(err, "Wachtwoord voor de reservekopie / backup passphrase: ");
}

int RunShow(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto record = vault->Get(c.record);
  if (!record) return Failed(err, record.error());
  if (record->kind != RecordKind::kCredential) {
    return Failed(err, Error(ErrorCode::kInvalidArgument, "record " + c.record + " is not a credential"));
  }
  const Json& content = record->content;
  Json shown{{"id", record->id}, {"name", NameOf(content)}, {"format", content.value("format", "")},
             {"issuer", content.value("issuer", "")}, {"status", content.value("status", Json::object())}};
  if (content.value("format", "") == "dc+sd-jwt" && content.value("credential", Json()).is_string()) {
    auto parts = sdjwt::ParseSdJwt(content["credential"].get<std::string>());
    if (!parts) return Failed(err, parts.error());
    auto claims = sdjwt::HolderClaims(*parts);
    if (!claims) return Failed(err, claims.error());
    claims->erase("cnf");  // the holder's own key: not something a person reads
    shown["claims"] = std::move(*claims);
  } else {
    shown["credential"] = content.value("credential", Json());
  }
  out << shown.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  return kExitOk;
}

int RunExport(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  if (c.file.empty()) return Failed(err, Error(ErrorCode::kInvalidArgument, "export: --out FILE is required"));
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto backup_passphrase = BackupPassphrase(err);
  if (!backup_passphrase) return Failed(err, backup_passphrase.error());
  auto backup = vault->ExportBackup(*backup_passphrase);
  if (!backup) return Failed(err, backup.error());
  const int fd = ::open(c.file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return Failed(err, Error(errno == EEXIST ? ErrorCode::kAlreadyExists : ErrorCode::kUnavailable,
                             c.file + (errno == EEXIST ? " exists; a backup is never overwritten" : ": cannot create")));
  }
  std::size_t written = 0;
  while (written < backup->size()) {
    const ssize_t n = ::write(fd, backup->data() + written, backup->size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool ok = written == backup->size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    std::filesystem::remove(c.file);
    return Failed(err, Error(ErrorCode::kUnavailable, "cannot write " + c.file));
  }
  out << "Backup written to " << c.file << " (" << backup->size() << " bytes, encrypted).\n";
  return kExitOk;
}

int RunImport(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  std::ifstream in(c.file, std::ios::binary);
  if (!in) return Failed(err, Error(ErrorCode::kNotFound, "cannot read " + c.file));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() > kMaxBackupBytes) return Failed(err, Error(ErrorCode::kResourceExhausted, c.file + " is too large for a backup"));
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto backup_passphrase = BackupPassphrase(err);
  if (!backup_passphrase) return Failed(err, backup_passphrase.error());
  auto imported = vault->ImportBackup(AsBytes(bytes), *backup_passphrase);
  if (!imported) return Failed(err, imported.error());
  out << "Imported " << imported->added << " record(s); " << imported->already_present << " already held.\n";
  return kExitOk;
}

int RunDelete(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  if (c.everything == !c.record.empty()) {
    err << "vaardig-wallet: delete: give one RECORD or --everything\n";
    return kExitUsage;
  }
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  if (c.everything) {
    auto count = vault->DeleteEverything();
    if (!count) return Failed(err, count.error());
    out << "Deleted everything: " << *count << " record(s).\n";
    return kExitOk;
  }
  if (Status deleted = vault->Delete(c.record); !deleted) return Failed(err, deleted.error());
  out << "Deleted " << c.record << ".\n";
  return kExitOk;
}

int RunImportCredential(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  auto text = ReadTextInput(c.file, std::cin, kMaxImportBytes);
  if (!text) return Failed(err, text.error());
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  auto fetcher = http::BeastHttpFetcher::Create({.ca_file = c.ca_file});
  if (!fetcher) return Failed(err, fetcher.error());
  auto imported = ImportCredential(**fetcher, *vault, *text,
                                   {.clock = &(*wallet)->clock, .allow_http_for_loopback = c.allow_http_loopback});
  if (!imported) return Failed(err, imported.error());
  out << "imported: " << imported->format << " from " << imported->issuer << ", status " << imported->status << ", id "
      << imported->record_id << (imported->view_only ? " (view only: not bound to a key in this wallet)" : "") << "\n";
  return kExitOk;
}

// Share links for a local wallet: there is no service to answer GET <base>/s/<id>, so the sealed
// document is written as a file for the person's own web site (or any static host) to serve.
int RunShareLink(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  if (c.out_dir.empty()) return Failed(err, Error(ErrorCode::kInvalidArgument, "share-link: --out DIR is required"));
  if (c.revoke.empty() == c.record.empty()) {
    err << "vaardig-wallet: share-link: give a RECORD to share, or --revoke ID\n";
    return kExitUsage;
  }
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  const std::filesystem::path dir = std::filesystem::path(c.out_dir) / "s";
  if (!c.revoke.empty()) {
    if (c.revoke.find_first_of("/\\.") != std::string::npos || c.revoke.size() != 22) {
      return Failed(err, Error(ErrorCode::kInvalidArgument, "share-link: not a link id"));
    }
    auto listing = vault->List(RecordKind::kShare);
    if (!listing) return Failed(err, listing.error());
    for (const VaultRecord& r : listing->records) {
      if (r.content.value("type", "") != "link" || r.content.value("link_id", "") != c.revoke) continue;
      std::error_code ec;
      std::filesystem::remove(dir / c.revoke, ec);
      Json revoked = r.content;
      revoked["revoked_at"] = (*wallet)->clock.NowSeconds();
      if (Status ok = vault->Replace(r.id, revoked); !ok) return Failed(err, ok.error());
      out << "Revoked: " << (dir / c.revoke).string() << " is deleted; remove it from the web site too if it was copied there.\n";
      return kExitOk;
    }
    return Failed(err, Error(ErrorCode::kNotFound, "share-link: this wallet made no link " + c.revoke));
  }
  auto sealed = SealShareLink(*vault, c.record, c.base_url, c.days, {}, (*wallet)->clock.NowSeconds());
  if (!sealed) return Failed(err, sealed.error());
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Failed(err, Error(ErrorCode::kUnavailable, "cannot create " + dir.string()));
  const std::string file = (dir / sealed->id).string();
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return Failed(err, Error(ErrorCode::kUnavailable, "cannot create " + file));
  const std::string body = sealed->document.dump();
  const bool ok = ::write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    std::filesystem::remove(file, ec);
    return Failed(err, Error(ErrorCode::kUnavailable, "cannot write " + file));
  }
  Json log = sealed->log;
  log["published_file"] = file;
  if (auto put = vault->Put(RecordKind::kShare, log); !put) {
    std::filesystem::remove(file, ec);
    return Failed(err, put.error());
  }
  out << "Share link (valid " << c.days << " days; give it whole, with the part after #):\n" << sealed->url << "\n"
      << "Publish " << file << " so that it is served at " << sealed->url.substr(0, sealed->url.find('#'))
      << " (it is sealed: only the link opens it). It shows:";
  for (const std::string& s : sealed->shown) out << " " << s;
  out << "\n";
  return kExitOk;
}

int RunDeclare(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  auto wallet = OpenLocalWallet(c.home, false);
  if (!wallet) return Failed(err, wallet.error());
  auto vault = Unlock(**wallet, err);
  if (!vault) return Failed(err, vault.error());
  const SelfDeclaredSkill skill{.name_nl = c.skill_name, .name_en = c.skill_name_en, .level = c.skill_level,
                                .esco = c.skill_esco, .evidence = c.evidence};
  auto id = RecordSelfDeclaredSkill(*vault, skill, (*wallet)->clock);
  if (!id) return Failed(err, id.error());
  out << "Recorded as self-declared (signed with your own key): " << c.skill_name << ", level " << c.skill_level
      << ", id " << *id << "\n";
  return kExitOk;
}

}  // namespace

void AddVaultCommands(CLI::App& app, VaultCommands& c) {
  c.home = DefaultHome();
  app.add_option("--home", c.home, "Wallet directory (default $VAARDIG_WALLET_HOME or ~/.vaardig-wallet)");
  c.init = app.add_subcommand("init", "Create the encrypted wallet (prints a one-time recovery code)");
  c.receive = app.add_subcommand("receive", "Collect a credential offer (openid-credential-offer:// link)");
  c.receive->add_option("link", c.link, "The credential offer link")->required();
  c.receive->add_option("--pin", c.pin, "The PIN (tx_code) the issuer showed separately");
  c.receive->add_option("--ca-file", c.ca_file, "Trust this PEM CA bundle instead of the system's (tests)");
  c.receive->add_flag("--allow-http-loopback", c.allow_http_loopback,
                      "Allow plain http to 127.0.0.1 / localhost (tests, local demos)");
  c.receive->add_flag("--keep-revoked", c.keep_revoked, "Store a revoked or suspended credential, flagged");
  c.list = app.add_subcommand("list", "List the credentials in the wallet");
  c.list->add_flag("--json", c.json, "Print JSON");
  c.respond = app.add_subcommand("respond", "Answer a presentation request (openid4vp:// link); shows first, sends only with --yes");
  c.respond->add_option("link", c.link, "The request link (from the verifier's QR code)")->required();
  c.respond->add_flag("--yes", c.yes, "Share what is shown (consent)");
  c.respond->add_flag("--decline", c.decline, "Tell the verifier you do not share");
  c.respond->add_option("--choose", c.choose, "QUERY=RECORD: which credential answers which question (repeatable)");
  c.respond->add_option("--ca-file", c.ca_file, "Trust this PEM CA bundle instead of the system's (tests)");
  c.respond->add_flag("--allow-http-loopback", c.allow_http_loopback,
                      "Allow plain http to 127.0.0.1 / localhost (tests, local demos)");
  c.respond->add_flag("--json", c.json, "Print what is asked as JSON");
  c.shares = app.add_subcommand("shares", "The share log: who received what, and when");
  c.shares->add_flag("--json", c.json, "Print JSON");
  c.show = app.add_subcommand("show", "One credential: what it says");
  c.show->add_option("record", c.record, "The credential's id (from list)")->required();
  c.export_backup = app.add_subcommand("export", "Write an encrypted backup of the whole wallet");
  c.export_backup->add_option("--out", c.file, "The backup file (created 0600, never overwritten)")->required();
  c.import_backup = app.add_subcommand("import", "Add the records of an encrypted backup");
  c.import_backup->add_option("file", c.file, "The backup file")->required();
  c.remove = app.add_subcommand("delete", "Delete one credential (or record), or everything");
  c.remove->add_option("record", c.record, "The record's id");
  c.remove->add_flag("--everything", c.everything, "Delete every record (the wallet stays, empty)");
  c.share_link = app.add_subcommand("share-link", "A share link to one credential, as a file for your own web site");
  c.share_link->add_option("record", c.record, "The credential's id (from list)");
  c.share_link->add_option("--base-url", c.base_url, "Where DIR is served, e.g. https://example.nl/vaardig");
  c.share_link->add_option("--out", c.out_dir, "The directory to write s/<id> into")->required();
  c.share_link->add_option("--days", c.days, "How long the link is valid (1-90)")->capture_default_str();
  c.share_link->add_option("--revoke", c.revoke, "Revoke the link with this id (deletes its file)");
  c.import_credential = app.add_subcommand("import-credential", "Add an Open Badge (JSON) or an SD-JWT VC, verified first");
  c.import_credential->add_option("file", c.file, "The credential file, or - for standard input")->required();
  c.import_credential->add_option("--ca-file", c.ca_file, "Trust this PEM CA bundle instead of the system's (tests)");
  c.import_credential->add_flag("--allow-http-loopback", c.allow_http_loopback,
                                "Allow plain http to 127.0.0.1 / localhost (tests, local demos)");
  c.declare = app.add_subcommand("declare", "Record a skill of your own (self-declared, signed with your own key)");
  c.declare->add_option("--name", c.skill_name, "The skill, in Dutch")->required();
  c.declare->add_option("--level", c.skill_level, "1 met hulp, 2 zelfstandig, 3 kan het anderen leren")->required();
  c.declare->add_option("--name-en", c.skill_name_en, "The skill in English");
  c.declare->add_option("--esco", c.skill_esco, "The ESCO skill URI");
  c.declare->add_option("--evidence", c.evidence, "The name of evidence you can show (repeatable)");
}

std::optional<int> RunVaultCommands(const VaultCommands& c, std::ostream& out, std::ostream& err) {
  if (c.init->parsed()) return RunInit(c, out, err);
  if (c.receive->parsed()) return RunReceive(c, out, err);
  if (c.list->parsed()) return RunList(c, out, err);
  if (c.respond->parsed()) return RunRespond(c, out, err);
  if (c.shares->parsed()) return RunShares(c, out, err);
  if (c.show->parsed()) return RunShow(c, out, err);
  if (c.export_backup->parsed()) return RunExport(c, out, err);
  if (c.import_backup->parsed()) return RunImport(c, out, err);
  if (c.remove->parsed()) return RunDelete(c, out, err);
  if (c.declare->parsed()) return RunDeclare(c, out, err);
  if (c.import_credential->parsed()) return RunImportCredential(c, out, err);
  if (c.share_link->parsed()) return RunShareLink(c, out, err);
  return std::nullopt;
}

}  // namespace vaardig::wallet::cli
