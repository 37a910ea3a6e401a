// The peers of bench_vc.cc (issue 5), verifying the same Open Badges 3.0 skill badge
// (fixtures/ob-skill-badge.json) per securing mechanism, one operation at a time in one Node process:
//  - @digitalbazaar/vc 7.3.0 verifyCredential with eddsa-rdfc-2022 (@digitalbazaar/data-integrity
//    2.5.0, eddsa-rdfc-2022-cryptosuite 1.3.0), and verify of an ldp_vp of that badge with the
//    holder's proof bound to a challenge and domain (the presentation's proof, then the
//    credential's); contexts and controller documents come from a static document loader over
//    specs/contexts (no network);
//  - jose 6.2.17 jwtVerify of the badge as a vc+jwt (ES256; typ checked) and as an Open Badges
//    VC-JWT (RS256, the payload the credential plus iss / nbf / jti / sub, OB 3.0 §8.2.3);
//  - @digitalbazaar/vc-bitstring-status-list 2.0.1: a list of 1,048,576 entries with 1% set at
//    random, encoded (list.encode(): GZIP + multibase) and decoded (decodeList).
//  - sd-jwt-js (@sd-jwt/core 0.19.0) SDJwtInstance.verify of the badge as a vc+sd-jwt (ES256, the
//    badge's name and the achievement's criteria disclosable and disclosed; sd-jwt-js checks the
//    signature and the disclosures, not the typ).
// eddsa-jcs-2022 has no peer here: tests/interop pins no eddsa-jcs-2022 cryptosuite.
//
// Usage: node w3c_bench.mjs [SECONDS]   prints JSON {"versions", "node_version", "encoded_chars", "results": [{"name", "ops_per_sec"}]}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const interop = join(here, '..', 'interop');
const require = createRequire(join(interop, 'package.json'));
const vc = await import(require.resolve('@digitalbazaar/vc'));
const { DataIntegrityProof } = await import(require.resolve('@digitalbazaar/data-integrity'));
const { cryptosuite } = await import(require.resolve('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'));
const Ed25519Multikey = await import(require.resolve('@digitalbazaar/ed25519-multikey'));
const bsl = await import(require.resolve('@digitalbazaar/vc-bitstring-status-list'));
const jose = await import(require.resolve('jose'));
const { SDJwtInstance } = await import(require.resolve('@sd-jwt/core'));
const sdCrypto = await import(require.resolve('@sd-jwt/crypto-nodejs'));

const version = (name) => JSON.parse(readFileSync(join(interop, 'node_modules', name, 'package.json'), 'utf8')).version;
const versions = Object.fromEntries(['@digitalbazaar/vc', '@digitalbazaar/data-integrity',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/vc-bitstring-status-list', 'jose', '@sd-jwt/core']
  .map((name) => [name, version(name)]));

const seconds = Number(process.argv[2] || 2);
const now = new Date('2026-11-23T00:00:00Z');  // bench_vc.cc's fixed clock

// Static document loader: the bundled contexts, security v2 (for controller documents) and the
// controller documents made below. Anything else is refused.
const contextsDir = join(here, '..', '..', 'specs', 'contexts');
const documents = new Map();
for (const [url, file] of Object.entries(JSON.parse(readFileSync(join(contextsDir, 'index.json'), 'utf8')))) {
  documents.set(url, JSON.parse(readFileSync(join(contextsDir, file), 'utf8')));
}
const securityContext = require('@digitalbazaar/security-context');
documents.set(securityContext.SECURITY_CONTEXT_V2_URL,
  securityContext.contexts.get(securityContext.SECURITY_CONTEXT_V2_URL));
const documentLoader = async (url) => {
  const document = documents.get(url);
  if (!document) throw new Error(`document not allowed: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

// A controller document with one Ed25519 Multikey under `relationship`.
async function controllerKey(controller, relationship) {
  const keyPair = await Ed25519Multikey.generate({ controller });
  keyPair.id = `${controller}#${keyPair.publicKeyMultibase}`;
  const publicKey = await keyPair.export({ publicKey: true, includeContext: true });
  documents.set(publicKey.id, publicKey);
  documents.set(controller, {
    '@context': [securityContext.SECURITY_CONTEXT_V2_URL, 'https://w3id.org/security/multikey/v1'],
    id: controller,
    [relationship]: [publicKey],
  });
  return keyPair;
}

const badge = JSON.parse(readFileSync(join(here, 'fixtures', 'ob-skill-badge.json'), 'utf8'));
const issuerKey = await controllerKey(badge.issuer.id, 'assertionMethod');
const holder = 'https://wallet.example/holders/sanne';
const holderKey = await controllerKey(holder, 'authentication');
const challenge = 'n-0S6_WzA2Mj';
const domain = 'https://werkgever.example';

const verifyingSuite = new DataIntegrityProof({ cryptosuite });
const signed = await vc.issue({
  credential: structuredClone(badge),
  suite: new DataIntegrityProof({ signer: issuerKey.signer(), cryptosuite, date: '2026-11-01T09:00:00Z' }),
  documentLoader,
});
const presentation = await vc.signPresentation({
  presentation: vc.createPresentation({ verifiableCredential: [signed], holder, now }),
  suite: new DataIntegrityProof({ signer: holderKey.signer(), cryptosuite, date: '2026-11-22T23:59:00Z' }),
  challenge, domain, documentLoader,
});
const signedText = JSON.stringify(signed);
const presentationText = JSON.stringify(presentation);

// vc+jwt (VC-JOSE-COSE §3.1.1): the payload is the credential.
const es256 = await jose.generateKeyPair('ES256');
const vcJwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(badge)))
  .setProtectedHeader({ alg: 'ES256', kid: 'issuer-key-1', typ: 'vc+jwt', cty: 'vc' })
  .sign(es256.privateKey);
// vc+sd-jwt (VC-JOSE-COSE §3.2.1) with two disclosable members, presented with both disclosures.
const sdIssuer = await sdCrypto.ES256.generateKeyPair();
const sdjwt = new SDJwtInstance({
  signer: await sdCrypto.ES256.getSigner(sdIssuer.privateKey), signAlg: 'ES256',
  verifier: await sdCrypto.ES256.getVerifier(sdIssuer.publicKey),
  hasher: sdCrypto.digest, hashAlg: 'sha-256', saltGenerator: sdCrypto.generateSalt,
});
const vcSdJwt = await sdjwt.issue(structuredClone(badge),
  { _sd: ['name'], credentialSubject: { achievement: { _sd: ['criteria'] } } },
  { header: { typ: 'vc+sd-jwt', cty: 'vc', kid: 'issuer-key-1' } });
// Open Badges VC-JWT (OB 3.0 §8.2): the credential plus the JWT claims it mirrors.
const rs256 = await jose.generateKeyPair('RS256', { modulusLength: 2048 });
const obJwt = await new jose.SignJWT({
  ...badge,
  iss: badge.issuer.id,
  nbf: Math.floor(Date.parse(badge.validFrom) / 1000),
  jti: badge.id,
  sub: badge.credentialSubject.id,
}).setProtectedHeader({ alg: 'RS256', kid: 'issuer-key-rsa', typ: 'JWT' }).sign(rs256.privateKey);

// Bitstring Status List: 1,048,576 entries, 1% (10,486 distinct) set by a seeded PRNG.
const entries = 1 << 20;
const list = await bsl.createList({ length: entries });
let seed = 20261123;
const random = () => {  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
for (let set = 0; set < Math.floor(entries / 100);) {
  const i = Math.floor(random() * entries);
  if (!list.getStatus(i)) {
    list.setStatus(i, true);
    set++;
  }
}
const encodedList = await list.encode();

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

const results = [
  await measure('verify_badge_di_eddsa_rdfc_2022', async () => {
    const r = await vc.verifyCredential({ credential: JSON.parse(signedText), suite: verifyingSuite, documentLoader, now });
    if (!r.verified) throw new Error('did not verify');
  }),
  await measure('verify_badge_vc_jwt_es256', () =>
    jose.jwtVerify(vcJwt, es256.publicKey, { algorithms: ['ES256'], typ: 'vc+jwt', currentDate: now })),
  await measure('verify_badge_vc_sd_jwt_es256', async () => {
    const { payload } = await sdjwt.verify(vcSdJwt);
    if (payload.name !== badge.name) throw new Error('not disclosed');
  }),
  await measure('verify_badge_ob_jwt_rs256', () =>
    jose.jwtVerify(obJwt, rs256.publicKey, { algorithms: ['RS256'], typ: 'JWT', issuer: badge.issuer.id, currentDate: now })),
  await measure('verify_ldp_vp_challenge_domain', async () => {
    const r = await vc.verify({
      presentation: JSON.parse(presentationText), challenge, domain, suite: verifyingSuite, documentLoader, now,
    });
    if (!r.verified) throw new Error('did not verify');
  }),
  await measure('bitstring_status_list_encode_1m', () => list.encode()),
  await measure('bitstring_status_list_decode_1m', async () => {
    const decoded = await bsl.decodeList({ encodedList });
    if (decoded.length !== entries) throw new Error('wrong length');
  }),
];
console.log(JSON.stringify({ versions, node_version: process.version, encoded_chars: encodedList.length, results }, null, 1));
