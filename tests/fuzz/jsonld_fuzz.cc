// libFuzzer target: JSON-LD expansion and toRdf + RDFC-1.0 of arbitrary JSON never crash, never
// throw, never fetch (only the bundled contexts load), and stay within their work limits.
// Inputs that are JSON are also expanded with a small inline-context prefix so that the fuzzer
// reaches term definitions without having to invent a whole @context first.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = vaardig::ParseJson(text, {.max_bytes = 1 << 16, .max_depth = 32});
  if (!json) return 0;
  vaardig::w3c::JsonLdOptions options;
  options.limits.max_work = 20'000;
  options.limits.max_quads = 2'000;
  (void)vaardig::w3c::Expand(*json, options);
  vaardig::w3c::RdfcOptions rdfc;
  rdfc.max_n_degree_calls = 200;
  rdfc.max_permutations = 2'000;
  (void)vaardig::w3c::CanonicalizeJsonLd(*json, options, rdfc);
  if (json->is_object() && !json->contains("@context")) {
    vaardig::Json with_context = *json;
    with_context["@context"] = vaardig::Json::array({"https://www.w3.org/ns/credentials/v2",
                                                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"});
    (void)vaardig::w3c::CanonicalizeJsonLd(with_context, options, rdfc);
  }
  return 0;
}
