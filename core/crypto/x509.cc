#include "core/crypto/x509.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {

struct X509TrustAnchorsAccess {
  static X509_STORE* Store(const X509TrustAnchors& anchors) { return anchors.store_.get(); }
  static X509TrustAnchors Make(std::shared_ptr<X509_STORE> store, std::size_t size) {
    return X509TrustAnchors(std::move(store), size);
  }
};

namespace {

using internal::FnDeleter;
using X509Ptr = std::unique_ptr<X509, FnDeleter<X509_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, FnDeleter<X509_STORE_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, FnDeleter<BIO_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, FnDeleter<GENERAL_NAMES_free>>;
struct X509StackDeleter {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }  // does not free the certificates
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

constexpr std::size_t kMaxCertificateBytes = 16 * 1024;
constexpr std::size_t kMaxPemBytes = 1024 * 1024;

std::string NameToString(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) {
    internal::ClearOpensslErrors();
    return "(unprintable name)";
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

Result<X509Ptr> ParseDer(ByteView der) {
  if (der.empty() || der.size() > kMaxCertificateBytes) {
    return Fail(ErrorCode::kInvalidArgument, "a certificate is empty or larger than 16 KiB");
  }
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (cert == nullptr) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "a certificate is not DER-encoded X.509");
  }
  if (p != der.data() + der.size()) {
    return Fail(ErrorCode::kInvalidArgument, "a certificate is followed by extra bytes");
  }
  return cert;
}

// Without X509_V_FLAG_PARTIAL_CHAIN OpenSSL only accepts a chain that ends in a self-signed trusted
// certificate; a non-root anchor would make every verification fail with a vague message, so it is
// refused here with one that says what to configure instead.
Result<X509TrustAnchors> MakeAnchors(std::vector<X509Ptr> certs) {
  if (certs.empty()) return Fail(ErrorCode::kInvalidArgument, "no trust anchor certificates given");
  std::shared_ptr<X509_STORE> store(X509_STORE_new(), X509_STORE_free);
  if (store == nullptr) return Fail(internal::OpensslError("X509_STORE_new"));
  for (const X509Ptr& cert : certs) {
    if (X509_self_signed(cert.get(), /*verify_signature=*/1) != 1 || X509_check_ca(cert.get()) == 0) {
      internal::ClearOpensslErrors();
      return Fail(ErrorCode::kInvalidArgument,
                  "trust anchor " + NameToString(X509_get_subject_name(cert.get())) +
                      " is not a self-signed CA certificate; configure the root it chains to");
    }
    // Takes its own reference; a duplicate anchor is not an error.
    if (X509_STORE_add_cert(store.get(), cert.get()) != 1) {
      return Fail(internal::OpensslError("X509_STORE_add_cert"));
    }
  }
  return X509TrustAnchorsAccess::Make(std::move(store), certs.size());
}

// Lower-case ASCII only: DNS names in certificates are IA5 (RFC 5280 §4.2.1.6), and std::tolower
// would depend on the locale.
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<X509LeafKey> LeafKey(X509* leaf) {
  EVP_PKEY* pkey = X509_get0_pubkey(leaf);
  if (pkey == nullptr) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kUnimplemented, "the leaf certificate's public key is of a type OpenSSL cannot read");
  }
  switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_ED25519: {
      Bytes raw(kEd25519PublicKeySize);
      std::size_t len = raw.size();
      if (EVP_PKEY_get_raw_public_key(pkey, raw.data(), &len) != 1 || len != raw.size()) {
        return Fail(internal::OpensslError("EVP_PKEY_get_raw_public_key"));
      }
      VAARDIG_ASSIGN_OR_RETURN(Ed25519PublicKey key, Ed25519PublicKey::Create(raw));
      return X509LeafKey(std::move(key));
    }
    case EVP_PKEY_EC: {
      char curve[64] = {};
      std::size_t curve_len = 0;
      if (EVP_PKEY_get_utf8_string_param(pkey, "group", curve, sizeof curve, &curve_len) != 1 ||
          std::string_view(curve, curve_len) != "prime256v1") {
        internal::ClearOpensslErrors();
        return Fail(ErrorCode::kUnimplemented, "the leaf key is on a curve other than P-256");
      }
      Bytes point(1 + 2 * kP256CoordinateSize);
      std::size_t len = 0;
      if (EVP_PKEY_get_octet_string_param(pkey, "encoded-pub-key", point.data(), point.size(), &len) != 1) {
        return Fail(internal::OpensslError("EVP_PKEY_get_octet_string_param"));
      }
      point.resize(len);
      VAARDIG_ASSIGN_OR_RETURN(P256PublicKey key, P256PublicKey::FromSec1(point));
      return X509LeafKey(std::move(key));
    }
    case EVP_PKEY_RSA: {
      BIGNUM* n_raw = nullptr;
      BIGNUM* e_raw = nullptr;
      const bool got = EVP_PKEY_get_bn_param(pkey, "n", &n_raw) == 1 && EVP_PKEY_get_bn_param(pkey, "e", &e_raw) == 1;
      internal::BnPtr n(n_raw);
      internal::BnPtr e(e_raw);
      if (!got) return Fail(internal::OpensslError("EVP_PKEY_get_bn_param"));
      auto key = RsaPublicKey::FromComponents(internal::BnToBytes(n.get()), internal::BnToBytes(e.get()));
      if (!key) {
        return Fail(ErrorCode::kUnimplemented, "the leaf RSA key is not supported: " + key.error().message());
      }
      return X509LeafKey(std::move(*key));
    }
    default:
      return Fail(ErrorCode::kUnimplemented, "the leaf key is neither P-256, Ed25519 nor RSA");
  }
}

void SubjectAltNames(X509* leaf, std::vector<std::string>& dns, std::vector<std::string>& uris) {
  NamesPtr names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(leaf, NID_subject_alt_name, nullptr, nullptr)));
  internal::ClearOpensslErrors();  // "no such extension" is not an error here
  if (names == nullptr) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type != GEN_DNS && name->type != GEN_URI) continue;
    const ASN1_IA5STRING* s = name->type == GEN_DNS ? name->d.dNSName : name->d.uniformResourceIdentifier;
    std::string value(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                      static_cast<std::size_t>(ASN1_STRING_length(s)));
    (name->type == GEN_DNS ? dns : uris).push_back(std::move(value));
  }
}

Status CheckNames(const VerifiedX509Chain& chain, const X509ChainPolicy& policy) {
  if (!policy.expected_dns && !policy.expected_uri) return Ok();
  const bool dns_ok = policy.expected_dns && std::ranges::any_of(chain.dns_names, [&](const std::string& d) {
                        return AsciiLower(d) == AsciiLower(*policy.expected_dns);
                      });
  const bool uri_ok = policy.expected_uri && std::ranges::find(chain.uris, *policy.expected_uri) != chain.uris.end();
  if (dns_ok || uri_ok) return Ok();
  std::string wanted;
  if (policy.expected_dns) wanted = "DNS name " + *policy.expected_dns;
  if (policy.expected_uri) wanted += (wanted.empty() ? "URI " : " or URI ") + *policy.expected_uri;
  return Fail(ErrorCode::kPermissionDenied,
              "the x5c leaf certificate (" + chain.subject + ") is not for " + wanted);
}

}  // namespace

Result<X509TrustAnchors> X509TrustAnchors::FromDer(const std::vector<Bytes>& certificates) {
  std::vector<X509Ptr> certs;
  for (const Bytes& der : certificates) {
    VAARDIG_ASSIGN_OR_RETURN(X509Ptr cert, ParseDer(der));
    certs.push_back(std::move(cert));
  }
  return MakeAnchors(std::move(certs));
}

Result<X509TrustAnchors> X509TrustAnchors::FromPem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return Fail(ErrorCode::kResourceExhausted, "trust anchor PEM is over 1 MiB");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (bio == nullptr) return Fail(internal::OpensslError("BIO_new_mem_buf"));
  std::vector<X509Ptr> certs;
  while (true) {
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (cert == nullptr) break;
    certs.push_back(std::move(cert));
  }
  // The loop ends with PEM_R_NO_START_LINE once no block is left; any other reason means a block
  // was damaged, and silently loading only the anchors before it would be worse than failing.
  const unsigned long last = ERR_peek_last_error();
  const bool clean_end = ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE;
  internal::ClearOpensslErrors();
  if (!clean_end) {
    return Fail(ErrorCode::kInvalidArgument,
                "a PEM CERTIFICATE block after the first " + std::to_string(certs.size()) + " cannot be decoded");
  }
  if (certs.empty()) return Fail(ErrorCode::kInvalidArgument, "no PEM CERTIFICATE block found");
  return MakeAnchors(std::move(certs));
}

Result<X509TrustAnchors> X509TrustAnchors::FromPemFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot open trust anchor file " + path);
  std::string pem;
  pem.resize(kMaxPemBytes + 1);
  in.read(pem.data(), static_cast<std::streamsize>(pem.size()));
  if (in.bad()) return Fail(ErrorCode::kNotFound, "cannot read trust anchor file " + path);
  pem.resize(static_cast<std::size_t>(in.gcount()));
  auto anchors = FromPem(pem);
  if (!anchors) return Fail(anchors.error().WithContext(path));
  return anchors;
}

Result<VerifiedX509Chain> VerifyX509Chain(const std::vector<Bytes>& chain_der, const X509TrustAnchors& anchors,
                                          const X509ChainPolicy& policy) {
  if (chain_der.empty()) return Fail(ErrorCode::kInvalidArgument, "x5c is empty");
  if (chain_der.size() > policy.max_chain) {
    return Fail(ErrorCode::kInvalidArgument,
                "x5c has " + std::to_string(chain_der.size()) + " certificates, more than the " +
                    std::to_string(policy.max_chain) + " allowed");
  }
  std::vector<X509Ptr> chain;
  for (const Bytes& der : chain_der) {
    VAARDIG_ASSIGN_OR_RETURN(X509Ptr cert, ParseDer(der));
    chain.push_back(std::move(cert));
  }
  X509StackPtr untrusted(sk_X509_new_null());
  if (untrusted == nullptr) return Fail(internal::OpensslError("sk_X509_new_null"));
  for (std::size_t i = 1; i < chain.size(); ++i) {
    if (sk_X509_push(untrusted.get(), chain[i].get()) <= 0) return Fail(internal::OpensslError("sk_X509_push"));
  }
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (ctx == nullptr) return Fail(internal::OpensslError("X509_STORE_CTX_new"));
  if (X509_STORE_CTX_init(ctx.get(), X509TrustAnchorsAccess::Store(anchors), chain[0].get(), untrusted.get()) != 1) {
    return Fail(internal::OpensslError("X509_STORE_CTX_init"));
  }
  // The parameters belong to this context, not to the shared store. No purpose is set (an issuer
  // certificate has no standard EKU) and PARTIAL_CHAIN stays off: the chain must reach a root.
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT | X509_V_FLAG_USE_CHECK_TIME);
  X509_VERIFY_PARAM_clear_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(policy.now));
  X509_VERIFY_PARAM_set_depth(param, static_cast<int>(policy.max_chain));
  if (X509_verify_cert(ctx.get()) != 1) {
    const int err = X509_STORE_CTX_get_error(ctx.get());
    const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    X509* failed = X509_STORE_CTX_get_current_cert(ctx.get());
    std::string where = depth == 0 ? "the leaf" : "certificate " + std::to_string(depth);
    if (failed != nullptr) where += " (" + NameToString(X509_get_subject_name(failed)) + ")";
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kUnauthenticated,
                "the x5c chain does not verify at " + where + ": " + X509_verify_cert_error_string(err));
  }
  X509* leaf = chain[0].get();
  // The leaf signs the credential (RFC 5280 §4.2.1.3); OpenSSL does not check this without a purpose.
  if ((X509_get_extension_flags(leaf) & EXFLAG_KUSAGE) != 0 && (X509_get_key_usage(leaf) & KU_DIGITAL_SIGNATURE) == 0) {
    return Fail(ErrorCode::kUnauthenticated, "the x5c leaf certificate's keyUsage does not allow digitalSignature");
  }
  VAARDIG_ASSIGN_OR_RETURN(X509LeafKey leaf_key, LeafKey(leaf));
  VerifiedX509Chain out{.leaf_key = std::move(leaf_key),
                        .subject = NameToString(X509_get_subject_name(leaf)),
                        .dns_names = {},
                        .uris = {}};
  SubjectAltNames(leaf, out.dns_names, out.uris);
  VAARDIG_RETURN_IF_ERROR(CheckNames(out, policy));
  return out;
}

}  // namespace vaardig::crypto
