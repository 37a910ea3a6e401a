#include "core/crypto/p256.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/crypto/ecdsa_der.h"
#include "core/crypto/hash.h"
#include "core/crypto/internal/der_signature.h"
#include "core/crypto/internal/openssl_util.h"
#include "core/crypto/random.h"

namespace vaardig::crypto {

void internal::EvpPkeyDeleter::operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }

namespace {

using internal::OpensslError;

constexpr std::size_t kUncompressedSize = 1 + 2 * kP256CoordinateSize;
constexpr std::size_t kCompressedSize = 1 + kP256CoordinateSize;
using UncompressedPoint = std::array<std::uint8_t, kUncompressedSize>;

// Shared, read-only after creation; OpenSSL's EC_GROUP functions take it as const.
const EC_GROUP* P256Group() {
  static const EC_GROUP* const group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
  if (group == nullptr) std::abort();  // OpenSSL without P-256 is a broken install
  return group;
}

Error NotOnCurve() {
  internal::ClearOpensslErrors();
  return Error(ErrorCode::kInvalidArgument, "P-256 public key is not a valid point on the curve");
}

// Decodes and validates a SEC1 point (on the curve, coordinates below p, not infinity; P-256 has
// cofactor 1, so this is also the subgroup check) and returns it uncompressed.
Result<UncompressedPoint> ValidatePoint(ByteView sec1) {
  const EC_GROUP* group = P256Group();
  internal::EcPointPtr point(EC_POINT_new(group));
  if (point == nullptr) return Fail(OpensslError("EC_POINT_new"));
  if (EC_POINT_oct2point(group, point.get(), sec1.data(), sec1.size(), nullptr) != 1) {
    return Fail(NotOnCurve());
  }
  if (EC_POINT_is_at_infinity(group, point.get()) == 1 ||
      EC_POINT_is_on_curve(group, point.get(), nullptr) != 1) {
    return Fail(NotOnCurve());
  }
  UncompressedPoint out;
  if (sec1.size() == out.size()) {
    // Already uncompressed, and EC_POINT_oct2point has refused coordinates of p or more: the
    // input is the canonical encoding of the point.
    std::ranges::copy(sec1, out.begin());
    return out;
  }
  if (EC_POINT_point2oct(group, point.get(), POINT_CONVERSION_UNCOMPRESSED, out.data(), out.size(),
                         nullptr) != out.size()) {
    return Fail(OpensslError("EC_POINT_point2oct"));
  }
  return out;
}

// EVP_PKEY_fromdata for an "EC" key from the given parameters.
Result<internal::EvpPkeyPtr> EcPkeyFromData(OSSL_PARAM* params, int selection) {
  internal::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (ctx == nullptr) return Fail(OpensslError("EVP_PKEY_CTX_new_from_name"));
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1) return Fail(OpensslError("EVP_PKEY_fromdata_init"));
  EVP_PKEY* pkey = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params) != 1) {
    return Fail(OpensslError("EVP_PKEY_fromdata"));
  }
  return internal::EvpPkeyPtr(pkey, internal::EvpPkeyDeleter{});
}

// An "EC" EVP_PKEY with the P-256 domain parameters and no key, made once. Building a public key
// as a copy of it plus the point costs a quarter of EVP_PKEY_fromdata, which fetches the key
// manager and rebuilds the curve (field and order Montgomery contexts) every time. Read-only
// after creation; EVP_PKEY_dup only reads its source.
EVP_PKEY* P256Template() {
  static EVP_PKEY* const pkey = [] {
    char group_name[] = SN_X9_62_prime256v1;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group_name, 0),
        OSSL_PARAM_construct_end(),
    };
    internal::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* out = nullptr;
    if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &out, EVP_PKEY_KEY_PARAMETERS, params) != 1) {
      std::abort();  // OpenSSL without P-256 is a broken install
    }
    return out;
  }();
  return pkey;
}

// The public key for an already validated uncompressed point.
Result<internal::EvpPkeyPtr> EcPublicPkey(const UncompressedPoint& point) {
  internal::EvpPkeyPtr pkey(EVP_PKEY_dup(P256Template()), internal::EvpPkeyDeleter{});
  if (pkey == nullptr) return Fail(OpensslError("EVP_PKEY_dup"));
  if (EVP_PKEY_set1_encoded_public_key(pkey.get(), point.data(), point.size()) != 1) {
    return Fail(OpensslError("EVP_PKEY_set1_encoded_public_key"));
  }
  return pkey;
}

}  // namespace

Result<P256PublicKey> P256PublicKey::FromCoordinates(ByteView x, ByteView y) {
  if (x.size() != kP256CoordinateSize || y.size() != kP256CoordinateSize) {
    return Fail(ErrorCode::kInvalidArgument, "P-256 coordinates must be 32 bytes each, got " +
                                                 std::to_string(x.size()) + " and " +
                                                 std::to_string(y.size()));
  }
  UncompressedPoint encoded;
  encoded[0] = POINT_CONVERSION_UNCOMPRESSED;
  std::ranges::copy(x, encoded.begin() + 1);
  std::ranges::copy(y, encoded.begin() + 1 + kP256CoordinateSize);
  return FromSec1(encoded);
}

Result<P256PublicKey> P256PublicKey::FromSec1(ByteView encoded) {
  const bool uncompressed =
      encoded.size() == kUncompressedSize && encoded[0] == POINT_CONVERSION_UNCOMPRESSED;
  const bool compressed =
      encoded.size() == kCompressedSize && (encoded[0] == 0x02 || encoded[0] == 0x03);
  if (!uncompressed && !compressed) {
    return Fail(ErrorCode::kInvalidArgument,
                "P-256 public key must be SEC1 uncompressed (65 bytes, 0x04) or compressed "
                "(33 bytes, 0x02/0x03)");
  }
  VAARDIG_ASSIGN_OR_RETURN(UncompressedPoint point, ValidatePoint(encoded));
  VAARDIG_ASSIGN_OR_RETURN(auto pkey, EcPublicPkey(point));

  P256PublicKey key;
  std::copy_n(point.begin() + 1, kP256CoordinateSize, key.x_.begin());
  std::copy_n(point.begin() + 1 + kP256CoordinateSize, kP256CoordinateSize, key.y_.begin());
  key.pkey_ = std::move(pkey);
  key.verify_ctx_ = std::make_shared<internal::PkeyCtxCache>();
  return key;
}

Bytes P256PublicKey::Sec1Uncompressed() const {
  Bytes out;
  out.reserve(kUncompressedSize);
  out.push_back(POINT_CONVERSION_UNCOMPRESSED);
  out.insert(out.end(), x_.begin(), x_.end());
  out.insert(out.end(), y_.begin(), y_.end());
  return out;
}

Bytes P256PublicKey::Sec1Compressed() const {
  Bytes out;
  out.reserve(kCompressedSize);
  out.push_back((y_.back() & 1) != 0 ? 0x03 : 0x02);
  out.insert(out.end(), x_.begin(), x_.end());
  return out;
}

Status P256PublicKey::VerifyEs256(ByteView message, ByteView signature) const {
  if (signature.size() != kEs256SignatureSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "ES256 signature must be 64 bytes, got " + std::to_string(signature.size()));
  }
  const Sha256Digest digest = Sha256(message);
  return VerifyDigestEs256(digest, signature);
}

Status P256PublicKey::VerifyDigestEs256(ByteView sha256_digest, ByteView signature) const {
  if (sha256_digest.size() != kSha256Size) {
    return Fail(ErrorCode::kInvalidArgument,
                "SHA-256 digest must be 32 bytes, got " + std::to_string(sha256_digest.size()));
  }
  if (signature.size() != kEs256SignatureSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "ES256 signature must be 64 bytes, got " + std::to_string(signature.size()));
  }
  if (pkey_ == nullptr) return Fail(ErrorCode::kFailedPrecondition, "P-256 key was moved from");

  // r and s out of [1, n-1] still encode fine; OpenSSL then rejects them (verify returns 0).
  std::array<std::uint8_t, internal::MaxDerSignatureSize(kP256ScalarSize)> der;
  const std::size_t der_size = internal::P1363ToDerInto(signature, der);

  internal::EvpPkeyCtxPtr ctx;
  if (verify_ctx_ != nullptr) ctx = verify_ctx_->Take();
  if (ctx == nullptr) {
    ctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
    if (ctx == nullptr) return Fail(OpensslError("EVP_PKEY_CTX_new_from_pkey"));
    if (EVP_PKEY_verify_init(ctx.get()) != 1) return Fail(OpensslError("EVP_PKEY_verify_init"));
  }
  const int rc =
      EVP_PKEY_verify(ctx.get(), der.data(), der_size, sha256_digest.data(), sha256_digest.size());
  if (rc == 1) {
    // Only a context whose last use succeeded is kept for the next verification.
    if (verify_ctx_ != nullptr) verify_ctx_->Give(std::move(ctx));
    return Ok();
  }
  // 0 is a plain mismatch. A negative result on these well-formed inputs is also a rejection:
  // OpenSSL returns -1 when u1·G + u2·Q is the point at infinity (Wycheproof "PointDuplication").
  // Only running out of memory means the check could not be made.
  if (rc < 0 && ERR_GET_REASON(ERR_peek_error()) == ERR_R_MALLOC_FAILURE) {
    return Fail(OpensslError("EVP_PKEY_verify"));
  }
  internal::ClearOpensslErrors();
  return Fail(ErrorCode::kUnauthenticated, "ES256 signature does not verify");
}

P256PrivateKey P256PrivateKey::Generate() {
  // A uniform scalar by rejection: 32 random bytes fall outside [1, n-1] with probability ~2^-32.
  for (;;) {
    auto key = FromScalar(RandomSecret(kP256ScalarSize));
    if (key) return *std::move(key);
    if (key.error().code() != ErrorCode::kInvalidArgument) std::abort();
  }
}

Result<P256PrivateKey> P256PrivateKey::FromScalar(const SecretBytes& d) {
  if (d.size() != kP256ScalarSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "P-256 private scalar must be 32 bytes, got " + std::to_string(d.size()));
  }
  const EC_GROUP* group = P256Group();
  VAARDIG_ASSIGN_OR_RETURN(internal::BnPtr scalar, internal::BnFromBytes(d.Reveal(), true));
  if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), EC_GROUP_get0_order(group)) >= 0) {
    return Fail(ErrorCode::kInvalidArgument, "P-256 private scalar is out of range [1, n-1]");
  }

  internal::BnCtxPtr bn_ctx(BN_CTX_secure_new());
  if (bn_ctx == nullptr) return Fail(OpensslError("BN_CTX_secure_new"));
  internal::EcPointPtr point(EC_POINT_new(group));
  if (point == nullptr) return Fail(OpensslError("EC_POINT_new"));
  if (EC_POINT_mul(group, point.get(), scalar.get(), nullptr, nullptr, bn_ctx.get()) != 1) {
    return Fail(OpensslError("EC_POINT_mul"));
  }
  UncompressedPoint encoded;
  if (EC_POINT_point2oct(group, point.get(), POINT_CONVERSION_UNCOMPRESSED, encoded.data(),
                         encoded.size(), bn_ctx.get()) != encoded.size()) {
    return Fail(OpensslError("EC_POINT_point2oct"));
  }
  VAARDIG_ASSIGN_OR_RETURN(P256PublicKey public_key, P256PublicKey::FromSec1(encoded));

  internal::ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (builder == nullptr) return Fail(OpensslError("OSSL_PARAM_BLD_new"));
  if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      SN_X9_62_prime256v1, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, encoded.data(),
                                       encoded.size()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1) {
    return Fail(OpensslError("OSSL_PARAM_BLD_push"));
  }
  internal::ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  if (params == nullptr) return Fail(OpensslError("OSSL_PARAM_BLD_to_param"));
  VAARDIG_ASSIGN_OR_RETURN(auto pkey, EcPkeyFromData(params.get(), EVP_PKEY_KEYPAIR));

  P256PrivateKey key;
  key.d_ = d;
  key.public_key_ = std::move(public_key);
  key.pkey_ = std::move(pkey);
  key.sign_ctx_ = std::make_shared<internal::PkeyCtxCache>();
  return key;
}

Result<P256PrivateKey> P256PrivateKey::FromScalar(const SecretBytes& d,
                                                  const P256PublicKey& expected) {
  VAARDIG_ASSIGN_OR_RETURN(P256PrivateKey key, FromScalar(d));
  if (!(key.public_key() == expected)) {
    return Fail(ErrorCode::kInvalidArgument, "P-256 private scalar does not match the public key");
  }
  return key;
}

Result<Es256Signature> P256PrivateKey::SignEs256(ByteView message) const {
  if (pkey_ == nullptr) return Fail(ErrorCode::kFailedPrecondition, "P-256 key was moved from");
  const Sha256Digest digest = Sha256(message);
  // The context is reused across signatures (each draws a fresh nonce); it lives no longer than
  // the key, since the cache belongs to the key's copies.
  internal::EvpPkeyCtxPtr ctx;
  if (sign_ctx_ != nullptr) ctx = sign_ctx_->Take();
  if (ctx == nullptr) {
    ctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
    if (ctx == nullptr) return Fail(OpensslError("EVP_PKEY_CTX_new_from_pkey"));
    if (EVP_PKEY_sign_init(ctx.get()) != 1) return Fail(OpensslError("EVP_PKEY_sign_init"));
  }
  std::array<std::uint8_t, internal::MaxDerSignatureSize(kP256ScalarSize)> der;
  std::size_t der_size = der.size();
  if (EVP_PKEY_sign(ctx.get(), der.data(), &der_size, digest.data(), digest.size()) != 1) {
    return Fail(OpensslError("EVP_PKEY_sign"));
  }
  if (sign_ctx_ != nullptr) sign_ctx_->Give(std::move(ctx));
  auto p1363 = DerToP1363(ByteView(der.data(), der_size), kP256ScalarSize);
  if (!p1363) {
    return Fail(ErrorCode::kInternal,
                "EVP_PKEY_sign returned an unexpected signature: " + p1363.error().message());
  }
  Es256Signature signature;
  std::ranges::copy(*p1363, signature.begin());
  return signature;
}

}  // namespace vaardig::crypto
