// Interop with `jose` (panva/jose, pinned in package-lock.json) in both directions:
//  (a) JWS that Vaardig signs (ES256, EdDSA) verify with jose's compactVerify;
//  (b) JWS that jose signs (ES256, EdDSA) verify in Vaardig (vaardig-jose-tool and the
//      vaardig-verifier CLI), and tampered ones are rejected;
//  (c) did:jwk: a DID Vaardig creates decodes in Node to the same public JWK, and a DID Node
//      makes resolves in Vaardig to the same key, which then verifies a jose signature.
//
// Usage: node jose_interop.mjs --tool <vaardig-jose-tool> [--issuer <vaardig-issuer>]
//          [--wallet <vaardig-wallet>] [--verifier <vaardig-verifier>]
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const SKIP = 77;
let jose;
try {
  jose = await import('jose');
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND') {
    console.log('SKIPPED: jose is not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}

const { values: args } = parseArgs({
  options: {
    tool: { type: 'string' },
    issuer: { type: 'string' },
    wallet: { type: 'string' },
    verifier: { type: 'string' },
  },
});
if (!args.tool) {
  console.error('usage: node jose_interop.mjs --tool <vaardig-jose-tool> [--issuer ..] [--wallet ..] [--verifier ..]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'vaardig-interop-'));
const encoder = new TextEncoder();
const decoder = new TextDecoder();
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

function run(exe, argv, input = '') {
  const r = spawnSync(exe, argv, { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name, text) {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

function b64urlJson(text) {
  return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
}

// The members RFC 7638 requires, which is all did:jwk should carry.
function publicMembers(jwk) {
  return jwk.kty === 'EC'
    ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
    : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
}

function sameJson(a, b) {
  const canon = (v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]))
      : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

function tamperSignature(jws) {
  const [h, p, s] = jws.split('.');
  const sig = Buffer.from(s, 'base64url');
  sig[sig.length - 1] ^= 0x01;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

function tamperPayload(jws) {
  const [h, , s] = jws.split('.');
  return `${h}.${Buffer.from('{"skill":"forged"}').toString('base64url')}.${s}`;
}

const payload = JSON.stringify({
  iss: 'did:web:gemeente-voorbeeld.nl',
  sub: 'did:example:medewerker',
  skill: { name: { nl: 'klantgesprekken voeren', en: 'conducting customer conversations' }, level: 2 },
  note: 'ünïcödé ✓ 🙂',
});

try {
  for (const alg of ['ES256', 'EdDSA']) {
    // (a) Vaardig signs, jose verifies.
    const privPath = join(dir, `vaardig-${alg}.private.json`);
    const gen = run(args.tool, ['keygen', alg, privPath]);
    check(gen.status === 0, `[${alg}] vaardig-jose-tool keygen`, gen.stderr);
    const ourJwk = JSON.parse(gen.stdout);
    check(!('d' in ourJwk), `[${alg}] keygen prints only the public JWK`);
    const ourPubPath = write(`vaardig-${alg}.public.json`, gen.stdout);

    const signed = run(args.tool, ['sign', privPath, '--typ', 'JWT'], payload);
    check(signed.status === 0, `[${alg}] vaardig-jose-tool sign`, signed.stderr);
    const ourJws = signed.stdout.trim();
    const ourKey = await jose.importJWK(ourJwk, alg);
    try {
      const { payload: got, protectedHeader } = await jose.compactVerify(ourJws, ourKey, { algorithms: [alg] });
      check(decoder.decode(got) === payload, `[${alg}] jose verifies a Vaardig JWS, payload intact`);
      check(protectedHeader.alg === alg && protectedHeader.typ === 'JWT', `[${alg}] Vaardig header has alg and typ`,
        JSON.stringify(protectedHeader));
    } catch (e) {
      check(false, `[${alg}] jose verifies a Vaardig JWS`, String(e));
    }
    await jose.compactVerify(tamperSignature(ourJws), ourKey).then(
      () => check(false, `[${alg}] jose rejects a Vaardig JWS with a flipped signature bit`),
      () => check(true, `[${alg}] jose rejects a Vaardig JWS with a flipped signature bit`));

    // jose's RFC 7638 thumbprint matches ours (the kid our keygen sets by default when asked).
    const thumb = run(args.tool, ['thumbprint', ourPubPath]);
    check(thumb.stdout.trim() === await jose.calculateJwkThumbprint(ourJwk, 'sha256'),
      `[${alg}] RFC 7638 thumbprint agrees with jose`, thumb.stdout + thumb.stderr);

    // (b) jose signs, Vaardig verifies.
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
    const theirJwk = await jose.exportJWK(publicKey);
    const theirPubPath = write(`jose-${alg}.public.json`, JSON.stringify(theirJwk));
    const theirJws = await new jose.CompactSign(encoder.encode(payload))
      .setProtectedHeader({ alg, typ: 'dc+sd-jwt', kid: 'jose-key-1' })
      .sign(privateKey);

    let v = run(args.tool, ['verify', theirPubPath, '--typ', 'dc+sd-jwt'], theirJws);
    check(v.status === 0 && v.stdout === payload, `[${alg}] Vaardig verifies a jose JWS, payload intact`,
      `exit ${v.status}: ${v.stderr}`);
    v = run(args.tool, ['verify', theirPubPath], tamperSignature(theirJws));
    check(v.status === 1, `[${alg}] Vaardig rejects a jose JWS with a flipped signature bit (exit 1)`,
      `exit ${v.status}: ${v.stderr}`);
    v = run(args.tool, ['verify', theirPubPath], tamperPayload(theirJws));
    check(v.status === 1, `[${alg}] Vaardig rejects a jose JWS with a changed payload (exit 1)`,
      `exit ${v.status}: ${v.stderr}`);
    v = run(args.tool, ['verify', ourPubPath], theirJws);
    check(v.status === 1, `[${alg}] Vaardig rejects a jose JWS under another key (exit 1)`,
      `exit ${v.status}: ${v.stderr}`);
    v = run(args.tool, ['verify', theirPubPath, '--typ', 'JWT'], theirJws);
    check(v.status !== 0, `[${alg}] Vaardig rejects a jose JWS with an unexpected typ`,
      `exit ${v.status}: ${v.stderr}`);

    if (args.verifier) {
      const jwsPath = write(`jose-${alg}.jws`, theirJws);
      const r = run(args.verifier, ['verify-jws', '--jwk', theirPubPath, '--typ', 'dc+sd-jwt', jwsPath]);
      let report = {};
      try { report = JSON.parse(r.stdout); } catch { /* reported below */ }
      check(r.status === 0 && report.verified === true && report.alg === alg && report.kid === 'jose-key-1' &&
        sameJson(report.payload, JSON.parse(payload)),
        `[${alg}] vaardig-verifier verify-jws accepts a jose JWS`, `exit ${r.status}: ${r.stdout}${r.stderr}`);
      const bad = run(args.verifier, ['verify-jws', '--jwk', theirPubPath, '-'], tamperSignature(theirJws));
      let badReport = {};
      try { badReport = JSON.parse(bad.stdout); } catch { /* reported below */ }
      check(bad.status === 1 && badReport.verified === false && !('payload' in badReport && badReport.payload !== null),
        `[${alg}] vaardig-verifier rejects a tampered jose JWS (exit 1, no payload)`, `exit ${bad.status}: ${bad.stdout}`);
    }

    // (c) did:jwk both ways.
    const did = run(args.tool, ['didjwk', ourPubPath]).stdout.trim();
    check(did.startsWith('did:jwk:'), `[${alg}] Vaardig creates a did:jwk`, did);
    const decoded = b64urlJson(did.slice('did:jwk:'.length));
    check(sameJson(decoded, publicMembers(ourJwk)), `[${alg}] Vaardig's did:jwk decodes in Node to the same JWK`,
      JSON.stringify(decoded));

    // jose's exportJWK member order is its own; did:jwk resolution must not depend on it.
    const nodeDid = `did:jwk:${Buffer.from(JSON.stringify(theirJwk)).toString('base64url')}`;
    const resolved = run(args.tool, ['resolve', nodeDid]);
    check(resolved.status === 0, `[${alg}] Vaardig resolves a did:jwk made in Node`, resolved.stderr);
    if (resolved.status === 0) {
      const doc = JSON.parse(resolved.stdout);
      const vm = (doc.verificationMethod || [])[0] || {};
      check(doc.id === nodeDid && vm.id === `${nodeDid}#0`, `[${alg}] resolved document has id and #0`,
        JSON.stringify({ id: doc.id, vm: vm.id }));
      check(sameJson(publicMembers(vm.publicKeyJwk || {}), publicMembers(theirJwk)),
        `[${alg}] resolved key equals the Node key`, JSON.stringify(vm.publicKeyJwk));
      const vmKeyPath = write(`resolved-${alg}.json`, JSON.stringify(vm.publicKeyJwk || {}));
      v = run(args.tool, ['verify', vmKeyPath], theirJws);
      check(v.status === 0, `[${alg}] the resolved key verifies the jose JWS`, `exit ${v.status}: ${v.stderr}`);
    }

    // The service CLIs agree with the tool and with Node.
    if (args.issuer && args.wallet) {
      const keyPath = join(dir, `issuer-${alg}.json`);
      const g = run(args.issuer, ['keys', 'generate', '--alg', alg, '--out', keyPath]);
      check(g.status === 0, `[${alg}] vaardig-issuer keys generate`, g.stderr);
      if (g.status === 0) {
        const out = JSON.parse(g.stdout);
        const w = run(args.wallet, ['did', '--key', keyPath]);
        check(w.status === 0 && w.stdout.trim() === out.did, `[${alg}] vaardig-wallet did agrees with vaardig-issuer`,
          `${w.stdout}${w.stderr}`);
        check(sameJson(b64urlJson(out.did.slice('did:jwk:'.length)), publicMembers(out.public_jwk)),
          `[${alg}] vaardig-issuer's did:jwk decodes in Node to its public JWK`);
        check(out.kid === await jose.calculateJwkThumbprint(out.public_jwk, 'sha256'),
          `[${alg}] vaardig-issuer's default kid is the jose thumbprint`);
        // The private key file imports into jose and signs something Vaardig verifies.
        const priv = JSON.parse(readFileSync(keyPath, 'utf8'));
        const key = await jose.importJWK(priv, alg);
        const jws = await new jose.CompactSign(encoder.encode(payload)).setProtectedHeader({ alg }).sign(key);
        const pubPath = write(`issuer-${alg}.public.json`, JSON.stringify(out.public_jwk));
        v = run(args.tool, ['verify', pubPath], jws);
        check(v.status === 0, `[${alg}] jose signs with vaardig-issuer's key file, Vaardig verifies`,
          `exit ${v.status}: ${v.stderr}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
