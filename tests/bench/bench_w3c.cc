// JSON-LD / RDFC-1.0 throughput (issue 4) on an Open Badges 3.0 skill badge with an ESCO
// alignment: expansion, toRdf, and the full canonical form that eddsa-rdfc-2022 hashes.
// di_bench.mjs measures the same credential with jsonld / rdf-canonize and @digitalbazaar/vc.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"

namespace {

vaardig::Json LoadBadge() {
  std::ifstream in(VAARDIG_BENCH_FIXTURES "/ob-skill-badge.json");
  std::stringstream text;
  text << in.rdbuf();
  auto json = vaardig::ParseJson(text.str());
  if (!json) std::abort();
  return *json;
}

void BM_JsonLdExpandBadge(benchmark::State& state) {
  const vaardig::Json badge = LoadBadge();
  for (auto _ : state) {
    auto expanded = vaardig::w3c::Expand(badge);
    if (!expanded) std::abort();
    benchmark::DoNotOptimize(expanded);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonLdExpandBadge);

void BM_JsonLdToRdfBadge(benchmark::State& state) {
  const vaardig::Json badge = LoadBadge();
  for (auto _ : state) {
    auto dataset = vaardig::w3c::ToRdf(badge);
    if (!dataset) std::abort();
    benchmark::DoNotOptimize(dataset);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonLdToRdfBadge);

void BM_CanonicalizeBadge(benchmark::State& state) {
  const vaardig::Json badge = LoadBadge();
  for (auto _ : state) {
    auto canonical = vaardig::w3c::CanonicalizeJsonLd(badge);
    if (!canonical) std::abort();
    benchmark::DoNotOptimize(canonical);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CanonicalizeBadge);

}  // namespace

BENCHMARK_MAIN();
