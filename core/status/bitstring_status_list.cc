#include "core/status/bitstring_status_list.h"

#include <charconv>

#include "core/encoding/multibase.h"
#include "core/status/token_status_list.h"

namespace vaardig::status {

Result<BitstringStatusList> BitstringStatusList::Create(std::size_t entries, int status_size) {
  if (status_size < 1 || status_size > 8) {
    return Fail(ErrorCode::kInvalidArgument, "statusSize must be between 1 and 8 bits");
  }
  if (entries < kBitstringMinEntries) {
    return Fail(ErrorCode::kInvalidArgument, "a Bitstring Status List has at least 131,072 entries (herd privacy)");
  }
  if (entries > (std::size_t{1} << 30)) return Fail(ErrorCode::kInvalidArgument, "status list too large");
  const std::size_t bits = entries * static_cast<std::size_t>(status_size);
  return BitstringStatusList(Bytes((bits + 7) / 8, 0), status_size);
}

Result<BitstringStatusList> BitstringStatusList::Decode(std::string_view encoded_list, int status_size,
                                                        const BitstringLimits& limits) {
  if (status_size < 1 || status_size > 8) {
    return Fail(ErrorCode::kInvalidArgument, "statusSize must be between 1 and 8 bits");
  }
  if (encoded_list.size() > limits.max_encoded_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "encodedList is larger than the limit");
  }
  if (encoded_list.empty() || encoded_list[0] != 'u') {
    return Fail(ErrorCode::kInvalidArgument, "encodedList must be multibase base64url (starting with 'u')");
  }
  auto compressed = encoding::MultibaseDecode(encoded_list);
  if (!compressed) return Fail(compressed.error().WithContext("encodedList"));
  auto bits = GzipDecompress(*compressed, limits.max_decoded_bytes);
  if (!bits) return Fail(bits.error().WithContext("encodedList"));
  if (bits->size() * 8 < kBitstringMinEntries) {
    return Fail(ErrorCode::kInvalidArgument, "the decoded status list is shorter than 16 KiB");
  }
  return BitstringStatusList(std::move(*bits), status_size);
}

Result<std::string> BitstringStatusList::Encode() const {
  VAARDIG_ASSIGN_OR_RETURN(const Bytes compressed, GzipCompress(bits_));
  return encoding::MultibaseEncode(encoding::Multibase::kBase64Url, compressed);
}

Result<std::uint8_t> BitstringStatusList::Get(std::size_t index) const {
  if (index >= size()) {
    return Fail(ErrorCode::kInvalidArgument, "status index " + std::to_string(index) + " is beyond the list of " +
                                                 std::to_string(size()) + " entries");
  }
  std::uint8_t value = 0;
  const std::size_t first = index * static_cast<std::size_t>(status_size_);
  for (int k = 0; k < status_size_; ++k) {
    const std::size_t bit = first + static_cast<std::size_t>(k);
    const int b = (bits_[bit / 8] >> (7 - bit % 8)) & 1;  // bit 0 = most significant bit of byte 0
    value = static_cast<std::uint8_t>((value << 1) | b);
  }
  return value;
}

Status BitstringStatusList::Set(std::size_t index, std::uint8_t value) {
  if (index >= size()) return Fail(ErrorCode::kInvalidArgument, "status index beyond the list");
  if (status_size_ < 8 && value >= (1u << status_size_)) {
    return Fail(ErrorCode::kInvalidArgument, "status value does not fit in statusSize bits");
  }
  const std::size_t first = index * static_cast<std::size_t>(status_size_);
  for (int k = 0; k < status_size_; ++k) {
    const std::size_t bit = first + static_cast<std::size_t>(k);
    const int b = (value >> (status_size_ - 1 - k)) & 1;
    const auto mask = static_cast<std::uint8_t>(1u << (7 - bit % 8));
    bits_[bit / 8] = static_cast<std::uint8_t>(b ? (bits_[bit / 8] | mask) : (bits_[bit / 8] & ~mask));
  }
  return Ok();
}

Result<BitstringStatusEntry> ReadBitstringStatusEntry(const Json& entry) {
  if (!entry.is_object()) return Fail(ErrorCode::kInvalidArgument, "credentialStatus must be an object");
  if (entry.value("type", "") != "BitstringStatusListEntry") {
    return Fail(ErrorCode::kInvalidArgument, "credentialStatus type is not BitstringStatusListEntry");
  }
  BitstringStatusEntry out;
  if (entry.contains("id")) {
    if (!entry["id"].is_string()) return Fail(ErrorCode::kInvalidArgument, "credentialStatus id must be a string");
    out.id = entry["id"].get<std::string>();
  }
  VAARDIG_ASSIGN_OR_RETURN(out.status_purpose, GetString(entry, "statusPurpose"));
  VAARDIG_ASSIGN_OR_RETURN(const std::string index, GetString(entry, "statusListIndex"));
  if (index.empty() || index.size() > 12 || (index.size() > 1 && index[0] == '0')) {
    return Fail(ErrorCode::kInvalidArgument, "statusListIndex must be a decimal integer string");
  }
  const auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), out.status_list_index);
  if (ec != std::errc() || end != index.data() + index.size()) {
    return Fail(ErrorCode::kInvalidArgument, "statusListIndex must be a decimal integer string");
  }
  VAARDIG_ASSIGN_OR_RETURN(out.status_list_credential, GetString(entry, "statusListCredential"));
  if (!out.status_list_credential.starts_with("https://") && !out.status_list_credential.starts_with("http://")) {
    return Fail(ErrorCode::kInvalidArgument, "statusListCredential must be an http(s) URL");
  }
  if (entry.contains("statusSize")) {
    if (!entry["statusSize"].is_number_unsigned() || entry["statusSize"].get<int>() < 1 ||
        entry["statusSize"].get<int>() > 8) {
      return Fail(ErrorCode::kInvalidArgument, "statusSize must be an integer from 1 to 8");
    }
    out.status_size = entry["statusSize"].get<int>();
  }
  return out;
}

Json MakeBitstringStatusEntry(const BitstringStatusEntry& entry) {
  Json out = Json::object();
  if (!entry.id.empty()) out["id"] = entry.id;
  out["type"] = "BitstringStatusListEntry";
  out["statusPurpose"] = entry.status_purpose;
  out["statusListIndex"] = std::to_string(entry.status_list_index);
  out["statusListCredential"] = entry.status_list_credential;
  if (entry.status_size != 1) out["statusSize"] = entry.status_size;
  return out;
}

}  // namespace vaardig::status
