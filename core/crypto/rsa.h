// RSASSA-PKCS1-v1_5 with SHA-256 (JOSE "RS256"), only for Open Badges VC-JWT, via OpenSSL 3.
// Moduli below 2048 bits are refused. Keys are immutable and thread-safe.
#pragma once

#include <memory>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/p256.h"  // internal::EvpPkeyPtr
#include "core/crypto/secret_bytes.h"

namespace vaardig::crypto {

inline constexpr int kRsaMinModulusBits = 2048;

class RsaPublicKey {
 public:
  // Big-endian unsigned n and e (JWK "n", "e"); invalid_argument for a modulus under 2048 bits,
  // an even or tiny exponent, or leading zero bytes in n.
  [[nodiscard]] static Result<RsaPublicKey> FromComponents(ByteView n, ByteView e);

  [[nodiscard]] const Bytes& n() const { return n_; }
  [[nodiscard]] const Bytes& e() const { return e_; }
  [[nodiscard]] int modulus_bits() const;

  // unauthenticated when the signature does not verify (any padding defect included).
  [[nodiscard]] Status VerifyRs256(ByteView message, ByteView signature) const;

  friend bool operator==(const RsaPublicKey& a, const RsaPublicKey& b) {
    return a.n_ == b.n_ && a.e_ == b.e_;
  }

 private:
  friend class RsaPrivateKey;
  RsaPublicKey() = default;
  Bytes n_, e_;
  internal::EvpPkeyPtr pkey_;
};

struct RsaPrivateComponents {
  Bytes n, e;
  SecretBytes d, p, q, dp, dq, qi;
};

class RsaPrivateKey {
 public:
  [[nodiscard]] static Result<RsaPrivateKey> Generate(int bits = 2048);
  // Checks the key's consistency (RSA_check_key equivalent): invalid_argument when inconsistent.
  [[nodiscard]] static Result<RsaPrivateKey> FromComponents(const RsaPrivateComponents& c);

  [[nodiscard]] const RsaPublicKey& public_key() const { return public_key_; }
  [[nodiscard]] const RsaPrivateComponents& components() const { return components_; }
  [[nodiscard]] Result<Bytes> SignRs256(ByteView message) const;

 private:
  RsaPrivateKey() = default;
  RsaPrivateComponents components_;
  RsaPublicKey public_key_;
  internal::EvpPkeyPtr pkey_;
};

}  // namespace vaardig::crypto
