#include "verifier/cli/trust.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>

#include "core/common/clock.h"
#include "core/jose/jwk.h"
#include <CLI/CLI.hpp>

#include "verifier/app/trust_list.h"
#include "verifier/cli/app.h"
#include "verifier/cli/verify_jws.h"

namespace vaardig::verifier::cli {
Result<std::string> ReadSmallFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  std::string text(max_bytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  if (text.size() > max_bytes) return Fail(ErrorCode::kResourceExhausted, path + " is larger than " + std::to_string(max_bytes) + " bytes");
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

// Writes `text` to `path` through a temporary file and a rename; `private_file`: mode 0600.
Status WriteFileAtomically(const std::string& path, const std::string& text, bool private_file) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(ErrorCode::kUnavailable, "cannot write " + temporary);
    if (private_file) {
      std::error_code ec;
      std::filesystem::permissions(temporary, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                   std::filesystem::perm_options::replace, ec);
      if (ec) return Fail(ErrorCode::kUnavailable, "cannot restrict the permissions of " + temporary);
    }
    file << text << "\n";
    if (!file.flush()) return Fail(ErrorCode::kUnavailable, "cannot write " + temporary);
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "cannot replace " + path);
  return Ok();
}

Result<jose::PrivateJwk> LoadOrCreateSigningKey(const std::string& path, bool* created) {
  if (created != nullptr) *created = false;
  if (std::filesystem::exists(path)) {
    VAARDIG_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, kMaxJwkFileBytes));
    return jose::PrivateJwk::Parse(std::string_view(text));
  }
  VAARDIG_ASSIGN_OR_RETURN(jose::PrivateJwk generated, jose::PrivateJwk::Generate(jose::Algorithm::kEs256));
  jose::PrivateJwk key = generated.WithKid(generated.public_jwk().Thumbprint());
  VAARDIG_RETURN_IF_ERROR(WriteFileAtomically(path, key.ExportPrivateJson().dump(), true));
  if (created != nullptr) *created = true;
  return key;
}

namespace {

Result<jose::PrivateJwk> LoadPrivateKey(const std::string& path) {
  VAARDIG_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, kMaxJwkFileBytes));
  auto key = jose::PrivateJwk::Parse(std::string_view(text));
  if (!key) return Fail(key.error().WithContext("--key " + path + " (the operator's private JWK)"));
  return key;
}

int Report(const Error& error, std::ostream& err) {
  const bool rejected = error.code() == ErrorCode::kUnauthenticated || error.code() == ErrorCode::kInvalidArgument ||
                        (error.code() == ErrorCode::kNotFound && error.message().find("not on the trust list") != std::string::npos) ||
                        error.code() == ErrorCode::kResourceExhausted;
  err << "vaardig-verifier: trust: " << error.ToString() << "\n";
  return rejected ? kExitRejected : kExitCouldNotCheck;
}

int Save(const TrustList& list, const jose::PrivateJwk& key, const std::string& path, std::ostream& out,
         std::ostream& err) {
  auto signed_list = list.Sign(key);
  if (!signed_list) return Report(signed_list.error(), err);
  if (Status written = WriteFileAtomically(path, *signed_list, false); !written) return Report(written.error(), err);
  out << "trust list " << path << ": " << list.entries.size() << (list.entries.size() == 1 ? " entry" : " entries")
      << ", signed\n";
  return kExitVerified;
}

int Init(const TrustArgs& args, std::ostream& out, std::ostream& err) {
  if (args.key.empty() || args.out.empty()) {
    err << "vaardig-verifier: trust init needs --key FILE and --out FILE\n";
    return kExitCouldNotCheck;
  }
  if (std::filesystem::exists(args.out)) {
    err << "vaardig-verifier: trust init: " << args.out << " exists; not overwritten\n";
    return kExitCouldNotCheck;
  }
  std::optional<jose::PrivateJwk> key;
  if (std::filesystem::exists(args.key)) {
    auto loaded = LoadPrivateKey(args.key);
    if (!loaded) return Report(loaded.error(), err);
    key = std::move(*loaded);
  } else {
    auto made = LoadOrCreateSigningKey(args.key, nullptr);
    if (!made) return Report(made.error(), err);
    key = std::move(*made);
  }
  TrustList list;
  list.issued_at = SystemClock().NowSeconds();
  const int code = Save(list, *key, args.out, out, err);
  if (code == kExitVerified) out << "public key (configure verifiers with it): " << key->public_jwk().ToJson().dump() << "\n";
  return code;
}

}  // namespace

// The plain JSON trust list, or (with --trust-key) the signed one, verified before it is read.
Result<JsonTrustList> LoadVerifyTrustList(const std::string& path, const std::string& trust_key) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  std::string text(kMaxTrustListBytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  if (text.size() > kMaxTrustListBytes) return Fail(ErrorCode::kResourceExhausted, path + " is larger than 1 MiB");
  if (trust_key.empty()) {
    VAARDIG_ASSIGN_OR_RETURN(Json json, ParseJson(text));
    return JsonTrustList::Parse(json);
  }
  auto key = LoadPublicJwkFile(trust_key);
  if (!key) return Fail(key.error().WithContext("--trust-key"));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  VAARDIG_ASSIGN_OR_RETURN(TrustList signed_list, TrustList::Verify(text, *key));
  JsonTrustList list;
  for (const TrustEntry& entry : signed_list.entries) {
    TrustedIssuer issuer{.id = entry.issuer, .name = entry.name, .credential_types = entry.credential_types};
    if (std::ranges::find(issuer.credential_types, "*") != issuer.credential_types.end()) issuer.credential_types.clear();
    list.issuers.push_back(std::move(issuer));
  }
  return list;
}

TrustCommands AddTrustCommands(CLI::App& app, TrustArgs& args) {
  CLI::App* trust_cmd = app.add_subcommand(
      "trust",
      "Manage the signed trust list: the issuers this verifier recognises, for which credential types.\n"
      "Each change verifies the list with the operator's key first and re-signs it.\n"
      "Exit 0 done, 1 the list does not verify or the change is refused, 2 usage or unreadable files.");
  trust_cmd->require_subcommand(1);
  CLI::App* trust_init = trust_cmd->add_subcommand("init", "Create an empty signed list (and the key, when absent)");
  trust_init->add_option("--key", args.key, "The operator's private JWK (created when absent)")->required();
  trust_init->add_option("--out", args.out, "The trust list file to create")->required();
  CLI::App* trust_add = trust_cmd->add_subcommand("add", "Add an issuer, or replace its entry");
  CLI::App* trust_remove = trust_cmd->add_subcommand("remove", "Remove an issuer");
  CLI::App* trust_show = trust_cmd->add_subcommand("show", "Verify the list and print it");
  for (CLI::App* sub : {trust_add, trust_remove, trust_show}) {
    sub->add_option("--list", args.list, "The signed trust list file")->required();
    sub->add_option("--key", args.key, sub == trust_show ? "The operator's public (or private) JWK"
                                                               : "The operator's private JWK")
        ->required();
  }
  for (CLI::App* sub : {trust_add, trust_remove}) {
    sub->add_option("--issuer", args.issuer, "DID, https:// issuer identifier, or x509-sha256:<hex>")->required();
  }
  trust_add->add_option("--name", args.name, "The issuer's name, as people see it")->required();
  trust_add->add_option("--type", args.types, "A vct or W3C type it is recognised for (repeatable; * for all)")
      ->required();
  trust_add->add_option("--note", args.note, "A note for operators");

  return {.command = trust_cmd, .init = trust_init, .add = trust_add, .remove = trust_remove};
}

const TrustArgs& TrustCommands::Parsed(TrustArgs& args) const {
  args.action = init->parsed() ? "init" : add->parsed() ? "add" : remove->parsed() ? "remove" : "show";
  return args;
}

int RunTrust(const TrustArgs& args, std::ostream& out, std::ostream& err) {
  if (args.action == "init") return Init(args, out, err);
  if (args.list.empty() || args.key.empty()) {
    err << "vaardig-verifier: trust " << args.action << " needs --list FILE and --key FILE\n";
    return kExitCouldNotCheck;
  }
  auto text = ReadSmallFile(args.list, kMaxTrustListBytes);
  if (!text) return Report(text.error(), err);
  if (args.action == "show") {
    auto key = LoadPublicJwkFile(args.key);
    if (!key) return Report(key.error().WithContext("--key"), err);
    auto list = TrustList::Verify(*text, *key);
    if (!list) return Report(list.error(), err);
    out << list->ToJson().dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    return kExitVerified;
  }
  auto key = LoadPrivateKey(args.key);
  if (!key) return Report(key.error(), err);
  auto list = TrustList::Verify(*text, key->public_jwk());
  if (!list) return Report(list.error(), err);
  if (args.action == "add") {
    TrustEntry entry{.issuer = args.issuer, .name = args.name, .credential_types = args.types, .note = args.note};
    if (Status added = list->Upsert(std::move(entry)); !added) return Report(added.error(), err);
  } else if (args.action == "remove") {
    if (Status removed = list->Remove(args.issuer); !removed) return Report(removed.error(), err);
  } else {
    err << "vaardig-verifier: unknown trust action '" << args.action << "'\n";
    return kExitCouldNotCheck;
  }
  list->issued_at = SystemClock().NowSeconds();
  return Save(*list, *key, args.list, out, err);
}

}  // namespace vaardig::verifier::cli
