// sd-jwt-js (@sd-jwt/sd-jwt-vc 0.19.0, pinned in tests/interop) throughput in one Node process,
// the same work as bench_sdjwt.cc: issue a credential with 6 disclosable claims; verify a
// presentation with 2 disclosed and a KB-JWT (ES256); encode/decode a 2^20-entry status list.
// Each operation is awaited in turn, like a request handler.
//
// Usage: node sdjwt_bench.mjs [SECONDS]   prints JSON {"results": [{"name", "ops_per_sec"}]}
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'interop', 'package.json'));
const { SDJwtVcInstance } = await import(require.resolve('@sd-jwt/sd-jwt-vc'));
const { ES256, digest, generateSalt } = await import(require.resolve('@sd-jwt/crypto-nodejs'));
const { StatusList } = await import(require.resolve('@sd-jwt/jwt-status-list'));

const seconds = Number(process.argv[2] || 2);
const now = 1800000000;
const issuer = await ES256.generateKeyPair();
const holder = await ES256.generateKeyPair();
const sdjwt = new SDJwtVcInstance({
  signer: await ES256.getSigner(issuer.privateKey), signAlg: 'ES256', verifier: await ES256.getVerifier(issuer.publicKey),
  hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt,
  kbSigner: await ES256.getSigner(holder.privateKey), kbSignAlg: 'ES256',
  kbVerifier: async (data, sig, payload) => (await ES256.getVerifier(payload.cnf.jwk))(data, sig),
});
const claims = {
  iss: 'https://gemeente-voorbeeld.example', iat: now, exp: now + 86400 * 365,
  vct: 'https://gemeente-voorbeeld.example/vct/skill/v1', cnf: { jwk: holder.publicKey },
  skill: { id: 'https://gemeente-voorbeeld.example/skills/snoeien', level: 2 },
  confirmation: { status: 'confirmed', role: 'teamleider' }, self_assessment: { level: 2 },
  evidence: [{ name: 'haag.jpg' }], holder: { given_name: 'Sanne', family_name: 'de Vries' },
  employer: { name: 'Gemeente Voorbeeld' },
};
const frame = { _sd: ['skill', 'confirmation', 'self_assessment', 'evidence', 'holder', 'employer'] };

async function measure(name, fn) {
  for (let i = 0; i < 20; i++) await fn();  // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let t;
  do {
    await fn();
    n++;
    t = process.hrtime.bigint();
  } while (t < end);
  return { name, ops_per_sec: n / (Number(t - start) / 1e9) };
}

const credential = await sdjwt.issue(claims, frame);
const presentation = await sdjwt.present(credential, { skill: true, confirmation: true },
                                         { kb: { payload: { aud: 'https://werkgever.example', nonce: 'n-1', iat: now } } });
const bits = new Array(1 << 20).fill(0);
for (let i = 0; i < bits.length; i += 997) bits[i] = 1;
const list = new StatusList(bits, 1);
const compressed = list.compressStatusList();

const results = [
  await measure('sd_jwt_vc_issue', () => sdjwt.issue(claims, frame)),
  await measure('sd_jwt_vc_verify_presentation', () => sdjwt.verify(presentation, { keyBindingNonce: 'n-1', currentDate: now })),
  await measure('token_status_list_encode_1m', () => new StatusList(bits, 1).compressStatusList()),
  await measure('token_status_list_decode_1m', () => StatusList.decompressStatusList(compressed, 1)),
];
console.log(JSON.stringify({ node_version: process.version, results }, null, 1));
