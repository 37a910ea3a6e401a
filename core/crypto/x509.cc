#include "core/crypto/x509.h"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {
namespace {

using internal::FnDeleter;
using X509Ptr = std::unique_ptr<X509, FnDeleter<X509_free>>;
using StorePtr = std::unique_ptr<X509_STORE, FnDeleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, FnDeleter<X509_STORE_CTX_free>>;
struct StackDeleter {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};
using StackPtr = std::unique_ptr<STACK_OF(X509), StackDeleter>;
using BioPtr = std::unique_ptr<BIO, FnDeleter<BIO_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, FnDeleter<GENERAL_NAMES_free>>;

constexpr std::size_t kMaxCertificateBytes = 16 * 1024;

Result<X509Ptr> ParseDer(ByteView der) {
  if (der.empty() || der.size() > kMaxCertificateBytes) {
    return Fail(ErrorCode::kInvalidArgument, "a certificate is empty or larger than 16 KiB");
  }
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (cert == nullptr) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "a certificate is not valid DER X.509");
  }
  if (p != der.data() + der.size()) return Fail(ErrorCode::kInvalidArgument, "bytes after a certificate");
  return cert;
}

std::string Lower(std::string s) {
  std::ranges::transform(s, s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Result<X509LeafKey> LeafKey(X509* leaf) {
  EVP_PKEY* pkey = X509_get0_pubkey(leaf);
  if (pkey == nullptr) return Fail(ErrorCode::kInvalidArgument, "the leaf certificate has no usable public key");
  const int id = EVP_PKEY_get_base_id(pkey);
  if (id == EVP_PKEY_ED25519) {
    Bytes raw(32);
    std::size_t len = raw.size();
    if (EVP_PKEY_get_raw_public_key(pkey, raw.data(), &len) != 1 || len != 32) {
      return Fail(internal::OpensslError("EVP_PKEY_get_raw_public_key"));
    }
    VAARDIG_ASSIGN_OR_RETURN(Ed25519PublicKey key, Ed25519PublicKey::Create(raw));
    return X509LeafKey(std::move(key));
  }
  if (id == EVP_PKEY_EC) {
    char curve[64] = {};
    std::size_t curve_len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, "group", curve, sizeof curve, &curve_len) != 1 ||
        std::string_view(curve) != "prime256v1") {
      internal::ClearOpensslErrors();
      return Fail(ErrorCode::kUnimplemented, "the leaf key is on a curve other than P-256");
    }
    Bytes point(65);
    std::size_t len = 0;
    if (EVP_PKEY_get_octet_string_param(pkey, "encoded-pub-key", point.data(), point.size(), &len) != 1) {
      return Fail(internal::OpensslError("EVP_PKEY_get_octet_string_param"));
    }
    point.resize(len);
    VAARDIG_ASSIGN_OR_RETURN(P256PublicKey key, P256PublicKey::FromSec1(point));
    return X509LeafKey(std::move(key));
  }
  if (id == EVP_PKEY_RSA) {
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, "n", &n) != 1 || EVP_PKEY_get_bn_param(pkey, "e", &e) != 1) {
      BN_free(n);
      BN_free(e);
      return Fail(internal::OpensslError("EVP_PKEY_get_bn_param"));
    }
    const Bytes nb = internal::BnToBytes(n);
    const Bytes eb = internal::BnToBytes(e);
    BN_free(n);
    BN_free(e);
    VAARDIG_ASSIGN_OR_RETURN(RsaPublicKey key, RsaPublicKey::FromComponents(nb, eb));
    return X509LeafKey(std::move(key));
  }
  return Fail(ErrorCode::kUnimplemented, "the leaf key is neither P-256, Ed25519 nor RSA");
}

void SubjectAltNames(X509* leaf, std::vector<std::string>& dns, std::vector<std::string>& uris) {
  NamesPtr names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(leaf, NID_subject_alt_name, nullptr, nullptr)));
  if (names == nullptr) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type != GEN_DNS && name->type != GEN_URI) continue;
    const ASN1_IA5STRING* s = name->type == GEN_DNS ? name->d.dNSName : name->d.uniformResourceIdentifier;
    std::string value(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), static_cast<std::size_t>(ASN1_STRING_length(s)));
    (name->type == GEN_DNS ? dns : uris).push_back(std::move(value));
  }
}

}  // namespace

Result<X509TrustAnchors> X509TrustAnchors::FromDer(const std::vector<Bytes>& certificates) {
  if (certificates.empty()) return Fail(ErrorCode::kInvalidArgument, "no trust anchor certificates");
  for (const Bytes& der : certificates) VAARDIG_RETURN_IF_ERROR(ParseDer(der));
  return X509TrustAnchors(certificates);
}

Result<X509TrustAnchors> X509TrustAnchors::FromPem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (bio == nullptr) return Fail(internal::OpensslError("BIO_new_mem_buf"));
  std::vector<Bytes> der;
  while (true) {
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (cert == nullptr) break;
    unsigned char* out = nullptr;
    const int len = i2d_X509(cert.get(), &out);
    if (len <= 0) return Fail(internal::OpensslError("i2d_X509"));
    der.emplace_back(out, out + len);
    OPENSSL_free(out);
  }
  internal::ClearOpensslErrors();
  if (der.empty()) return Fail(ErrorCode::kInvalidArgument, "no PEM CERTIFICATE block found");
  return X509TrustAnchors(std::move(der));
}

Result<VerifiedX509Chain> VerifyX509Chain(const std::vector<Bytes>& chain_der, const X509TrustAnchors& anchors,
                                          const X509ChainPolicy& policy) {
  if (chain_der.empty()) return Fail(ErrorCode::kInvalidArgument, "x5c is empty");
  if (chain_der.size() > policy.max_chain) {
    return Fail(ErrorCode::kInvalidArgument, "x5c has more than " + std::to_string(policy.max_chain) + " certificates");
  }
  std::vector<X509Ptr> chain;
  for (const Bytes& der : chain_der) {
    VAARDIG_ASSIGN_OR_RETURN(X509Ptr cert, ParseDer(der));
    chain.push_back(std::move(cert));
  }
  StorePtr store(X509_STORE_new());
  if (store == nullptr) return Fail(internal::OpensslError("X509_STORE_new"));
  for (const Bytes& der : anchors.der()) {
    VAARDIG_ASSIGN_OR_RETURN(X509Ptr anchor, ParseDer(der));
    if (X509_STORE_add_cert(store.get(), anchor.get()) != 1) return Fail(internal::OpensslError("X509_STORE_add_cert"));
  }
  StackPtr untrusted(sk_X509_new_null());
  for (std::size_t i = 1; i < chain.size(); ++i) {
    if (sk_X509_push(untrusted.get(), chain[i].get()) <= 0) return Fail(internal::OpensslError("sk_X509_push"));
  }
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (ctx == nullptr || X509_STORE_CTX_init(ctx.get(), store.get(), chain[0].get(), untrusted.get()) != 1) {
    return Fail(internal::OpensslError("X509_STORE_CTX_init"));
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT | X509_V_FLAG_USE_CHECK_TIME);
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(policy.now));
  X509_VERIFY_PARAM_set_depth(param, static_cast<int>(policy.max_chain));
  const int ok = X509_verify_cert(ctx.get());
  if (ok != 1) {
    const int err = X509_STORE_CTX_get_error(ctx.get());
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kUnauthenticated,
                std::string("the x5c chain does not verify: ") + X509_verify_cert_error_string(err));
  }
  VAARDIG_ASSIGN_OR_RETURN(X509LeafKey leaf_key, LeafKey(chain[0].get()));
  VerifiedX509Chain out{.leaf_key = std::move(leaf_key), .dns_names = {}, .uris = {}};
  SubjectAltNames(chain[0].get(), out.dns_names, out.uris);
  if (policy.expected_dns || policy.expected_uri) {
    const bool dns_ok = policy.expected_dns &&
                        std::ranges::any_of(out.dns_names, [&](const std::string& d) { return Lower(d) == Lower(*policy.expected_dns); });
    const bool uri_ok = policy.expected_uri && std::ranges::find(out.uris, *policy.expected_uri) != out.uris.end();
    if (!dns_ok && !uri_ok) {
      return Fail(ErrorCode::kPermissionDenied, "the x5c leaf certificate is not for " +
                                                    (policy.expected_uri ? *policy.expected_uri : *policy.expected_dns));
    }
  }
  return out;
}

}  // namespace vaardig::crypto
