// base58btc (the Bitcoin alphabet), as used by multibase 'z' (did:key, Data Integrity proofValue).
// Leading zero bytes map to leading '1's. Characters outside the alphabet: invalid_argument.
// Input length is capped (kMaxBase58Input) because decoding is quadratic.
#pragma once

#include <string>
#include <string_view>

#include "core/common/bytes.h"
#include "core/common/error.h"

namespace vaardig::encoding {

inline constexpr std::size_t kMaxBase58Input = 4096;

[[nodiscard]] std::string Base58BtcEncode(ByteView data);
[[nodiscard]] Result<Bytes> Base58BtcDecode(std::string_view text);

}  // namespace vaardig::encoding
