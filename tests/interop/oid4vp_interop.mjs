// OpenID4VP 1.0 between our verifier service and a peer wallet: @openid4vc/openid4vp 0.4.6 (with
// @openid4vc/oauth2 0.4.6) plays the wallet and @sd-jwt/sd-jwt-vc 0.19.0 the holder's credential
// library (pinned in package-lock.json):
//   - `vaardig-verifier serve` (plain http on a free loopback port, so its identity is did:jwk;
//     the peer's insecure-URL switch is set for loopback only) makes a request for a skill at
//     level ≥ 2 with POST /api/requests;
//   - the peer parses the openid4vp:// link, fetches the signed Request Object by reference and
//     resolves it (signature checked against the verifier's did:jwk, client_id prefix
//     decentralized_identifier), builds the vp_token for the DCQL query with a KB-JWT bound to the
//     request's client_id and nonce, and submits it with direct_post;
//   - we verify it (the outcome read with the result token): valid; and we reject the replayed
//     response, a presentation under another nonce, a credential revoked in its issuer's Token
//     Status List, a credential from an issuer not on our trust list ("not recognised"), and a
//     tampered disclosure.
// The credentials come from a peer issuer (sd-jwt-vc, iss = its did:jwk) whose Token Status List
// this script serves on loopback. Nothing leaves 127.0.0.1.
//
// Usage: node oid4vp_interop.mjs --verifier <vaardig-verifier>
// Exit: 0 all passed, 1 a check failed, 77 skipped (node_modules absent: run `npm ci` here).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const SKIP = 77;
let openid4vp, utils, sdjwtvc, cryptoNode, statusList, jose;
try {
  openid4vp = await import('@openid4vc/openid4vp');
  utils = await import('@openid4vc/utils');
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
const { SDJwtVcInstance } = sdjwtvc;
const { ES256, digest, generateSalt } = cryptoNode;
const { StatusList, createHeaderAndPayload } = statusList;

const { values: args } = parseArgs({ options: { verifier: { type: 'string' } } });
if (!args.verifier) {
  console.error('usage: node oid4vp_interop.mjs --verifier <vaardig-verifier>');
  process.exit(2);
}

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
setTimeout(() => {
  console.log('FAIL watchdog: the test took over 120 s');
  process.exit(1);
}, 120_000).unref();

// Only loopback: the peer's fetch is this one, which refuses anything else.
const fetchLoopback = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (new URL(url).hostname !== '127.0.0.1') return Promise.reject(new Error(`request outside loopback refused: ${url}`));
  return fetch(input, init);
};
utils.setGlobalConfig({ allowInsecureUrls: true });  // plain http, 127.0.0.1 only (see fetchLoopback)

const now = Math.floor(Date.now() / 1000);
const VCT = 'https://gemeente-elders.example/vct/skill/v1';
const SKILL = 'https://gemeente-elders.example/skills/snoeien';
const b64url = (s) => Buffer.from(s).toString('base64url');
const didJwk = ({ kty, crv, x, y }) => `did:jwk:${b64url(JSON.stringify({ crv, kty, x, y }))}`;
const jwkOfDidJwk = (did) => JSON.parse(Buffer.from(did.slice('did:jwk:'.length), 'base64url').toString('utf8'));

const dir = mkdtempSync(join(tmpdir(), 'vaardig-oid4vp-'));
let verifier = null;
const statusServer = createServer((req, res) => {
  const body = statusRoutes.get(req.url);
  if (!body) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': 'application/statuslist+jwt' }).end(body);
});
const statusRoutes = new Map();
try {
  await new Promise((resolve) => statusServer.listen(0, '127.0.0.1', resolve));
  const statusUri = `http://127.0.0.1:${statusServer.address().port}/status/1`;

  // ---- The peer issuer (trusted), another issuer (not), the holder ---------------------------------
  const issuer = await ES256.generateKeyPair();
  const stranger = await ES256.generateKeyPair();
  const holder = await ES256.generateKeyPair();
  const issuerDid = didJwk(issuer.publicKey);
  const strangerDid = didJwk(stranger.publicKey);

  const list = new StatusList(new Array(1024).fill(0), 1);
  list.setStatus(5, 1);  // revoked
  const { header: slHeader, payload: slPayload } = createHeaderAndPayload(
      list, { iss: issuerDid, sub: statusUri, iat: now, exp: now + 3600, ttl: 60 },
      { alg: 'ES256', typ: 'statuslist+jwt', kid: `${issuerDid}#0` });
  statusRoutes.set('/status/1', await new jose.SignJWT(slPayload).setProtectedHeader(slHeader)
    .sign(await jose.importJWK(issuer.privateKey, 'ES256')));

  const sdjwtOf = async (key) => new SDJwtVcInstance({
    signer: await ES256.getSigner(key.privateKey), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256',
    saltGenerator: generateSalt, kbSigner: await ES256.getSigner(holder.privateKey), kbSignAlg: 'ES256',
  });
  const issue = async (key, { level = 2, idx = 2 } = {}) => {
    const iss = didJwk(key.publicKey);
    const claims = {
      iss, iat: now - 60, exp: now + 365 * 86400, vct: VCT, cnf: { jwk: holder.publicKey },
      status: { status_list: { idx, uri: statusUri } },
      skill: { id: SKILL, name: { nl: 'Snoeien en onderhouden van beplanting', en: 'Pruning and maintaining plants' }, level },
      confirmation: { status: 'confirmed', by: { name: 'Marieke van den Berg', role: 'manager' }, at: '2026-03-01T10:00:00Z' },
      holder: { given_name: 'Anna', family_name: 'de Vries' },
    };
    return (await sdjwtOf(key)).issue(claims, { _sd: ['skill', 'confirmation', 'holder'] }, { header: { kid: `${iss}#0` } });
  };

  // ---- Our verifier: trust list, configuration, serve ---------------------------------------------
  const run = (argv) => spawnSync(args.verifier, argv, { encoding: 'utf8', timeout: 30_000 });
  let r = run(['trust', 'init', '--key', join(dir, 'operator.jwk'), '--out', join(dir, 'trust.jws')]);
  check(r.status === 0, 'vaardig-verifier trust init', r.stderr);
  r = run(['trust', 'add', '--list', join(dir, 'trust.jws'), '--key', join(dir, 'operator.jwk'), '--issuer', issuerDid,
    '--name', 'Gemeente Elders', '--type', VCT]);
  check(r.status === 0, 'vaardig-verifier trust add (the peer issuer)', r.stderr);
  r = run(['request-token', 'create', '--name', 'interop']);
  const apiToken = r.stdout.match(/shown only now\): (\S+)/)?.[1];
  const tokenLine = r.stdout.match(/api_tokens_sha256 = \[.*\]/)?.[0];
  check(r.status === 0 && Boolean(apiToken) && Boolean(tokenLine), 'vaardig-verifier request-token create', r.stderr);
  writeFileSync(join(dir, 'verifier.toml'), [
    '[server]', 'port = 0', '[trust]', 'list = "trust.jws"', 'key = "operator.jwk"',
    '[request]', 'key = "request.jwk"', `vct_values = ["${VCT}"]`, tokenLine, '[fetch]', 'allow_http_loopback = true', '',
  ].join('\n'));
  const base = await new Promise((resolve, reject) => {
    verifier = spawn(args.verifier, ['serve', '--config', join(dir, 'verifier.toml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    verifier.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    });
    verifier.stderr.on('data', (d) => { out += d; });
    verifier.on('exit', (code) => reject(new Error(`verifier exited ${code}: ${out}`)));
  });

  // ---- The peer wallet ---------------------------------------------------------------------------------
  const callbacks = {
    fetch: fetchLoopback,
    hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
    // The Request Object's signer is a DID URL (decentralized_identifier): did:jwk resolves to its key.
    verifyJwt: async (signer, { compact }) => {
      if (signer.method !== 'did' || !signer.didUrl.startsWith('did:jwk:')) return { verified: false };
      const jwk = jwkOfDidJwk(signer.didUrl.split('#')[0]);
      try {
        await jose.compactVerify(compact, await jose.importJWK(jwk, 'ES256'));
        return { verified: true, signerJwk: jwk };
      } catch {
        return { verified: false, signerJwk: jwk };
      }
    },
  };
  const ask = async () => {
    const res = await fetchLoopback(`${base}/api/requests`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
      body: JSON.stringify({ skills: [SKILL], min_level: 2 }),
    });
    return res.json();
  };
  const outcome = async (created) => (await fetchLoopback(`${base}/api/requests/${created.id}`, {
    headers: { authorization: `Bearer ${created.result_token}` },
  })).json();
  // Resolves the request as the peer wallet does; returns the verified request payload.
  const resolve = async (link) => {
    const parsed = openid4vp.parseOpenid4vpAuthorizationRequest({ authorizationRequest: link });
    const resolved = await openid4vp.resolveOpenid4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params, callbacks });
    return resolved;
  };
  const respond = async (request, presentation) => {
    const { authorizationResponsePayload } = await openid4vp.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: request,
      authorizationResponsePayload: { vp_token: { skill: [presentation] }, state: request.state },
      callbacks,
    });
    const { response } = await openid4vp.submitOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: request, authorizationResponsePayload, callbacks,
    });
    return { status: response.status, payload: authorizationResponsePayload };
  };
  const present = async (credential, request, { nonce } = {}) => (await sdjwtOf(issuer)).present(
    credential, { skill: true, confirmation: true },
    { kb: { payload: { aud: request.client_id, nonce: nonce ?? request.nonce, iat: now } } });

  // (1) The whole exchange.
  let created = await ask();
  check(typeof created.link === 'string' && created.link.startsWith('openid4vp://'), 'POST /api/requests gives an openid4vp:// link',
    JSON.stringify(created).slice(0, 300));
  let resolved = await resolve(created.link);
  const request = resolved.authorizationRequestPayload;
  check(resolved.jar !== undefined && resolved.client.prefix === 'decentralized_identifier' &&
        request.response_mode === 'direct_post' && request.dcql_query?.credentials?.[0]?.id === 'skill',
        'the peer wallet resolves our signed Request Object (JAR by reference, decentralized_identifier, DCQL)',
        JSON.stringify({ prefix: resolved.client?.prefix, request }).slice(0, 600));
  const good = await issue(issuer, { level: 3 });
  let sent = await respond(request, await present(good, request));
  check(sent.status === 200, 'the peer wallet submits its vp_token with direct_post (200)', `HTTP ${sent.status}`);
  let result = await outcome(created);
  check(result.state === 'answered' && result.verdict === 'valid' && result.reports?.[0]?.shown?.level === 3 &&
        result.reports?.[0]?.shown?.holder_name === undefined,
        'we verify the peer wallet\'s presentation: valid, level 3, no name (skills first)', JSON.stringify(result).slice(0, 1500));

  // (2) The same response again: refused, and the outcome stays.
  const replay = await openid4vp.submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: request, authorizationResponsePayload: sent.payload, callbacks,
  });
  check(replay.response.status === 400, 'we refuse the replayed response', `HTTP ${replay.response.status}`);
  check((await outcome(created)).verdict === 'valid', 'the replay does not change the outcome');

  // (3)-(6) Each in its own request.
  const rejectedBy = async (label, credential, options, expect) => {
    const c = await ask();
    const req = (await resolve(c.link)).authorizationRequestPayload;
    const s = await respond(req, await present(credential, req, options));
    const o = await outcome(c);
    check(s.status === 200 && o.state === 'answered' && o.verdict === expect.verdict &&
          (!expect.check || o.reports?.[0]?.checks?.some((x) => x.name === expect.check && x.result === 'failed')),
          label, JSON.stringify(o).slice(0, 1200));
  };
  await rejectedBy('we reject a presentation made under another nonce', good, { nonce: 'an-older-nonce-value-1234' },
    { verdict: 'rejected', check: 'holder_binding' });
  await rejectedBy('we reject a credential revoked in its issuer\'s Token Status List', await issue(issuer, { idx: 5 }), {},
    { verdict: 'rejected', check: 'status' });
  await rejectedBy('a credential from an issuer not on our trust list is "not recognised"', await issue(stranger), {},
    { verdict: 'not_recognised', check: 'issuer_trust' });

  // A tampered disclosure: the level in the skill disclosure raised to 3 after issuance.
  {
    const c = await ask();
    const req = (await resolve(c.link)).authorizationRequestPayload;
    const presentation = await present(await issue(issuer, { level: 2 }), req);
    const parts = presentation.split('~');
    const tampered = parts.map((part, i) => {
      if (i === 0 || i === parts.length - 1) return part;
      const decoded = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      if (decoded[1] !== 'skill') return part;
      decoded[2].level = 3;
      return b64url(JSON.stringify(decoded));
    }).join('~');
    const s = await respond(req, tampered);
    const o = await outcome(c);
    check(s.status === 200 && o.verdict === 'rejected', 'we reject a presentation with a tampered disclosure (level 2 → 3)',
      JSON.stringify(o).slice(0, 1200));
  }
  console.log(`(the verifier's client_id: ${request.client_id.slice(0, 60)}...)`);
} catch (e) {
  failures++;
  console.log(`FAIL ${e?.stack ?? e}`);
} finally {
  if (verifier && verifier.exitCode === null) verifier.kill('SIGTERM');
  statusServer.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
