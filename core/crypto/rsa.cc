#include "core/crypto/rsa.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <bit>
#include <string>
#include <vector>

#include "core/crypto/hash.h"
#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {
namespace {

using internal::OpensslError;

// OpenSSL's own ceiling (OPENSSL_RSA_MAX_MODULUS_BITS); also bounds the work a peer's key can
// cause.
constexpr int kRsaMaxModulusBits = 16384;

int BitLength(ByteView big_endian_without_leading_zeros) {
  if (big_endian_without_leading_zeros.empty()) return 0;
  return static_cast<int>((big_endian_without_leading_zeros.size() - 1) * 8) +
         std::bit_width(big_endian_without_leading_zeros[0]);
}

Status CheckPublicComponents(ByteView n, ByteView e) {
  if (n.empty() || n[0] == 0) {
    return Fail(ErrorCode::kInvalidArgument, "RSA modulus is empty or has leading zero bytes");
  }
  const int bits = BitLength(n);
  if (bits < kRsaMinModulusBits) {
    return Fail(ErrorCode::kInvalidArgument, "RSA modulus of " + std::to_string(bits) +
                                                 " bits is below the minimum of " +
                                                 std::to_string(kRsaMinModulusBits));
  }
  if (bits > kRsaMaxModulusBits) {
    return Fail(ErrorCode::kInvalidArgument, "RSA modulus of " + std::to_string(bits) +
                                                 " bits is above the maximum of " +
                                                 std::to_string(kRsaMaxModulusBits));
  }
  // RFC 7518 §2 (Base64urlUInt): minimal octets, so leading zeros are refused in e as well.
  if (e.empty() || e[0] == 0) {
    return Fail(ErrorCode::kInvalidArgument, "RSA exponent is empty or has leading zero bytes");
  }
  if ((e.back() & 1) == 0) return Fail(ErrorCode::kInvalidArgument, "RSA exponent is even");
  if (e.size() == 1 && e[0] < 3) return Fail(ErrorCode::kInvalidArgument, "RSA exponent is < 3");
  if (e.size() > n.size() ||
      (e.size() == n.size() && !std::ranges::lexicographical_compare(e, n))) {
    return Fail(ErrorCode::kInvalidArgument, "RSA exponent is not below the modulus");
  }
  return Ok();
}

Result<internal::EvpPkeyPtr> RsaPkeyFromData(OSSL_PARAM* params, int selection) {
  internal::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (ctx == nullptr) return Fail(OpensslError("EVP_PKEY_CTX_new_from_name"));
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1) return Fail(OpensslError("EVP_PKEY_fromdata_init"));
  EVP_PKEY* pkey = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params) != 1) {
    return Fail(OpensslError("EVP_PKEY_fromdata"));
  }
  return internal::EvpPkeyPtr(pkey, internal::EvpPkeyDeleter{});
}

// Pushes an unsigned big-endian integer onto the builder. `bns` keeps the BIGNUMs alive until the
// parameters are built (OSSL_PARAM_BLD only references them).
Status PushBn(OSSL_PARAM_BLD* builder, const char* name, ByteView value, bool secret,
              std::vector<internal::BnPtr>& bns) {
  VAARDIG_ASSIGN_OR_RETURN(internal::BnPtr bn, internal::BnFromBytes(value, secret));
  if (OSSL_PARAM_BLD_push_BN(builder, name, bn.get()) != 1) {
    return Fail(OpensslError(std::string("OSSL_PARAM_BLD_push_BN(") + name + ")"));
  }
  bns.push_back(std::move(bn));
  return Ok();
}

// Sets RSASSA-PKCS1-v1_5 with SHA-256 on a sign or verify context.
Status SetRs256(EVP_PKEY_CTX* ctx) {
  if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1) {
    return Fail(OpensslError("EVP_PKEY_CTX_set_rsa_padding"));
  }
  if (EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) != 1) {
    return Fail(OpensslError("EVP_PKEY_CTX_set_signature_md"));
  }
  return Ok();
}

Result<internal::BnPtr> GetBn(const EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1) {
    return Fail(OpensslError(std::string("EVP_PKEY_get_bn_param(") + name + ")"));
  }
  return internal::BnPtr(bn);
}

}  // namespace

Result<RsaPublicKey> RsaPublicKey::FromComponents(ByteView n, ByteView e) {
  VAARDIG_RETURN_IF_ERROR(CheckPublicComponents(n, e));
  internal::ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (builder == nullptr) return Fail(OpensslError("OSSL_PARAM_BLD_new"));
  std::vector<internal::BnPtr> bns;
  VAARDIG_RETURN_IF_ERROR(PushBn(builder.get(), OSSL_PKEY_PARAM_RSA_N, n, false, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(builder.get(), OSSL_PKEY_PARAM_RSA_E, e, false, bns));
  internal::ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  if (params == nullptr) return Fail(OpensslError("OSSL_PARAM_BLD_to_param"));
  VAARDIG_ASSIGN_OR_RETURN(auto pkey, RsaPkeyFromData(params.get(), EVP_PKEY_PUBLIC_KEY));

  RsaPublicKey key;
  key.n_.assign(n.begin(), n.end());
  key.e_.assign(e.begin(), e.end());
  key.pkey_ = std::move(pkey);
  return key;
}

int RsaPublicKey::modulus_bits() const { return BitLength(n_); }

Status RsaPublicKey::VerifyRs256(ByteView message, ByteView signature) const {
  if (pkey_ == nullptr) return Fail(ErrorCode::kFailedPrecondition, "RSA key was moved from");
  // RFC 8017 §8.2.2 step 1: the signature has exactly the modulus' length.
  if (signature.size() != n_.size()) {
    return Fail(ErrorCode::kUnauthenticated, "RS256 signature has the wrong length");
  }
  const Sha256Digest digest = Sha256(message);
  internal::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
  if (ctx == nullptr) return Fail(OpensslError("EVP_PKEY_CTX_new_from_pkey"));
  if (EVP_PKEY_verify_init(ctx.get()) != 1) return Fail(OpensslError("EVP_PKEY_verify_init"));
  VAARDIG_RETURN_IF_ERROR(SetRs256(ctx.get()));
  const int rc =
      EVP_PKEY_verify(ctx.get(), signature.data(), signature.size(), digest.data(), digest.size());
  if (rc == 1) return Ok();
  // Padding defects and a signature value >= n surface as 0 or -1 depending on where OpenSSL
  // notices them; both mean "does not verify" here (the context itself is known to be good).
  internal::ClearOpensslErrors();
  return Fail(ErrorCode::kUnauthenticated, "RS256 signature does not verify");
}

Result<RsaPrivateKey> RsaPrivateKey::Generate(int bits) {
  if (bits < kRsaMinModulusBits || bits > kRsaMaxModulusBits) {
    return Fail(ErrorCode::kInvalidArgument,
                "RSA key size must be in [" + std::to_string(kRsaMinModulusBits) + ", " +
                    std::to_string(kRsaMaxModulusBits) + "] bits, got " + std::to_string(bits));
  }
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
  if (raw == nullptr) return Fail(OpensslError("EVP_PKEY_Q_keygen"));
  internal::EvpPkeyPtr pkey(raw, internal::EvpPkeyDeleter{});

  RsaPrivateComponents c;
  const auto get = [&](const char* name) -> Result<Bytes> {
    VAARDIG_ASSIGN_OR_RETURN(internal::BnPtr bn, GetBn(pkey.get(), name));
    return internal::BnToBytes(bn.get());
  };
  const auto get_secret = [&](const char* name) -> Result<SecretBytes> {
    VAARDIG_ASSIGN_OR_RETURN(Bytes bytes, get(name));
    return SecretBytes::Adopt(std::move(bytes));
  };
  VAARDIG_ASSIGN_OR_RETURN(c.n, get(OSSL_PKEY_PARAM_RSA_N));
  VAARDIG_ASSIGN_OR_RETURN(c.e, get(OSSL_PKEY_PARAM_RSA_E));
  VAARDIG_ASSIGN_OR_RETURN(c.d, get_secret(OSSL_PKEY_PARAM_RSA_D));
  VAARDIG_ASSIGN_OR_RETURN(c.p, get_secret(OSSL_PKEY_PARAM_RSA_FACTOR1));
  VAARDIG_ASSIGN_OR_RETURN(c.q, get_secret(OSSL_PKEY_PARAM_RSA_FACTOR2));
  VAARDIG_ASSIGN_OR_RETURN(c.dp, get_secret(OSSL_PKEY_PARAM_RSA_EXPONENT1));
  VAARDIG_ASSIGN_OR_RETURN(c.dq, get_secret(OSSL_PKEY_PARAM_RSA_EXPONENT2));
  VAARDIG_ASSIGN_OR_RETURN(c.qi, get_secret(OSSL_PKEY_PARAM_RSA_COEFFICIENT1));
  VAARDIG_ASSIGN_OR_RETURN(RsaPublicKey public_key, RsaPublicKey::FromComponents(c.n, c.e));

  RsaPrivateKey key;
  key.components_ = std::move(c);
  key.public_key_ = std::move(public_key);
  key.pkey_ = std::move(pkey);
  return key;
}

Result<RsaPrivateKey> RsaPrivateKey::FromComponents(const RsaPrivateComponents& c) {
  VAARDIG_ASSIGN_OR_RETURN(RsaPublicKey public_key, RsaPublicKey::FromComponents(c.n, c.e));
  for (const SecretBytes* part : {&c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi}) {
    if (part->empty()) {
      return Fail(ErrorCode::kInvalidArgument, "RSA private key is missing a component");
    }
    if (part->size() > c.n.size()) {
      return Fail(ErrorCode::kInvalidArgument, "RSA private component is longer than the modulus");
    }
  }

  internal::ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (builder == nullptr) return Fail(OpensslError("OSSL_PARAM_BLD_new"));
  std::vector<internal::BnPtr> bns;
  OSSL_PARAM_BLD* b = builder.get();
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_N, c.n, false, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_E, c.e, false, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_D, c.d.Reveal(), true, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_FACTOR1, c.p.Reveal(), true, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_FACTOR2, c.q.Reveal(), true, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_EXPONENT1, c.dp.Reveal(), true, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_EXPONENT2, c.dq.Reveal(), true, bns));
  VAARDIG_RETURN_IF_ERROR(PushBn(b, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, c.qi.Reveal(), true, bns));
  internal::ParamsPtr params(OSSL_PARAM_BLD_to_param(b));
  if (params == nullptr) return Fail(OpensslError("OSSL_PARAM_BLD_to_param"));
  VAARDIG_ASSIGN_OR_RETURN(auto pkey, RsaPkeyFromData(params.get(), EVP_PKEY_KEYPAIR));

  // RSA_check_key's checks (p and q prime, n = p·q, d·e ≡ 1, CRT values) through the provider.
  internal::EvpPkeyCtxPtr check_ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (check_ctx == nullptr) return Fail(OpensslError("EVP_PKEY_CTX_new_from_pkey"));
  if (EVP_PKEY_pairwise_check(check_ctx.get()) != 1) {
    internal::ClearOpensslErrors();
    return Fail(ErrorCode::kInvalidArgument, "RSA private key components are inconsistent");
  }

  RsaPrivateKey key;
  key.components_ = c;
  key.public_key_ = std::move(public_key);
  key.pkey_ = std::move(pkey);
  return key;
}

Result<Bytes> RsaPrivateKey::SignRs256(ByteView message) const {
  if (pkey_ == nullptr) return Fail(ErrorCode::kFailedPrecondition, "RSA key was moved from");
  const Sha256Digest digest = Sha256(message);
  internal::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
  if (ctx == nullptr) return Fail(OpensslError("EVP_PKEY_CTX_new_from_pkey"));
  if (EVP_PKEY_sign_init(ctx.get()) != 1) return Fail(OpensslError("EVP_PKEY_sign_init"));
  VAARDIG_RETURN_IF_ERROR(SetRs256(ctx.get()));
  std::size_t size = 0;
  if (EVP_PKEY_sign(ctx.get(), nullptr, &size, digest.data(), digest.size()) != 1) {
    return Fail(OpensslError("EVP_PKEY_sign"));
  }
  Bytes signature(size);
  if (EVP_PKEY_sign(ctx.get(), signature.data(), &size, digest.data(), digest.size()) != 1) {
    return Fail(OpensslError("EVP_PKEY_sign"));
  }
  signature.resize(size);
  return signature;
}

}  // namespace vaardig::crypto
