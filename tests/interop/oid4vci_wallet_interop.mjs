// OpenID4VCI 1.0 interop, the other direction: Vaardig's wallet (vaardig-wallet receive) collects a
// credential from a peer issuer built from npm packages (pinned in package-lock.json), in
// peer_sd_jwt_issuer.mjs:
//  - @openid4vc/openid4vci 0.4.6 (Openid4vciIssuer) writes the Credential Issuer Metadata and the
//    credential offer (pre-authorized code with a 6-digit tx_code), parses the credential request,
//    verifies the `jwt` key proof against the c_nonce it handed out, and writes the credential
//    response and nonce response;
//  - @openid4vc/oauth2 0.4.6 (Oauth2AuthorizationServer) writes the Authorization Server Metadata,
//    parses and verifies the pre-authorized code token request (code and tx_code) and makes the
//    access token (a JWT signed by the peer);
//  - @sd-jwt/sd-jwt-vc 0.19.0 issues the SD-JWT VC (ES256, typ dc+sd-jwt, iss = the issuer URL,
//    key in /.well-known/jwt-vc-issuer, cnf = the key of the wallet's proof) with a Token Status
//    List entry; @sd-jwt/jwt-status-list builds the status list token that `jose` signs.
// Everything is served over https on 127.0.0.1 with a self-signed certificate made here with the
// openssl CLI; the wallet trusts it through `receive --ca-file`.
//
// Checks: `init` makes a wallet; a wrong PIN gives a clear token error (invalid_grant), stores
// nothing and prints no PIN or code; the right PIN stores the credential (receive reports it, `list`
// shows it, status valid) and the peer saw a proof over its own c_nonce; a second offer whose
// credential the peer has revoked is refused and not stored; an offer without the PIN asks for it.
//
// Usage: node oid4vci_wallet_interop.mjs --wallet <vaardig-wallet>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeLoopbackCertificate } from './loopback_tls.mjs';

const SKIP = 77;
let startPeerIssuer;
try {
  ({ startPeerIssuer } = await import('./peer_sd_jwt_issuer.mjs'));
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    console.log('SKIPPED: the interop packages are not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}

const { values: args } = parseArgs({ options: { wallet: { type: 'string' } } });
if (!args.wallet) {
  console.log('usage: node oid4vci_wallet_interop.mjs --wallet <vaardig-wallet>');
  process.exit(2);
}

let passed = 0;
let failures = 0;
function check(ok, what, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok   ${what}`);
  } else {
    failures++;
    console.log(`FAIL ${what}${detail ? `\n     ${String(detail).slice(0, 1500)}` : ''}`);
  }
}

function run(cmd, argv, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'vaardig-wallet-interop-'));
const watchdog = setTimeout(() => {
  console.log('FAIL watchdog: the test took over 150 s');
  process.exit(1);
}, 150_000);
watchdog.unref();
let peer;
try {
  // ---- TLS for 127.0.0.1 ------------------------------------------------------------------------
  const { certFile, keyFile } = makeLoopbackCertificate(dir);

  // ---- the peer issuer (peer_sd_jwt_issuer.mjs) ---------------------------------------------------
  const PIN = '493536';
  peer = await startPeerIssuer({ certFile, keyFile, txCode: PIN });
  const { origin, state, newOffer } = peer;

  // ---- the wallet: vaardig-wallet ------------------------------------------------------------
  const home = join(dir, 'wallet');
  const env = { VAARDIG_WALLET_PASSPHRASE: 'interop-wachtwoord-2026', VAARDIG_WALLET_HOME: '' };
  const wallet = (...argv) => run(args.wallet, ['--home', home, ...argv], env);
  let r = await wallet('init');
  check(r.code === 0 && /Recovery code/.test(r.out), 'vaardig-wallet init makes a wallet', r.out + r.err);

  const first = await newOffer();
  check(first.link.startsWith('openid-credential-offer://'), 'the peer writes an openid-credential-offer:// link', first.link);
  r = await wallet('receive', first.link, '--pin', '000000', '--ca-file', certFile);
  check(r.code === 1 && r.err.includes('token request: invalid_grant'), 'a wrong PIN: a clear token error (invalid_grant)', r.err);
  check(!r.err.includes('000000') && !r.err.includes(first.code), 'the error names neither the PIN nor the code', r.err);
  r = await wallet('list', '--json');
  check(r.code === 0 && JSON.parse(r.out || 'null')?.length === 0, 'after the wrong PIN nothing is stored', r.out + r.err);

  r = await wallet('receive', first.link, '--pin', PIN);
  check(r.code === 1 && /certificate|TLS|handshake/i.test(r.err), 'without --ca-file the self-signed peer is not trusted', r.err);

  const second = await newOffer();
  r = await wallet('receive', second.link, '--ca-file', certFile);
  check(r.code === 1 && r.err.includes('this offer needs the PIN'), 'an offer with a tx_code and no --pin asks for the PIN', r.err);

  r = await wallet('receive', second.link, '--pin', PIN, '--ca-file', certFile);
  check(r.code === 0 && /received: Vaardigheid \(peer\) \(dc\+sd-jwt\)/.test(r.out) && r.out.includes('status valid'),
    'vaardig-wallet receive collects, verifies and stores the peer\'s SD-JWT VC', r.out + r.err);
  check(state.proofsSeen === 1, 'the peer verified one key proof over its own c_nonce', String(state.proofsSeen));
  r = await wallet('list', '--json');
  const listed = JSON.parse(r.out || '[]');
  check(r.code === 0 && listed.length === 1 && listed[0].format === 'dc+sd-jwt' && listed[0].issuer === origin &&
        listed[0].status === 'valid' && listed[0].name === 'Vaardigheid (peer)', 'vaardig-wallet list shows it', r.out + r.err);
  r = await wallet('list');
  check(r.code === 0 && r.out.includes('Vaardigheid (peer)') && r.out.includes(origin), 'list (text) names it and its issuer', r.out);

  const revoked = await newOffer({ revoke: true });
  r = await wallet('receive', revoked.link, '--pin', PIN, '--ca-file', certFile);
  check(r.code === 1 && r.err.includes('revoked'), 'a credential the peer revoked is refused', r.err);
  r = await wallet('list', '--json');
  check(JSON.parse(r.out || '[]').length === 1, 'the revoked credential was not stored', r.out);

  r = await wallet('receive', second.link, '--pin', PIN, '--ca-file', certFile);
  check(r.code === 1 && r.err.includes('invalid_grant'), 'a used pre-authorized code is refused by the peer', r.err);

  const hostile = `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify({
    credential_issuer: 'http://example.com', credential_configuration_ids: ['x'],
    grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'c' } } }))}`;
  r = await wallet('receive', hostile, '--ca-file', certFile);
  check(r.code === 1 && r.err.includes('credential offer'), 'an offer naming a plain-http issuer is refused', r.err);
} catch (e) {
  failures++;
  console.log(`FAIL unexpected: ${e?.stack ?? e}`);
} finally {
  await peer?.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
