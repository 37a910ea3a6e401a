// The verifier service (`vaardig-verifier serve`) against credentials and presentations made by
// a real peer, Digital Bazaar's @digitalbazaar/vc 7.3.0 with eddsa-rdfc-2022 (pinned in
// package-lock.json), over its VCALM endpoints on a free loopback port:
//   - the operator's signed trust list is made with `vaardig-verifier trust init|add`, naming the
//     peer's issuer (did:key) for OpenBadgeCredential;
//   - POST /credentials/verify: their Open Badge verifies (200, valid, recognised by name); the
//     same badge from an issuer not on the list is "not recognised" (400), never valid; a tampered
//     badge is rejected (400, signature failed);
//   - POST /presentations/verify: their presentation verifies with the challenge and domain it
//     was signed for, and is rejected for another challenge; a request without a challenge is
//     refused (400, naming options.challenge).
// The service runs offline (fetch.offline): did:key needs no fetching. Nothing leaves loopback.
//
// Usage: node verifier_service_interop.mjs --verifier <vaardig-verifier>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeDocumentLoader, newDidKey } from './dc_documents.mjs';

const SKIP = 77;
let vc, DataIntegrityProof, cryptosuite, Ed25519Multikey, securityContext;
try {
  vc = await import('@digitalbazaar/vc');
  ({ DataIntegrityProof } = await import('@digitalbazaar/data-integrity'));
  ({ cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'));
  Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
  securityContext = createRequire(import.meta.url)('@digitalbazaar/security-context');
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    console.log('SKIPPED: @digitalbazaar packages are not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}

const { values: args } = parseArgs({ options: { verifier: { type: 'string' } } });
if (!args.verifier) {
  console.error('usage: node verifier_service_interop.mjs --verifier <vaardig-verifier>');
  process.exit(2);
}

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail}` : ''}`);
  if (!ok) failures++;
}

const documentLoader = makeDocumentLoader(securityContext);
const newKey = () => newDidKey(Ed25519Multikey);

function badge(issuer, subject) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Snoeien en onderhouden van beplanting',
    issuer: { id: issuer, type: ['Profile'], name: 'Gemeente Elders' },
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://gemeente-elders.example/skills/snoeien',
        type: ['Achievement'],
        achievementType: 'Competency',
        name: 'Snoeien en onderhouden van beplanting',
        description: 'Bomen en heesters veilig snoeien volgens het bestek.',
        criteria: { narrative: 'Bevestigd door de leidinggevende na werk in de praktijk.' },
      },
    },
  };
}

// Starts `vaardig-verifier serve` and resolves with its base URL once it listens.
function startVerifier(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(args.verifier, ['serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`verifier did not start: ${out}${err}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`verifier exited ${code}: ${out}${err}`)); });
  });
}

async function post(url, body) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let json = {};
  try { json = await r.json(); } catch { /* not JSON */ }
  return { status: r.status, json };
}

const dir = mkdtempSync(join(tmpdir(), 'vaardig-verifier-service-'));
let server;
try {
  const issuer = await newKey();
  const stranger = await newKey();
  const holder = await newKey();
  const suiteOf = (key) => new DataIntegrityProof({ signer: key.signer(), cryptosuite });
  const theirBadge = await vc.issue({ credential: badge(issuer.did, holder.did), suite: suiteOf(issuer.key), documentLoader });
  const strangerBadge = await vc.issue({ credential: badge(stranger.did, holder.did), suite: suiteOf(stranger.key), documentLoader });

  // The operator's signed trust list, naming the peer's issuer.
  const operatorKey = join(dir, 'operator.jwk');
  const trustList = join(dir, 'trust.jws');
  let r = spawnSync(args.verifier, ['trust', 'init', '--key', operatorKey, '--out', trustList], { encoding: 'utf8' });
  check(r.status === 0, 'vaardig-verifier trust init', r.stderr);
  r = spawnSync(args.verifier, ['trust', 'add', '--list', trustList, '--key', operatorKey, '--issuer', issuer.did,
    '--name', 'Gemeente Elders', '--type', 'OpenBadgeCredential'], { encoding: 'utf8' });
  check(r.status === 0, 'vaardig-verifier trust add (the peer issuer, for OpenBadgeCredential)', r.stderr);

  const config = join(dir, 'verifier.toml');
  writeFileSync(config, `[server]\nport = 0\n[trust]\nlist = "trust.jws"\nkey = "operator.jwk"\n[fetch]\noffline = true\n`);
  server = await startVerifier(config);
  const credentials = `${server.url}/credentials/verify`;
  const presentations = `${server.url}/presentations/verify`;

  let v = await post(credentials, { verifiableCredential: theirBadge });
  check(v.status === 200 && v.json.verified === true && v.json.report?.verdict === 'valid' &&
        v.json.report?.format === 'ldp_vc' && v.json.report?.issuer_name === 'Gemeente Elders',
        'the service verifies an Open Badge signed by @digitalbazaar/vc from a recognised issuer', JSON.stringify(v.json).slice(0, 1500));

  v = await post(credentials, { verifiableCredential: strangerBadge });
  check(v.status === 400 && v.json.verified === false && v.json.report?.verdict === 'not_recognised',
        'the same badge from an issuer not on the trust list is "not recognised", never valid', JSON.stringify(v.json).slice(0, 1200));

  const tampered = structuredClone(theirBadge);
  tampered.credentialSubject.achievement.criteria.narrative = 'Zelf verklaard.';
  v = await post(credentials, { verifiableCredential: tampered });
  check(v.status === 400 && v.json.report?.verdict === 'rejected' && v.json.errors?.some((e) => e.check === 'signature'),
        'a tampered badge is rejected (signature failed)', JSON.stringify(v.json).slice(0, 1200));

  const vp = await vc.signPresentation({
    presentation: vc.createPresentation({ verifiableCredential: [theirBadge], holder: holder.did, version: 2.0 }),
    suite: suiteOf(holder.key), challenge: 'n-7f3c-2026', domain: 'https://werkgever.example', documentLoader,
  });
  v = await post(presentations, { verifiablePresentation: vp, options: { challenge: 'n-7f3c-2026', domain: 'https://werkgever.example' } });
  check(v.status === 200 && v.json.verified === true && v.json.checks?.includes('holder_binding'),
        'the service verifies a presentation signed by @digitalbazaar/vc for its challenge and domain', JSON.stringify(v.json).slice(0, 1500));
  v = await post(presentations, { verifiablePresentation: vp, options: { challenge: 'n-other', domain: 'https://werkgever.example' } });
  check(v.status === 400 && v.json.verified === false, 'the same presentation is rejected for another challenge', JSON.stringify(v.json).slice(0, 800));
  v = await post(presentations, { verifiablePresentation: vp, options: { domain: 'https://werkgever.example' } });
  check(v.status === 400 && /options\.challenge/.test(v.json.error_description ?? ''),
        'a presentation request without a challenge is refused, naming options.challenge', JSON.stringify(v.json));
} finally {
  if (server) server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
if (failures) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all verifier service interop checks passed');
