// libFuzzer target: compact JWS parsing and verification never crash or throw, and nothing that
// was not signed by the fixed key verifies (the fuzzer cannot forge ES256 or EdDSA).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/jose/jws.h"
#include "core/jose/jwt.h"

namespace {

const vaardig::jose::PrivateJwk& Key(vaardig::jose::Algorithm alg) {
  static const auto es = *vaardig::jose::PrivateJwk::Generate(vaardig::jose::Algorithm::kEs256);
  static const auto ed = *vaardig::jose::PrivateJwk::Generate(vaardig::jose::Algorithm::kEdDsa);
  return alg == vaardig::jose::Algorithm::kEs256 ? es : ed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto parsed = vaardig::jose::ParseCompactJws(text)) {
    vaardig::jose::JwsVerifyOptions options;
    options.understood_crit = {"exp"};
    for (auto alg : {vaardig::jose::Algorithm::kEs256, vaardig::jose::Algorithm::kEdDsa}) {
      if (vaardig::jose::VerifyParsedJws(*parsed, Key(alg).public_jwk(), options)) std::abort();
    }
  }
  vaardig::FixedClock clock(1'800'000'000);
  (void)vaardig::jose::VerifyJwt(text, Key(vaardig::jose::Algorithm::kEs256).public_jwk(), {},
                                 {.clock = &clock});
  if (auto claims = vaardig::ParseJson(text)) {
    (void)vaardig::jose::ValidateJwtClaims(*claims, {.clock = &clock});
  }
  return 0;
}
