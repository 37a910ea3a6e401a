// `vaardig-verifier trust ...`: the operator's signed trust list (verifier/app/trust_list.h).
//
//   trust init   --key FILE --out FILE       the key file is created (ES256, mode 0600) when absent;
//                                            writes an empty signed list, prints the public JWK
//   trust add    --list FILE --key FILE --issuer ID --name NAME --type T [--type T ...] [--note N]
//   trust remove --list FILE --key FILE --issuer ID
//   trust show   --list FILE --key FILE      (a public or private JWK) verifies and prints the list
// add and remove verify the list with the key first, then change it and re-sign it (issued_at =
// now), replacing the file atomically. Exit codes (app.h): 0 done; 1 the list does not verify
// (wrong key, tampered) or the change is refused; 2 usage, unreadable files.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/jose/jwk.h"
#include "verifier/app/verify_credential.h"

namespace CLI {
class App;
}  // namespace CLI

namespace vaardig::verifier::cli {

struct TrustArgs {
  std::string action;  // init, add, remove, show
  std::string list;
  std::string key;
  std::string out;
  std::string issuer;
  std::string name;
  std::vector<std::string> types;
  std::string note;
};

// The `trust` subcommand and its actions, registered on `app`; their options fill `args`.
struct TrustCommands {
  CLI::App* command = nullptr;
  CLI::App* init = nullptr;
  CLI::App* add = nullptr;
  CLI::App* remove = nullptr;
  // Sets args.action from the subcommand that was given.
  const TrustArgs& Parsed(TrustArgs& args) const;
};
[[nodiscard]] TrustCommands AddTrustCommands(CLI::App& app, TrustArgs& args);

// For `verify --trust-list FILE [--trust-key JWK]`: the plain JSON list, or with a key the signed
// list (verifier/app/trust_list.h), verified with that key before it is read ("*" = any type).
[[nodiscard]] Result<JsonTrustList> LoadVerifyTrustList(const std::string& path, const std::string& trust_key);

[[nodiscard]] int RunTrust(const TrustArgs& args, std::ostream& out, std::ostream& err);

// Small files of the verifier's CLI. ReadSmallFile: not_found, or resource_exhausted over
// max_bytes; trailing white space removed. WriteFileAtomically: through a temporary file and a
// rename; `private_file`: mode 0600.
[[nodiscard]] Result<std::string> ReadSmallFile(const std::string& path, std::size_t max_bytes);
[[nodiscard]] Status WriteFileAtomically(const std::string& path, const std::string& text, bool private_file);
// The private ES256 JWK at `path`, or a new one written there (mode 0600, kid = its thumbprint)
// when the file does not exist; *created says which.
[[nodiscard]] Result<jose::PrivateJwk> LoadOrCreateSigningKey(const std::string& path, bool* created);

}  // namespace vaardig::verifier::cli
