#include "core/encoding/base64url.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace vaardig::encoding {
namespace {

constexpr std::string_view kBase64UrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xff;

using DecodeTable = std::array<std::uint8_t, 256>;

constexpr DecodeTable MakeDecodeTable(std::string_view alphabet) {
  DecodeTable table{};
  table.fill(kInvalid);
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr DecodeTable kBase64UrlTable = MakeDecodeTable(kBase64UrlAlphabet);
constexpr DecodeTable kBase64Table = MakeDecodeTable(kBase64Alphabet);

std::string Encode(ByteView data, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) |
                            std::uint32_t{data[i + 2]};
    out.push_back(alphabet[(n >> 18) & 63]);
    out.push_back(alphabet[(n >> 12) & 63]);
    out.push_back(alphabet[(n >> 6) & 63]);
    out.push_back(alphabet[n & 63]);
  }
  const std::size_t rest = data.size() - i;
  if (rest == 0) return out;
  std::uint32_t n = std::uint32_t{data[i]} << 16;
  if (rest == 2) n |= std::uint32_t{data[i + 1]} << 8;
  out.push_back(alphabet[(n >> 18) & 63]);
  out.push_back(alphabet[(n >> 12) & 63]);
  if (rest == 2) out.push_back(alphabet[(n >> 6) & 63]);
  if (pad) out.append(3 - rest, '=');
  return out;
}

std::string CharError(std::string_view what, std::string_view text, std::size_t at) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto c = static_cast<unsigned char>(text[at]);
  std::string message(what);
  message += ": invalid character 0x";
  message += kHex[c >> 4];
  message += kHex[c & 15];
  message += " at offset ";
  message += std::to_string(at);
  return message;
}

// Decodes unpadded text. Out is Bytes or std::string.
template <typename Out>
Result<Out> DecodeUnpadded(std::string_view text, const DecodeTable& table, std::string_view what) {
  if (text.size() % 4 == 1) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + ": length " +
                                                 std::to_string(text.size()) +
                                                 " is impossible (4k+1 characters)");
  }
  Out out;
  out.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::uint8_t v = table[static_cast<unsigned char>(text[i])];
    if (v == kInvalid) [[unlikely]] {
      return Fail(ErrorCode::kInvalidArgument, CharError(what, text, i));
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<typename Out::value_type>((acc >> bits) & 0xff));
    }
  }
  // 2 or 4 bits are left over for 3k+1 or 3k+2 bytes; a canonical encoding leaves them zero.
  if ((acc & ((1u << bits) - 1)) != 0) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(what) + ": non-zero trailing bits (non-canonical encoding)");
  }
  return out;
}

template <typename Out>
Result<Out> DecodeBase64Url(std::string_view text) {
  if (text.find('=') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "base64url: '=' padding is not allowed");
  }
  return DecodeUnpadded<Out>(text, kBase64UrlTable, "base64url");
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Base64UrlEncode(ByteView data) { return Encode(data, kBase64UrlAlphabet, false); }

Result<Bytes> Base64UrlDecode(std::string_view text) { return DecodeBase64Url<Bytes>(text); }

Result<std::string> Base64UrlDecodeToString(std::string_view text) {
  return DecodeBase64Url<std::string>(text);
}

std::string Base64Encode(ByteView data) { return Encode(data, kBase64Alphabet, true); }

Result<Bytes> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "base64: length " + std::to_string(text.size()) + " is not a multiple of 4");
  }
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  // Any '=' left (a third one, or one in the middle) is reported as an invalid character.
  return DecodeUnpadded<Bytes>(text.substr(0, text.size() - padding), kBase64Table, "base64");
}

std::string HexEncode(ByteView data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (const std::uint8_t b : data) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

Result<Bytes> HexDecode(std::string_view text) {
  if (text.size() % 2 != 0) {
    return Fail(ErrorCode::kInvalidArgument, "hex: odd length " + std::to_string(text.size()));
  }
  Bytes out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = HexValue(text[i]);
    const int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) {
      return Fail(ErrorCode::kInvalidArgument, CharError("hex", text, hi < 0 ? i : i + 1));
    }
    out.push_back(static_cast<std::uint8_t>((hi << 4) | lo));
  }
  return out;
}

}  // namespace vaardig::encoding
