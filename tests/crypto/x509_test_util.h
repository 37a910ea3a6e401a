// Test helper: make X.509 certificates (P-256, Ed25519 or RSA keys; CA or leaf; SANs) with the
// OpenSSL API, for the x5c tests.
#pragma once

#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/common/bytes.h"

namespace vaardig::crypto::testing {

using PkeyPtr = std::shared_ptr<EVP_PKEY>;
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using CertPtr = std::shared_ptr<X509>;

inline PkeyPtr NewKey(const char* type) {
  EVP_PKEY* key = std::string_view(type) == "EC" ? EVP_EC_gen("P-256") : EVP_PKEY_Q_keygen(nullptr, nullptr, type);
  return PkeyPtr(key, EVP_PKEY_free);
}

inline void AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  ASSERT_NE(ext, nullptr) << value;
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

struct Made {
  CertPtr cert;
  PkeyPtr key;
  Bytes der;
};

// A certificate for `key`, signed by issuer (self-signed when issuer is null).
inline Made MakeCert(PkeyPtr key, const char* cn, const Made* issuer, bool ca, std::int64_t not_before,
              std::int64_t not_after, const char* san = nullptr) {
  CertPtr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  static long serial = 1000;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, 0, nullptr);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after));
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->cert.get()) : name);
  X509_set_pubkey(cert.get(), key.get());
  X509* issuer_cert = issuer ? issuer->cert.get() : cert.get();
  AddExt(cert.get(), issuer_cert, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  AddExt(cert.get(), issuer_cert, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  AddExt(cert.get(), issuer_cert, NID_subject_key_identifier, "hash");
  AddExt(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always");
  if (san) AddExt(cert.get(), issuer_cert, NID_subject_alt_name, san);
  EVP_PKEY* signer = issuer ? issuer->key.get() : key.get();
  const EVP_MD* md = EVP_PKEY_get_base_id(signer) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  EXPECT_GT(X509_sign(cert.get(), signer, md), 0);
  unsigned char* out = nullptr;
  const int len = i2d_X509(cert.get(), &out);
  Bytes der(out, out + len);
  OPENSSL_free(out);
  return {cert, key, der};
}

}  // namespace vaardig::crypto::testing
