// libFuzzer target: ParseJson must never crash or throw, and whatever it accepts must
// canonicalise (RFC 8785) to a fixed point that ParseJson accepts again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/encoding/jcs.h"
#include "core/encoding/json.h"

namespace {

// Canonical output can be longer than its input ("1e20" → 21 digits): re-parse without a
// size limit, keeping the other limits.
constexpr vaardig::JsonLimits kReparseLimits{.max_bytes = std::size_t{1} << 30};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = vaardig::ParseJson(text);
  if (!parsed) return 0;

  // Parsed JSON holds valid UTF-8 and finite numbers: canonicalisation cannot fail.
  auto canonical = vaardig::encoding::Canonicalize(*parsed);
  if (!canonical) std::abort();
  auto reparsed = vaardig::ParseJson(*canonical, kReparseLimits);
  if (!reparsed) std::abort();
  auto again = vaardig::encoding::Canonicalize(*reparsed);
  if (!again || *again != *canonical) std::abort();

  // The compact dump must parse again too.
  if (!vaardig::ParseJson(vaardig::DumpJson(*parsed), kReparseLimits)) std::abort();
  return 0;
}
