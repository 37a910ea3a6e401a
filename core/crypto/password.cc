#include "core/crypto/password.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {
namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

struct Limits {
  unsigned long long ops;
  std::size_t mem;
};

Limits LimitsFor(PasswordStrength strength) {
  switch (strength) {
    case PasswordStrength::kInteractive:
      return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    case PasswordStrength::kModerate:
      break;
  }
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

// libsodium reads stored hashes as NUL-terminated C strings of at most crypto_pwhash_STRBYTES
// bytes; anything else (embedded NUL, too long, not Argon2id) is refused before it gets there.
std::optional<std::array<char, crypto_pwhash_STRBYTES>> HashAsCString(std::string_view hash) {
  if (hash.size() >= crypto_pwhash_STRBYTES || !hash.starts_with(kArgon2idPrefix) ||
      hash.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  hash.copy(out.data(), hash.size());
  return out;
}

// Decodes strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
std::optional<std::vector<char32_t>> DecodeUtf8(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t length;
    char32_t cp;
    char32_t min;
    if (lead < 0x80) {
      out.push_back(lead);
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, cp = lead & 0x07, min = 0x10000;
    } else {
      return std::nullopt;
    }
    if (text.size() - i < length) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out.push_back(cp);
    i += length;
  }
  return out;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordStrength strength) {
  if (password.size() > kMaxPasswordBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  internal::EnsureSodium();
  const Limits limits = LimitsFor(strength);
  std::array<char, crypto_pwhash_STRBYTES> out{};
  static constexpr char kEmpty = 0;
  if (crypto_pwhash_str_alg(out.data(), password.empty() ? &kEmpty : password.data(),
                            password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // libsodium fails here only when it cannot allocate the memory limit.
    return Fail(ErrorCode::kResourceExhausted,
                "crypto_pwhash_str_alg failed: not enough memory for Argon2id");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (password.size() > kMaxPasswordBytes) return false;
  const auto stored = HashAsCString(hash);
  if (!stored) return false;
  internal::EnsureSodium();
  static constexpr char kEmpty = 0;
  return crypto_pwhash_str_verify(stored->data(), password.empty() ? &kEmpty : password.data(),
                                  password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view hash, PasswordStrength strength) {
  const auto stored = HashAsCString(hash);
  if (!stored) return true;
  internal::EnsureSodium();
  const Limits limits = LimitsFor(strength);
  // 0: parameters match; 1: they differ; -1: not a valid Argon2id string.
  return crypto_pwhash_str_needs_rehash(stored->data(), limits.ops, limits.mem) != 0;
}

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  const auto code_points = DecodeUtf8(password);
  if (!code_points) return Fail(ErrorCode::kInvalidArgument, "password is not valid UTF-8");
  if (code_points->size() < kMinPasswordCodePoints) {
    return Fail(ErrorCode::kInvalidArgument,
                "password must be at least " + std::to_string(kMinPasswordCodePoints) +
                    " characters long, got " + std::to_string(code_points->size()));
  }
  bool all_same = true;
  for (const char32_t cp : *code_points) all_same = all_same && cp == code_points->front();
  if (all_same) {
    return Fail(ErrorCode::kInvalidArgument,
                "password must not be one character repeated");
  }
  return Ok();
}

}  // namespace vaardig::crypto
