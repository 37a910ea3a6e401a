// Password hashing for local issuer accounts: Argon2id through libsodium's crypto_pwhash_str_alg
// (DESIGN.md §7). Hashes are libsodium's self-describing PHC strings
// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash") with a random 16-byte salt, so the parameters
// travel with each hash and PasswordNeedsRehash can tell when they fall behind the configured
// strength.
//
// Limits: passwords longer than kMaxPasswordBytes are refused before any hashing (no request can
// make the server hash megabytes); stored hashes longer than libsodium's crypto_pwhash_STRBYTES
// or of another algorithm than Argon2id never verify.
// Thread-safe: no shared state besides libsodium's one-time initialisation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/error.h"

namespace vaardig::crypto {

inline constexpr std::size_t kMinPasswordCodePoints = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

enum class PasswordStrength {
  // crypto_pwhash_OPSLIMIT_MODERATE / MEMLIMIT_MODERATE (3 passes, 256 MiB): the default for
  // stored account passwords.
  kModerate,
  // crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB): for tests and
  // small machines.
  kInteractive,
};

// An Argon2id PHC string for `password`. resource_exhausted when the password is longer than
// kMaxPasswordBytes or libsodium cannot get the memory; the password itself never appears in an
// error. Does not apply the policy: call CheckPasswordPolicy when a password is chosen.
[[nodiscard]] Result<std::string> HashPassword(std::string_view password,
                                               PasswordStrength strength = PasswordStrength::kModerate);

// True only when `hash` is an Argon2id string produced for exactly `password`. The comparison is
// libsodium's (constant time); malformed hashes, other algorithms and over-long passwords give false.
[[nodiscard]] bool VerifyPassword(std::string_view hash, std::string_view password);

// True when `hash` was made with parameters other than those of `strength`, with another
// algorithm, or is malformed: rehash after the next successful login.
[[nodiscard]] bool PasswordNeedsRehash(std::string_view hash,
                                       PasswordStrength strength = PasswordStrength::kModerate);

// The policy for a newly chosen password: valid UTF-8, at least kMinPasswordCodePoints code points,
// not one character repeated, at most kMaxPasswordBytes bytes. invalid_argument (resource_exhausted
// for the byte limit) with a message a person can act on; the message never repeats the password.
[[nodiscard]] Status CheckPasswordPolicy(std::string_view password);

}  // namespace vaardig::crypto
