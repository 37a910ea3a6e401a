// Multikey public keys (W3C Controlled Identifiers 1.0 §2.2.2,
// https://www.w3.org/TR/cid-1.0/#Multikey): multibase base58btc ('z') of the multicodec-prefixed
// key bytes. Vaardig supports two:
//
//   ed25519-pub 0xed   (varint ed 01)  + 32-byte key              → "z6Mk..."
//   p256-pub    0x1200 (varint 80 24)  + 33-byte compressed SEC1  → "zDn..."
//
// Decoding: another multibase than 'z', a truncated or non-minimal varint, a wrong key length, an
// uncompressed P-256 point, a point off the curve or a private-key codec: invalid_argument; a
// well-formed key of another codec (secp256k1, X25519, P-384, BLS, RSA, ...): unimplemented.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/jose/jwk.h"

namespace vaardig::did {

[[nodiscard]] Result<jose::PublicJwk> DecodeMultikey(std::string_view multibase);
// RSA keys: unimplemented (no Multikey encoding is defined for them here).
[[nodiscard]] Result<std::string> EncodeMultikey(const jose::PublicJwk& key);

}  // namespace vaardig::did
