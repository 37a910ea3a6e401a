// `vaardig-issuer status-list create|set`: W3C Bitstring Status List v1.0 credentials
// (core/status/bitstring_status_list_credential.h), signed with Data Integrity eddsa-rdfc-2022 by
// an Ed25519 key file (`vaardig-issuer keys generate --alg EdDSA`).
//
//   vaardig-issuer status-list create --key FILE --issuer DID --id URL --purpose revocation|suspension
//       [--entries N] [--status-size BITS] [--ttl MS] [--valid-for SECONDS]
//       [--verification-method DIDURL] [--out FILE]
//   vaardig-issuer status-list set --key FILE --list FILE --index N --value V [--status-size BITS]
//       [--out FILE]
//
// create: a new list, every entry 0. With a did:key issuer the verification method is the key's
// own (and --key must be that key); another DID needs --verification-method.
// set: reads a list made before, checks that --key signed it (so a list is never re-signed by a
// key that did not make it), sets one entry and re-signs it with validFrom = now (validUntil moved
// by as much, keeping the period it is valid for). --out may be the --list file itself.
// Without --out the credential is printed; with it, the file is replaced atomically and a short
// JSON summary is printed.
//
// `status-list` without create/set stays the Token Status List command (issuer/cli/app.cc).
// Exit codes as app.h: 0 success, 1 the command failed, 2 usage error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "core/common/clock.h"

namespace CLI {
class App;
}  // namespace CLI

namespace vaardig::issuer::cli {

struct BitstringCreateArgs {
  std::string key;
  std::string issuer;
  std::string id;
  std::string purpose = "revocation";
  std::size_t entries = 131072;
  int status_size = 1;
  std::optional<std::int64_t> ttl_ms;
  std::optional<std::int64_t> valid_for_seconds;
  std::string verification_method;
  std::string out;
};

struct BitstringSetArgs {
  std::string key;
  std::string list;
  std::size_t index = 0;
  unsigned value = 0;
  int status_size = 1;
  std::string out;
};

[[nodiscard]] int RunBitstringCreate(const BitstringCreateArgs& args, const Clock& clock, std::ostream& out,
                                     std::ostream& err);
[[nodiscard]] int RunBitstringSet(const BitstringSetArgs& args, const Clock& clock, std::ostream& out,
                                  std::ostream& err);

// The create and set subcommands of `status-list`, registered by app.cc.
struct BitstringStatusListCommands {
  BitstringCreateArgs create_args;
  BitstringSetArgs set_args;
  CLI::App* status_list = nullptr;
  CLI::App* create = nullptr;
  CLI::App* set = nullptr;
};

// Adds create and set under `status_list` (the Token Status List command, whose own --key and
// --uri become required only when neither subcommand is used).
void AddBitstringStatusListCommands(CLI::App& status_list, BitstringStatusListCommands& commands);

// After parsing: the exit code when create or set ran, or when `status-list` lacks the Token Status
// List's --key/--uri (usage error); nullopt when the Token Status List command should run.
[[nodiscard]] std::optional<int> RunBitstringStatusListCommands(const BitstringStatusListCommands& commands,
                                                                std::ostream& out, std::ostream& err);

}  // namespace vaardig::issuer::cli
