#include "wallet/cli/app.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/encoding/json.h"
#include "wallet/cli/did.h"
#include "wallet/app/present.h"
#include "wallet/cli/serve.h"
#include "wallet/cli/vault_commands.h"
#include "core/common/clock.h"
#include "core/jose/jwk.h"

namespace vaardig::wallet::cli {

Result<std::string> ReadTextInput(const std::string& path, std::istream& in, std::size_t max_bytes) {
  std::ifstream file;
  std::istream* source = &in;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Fail(ErrorCode::kNotFound, "cannot read " + path);
    source = &file;
  }
  std::string text;
  char buffer[8192];
  while (source->read(buffer, sizeof buffer) || source->gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(source->gcount()));
    if (text.size() > max_bytes) {
      return Fail(ErrorCode::kResourceExhausted, (path == "-" ? std::string("standard input") : path) +
                                                     " is larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

namespace {

struct DidArgs {
  std::string key;
  bool document = false;
};

int RunDid(const DidArgs& args, std::ostream& out, std::ostream& err) {
  auto loaded = LoadPublicKey(args.key);
  if (!loaded) {
    err << "vaardig-wallet: " << loaded.error().ToString() << "\n";
    return kExitFailed;
  }
  for (const std::string& warning : loaded->warnings) err << "vaardig-wallet: warning: " << warning << "\n";
  if (!args.document) {
    out << DidOf(loaded->public_jwk) << "\n";
    return kExitOk;
  }
  auto document = DidDocumentOf(loaded->public_jwk);
  if (!document) {
    err << "vaardig-wallet: " << document.error().ToString() << "\n";
    return kExitFailed;
  }
  out << document->dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  return kExitOk;
}

struct PresentArgs {
  std::string format = "dc+sd-jwt";
  std::vector<std::string> credentials;
  std::vector<std::string> disclose;
  std::string holder_key;
  std::string aud;
  std::string nonce;
};

int RunPresent(const PresentArgs& args, std::ostream& out, std::ostream& err) {
  std::istringstream no_stdin;
  if (args.format == "dc+sd-jwt" && args.credentials.size() != 1) {
    err << "vaardig-wallet: a dc+sd-jwt presentation shows one credential: give --credential once\n";
    return kExitUsage;
  }
  if (args.format == "ldp_vp" && !args.disclose.empty()) {
    err << "vaardig-wallet: --disclose is for dc+sd-jwt: an ldp_vc (eddsa-rdfc-2022) is shown whole\n";
    return kExitUsage;
  }
  std::vector<std::string> texts;
  for (const std::string& path : args.credentials) {
    auto text = ReadTextInput(path, std::cin, 1 << 20);
    if (!text) {
      err << "vaardig-wallet: " << text.error().ToString() << "\n";
      return kExitFailed;
    }
    texts.push_back(std::move(*text));
  }
  auto key_text = ReadTextInput(args.holder_key, no_stdin, 64 * 1024);
  auto key = key_text ? jose::PrivateJwk::Parse(std::string_view(*key_text))
                      : Result<jose::PrivateJwk>(std::unexpected(key_text.error()));
  if (!key) {
    err << "vaardig-wallet: --holder-key: " << key.error().ToString() << "\n";
    return kExitFailed;
  }
  if (args.format == "ldp_vp") {
    std::vector<Json> credentials;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto json = ParseJson(texts[i]);
      if (!json) {
        err << "vaardig-wallet: " << args.credentials[i] << ": " << json.error().ToString() << "\n";
        return kExitFailed;
      }
      credentials.push_back(std::move(*json));
    }
    auto vp = PresentLdpVp(credentials, *key,
                           {.domain = args.aud, .challenge = args.nonce, .now = SystemClock().NowSeconds()});
    if (!vp) {
      err << "vaardig-wallet: " << vp.error().ToString() << "\n";
      return kExitFailed;
    }
    out << vp->dump(2, ' ', false, Json::error_handler_t::strict) << "\n";
    return kExitOk;
  }
  auto presentation = PresentSdJwtVc(
      texts[0], *key, {.disclose = args.disclose, .aud = args.aud, .nonce = args.nonce, .now = SystemClock().NowSeconds()});
  if (!presentation) {
    err << "vaardig-wallet: " << presentation.error().ToString() << "\n";
    return kExitFailed;
  }
  out << *presentation << "\n";
  return kExitOk;
}

}  // namespace

int RunWalletCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "Vaardig wallet: holds the employee's skill credentials and shares what they choose.\n"
      "`serve` runs the hosted wallet for many people (JSON API and web pages); the other commands keep a\n"
      "local encrypted wallet: collect OpenID4VCI offers, answer OpenID4VP requests, back up and restore.",
      "vaardig-wallet"};
  app.set_version_flag("--version", "vaardig-wallet " VAARDIG_VERSION);
  app.require_subcommand(1);

  DidArgs did_args;
  CLI::App* did = app.add_subcommand("did", "Print the did:jwk of a key file (private or public JWK)");
  did->add_option("--key", did_args.key, "JWK file")->required();
  did->add_flag("--document", did_args.document, "Print the resolved DID document instead");

  PresentArgs present_args;
  CLI::App* present = app.add_subcommand(
      "present",
      "Make a presentation bound to the verifier's nonce: of an SD-JWT VC with only the chosen claims\n"
      "(dc+sd-jwt), or of whole Data Integrity credentials with a proof by the holder (ldp_vp)");
  present->add_option("--format", present_args.format, "Presentation format")
      ->check(CLI::IsMember({"dc+sd-jwt", "ldp_vp"}))
      ->capture_default_str();
  present->add_option("--credential", present_args.credentials,
                      "Credential file, or - for standard input (ldp_vp: repeatable)")
      ->required();
  present->add_option("--disclose", present_args.disclose,
                      "Claim path to disclose, e.g. skill, confirmation.by.role (repeatable; none: only what is "
                      "always visible)");
  present->add_option("--holder-key", present_args.holder_key, "The holder's private JWK file")->required();
  present->add_option("--aud", present_args.aud, "The verifier (audience)")->required();
  present->add_option("--nonce", present_args.nonce, "The verifier's nonce")->required();

  std::string serve_config;
  CLI::App* serve = app.add_subcommand("serve", "Run the hosted wallet service (JSON API and web pages)");
  serve->add_option("--config", serve_config, "The service's TOML configuration file")->required();
  std::string create_user;
  CLI::App* create_wallet = app.add_subcommand(
      "create-wallet", "Make a wallet on the hosted service for someone (passphrase from VAARDIG_WALLET_PASSPHRASE)");
  create_wallet->add_option("--config", serve_config, "The service's TOML configuration file")->required();
  create_wallet->add_option("--user", create_user, "Their user name")->required();

  VaultCommands vault_commands;
  AddVaultCommands(app, vault_commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitOk : kExitUsage;
  }
  if (serve->parsed()) return RunServe(serve_config, out, err);
  if (create_wallet->parsed()) return RunCreateWallet(serve_config, create_user, out, err);
  if (did->parsed()) return RunDid(did_args, out, err);
  if (present->parsed()) return RunPresent(present_args, out, err);
  if (auto code = RunVaultCommands(vault_commands, out, err)) return *code;
  return kExitUsage;  // unreachable: a subcommand is required
}

}  // namespace vaardig::wallet::cli
