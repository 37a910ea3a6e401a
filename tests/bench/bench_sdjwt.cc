// SD-JWT VC throughput (issue 3): issue a skill credential with 6 selectively disclosable claims,
// and verify a presentation of it with 2 disclosed and a KB-JWT (ES256 issuer and holder); plus a
// 2^20-entry Token Status List encoded and decoded. sdjwt_bench.mjs measures the same with
// sd-jwt-js; scripts/bench runs both in one go.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "core/common/clock.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/vc.h"
#include "core/sdjwt/verifier.h"
#include "core/status/token_status_list.h"

namespace {

using vaardig::Json;
namespace jose = vaardig::jose;
namespace sdjwt = vaardig::sdjwt;

constexpr std::int64_t kNow = 1'800'000'000;

template <typename T>
T Must(vaardig::Result<T> r) {
  if (!r) std::abort();
  return std::move(*r);
}

struct Fixture {
  jose::PrivateJwk issuer = Must(jose::PrivateJwk::Generate(jose::Algorithm::kEs256, "issuer-1"));
  jose::PrivateJwk holder = Must(jose::PrivateJwk::Generate(jose::Algorithm::kEs256));
  Json claims;
  sdjwt::SdJwtVcIssueOptions options;
  Fixture() {
    claims = Json{{"iss", "https://gemeente-voorbeeld.example"},
                  {"iat", kNow},
                  {"exp", kNow + 86400 * 365},
                  {"vct", "https://gemeente-voorbeeld.example/vct/skill/v1"},
                  {"cnf", Json{{"jwk", holder.public_jwk().ToJson()}}},
                  {"skill", Json{{"id", "https://gemeente-voorbeeld.example/skills/snoeien"}, {"level", 2}}},
                  {"confirmation", Json{{"status", "confirmed"}, {"role", "teamleider"}}},
                  {"self_assessment", Json{{"level", 2}}},
                  {"evidence", Json::array({Json{{"name", "haag.jpg"}}})},
                  {"holder", Json{{"given_name", "Sanne"}, {"family_name", "de Vries"}}},
                  {"employer", Json{{"name", "Gemeente Voorbeeld"}}}};
    for (const char* name : {"skill", "confirmation", "self_assessment", "evidence", "holder", "employer"}) {
      options.sd_paths.push_back({std::string(name)});
    }
    options.max_decoys = 0;
  }
};

void BM_SdJwtVcIssue(benchmark::State& state) {
  Fixture f;
  for (auto _ : state) {
    auto issued = sdjwt::IssueSdJwtVc(f.claims, f.issuer, f.options);
    if (!issued) std::abort();
    benchmark::DoNotOptimize(issued->parts.SerializeCompact());
  }
}
BENCHMARK(BM_SdJwtVcIssue);

void BM_SdJwtVcVerifyPresentation(benchmark::State& state) {
  Fixture f;
  auto issued = Must(sdjwt::IssueSdJwtVc(f.claims, f.issuer, f.options));
  auto frame = Must(sdjwt::FrameFromPaths({{"skill"}, {"confirmation"}}));
  auto presentation = Must(sdjwt::SelectDisclosures(issued.parts, frame));
  if (!sdjwt::AddKeyBinding(presentation, {&f.holder, "https://werkgever.example", "n-1", kNow})) std::abort();
  const std::string text = presentation.SerializeCompact();
  vaardig::FixedClock clock(kNow);
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = &clock;
  policy.key_binding = {.required = true, .expected_aud = "https://werkgever.example", .expected_nonce = "n-1"};
  const auto lookup = sdjwt::FixedIssuerKey(f.issuer.public_jwk());
  for (auto _ : state) {
    auto verified = sdjwt::VerifySdJwtVc(text, lookup, policy);
    if (!verified) std::abort();
    benchmark::DoNotOptimize(verified->claims());
  }
}
BENCHMARK(BM_SdJwtVcVerifyPresentation);

vaardig::status::StatusList BigList() {
  auto list = Must(vaardig::status::StatusList::Create(1, std::size_t{1} << 20));
  for (std::size_t i = 0; i < (std::size_t{1} << 20); i += 997) (void)list.Set(i, 1);
  return list;
}

void BM_TokenStatusListEncode1M(benchmark::State& state) {
  const auto list = BigList();
  for (auto _ : state) benchmark::DoNotOptimize(Must(list.Encode()));
}
BENCHMARK(BM_TokenStatusListEncode1M)->Unit(benchmark::kMillisecond);

void BM_TokenStatusListDecode1M(benchmark::State& state) {
  const Json encoded = Must(BigList().Encode());
  for (auto _ : state) benchmark::DoNotOptimize(Must(vaardig::status::StatusList::Decode(encoded)));
}
BENCHMARK(BM_TokenStatusListDecode1M)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
