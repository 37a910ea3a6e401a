// X.509 certificate chains for `x5c` (RFC 7515 §4.1.6): an SD-JWT VC issuer may prove its key with
// a chain to a trust anchor the verifier configured (draft-ietf-oauth-sd-jwt-vc-13 §3.5).
//
// Verification uses OpenSSL's chain builder with the injected time, strict X.509 checks, and only
// the anchors given (no system store, no partial chains, no AIA or CRL fetching). The leaf key
// must be P-256, Ed25519 or RSA ≥ 2048.
// Errors: malformed input → invalid_argument; a chain that does not verify (unknown root, bad
// signature, expired or not yet valid, a non-CA issuer) → unauthenticated, naming OpenSSL's
// reason; a leaf key of another type → unimplemented; a SAN mismatch → permission_denied.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/p256.h"
#include "core/crypto/rsa.h"

namespace vaardig::crypto {

class X509TrustAnchors {
 public:
  // One or more PEM CERTIFICATE blocks. None: invalid_argument.
  [[nodiscard]] static Result<X509TrustAnchors> FromPem(std::string_view pem);
  [[nodiscard]] static Result<X509TrustAnchors> FromDer(const std::vector<Bytes>& certificates);
  [[nodiscard]] std::size_t size() const { return der_.size(); }
  [[nodiscard]] const std::vector<Bytes>& der() const { return der_; }

 private:
  explicit X509TrustAnchors(std::vector<Bytes> der) : der_(std::move(der)) {}
  std::vector<Bytes> der_;
};

struct X509ChainPolicy {
  std::int64_t now = 0;                     // verification time, seconds since the epoch
  std::optional<std::string> expected_dns;  // the leaf must carry this dNSName SAN, or
  std::optional<std::string> expected_uri;  // this URI SAN (either matches when both are set)
  std::size_t max_chain = 5;
};

using X509LeafKey = std::variant<P256PublicKey, Ed25519PublicKey, RsaPublicKey>;

struct VerifiedX509Chain {
  X509LeafKey leaf_key;
  std::vector<std::string> dns_names;
  std::vector<std::string> uris;
};

// `chain_der`: leaf first, as in x5c (the caller decodes x5c's standard base64).
[[nodiscard]] Result<VerifiedX509Chain> VerifyX509Chain(const std::vector<Bytes>& chain_der,
                                                        const X509TrustAnchors& anchors,
                                                        const X509ChainPolicy& policy);

}  // namespace vaardig::crypto
