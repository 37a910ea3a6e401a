// ECDSA on P-256 with SHA-256 (JOSE "ES256", RFC 7518 §3.4) via OpenSSL 3.
//
// Signatures on this API are always the fixed 64-byte JOSE / IEEE P1363 form r‖s; DER only appears
// inside (see ecdsa_der.h). Public keys are validated on construction (on the curve, not infinity).
// Keys are immutable after construction and safe to use from several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/secret_bytes.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace vaardig::crypto {

inline constexpr std::size_t kP256CoordinateSize = 32;
inline constexpr std::size_t kP256ScalarSize = 32;
inline constexpr std::size_t kEs256SignatureSize = 64;
using Es256Signature = std::array<std::uint8_t, kEs256SignatureSize>;

namespace internal {
struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* p) const;
};
using EvpPkeyPtr = std::shared_ptr<EVP_PKEY>;
// One EVP_PKEY_CTX kept ready (initialised for verify or sign) per key, shared by the copies of
// the key; see openssl_util.h.
class PkeyCtxCache;
using PkeyCtxCachePtr = std::shared_ptr<PkeyCtxCache>;
}  // namespace internal

class P256PublicKey {
 public:
  // From affine coordinates, each exactly 32 bytes big-endian (JWK "x", "y").
  [[nodiscard]] static Result<P256PublicKey> FromCoordinates(ByteView x, ByteView y);
  // From SEC1 encoding: uncompressed (0x04‖x‖y, 65 bytes) or compressed (0x02/0x03‖x, 33 bytes).
  [[nodiscard]] static Result<P256PublicKey> FromSec1(ByteView encoded);

  [[nodiscard]] const std::array<std::uint8_t, kP256CoordinateSize>& x() const { return x_; }
  [[nodiscard]] const std::array<std::uint8_t, kP256CoordinateSize>& y() const { return y_; }
  [[nodiscard]] Bytes Sec1Uncompressed() const;
  [[nodiscard]] Bytes Sec1Compressed() const;

  // `signature` must be 64 bytes r‖s: invalid_argument otherwise; unauthenticated when it does not
  // verify (including r or s out of range).
  [[nodiscard]] Status VerifyEs256(ByteView message, ByteView signature) const;
  // The same over a precomputed SHA-256 digest.
  [[nodiscard]] Status VerifyDigestEs256(ByteView sha256_digest, ByteView signature) const;

  friend bool operator==(const P256PublicKey& a, const P256PublicKey& b) {
    return a.x_ == b.x_ && a.y_ == b.y_;
  }

 private:
  friend class P256PrivateKey;
  P256PublicKey() = default;
  std::array<std::uint8_t, kP256CoordinateSize> x_{};
  std::array<std::uint8_t, kP256CoordinateSize> y_{};
  internal::EvpPkeyPtr pkey_;
  internal::PkeyCtxCachePtr verify_ctx_;
};

class P256PrivateKey {
 public:
  [[nodiscard]] static P256PrivateKey Generate();
  // From the 32-byte scalar (JWK "d"): invalid_argument when out of range [1, n-1].
  [[nodiscard]] static Result<P256PrivateKey> FromScalar(const SecretBytes& d);
  // As above and checks that d·G equals `expected`: invalid_argument when not.
  [[nodiscard]] static Result<P256PrivateKey> FromScalar(const SecretBytes& d,
                                                         const P256PublicKey& expected);

  [[nodiscard]] const P256PublicKey& public_key() const { return public_key_; }
  [[nodiscard]] const SecretBytes& scalar() const { return d_; }
  // ES256 signature r‖s over SHA-256(message); randomized (OpenSSL's default nonce generation).
  [[nodiscard]] Result<Es256Signature> SignEs256(ByteView message) const;

 private:
  P256PrivateKey() = default;
  SecretBytes d_;
  P256PublicKey public_key_;
  internal::EvpPkeyPtr pkey_;
  internal::PkeyCtxCachePtr sign_ctx_;
};

}  // namespace vaardig::crypto
