#include "core/encoding/base64url.h"

#include <algorithm>
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

// Appends the encoding of `data` to `out`.
void EncodeAppend(ByteView data, std::string_view alphabet, bool pad, std::string& out) {
  const std::size_t groups = data.size() / 3;
  const std::size_t rest = data.size() % 3;
  const std::size_t start = out.size();
  out.resize(start + groups * 4 + (rest == 0 ? 0 : (pad ? 4 : rest + 1)));
  char* dst = out.data() + start;
  const std::uint8_t* src = data.data();
  for (std::size_t g = 0; g < groups; ++g, src += 3, dst += 4) {
    const std::uint32_t n = (std::uint32_t{src[0]} << 16) | (std::uint32_t{src[1]} << 8) |
                            std::uint32_t{src[2]};
    dst[0] = alphabet[(n >> 18) & 63];
    dst[1] = alphabet[(n >> 12) & 63];
    dst[2] = alphabet[(n >> 6) & 63];
    dst[3] = alphabet[n & 63];
  }
  if (rest == 0) return;
  std::uint32_t n = std::uint32_t{src[0]} << 16;
  if (rest == 2) n |= std::uint32_t{src[1]} << 8;
  *dst++ = alphabet[(n >> 18) & 63];
  *dst++ = alphabet[(n >> 12) & 63];
  if (rest == 2) *dst++ = alphabet[(n >> 6) & 63];
  if (pad) std::fill_n(dst, 3 - rest, '=');
}

std::string Encode(ByteView data, std::string_view alphabet, bool pad) {
  std::string out;
  EncodeAppend(data, alphabet, pad, out);
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

// Decodes unpadded text. Out is Bytes or std::string. Four characters at a time into an output
// sized up front; a group with an invalid character is rescanned to report the first one.
template <typename Out>
Result<Out> DecodeUnpadded(std::string_view text, const DecodeTable& table, std::string_view what) {
  if (text.size() % 4 == 1) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + ": length " +
                                                 std::to_string(text.size()) +
                                                 " is impossible (4k+1 characters)");
  }
  const std::size_t groups = text.size() / 4;
  const std::size_t rest = text.size() % 4;  // 0, 2 or 3 characters: 0, 1 or 2 bytes
  Out out;
  out.resize(groups * 3 + (rest == 0 ? 0 : rest - 1));
  auto* dst = reinterpret_cast<std::uint8_t*>(out.data());
  const auto* src = reinterpret_cast<const unsigned char*>(text.data());
  const auto invalid_at = [&](std::size_t from) -> Error {
    std::size_t at = from;
    while (table[static_cast<unsigned char>(text[at])] != kInvalid) ++at;
    return Error(ErrorCode::kInvalidArgument, CharError(what, text, at));
  };
  for (std::size_t g = 0; g < groups; ++g, src += 4, dst += 3) {
    const std::uint32_t a = table[src[0]];
    const std::uint32_t b = table[src[1]];
    const std::uint32_t c = table[src[2]];
    const std::uint32_t d = table[src[3]];
    if (((a | b | c | d) & 0x80) != 0) [[unlikely]] {
      return Fail(invalid_at(g * 4));
    }
    const std::uint32_t n = (a << 18) | (b << 12) | (c << 6) | d;
    dst[0] = static_cast<std::uint8_t>(n >> 16);
    dst[1] = static_cast<std::uint8_t>(n >> 8);
    dst[2] = static_cast<std::uint8_t>(n);
  }
  if (rest != 0) {
    const std::uint32_t a = table[src[0]];
    const std::uint32_t b = table[src[1]];
    const std::uint32_t c = rest == 3 ? table[src[2]] : 0;
    if (((a | b | c) & 0x80) != 0) [[unlikely]] {
      return Fail(invalid_at(groups * 4));
    }
    const std::uint32_t n = (a << 18) | (b << 12) | (c << 6);
    dst[0] = static_cast<std::uint8_t>(n >> 16);
    if (rest == 3) dst[1] = static_cast<std::uint8_t>(n >> 8);
    // 4 or 2 bits are left over for 3k+1 or 3k+2 bytes; a canonical encoding leaves them zero.
    const std::uint32_t leftover = rest == 2 ? (n & 0xffff) : (n & 0xff);
    if (leftover != 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(what) + ": non-zero trailing bits (non-canonical encoding)");
    }
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

void Base64UrlEncodeAppend(ByteView data, std::string& out) {
  EncodeAppend(data, kBase64UrlAlphabet, false, out);
}

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
