// Digital Bazaar's Data Integrity stack (@digitalbazaar/vc 7.3.0 with
// @digitalbazaar/eddsa-rdfc-2022-cryptosuite 1.3.0, pinned in tests/interop) signing and
// verifying the same Open Badges 3.0 skill badge as bench_w3c.cc (fixtures/ob-skill-badge.json),
// with eddsa-rdfc-2022; plus jsonld's RDFC-1.0 canonical form of it. Contexts come from
// specs/contexts through a local document loader (no network), like Vaardig's bundled set.
//
// Usage: node di_bench.mjs [SECONDS]   prints JSON {"results": [{"name", "ops_per_sec"}]}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'interop', 'package.json'));
const vc = await import(require.resolve('@digitalbazaar/vc'));
const { DataIntegrityProof } = await import(require.resolve('@digitalbazaar/data-integrity'));
const { cryptosuite } = await import(require.resolve('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'));
const Ed25519Multikey = await import(require.resolve('@digitalbazaar/ed25519-multikey'));
const jsonld = (await import(require.resolve('jsonld'))).default;

const seconds = Number(process.argv[2] || 2);
const contextsDir = join(here, '..', '..', 'specs', 'contexts');
const documents = new Map();
for (const [url, file] of Object.entries(JSON.parse(readFileSync(join(contextsDir, 'index.json'), 'utf8')))) {
  documents.set(url, JSON.parse(readFileSync(join(contextsDir, file), 'utf8')));
}
// The controller document needs a context defining assertionMethod: security v2, from npm.
const securityContext = require('@digitalbazaar/security-context');
documents.set(securityContext.SECURITY_CONTEXT_V2_URL,
  securityContext.contexts.get(securityContext.SECURITY_CONTEXT_V2_URL));
const documentLoader = async (url) => {
  const document = documents.get(url);
  if (!document) throw new Error(`document not allowed: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

const controller = 'https://gemeente-voorbeeld.example/issuers/1';
const keyPair = await Ed25519Multikey.generate({ controller });
keyPair.id = `${controller}#${keyPair.publicKeyMultibase}`;
const publicKey = await keyPair.export({ publicKey: true, includeContext: true });
documents.set(publicKey.id, publicKey);
documents.set(controller, {
  '@context': [securityContext.SECURITY_CONTEXT_V2_URL, 'https://w3id.org/security/multikey/v1'],
  id: controller,
  assertionMethod: [publicKey],
});

const badge = JSON.parse(readFileSync(join(here, 'fixtures', 'ob-skill-badge.json'), 'utf8'));
const signingSuite = () => new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, date: '2026-11-01T09:00:00Z' });
const verifyingSuite = new DataIntegrityProof({ cryptosuite });
const signed = await vc.issue({ credential: structuredClone(badge), suite: signingSuite(), documentLoader });
const check = await vc.verifyCredential({ credential: signed, suite: verifyingSuite, documentLoader });
if (!check.verified) {
  console.error(JSON.stringify(check, null, 2));
  process.exit(1);
}

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

const signedText = JSON.stringify(signed);
const results = [
  await measure('jsonld_canonize_badge', () =>
    jsonld.canonize(badge, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader })),
  await measure('di_rdfc_sign_badge', () =>
    vc.issue({ credential: structuredClone(badge), suite: signingSuite(), documentLoader })),
  await measure('di_rdfc_verify_badge', async () => {
    const r = await vc.verifyCredential({ credential: JSON.parse(signedText), suite: verifyingSuite, documentLoader });
    if (!r.verified) throw new Error('did not verify');
  }),
];
console.log(JSON.stringify({ results }, null, 2));
