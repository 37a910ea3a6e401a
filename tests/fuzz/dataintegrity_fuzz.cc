// libFuzzer target: Data Integrity proof parsing and verification (did:key verification
// methods, eddsa-jcs-2022 and eddsa-rdfc-2022 with the bundled contexts) of arbitrary documents
// never crash, throw or fetch. The corpus holds the vc-di-eddsa signed vectors, so mutations
// start from documents that verify.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/dataintegrity/verify.h"
#include "core/did/resolver.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static vaardig::did::DidResolver resolver(nullptr);
  static const vaardig::FixedClock clock(1'800'000'000);
  vaardig::dataintegrity::VerifyPolicy policy;
  policy.clock = &clock;
  (void)vaardig::dataintegrity::VerifyProofs(
      text, vaardig::dataintegrity::DidVerificationKeyLookup(resolver), {}, policy);
  return 0;
}
