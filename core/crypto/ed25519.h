// Ed25519 (RFC 8032) via libsodium.
//
// Verification follows libsodium's rules: S must be canonical (S < L), small-order and non-canonical
// public keys are rejected. Keys are immutable values and safe to share between threads.
#pragma once

#include <array>
#include <cstdint>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/secret_bytes.h"

namespace vaardig::crypto {

inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SeedSize = 32;
inline constexpr std::size_t kEd25519SignatureSize = 64;
using Ed25519Signature = std::array<std::uint8_t, kEd25519SignatureSize>;

class Ed25519PublicKey {
 public:
  // invalid_argument unless `bytes` is 32 bytes.
  [[nodiscard]] static Result<Ed25519PublicKey> Create(ByteView bytes);

  [[nodiscard]] const std::array<std::uint8_t, kEd25519PublicKeySize>& bytes() const { return key_; }

  // unauthenticated when the signature does not verify; invalid_argument when it is not 64 bytes.
  [[nodiscard]] Status Verify(ByteView message, ByteView signature) const;

  friend bool operator==(const Ed25519PublicKey&, const Ed25519PublicKey&) = default;

 private:
  friend class Ed25519PrivateKey;
  Ed25519PublicKey() = default;
  std::array<std::uint8_t, kEd25519PublicKeySize> key_{};
};

class Ed25519PrivateKey {
 public:
  [[nodiscard]] static Ed25519PrivateKey Generate();
  // From the 32-byte RFC 8032 seed ("d" in a JWK).
  [[nodiscard]] static Result<Ed25519PrivateKey> FromSeed(const SecretBytes& seed);
  // From seed and the claimed public key: invalid_argument when they do not match.
  [[nodiscard]] static Result<Ed25519PrivateKey> FromSeed(const SecretBytes& seed,
                                                          ByteView expected_public_key);

  [[nodiscard]] const Ed25519PublicKey& public_key() const { return public_key_; }
  [[nodiscard]] const SecretBytes& seed() const { return seed_; }
  [[nodiscard]] Ed25519Signature Sign(ByteView message) const;

 private:
  Ed25519PrivateKey(SecretBytes seed, SecretBytes expanded, Ed25519PublicKey pub)
      : seed_(std::move(seed)), expanded_(std::move(expanded)), public_key_(pub) {}
  SecretBytes seed_;      // 32 bytes
  SecretBytes expanded_;  // libsodium's 64-byte secret key
  Ed25519PublicKey public_key_;
};

}  // namespace vaardig::crypto
