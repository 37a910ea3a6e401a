// SHA-256 and SHA-384 (OpenSSL EVP). Thread-safe.
#pragma once

#include <array>
#include <cstdint>

#include "core/common/bytes.h"

namespace vaardig::crypto {

inline constexpr std::size_t kSha256Size = 32;
inline constexpr std::size_t kSha384Size = 48;
using Sha256Digest = std::array<std::uint8_t, kSha256Size>;
using Sha384Digest = std::array<std::uint8_t, kSha384Size>;

[[nodiscard]] Sha256Digest Sha256(ByteView data);
[[nodiscard]] Sha384Digest Sha384(ByteView data);

// Incremental SHA-256 for large or streamed inputs.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;
  void Update(ByteView data);
  [[nodiscard]] Sha256Digest Finish();

 private:
  struct State;
  State* state_;
};

}  // namespace vaardig::crypto
