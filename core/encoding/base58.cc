#include "core/encoding/base58.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vaardig::encoding {
namespace {

constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> MakeDecodeTable() {
  std::array<std::uint8_t, 256> table{};
  table.fill(kInvalid);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> kDecodeTable = MakeDecodeTable();

}  // namespace

// Both directions are schoolbook base conversion over a big-endian digit buffer: O(n^2).
std::string Base58BtcEncode(ByteView data) {
  std::size_t zeros = 0;
  while (zeros < data.size() && data[zeros] == 0) ++zeros;
  // log(256)/log(58) < 1.38: enough base58 digits for the rest.
  std::vector<std::uint8_t> digits((data.size() - zeros) * 138 / 100 + 1);
  std::size_t used = 0;  // digits in use, counted from the end
  for (std::size_t i = zeros; i < data.size(); ++i) {
    std::uint32_t carry = data[i];
    std::size_t j = 0;
    for (auto it = digits.rbegin(); (carry != 0 || j < used) && it != digits.rend(); ++it, ++j) {
      carry += std::uint32_t{*it} << 8;
      *it = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    used = j;
  }
  std::string out(zeros, '1');
  out.reserve(zeros + used);
  for (std::size_t i = digits.size() - used; i < digits.size(); ++i) {
    out.push_back(kAlphabet[digits[i]]);
  }
  return out;
}

Result<Bytes> Base58BtcDecode(std::string_view text) {
  if (text.size() > kMaxBase58Input) {
    return Fail(ErrorCode::kResourceExhausted,
                "base58btc: input of " + std::to_string(text.size()) +
                    " characters exceeds the limit of " + std::to_string(kMaxBase58Input));
  }
  std::size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  // log(58)/log(256) < 0.733: enough bytes for the rest.
  std::vector<std::uint8_t> bytes((text.size() - ones) * 733 / 1000 + 1);
  std::size_t used = 0;
  for (std::size_t i = ones; i < text.size(); ++i) {
    const std::uint8_t digit = kDecodeTable[static_cast<unsigned char>(text[i])];
    if (digit == kInvalid) {
      return Fail(ErrorCode::kInvalidArgument,
                  "base58btc: invalid character at offset " + std::to_string(i));
    }
    std::uint32_t carry = digit;
    std::size_t j = 0;
    for (auto it = bytes.rbegin(); (carry != 0 || j < used) && it != bytes.rend(); ++it, ++j) {
      carry += std::uint32_t{*it} * 58;
      *it = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    used = j;
  }
  Bytes out(ones, 0);
  out.insert(out.end(), bytes.end() - static_cast<std::ptrdiff_t>(used), bytes.end());
  return out;
}

}  // namespace vaardig::encoding
