// Multibase (draft-multiformats-multibase): 'z' base58btc and 'u' base64url (no padding).
// Any other prefix: unimplemented; an empty string: invalid_argument.
// Multicodec unsigned varints (LEB128, at most 9 bytes, minimal encoding required) and the
// multicodec prefixes Vaardig uses (ed25519-pub 0xed, p256-pub 0x1200, ed25519-priv 0x1300).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/bytes.h"
#include "core/common/error.h"

namespace vaardig::encoding {

enum class Multibase : char { kBase58Btc = 'z', kBase64Url = 'u' };

[[nodiscard]] std::string MultibaseEncode(Multibase base, ByteView data);
[[nodiscard]] Result<Bytes> MultibaseDecode(std::string_view text);

inline constexpr std::uint64_t kMulticodecEd25519Pub = 0xed;
inline constexpr std::uint64_t kMulticodecP256Pub = 0x1200;
inline constexpr std::uint64_t kMulticodecEd25519Priv = 0x1300;

[[nodiscard]] Bytes VarintEncode(std::uint64_t value);
struct VarintDecoded {
  std::uint64_t value;
  std::size_t length;  // bytes consumed
};
// invalid_argument on truncation, over-long (non-minimal) encodings, or more than 9 bytes.
[[nodiscard]] Result<VarintDecoded> VarintDecode(ByteView data);

// Prefixes `data` with the varint of `codec`.
[[nodiscard]] Bytes MulticodecWrap(std::uint64_t codec, ByteView data);
struct MulticodecValue {
  std::uint64_t codec;
  Bytes data;
};
[[nodiscard]] Result<MulticodecValue> MulticodecUnwrap(ByteView data);

}  // namespace vaardig::encoding
