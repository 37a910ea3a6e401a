// CSPRNG (libsodium randombytes_buf, seeded from the OS). Safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>

#include "core/common/bytes.h"
#include "core/crypto/secret_bytes.h"

namespace vaardig::crypto {

[[nodiscard]] Bytes RandomBytes(std::size_t n);
[[nodiscard]] SecretBytes RandomSecret(std::size_t n);
// Uniform in [0, upper_bound) without modulo bias; upper_bound must be > 0.
[[nodiscard]] std::uint64_t RandomUniform(std::uint64_t upper_bound);

}  // namespace vaardig::crypto
