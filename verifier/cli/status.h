// `vaardig-verifier status`: reads one entry of a W3C BitstringStatusListCredential file after
// verifying it (Data Integrity proof by its issuer, type, validity period, statusPurpose, length
// and range; core/status/bitstring_status_list_credential.h), and prints a JSON report:
//
//   {"valid": bool, "list": {"id", "issuer", "statusPurpose", "verificationMethod"},
//    "status": {"purpose", "index", "value", "valid"}}       or  {"valid": false, "error": {code, message}}
//
//   vaardig-verifier status --list FILE --index N [--purpose revocation] [--status-size BITS]
//       [--issuer DID] [--offline] [--allow-http-loopback]
//
// --issuer is the issuer of the credential whose status is read: the list must be that issuer's.
// did:key verification methods resolve offline; did:web is fetched unless --offline.
// Exit codes (app.h): 0 the entry is valid (0); 1 checked and rejected (revoked or suspended, a bad
// proof, an expired list, another issuer's list); 2 could not check.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace vaardig::verifier::cli {

struct StatusArgs {
  std::string list;
  std::size_t index = 0;
  std::string purpose = "revocation";
  int status_size = 1;
  std::string issuer;
  bool offline = false;
  bool allow_http_loopback = false;
};

[[nodiscard]] int RunStatus(const StatusArgs& args, std::ostream& out, std::ostream& err);

}  // namespace vaardig::verifier::cli
