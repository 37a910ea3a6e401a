// Private to core/crypto: allocation-free r‖s → DER for the verify hot path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/bytes.h"

namespace vaardig::crypto::internal {

// Upper bound of the DER encoding for scalars of `scalar_size` bytes (two INTEGERs, each with a
// possible 0x00 sign byte, in a SEQUENCE; lengths up to 0xffff).
constexpr std::size_t MaxDerSignatureSize(std::size_t scalar_size) {
  return 4 + 2 * (4 + scalar_size + 1);
}

// Writes the DER Ecdsa-Sig-Value of r = p1363[0, n), s = p1363[n, 2n) into `out` and returns its
// length. Preconditions (checked by callers): p1363.size() == 2 * n, 0 < n,
// out.size() >= MaxDerSignatureSize(n).
std::size_t P1363ToDerInto(ByteView p1363, std::span<std::uint8_t> out);

}  // namespace vaardig::crypto::internal
