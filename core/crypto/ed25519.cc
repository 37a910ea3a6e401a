#include "core/crypto/ed25519.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/crypto/internal/openssl_util.h"
#include "core/crypto/random.h"

namespace vaardig::crypto {

static_assert(crypto_sign_PUBLICKEYBYTES == kEd25519PublicKeySize);
static_assert(crypto_sign_SEEDBYTES == kEd25519SeedSize);
static_assert(crypto_sign_BYTES == kEd25519SignatureSize);

Result<Ed25519PublicKey> Ed25519PublicKey::Create(ByteView bytes) {
  if (bytes.size() != kEd25519PublicKeySize) {
    return Fail(ErrorCode::kInvalidArgument,
                "Ed25519 public key must be 32 bytes, got " + std::to_string(bytes.size()));
  }
  Ed25519PublicKey key;
  std::copy(bytes.begin(), bytes.end(), key.key_.begin());
  return key;
}

Status Ed25519PublicKey::Verify(ByteView message, ByteView signature) const {
  if (signature.size() != kEd25519SignatureSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "Ed25519 signature must be 64 bytes, got " + std::to_string(signature.size()));
  }
  internal::EnsureSodium();
  if (crypto_sign_verify_detached(signature.data(), internal::DataOrEmpty(message), message.size(),
                                  key_.data()) != 0) {
    return Fail(ErrorCode::kUnauthenticated, "Ed25519 signature does not verify");
  }
  return Ok();
}

Ed25519PrivateKey Ed25519PrivateKey::Generate() {
  auto key = FromSeed(RandomSecret(kEd25519SeedSize));
  if (!key) std::abort();  // a 32-byte seed always works
  return *std::move(key);
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(const SecretBytes& seed) {
  if (seed.size() != kEd25519SeedSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "Ed25519 seed must be 32 bytes, got " + std::to_string(seed.size()));
  }
  internal::EnsureSodium();
  SecretBytes expanded(crypto_sign_SECRETKEYBYTES);
  Ed25519PublicKey pub;
  if (crypto_sign_seed_keypair(pub.key_.data(), expanded.RevealMutable().data(),
                               seed.Reveal().data()) != 0) {
    return Fail(ErrorCode::kInternal, "crypto_sign_seed_keypair failed");
  }
  return Ed25519PrivateKey(seed, std::move(expanded), pub);
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(const SecretBytes& seed,
                                                      ByteView expected_public_key) {
  VAARDIG_ASSIGN_OR_RETURN(auto key, FromSeed(seed));
  if (!std::ranges::equal(key.public_key().bytes(), expected_public_key)) {
    return Fail(ErrorCode::kInvalidArgument, "Ed25519 seed does not match the public key");
  }
  return key;
}

Ed25519Signature Ed25519PrivateKey::Sign(ByteView message) const {
  // Only a moved-from key lacks the expanded secret: a broken invariant, not input.
  if (expanded_.size() != crypto_sign_SECRETKEYBYTES) std::abort();
  Ed25519Signature signature;
  crypto_sign_detached(signature.data(), nullptr, internal::DataOrEmpty(message), message.size(),
                       expanded_.Reveal().data());
  return signature;
}

}  // namespace vaardig::crypto
