// OpenID4VCI 1.0 interop against a running Vaardig issuer, with real peers from npm (pinned in
// package-lock.json) playing every other part:
//  - the wallet is @openid4vc/openid4vci 0.4.6 with @openid4vc/oauth2 0.4.6: it resolves the
//    credential offer by reference, reads the Credential Issuer and Authorization Server Metadata,
//    redeems the pre-authorized code with the PIN (tx_code) anonymously, asks the Nonce Endpoint for a
//    c_nonce and proves possession of a did:jwk P-256 key (made with `jose`) in a `jwt` key proof,
//    and collects both credential configurations (dc+sd-jwt and ldp_vc);
//  - @sd-jwt/sd-jwt-vc 0.19.0 verifies the SD-JWT VC with the key it finds through JWT VC Issuer
//    Metadata (/.well-known/jwt-vc-issuer, picked by the kid in the header), reads the Type Metadata
//    behind vct and the Token Status List; @sd-jwt/jwt-status-list reads the status list token
//    whose signature `jose` verifies with the same key;
//  - @digitalbazaar/vc 7.3.0 (eddsa-rdfc-2022) verifies the Open Badge through the issuer's did:web
//    document (/.well-known/did.json) and @digitalbazaar/vc-bitstring-status-list 2.0.1 checkStatus
//    reads its Bitstring Status List entries;
//  - after `vaardig-issuer revoke`, both see their credential revoked (one at a time: revoking the
//    SD-JWT VC leaves the badge valid).
// Negatives the peer sees: a wrong PIN and a second redemption of the code answer invalid_grant; a
// key proof over a used c_nonce answers invalid_nonce; a second request for a configuration already
// issued answers credential_request_denied.
//
// The test runs the issuer itself: a temporary directory with a self-signed certificate for
// 127.0.0.1 (openssl, EC P-256, one day), a key-encryption key, a TOML configuration with
// public_url https://127.0.0.1:<free port>, `init`, `import-people` and `import-skills` from
// examples/gemeente-voorbeeld, then `serve`, and waits for /readyz. Node trusts that certificate
// only in this test's own fetch (an undici Agent with `ca`), which is injected into every peer
// library; no other request leaves the process. The server is stopped at the end, also on failure.
//
// Usage: node oid4vci_interop.mjs --issuer <vaardig-issuer>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeLoopbackCertificate } from './loopback_tls.mjs';

const SKIP = 77;
let oid4vci, oauth2, sdjwtvc, cryptoNode, statusList, jose, vc, bsl, DataIntegrityProof, cryptosuite, undici;
try {
  oid4vci = await import('@openid4vc/openid4vci');
  oauth2 = await import('@openid4vc/oauth2');
  sdjwtvc = await import('@sd-jwt/sd-jwt-vc');
  cryptoNode = await import('@sd-jwt/crypto-nodejs');
  statusList = await import('@sd-jwt/jwt-status-list');
  jose = await import('jose');
  vc = await import('@digitalbazaar/vc');
  bsl = await import('@digitalbazaar/vc-bitstring-status-list');
  ({ DataIntegrityProof } = await import('@digitalbazaar/data-integrity'));
  ({ cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'));
  undici = await import('undici');
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    console.log('SKIPPED: the interop packages are not installed; run `npm ci` in tests/interop (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}
const { Openid4vciClient } = oid4vci;
const { clientAuthenticationAnonymous, HashAlgorithm } = oauth2;
const { SDJwtVcInstance } = sdjwtvc;
const { ES256, digest } = cryptoNode;
const { getListFromStatusListJWT } = statusList;

const { values: args } = parseArgs({ options: { issuer: { type: 'string' } } });
if (!args.issuer) {
  console.error('usage: node oid4vci_interop.mjs --issuer <vaardig-issuer>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const examples = join(repo, 'examples', 'gemeente-voorbeeld');

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
// Runs a CLI command to completion; the issuer's CLI never needs a terminal.
function run(argv, input = '') {
  const r = spawnSync(args.issuer, argv, { input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}
// What a peer call threw, as the OAuth error code the server answered (when it answered one).
function oauthError(e) {
  return e?.errorResponse?.error                                        // Oauth2ClientErrorResponseError
      ?? e?.response?.credentialErrorResponseResult?.data?.error        // Openid4vciRetrieveCredentialsError
      ?? null;
}
async function expectOAuthError(promise, code, what) {
  try {
    await promise;
    check(false, what, 'the request succeeded');
  } catch (e) {
    check(oauthError(e) === code, what, oauthError(e) ? `answered ${oauthError(e)}` : String(e?.message ?? e).slice(0, 400));
  }
}
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

const dir = mkdtempSync(join(tmpdir(), 'vaardig-oid4vci-'));
let server = null;
let serverLog = '';
// The server never outlives the test: not on an exception (finally below), not on a signal from
// ctest's timeout, not on a watchdog that fires before that timeout.
process.on('exit', () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));
setTimeout(() => {
  console.log(`FAIL watchdog: the test took over 180 s\n${serverLog.slice(-2000)}`);
  process.exit(1);
}, 180_000).unref();
try {
  // ---- the issuer: certificate, key-encryption key, configuration, data, serve ----------------
  const { certFile, keyFile } = makeLoopbackCertificate(dir);
  const ca = readFileSync(certFile, 'utf8');
  const agent = new undici.Agent({ connect: { ca } });
  // The one fetch every peer library gets: trusts our test certificate, talks to our server only.
  let origin = '';
  const fetchOurs = (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).origin !== origin) return Promise.reject(new Error(`request outside the test refused: ${url}`));
    return undici.fetch(input, { ...init, dispatcher: agent });
  };

  const port = await freePort();
  origin = `https://127.0.0.1:${port}`;
  const config = join(dir, 'issuer.toml');
  writeFileSync(config, [
    '[organisation]', 'name = "Gemeente Voorbeeld"', 'id = "https://www.gemeente-voorbeeld.nl"',
    '[server]', 'bind = "127.0.0.1"', `port = ${port}`, `public_url = "${origin}"`, 'threads = 2',
    'tls_certificate = "tls-cert.pem"', 'tls_private_key = "tls-key.pem"',
    '[database]', 'path = "issuer.db"',
    '[keys]', 'kek_file = "issuer.kek"',
    '[sessions]', 'secure_cookies = true', '',
  ].join('\n'));
  let r = run(['keys', 'kek', 'generate', '--out', join(dir, 'issuer.kek')]);
  check(r.code === 0, 'vaardig-issuer keys kek generate', r.err);
  r = run(['init', '--config', config, '--admin-number', '10001', '--admin-name', 'Marieke van den Berg',
    '--admin-email', 'marieke.vandenberg@gemeente-voorbeeld.nl'], 'Interop-wachtwoord-2026!\n');
  check(r.code === 0, 'vaardig-issuer init', r.err);
  r = run(['import-people', '--config', config, join(examples, 'people.csv')]);
  check(r.code === 0, 'vaardig-issuer import-people examples/gemeente-voorbeeld/people.csv', r.err);
  r = run(['import-skills', '--config', config, '--vaardig', join(examples, 'catalogue.csv'),
    '--roadmaps', join(examples, 'roadmaps.json')]);
  check(r.code === 0, 'vaardig-issuer import-skills (catalogue and roadmaps)', r.err);

  server = spawn(args.issuer, ['serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  let ready = false;
  for (let i = 0; i < 100 && !ready && server.exitCode === null; i++) {
    try {
      ready = (await fetchOurs(`${origin}/readyz`)).ok;
    } catch {
      await sleep(200);
    }
  }
  check(ready, `vaardig-issuer serve answers /readyz over TLS at ${origin}`, serverLog.slice(-2000));
  if (!ready) throw new Error('the issuer did not start');

  // ---- issue: an offer for Fatima El Amrani, confirmed outside Vaardig by Sandra de Groot -------
  r = run(['issue', '--config', config, '--employee', '10011', '--skill', 'klantgesprekken-voeren', '--level', '2',
    '--confirmed-by', '10010']);
  check(r.code === 0, 'vaardig-issuer issue --employee 10011 --skill klantgesprekken-voeren --level 2', r.err);
  const offerLink = r.out.match(/openid-credential-offer:\/\/\S+/)?.[0];
  const pin = r.out.match(/^(?:PIN:\s*)?(\d{6})\s*$/m)?.[1];
  check(Boolean(offerLink) && Boolean(pin), 'issue prints the offer link and, on its own line, the 6-digit PIN',
    r.out.replace(/\d{6}/g, '******'));
  if (!offerLink || !pin) throw new Error('no offer');
  check(new URL(offerLink).searchParams.has('credential_offer_uri'), 'the offer link passes the offer by reference (credential_offer_uri)', offerLink);

  // ---- the wallet: @openid4vc/openid4vci -------------------------------------------------------
  const holder = await jose.generateKeyPair('ES256', { extractable: true });
  const { kty, crv, x, y } = await jose.exportJWK(holder.publicKey);
  const holderJwk = { kty, crv, x, y };
  const holderDid = `did:jwk:${b64url(JSON.stringify(holderJwk))}`;
  const callbacks = {
    fetch: fetchOurs,
    hash: (data, alg) => {
      const algorithms = { [HashAlgorithm.Sha256]: 'sha256', [HashAlgorithm.Sha384]: 'sha384', [HashAlgorithm.Sha512]: 'sha512' };
      if (!algorithms[alg]) throw new Error(`unsupported hash ${alg}`);
      return new Uint8Array(createHash(algorithms[alg]).update(data).digest());
    },
    generateRandom: (n) => new Uint8Array(randomBytes(n)),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: async (signer, { header, payload }) => {
      if (signer.method !== 'did' || !signer.didUrl.startsWith(`${holderDid}#`)) throw new Error(`unexpected signer ${signer.method}`);
      const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader(header).sign(holder.privateKey);
      return { jwt, signerJwk: holderJwk };
    },
  };
  const wallet = new Openid4vciClient({ callbacks });

  const offer = await wallet.resolveCredentialOffer(offerLink);
  const preAuth = offer.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
  check(offer.credential_issuer === origin, 'the offer names the Credential Issuer Identifier (public_url)', offer.credential_issuer);
  check(preAuth?.tx_code?.length === 6 && preAuth?.tx_code?.input_mode === 'numeric',
    'the offer asks for a 6-digit numeric tx_code', JSON.stringify(preAuth?.tx_code));
  const offered = offer.credential_configuration_ids ?? [];
  check(offered.includes('vaardig_skill_sd_jwt') && offered.includes('vaardig_skill_badge'),
    'the offer holds both configurations (vaardig_skill_sd_jwt, vaardig_skill_badge)', JSON.stringify(offered));

  const metadata = await wallet.resolveIssuerMetadata(offer.credential_issuer);
  const configurations = metadata.credentialIssuer.credential_configurations_supported;
  check(metadata.originalDraftVersion === oid4vci.Openid4vciVersion.V1,
    'the peer reads our Credential Issuer Metadata as OpenID4VCI 1.0', String(metadata.originalDraftVersion));
  check(configurations.vaardig_skill_sd_jwt?.format === 'dc+sd-jwt' && configurations.vaardig_skill_badge?.format === 'ldp_vc',
    'metadata: vaardig_skill_sd_jwt is dc+sd-jwt, vaardig_skill_badge is ldp_vc',
    JSON.stringify(Object.fromEntries(Object.entries(configurations).map(([k, v]) => [k, v.format]))));
  check(Boolean(metadata.credentialIssuer.nonce_endpoint), 'metadata names a nonce_endpoint');

  const wrongPin = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
  await expectOAuthError(wallet.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata: metadata, txCode: wrongPin }),
    'invalid_grant', 'token request with a wrong PIN: invalid_grant');
  const { accessTokenResponse } = await wallet.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer, issuerMetadata: metadata, txCode: pin });
  check(typeof accessTokenResponse.access_token === 'string' && /^bearer$/i.test(accessTokenResponse.token_type),
    'token request with the PIN: a Bearer access token', JSON.stringify({ ...accessTokenResponse, access_token: '…' }));
  await expectOAuthError(wallet.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata: metadata, txCode: pin }),
    'invalid_grant', 'a second token request with the same pre-authorized code: invalid_grant');

  const signer = { method: 'did', didUrl: `${holderDid}#0`, alg: 'ES256' };
  async function proofFor(credentialConfigurationId) {
    const { c_nonce: nonce } = await wallet.requestNonce({ issuerMetadata: metadata });
    return wallet.createCredentialRequestJwtProof({ issuerMetadata: metadata, credentialConfigurationId, signer, nonce });
  }
  async function collect(credentialConfigurationId, proof) {
    const response = await wallet.retrieveCredentials({ issuerMetadata: metadata, accessToken: accessTokenResponse.access_token,
      credentialConfigurationId, proofs: { jwt: [proof.jwt] } });
    return response.credentialResponse.credentials?.[0]?.credential;
  }
  const sdJwtProof = await proofFor('vaardig_skill_sd_jwt');
  const sdJwtVc = await collect('vaardig_skill_sd_jwt', sdJwtProof);
  check(typeof sdJwtVc === 'string' && sdJwtVc.split('~').length >= 2, 'credential request (dc+sd-jwt, did:jwk proof): an SD-JWT VC',
    typeof sdJwtVc);
  await expectOAuthError(collect('vaardig_skill_badge', sdJwtProof), 'invalid_nonce',
    'a key proof over a c_nonce already used: invalid_nonce');
  const badge = await collect('vaardig_skill_badge', await proofFor('vaardig_skill_badge'));
  check(typeof badge === 'object' && badge?.proof?.cryptosuite === 'eddsa-rdfc-2022',
    'credential request (ldp_vc, did:jwk proof): a badge with an eddsa-rdfc-2022 proof', JSON.stringify(badge?.proof ?? badge)?.slice(0, 300));
  await expectOAuthError(collect('vaardig_skill_sd_jwt', await proofFor('vaardig_skill_sd_jwt')), 'credential_request_denied',
    'a second request for a configuration already issued: credential_request_denied');

  // ---- @sd-jwt/sd-jwt-vc: the key from JWT VC Issuer Metadata ------------------------------------
  const [issuerJwt] = sdJwtVc.split('~');
  const sdHeader = jose.decodeProtectedHeader(issuerJwt);
  const sdPayload = jose.decodeJwt(issuerJwt);
  check(sdHeader.typ === 'dc+sd-jwt' && sdHeader.alg === 'ES256' && typeof sdHeader.kid === 'string',
    'SD-JWT VC header: typ dc+sd-jwt, ES256, a kid', JSON.stringify(sdHeader));
  const jwtVcIssuerUrl = `${new URL(sdPayload.iss).origin}/.well-known/jwt-vc-issuer${new URL(sdPayload.iss).pathname.replace(/\/$/, '')}`;
  const jwtVcIssuer = await (await fetchOurs(jwtVcIssuerUrl)).json();
  check(jwtVcIssuer.issuer === sdPayload.iss, 'JWT VC Issuer Metadata: issuer equals the credential\'s iss', `${jwtVcIssuer.issuer} vs ${sdPayload.iss}`);
  const issuerJwk = jwtVcIssuer.jwks?.keys?.find((k) => k.kid === sdHeader.kid);
  check(Boolean(issuerJwk), 'JWT VC Issuer Metadata holds the key named by the kid', JSON.stringify(jwtVcIssuer.jwks));
  const issuerVerifier = await ES256.getVerifier(issuerJwk);
  const statusFetches = [];
  const sdjwtPeer = new SDJwtVcInstance({
    hasher: digest,
    verifier: issuerVerifier,
    statusListFetcher: async (uri) => {
      statusFetches.push(uri);
      const res = await fetchOurs(uri, { headers: { accept: 'application/statuslist+jwt' } });
      if (!res.ok || !res.headers.get('content-type')?.includes('application/statuslist+jwt')) {
        throw new Error(`status list ${uri}: ${res.status} ${res.headers.get('content-type')}`);
      }
      return res.text();
    },
    loadTypeMetadataFormat: true,
    vctFetcher: async (uri) => {
      const res = await fetchOurs(uri);
      if (!res.ok) throw new Error(`vct ${uri}: ${res.status}`);
      return res.json();
    },
  });
  const verified = await sdjwtPeer.verify(sdJwtVc);
  check(verified.payload.vct === configurations.vaardig_skill_sd_jwt.vct,
    '@sd-jwt/sd-jwt-vc verifies the SD-JWT VC (signature, status 0, Type Metadata of its vct)', verified.payload.vct);
  check(statusFetches.length === 1 && sdPayload.status?.status_list?.uri === statusFetches[0],
    'the verifier read the Token Status List the credential points to', JSON.stringify(sdPayload.status));
  check(verified.typeMetadata?.vctValues?.[0] === verified.payload.vct, 'the Type Metadata resolved for the vct', JSON.stringify(verified.typeMetadata?.vctValues));
  const cnfThumbprint = verified.payload.cnf?.jwk ? await jose.calculateJwkThumbprint(verified.payload.cnf.jwk) : null;
  check(cnfThumbprint === await jose.calculateJwkThumbprint(holderJwk), 'cnf.jwk is the wallet\'s did:jwk key from the proof',
    JSON.stringify(verified.payload.cnf));

  // @sd-jwt/jwt-status-list reads our Token Status List; `jose` checks its signature with the same key.
  async function tokenStatus() {
    const { idx, uri } = sdPayload.status.status_list;
    const res = await fetchOurs(uri, { headers: { accept: 'application/statuslist+jwt' } });
    const token = await res.text();
    const { payload, protectedHeader } = await jose.jwtVerify(token, await jose.importJWK(issuerJwk, 'ES256'),
      { typ: 'statuslist+jwt', subject: uri, algorithms: ['ES256'] });
    return { value: getListFromStatusListJWT(token).getStatus(idx), kid: protectedHeader.kid, ttl: payload.ttl,
      contentType: res.headers.get('content-type') };
  }
  let token = await tokenStatus();
  check(token.value === 0 && token.kid === sdHeader.kid && token.contentType?.startsWith('application/statuslist+jwt'),
    '@sd-jwt/jwt-status-list: our signed Token Status List reads the credential as valid (0)', JSON.stringify(token));

  // ---- @digitalbazaar/vc: the badge through did:web ----------------------------------------------
  const documents = new Map();
  for (const [url, file] of Object.entries(JSON.parse(readFileSync(join(repo, 'specs', 'contexts', 'index.json'), 'utf8')))) {
    documents.set(url, JSON.parse(readFileSync(join(repo, 'specs', 'contexts', file), 'utf8')));
  }
  // Contexts from specs/contexts; the DID document and the status lists from the issuer. did:web per
  // the did:web method §3.2 (Read): the host (%3A before a port), then /.well-known/did.json. The
  // DID document's first context is DID v1, so jsonld-signatures reads its assertionMethod without
  // framing and the DID context itself is never loaded.
  const didWebFetches = [];
  async function resolveDidWeb(did) {
    const segments = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
    const url = `https://${segments[0]}/${segments.length === 1 ? '.well-known' : segments.slice(1).join('/')}/did.json`;
    didWebFetches.push(url);
    const res = await fetchOurs(url);
    if (!res.ok) throw new Error(`did:web ${url}: ${res.status}`);
    const document = await res.json();
    if (document.id !== did) throw new Error(`did:web document id ${document.id} is not ${did}`);
    return document;
  }
  const documentLoader = async (url) => {
    if (url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const document = await resolveDidWeb(did);
      if (!fragment) return { contextUrl: null, documentUrl: url, document };
      const method = (document.verificationMethod ?? []).find((m) => m.id === url || m.id === `#${fragment}`);
      if (!method) throw new Error(`no verification method ${url}`);
      return { contextUrl: null, documentUrl: url, document: { '@context': document['@context'], ...method } };
    }
    if (documents.has(url)) return { contextUrl: null, documentUrl: url, document: structuredClone(documents.get(url)) };
    if (url.startsWith(`${origin}/status/bitstring/`)) {
      const res = await fetchOurs(url);
      if (!res.ok) throw new Error(`status list ${url}: ${res.status}`);
      return { contextUrl: null, documentUrl: url, document: await res.json() };
    }
    throw new Error(`document not allowed: ${url}`);
  };
  const suite = () => new DataIntegrityProof({ cryptosuite });
  const issuerDid = `did:web:127.0.0.1%3A${port}`;
  async function badgeStatus() {
    const result = await vc.verifyCredential({ credential: structuredClone(badge), suite: suite(), documentLoader,
      checkStatus: (options) => bsl.checkStatus({ ...options, suite: suite(), verifyMatchingIssuers: true }) });
    const byPurpose = Object.fromEntries((result.statusResult?.results ?? []).map((s) => [s.credentialStatus.statusPurpose, s.status]));
    return { result, byPurpose };
  }
  let status = await badgeStatus();
  check(status.result.verified, '@digitalbazaar/vc verifies the badge (eddsa-rdfc-2022, key from the did:web document)',
    JSON.stringify(status.result.error?.message ?? status.result.error ?? status.result.results?.[0]?.error?.message ?? '').slice(0, 600));
  const badgeIssuer = typeof badge.issuer === 'object' ? badge.issuer.id : badge.issuer;
  check(badgeIssuer === issuerDid && badge.proof?.verificationMethod?.startsWith(`${issuerDid}#`),
    `the badge's issuer and verification method are ${issuerDid}`, `${badgeIssuer} ${badge.proof?.verificationMethod}`);
  check(didWebFetches.every((u) => u === `${origin}/.well-known/did.json`) && didWebFetches.length > 0,
    'did:web resolved through https://127.0.0.1:<port>/.well-known/did.json', JSON.stringify(didWebFetches));
  const subjectId = badge.credentialSubject?.id;
  check(subjectId === holderDid || subjectId === `${holderDid}#0`, 'the badge\'s subject is the wallet\'s did:jwk', String(subjectId));
  check(status.byPurpose.revocation === false && status.byPurpose.suspension === false,
    'vc-bitstring-status-list checkStatus: revocation and suspension entries clear, lists verified and issued by the same DID',
    JSON.stringify(status.result.statusResult ?? status.result.error?.message));

  // ---- revoke through the CLI; both peers see it -------------------------------------------------
  r = run(['credentials', 'list', '--config', config]);
  check(r.code === 0, 'vaardig-issuer credentials list', r.err);
  const listed = r.out;
  const ids = [...new Set(listed.match(/urn:uuid:[0-9a-f-]{36}/g) ?? [])];
  check(ids.length === 2 && ids.includes(badge.id), 'credentials list shows the two credentials, the badge\'s id among them', listed.slice(0, 800));
  const sdJwtId = ids.find((id) => id !== badge.id);

  r = run(['revoke', '--config', config, '--credential', sdJwtId, '--reason', 'Interop: revoked by the test']);
  check(r.code === 0, 'vaardig-issuer revoke (the SD-JWT VC)', r.err);
  token = await tokenStatus();
  check(token.value === 1, '@sd-jwt/jwt-status-list: the Token Status List now reads the SD-JWT VC as revoked (1)', JSON.stringify(token));
  try {
    await sdjwtPeer.verify(sdJwtVc);
    check(false, '@sd-jwt/sd-jwt-vc refuses the revoked SD-JWT VC', 'it verified');
  } catch (e) {
    check(/Status is not valid/.test(e.message), '@sd-jwt/sd-jwt-vc refuses the revoked SD-JWT VC (status not valid)', e.message);
  }
  status = await badgeStatus();
  check(status.result.verified && status.byPurpose.revocation === false,
    'the badge stays valid while only the SD-JWT VC is revoked', JSON.stringify(status.byPurpose));

  r = run(['revoke', '--config', config, '--credential', badge.id, '--reason', 'Interop: revoked by the test']);
  check(r.code === 0, 'vaardig-issuer revoke (the badge)', r.err);
  status = await badgeStatus();
  check(status.byPurpose.revocation === true && status.byPurpose.suspension === false,
    'vc-bitstring-status-list checkStatus: the badge\'s revocation entry is now set (suspension clear)',
    JSON.stringify(status.result.statusResult ?? status.result.error?.message));
  r = run(['revoke', '--config', config, '--credential', badge.id, '--reason', 'again']);
  check(r.code !== 0 && /revoked/.test(r.err), 'revoking it again is refused (revocation is final)', r.out + r.err);

  r = run(['audit', 'verify', '--config', config]);
  check(r.code === 0, 'vaardig-issuer audit verify: the chain is intact after issuance and revocation', r.out + r.err);
} catch (e) {
  failures++;
  console.log(`FAIL unexpected error: ${e.stack ?? e}`);
  if (serverLog) console.log(`---- server log (tail) ----\n${serverLog.slice(-3000)}`);
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([new Promise((res) => server.once('exit', res)), sleep(5000)]);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
