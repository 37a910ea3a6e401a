// JSON-LD / RDFC-1.0 / Data Integrity throughput (issue 4) on an Open Badges 3.0 skill badge
// with an ESCO alignment: expansion, toRdf, the canonical form eddsa-rdfc-2022 hashes, and
// signing and verifying it with eddsa-rdfc-2022 (the verification JSON text in, the key found by
// a warm lookup). di_bench.mjs measures the same with @digitalbazaar/vc.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/crypto/ed25519.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
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

namespace di = vaardig::dataintegrity;

// The issuer's key and its did:key verification method.
struct Issuer {
  vaardig::crypto::Ed25519PrivateKey key = vaardig::crypto::Ed25519PrivateKey::Generate();
  std::string multikey = di::EncodeEd25519Multikey(key.public_key());
  di::ProofOptions Options() const {
    di::ProofOptions options;
    options.cryptosuite = di::Cryptosuite::kEddsaRdfc2022;
    options.verification_method = "did:key:" + multikey + "#" + multikey;
    options.created = "2026-11-01T09:00:00Z";
    return options;
  }
};

void BM_DataIntegrityRdfcSignBadge(benchmark::State& state) {
  const vaardig::Json badge = LoadBadge();
  const Issuer issuer;
  const di::ProofOptions options = issuer.Options();
  for (auto _ : state) {
    auto secured = di::AddProof(badge, options, issuer.key);
    if (!secured) std::abort();
    benchmark::DoNotOptimize(secured);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DataIntegrityRdfcSignBadge);

void BM_DataIntegrityRdfcVerifyBadge(benchmark::State& state) {
  const Issuer issuer;
  const vaardig::Json secured = *di::AddProof(LoadBadge(), issuer.Options(), issuer.key);
  const std::string text = secured.dump();
  const vaardig::crypto::Ed25519PublicKey public_key = issuer.key.public_key();
  // The key lookup a verifier with a warm DID cache does: a map lookup, no resolution work.
  const di::VerificationKeyLookup lookup =
      [&](std::string_view, std::string_view) -> vaardig::Result<vaardig::crypto::Ed25519PublicKey> {
    return public_key;
  };
  di::VerifyPolicy policy;
  for (auto _ : state) {
    auto verified = di::VerifyProofs(std::string_view(text), lookup, {}, policy);
    if (!verified || !verified->verified()) std::abort();
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DataIntegrityRdfcVerifyBadge);

}  // namespace

BENCHMARK_MAIN();
