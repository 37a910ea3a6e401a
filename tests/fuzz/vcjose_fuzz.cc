// libFuzzer target: VC-JOSE-COSE and Open Badges VC-JWT input (format detection, vc+jwt, vp+jwt,
// vc+sd-jwt, vp+sd-jwt, OB VC-JWT verification, EnvelopedVerifiableCredential parsing) never
// crashes or throws, and nothing verifies that the fixed key did not sign.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/common/clock.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/vcjose/enveloped.h"
#include "core/vcjose/format.h"
#include "core/vcjose/ob_jwt.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/vc_sd_jwt.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace vcjose = vaardig::vcjose;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const auto key = *vaardig::jose::PrivateJwk::Generate(vaardig::jose::Algorithm::kEs256);
  static const vcjose::KeyLookup lookup = vcjose::FixedKey(key.public_jwk());
  static const vaardig::FixedClock clock(1'750'000'000);
  // Presentations also try to verify their enveloped credentials with the same key.
  static const vcjose::VerifyOptions options{.credential_key_lookup = lookup};

  (void)vcjose::DetectFormat(text);
  if (vcjose::VerifyVcJwt(text, lookup, clock, options) || vcjose::VerifyVpJwt(text, lookup, clock, options) ||
      vcjose::VerifyVcSdJwt(text, lookup, clock, options) || vcjose::VerifyVpSdJwt(text, lookup, clock, options) ||
      vcjose::VerifyObJwt(text, lookup, clock, options)) {
    std::abort();  // the fuzzer cannot sign with the key
  }
  if (auto json = vaardig::ParseJson(text)) {
    (void)vcjose::ParseEnvelopedCredential(*json);
    (void)vcjose::ObJwtClaims(*json);
  }
  return 0;
}
