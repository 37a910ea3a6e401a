// OpenID4VCI 1.0 interop, the other direction: Vaardig's wallet (vaardig-wallet receive) collects a
// credential from a peer issuer built from npm packages (pinned in package-lock.json):
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
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeLoopbackCertificate } from './loopback_tls.mjs';

const SKIP = 77;
let oid4vci, oauth2, sdjwtvc, cryptoNode, statusList, jose;
try {
  oid4vci = await import('@openid4vc/openid4vci');
  oauth2 = await import('@openid4vc/oauth2');
  sdjwtvc = await import('@sd-jwt/sd-jwt-vc');
  cryptoNode = await import('@sd-jwt/crypto-nodejs');
  statusList = await import('@sd-jwt/jwt-status-list');
  jose = await import('jose');
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    console.log('SKIPPED: the interop packages are not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}
const { Openid4vciIssuer } = oid4vci;
const { Oauth2AuthorizationServer, HashAlgorithm } = oauth2;
const { SDJwtVcInstance } = sdjwtvc;
const { ES256, digest, generateSalt } = cryptoNode;
const { StatusList, createHeaderAndPayload } = statusList;

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
let server;
try {
  // ---- TLS for 127.0.0.1 ------------------------------------------------------------------------
  const { certFile, keyFile } = makeLoopbackCertificate(dir);

  // ---- the peer issuer -------------------------------------------------------------------------
  const issuerKey = await ES256.generateKeyPair();  // JWKs
  const issuerPublicJwk = { ...issuerKey.publicKey, kid: 'peer-1' };
  const issuerPrivate = await jose.importJWK(issuerKey.privateKey, 'ES256');
  const callbacks = {
    hash: (data, alg) => {
      const algorithms = { [HashAlgorithm.Sha256]: 'sha256', [HashAlgorithm.Sha384]: 'sha384', [HashAlgorithm.Sha512]: 'sha512' };
      return new Uint8Array(createHash(algorithms[alg]).update(data).digest());
    },
    generateRandom: (n) => new Uint8Array(randomBytes(n)),
    signJwt: async (signer, { header, payload }) => {
      const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader(header).sign(issuerPrivate);
      return { jwt, signerJwk: issuerKey.publicKey };
    },
    verifyJwt: async (signer, { compact, header }) => {
      try {
        if (signer.method !== 'jwk') return { verified: false };
        await jose.compactVerify(compact, await jose.importJWK(signer.publicJwk, header.alg));
        return { verified: true, signerJwk: signer.publicJwk };
      } catch {
        return { verified: false };
      }
    },
    clientAuthentication: oauth2.clientAuthenticationNone(),
  };
  const issuer = new Openid4vciIssuer({ callbacks });
  const as = new Oauth2AuthorizationServer({ callbacks });
  const sdjwt = new SDJwtVcInstance({
    signer: await ES256.getSigner(issuerKey.privateKey), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });

  let origin = '';
  const PIN = '493536';
  const state = { codes: new Map(), tokens: new Map(), nonces: new Set(), proofsSeen: 0, revoked: new Set() };
  const list = new StatusList(new Array(1024).fill(0), 2);
  let nextIndex = 7;
  const metadata = () => issuer.createCredentialIssuerMetadata({
    credential_issuer: origin,
    credential_endpoint: `${origin}/credential`,
    nonce_endpoint: `${origin}/nonce`,
    display: [{ name: 'Peer Issuer', locale: 'en' }],
    credential_configurations_supported: {
      peer_skill_sd_jwt: {
        format: 'dc+sd-jwt', vct: `${origin}/vct/skill`,
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['ES256'],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
        credential_metadata: { display: [{ name: 'Vaardigheid (peer)', locale: 'nl' }, { name: 'Skill (peer)', locale: 'en' }] },
      },
    },
  });
  const asMetadata = () => as.createAuthorizationServerMetadata({
    issuer: origin, token_endpoint: `${origin}/token`,
    'pre-authorized_grant_anonymous_access_supported': true,
  });
  const issuerMetadataResult = () => {
    const credentialIssuer = metadata();
    return {
      originalDraftVersion: oid4vci.Openid4vciVersion.V1, credentialIssuer, authorizationServers: [asMetadata()],
      knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
    };
  };
  async function newOffer({ revoke = false } = {}) {
    const code = randomBytes(16).toString('base64url');
    const index = nextIndex++;
    state.codes.set(code, { index });
    if (revoke) list.setStatus(index, 1);
    const { credentialOffer } = await issuer.createCredentialOffer({
      issuerMetadata: issuerMetadataResult(),
      credentialConfigurationIds: ['peer_skill_sd_jwt'],
      grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
        'pre-authorized_code': code, tx_code: { input_mode: 'numeric', length: 6 } } },
    });
    return { link: credentialOffer, code };
  }

  const json = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res, e) => {
    if (e?.errorResponse) return json(res, e.status ?? 400, e.errorResponse);
    return json(res, 500, { error: 'server_error', error_description: String(e?.message ?? e).slice(0, 200) });
  };
  async function handle(req, res, body) {
    const url = new URL(req.url, origin);
    const request = { method: req.method, url: url.toString(), headers: new Headers(req.headers) };
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-credential-issuer') return json(res, 200, metadata());
    if (req.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server') return json(res, 200, asMetadata());
    if (req.method === 'GET' && url.pathname === '/.well-known/jwt-vc-issuer') {
      return json(res, 200, { issuer: origin, jwks: { keys: [issuerPublicJwk] } });
    }
    if (req.method === 'GET' && url.pathname === '/status/1') {
      const { header, payload } = createHeaderAndPayload(list, { iss: origin, sub: `${origin}/status/1`,
        iat: Math.floor(Date.now() / 1000), ttl: 60 }, { alg: 'ES256', typ: 'statuslist+jwt', kid: 'peer-1' });
      const jwt = await new jose.SignJWT(payload).setProtectedHeader(header).sign(issuerPrivate);
      res.writeHead(200, { 'content-type': 'application/statuslist+jwt' });
      return res.end(jwt);
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      try {
        const form = Object.fromEntries(new URLSearchParams(body));
        const parsed = as.parseAccessTokenRequest({ request, accessTokenRequest: form });
        const code = parsed.grant.preAuthorizedCode;
        const offer = state.codes.get(code);
        await as.verifyPreAuthorizedCodeAccessTokenRequest({
          authorizationServerMetadata: asMetadata(), grant: parsed.grant, accessTokenRequest: parsed.accessTokenRequest,
          request, expectedPreAuthorizedCode: offer ? code : 'no-such-code', expectedTxCode: PIN,
        });
        state.codes.delete(code);  // single use
        const response = await as.createAccessTokenResponse({
          authorizationServer: origin, audience: origin, subject: code.slice(0, 8), expiresInSeconds: 300,
          signer: { method: 'jwk', publicJwk: issuerKey.publicKey, alg: 'ES256' },
        });
        state.tokens.set(response.access_token, offer);
        return json(res, 200, response);
      } catch (e) {
        return oauthError(res, e);
      }
    }
    if (req.method === 'POST' && url.pathname === '/nonce') {
      const cNonce = randomBytes(16).toString('base64url');
      state.nonces.add(cNonce);
      return json(res, 200, issuer.createNonceResponse({ cNonce, cNonceExpiresIn: 300 }));
    }
    if (req.method === 'POST' && url.pathname === '/credential') {
      try {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const offer = state.tokens.get(token);
        if (!offer) return json(res, 401, { error: 'invalid_token' });
        const parsed = issuer.parseCredentialRequest({ issuerMetadata: issuerMetadataResult(), credentialRequest: JSON.parse(body) });
        const proofJwt = parsed.proofs?.jwt?.[0];
        const nonce = proofJwt ? jose.decodeJwt(proofJwt).nonce : undefined;
        if (!nonce || !state.nonces.has(nonce)) return json(res, 400, { error: 'invalid_nonce' });
        state.nonces.delete(nonce);
        const verified = await issuer.verifyCredentialRequestJwtProof({
          issuerMetadata: issuerMetadataResult(), jwt: proofJwt, expectedNonce: nonce,
          nonceExpiresAt: new Date(Date.now() + 300_000),
        });
        state.proofsSeen++;
        const now = Math.floor(Date.now() / 1000);
        const credential = await sdjwt.issue({
          iss: origin, iat: now, exp: now + 3600, vct: `${origin}/vct/skill`,
          cnf: { jwk: verified.signer.publicJwk },
          status: { status_list: { idx: offer.index, uri: `${origin}/status/1` } },
          skill: { name: { nl: 'Klantgesprekken voeren', en: 'Customer conversations' }, level: 2 },
        }, { _sd: ['skill'] }, { header: { kid: 'peer-1', typ: 'dc+sd-jwt' } });
        state.tokens.delete(token);
        return json(res, 200, issuer.createCredentialResponse({ credentialRequest: parsed, credentials: [{ credential }] }));
      } catch (e) {
        return oauthError(res, e);
      }
    }
    return json(res, 404, { error: 'not_found' });
  }
  server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => handle(req, res, body).catch((e) => oauthError(res, e)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${server.address().port}`;

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
  server?.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
