// Interop of W3C VCDM 2.0 credentials and presentations secured with Data Integrity
// (eddsa-rdfc-2022) against Digital Bazaar's @digitalbazaar/vc 7.3.0 with
// @digitalbazaar/data-integrity 2.5.0 and @digitalbazaar/eddsa-rdfc-2022-cryptosuite 1.3.0
// (pinned in package-lock.json), in both directions, driving the three CLIs:
//  (a) @digitalbazaar/vc verifies an Open Badges 3.0 skill badge signed by `vaardig-issuer sign
//      --format ldp_vc` and a presentation made by `vaardig-wallet present --format ldp_vp`
//      (challenge and domain checked); tampered ones fail;
//  (b) `vaardig-verifier verify` accepts a badge and a presentation Digital Bazaar's library
//      signed, with a trust list naming their issuer, and rejects tampering, a wrong challenge, an
//      issuer not on the list and a presentation of someone else's credential.
// Keys are did:key (Ed25519 Multikey) on both sides; Digital Bazaar's document loader serves the
// did:key documents and specs/contexts from memory. Nothing goes over the network.
//
// Usage: node vc_di_interop.mjs --issuer <vaardig-issuer> --wallet <vaardig-wallet>
//          --verifier <vaardig-verifier>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeDocumentLoader } from './dc_documents.mjs';

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

const { values: args } = parseArgs({
  options: { issuer: { type: 'string' }, wallet: { type: 'string' }, verifier: { type: 'string' } },
});
if (!args.issuer || !args.wallet || !args.verifier) {
  console.error('usage: node vc_di_interop.mjs --issuer <exe> --wallet <exe> --verifier <exe>');
  process.exit(2);
}

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail}` : ''}`);
  if (!ok) failures++;
}
function run(exe, argv, input) {
  const r = spawnSync(exe, argv, { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

const documentLoader = makeDocumentLoader(securityContext);
const suite = new DataIntegrityProof({ cryptosuite });

function badge(issuer, subject, name) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    issuer: { id: issuer, type: ['Profile'], name: 'Gemeente Voorbeeld' },
    validFrom: '2026-01-01T00:00:00Z',
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
  };
}

const dir = mkdtempSync(join(tmpdir(), 'vaardig-vc-di-'));
try {
  // ---- (a) Vaardig signs and presents; Digital Bazaar verifies -----------------------------------
  const issuerKey = join(dir, 'issuer.jwk');
  const holderKey = join(dir, 'holder.jwk');
  for (const file of [issuerKey, holderKey]) {
    const r = run(args.issuer, ['keys', 'generate', '--alg', 'EdDSA', '--out', file]);
    check(r.status === 0, `vaardig-issuer keys generate --alg EdDSA (${file.endsWith('issuer.jwk') ? 'issuer' : 'holder'})`, r.stderr);
  }
  // did:key of each key: the issuer's from its own sign output, the holder's from the JWK.
  const holderJwk = JSON.parse(readFileSync(holderKey, 'utf8'));
  const holderMultikey = await Ed25519Multikey.fromJwk({ jwk: { kty: holderJwk.kty, crv: holderJwk.crv, x: holderJwk.x } });
  const holderDid = `did:key:${holderMultikey.publicKeyMultibase}`;
  const issuerJwk = JSON.parse(readFileSync(issuerKey, 'utf8'));
  const issuerMultikey = await Ed25519Multikey.fromJwk({ jwk: { kty: issuerJwk.kty, crv: issuerJwk.crv, x: issuerJwk.x } });
  const ourIssuerDid = `did:key:${issuerMultikey.publicKeyMultibase}`;

  const unsigned = join(dir, 'badge.json');
  writeFileSync(unsigned, JSON.stringify(badge(ourIssuerDid, holderDid, 'Snoeien')));
  const signed = run(args.issuer, ['sign', '--format', 'ldp_vc', '--key', issuerKey, '--credential', unsigned]);
  check(signed.status === 0, 'vaardig-issuer sign --format ldp_vc (eddsa-rdfc-2022)', signed.stderr);
  const ourBadge = JSON.parse(signed.stdout);
  const verified = await vc.verifyCredential({ credential: ourBadge, suite, documentLoader });
  check(verified.verified === true, '@digitalbazaar/vc verifies our eddsa-rdfc-2022 badge',
        JSON.stringify(verified.error ?? verified.results, null, 1)?.slice(0, 800));
  const tampered = structuredClone(ourBadge);
  tampered.credentialSubject.achievement.name = 'Kappen';
  const rejected = await vc.verifyCredential({ credential: tampered, suite, documentLoader });
  check(rejected.verified === false, '@digitalbazaar/vc rejects our badge with a changed achievement name');

  const badgeFile = join(dir, 'signed-badge.json');
  writeFileSync(badgeFile, signed.stdout);
  const vp = run(args.wallet, ['present', '--format', 'ldp_vp', '--credential', badgeFile, '--holder-key', holderKey,
                               '--aud', 'https://verifier.example.org', '--nonce', 'c0ffee-123']);
  check(vp.status === 0, 'vaardig-wallet present --format ldp_vp', vp.stderr);
  const ourVp = JSON.parse(vp.stdout);
  const vpResult = await vc.verify({ presentation: ourVp, suite, documentLoader, challenge: 'c0ffee-123',
                                     domain: 'https://verifier.example.org' });
  check(vpResult.verified === true, '@digitalbazaar/vc verifies our presentation (challenge, domain, holder proof, badge)',
        JSON.stringify(vpResult.error ?? vpResult.presentationResult, null, 1)?.slice(0, 800));
  const wrongChallenge = await vc.verify({ presentation: ourVp, suite, documentLoader, challenge: 'other',
                                           domain: 'https://verifier.example.org' });
  check(wrongChallenge.verified === false, '@digitalbazaar/vc rejects our presentation for another challenge');

  // ---- (b) Digital Bazaar signs and presents; Vaardig verifies ------------------------------------
  const theirIssuer = await Ed25519Multikey.generate();
  const theirIssuerDid = `did:key:${theirIssuer.publicKeyMultibase}`;
  theirIssuer.controller = theirIssuerDid;
  theirIssuer.id = `${theirIssuerDid}#${theirIssuer.publicKeyMultibase}`;
  const theirHolder = await Ed25519Multikey.generate();
  const theirHolderDid = `did:key:${theirHolder.publicKeyMultibase}`;
  theirHolder.controller = theirHolderDid;
  theirHolder.id = `${theirHolderDid}#${theirHolder.publicKeyMultibase}`;

  const theirBadge = await vc.issue({
    credential: badge(theirIssuerDid, theirHolderDid, 'Klantcontact aan de balie'),
    suite: new DataIntegrityProof({ signer: theirIssuer.signer(), cryptosuite }), documentLoader,
  });
  const trust = join(dir, 'trust.json');
  writeFileSync(trust, JSON.stringify({ issuers: [{ id: theirIssuerDid, name: 'Other employer', credential_types: ['OpenBadgeCredential'] }] }));
  const verify = (file, extra = []) => run(args.verifier, ['verify', '--trust-list', trust, '--offline', ...extra, file]);
  const report = (r) => { try { return JSON.parse(r.stdout); } catch { return {}; } };

  const theirBadgeFile = join(dir, 'their-badge.json');
  writeFileSync(theirBadgeFile, JSON.stringify(theirBadge));
  let r = verify(theirBadgeFile);
  check(r.status === 0 && report(r).verified === true && report(r).format === 'ldp_vc',
        'vaardig-verifier verifies a badge signed by @digitalbazaar/vc', r.stdout.slice(0, 1500) + r.stderr);

  const theirTampered = structuredClone(theirBadge);
  theirTampered.credentialSubject.achievement.criteria.narrative = 'Zelf verklaard.';
  writeFileSync(theirBadgeFile + '.tampered', JSON.stringify(theirTampered));
  r = verify(theirBadgeFile + '.tampered');
  check(r.status === 1 && report(r).checks?.find((c) => c.name === 'signature')?.result === 'failed',
        'vaardig-verifier rejects their badge with a changed criteria narrative (signature failed, exit 1)', r.stdout.slice(0, 800));

  writeFileSync(join(dir, 'trust-other.json'), JSON.stringify({ issuers: [{ id: ourIssuerDid }] }));
  r = run(args.verifier, ['verify', '--trust-list', join(dir, 'trust-other.json'), '--offline', theirBadgeFile]);
  check(r.status === 1 && report(r).checks?.find((c) => c.name === 'issuer')?.result === 'failed',
        'vaardig-verifier rejects their badge when their issuer is not on the trust list', r.stdout.slice(0, 800));

  const theirVp = await vc.signPresentation({
    presentation: vc.createPresentation({ verifiableCredential: [theirBadge], holder: theirHolderDid, version: 2.0 }),
    suite: new DataIntegrityProof({ signer: theirHolder.signer(), cryptosuite }),
    challenge: 'n-0451', domain: 'https://verifier.example.org', documentLoader,
  });
  const theirVpFile = join(dir, 'their-vp.json');
  writeFileSync(theirVpFile, JSON.stringify(theirVp));
  r = verify(theirVpFile, ['--aud', 'https://verifier.example.org', '--nonce', 'n-0451']);
  check(r.status === 0 && report(r).verified === true && report(r).format === 'ldp_vp',
        'vaardig-verifier verifies a presentation signed by @digitalbazaar/vc (challenge, domain, holder)', r.stdout.slice(0, 2000) + r.stderr);
  r = verify(theirVpFile, ['--aud', 'https://verifier.example.org', '--nonce', 'n-other']);
  check(r.status === 1 && report(r).checks?.find((c) => c.name === 'holder_binding')?.result === 'failed',
        'vaardig-verifier rejects their presentation for another nonce', r.stdout.slice(0, 800));

  // Someone else's credential: their holder presents the badge Vaardig issued to our holder.
  const stolen = await vc.signPresentation({
    presentation: vc.createPresentation({ verifiableCredential: [ourBadge], holder: theirHolderDid, version: 2.0 }),
    suite: new DataIntegrityProof({ signer: theirHolder.signer(), cryptosuite }),
    challenge: 'n-0452', domain: 'https://verifier.example.org', documentLoader,
  });
  writeFileSync(join(dir, 'stolen.json'), JSON.stringify(stolen));
  writeFileSync(trust, JSON.stringify({ issuers: [{ id: theirIssuerDid }, { id: ourIssuerDid }] }));
  r = verify(join(dir, 'stolen.json'), ['--aud', 'https://verifier.example.org', '--nonce', 'n-0452']);
  check(r.status === 1 && report(r).checks?.find((c) => c.name === 'credentials[0].holder')?.result === 'failed',
        'vaardig-verifier rejects a presentation of a credential about someone else', r.stdout.slice(0, 1500));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failures) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all Data Integrity interop checks passed');
