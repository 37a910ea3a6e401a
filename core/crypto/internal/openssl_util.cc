#include "core/crypto/internal/openssl_util.h"

#include <openssl/err.h>
#include <sodium.h>

#include <cstdlib>
#include <string>

namespace vaardig::crypto::internal {

Error OpensslError(std::string_view call) {
  std::string message(call);
  message += " failed";
  if (const unsigned long code = ERR_peek_error(); code != 0) {
    char reason[256];
    ERR_error_string_n(code, reason, sizeof(reason));
    message += ": ";
    message += reason;
  }
  ERR_clear_error();
  return Error(ErrorCode::kInternal, std::move(message));
}

void ClearOpensslErrors() { ERR_clear_error(); }

Result<BnPtr> BnFromBytes(ByteView big_endian, bool secret) {
  BnPtr bn(secret ? BN_secure_new() : BN_new());
  if (bn == nullptr) return Fail(OpensslError(secret ? "BN_secure_new" : "BN_new"));
  if (secret) BN_set_flags(bn.get(), BN_FLG_CONSTTIME);
  if (BN_bin2bn(DataOrEmpty(big_endian), static_cast<int>(big_endian.size()), bn.get()) ==
      nullptr) {
    return Fail(OpensslError("BN_bin2bn"));
  }
  return bn;
}

Bytes BnToBytes(const BIGNUM* bn) {
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn)));
  BN_bn2bin(bn, out.data());
  return out;
}

void EnsureSodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) std::abort();
}

}  // namespace vaardig::crypto::internal
