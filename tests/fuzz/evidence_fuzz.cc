// libFuzzer target for evidence uploads: SanitizeEvidence must never crash on any bytes, and
// whatever it accepts must be a fixed point: sanitizing the stored bytes again keeps the same
// type and bytes and removes nothing, the stored bytes are never longer than the upload, and
// sha256_hex is the hash of the stored bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "issuer/domain/evidence.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kLimit = 1 << 20;
  const vaardig::ByteView input(data, size);
  auto first = vaardig::issuer::SanitizeEvidence(input, kLimit);
  if (!first) return 0;
  if (first->bytes.size() > size) std::abort();
  if (first->sha256_hex != vaardig::encoding::HexEncode(vaardig::crypto::Sha256(first->bytes))) {
    std::abort();
  }
  auto second = vaardig::issuer::SanitizeEvidence(first->bytes, kLimit);
  if (!second || second->bytes != first->bytes || !second->removed.empty() ||
      second->media_type != first->media_type) {
    std::abort();
  }
  return 0;
}
