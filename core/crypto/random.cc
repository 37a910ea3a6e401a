#include "core/crypto/random.h"

#include <sodium.h>

#include <cstdint>
#include <limits>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {

Bytes RandomBytes(std::size_t n) {
  internal::EnsureSodium();
  Bytes out(n);
  if (n > 0) randombytes_buf(out.data(), n);
  return out;
}

SecretBytes RandomSecret(std::size_t n) {
  internal::EnsureSodium();
  SecretBytes out(n);
  if (n > 0) randombytes_buf(out.RevealMutable().data(), n);
  return out;
}

std::uint64_t RandomUniform(std::uint64_t upper_bound) {
  // upper_bound == 0 breaks the precondition; answering 0 beats crashing a server on it.
  if (upper_bound <= 1) return 0;
  internal::EnsureSodium();
  if (upper_bound <= std::numeric_limits<std::uint32_t>::max()) {
    return randombytes_uniform(static_cast<std::uint32_t>(upper_bound));
  }
  // Rejection sampling as in randombytes_uniform: drop the 2^64 mod upper_bound lowest values so
  // that every residue is equally likely.
  const std::uint64_t min = (0 - upper_bound) % upper_bound;
  std::uint64_t r;
  do {
    randombytes_buf(&r, sizeof(r));
  } while (r < min);
  return r % upper_bound;
}

}  // namespace vaardig::crypto
