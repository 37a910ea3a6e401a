// Interop with the OpenWallet Foundation's sd-jwt-js (@sd-jwt/sd-jwt-vc, @sd-jwt/crypto-nodejs,
// @sd-jwt/jwt-status-list, pinned at 0.19.0 in package-lock.json), in both directions:
//  (a) sd-jwt-js verifies credentials and presentations made by vaardig-issuer sign and
//      vaardig-wallet present (signature, disclosures, KB-JWT with nonce and aud), and reads a
//      Status List Token made by vaardig-issuer status-list;
//  (b) vaardig-verifier verify accepts a credential and a presentation sd-jwt-js made, fetches
//      sd-jwt-js's Status List Token from a loopback server and sees the revoked entry; tampered
//      presentations and wrong nonces are rejected.
//
// Usage: node sd_jwt_interop.mjs --issuer <vaardig-issuer> --wallet <vaardig-wallet>
//          --verifier <vaardig-verifier>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const SKIP = 77;
let sdjwtvc, cryptoNode, statusList, jose;
try {
  sdjwtvc = await import('@sd-jwt/sd-jwt-vc');
  cryptoNode = await import('@sd-jwt/crypto-nodejs');
  statusList = await import('@sd-jwt/jwt-status-list');
  jose = await import('jose');
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND') {
    console.log('SKIPPED: @sd-jwt packages are not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}
const { SDJwtVcInstance } = sdjwtvc;
const { ES256, digest, generateSalt } = cryptoNode;
const { StatusList, createHeaderAndPayload, getListFromStatusListJWT } = statusList;

const { values: args } = parseArgs({
  options: { issuer: { type: 'string' }, wallet: { type: 'string' }, verifier: { type: 'string' } },
});
if (!args.issuer || !args.wallet || !args.verifier) {
  console.error('usage: node sd_jwt_interop.mjs --issuer <exe> --wallet <exe> --verifier <exe>');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'vaardig-sdjwt-interop-'));
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
// Asynchronous, so that the loopback server below keeps answering while a child runs.
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
async function rejects(promise) {
  try {
    await promise;
    return false;
  } catch {
    return true;
  }
}

// A loopback server for both sides' Status List Tokens.
const routes = new Map();
const server = createServer((req, res) => {
  const body = routes.get(req.url);
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/statuslist+jwt' }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const VCT = 'https://gemeente-voorbeeld.example/vct/skill/v1';
const AUD = 'https://werkgever.example';
const NONCE = 'nonce-' + Math.random().toString(36).slice(2);
const now = Math.floor(Date.now() / 1000);

try {
  // ---- (a) Vaardig issues and presents; sd-jwt-js verifies ----------------------------------
  const issuerKey = join(dir, 'issuer.jwk');
  const holderKey = join(dir, 'holder.jwk');
  check((await run(args.issuer, ['keys', 'generate', '--alg', 'ES256', '--kid', 'vaardig-1', '--out', issuerKey])).code === 0,
        'vaardig-issuer keys generate (issuer)');
  check((await run(args.issuer, ['keys', 'generate', '--alg', 'ES256', '--out', holderKey])).code === 0,
        'vaardig-issuer keys generate (holder)');
  const issuerPub = JSON.parse((await run(args.issuer, ['keys', 'public', '--key', issuerKey])).out);
  const holderPub = JSON.parse((await run(args.issuer, ['keys', 'public', '--key', holderKey])).out);
  writeFileSync(join(dir, 'holder.pub.jwk'), JSON.stringify(holderPub));

  const ourListUri = `${base}/vaardig/1`;
  const ourList = await run(args.issuer, ['status-list', '--key', issuerKey, '--uri', ourListUri, '--bits', '2',
                                    '--size', '1024', '--set', '7=1', '--set', '8=2']);
  check(ourList.code === 0, 'vaardig-issuer status-list', ourList.err);
  routes.set('/vaardig/1', ourList.out.trim());
  const peerReadList = getListFromStatusListJWT(ourList.out.trim());
  check(peerReadList.getStatus(7) === 1 && peerReadList.getStatus(8) === 2 && peerReadList.getStatus(9) === 0,
        'sd-jwt-js reads our Status List Token (2 bits: 7 revoked, 8 suspended, 9 valid)');

  const claims = {
    iss: 'https://gemeente-voorbeeld.example', vct: VCT, exp: now + 3600,
    skill: { id: 'https://gemeente-voorbeeld.example/skills/snoeien', name: { nl: 'Snoeien', en: 'Pruning' }, level: 2 },
    confirmation: { status: 'confirmed', by: { name: 'Karin Bakker', role: 'teamleider buitendienst' } },
    evidence: [{ name: 'haag.jpg', sha256: 'abc' }, { name: 'haag2.jpg', sha256: 'def' }],
    holder: { given_name: 'Sanne', family_name: 'de Vries' },
  };
  writeFileSync(join(dir, 'claims.json'), JSON.stringify(claims));
  const signed = await run(args.issuer, ['sign', '--format', 'dc+sd-jwt', '--key', issuerKey, '--claims', join(dir, 'claims.json'),
                                   '--holder-jwk', join(dir, 'holder.pub.jwk'), '--status-uri', ourListUri, '--status-idx', '3']);
  check(signed.code === 0, 'vaardig-issuer sign --format dc+sd-jwt', signed.err);
  const credential = signed.out.trim();
  writeFileSync(join(dir, 'cred.txt'), credential);

  const peer = new SDJwtVcInstance({
    hasher: digest,
    verifier: await ES256.getVerifier(issuerPub),
    kbVerifier: async (data, sig, payload) => (await ES256.getVerifier(payload.cnf.jwk))(data, sig),
    statusListFetcher: async (uri) => routes.get(new URL(uri).pathname),
    statusValidator: async (status) => { if (status !== 0) throw new Error(`status ${status}`); },
  });
  const v1 = await peer.verify(credential);
  check(v1.payload.skill?.level === 2 && v1.payload.holder?.family_name === 'de Vries' &&
        v1.payload.evidence?.length === 2 && v1.payload.confirmation?.by?.name === 'Karin Bakker',
        'sd-jwt-js verifies our credential with every disclosure', JSON.stringify(v1.payload));
  check(v1.header?.typ === 'dc+sd-jwt', 'our header typ is dc+sd-jwt');

  const presented = await run(args.wallet, ['present', '--credential', join(dir, 'cred.txt'), '--holder-key', holderKey,
                                      '--aud', AUD, '--nonce', NONCE, '--disclose', 'skill', '--disclose', 'confirmation.by.role',
                                      '--disclose', 'evidence[1]']);
  check(presented.code === 0, 'vaardig-wallet present', presented.err);
  const v2 = await peer.verify(presented.out.trim(), { keyBindingNonce: NONCE });
  check(v2.kb?.payload?.aud === AUD && v2.kb?.payload?.nonce === NONCE && typeof v2.kb?.payload?.sd_hash === 'string',
        'sd-jwt-js verifies our KB-JWT (aud, nonce, sd_hash)', JSON.stringify(v2.kb?.payload));
  check(v2.payload.skill?.level === 2 && v2.payload.confirmation?.by?.role === 'teamleider buitendienst' &&
        v2.payload.confirmation?.by?.name === undefined && v2.payload.holder === undefined &&
        v2.payload.evidence?.length === 1 && v2.payload.evidence[0].name === 'haag2.jpg',
        'sd-jwt-js sees exactly what we disclosed (skills first, evidence[1] only)', JSON.stringify(v2.payload));
  check(await rejects(peer.verify(presented.out.trim(), { keyBindingNonce: 'other' })),
        'sd-jwt-js rejects our presentation under another nonce');
  const bad = presented.out.trim().replace(/~([A-Za-z0-9_-]+)~/, (m, d) => `~${d.slice(0, -2)}AA~`);
  check(await rejects(peer.verify(bad, { keyBindingNonce: NONCE })), 'sd-jwt-js rejects a tampered disclosure');

  // The credential at status index 7 (revoked in our list) is refused by sd-jwt-js.
  const revoked = await run(args.issuer, ['sign', '--key', issuerKey, '--claims', join(dir, 'claims.json'),
                                    '--holder-jwk', join(dir, 'holder.pub.jwk'), '--status-uri', ourListUri, '--status-idx', '7']);
  check(await rejects(peer.verify(revoked.out.trim())), 'sd-jwt-js finds our revoked credential revoked in our list');

  // ---- (b) sd-jwt-js issues and presents; Vaardig verifies ----------------------------------
  const peerIssuer = await ES256.generateKeyPair();
  const peerHolder = await ES256.generateKeyPair();
  peerIssuer.publicKey.kid = 'peer-1';
  writeFileSync(join(dir, 'peer-issuer.jwk'), JSON.stringify(peerIssuer.publicKey));

  const list = new StatusList(new Array(1024).fill(0), 1);
  list.setStatus(5, 1);
  const peerListUri = `${base}/peer/1`;
  const { header: slHeader, payload: slPayload } = createHeaderAndPayload(
      list, { iss: 'https://peer-issuer.example', sub: peerListUri, iat: now, exp: now + 3600, ttl: 60 },
      { alg: 'ES256', typ: 'statuslist+jwt', kid: 'peer-1' });
  const slKey = await jose.importJWK(peerIssuer.privateKey, 'ES256');
  const peerListJwt = await new jose.SignJWT(slPayload).setProtectedHeader(slHeader).sign(slKey);
  routes.set('/peer/1', peerListJwt);

  const peerSdjwt = new SDJwtVcInstance({
    signer: await ES256.getSigner(peerIssuer.privateKey), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256',
    saltGenerator: generateSalt, kbSigner: await ES256.getSigner(peerHolder.privateKey), kbSignAlg: 'ES256',
  });
  const peerClaims = {
    iss: 'https://peer-issuer.example', iat: now, exp: now + 3600, vct: VCT, cnf: { jwk: peerHolder.publicKey },
    skill: { id: 'https://peer-issuer.example/skills/1', level: 3 }, holder: { given_name: 'Jan' },
    status: { status_list: { idx: 2, uri: peerListUri } },
  };
  const peerCredential = await peerSdjwt.issue(peerClaims, { _sd: ['skill', 'holder'] }, { header: { kid: 'peer-1' } });
  const peerPresentation = await peerSdjwt.present(peerCredential, { skill: true },
                                                   { kb: { payload: { aud: AUD, nonce: NONCE, iat: now } } });
  writeFileSync(join(dir, 'peer-cred.txt'), peerCredential);
  writeFileSync(join(dir, 'peer-pres.txt'), peerPresentation);

  const verify = (file, extra = []) => run(args.verifier, ['verify', '--issuer-jwk', join(dir, 'peer-issuer.jwk'),
                                                            '--allow-http-loopback', ...extra, file]);
  let r = await verify(join(dir, 'peer-cred.txt'));
  let report = JSON.parse(r.out || '{}');
  check(r.code === 0 && report.claims?.skill?.level === 3 && report.claims?.holder?.given_name === 'Jan',
        'vaardig-verifier verifies an sd-jwt-js credential (status fetched from its list)', r.out + r.err);
  r = await verify(join(dir, 'peer-pres.txt'), ['--aud', AUD, '--nonce', NONCE]);
  report = JSON.parse(r.out || '{}');
  check(r.code === 0 && report.claims?.skill?.level === 3 && report.claims?.holder === undefined &&
        report.checks?.find((c) => c.name === 'holder_binding')?.result === 'passed',
        'vaardig-verifier verifies an sd-jwt-js presentation with its KB-JWT', r.out + r.err);
  r = await verify(join(dir, 'peer-pres.txt'), ['--aud', AUD, '--nonce', 'other']);
  check(r.code === 1, 'vaardig-verifier rejects an sd-jwt-js presentation under another nonce', r.out);
  r = await verify(join(dir, 'peer-pres.txt'), ['--aud', 'https://elders.example', '--nonce', NONCE]);
  check(r.code === 1, 'vaardig-verifier rejects an sd-jwt-js presentation for another audience', r.out);

  const peerRevoked = await peerSdjwt.issue({ ...peerClaims, status: { status_list: { idx: 5, uri: peerListUri } } },
                                            { _sd: ['skill'] }, { header: { kid: 'peer-1' } });
  writeFileSync(join(dir, 'peer-revoked.txt'), peerRevoked);
  r = await verify(join(dir, 'peer-revoked.txt'));
  check(r.code === 1 && r.out.includes('revoked'), 'vaardig-verifier reads sd-jwt-js\'s Status List Token: index 5 revoked',
        r.out);
  const tamperedPeer = peerPresentation.replace(/^([^.]+)\.([^.]+)\.([A-Za-z0-9_-]{4})/, (m, h, p, s) =>
    `${h}.${p}.${s === 'AAAA' ? 'BBBB' : 'AAAA'}`);
  writeFileSync(join(dir, 'peer-tampered.txt'), tamperedPeer);
  r = await verify(join(dir, 'peer-tampered.txt'), ['--aud', AUD, '--nonce', NONCE]);
  check(r.code === 1, 'vaardig-verifier rejects an sd-jwt-js presentation with a broken issuer signature', r.out);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
