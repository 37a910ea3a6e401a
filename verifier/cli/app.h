// The vaardig-verifier command line. main() only forwards to RunVerifierCli, so every command can
// be tested in-process with string streams.
//
//   vaardig-verifier verify-jws --jwk FILE [--typ T] FILE|-
//
// Exit codes (verify-jws): 0 verified; 1 checked and rejected; 2 could not check (unknown or
// unreadable key, malformed input, unsupported algorithm) and usage errors.
#pragma once

#include <istream>
#include <ostream>

namespace vaardig::verifier::cli {

inline constexpr int kExitVerified = 0;
inline constexpr int kExitRejected = 1;
inline constexpr int kExitCouldNotCheck = 2;

[[nodiscard]] int RunVerifierCli(int argc, const char* const* argv, std::istream& in,
                                 std::ostream& out, std::ostream& err);

}  // namespace vaardig::verifier::cli
