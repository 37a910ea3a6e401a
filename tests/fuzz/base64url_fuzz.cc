// libFuzzer target for the strict decoders: none may crash, and whenever one accepts its input,
// encoding the result must give back exactly that input (one canonical encoding per value).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/encoding/base58.h"
#include "core/encoding/base64url.h"
#include "core/encoding/multibase.h"

namespace {

void CheckHex(std::string_view text) {
  auto decoded = vaardig::encoding::HexDecode(text);
  if (!decoded) return;
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (vaardig::encoding::HexEncode(*decoded) != lower) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace enc = vaardig::encoding;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto decoded = enc::Base64UrlDecode(text)) {
    if (enc::Base64UrlEncode(*decoded) != text) std::abort();
    auto as_string = enc::Base64UrlDecodeToString(text);
    if (!as_string || vaardig::AsBytes(*as_string).size() != decoded->size()) std::abort();
  } else if (enc::Base64UrlDecodeToString(text)) {
    std::abort();  // the two entry points must agree
  }

  if (auto decoded = enc::Base64Decode(text)) {
    if (enc::Base64Encode(*decoded) != text) std::abort();
  }

  if (auto decoded = enc::Base58BtcDecode(text)) {
    if (enc::Base58BtcEncode(*decoded) != text) std::abort();
  }

  if (auto decoded = enc::VarintDecode(vaardig::ByteView(data, size))) {
    const vaardig::Bytes encoded = enc::VarintEncode(decoded->value);
    if (encoded != vaardig::Bytes(data, data + decoded->length)) std::abort();
  }

  CheckHex(text);

  // Any byte string round-trips through every encoder.
  const vaardig::ByteView bytes(data, size);
  if (enc::Base64UrlDecode(enc::Base64UrlEncode(bytes)) != vaardig::Bytes(data, data + size)) {
    std::abort();
  }
  if (size <= 512) {  // base58 is quadratic
    auto round = enc::MultibaseDecode(enc::MultibaseEncode(enc::Multibase::kBase58Btc, bytes));
    if (!round || *round != vaardig::Bytes(data, data + size)) std::abort();
  }
  return 0;
}
