// libFuzzer target: JWK, private JWK and JWK Set parsing never crash or throw, and what parses is
// self-consistent: a parsed public JWK written with ToJson parses again to the same key and
// thumbprint.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/jose/jwk.h"
#include "core/jose/jwk_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto key = vaardig::jose::PublicJwk::Parse(text)) {
    auto again = vaardig::jose::PublicJwk::Parse(key->ToJson());
    if (!again || !(*again == *key) || again->Thumbprint() != key->Thumbprint()) std::abort();
  }
  if (auto key = vaardig::jose::PrivateJwk::Parse(text)) {
    auto again = vaardig::jose::PrivateJwk::Parse(key->ExportPrivateJson());
    if (!again || !(again->public_jwk() == key->public_jwk())) std::abort();
  }
  if (auto set = vaardig::jose::JwkSet::Parse(text)) {
    for (const auto& key : set->keys()) {
      if (!key.for_signatures()) std::abort();
    }
  }
  return 0;
}
