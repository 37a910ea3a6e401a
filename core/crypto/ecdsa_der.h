// The one place where ECDSA signatures change between JOSE's fixed-size r‖s (RFC 7518 §3.4, IEEE
// P1363) and ASN.1 DER Ecdsa-Sig-Value (what OpenSSL speaks).
#pragma once

#include "core/common/bytes.h"
#include "core/common/error.h"

namespace vaardig::crypto {

// `p1363` is r‖s, each `scalar_size` bytes: invalid_argument on a wrong length.
[[nodiscard]] Result<Bytes> P1363ToDer(ByteView p1363, std::size_t scalar_size);
// Strict DER (minimal lengths, no trailing data, positive integers): invalid_argument otherwise;
// r or s longer than scalar_size: invalid_argument.
[[nodiscard]] Result<Bytes> DerToP1363(ByteView der, std::size_t scalar_size);

}  // namespace vaardig::crypto
