// The vaardig-issuer command line. main() only forwards to RunIssuerCli, so every command can be
// tested in-process with string streams.
//
//   vaardig-issuer keys generate --alg ES256|EdDSA [--kid KID] --out FILE [--force]
//   vaardig-issuer keys public --key FILE
//   vaardig-issuer sign-jws --key FILE [--typ T] FILE|-
//   vaardig-issuer sign --format dc+sd-jwt --key FILE --claims FILE [--sd PATH ...]
//                       [--holder-jwk FILE] [--status-uri URI --status-idx N]
//
// Exit codes: 0 success; 1 the command failed (message on `err`); 2 usage error.
#pragma once

#include <istream>
#include <ostream>

namespace vaardig::issuer::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

[[nodiscard]] int RunIssuerCli(int argc, const char* const* argv, std::istream& in,
                               std::ostream& out, std::ostream& err);

}  // namespace vaardig::issuer::cli
