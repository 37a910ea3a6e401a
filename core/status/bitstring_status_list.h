// W3C Bitstring Status List v1.0 (Recommendation, 2025): the status mechanism of VCDM 2.0 and Open
// Badges credentials.
//
//   encodedList = multibase base64url ('u', no padding) of GZIP(bitstring)
//   entry i occupies bits [i·statusSize, (i+1)·statusSize), bit 0 being the most significant
//   bit of the first byte (§4.1 / §3.2 "left-most bit"); at least 131,072 entries (16 KiB at
//   statusSize 1) so that a list hides which credential is checked (herd privacy, §5.1).
//
// Credential entries (§2.1): {"id", "type": "BitstringStatusListEntry", "statusPurpose",
// "statusListIndex" (a string of decimal digits), "statusListCredential" (a URL), "statusSize"?}.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::status {

inline constexpr std::size_t kBitstringMinEntries = 131072;

struct BitstringLimits {
  std::size_t max_encoded_bytes = 1 << 20;       // the multibase text
  std::size_t max_decoded_bytes = 16 << 20;      // 128 Mi one-bit entries
};

class BitstringStatusList {
 public:
  // `entries` ≥ kBitstringMinEntries; `status_size` in 1..8 bits. invalid_argument otherwise.
  [[nodiscard]] static Result<BitstringStatusList> Create(std::size_t entries, int status_size = 1);
  // Decodes an encodedList. The decoded bitstring must hold at least kBitstringMinEntries entries
  // (§3.2 step: "length < 16KB" is an error).
  [[nodiscard]] static Result<BitstringStatusList> Decode(std::string_view encoded_list, int status_size = 1,
                                                          const BitstringLimits& limits = {});

  [[nodiscard]] Result<std::string> Encode() const;
  [[nodiscard]] std::size_t size() const { return bits_.size() * 8 / static_cast<std::size_t>(status_size_); }
  [[nodiscard]] int status_size() const { return status_size_; }
  // range error (§3.2): invalid_argument when index is beyond the list.
  [[nodiscard]] Result<std::uint8_t> Get(std::size_t index) const;
  [[nodiscard]] Status Set(std::size_t index, std::uint8_t value);

 private:
  BitstringStatusList(Bytes bits, int status_size) : bits_(std::move(bits)), status_size_(status_size) {}
  Bytes bits_;
  int status_size_;
};

struct BitstringStatusEntry {
  std::string id;                   // optional in the spec; "" when absent
  std::string status_purpose;       // "revocation", "suspension", "refresh", "message"
  std::size_t status_list_index = 0;
  std::string status_list_credential;
  int status_size = 1;
};

// Reads one BitstringStatusListEntry object. invalid_argument, naming the member, when malformed.
[[nodiscard]] Result<BitstringStatusEntry> ReadBitstringStatusEntry(const Json& entry);
[[nodiscard]] Json MakeBitstringStatusEntry(const BitstringStatusEntry& entry);

}  // namespace vaardig::status
