#include "core/crypto/kdf.h"

#include <sodium.h>

#include <string>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {

static_assert(kArgon2idSaltSize == crypto_pwhash_SALTBYTES);
static_assert(kKeyedHashSize >= crypto_generichash_BYTES_MIN && kKeyedHashSize <= crypto_generichash_BYTES_MAX);
static_assert(kKeyedHashKeySize >= crypto_generichash_KEYBYTES_MIN &&
              kKeyedHashKeySize <= crypto_generichash_KEYBYTES_MAX);

Argon2idParams Argon2idParams::Moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
Argon2idParams Argon2idParams::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
Argon2idParams Argon2idParams::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Status CheckArgon2idParams(const Argon2idParams& params) {
  const Argon2idParams min = Argon2idParams::Minimum();
  if (params.opslimit < min.opslimit || params.opslimit > kMaxArgon2idOpsLimit) {
    return Fail(ErrorCode::kInvalidArgument, "Argon2id opslimit must be between " + std::to_string(min.opslimit) +
                                                 " and " + std::to_string(kMaxArgon2idOpsLimit) + ", got " +
                                                 std::to_string(params.opslimit));
  }
  if (params.memlimit < min.memlimit || params.memlimit > kMaxArgon2idMemLimit) {
    return Fail(ErrorCode::kInvalidArgument, "Argon2id memlimit must be between " + std::to_string(min.memlimit) +
                                                 " and " + std::to_string(kMaxArgon2idMemLimit) + " bytes, got " +
                                                 std::to_string(params.memlimit));
  }
  return Ok();
}

Result<SecretBytes> DeriveArgon2idKey(ByteView secret, ByteView salt, const Argon2idParams& params,
                                      std::size_t key_size) {
  if (secret.size() > kMaxKdfSecretBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "a secret to derive a key from must be at most " + std::to_string(kMaxKdfSecretBytes) + " bytes");
  }
  if (salt.size() != kArgon2idSaltSize) {
    return Fail(ErrorCode::kInvalidArgument, "an Argon2id salt must be 16 bytes, got " + std::to_string(salt.size()));
  }
  if (key_size < 16 || key_size > 64) {
    return Fail(ErrorCode::kInvalidArgument, "an Argon2id key must be 16 to 64 bytes");
  }
  VAARDIG_RETURN_IF_ERROR(CheckArgon2idParams(params));
  internal::EnsureSodium();
  SecretBytes key(key_size);
  static constexpr char kEmpty = 0;
  const char* input = secret.empty() ? &kEmpty : reinterpret_cast<const char*>(secret.data());
  if (crypto_pwhash(key.RevealMutable().data(), key.size(), input, secret.size(), salt.data(), params.opslimit,
                    static_cast<std::size_t>(params.memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // libsodium fails here only when it cannot allocate the memory limit.
    return Fail(ErrorCode::kResourceExhausted, "crypto_pwhash failed: not enough memory for Argon2id");
  }
  return key;
}

Result<KeyedHashDigest> KeyedHash(const SecretBytes& key, ByteView data) {
  if (key.size() != kKeyedHashKeySize) {
    return Fail(ErrorCode::kInvalidArgument, "a keyed-hash key must be 32 bytes");
  }
  internal::EnsureSodium();
  KeyedHashDigest out{};
  if (crypto_generichash(out.data(), out.size(), data.data(), data.size(), key.Reveal().data(), key.size()) != 0) {
    return Fail(ErrorCode::kInternal, "crypto_generichash failed");
  }
  return out;
}

}  // namespace vaardig::crypto
