// jose (panva/jose) compactVerify throughput in one Node process, for scripts/bench.
// Verifies the same shape of JWS as bench_crypto.cc's BM_JwsVerify*: header {alg, typ, kid} and a
// ~300-byte skill-claim payload. Awaits each verification (no parallelism), like a request handler.
//
// Usage: node jose_bench.mjs [SECONDS]   prints JSON: {"jose_version", "node_version", "results":
//   [{"name":"jws_verify_es256","ops_per_sec":..}, ...]}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// jose is installed once, in tests/interop (pinned there).
const require = createRequire(join(here, '..', 'interop', 'package.json'));
const josePath = require.resolve('jose');
const jose = await import(josePath);
const joseVersion = JSON.parse(
  readFileSync(join(here, '..', 'interop', 'node_modules', 'jose', 'package.json'), 'utf8')).version;

const seconds = Number(process.argv[2] || 2);
const payload = new TextEncoder().encode(JSON.stringify({
  iss: 'did:web:gemeente-voorbeeld.nl',
  sub: 'did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6IjEyMyIsInkiOiI0NTYifQ',
  iat: 1700000000,
  exp: 1794608000,
  skill: {
    id: 'https://gemeente-voorbeeld.nl/skills/klantgesprekken',
    name: { nl: 'klantgesprekken voeren', en: 'conducting customer conversations' },
    level: 2,
    level_label: 'zelfstandig',
  },
}));

async function measure(fn) {
  for (let i = 0; i < 200; i++) await fn();  // warm up (JIT, key caches)
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 100; i++) await fn();
    ops += 100;
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

const results = [];
for (const alg of ['ES256', 'EdDSA']) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg);
  const jws = await new jose.CompactSign(payload)
    .setProtectedHeader({ alg, typ: 'JWT', kid: 'bench-key' })
    .sign(privateKey);
  const name = alg === 'ES256' ? 'es256' : 'eddsa';
  results.push({
    name: `jws_verify_${name}`,
    ops_per_sec: await measure(() => jose.compactVerify(jws, publicKey, { algorithms: [alg] })),
  });
  results.push({
    name: `jws_sign_${name}`,
    ops_per_sec: await measure(() =>
      new jose.CompactSign(payload).setProtectedHeader({ alg, typ: 'JWT', kid: 'bench-key' }).sign(privateKey)),
  });
}
console.log(JSON.stringify({ jose_version: joseVersion, node_version: process.version, results }, null, 2));
