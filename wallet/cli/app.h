// The vaardig-wallet command line. main() only forwards to RunWalletCli, so every command can be
// tested in-process with string streams.
//
//   vaardig-wallet did --key FILE [--document]
//   vaardig-wallet [--home DIR] init | receive LINK [--pin PIN] | list   (vault_commands.h)
//
// Exit codes: 0 success; 1 the command failed (message on `err`); 2 usage error.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

#include "core/common/error.h"

namespace vaardig::wallet::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// Reads a text file (or standard input for "-") of at most max_bytes; trailing white space removed.
[[nodiscard]] Result<std::string> ReadTextInput(const std::string& path, std::istream& in, std::size_t max_bytes);

[[nodiscard]] int RunWalletCli(int argc, const char* const* argv, std::ostream& out,
                               std::ostream& err);

}  // namespace vaardig::wallet::cli
