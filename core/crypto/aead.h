// XChaCha20-Poly1305 (IETF construction, libsodium crypto_aead_xchacha20poly1305_ietf_*):
// authenticated encryption with a 256-bit key and a 192-bit random nonce, large enough that random
// nonces never repeat in practice (draft-irtf-cfrg-xchacha-03 §2).
//
// Sealed format: nonce (24 random bytes) ‖ ciphertext ‖ tag (16 bytes). Associated data is
// authenticated but not stored: the caller binds context (ids, purposes) through it, so a sealed
// value moved to another context does not open.
//
// Keys are SecretBytes of exactly kAeadKeySize bytes; opened plaintext comes back as SecretBytes
// (zeroed on destruction). Thread-safe: no shared state besides libsodium's start-up.
#pragma once

#include <cstddef>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/secret_bytes.h"

namespace vaardig::crypto {

inline constexpr std::size_t kAeadKeySize = 32;
inline constexpr std::size_t kAeadNonceSize = 24;
inline constexpr std::size_t kAeadTagSize = 16;
inline constexpr std::size_t kAeadOverhead = kAeadNonceSize + kAeadTagSize;

// A fresh random key of kAeadKeySize bytes.
[[nodiscard]] SecretBytes GenerateAeadKey();

// nonce ‖ ciphertext ‖ tag of `plaintext` bound to `aad`. invalid_argument when the key is not
// kAeadKeySize bytes; internal when libsodium fails.
[[nodiscard]] Result<Bytes> AeadSeal(const SecretBytes& key, ByteView plaintext, ByteView aad);

// The plaintext of `sealed`. unauthenticated when the key, the associated data or any byte differs
// ("does not open"); invalid_argument when the key is not kAeadKeySize bytes or `sealed` is
// shorter than kAeadOverhead. Nothing of the plaintext is released when the tag does not verify.
[[nodiscard]] Result<SecretBytes> AeadOpen(const SecretBytes& key, ByteView sealed, ByteView aad);

}  // namespace vaardig::crypto
