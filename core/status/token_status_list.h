// IETF Token Status List (draft-ietf-oauth-status-list; DIIP v5 pins -15): a compressed array of
// 1, 2, 4 or 8-bit statuses, least significant bits first (§4.1).
//
//   {"bits": 1, "lst": base64url(zlib(DEFLATE(bytes)))}
//
// Decoding caps the decompressed size (a zip bomb costs nothing to send), so a hostile list yields
// resource_exhausted. Not thread-safe for writes; const access may be shared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::status {

// Status values registered by the draft (§7.1). Others (0x03, 0x0C-0x0F) are application-specific.
enum class TokenStatus : std::uint8_t { kValid = 0x00, kInvalid = 0x01, kSuspended = 0x02 };

struct StatusListLimits {
  std::size_t max_compressed_bytes = 1 << 20;   // 1 MiB of base64url text
  std::size_t max_decompressed_bytes = 1 << 22;  // 4 MiB: 32 Mi one-bit entries
};

class StatusList {
 public:
  // `bits` must be 1, 2, 4 or 8; `size` entries, all 0 (valid). invalid_argument otherwise.
  [[nodiscard]] static Result<StatusList> Create(int bits, std::size_t size);
  [[nodiscard]] static Result<StatusList> FromBytes(int bits, Bytes bytes);
  // Parses and inflates {"bits", "lst"}.
  [[nodiscard]] static Result<StatusList> Decode(const Json& status_list,
                                                 const StatusListLimits& limits = {});

  // {"bits": n, "lst": "..."} with the bytes DEFLATE-compressed at the best level.
  [[nodiscard]] Result<Json> Encode() const;

  [[nodiscard]] int bits() const { return bits_; }
  // Number of entries (bytes × 8 / bits).
  [[nodiscard]] std::size_t size() const { return bytes_.size() * 8 / static_cast<std::size_t>(bits_); }
  [[nodiscard]] const Bytes& bytes() const { return bytes_; }

  // invalid_argument for an index beyond the list (a verifier must reject the referenced token:
  // §8.3 step 6) or a value that does not fit in `bits`.
  [[nodiscard]] Result<std::uint8_t> Get(std::size_t index) const;
  [[nodiscard]] Status Set(std::size_t index, std::uint8_t value);

 private:
  StatusList(int bits, Bytes bytes) : bits_(bits), bytes_(std::move(bytes)) {}
  int bits_;
  Bytes bytes_;
};

// zlib (RFC 1950, Token Status List) and gzip (RFC 1952, Bitstring Status List): compress, and
// decompress bounded by max_output (resource_exhausted beyond). Each accepts only its own format.
[[nodiscard]] Result<Bytes> ZlibCompress(ByteView data);
[[nodiscard]] Result<Bytes> ZlibDecompress(ByteView data, std::size_t max_output);
[[nodiscard]] Result<Bytes> GzipCompress(ByteView data);
[[nodiscard]] Result<Bytes> GzipDecompress(ByteView data, std::size_t max_output);

}  // namespace vaardig::status
