// libFuzzer target: Token Status List and Bitstring Status List decoding (zlib / gzip bombs,
// bad base64url, odd bit sizes), status references and Status List Tokens never crash or throw,
// and stay within their memory limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/encoding/json.h"
#include "core/status/bitstring_status_list.h"
#include "core/status/status_list_token.h"
#include "core/status/token_status_list.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const vaardig::status::StatusListLimits limits{.max_compressed_bytes = 1 << 16, .max_decompressed_bytes = 1 << 20};
  if (auto json = vaardig::ParseJson(text)) {
    if (auto list = vaardig::status::StatusList::Decode(*json, limits)) {
      (void)list->Get(0);
      (void)list->Get(list->size());
    }
    (void)vaardig::status::ReadStatusReference(*json);
    (void)vaardig::status::ReadBitstringStatusEntry(*json);
  }
  (void)vaardig::status::ZlibDecompress(vaardig::AsBytes(text), 1 << 20);
  for (int bits : {1, 2, 8}) {
    if (auto list = vaardig::status::BitstringStatusList::Decode(
            text, bits, {.max_encoded_bytes = 1 << 16, .max_decoded_bytes = 1 << 20})) {
      (void)list->Get(list->size() - 1);
    }
  }
  static const auto key = *vaardig::jose::PrivateJwk::Generate(vaardig::jose::Algorithm::kEs256);
  static vaardig::FixedClock clock(1'800'000'000);
  (void)vaardig::status::VerifyStatusListToken(text, key.public_jwk(),
                                               {.clock = &clock, .skew_seconds = 60, .expected_sub = "", .limits = limits});
  return 0;
}
