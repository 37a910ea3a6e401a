// Wallet recovery codes (DESIGN.md §7: "a recovery code is shown once").
//
// A code is kRecoveryCodeBytes (20) random bytes = 160 bits, written as 32 Crockford base32
// characters in eight groups of four: "7K3M-Q9ZD-...". Reading is forgiving where people make
// mistakes: lower case, spaces and dashes are accepted, and I/L read as 1, O as 0. Keys are derived
// from the decoded bytes, so how the code was typed does not matter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/crypto/secret_bytes.h"

namespace vaardig::wallet {

inline constexpr std::size_t kRecoveryCodeBytes = 20;
inline constexpr std::size_t kRecoveryCodeChars = 32;

// 20 fresh random bytes.
[[nodiscard]] crypto::SecretBytes GenerateRecoveryCode();

// The display form of `code` (must be kRecoveryCodeBytes bytes; empty string otherwise).
[[nodiscard]] std::string FormatRecoveryCode(const crypto::SecretBytes& code);

// The 20 bytes of a typed code. invalid_argument "recovery code ..." for a character outside the
// alphabet or a length other than 32 characters (separators not counted); the text never appears
// in the message.
[[nodiscard]] Result<crypto::SecretBytes> ParseRecoveryCode(std::string_view text);

}  // namespace vaardig::wallet
