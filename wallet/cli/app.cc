#include "wallet/cli/app.h"

#include <string>

#include <CLI/CLI.hpp>

#include "core/encoding/json.h"
#include "wallet/cli/did.h"

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitOk : kExitUsage;
  }
  if (did->parsed()) return RunDid(did_args, out, err);
  return kExitUsage;  // unreachable: a subcommand is required
}

}  // namespace vaardig::wallet::cli
