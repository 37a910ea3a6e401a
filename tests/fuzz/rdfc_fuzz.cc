// libFuzzer target: the N-Quads parser and RDFC-1.0 never crash and respect the work cap on
// crafted (poisoned) datasets; a parsed dataset serializes back to N-Quads that parse again to
// the same quads, and canonicalizing the canonical form gives it back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/w3c/nquads.h"
#include "core/w3c/rdfc10.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto dataset = vaardig::w3c::ParseNQuads(text, {.max_input_bytes = 1 << 16, .max_quads = 500});
  if (!dataset) return 0;
  auto reparsed = vaardig::w3c::ParseNQuads(vaardig::w3c::SerializeNQuads(*dataset));
  if (!reparsed || reparsed->quads != dataset->quads) std::abort();  // serializer round trip
  const vaardig::w3c::RdfcOptions options{.max_n_degree_calls = 200, .max_permutations = 2'000};
  auto canonical = vaardig::w3c::Canonicalize(*dataset, options);
  if (!canonical) return 0;
  auto again = vaardig::w3c::CanonicalizeNQuads(canonical->nquads, options);
  if (!again || again->nquads != canonical->nquads) std::abort();  // idempotent
  return 0;
}
