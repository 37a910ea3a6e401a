// Interop of W3C Bitstring Status List v1.0 credentials with Digital Bazaar's
// @digitalbazaar/vc-bitstring-status-list (2.0.1) and @digitalbazaar/vc (7.3.0) with
// eddsa-rdfc-2022 (pinned in package-lock.json), in both directions:
//  (a) a list made by `vaardig-issuer status-list create` and `set` (some entries revoked) is
//      decoded by their decodeList with every one of its 131,072 bits agreeing, its Data Integrity
//      proof verifies with vc.verifyCredential, and their checkStatus reads it end to end for a
//      credential pointing into it (issuer match, purpose match, proof); a tampered copy fails;
//  (b) a list made by their createList / createCredential and signed by vc.issue is read by
//      `vaardig-verifier status`: the revoked entries are seen, the others valid, and a tampered
//      copy, another issuer and a wrong purpose are refused.
// Contexts come from specs/contexts and the did:key documents are built locally: a document
// loader that fetches nothing. No network, no server.
//
// Usage: node bitstring_interop.mjs --issuer <vaardig-issuer> --verifier <vaardig-verifier>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SKIP = 77;
let bsl, vc, DataIntegrityProof, cryptosuite, Ed25519Multikey, securityContext;
const here = dirname(fileURLToPath(import.meta.url));
try {
  bsl = await import('@digitalbazaar/vc-bitstring-status-list');
  vc = await import('@digitalbazaar/vc');
  ({ DataIntegrityProof } = await import('@digitalbazaar/data-integrity'));
  ({ cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'));
  Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
  securityContext = createRequire(join(here, 'package.json'))('@digitalbazaar/security-context');
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    console.log('SKIPPED: @digitalbazaar packages are not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}

const { values: args } = parseArgs({ options: { issuer: { type: 'string' }, verifier: { type: 'string' } } });
if (!args.issuer || !args.verifier) {
  console.error('usage: node bitstring_interop.mjs --issuer <exe> --verifier <exe>');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'vaardig-bitstring-interop-'));
let failures = 0;
let passed = 0;
function check(condition, what, detail = '') {
  if (condition) {
    passed++;
    console.log(`ok   ${what}`);
  } else {
    failures++;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
}
function run(exe, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
function parseOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// ---- a document loader over specs/contexts and locally built did:key documents ----------------
const contextsDir = join(here, '..', '..', 'specs', 'contexts');
const documents = new Map();
for (const [url, file] of Object.entries(JSON.parse(readFileSync(join(contextsDir, 'index.json'), 'utf8')))) {
  documents.set(url, JSON.parse(readFileSync(join(contextsDir, file), 'utf8')));
}
documents.set(securityContext.SECURITY_CONTEXT_V2_URL,
  securityContext.contexts.get(securityContext.SECURITY_CONTEXT_V2_URL));
function addDidKey(publicKeyMultibase) {
  const did = `did:key:${publicKeyMultibase}`;
  const method = {
    '@context': 'https://w3id.org/security/multikey/v1',
    id: `${did}#${publicKeyMultibase}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase,
  };
  documents.set(method.id, method);
  documents.set(did, {
    '@context': [securityContext.SECURITY_CONTEXT_V2_URL, 'https://w3id.org/security/multikey/v1'],
    id: did,
    assertionMethod: [method],
  });
  return { did, method: method.id };
}
const documentLoader = async (url) => {
  const document = documents.get(url);
  if (!document) throw new Error(`document not allowed: ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
};
const verifyingSuite = () => new DataIntegrityProof({ cryptosuite });

try {
  // ---- (a) our list, read by Digital Bazaar -----------------------------------------------------
  const keyFile = join(dir, 'issuer.jwk');
  const gen = await run(args.issuer, ['keys', 'generate', '--alg', 'EdDSA', '--out', keyFile]);
  check(gen.code === 0, 'vaardig-issuer keys generate --alg EdDSA', gen.err);
  const jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
  const ourKey = await Ed25519Multikey.fromJwk({ jwk, secretKey: true });
  const ours = addDidKey(ourKey.publicKeyMultibase);
  ourKey.id = ours.method;
  ourKey.controller = ours.did;

  const listUrl = 'https://issuer.example/status/vaardig-1';
  const listFile = join(dir, 'list.json');
  const created = await run(args.issuer, ['status-list', 'create', '--key', keyFile, '--issuer', ours.did,
    '--id', listUrl, '--purpose', 'revocation', '--ttl', '300000', '--out', listFile]);
  check(created.code === 0, 'vaardig-issuer status-list create', created.err);
  const revoked = [0, 7, 8, 1000, 65535, 131071];
  for (const index of revoked) {
    const set = await run(args.issuer, ['status-list', 'set', '--key', keyFile, '--list', listFile,
      '--index', String(index), '--value', '1', '--out', listFile]);
    check(set.code === 0, `vaardig-issuer status-list set --index ${index} --value 1`, set.err);
  }
  const ourList = JSON.parse(readFileSync(listFile, 'utf8'));
  documents.set(listUrl, ourList);

  const decoded = await bsl.decodeList({ encodedList: ourList.credentialSubject.encodedList });
  check(decoded.length === 131072, 'decodeList: the list has 131,072 entries', String(decoded.length));
  const expected = new Set(revoked);
  let disagreements = 0;
  for (let i = 0; i < decoded.length; i++) {
    if (decoded.getStatus(i) !== expected.has(i)) disagreements++;
  }
  check(disagreements === 0, 'decodeList: every bit agrees (revoked entries set, all others clear)',
    `${disagreements} entries differ`);

  const ourProof = await vc.verifyCredential({ credential: structuredClone(ourList), suite: verifyingSuite(), documentLoader });
  check(ourProof.verified, 'vc.verifyCredential: our eddsa-rdfc-2022 proof verifies',
    JSON.stringify(ourProof.error ?? ourProof.results?.[0]?.error ?? ''));

  // A credential pointing into our list, signed by the same issuer with Digital Bazaar's stack,
  // checked end to end by their checkStatus (purpose, issuer, proof of the list, the bit).
  async function credentialWithStatus(index) {
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: ours.did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:sanne' },
      credentialStatus: {
        id: `${listUrl}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: listUrl,
      },
    };
    const suite = new DataIntegrityProof({ signer: ourKey.signer(), cryptosuite });
    return vc.issue({ credential, suite, documentLoader });
  }
  for (const [index, isRevoked] of [[7, true], [9, false], [131071, true]]) {
    const result = await bsl.checkStatus({
      credential: await credentialWithStatus(index), documentLoader, suite: verifyingSuite(),
      verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true,
    });
    check(result.verified && result.results?.[0]?.status === isRevoked,
      `checkStatus reads entry ${index} of our list as ${isRevoked ? 'revoked' : 'not revoked'}`,
      JSON.stringify(result.error?.message ?? result));
  }
  const tampered = structuredClone(ourList);
  tampered.credentialSubject.encodedList = await (await bsl.createList({ length: 131072 })).encode();
  documents.set(listUrl, tampered);
  const tamperedResult = await bsl.checkStatus({
    credential: await credentialWithStatus(7), documentLoader, suite: verifyingSuite(),
  });
  check(!tamperedResult.verified && /"BitstringStatusListCredential" not verified/.test(tamperedResult.error?.message ?? ''),
    'checkStatus refuses our list with a tampered encodedList (its proof no longer verifies)',
    JSON.stringify(tamperedResult.error?.message ?? tamperedResult));
  documents.set(listUrl, ourList);

  // ---- (b) their list, read by vaardig-verifier status -----------------------------------------
  const theirKey = await Ed25519Multikey.generate();
  const theirs = addDidKey(theirKey.publicKeyMultibase);
  theirKey.id = theirs.method;
  theirKey.controller = theirs.did;
  const theirList = await bsl.createList({ length: 131072 });
  const theirRevoked = [3, 42, 131071];
  for (const index of theirRevoked) theirList.setStatus(index, true);
  const unsigned = await bsl.createCredential({ id: 'https://issuer.example/status/db-1', list: theirList,
    statusPurpose: 'revocation' });
  unsigned.issuer = theirs.did;
  unsigned.validFrom = '2026-01-01T00:00:00Z';
  const theirCredential = await vc.issue({ credential: unsigned,
    suite: new DataIntegrityProof({ signer: theirKey.signer(), cryptosuite }), documentLoader });
  const theirFile = join(dir, 'their-list.json');
  writeFileSync(theirFile, JSON.stringify(theirCredential, null, 2));

  async function status(file, index, extra = []) {
    const r = await run(args.verifier, ['status', '--list', file, '--index', String(index), '--offline', ...extra]);
    return { ...r, report: parseOrNull(r.out) };
  }
  for (const index of [3, 42, 131071]) {
    const r = await status(theirFile, index, ['--purpose', 'revocation', '--issuer', theirs.did]);
    check(r.code === 1 && r.report?.status?.value === 1 && r.report?.valid === false,
      `vaardig-verifier status reads entry ${index} of their list as revoked (exit 1)`, r.out + r.err);
  }
  for (const index of [0, 4, 41, 43, 131070]) {
    const r = await status(theirFile, index, ['--issuer', theirs.did]);
    check(r.code === 0 && r.report?.status?.value === 0 && r.report?.valid === true,
      `vaardig-verifier status reads entry ${index} of their list as valid (exit 0)`, r.out + r.err);
  }
  const theirTampered = structuredClone(theirCredential);
  theirTampered.credentialSubject.encodedList = await (await bsl.createList({ length: 131072 })).encode();
  const tamperedFile = join(dir, 'their-list-tampered.json');
  writeFileSync(tamperedFile, JSON.stringify(theirTampered));
  const t = await status(tamperedFile, 3);
  check(t.code === 1 && t.report?.error?.code === 'unauthenticated',
    'vaardig-verifier status refuses their list with a tampered encodedList (unauthenticated)', t.out + t.err);
  const foreign = await status(theirFile, 3, ['--issuer', ours.did]);
  check(foreign.code === 1 && foreign.report?.error?.code === 'permission_denied',
    'vaardig-verifier status refuses their list for a credential of another issuer', foreign.out + foreign.err);
  const purpose = await status(theirFile, 3, ['--purpose', 'suspension']);
  check(purpose.code === 2 && purpose.report?.error?.code === 'invalid_argument',
    'vaardig-verifier status refuses their revocation list for a suspension entry', purpose.out + purpose.err);
  const range = await status(theirFile, 131072);
  check(range.code === 2 && /beyond the list/.test(range.report?.error?.message ?? ''),
    'vaardig-verifier status refuses index 131072 (range error)', range.out + range.err);
} catch (e) {
  failures++;
  console.log(`FAIL unexpected error: ${e.stack ?? e}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
