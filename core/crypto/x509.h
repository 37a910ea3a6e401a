// X.509 certificate chains for `x5c` (RFC 7515 §4.1.6): an SD-JWT VC issuer may prove its key with
// a chain to a trust anchor the verifier configured (draft-ietf-oauth-sd-jwt-vc-13 §3.5).
//
// Verification uses OpenSSL's chain builder (RFC 5280 §6 path validation) with the injected time,
// X509_V_FLAG_X509_STRICT, and only the anchors given: no system store, no AIA fetching, no CRL or
// OCSP (revocation is not checked here), no purpose / EKU check. Partial chains are off
// (X509_V_FLAG_PARTIAL_CHAIN is never set): every anchor must be a self-signed CA certificate, so
// configuring an intermediate as an anchor fails when the anchors are loaded, not on every
// verification. Path length and name constraints of the CAs are enforced by OpenSSL.
//
// Errors of VerifyX509Chain:
//   invalid_argument   empty chain, more than policy.max_chain certificates, a certificate that is
//                      not DER X.509 (trailing bytes included) or larger than 16 KiB;
//   unauthenticated    the chain does not lead to an anchor, a bad signature, expired or not yet
//                      valid at policy.now, a non-CA issuer, a leaf whose keyUsage excludes
//                      digitalSignature — the message names OpenSSL's reason and the certificate;
//   unimplemented      a leaf key other than P-256, Ed25519 or RSA ≥ 2048 bits;
//   permission_denied  the leaf carries neither the expected dNSName nor the expected URI SAN.
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

typedef struct x509_store_st X509_STORE;

namespace vaardig::crypto {

// A set of trusted root certificates. Immutable after construction; copies share the same
// OpenSSL store, and it is safe to verify against one instance from several threads at once.
class X509TrustAnchors {
 public:
  // One or more PEM "CERTIFICATE" blocks (text around them is ignored). No block, a damaged
  // block, or an anchor that is not a self-signed CA certificate: invalid_argument.
  [[nodiscard]] static Result<X509TrustAnchors> FromPem(std::string_view pem);
  // As FromPem, from a file: not_found when it cannot be read; resource_exhausted over 1 MiB.
  [[nodiscard]] static Result<X509TrustAnchors> FromPemFile(const std::string& path);
  // DER certificates: invalid_argument when empty, malformed or not self-signed CAs.
  [[nodiscard]] static Result<X509TrustAnchors> FromDer(const std::vector<Bytes>& certificates);

  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  friend struct X509TrustAnchorsAccess;
  X509TrustAnchors(std::shared_ptr<X509_STORE> store, std::size_t size)
      : store_(std::move(store)), size_(size) {}
  std::shared_ptr<X509_STORE> store_;
  std::size_t size_ = 0;
};

struct X509ChainPolicy {
  std::int64_t now = 0;                     // verification time, seconds since the epoch (injected)
  std::optional<std::string> expected_dns;  // the leaf must carry this dNSName SAN (ASCII case-
                                            // insensitive, no wildcards), or
  std::optional<std::string> expected_uri;  // this URI SAN (exact); either matches when both are set
  std::size_t max_chain = 5;                // most certificates accepted in x5c
};

using X509LeafKey = std::variant<P256PublicKey, Ed25519PublicKey, RsaPublicKey>;

// What a verified chain says about its leaf. Only returned by VerifyX509Chain.
struct VerifiedX509Chain {
  X509LeafKey leaf_key;
  std::string subject;  // the leaf's subject, RFC 2253 ("CN=issuer.example,O=...")
  std::vector<std::string> dns_names;
  std::vector<std::string> uris;
};

// `chain_der`: leaf first, as in x5c; the caller decodes x5c's standard (not URL-safe) base64.
// The root may be included or left out. Without expected_dns and expected_uri the SANs are not
// checked: the caller must then bind the leaf to the issuer some other way.
[[nodiscard]] Result<VerifiedX509Chain> VerifyX509Chain(const std::vector<Bytes>& chain_der,
                                                        const X509TrustAnchors& anchors,
                                                        const X509ChainPolicy& policy);

}  // namespace vaardig::crypto
