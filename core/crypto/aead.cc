#include "core/crypto/aead.h"

#include <sodium.h>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {

static_assert(kAeadKeySize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceSize == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagSize == crypto_aead_xchacha20poly1305_ietf_ABYTES);

SecretBytes GenerateAeadKey() {
  internal::EnsureSodium();
  SecretBytes key(kAeadKeySize);
  crypto_aead_xchacha20poly1305_ietf_keygen(key.RevealMutable().data());
  return key;
}

Result<Bytes> AeadSeal(const SecretBytes& key, ByteView plaintext, ByteView aad) {
  if (key.size() != kAeadKeySize) {
    return Fail(ErrorCode::kInvalidArgument, "an XChaCha20-Poly1305 key must be 32 bytes");
  }
  if (plaintext.size() > crypto_aead_xchacha20poly1305_ietf_MESSAGEBYTES_MAX - kAeadOverhead) {
    return Fail(ErrorCode::kResourceExhausted, "plaintext too large for XChaCha20-Poly1305");
  }
  internal::EnsureSodium();
  Bytes out(kAeadNonceSize + plaintext.size() + kAeadTagSize);
  randombytes_buf(out.data(), kAeadNonceSize);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kAeadNonceSize, &written, plaintext.data(),
                                                 plaintext.size(), aad.data(), aad.size(), nullptr,
                                                 out.data(), key.Reveal().data()) != 0 ||
      written != plaintext.size() + kAeadTagSize) {
    return Fail(ErrorCode::kInternal, "crypto_aead_xchacha20poly1305_ietf_encrypt failed");
  }
  return out;
}

Result<SecretBytes> AeadOpen(const SecretBytes& key, ByteView sealed, ByteView aad) {
  if (key.size() != kAeadKeySize) {
    return Fail(ErrorCode::kInvalidArgument, "an XChaCha20-Poly1305 key must be 32 bytes");
  }
  if (sealed.size() < kAeadOverhead) {
    return Fail(ErrorCode::kInvalidArgument, "sealed data is shorter than nonce and tag");
  }
  internal::EnsureSodium();
  SecretBytes out(sealed.size() - kAeadOverhead);
  unsigned long long written = 0;
  // libsodium verifies the tag before it writes any plaintext.
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.RevealMutable().data(), &written, nullptr,
                                                 sealed.data() + kAeadNonceSize, sealed.size() - kAeadNonceSize,
                                                 aad.data(), aad.size(), sealed.data(), key.Reveal().data()) != 0 ||
      written != out.size()) {
    return Fail(ErrorCode::kUnauthenticated,
                "sealed data does not open: another key, other associated data, or damaged");
  }
  return out;
}

}  // namespace vaardig::crypto
