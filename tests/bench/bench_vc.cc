// Verify throughput per securing mechanism (issue 5) of one Open Badges 3.0 skill badge
// (fixtures/ob-skill-badge.json, the same as bench_w3c.cc): Data Integrity eddsa-rdfc-2022 and
// eddsa-jcs-2022, VC-JOSE-COSE vc+jwt and vc+sd-jwt (ES256), the Open Badges VC-JWT (RS256), and
// an ldp_vp of the Data Integrity badge with the holder's proof bound to a challenge and domain.
// Each verify takes the secured text as received and a warm key lookup (no resolution work); the
// clock is fixed inside the badge's validity period. Plus a W3C Bitstring Status List of
// 1,048,576 entries with 1% of them set at random: encode (GZIP + multibase) and decode.
// w3c_bench.mjs measures the same with @digitalbazaar/vc, jose, sd-jwt-js and
// vc-bitstring-status-list.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>

#include "core/common/clock.h"
#include "core/crypto/ed25519.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/status/bitstring_status_list.h"
#include "core/vcjose/key_lookup.h"
#include "core/vcjose/ob_jwt.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/vc_sd_jwt.h"

namespace {

using vaardig::Json;
namespace di = vaardig::dataintegrity;
namespace jose = vaardig::jose;
namespace vcjose = vaardig::vcjose;

constexpr std::int64_t kNow = 1'795'392'000;  // 2026-11-23T00:00:00Z, inside the badge's validity
constexpr const char* kChallenge = "n-0S6_WzA2Mj";
constexpr const char* kDomain = "https://werkgever.example";

template <typename T>
T Must(vaardig::Result<T> r) {
  if (!r) std::abort();
  return std::move(*r);
}

Json LoadBadge() {
  std::ifstream in(VAARDIG_BENCH_FIXTURES "/ob-skill-badge.json");
  std::stringstream text;
  text << in.rdbuf();
  return Must(vaardig::ParseJson(text.str()));
}

// An Ed25519 key and its did:key verification method.
struct DidKey {
  vaardig::crypto::Ed25519PrivateKey key = vaardig::crypto::Ed25519PrivateKey::Generate();
  std::string multikey = di::EncodeEd25519Multikey(key.public_key());
  std::string did = "did:key:" + multikey;
  std::string method = did + "#" + multikey;
};

di::ProofOptions IssuerProof(const DidKey& issuer, di::Cryptosuite suite) {
  di::ProofOptions options;
  options.cryptosuite = suite;
  options.verification_method = issuer.method;
  options.created = "2026-11-01T09:00:00Z";
  return options;
}

// The key a verifier with a warm DID cache finds: a comparison, no resolution work.
di::VerificationKeyLookup WarmLookup(const DidKey& a, const DidKey* b = nullptr) {
  return [&a, b](std::string_view method, std::string_view) -> vaardig::Result<vaardig::crypto::Ed25519PublicKey> {
    if (method == a.method) return a.key.public_key();
    if (b != nullptr && method == b->method) return b->key.public_key();
    return vaardig::Fail(vaardig::ErrorCode::kNotFound, "unknown verification method");
  };
}

void VerifyDataIntegrity(benchmark::State& state, di::Cryptosuite suite) {
  const DidKey issuer;
  const std::string text = Must(di::AddProof(LoadBadge(), IssuerProof(issuer, suite), issuer.key)).dump();
  const auto lookup = WarmLookup(issuer);
  const vaardig::FixedClock clock(kNow);
  di::VerifyPolicy policy;
  policy.clock = &clock;
  for (auto _ : state) {
    auto verified = di::VerifyProofs(std::string_view(text), lookup, {}, policy);
    if (!verified || !verified->verified()) std::abort();
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_VerifyBadgeDiEddsaRdfc2022(benchmark::State& state) {
  VerifyDataIntegrity(state, di::Cryptosuite::kEddsaRdfc2022);
}
BENCHMARK(BM_VerifyBadgeDiEddsaRdfc2022);

void BM_VerifyBadgeDiEddsaJcs2022(benchmark::State& state) {
  VerifyDataIntegrity(state, di::Cryptosuite::kEddsaJcs2022);
}
BENCHMARK(BM_VerifyBadgeDiEddsaJcs2022);

// The issuer's P-256 key (vc+jwt, vc+sd-jwt); the kid is not a DID URL, so FixedKey decides.
jose::PrivateJwk Es256Issuer() { return Must(jose::PrivateJwk::Generate(jose::Algorithm::kEs256, "issuer-key-1")); }

void BM_VerifyBadgeVcJwtEs256(benchmark::State& state) {
  const jose::PrivateJwk key = Es256Issuer();
  const std::string jws = Must(vcjose::SignVcJwt(LoadBadge(), key));
  const auto lookup = vcjose::FixedKey(key.public_jwk());
  const vaardig::FixedClock clock(kNow);
  for (auto _ : state) {
    auto verified = vcjose::VerifyVcJwt(jws, lookup, clock);
    if (!verified) std::abort();
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyBadgeVcJwtEs256);

// Two selectively disclosable members (the badge's name and the achievement's criteria), both
// disclosed; no Key Binding.
void BM_VerifyBadgeVcSdJwtEs256(benchmark::State& state) {
  const jose::PrivateJwk key = Es256Issuer();
  vcjose::SdJwtIssueOptions options;
  options.sd_paths = {{std::string("name")},
                      {std::string("credentialSubject"), std::string("achievement"), std::string("criteria")}};
  const std::string sd_jwt = Must(vcjose::IssueVcSdJwt(LoadBadge(), key, options)).Compact();
  const auto lookup = vcjose::FixedKey(key.public_jwk());
  const vaardig::FixedClock clock(kNow);
  for (auto _ : state) {
    auto verified = vcjose::VerifyVcSdJwt(sd_jwt, lookup, clock);
    if (!verified || verified->disclosed().size() != 2) std::abort();
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyBadgeVcSdJwtEs256);

void BM_VerifyBadgeObJwtRs256(benchmark::State& state) {
  const jose::PrivateJwk key = Must(jose::PrivateJwk::Generate(jose::Algorithm::kRs256, "issuer-key-rsa"));
  const std::string jwt = Must(vcjose::SignObJwt(LoadBadge(), key));
  const auto lookup = vcjose::FixedKey(key.public_jwk());
  const vaardig::FixedClock clock(kNow);
  for (auto _ : state) {
    auto verified = vcjose::VerifyObJwt(jwt, lookup, clock);
    if (!verified) std::abort();
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyBadgeObJwtRs256);

// A VCDM 2.0 presentation of the eddsa-rdfc-2022 badge with the holder's eddsa-rdfc-2022 proof
// (authentication, challenge, domain), as the wallet's ldp_vp. One operation verifies the
// presentation's proof against this verifier's challenge and domain, then the credential's proof.
void BM_VerifyLdpVpChallengeDomain(benchmark::State& state) {
  const DidKey issuer;
  const DidKey holder;
  Json presentation = Json::object();
  presentation["@context"] = Json::array({"https://www.w3.org/ns/credentials/v2"});
  presentation["type"] = Json::array({"VerifiablePresentation"});
  presentation["holder"] = holder.did;
  presentation["verifiableCredential"] = Json::array(
      {Must(di::AddProof(LoadBadge(), IssuerProof(issuer, di::Cryptosuite::kEddsaRdfc2022), issuer.key))});
  di::ProofOptions options;
  options.cryptosuite = di::Cryptosuite::kEddsaRdfc2022;
  options.verification_method = holder.method;
  options.proof_purpose = "authentication";
  options.created = "2026-11-22T23:59:00Z";
  options.challenge = kChallenge;
  options.domain = kDomain;
  const std::string text = Must(di::AddProof(presentation, options, holder.key)).dump();
  const auto lookup = WarmLookup(issuer, &holder);
  const vaardig::FixedClock clock(kNow);
  di::VerifyPolicy vp_policy;
  vp_policy.expected_proof_purpose = "authentication";
  vp_policy.challenge = kChallenge;
  vp_policy.domain = kDomain;
  vp_policy.clock = &clock;
  di::VerifyPolicy vc_policy;
  vc_policy.clock = &clock;
  for (auto _ : state) {
    auto vp = di::VerifyProofs(std::string_view(text), lookup, {}, vp_policy);
    if (!vp || !vp->verified()) std::abort();
    const Json document = Must(vp->VerifiedDocument());
    for (const Json& credential : document["verifiableCredential"]) {
      auto vc = di::VerifyProofs(credential, lookup, {}, vc_policy);
      if (!vc || !vc->verified()) std::abort();
      benchmark::DoNotOptimize(vc);
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyLdpVpChallengeDomain);

constexpr std::size_t kListEntries = std::size_t{1} << 20;

// 1,048,576 entries of 1 bit; 1% of them (10,486 distinct indexes) set, chosen by a seeded PRNG.
vaardig::status::BitstringStatusList BigBitstringList() {
  auto list = Must(vaardig::status::BitstringStatusList::Create(kListEntries));
  std::mt19937_64 random(20261123);
  std::uniform_int_distribution<std::size_t> index(0, kListEntries - 1);
  std::size_t set = 0;
  while (set < kListEntries / 100) {
    const std::size_t i = index(random);
    if (Must(list.Get(i)) != 0) continue;
    if (!list.Set(i, 1)) std::abort();
    ++set;
  }
  return list;
}

void BM_BitstringStatusListEncode1M(benchmark::State& state) {
  const auto list = BigBitstringList();
  std::size_t encoded_chars = 0;
  for (auto _ : state) {
    std::string encoded = Must(list.Encode());
    encoded_chars = encoded.size();
    benchmark::DoNotOptimize(encoded);
  }
  state.counters["encoded_chars"] = static_cast<double>(encoded_chars);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BitstringStatusListEncode1M)->Unit(benchmark::kMillisecond);

void BM_BitstringStatusListDecode1M(benchmark::State& state) {
  const std::string encoded = Must(BigBitstringList().Encode());
  for (auto _ : state) {
    auto list = Must(vaardig::status::BitstringStatusList::Decode(encoded));
    if (list.size() != kListEntries) std::abort();
    benchmark::DoNotOptimize(list);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BitstringStatusListDecode1M)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
