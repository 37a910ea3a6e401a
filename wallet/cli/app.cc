#include "wallet/cli/app.h"

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/encoding/json.h"
#include "wallet/cli/did.h"
#include "wallet/cli/present.h"
#include "core/common/clock.h"
#include "core/jose/jwk.h"

namespace vaardig::wallet::cli {
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
  std::string credential;
  std::vector<std::string> disclose;
  std::string holder_key;
  std::string aud;
  std::string nonce;
};

int RunPresent(const PresentArgs& args, std::ostream& out, std::ostream& err) {
  std::istringstream no_stdin;
  auto credential = ReadTextInput(args.credential, std::cin, 1 << 20);
  if (!credential) {
    err << "vaardig-wallet: " << credential.error().ToString() << "\n";
    return kExitFailed;
  }
  auto key_text = ReadTextInput(args.holder_key, no_stdin, 64 * 1024);
  auto key = key_text ? jose::PrivateJwk::Parse(std::string_view(*key_text))
                      : Result<jose::PrivateJwk>(std::unexpected(key_text.error()));
  if (!key) {
    err << "vaardig-wallet: --holder-key: " << key.error().ToString() << "\n";
    return kExitFailed;
  }
  auto presentation = PresentSdJwtVc(
      *credential, *key, {.disclose = args.disclose, .aud = args.aud, .nonce = args.nonce, .now = SystemClock().NowSeconds()});
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
      "The wallet service (OpenID4VCI client, OpenID4VP, web pages) comes in a later release; "
      "today this tool shows the DID of a key.",
      "vaardig-wallet"};
  app.set_version_flag("--version", "vaardig-wallet " VAARDIG_VERSION);
  app.require_subcommand(1);

  DidArgs did_args;
  CLI::App* did = app.add_subcommand("did", "Print the did:jwk of a key file (private or public JWK)");
  did->add_option("--key", did_args.key, "JWK file")->required();
  did->add_flag("--document", did_args.document, "Print the resolved DID document instead");

  PresentArgs present_args;
  CLI::App* present = app.add_subcommand(
      "present", "Make a presentation of an SD-JWT VC: only the chosen claims, bound to the verifier's nonce");
  present->add_option("--credential", present_args.credential, "Credential file, or - for standard input")->required();
  present->add_option("--disclose", present_args.disclose,
                      "Claim path to disclose, e.g. skill, confirmation.by.role (repeatable; none: only what is "
                      "always visible)");
  present->add_option("--holder-key", present_args.holder_key, "The holder's private JWK file")->required();
  present->add_option("--aud", present_args.aud, "The verifier (audience)")->required();
  present->add_option("--nonce", present_args.nonce, "The verifier's nonce")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitOk : kExitUsage;
  }
  if (did->parsed()) return RunDid(did_args, out, err);
  if (present->parsed()) return RunPresent(present_args, out, err);
  return kExitUsage;  // unreachable: a subcommand is required
}

}  // namespace vaardig::wallet::cli
