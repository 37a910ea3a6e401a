// Test helper: X.509 certificates made with the OpenSSL API (P-256, P-384, Ed25519 or RSA keys; CA
// or leaf; SANs; chosen validity and keyUsage), for the x5c tests here and in tests/did.
//
// Header-only on purpose: tests/did/issuer_keys_test.cc includes it, and did_test does not link a
// helper library from tests/crypto.
#pragma once

#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/common/bytes.h"

namespace vaardig::crypto::testing {

using PkeyPtr = std::shared_ptr<EVP_PKEY>;
using CertPtr = std::shared_ptr<X509>;

// "EC" (P-256), "P-384", "ED25519", "RSA" (2048 bits) or "RSA1024".
inline PkeyPtr NewKey(std::string_view type) {
  EVP_PKEY* key = nullptr;
  if (type == "EC") key = EVP_EC_gen("P-256");
  else if (type == "P-384") key = EVP_EC_gen("P-384");
  else if (type == "ED25519") key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  else if (type == "RSA") key = EVP_RSA_gen(2048);
  else if (type == "RSA1024") key = EVP_RSA_gen(1024);
  if (key == nullptr) ADD_FAILURE() << "cannot generate a " << type << " key";
  return PkeyPtr(key, EVP_PKEY_free);
}

// A made certificate: the X509 object, its private key and its DER encoding.
struct Made {
  CertPtr cert;
  PkeyPtr key;
  Bytes der;
};

struct CertificateSpec {
  PkeyPtr key;                        // the certificate's own key pair
  std::string common_name = "test";
  const Made* issuer = nullptr;       // null: self-signed
  bool ca = false;
  std::int64_t not_before = 0;        // seconds since the epoch
  std::int64_t not_after = 0;
  std::string san;                    // OpenSSL config syntax: "DNS:a.example,URI:https://a.example"
  std::string key_usage;              // empty: keyCertSign,cRLSign for a CA, digitalSignature otherwise
};

inline void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) {
    ADD_FAILURE() << "bad extension value " << value;
    return;
  }
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// An X.509 v3 certificate as `spec` says, signed with SHA-256 (or pure Ed25519) by the issuer's key.
inline Made MakeCertificate(const CertificateSpec& spec) {
  static std::atomic<long> serial{1000};
  CertPtr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(spec.not_before));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(spec.not_after));
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), spec.issuer ? X509_get_subject_name(spec.issuer->cert.get()) : name);
  X509_set_pubkey(cert.get(), spec.key.get());
  X509* issuer_cert = spec.issuer ? spec.issuer->cert.get() : cert.get();
  const std::string key_usage =
      !spec.key_usage.empty() ? spec.key_usage : spec.ca ? "keyCertSign,cRLSign" : "digitalSignature";
  AddExtension(cert.get(), issuer_cert, NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  AddExtension(cert.get(), issuer_cert, NID_key_usage, "critical," + key_usage);
  AddExtension(cert.get(), issuer_cert, NID_subject_key_identifier, "hash");
  AddExtension(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always");
  if (!spec.san.empty()) AddExtension(cert.get(), issuer_cert, NID_subject_alt_name, spec.san);
  EVP_PKEY* signer = spec.issuer ? spec.issuer->key.get() : spec.key.get();
  const EVP_MD* md = EVP_PKEY_get_base_id(signer) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  EXPECT_GT(X509_sign(cert.get(), signer, md), 0) << "X509_sign failed for " << spec.common_name;
  unsigned char* out = nullptr;
  const int len = i2d_X509(cert.get(), &out);
  EXPECT_GT(len, 0);
  Bytes der(out, out + std::max(len, 0));
  OPENSSL_free(out);
  return {cert, spec.key, der};
}

// Positional shorthand (used by tests/did).
inline Made MakeCert(PkeyPtr key, const char* cn, const Made* issuer, bool ca, std::int64_t not_before,
                     std::int64_t not_after, const char* san = nullptr) {
  return MakeCertificate({.key = std::move(key), .common_name = cn, .issuer = issuer, .ca = ca,
                          .not_before = not_before, .not_after = not_after, .san = san ? san : "",
                          .key_usage = {}});
}

// PEM of a made certificate.
inline std::string ToPem(const Made& made) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, made.cert.get());
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return pem;
}

// A signature by `key` over `message` as OpenSSL makes it: DER for ECDSA, raw for Ed25519 and RSA.
inline Bytes SignWith(const PkeyPtr& key, ByteView message) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const EVP_MD* md = EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  std::size_t len = 0;
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key.get()), 1);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &len, message.data(), message.size()), 1);
  Bytes sig(len);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), sig.data(), &len, message.data(), message.size()), 1);
  sig.resize(len);
  return sig;
}

}  // namespace vaardig::crypto::testing
