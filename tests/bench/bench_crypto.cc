// Signature throughput of the kernel, single-threaded: raw ES256 / EdDSA sign and verify, and a full
// compact JWS sign and verify (parse header, check alg/typ, verify the received bytes, parse the
// payload). scripts/bench runs this with --benchmark_format=json next to `openssl speed` and jose.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "core/common/bytes.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/p256.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/jose/jws.h"

namespace {

using vaardig::AsBytes;
using vaardig::ByteView;

// A JWS signing input of realistic size (header + ~300-byte payload, base64url).
const std::string& Message() {
  static const std::string message(560, 'e');
  return message;
}

template <typename T>
const T& Must(const vaardig::Result<T>& r) {
  if (!r) std::abort();
  return *r;
}

void BM_Es256Sign(benchmark::State& state) {
  const auto key = vaardig::crypto::P256PrivateKey::Generate();
  for (auto _ : state) benchmark::DoNotOptimize(key.SignEs256(AsBytes(Message())));
}
BENCHMARK(BM_Es256Sign);

void BM_Es256Verify(benchmark::State& state) {
  const auto key = vaardig::crypto::P256PrivateKey::Generate();
  const auto sig = Must(key.SignEs256(AsBytes(Message())));
  for (auto _ : state) {
    if (!key.public_key().VerifyEs256(AsBytes(Message()), sig)) std::abort();
  }
}
BENCHMARK(BM_Es256Verify);

void BM_EdDsaSign(benchmark::State& state) {
  const auto key = vaardig::crypto::Ed25519PrivateKey::Generate();
  for (auto _ : state) benchmark::DoNotOptimize(key.Sign(AsBytes(Message())));
}
BENCHMARK(BM_EdDsaSign);

void BM_EdDsaVerify(benchmark::State& state) {
  const auto key = vaardig::crypto::Ed25519PrivateKey::Generate();
  const auto sig = key.Sign(AsBytes(Message()));
  for (auto _ : state) {
    if (!key.public_key().Verify(AsBytes(Message()), sig)) std::abort();
  }
}
BENCHMARK(BM_EdDsaVerify);

// The same JWS shape as tests/bench/jose_bench.mjs: header {alg, typ, kid}, a skill-claim payload.
const std::string& Payload() {
  static const std::string payload = vaardig::DumpJson(vaardig::Json{
      {"iss", "did:web:gemeente-voorbeeld.nl"},
      {"sub", "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6IjEyMyIsInkiOiI0NTYifQ"},
      {"iat", 1700000000},
      {"exp", 1794608000},
      {"skill",
       {{"id", "https://gemeente-voorbeeld.nl/skills/klantgesprekken"},
        {"name", {{"nl", "klantgesprekken voeren"}, {"en", "conducting customer conversations"}}},
        {"level", 2},
        {"level_label", "zelfstandig"}}}});
  return payload;
}

const vaardig::Json& Header() {
  static const vaardig::Json header = {{"typ", "JWT"}, {"kid", "bench-key"}};
  return header;
}

void JwsSign(benchmark::State& state, vaardig::jose::Algorithm alg) {
  const auto key = Must(vaardig::jose::PrivateJwk::Generate(alg));
  for (auto _ : state) {
    auto jws = vaardig::jose::SignCompactJws(key, Header(), AsBytes(Payload()));
    if (!jws) std::abort();
    benchmark::DoNotOptimize(jws);
  }
}

void JwsVerify(benchmark::State& state, vaardig::jose::Algorithm alg) {
  const auto key = Must(vaardig::jose::PrivateJwk::Generate(alg));
  const std::string jws = Must(vaardig::jose::SignCompactJws(key, Header(), AsBytes(Payload())));
  vaardig::jose::JwsVerifyOptions options;
  options.accepted_typ = {"JWT"};
  for (auto _ : state) {
    auto verified = vaardig::jose::VerifyCompactJws(jws, key.public_jwk(), options);
    if (!verified) std::abort();
    benchmark::DoNotOptimize(verified);
  }
}

void BM_JwsSignEs256(benchmark::State& state) { JwsSign(state, vaardig::jose::Algorithm::kEs256); }
void BM_JwsVerifyEs256(benchmark::State& state) { JwsVerify(state, vaardig::jose::Algorithm::kEs256); }
void BM_JwsSignEdDsa(benchmark::State& state) { JwsSign(state, vaardig::jose::Algorithm::kEdDsa); }
void BM_JwsVerifyEdDsa(benchmark::State& state) { JwsVerify(state, vaardig::jose::Algorithm::kEdDsa); }
BENCHMARK(BM_JwsSignEs256);
BENCHMARK(BM_JwsVerifyEs256);
BENCHMARK(BM_JwsSignEdDsa);
BENCHMARK(BM_JwsVerifyEdDsa);

}  // namespace

BENCHMARK_MAIN();
