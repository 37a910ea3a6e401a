#include "wallet/app/recovery_code.h"

#include <array>
#include <cstdint>

#include "core/crypto/random.h"

namespace vaardig::wallet {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32

// Value of one typed character, -1 for a separator, -2 for anything else.
int ValueOf(char c) {
  if (c == '-' || c == ' ') return -1;
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'I' || c == 'L') return 1;
  if (c == 'O') return 0;
  const std::size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -2 : static_cast<int>(pos);
}

}  // namespace

crypto::SecretBytes GenerateRecoveryCode() { return crypto::RandomSecret(kRecoveryCodeBytes); }

std::string FormatRecoveryCode(const crypto::SecretBytes& code) {
  if (code.size() != kRecoveryCodeBytes) return {};
  const auto bytes = code.Reveal();
  std::string out;
  out.reserve(kRecoveryCodeChars + kRecoveryCodeChars / 4);
  // 160 bits read as 32 groups of 5 bits, most significant first.
  for (std::size_t i = 0; i < kRecoveryCodeChars; ++i) {
    const std::size_t bit = i * 5;
    const std::size_t byte = bit / 8;
    const std::size_t shift = bit % 8;
    unsigned window = static_cast<unsigned>(bytes[byte]) << 8;
    if (byte + 1 < bytes.size()) window |= bytes[byte + 1];
    const unsigned value = (window >> (11 - shift)) & 0x1F;
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(kAlphabet[value]);
  }
  return out;
}

Result<crypto::SecretBytes> ParseRecoveryCode(std::string_view text) {
  if (text.size() > 4 * kRecoveryCodeChars) {
    return Fail(ErrorCode::kInvalidArgument, "recovery code is too long: it has 32 characters");
  }
  crypto::SecretBytes out(kRecoveryCodeBytes);
  auto bytes = out.RevealMutable();
  std::size_t count = 0;
  for (const char c : text) {
    const int value = ValueOf(c);
    if (value == -1) continue;
    if (value == -2) {
      return Fail(ErrorCode::kInvalidArgument,
                  "recovery code contains a character that is not a digit or a letter of the code");
    }
    if (count == kRecoveryCodeChars) {
      return Fail(ErrorCode::kInvalidArgument, "recovery code has more than 32 characters");
    }
    // Place the 5 bits of character `count` at bit offset count * 5.
    const std::size_t bit = count * 5;
    for (int k = 0; k < 5; ++k) {
      if ((value >> (4 - k)) & 1) {
        const std::size_t b = bit + static_cast<std::size_t>(k);
        bytes[b / 8] = static_cast<std::uint8_t>(bytes[b / 8] | (0x80 >> (b % 8)));
      }
    }
    ++count;
  }
  if (count != kRecoveryCodeChars) {
    return Fail(ErrorCode::kInvalidArgument,
                "recovery code must have 32 characters, got " + std::to_string(count));
  }
  return out;
}

}  // namespace vaardig::wallet
