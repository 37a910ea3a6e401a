// Interop of Vaardig's Open Badges 3.0 skill badges and W3C Bitstring Status List v1.0 lists with
// the Digital Credentials Consortium's verifier, @digitalcredentials/verifier-core 1.0.0-beta.11
// (pinned in package-lock.json; it verifies with @digitalcredentials/vc 10.0.2, eddsa-rdfc-2022
// and @digitalcredentials/vc-bitstring-status-list 1.0.0):
//  (a) a badge signed by `vaardig-issuer sign --format ldp_vc` (issuer a did:key, Ed25519), whose
//      credentialStatus points into a list made by `vaardig-issuer status-list create`, is found
//      valid by verifier-core (signature, expiration, revocation status, registered issuer), and
//      revoked after `vaardig-issuer status-list set` revokes its index, while a badge at another
//      index of the same list stays valid; a tampered badge is rejected (invalid_signature) and a
//      tampered list is refused (status error, never "not revoked"). `vaardig-verifier verify`
//      reads the same badges and lists over the same loopback server and must agree each time.
//  (b) a badge issued by the DCC stack (@digitalcredentials/vc 10.0.2 with eddsa-rdfc-2022, all
//      offline: bundled contexts and did:key only) with a status entry in a Bitstring Status List
//      the DCC stack made and signed too, served on loopback, is verified by `vaardig-verifier
//      verify` (trust list naming their did:key), read as revoked once their list sets its index,
//      and rejected when tampered; verifier-core agrees on the same badge.
//
// What verifier-core fetches (read from node_modules, 1.0.0-beta.11) and how this test keeps it
// on loopback:
//  - Its JSON-LD document loader is fixed: securityLoader({fetchRemoteContexts: true}) from
//    @digitalcredentials/security-document-loader 8.0.0; no documentLoader option exists.
//    VC 2.0, Data Integrity, Bitstring Status List and Open Badges 3.0.x contexts are bundled
//    (its OB context-3.0.3.json is byte-for-byte our specs/contexts copy) and did:key is resolved
//    in memory. Any other http(s) URL, including the statusListCredential, is fetched with
//    @digitalcredentials/http-client (ky over globalThis.fetch). The status list is therefore
//    served by a node:http server on 127.0.0.1 (port 0) and the badges point at it.
//  - The issuer registry check (@digitalcredentials/issuer-registry-client) fetches every entry
//    of knownDIDRegistries with globalThis.fetch (dcc-legacy: the url; oidf: trustAnchorEC and
//    its fetch endpoint); without knownDIDRegistries verifyCredential fails outright. The test
//    passes one dcc-legacy registry served by the same loopback server, naming our issuer.
//  - The schema check (additionalInformation, not one of the four verification steps) guesses
//    https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json
//    for an OpenBadgeCredential on VC 2.0 without credentialSchema, and fetches it with
//    globalThis.fetch (ajv compileAsync). That schema is in no package we have, so the fetch is
//    refused (below) and the test asserts that verifier-core reports the schema as unchecked.
//  - globalThis.fetch is wrapped before verifier-core is imported: loopback URLs go through, any
//    other URL is refused (the request never leaves the process) and recorded. The one expected
//    refusal is the OB schema above; any other recorded URL fails the test. As a second fence,
//    net.Socket.prototype.connect refuses (and records) any connection to a non-loopback host,
//    which covers node:http/https and fetch alike.
//
// Usage: node verifier_core_interop.mjs --issuer <vaardig-issuer> --verifier <vaardig-verifier>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const SKIP = 77;

// ---- The loopback fence: installed before any peer code is loaded ------------------------------
const OB_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const refused = [];  // every non-loopback request or connection attempt, in order
const realFetch = globalThis.fetch;
globalThis.fetch = async function loopbackOnlyFetch(input, init) {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input?.url;
  let host = null;
  try {
    host = new URL(url).hostname;
  } catch {
    // not a URL: refused below
  }
  if (!LOOPBACK_HOSTS.has(host)) {
    refused.push(String(url));
    throw new TypeError(`verifier_core_interop: refused non-loopback fetch of ${url}`);
  }
  return realFetch(input, init);
};
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackOnlyConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];  // internal calls pass normalized args
  let host = 'localhost';
  if (first && typeof first === 'object') {
    if (first.path) return realConnect.apply(this, args);  // a Unix socket
    host = first.host ?? 'localhost';
  } else if (typeof args[1] === 'string') {
    host = args[1];
  }
  if (!LOOPBACK_HOSTS.has(host)) {
    refused.push(`connect ${host}`);
    throw new Error(`verifier_core_interop: refused a connection to non-loopback host ${host}`);
  }
  return realConnect.apply(this, args);
};

let verifierCore, dccVc, DccDataIntegrityProof, dccCryptosuite, DccEd25519Multikey, securityLoader;
let Ed25519Multikey;
try {
  verifierCore = await import('@digitalcredentials/verifier-core');
  dccVc = await import('@digitalcredentials/vc');
  ({ DataIntegrityProof: DccDataIntegrityProof } = await import('@digitalcredentials/data-integrity'));
  ({ cryptosuite: dccCryptosuite } = await import('@digitalcredentials/eddsa-rdfc-2022-cryptosuite'));
  DccEd25519Multikey = await import('@digitalcredentials/ed25519-multikey');
  ({ securityLoader } = await import('@digitalcredentials/security-document-loader'));
  Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    console.log('SKIPPED: @digitalcredentials packages are not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}

const { values: args } = parseArgs({ options: { issuer: { type: 'string' }, verifier: { type: 'string' } } });
if (!args.issuer || !args.verifier) {
  console.error('usage: node verifier_core_interop.mjs --issuer <exe> --verifier <exe>');
  process.exit(2);
}

let failures = 0;
let passed = 0;
function check(ok, what, detail = '') {
  if (ok) passed++;
  else failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail}` : ''}`);
}
// Asynchronous, so that the loopback server in this process can answer the CLIs meanwhile.
function run(exe, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
function parseOrEmpty(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
const brief = (value) => JSON.stringify(value, (k, v) => (k === 'credential' || k === 'stackTrace' ? undefined : v))?.slice(0, 1200);

// ---- The loopback server: status lists (read from their files at each request) and a registry --
const served = new Map();  // path -> () => body (string)
const hits = new Map();    // path -> number of GETs
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const body = served.get(path);
  if (req.method !== 'GET' || !body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(body());
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// verifier-core's schema check prints the refused schema fetch (with a stack) on console.log and
// console.error; keep that out of the test output (the refusal itself is asserted below).
async function quietly(fn) {
  const saved = [console.log, console.error];
  console.log = console.error = () => {};
  try {
    return await fn();
  } finally {
    [console.log, console.error] = saved;
  }
}

// verifier-core's log entry by id.
const step = (result, id) => result?.log?.find((entry) => entry.id === id);
const schemaCheck = (result) => result?.additionalInformation?.find((entry) => entry.id === 'schema_check');

function badge({ issuer, subject, name, listUrl, index, validUntil }) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    issuer: { id: issuer, type: ['Profile'], name: 'Gemeente Voorbeeld' },
    validFrom: '2026-01-01T00:00:00Z',
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://vaardig.example/catalogue/skills/snoeien',
        type: ['Achievement'],
        achievementType: 'Competency',
        name,
        description: 'Bomen en heesters veilig snoeien volgens het bestek.',
        criteria: { narrative: 'Bevestigd door de leidinggevende na werk in de praktijk.' },
        alignment: [{
          type: ['Alignment'],
          targetName: 'prune trees',
          targetUrl: 'http://data.europa.eu/esco/skill/6a3f1f0b-3b43-4b0f-a8f9-4b3e8f1d5c1e',
          targetFramework: 'ESCO',
        }],
      },
    },
    credentialStatus: {
      id: `${listUrl}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: listUrl,
    },
  };
}

// The fences work: 127.0.0.2 is not on the allowed list (so both refuse it), yet it is still
// the loopback network, so even a broken fence would keep this probe on the machine.
await globalThis.fetch('http://127.0.0.2:1234/probe').then(() => null, (e) => e);
check(refused.includes('http://127.0.0.2:1234/probe'), 'fence: the fetch wrapper refuses a URL that is not 127.0.0.1/localhost/::1');
await realFetch('http://127.0.0.2:1234/probe').then(() => null, (e) => e);
check(refused.includes('connect 127.0.0.2'), 'fence: a socket connection below fetch is refused as well');
refused.length = 0;

const dir = mkdtempSync(join(tmpdir(), 'vaardig-verifier-core-'));
try {
  // ---- Our issuer, its revocation list on loopback, a registry naming it ------------------------
  const issuerKey = join(dir, 'issuer.jwk');
  let r = await run(args.issuer, ['keys', 'generate', '--alg', 'EdDSA', '--out', issuerKey]);
  check(r.status === 0, 'vaardig-issuer keys generate --alg EdDSA', r.stderr);
  const issuerJwk = JSON.parse(readFileSync(issuerKey, 'utf8'));
  const issuerMultikey = await Ed25519Multikey.fromJwk({ jwk: { kty: issuerJwk.kty, crv: issuerJwk.crv, x: issuerJwk.x } });
  const ourDid = `did:key:${issuerMultikey.publicKeyMultibase}`;

  const listPath = '/status/revocation-1';
  const listUrl = `${origin}${listPath}`;
  const listFile = join(dir, 'list.json');
  r = await run(args.issuer, ['status-list', 'create', '--key', issuerKey, '--issuer', ourDid, '--id', listUrl,
    '--purpose', 'revocation', '--out', listFile]);
  check(r.status === 0, 'vaardig-issuer status-list create (revocation, served on 127.0.0.1)', r.stderr);
  let listOverride = null;  // a tampered list to serve instead of the file, when set
  served.set(listPath, () => listOverride ?? readFileSync(listFile, 'utf8'));

  served.set('/registry.json', () => JSON.stringify({
    registry: { [ourDid]: { name: 'Gemeente Voorbeeld', url: 'https://gemeente.example', location: 'Utrecht, NL' } },
  }));
  const knownDIDRegistries = [{ name: 'Vaardig loopback registry', type: 'dcc-legacy', url: `${origin}/registry.json` }];

  // Two badges in the same list: index 42 gets revoked, index 43 never does.
  const signed = {};
  for (const index of [42, 43]) {
    const file = join(dir, `badge-${index}.json`);
    writeFileSync(file, JSON.stringify(badge({ issuer: ourDid, subject: 'did:example:sanne', name: 'Snoeien', listUrl, index })));
    r = await run(args.issuer, ['sign', '--format', 'ldp_vc', '--key', issuerKey, '--credential', file]);
    check(r.status === 0, `vaardig-issuer sign --format ldp_vc: badge with status index ${index}`, r.stderr);
    signed[index] = JSON.parse(r.stdout);
    writeFileSync(file, r.stdout);
  }
  check(signed[42].proof?.cryptosuite === 'eddsa-rdfc-2022', 'our badge carries an eddsa-rdfc-2022 DataIntegrityProof',
    JSON.stringify(signed[42].proof));

  const trust = join(dir, 'trust.json');
  writeFileSync(trust, JSON.stringify({ issuers: [{ id: ourDid, name: 'Gemeente Voorbeeld', credential_types: ['OpenBadgeCredential'] }] }));
  const ourVerify = async (file) => {
    const result = await run(args.verifier, ['verify', '--trust-list', trust, '--allow-http-loopback', file]);
    return { ...result, report: parseOrEmpty(result.stdout) };
  };
  const ourCheck = (report, name) => report.checks?.find((c) => c.name === name);

  const verify = (credential) => quietly(() => verifierCore.verifyCredential({ credential: structuredClone(credential), knownDIDRegistries }));

  // ---- (a) valid ---------------------------------------------------------------------------------
  let before = hits.get(listPath) ?? 0;
  let result = await verify(signed[42]);
  check(!result.errors, 'verifier-core: no fatal error for our badge', brief(result));
  check(step(result, 'valid_signature')?.valid === true, 'verifier-core: valid_signature valid (our eddsa-rdfc-2022 proof)', brief(result));
  check(step(result, 'expiration')?.valid === true, 'verifier-core: expiration valid (validFrom 2026-01-01, no validUntil)', brief(result));
  check(step(result, 'revocation_status')?.valid === true && !step(result, 'revocation_status')?.error,
    'verifier-core: revocation_status valid (index 42 clear in our list, list proof verified)', brief(result));
  const registered = step(result, 'registered_issuer');
  check(registered?.valid === true && registered.matchingIssuers?.[0]?.issuer?.federation_entity?.organization_name === 'Gemeente Voorbeeld'
        && registered.uncheckedRegistries?.length === 0,
  'verifier-core: registered_issuer valid (our did:key found in the loopback registry)', brief(result));
  check((hits.get(listPath) ?? 0) > before, 'verifier-core fetched our status list from the loopback server',
    `${hits.get(listPath) ?? 0} GETs`);
  check(schemaCheck(result)?.results === 'INVALID_SCHEMA - possibly not a valid url',
    'verifier-core: the OB 3.0 JSON Schema check is reported unchecked (its purl.imsglobal.org fetch was refused)',
    brief(result.additionalInformation));
  let ours = await ourVerify(join(dir, 'badge-42.json'));
  check(ours.status === 0 && ours.report.verified === true, 'vaardig-verifier agrees: badge 42 verified (status fetched from loopback)',
    ours.stdout.slice(0, 1500) + ours.stderr);

  // ---- (a) revoked -------------------------------------------------------------------------------
  r = await run(args.issuer, ['status-list', 'set', '--key', issuerKey, '--list', listFile, '--index', '42', '--value', '1', '--out', listFile]);
  check(r.status === 0, 'vaardig-issuer status-list set --index 42 --value 1', r.stderr);
  before = hits.get(listPath) ?? 0;
  result = await verify(signed[42]);
  check(!result.errors && step(result, 'valid_signature')?.valid === true && step(result, 'expiration')?.valid === true,
    'verifier-core: revoked badge still has a valid signature and is not expired', brief(result));
  check(step(result, 'revocation_status')?.valid === false && !step(result, 'revocation_status')?.error,
    'verifier-core: revocation_status false after status-list set revoked index 42', brief(result));
  check((hits.get(listPath) ?? 0) > before, 'verifier-core fetched the re-signed list again (no stale cache)');
  ours = await ourVerify(join(dir, 'badge-42.json'));
  check(ours.status === 1 && ours.report.verified === false && ourCheck(ours.report, 'status')?.result === 'failed',
    'vaardig-verifier agrees: badge 42 revoked (status check failed, exit 1)', ours.stdout.slice(0, 1500) + ours.stderr);

  result = await verify(signed[43]);
  check(!result.errors && step(result, 'valid_signature')?.valid === true && step(result, 'revocation_status')?.valid === true,
    'verifier-core: badge 43 in the same list stays not revoked', brief(result));
  ours = await ourVerify(join(dir, 'badge-43.json'));
  check(ours.status === 0 && ours.report.verified === true, 'vaardig-verifier agrees: badge 43 verified', ours.stdout.slice(0, 1500));

  // ---- (a) tampering ----------------------------------------------------------------------------
  const tampered = structuredClone(signed[43]);
  tampered.credentialSubject.achievement.name = 'Kappen';
  result = await verify(tampered);
  check(result.errors?.[0]?.name === 'invalid_signature' && !result.log,
    'verifier-core rejects our badge with a changed achievement name (invalid_signature, no log)', brief(result));
  const movedIndex = structuredClone(signed[42]);
  movedIndex.credentialStatus.statusListIndex = '43';
  result = await verify(movedIndex);
  check(result.errors?.[0]?.name === 'invalid_signature',
    'verifier-core rejects our revoked badge whose statusListIndex was moved to a clear entry (invalid_signature)', brief(result));

  // The list with index 42 cleared again but the old proof kept: its proof no longer verifies.
  const list = JSON.parse(readFileSync(listFile, 'utf8'));
  const cleanList = JSON.parse((await run(args.issuer, ['status-list', 'create', '--key', issuerKey, '--issuer', ourDid,
    '--id', listUrl, '--purpose', 'revocation'])).stdout);
  listOverride = JSON.stringify({ ...list, credentialSubject: { ...list.credentialSubject, encodedList: cleanList.credentialSubject.encodedList } });
  result = await verify(signed[42]);
  const tamperedStatus = step(result, 'revocation_status');
  check(!result.errors && step(result, 'valid_signature')?.valid === true && tamperedStatus?.valid === undefined
        && tamperedStatus?.error?.name === 'status_list_signature_error',
  'verifier-core refuses our list with a swapped encodedList (status_list_signature_error, never "not revoked")', brief(result));
  ours = await ourVerify(join(dir, 'badge-42.json'));
  check(ours.status === 1 && ours.report.verified === false && ourCheck(ours.report, 'status')?.result === 'failed'
        && ours.report.error?.code === 'unauthenticated',
  'vaardig-verifier agrees: the tampered list is refused (status failed, unauthenticated, exit 1)', ours.stdout.slice(0, 1500));
  listOverride = null;

  // A list the server does not have.
  const missingFile = join(dir, 'badge-missing.json');
  writeFileSync(missingFile, JSON.stringify(badge({ issuer: ourDid, subject: 'did:example:sanne', name: 'Snoeien',
    listUrl: `${origin}/status/none`, index: 1 })));
  r = await run(args.issuer, ['sign', '--format', 'ldp_vc', '--key', issuerKey, '--credential', missingFile]);
  check(r.status === 0, 'vaardig-issuer sign --format ldp_vc: badge pointing at a list that is not published', r.stderr);
  result = await verify(parseOrEmpty(r.stdout));
  check(step(result, 'valid_signature')?.valid === true && step(result, 'revocation_status')?.error?.name === 'status_list_not_found',
    'verifier-core: a status list that is not there (404 on loopback) gives status_list_not_found', brief(result));

  // ---- (b) the DCC stack issues offline; vaardig-verifier verifies ------------------------------
  const dccLoader = securityLoader().build();  // bundled contexts and did:key only: fetches nothing
  const dccKey = await DccEd25519Multikey.generate();
  const dccDid = `did:key:${dccKey.publicKeyMultibase}`;
  dccKey.controller = dccDid;
  dccKey.id = `${dccDid}#${dccKey.publicKeyMultibase}`;
  // Their badge points into a list of their own issuer (made and signed by the DCC stack below),
  // served on loopback like ours.
  const dccListPath = '/status/dcc-1';
  const dccListUrl = `${origin}${dccListPath}`;
  const dccBadge = await dccVc.issue({
    credential: badge({ issuer: dccDid, subject: 'did:example:sanne', name: 'Klantcontact aan de balie', listUrl: dccListUrl, index: 7 }),
    suite: new DccDataIntegrityProof({ signer: dccKey.signer(), cryptosuite: dccCryptosuite }),
    documentLoader: dccLoader,
  });
  check(dccBadge.proof?.cryptosuite === 'eddsa-rdfc-2022', '@digitalcredentials/vc issued an eddsa-rdfc-2022 badge offline',
    JSON.stringify(dccBadge.proof));
  // Their status list: made and signed by the DCC stack too.
  const { createList, createCredential } = await import('@digitalcredentials/vc-bitstring-status-list');
  async function dccList(revoked) {
    const bits = await createList({ length: 131072 });
    for (const i of revoked) bits.setStatus(i, true);
    const unsigned = await createCredential({ id: dccListUrl, list: bits, statusPurpose: 'revocation' });
    unsigned.issuer = dccDid;
    unsigned.validFrom = '2026-01-01T00:00:00Z';
    return dccVc.issue({ credential: unsigned, documentLoader: dccLoader,
      suite: new DccDataIntegrityProof({ signer: dccKey.signer(), cryptosuite: dccCryptosuite }) });
  }
  let dccListBody = JSON.stringify(await dccList([]));
  served.set(dccListPath, () => dccListBody);
  const dccTrust = join(dir, 'dcc-trust.json');
  writeFileSync(dccTrust, JSON.stringify({ issuers: [{ id: dccDid, name: 'DCC issuer', credential_types: ['OpenBadgeCredential'] }] }));
  const dccFile = join(dir, 'dcc-badge.json');
  writeFileSync(dccFile, JSON.stringify(dccBadge));
  const verifyDcc = async (file) => {
    const res = await run(args.verifier, ['verify', '--trust-list', dccTrust, '--allow-http-loopback', file]);
    return { ...res, report: parseOrEmpty(res.stdout) };
  };
  ours = await verifyDcc(dccFile);
  check(ours.status === 0 && ours.report.verified === true && ours.report.format === 'ldp_vc',
    'vaardig-verifier verifies the DCC-issued badge (status list of theirs, on loopback, not revoked)', ours.stdout.slice(0, 1500) + ours.stderr);
  result = await verify(dccBadge);
  check(!result.errors && step(result, 'revocation_status')?.valid === true && step(result, 'registered_issuer')?.valid === false,
    'verifier-core on the same badge: valid, not revoked, issuer not in our registry', brief(result));

  dccListBody = JSON.stringify(await dccList([7]));
  ours = await verifyDcc(dccFile);
  check(ours.status === 1 && ours.report.verified === false && ourCheck(ours.report, 'status')?.result === 'failed',
    'vaardig-verifier reads the DCC badge as revoked after their list sets index 7', ours.stdout.slice(0, 1500) + ours.stderr);
  result = await verify(dccBadge);
  check(step(result, 'revocation_status')?.valid === false, 'verifier-core agrees: the DCC badge is revoked', brief(result));

  const dccTampered = structuredClone(dccBadge);
  dccTampered.credentialSubject.achievement.criteria.narrative = 'Zelf verklaard.';
  writeFileSync(dccFile + '.tampered', JSON.stringify(dccTampered));
  ours = await verifyDcc(dccFile + '.tampered');
  check(ours.status === 1 && ourCheck(ours.report, 'signature')?.result === 'failed',
    'vaardig-verifier rejects the DCC badge with a changed criteria narrative (signature failed)', ours.stdout.slice(0, 1500));
} catch (e) {
  failures++;
  console.log(`FAIL unexpected error: ${e.stack ?? e}`);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

// ---- Nothing left the machine ------------------------------------------------------------------
const unexpected = refused.filter((url) => url !== OB_SCHEMA_URL);
check(unexpected.length === 0, 'no request to anything but loopback, except the refused OB schema fetch',
  `refused: ${[...new Set(unexpected)].join(', ')}`);
check(refused.includes(OB_SCHEMA_URL), 'the OB schema fetch was seen and refused (the fence is in place)');

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
