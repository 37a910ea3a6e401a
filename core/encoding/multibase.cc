#include "core/encoding/multibase.h"

#include <string>
#include <string_view>

#include "core/encoding/base58.h"
#include "core/encoding/base64url.h"

namespace vaardig::encoding {
namespace {

// multiformats/unsigned-varint: at most 9 bytes, i.e. 63 bits of payload.
constexpr std::size_t kMaxVarintBytes = 9;

}  // namespace

std::string MultibaseEncode(Multibase base, ByteView data) {
  std::string out(1, static_cast<char>(base));
  switch (base) {
    case Multibase::kBase58Btc: out += Base58BtcEncode(data); break;
    case Multibase::kBase64Url: out += Base64UrlEncode(data); break;
  }
  return out;
}

Result<Bytes> MultibaseDecode(std::string_view text) {
  if (text.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "multibase: empty string has no base prefix");
  }
  const std::string_view payload = text.substr(1);
  switch (text.front()) {
    case static_cast<char>(Multibase::kBase58Btc): return Base58BtcDecode(payload);
    case static_cast<char>(Multibase::kBase64Url): return Base64UrlDecode(payload);
    default: break;
  }
  const auto prefix = static_cast<unsigned char>(text.front());
  std::string message = "multibase: unsupported base prefix ";
  if (prefix >= 0x21 && prefix < 0x7f) {
    message += '\'';
    message += static_cast<char>(prefix);
    message += "' (only 'z' base58btc and 'u' base64url are implemented)";
  } else {
    message += "byte " + std::to_string(prefix);
  }
  return Fail(ErrorCode::kUnimplemented, std::move(message));
}

// Values of 2^63 and above need a 10th byte, which VarintDecode rejects; the multicodec
// table has no such codes.
Bytes VarintEncode(std::uint64_t value) {
  Bytes out;
  while (value >= 0x80) {
    out.push_back(static_cast<std::uint8_t>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(value));
  return out;
}

Result<VarintDecoded> VarintDecode(ByteView data) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::uint8_t byte = data[i];
    value |= std::uint64_t{byte & 0x7fu} << (7 * i);
    if ((byte & 0x80) != 0) {
      if (i + 1 == kMaxVarintBytes) {
        return Fail(ErrorCode::kInvalidArgument, "varint: longer than 9 bytes");
      }
    } else {
      // A final 0x00 after other bytes adds nothing: the same value has a shorter encoding.
      if (byte == 0 && i > 0) {
        return Fail(ErrorCode::kInvalidArgument, "varint: not minimally encoded");
      }
      return VarintDecoded{.value = value, .length = i + 1};
    }
  }
  return Fail(ErrorCode::kInvalidArgument, "varint: truncated");
}

Bytes MulticodecWrap(std::uint64_t codec, ByteView data) {
  Bytes out = VarintEncode(codec);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

Result<MulticodecValue> MulticodecUnwrap(ByteView data) {
  auto prefix = VarintDecode(data);
  if (!prefix) return Fail(prefix.error().WithContext("multicodec prefix"));
  return MulticodecValue{
      .codec = prefix->value,
      .data = Bytes(data.begin() + static_cast<std::ptrdiff_t>(prefix->length), data.end())};
}

}  // namespace vaardig::encoding
