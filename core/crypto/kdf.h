// Key derivation: Argon2id (RFC 9106) through libsodium's crypto_pwhash with explicit parameters,
// and keyed BLAKE2b (crypto_generichash) for lookup hashes.
//
// Unlike password.h (self-describing PHC strings for verifying account passwords), DeriveArgon2idKey
// turns a passphrase or code into key bytes; the caller stores the salt and the parameters next to
// what the key protects, so the parameters can be raised later (derive again, re-wrap).
//
// Limits: secrets longer than kMaxKdfSecretBytes and parameters outside
// [Argon2idParams::Minimum(), kMaxArgon2id*] are refused before any work, so parameters read from
// an untrusted file cannot make the process allocate gigabytes or spin for minutes.
// Thread-safe: no shared state besides libsodium's start-up.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/secret_bytes.h"

namespace vaardig::crypto {

inline constexpr std::size_t kArgon2idSaltSize = 16;           // crypto_pwhash_SALTBYTES
inline constexpr std::size_t kMaxKdfSecretBytes = 4096;
inline constexpr std::uint64_t kMaxArgon2idOpsLimit = 16;
inline constexpr std::uint64_t kMaxArgon2idMemLimit = 1ull << 30;  // 1 GiB (libsodium's "sensitive")

struct Argon2idParams {
  std::uint64_t opslimit = 0;  // passes over memory
  std::uint64_t memlimit = 0;  // bytes

  // crypto_pwhash_*_MODERATE: 3 passes, 256 MiB. The default for stored wallet keys.
  [[nodiscard]] static Argon2idParams Moderate();
  // crypto_pwhash_*_INTERACTIVE: 2 passes, 64 MiB. Small machines.
  [[nodiscard]] static Argon2idParams Interactive();
  // crypto_pwhash_*_MIN: 1 pass, 8 KiB. Tests only: offers no protection against guessing.
  [[nodiscard]] static Argon2idParams Minimum();

  friend bool operator==(const Argon2idParams&, const Argon2idParams&) = default;
};

// invalid_argument when `params` lies outside [Minimum(), kMaxArgon2id*]; the message names the
// parameter and the bound.
[[nodiscard]] Status CheckArgon2idParams(const Argon2idParams& params);

// `key_size` bytes (16..64) derived from `secret` and `salt` (kArgon2idSaltSize bytes) with
// Argon2id v1.3. invalid_argument for a wrong salt size, key size or parameters;
// resource_exhausted when `secret` is longer than kMaxKdfSecretBytes or libsodium cannot get the
// memory. The secret never appears in an error.
[[nodiscard]] Result<SecretBytes> DeriveArgon2idKey(ByteView secret, ByteView salt, const Argon2idParams& params,
                                                    std::size_t key_size = 32);

inline constexpr std::size_t kKeyedHashSize = 32;
inline constexpr std::size_t kKeyedHashKeySize = 32;
using KeyedHashDigest = std::array<std::uint8_t, kKeyedHashSize>;

// BLAKE2b-256 of `data` keyed with `key` (kKeyedHashKeySize bytes): a PRF for lookup values that
// must not be stored in clear. invalid_argument for a wrong key size.
[[nodiscard]] Result<KeyedHashDigest> KeyedHash(const SecretBytes& key, ByteView data);

}  // namespace vaardig::crypto
