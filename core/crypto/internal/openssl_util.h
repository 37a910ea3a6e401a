// Private to core/crypto: RAII wrappers for OpenSSL objects, error conversion, libsodium start-up.
#pragma once

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/common/bytes.h"
#include "core/common/error.h"

namespace vaardig::crypto::internal {

template <auto Fn>
struct FnDeleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};

using BnPtr = std::unique_ptr<BIGNUM, FnDeleter<BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, FnDeleter<BN_CTX_free>>;
using EcPointPtr = std::unique_ptr<EC_POINT, FnDeleter<EC_POINT_clear_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, FnDeleter<EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, FnDeleter<EVP_MD_CTX_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, FnDeleter<OSSL_PARAM_BLD_free>>;
// OpenSSL 3.0 has no OSSL_PARAM_clear_free; OSSL_PARAM_free clears the part OSSL_PARAM_BLD put in
// secure memory, which is where the values of secret BIGNUMs (BN_secure_new) go.
using ParamsPtr = std::unique_ptr<OSSL_PARAM, FnDeleter<OSSL_PARAM_free>>;

// Holds at most one EVP_PKEY_CTX already initialised for an operation (verify, sign) on one key,
// so that repeated operations with the key skip EVP_PKEY_CTX_new_from_pkey and the *_init fetch.
// Take() hands the context to one caller (or null when none is kept, or another thread has it);
// Give() puts it back after a successful operation, or frees it when the slot is full again.
// Lock-free and safe to share between threads; the context holds a reference to its EVP_PKEY.
class PkeyCtxCache {
 public:
  PkeyCtxCache() = default;
  PkeyCtxCache(const PkeyCtxCache&) = delete;
  PkeyCtxCache& operator=(const PkeyCtxCache&) = delete;
  ~PkeyCtxCache() { EVP_PKEY_CTX_free(slot_.exchange(nullptr)); }

  [[nodiscard]] EvpPkeyCtxPtr Take() { return EvpPkeyCtxPtr(slot_.exchange(nullptr)); }
  void Give(EvpPkeyCtxPtr ctx) {
    EVP_PKEY_CTX* expected = nullptr;
    if (slot_.compare_exchange_strong(expected, ctx.get())) (void)ctx.release();
  }

 private:
  std::atomic<EVP_PKEY_CTX*> slot_{nullptr};
};

// An `internal` error naming the failed OpenSSL call, with OpenSSL's first queued reason. Clears
// the thread's error queue.
[[nodiscard]] Error OpensslError(std::string_view call);

// Empties the thread's OpenSSL error queue after an expected failure (bad signature, bad point),
// so that stale entries do not show up in a later, unrelated error message.
void ClearOpensslErrors();

// A BIGNUM from big-endian bytes; `secret` puts it in OpenSSL's secure heap (when enabled) and
// marks it constant-time.
[[nodiscard]] Result<BnPtr> BnFromBytes(ByteView big_endian, bool secret);

// Minimal big-endian bytes of a non-negative BIGNUM (empty for zero).
[[nodiscard]] Bytes BnToBytes(const BIGNUM* bn);

// Initialises libsodium once (thread-safe); aborts if libsodium cannot start, since no
// cryptography can be done safely without it.
void EnsureSodium();

// A valid pointer for `bytes`, also when the span is empty (C APIs dislike null with length 0).
[[nodiscard]] inline const std::uint8_t* DataOrEmpty(ByteView bytes) {
  static constexpr std::uint8_t kEmpty = 0;
  return bytes.empty() ? &kEmpty : bytes.data();
}

}  // namespace vaardig::crypto::internal
