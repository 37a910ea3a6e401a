// JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037) for the three key types Vaardig signs with, and
// RFC 7638 thumbprints.
//
//   EC  P-256   → ES256
//   OKP Ed25519 → EdDSA
//   RSA ≥ 2048  → RS256
//
// The key decides the algorithm: a JWK's "alg" member, when present, must agree with its key type
// (invalid_argument otherwise), and verification refuses any other algorithm. A JWK that carries
// "use" other than "sig", or "key_ops" without "verify"/"sign", parses (a DID document may list it
// for key agreement) but is not a signature key: for_signatures() is false and Verify refuses it.
// Values are immutable and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/p256.h"
#include "core/crypto/rsa.h"
#include "core/encoding/json.h"

namespace vaardig::jose {

enum class Algorithm { kEs256, kEdDsa, kRs256 };

// "ES256", "EdDSA", "RS256".
[[nodiscard]] std::string_view AlgorithmName(Algorithm alg);
// "none": invalid_argument ("alg none is never accepted"); a registered JOSE algorithm outside our
// set (HS256, PS256, ES384, RS512, ...): unimplemented; anything else: invalid_argument.
[[nodiscard]] Result<Algorithm> ParseAlgorithm(std::string_view name);

using PublicKey = std::variant<crypto::P256PublicKey, crypto::Ed25519PublicKey, crypto::RsaPublicKey>;

class PublicJwk {
 public:
  // Parses a JWK object. Private members ("d", "p", ...) are ignored: the result holds only the
  // public key. Unknown kty/crv: unimplemented; malformed members: invalid_argument.
  [[nodiscard]] static Result<PublicJwk> Parse(const Json& jwk);
  [[nodiscard]] static Result<PublicJwk> Parse(std::string_view json_text);
  [[nodiscard]] static PublicJwk FromKey(PublicKey key, std::optional<std::string> kid = {});

  [[nodiscard]] const PublicKey& key() const { return key_; }
  [[nodiscard]] Algorithm algorithm() const;
  [[nodiscard]] const std::optional<std::string>& kid() const { return kid_; }
  [[nodiscard]] PublicJwk WithKid(std::string kid) const;
  // False when the JWK said it is not for signatures ("use" other than "sig", or "key_ops"
  // without "sign"/"verify").
  [[nodiscard]] bool for_signatures() const { return for_signatures_; }
  // The JWK's "use" member as given, if any.
  [[nodiscard]] const std::optional<std::string>& use() const { return use_; }

  // The public members only: kty, crv/x/y, n/e, then kid and use when set. Key order is as
  // RFC 7638 lists the required members, then kid, then use.
  [[nodiscard]] Json ToJson() const;
  // RFC 7638 §3: SHA-256 over the required members in lexicographic order, base64url.
  [[nodiscard]] std::string Thumbprint() const;

  // Verifies `signature` over `signing_input` with this key's algorithm. unauthenticated when it
  // does not verify; invalid_argument for a signature of the wrong size; permission_denied when
  // the key is not for signatures.
  [[nodiscard]] Status Verify(ByteView signing_input, ByteView signature) const;

  friend bool operator==(const PublicJwk& a, const PublicJwk& b) { return a.key_ == b.key_; }

 private:
  PublicJwk(PublicKey key, std::optional<std::string> kid)
      : key_(std::move(key)), kid_(std::move(kid)) {}
  PublicKey key_;
  std::optional<std::string> kid_;
  std::optional<std::string> use_;
  bool for_signatures_ = true;
};

using PrivateKey = std::variant<crypto::P256PrivateKey, crypto::Ed25519PrivateKey, crypto::RsaPrivateKey>;

class PrivateJwk {
 public:
  // Parses a private JWK: the private part is checked against the public part
  // (invalid_argument when they do not match). A JWK without private members: invalid_argument.
  [[nodiscard]] static Result<PrivateJwk> Parse(const Json& jwk);
  [[nodiscard]] static Result<PrivateJwk> Parse(std::string_view json_text);
  [[nodiscard]] static Result<PrivateJwk> Generate(Algorithm alg, std::optional<std::string> kid = {});
  [[nodiscard]] static PrivateJwk FromKey(PrivateKey key, std::optional<std::string> kid = {});

  [[nodiscard]] const PublicJwk& public_jwk() const { return public_; }
  [[nodiscard]] Algorithm algorithm() const { return public_.algorithm(); }
  [[nodiscard]] const PrivateKey& key() const { return key_; }
  [[nodiscard]] PrivateJwk WithKid(std::string kid) const;

  // Signature in JOSE form (ES256: 64-byte r‖s; EdDSA: 64 bytes; RS256: modulus-sized).
  [[nodiscard]] Result<Bytes> Sign(ByteView signing_input) const;

  // Exports the private JWK including secret members. Deliberately named: the caller must zero or
  // protect what it writes (see SecretBytes). Never log the result.
  [[nodiscard]] Json ExportPrivateJson() const;

 private:
  PrivateJwk(PrivateKey key, PublicJwk pub) : key_(std::move(key)), public_(std::move(pub)) {}
  PrivateKey key_;
  PublicJwk public_;
};

// True when a JWK object carries private members (d, p, q, dp, dq, qi, k, oth).
[[nodiscard]] bool JwkHasPrivateMembers(const Json& jwk);

}  // namespace vaardig::jose
