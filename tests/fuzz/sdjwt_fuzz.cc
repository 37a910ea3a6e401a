// libFuzzer target: SD-JWT parsing (compact and JSON serialization), disclosure parsing and SD-JWT
// VC verification never crash or throw; nothing verifies that the fixed issuer key did not sign;
// and a parsed compact SD-JWT serializes back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/jose/jwk.h"
#include "core/sdjwt/disclosure.h"
#include "core/sdjwt/sd_jwt.h"
#include "core/sdjwt/vc.h"
#include "core/sdjwt/verifier.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const auto issuer = *vaardig::jose::PrivateJwk::Generate(vaardig::jose::Algorithm::kEs256);
  static vaardig::FixedClock clock(1'800'000'000);

  if (auto parts = vaardig::sdjwt::ParseSdJwt(text)) {
    if (!parts->json_serialization && parts->SerializeCompact() != text) std::abort();
  }
  (void)vaardig::sdjwt::ParseDisclosure(text, {});
  vaardig::sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = &clock;
  policy.key_binding = {.required = false};
  if (vaardig::sdjwt::VerifySdJwtVc(text, vaardig::sdjwt::FixedIssuerKey(issuer.public_jwk()), policy)) {
    std::abort();  // the fuzzer cannot sign with the issuer key
  }
  return 0;
}
