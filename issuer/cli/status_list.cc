#include "issuer/cli/status_list.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/encoding/json.h"
#include "core/status/bitstring_status_list_credential.h"
#include "issuer/cli/app.h"
#include "issuer/cli/key_file.h"

namespace vaardig::issuer::cli {
namespace {

constexpr std::size_t kMaxListFileBytes = 4 << 20;

int Failed(const Error& error, std::ostream& err) {
  err << "vaardig-issuer: " << error.ToString() << "\n";
  return kExitFailed;
}

Result<crypto::Ed25519PrivateKey> ReadEd25519Key(const std::string& path, std::ostream& err) {
  std::vector<std::string> warnings;
  VAARDIG_ASSIGN_OR_RETURN(const jose::PrivateJwk jwk, ReadPrivateKeyFile(path, &warnings));
  for (const std::string& w : warnings) err << "vaardig-issuer: warning: " << w << "\n";
  const auto* ed = std::get_if<crypto::Ed25519PrivateKey>(&jwk.key());
  if (ed == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                "--key: eddsa-rdfc-2022 needs an Ed25519 key (vaardig-issuer keys generate --alg EdDSA)");
  }
  return *ed;
}

Result<Json> ReadListFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(ErrorCode::kNotFound, "--list: cannot read " + path);
  std::string text(kMaxListFileBytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  JsonLimits limits;
  limits.max_bytes = kMaxListFileBytes;
  auto json = ParseJson(text, limits);
  if (!json) return Fail(json.error().WithContext("--list " + path));
  return *json;
}

// Replaces `path` atomically: a temporary file in the same directory, then rename(2).
Status WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::filesystem::path target(path);
  const std::filesystem::path tmp =
      target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()));
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(ErrorCode::kNotFound, "--out: cannot write " + path);
    file << text;
    file.flush();
    if (!file) return Fail(ErrorCode::kInternal, "--out: writing " + path + " failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Fail(ErrorCode::kInternal, "--out: rename to " + path + " failed");
  }
  return Ok();
}

int Emit(const Json& credential, const std::string& out_path, std::size_t entries, std::ostream& out,
         std::ostream& err) {
  const std::string text = credential.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  if (out_path.empty()) {
    out << text;
    return kExitOk;
  }
  if (auto written = WriteFileAtomically(out_path, text); !written) return Failed(written.error(), err);
  Json summary = Json::object();
  summary["file"] = out_path;
  summary["id"] = credential.value("id", "");
  summary["issuer"] = credential["issuer"];
  summary["statusPurpose"] = credential["credentialSubject"]["statusPurpose"];
  summary["entries"] = entries;
  summary["validFrom"] = credential.value("validFrom", "");
  out << summary.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  return kExitOk;
}

}  // namespace

int RunBitstringCreate(const BitstringCreateArgs& args, const Clock& clock, std::ostream& out, std::ostream& err) {
  auto key = ReadEd25519Key(args.key, err);
  if (!key) return Failed(key.error(), err);
  std::string method = args.verification_method;
  if (args.issuer.starts_with("did:key:")) {
    const std::string multikey = dataintegrity::EncodeEd25519Multikey(key->public_key());
    if (args.issuer != "did:key:" + multikey) {
      return Failed(Error(ErrorCode::kInvalidArgument, "--issuer " + args.issuer.substr(0, 128) +
                                                           " is not the did:key of --key (did:key:" + multikey + ")"),
                    err);
    }
    if (method.empty()) method = args.issuer + "#" + multikey;
  } else if (method.empty()) {
    err << "vaardig-issuer: status-list create: --verification-method is needed for a DID other than did:key\n";
    return kExitUsage;
  }
  auto list = status::BitstringStatusList::Create(args.entries, args.status_size);
  if (!list) return Failed(list.error().WithContext("--entries/--status-size"), err);
  const std::int64_t now = clock.NowSeconds();
  status::BitstringStatusListCredentialRequest request{
      .id = args.id, .issuer = args.issuer, .status_purpose = args.purpose, .valid_from = now,
      .valid_until = {}, .ttl_ms = args.ttl_ms};
  if (args.valid_for_seconds) {
    if (*args.valid_for_seconds <= 0) {
      err << "vaardig-issuer: --valid-for must be a positive number of seconds\n";
      return kExitUsage;
    }
    request.valid_until = now + *args.valid_for_seconds;
  }
  auto credential = status::MakeBitstringStatusListCredential(*list, request, *key, method, now);
  if (!credential) return Failed(credential.error(), err);
  return Emit(*credential, args.out, list->size(), out, err);
}

int RunBitstringSet(const BitstringSetArgs& args, const Clock& clock, std::ostream& out, std::ostream& err) {
  auto key = ReadEd25519Key(args.key, err);
  if (!key) return Failed(key.error(), err);
  auto credential = ReadListFile(args.list);
  if (!credential) return Failed(credential.error(), err);
  auto request = status::ReadBitstringStatusListCredentialRequest(*credential);
  if (!request) return Failed(request.error().WithContext("--list"), err);

  // Only the key that signed the list may re-sign it. The check is offline: every proof must
  // verify with --key's public key, whatever its verificationMethod says.
  const crypto::Ed25519PublicKey public_key = key->public_key();
  dataintegrity::VerificationKeyLookup own_key = [&](std::string_view, std::string_view) -> Result<crypto::Ed25519PublicKey> {
    return public_key;
  };
  dataintegrity::VerifyPolicy policy;
  policy.clock = &clock;
  policy.max_clock_skew_seconds = 24 * 3600;  // the list's own time does not matter here
  auto proofs = dataintegrity::VerifyProofs(*credential, own_key, {}, policy);
  if (!proofs || !proofs->verified()) {
    const Error why = proofs ? proofs->status().error() : proofs.error();
    return Failed(Error(ErrorCode::kFailedPrecondition,
                        "--list was not signed by --key (" + why.message() + "); make a new list with status-list create"),
                  err);
  }
  const std::string method = proofs->proofs().front().verification_method;

  auto list = status::BitstringStatusList::Decode((*credential)["credentialSubject"]["encodedList"].get<std::string>(),
                                                  args.status_size);
  if (!list) return Failed(list.error().WithContext("--list"), err);
  if (args.value > 255) return Failed(Error(ErrorCode::kInvalidArgument, "--value must fit in --status-size bits"), err);
  if (auto set = list->Set(args.index, static_cast<std::uint8_t>(args.value)); !set) {
    return Failed(set.error().WithContext("--index " + std::to_string(args.index)), err);
  }
  const std::int64_t now = clock.NowSeconds();
  if (request->valid_until) *request->valid_until += now - request->valid_from;
  request->valid_from = now;
  auto resigned = status::MakeBitstringStatusListCredential(*list, *request, *key, method, now);
  if (!resigned) return Failed(resigned.error(), err);
  return Emit(*resigned, args.out, list->size(), out, err);
}

void AddBitstringStatusListCommands(CLI::App& status_list, BitstringStatusListCommands& commands) {
  commands.status_list = &status_list;
  // The Token Status List's own options are checked in RunBitstringStatusListCommands instead, so
  // that `status-list create` does not ask for them.
  if (CLI::Option* key = status_list.get_option_no_throw("--key")) key->required(false);
  if (CLI::Option* uri = status_list.get_option_no_throw("--uri")) uri->required(false);

  BitstringCreateArgs& c = commands.create_args;
  commands.create = status_list.add_subcommand(
      "create", "Make and sign (eddsa-rdfc-2022) a W3C BitstringStatusListCredential, every entry 0");
  commands.create->add_option("--key", c.key, "Ed25519 private key file (keys generate --alg EdDSA)")->required();
  commands.create->add_option("--issuer", c.issuer, "The issuer's DID (did:key of --key, or did:web)")->required();
  commands.create->add_option("--id", c.id, "The URL the list will be published at")->required();
  commands.create->add_option("--purpose", c.purpose, "statusPurpose")
      ->check(CLI::IsMember({"revocation", "suspension"}))
      ->capture_default_str();
  commands.create->add_option("--entries", c.entries, "Number of entries (at least 131072)")->capture_default_str();
  commands.create->add_option("--status-size", c.status_size, "Bits per entry")
      ->check(CLI::Range(1, 8))
      ->capture_default_str();
  commands.create->add_option("--ttl", c.ttl_ms, "Milliseconds verifiers may cache the list (credentialSubject.ttl)");
  commands.create->add_option("--valid-for", c.valid_for_seconds, "Seconds until the list expires (validUntil)");
  commands.create->add_option("--verification-method", c.verification_method,
                              "DID URL of --key (default for did:key: the key's own)");
  commands.create->add_option("--out", c.out, "Write the credential to this file (default: print it)");

  BitstringSetArgs& s = commands.set_args;
  commands.set = status_list.add_subcommand(
      "set", "Set one entry of a BitstringStatusListCredential made with create, and re-sign it");
  commands.set->add_option("--key", s.key, "The Ed25519 private key file that signed --list")->required();
  commands.set->add_option("--list", s.list, "The status list credential file")->required();
  commands.set->add_option("--index", s.index, "statusListIndex of the entry")->required();
  commands.set->add_option("--value", s.value, "New status: 1 revoked/suspended, 0 valid")->required();
  commands.set->add_option("--status-size", s.status_size, "Bits per entry (as the list was made)")
      ->check(CLI::Range(1, 8))
      ->capture_default_str();
  commands.set->add_option("--out", s.out, "Write the credential to this file (may be --list; default: print it)");
}

std::optional<int> RunBitstringStatusListCommands(const BitstringStatusListCommands& commands, std::ostream& out,
                                                  std::ostream& err) {
  if (commands.status_list == nullptr || !commands.status_list->parsed()) return std::nullopt;
  SystemClock clock;
  if (commands.create->parsed()) return RunBitstringCreate(commands.create_args, clock, out, err);
  if (commands.set->parsed()) return RunBitstringSet(commands.set_args, clock, out, err);
  const CLI::Option* key = commands.status_list->get_option_no_throw("--key");
  const CLI::Option* uri = commands.status_list->get_option_no_throw("--uri");
  if (key == nullptr || uri == nullptr || key->count() == 0 || uri->count() == 0) {
    err << "vaardig-issuer: status-list needs --key and --uri (a Token Status List), or the subcommand create "
           "or set (a W3C Bitstring Status List)\n";
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace vaardig::issuer::cli
