// libFuzzer target: the VCDM 2.0 credential and presentation parsers and the Open Badges 3.0
// validators never crash, throw or recurse without bound on arbitrary JSON, and Open Badges
// validation is never looser than VCDM 2.0: a document ValidateOpenBadgesDocument accepts is
// accepted by ParseCredential too. The corpus holds the 1EdTech examples and a presentation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/encoding/json.h"
#include "core/vc/credential.h"
#include "core/vc/open_badges.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)vaardig::vc::ParseEnvelopedCredentialId(text);
  auto json = vaardig::ParseJson(text);
  if (!json) return 0;
  const auto credential = vaardig::vc::ParseCredential(*json);
  (void)vaardig::vc::ParsePresentation(*json);
  const auto badge = vaardig::vc::ValidateOpenBadgesDocument(*json);
  if (badge && !credential) std::abort();  // OB accepted what VCDM 2.0 rejects
  return 0;
}
