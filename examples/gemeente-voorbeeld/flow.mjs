// The Gemeente Voorbeeld scenario, end to end, through the three programs' real interfaces —
// the issuer's JSON API and command line, the hosted wallet's JSON API, the verifier's API:
//
//   1. Mohamed Yilmaz (buitendienst groen) records "Snoeien en onderhouden van beplanting" at
//      level 2 with a photo as evidence (its location and camera data are removed), and asks his
//      team leader Jeroen Hendriks to confirm it;
//   2. Jeroen confirms it at "zelfstandig" (level 2): his signed endorsement;
//   3. Mohamed collects it in his wallet (OpenID4VCI: link + PIN; SD-JWT VC and Open Badge);
//   4. another employer (Gemeente Elders) asks for that skill at level ≥ 2 (OpenID4VP, DCQL);
//      the wallet first only shows who asks and what would be shown, then shares with consent —
//      skills first, no name;
//   5. the verifier says in plain language what was shown and what was checked;
//   6. HR issues a second skill directly (confirmed outside Vaardig), revokes it, and the
//      verifier rejects it on its status.
//
// Every step is checked; the script exits 1 at the first broken expectation. With --keep-running
// the services stay up (Ctrl-C stops them) and the script prints what to open and the logins.
// All on 127.0.0.1 over plain http (each program's loopback-only switch).
//
// Usage: node flow.mjs --bin DIR [--work DIR] [--keep-running] [--any-port]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    bin: { type: 'string' }, work: { type: 'string' }, 'keep-running': { type: 'boolean', default: false },
    'any-port': { type: 'boolean', default: false },  // tests: never the demo's 8080/8082, always a free port
  },
});
if (!args.bin) {
  console.error('usage: node flow.mjs --bin DIR [--work DIR] [--keep-running]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const bin = (name) => join(resolve(args.bin), name);
const ISSUER = bin('vaardig-issuer');
const WALLET = bin('vaardig-wallet');
const VERIFIER = bin('vaardig-verifier');
const PASSWORD = 'Voorbeeld-demo-2026!';
const SKILL = 'snoeien-en-onderhouden-van-beplanting';

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const step = (s) => console.log(`\n${bold(`== ${s}`)}`);
let checks = 0;
function expect(condition, what, detail = '') {
  if (!condition) {
    console.log(`FAIL ${what}${detail ? `\n     ${String(detail).slice(0, 3000)}` : ''}`);
    throw new Error(`the demo stopped: ${what}`);
  }
  checks++;
  console.log(`  ok  ${what}`);
}
function run(exe, argv, { env = {}, input = '' } = {}) {
  const r = spawnSync(exe, argv, { input, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const portFree = (port) => new Promise((resolveFree) => {
  const s = createServer();
  s.once('error', () => resolveFree(false));
  s.listen(port, '127.0.0.1', () => s.close(() => resolveFree(true)));
});
async function pickPort(preferred) {
  if (!args['any-port'] && await portFree(preferred)) return preferred;
  return anyPort();
}
function anyPort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolvePort(port)); });
  });
}
const children = [];
function serve(exe, config, logFile) {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(exe, ['serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let log = '';
    const timer = setTimeout(() => reject(new Error(`${exe} did not start: ${out}${log.slice(-2000)}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    });
    child.stderr.on('data', (d) => { log += d; writeFileSync(logFile, log); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${exe} exited ${code}: ${out}${log.slice(-2000)}`)); });
  });
}
// Starts a service on `port` (already picked) with the config writeConfig(port) returns; when the
// port was taken between the check and the start (other tests run beside this one), it tries again
// on another free port.
async function serveOnFreePort(exe, port, writeConfig, logFile) {
  for (let attempt = 1; ; attempt++) {
    const config = writeConfig(port);
    try {
      return { url: await serve(exe, config, logFile), port };
    } catch (e) {
      if (attempt >= 4 || !/exited/.test(String(e))) throw e;
      console.log(`      (port ${port} was taken; trying another)`);
      port = await anyPort();
    }
  }
}
const local = (url) => {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`refusing to leave loopback: ${url}`);
  return url;
};
async function api(base, path, { method = 'GET', token, json, form } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(json); }
  if (form) body = form;
  const res = await fetch(local(`${base}${path}`), { method, headers, body });
  const text = await res.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json: parsed, text, headers: res.headers };
}
async function login(base, email) {
  const r = await api(base, '/api/session', { method: 'POST', json: { email, password: PASSWORD } });
  const token = (r.headers.get('set-cookie') ?? '').match(/vaardig_session=([^;]+)/)?.[1];
  expect(r.status === 200 && Boolean(token), `${email} signs in`, r.text);
  return token;
}

const work = args.work ?? mkdtempSync(join(tmpdir(), 'vaardig-demo-'));
mkdirSync(work, { recursive: true });
let exitCode = 0;
try {
  // ---- The issuer: Gemeente Voorbeeld ---------------------------------------------------------------
  step('The issuer of Gemeente Voorbeeld: organisation, catalogue, accounts');
  let issuerUrl = '';
  // The hosted wallet's port, chosen now: the issuer's collect page links to it.
  const walletPortWanted = await pickPort(8083);
  const issuerConfig = join(work, 'issuer.toml');
  const writeIssuerConfig = (port) => {
    issuerUrl = `http://127.0.0.1:${port}`;
    writeFileSync(issuerConfig, ['[organisation]', 'name = "Gemeente Voorbeeld"', 'id = "https://www.gemeente-voorbeeld.nl"',
      '[server]', `port = ${port}`, `public_url = "${issuerUrl}"`, 'threads = 4', '[database]', 'path = "issuer.db"',
      '[keys]', 'kek_file = "issuer.kek"', '[sessions]', 'secure_cookies = false   # plain http on loopback only',
      '[wallet]', `web_url = "http://127.0.0.1:${walletPortWanted}"   # the collect page's "open in the wallet in the browser"`,
      ''].join('\n'));
    return issuerConfig;
  };
  const issuerPort = await pickPort(8080);
  writeIssuerConfig(issuerPort);
  let r = run(ISSUER, ['keys', 'kek', 'generate', '--out', join(work, 'issuer.kek')]);
  expect(r.code === 0, 'a key-encryption key for the issuer\'s signing keys (mode 0600)', r.err);
  r = run(ISSUER, ['init', '--config', issuerConfig, '--admin-number', '10001', '--admin-name', 'Marieke van den Berg',
    '--admin-email', 'marieke.vandenberg@gemeente-voorbeeld.nl'], { input: `${PASSWORD}\n` });
  expect(r.code === 0, 'the database and its first administrator, Marieke van den Berg', r.err);
  r = run(ISSUER, ['import-people', '--config', issuerConfig, join(here, 'people.csv')]);
  expect(r.code === 0, 'the organisation from the HR export (people.csv)', r.err);
  r = run(ISSUER, ['import-skills', '--config', issuerConfig, '--vaardig', join(here, 'catalogue.csv'),
    '--roadmaps', join(here, 'roadmaps.json')]);
  expect(r.code === 0, 'the skills catalogue and the teams\' Roadmaps', r.err);
  for (const who of ['10031', '10030', '10002']) {
    r = run(ISSUER, ['set-password', '--config', issuerConfig, '--employee', who], { input: `${PASSWORD}\n` });
    expect(r.code === 0, `a password for ${who}`, r.err);
  }
  await serveOnFreePort(ISSUER, issuerPort, writeIssuerConfig, join(work, 'issuer.log'));
  expect((await api(issuerUrl, '/readyz')).status === 200, `the issuer serves ${issuerUrl}`);

  // ---- 1. Record (blauw) and ask ---------------------------------------------------------------------
  step('1. Mohamed records "Snoeien en onderhouden van beplanting" with a photo and asks his team leader');
  const mohamed = await login(issuerUrl, 'mohamed.yilmaz@gemeente-voorbeeld.nl');
  r = await api(issuerUrl, '/api/claims', { method: 'POST', token: mohamed,
    json: { skill_id: SKILL, self_level: 2, note: 'Hagen en heesters langs de Dorpsstraat, ook met de snoeizaag.', frequency: 'weekly' } });
  expect(r.status === 201, 'the skill is saved as self-declared (blue), private to him', r.text);
  const claimId = r.json.id;
  const photo = readFileSync(join(repo, 'tests', 'issuer', 'fixtures', 'photo_with_gps.jpg'));
  const form = new FormData();
  form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'haag-dorpsstraat.jpg');
  r = await api(issuerUrl, `/api/claims/${claimId}/evidence`, { method: 'POST', token: mohamed, form });
  expect(r.status === 201 && r.json?.size < photo.length && (r.json?.removed_metadata?.length ?? 0) > 0,
    `the photo is added as evidence, with ${(r.json?.removed_metadata ?? []).join(', ')} removed`, r.text);
  r = await api(issuerUrl, `/api/claims/${claimId}/confirmation-requests`, { method: 'POST', token: mohamed, json: { message: 'Wil je dit bevestigen?' } });
  expect(r.status === 201, 'he asks his team leader to confirm it', r.text);

  // ---- 2. Confirm (groen) ----------------------------------------------------------------------------------
  step('2. Jeroen Hendriks confirms it at "zelfstandig" (level 2)');
  const jeroen = await login(issuerUrl, 'jeroen.hendriks@gemeente-voorbeeld.nl');
  r = await api(issuerUrl, '/api/queue', { token: jeroen });
  const request = r.json?.requests?.find((q) => q.claim_id === claimId);
  expect(r.status === 200 && Boolean(request), 'the request is in his queue (his own team only)', r.text);
  r = await api(issuerUrl, `/api/confirmation-requests/${request.request_id}/confirm`, { method: 'POST', token: jeroen,
    json: { level: 2, comment: 'Netjes en veilig gewerkt.' } });
  expect(r.status === 200, 'confirmed: his endorsement is signed with his own key', r.text);

  // ---- 3. Collect ------------------------------------------------------------------------------------------
  step('3. Mohamed collects the credential in his wallet (OpenID4VCI, link + PIN)');
  r = await api(issuerUrl, `/api/claims/${claimId}/offer`, { method: 'POST', token: mohamed });
  expect(r.status === 201 && r.json.link?.startsWith('openid-credential-offer://') && /^\d{6}$/.test(r.json.tx_code),
    'the issuer offers it: a link (QR code) and, apart from it, a 6-digit PIN', r.text);
  const offer = r.json;
  const walletConfig = join(work, 'wallet.toml');
  const { url: walletUrl } = await serveOnFreePort(WALLET, walletPortWanted, (port) => {
    writeFileSync(walletConfig, ['[server]', `port = ${port}`, `public_url = "http://127.0.0.1:${port}"`,
      '[database]', 'path = "wallet/wallet.db"', '[vault]', 'handle_key_file = "wallet/handle.key"',
      'kdf = "interactive"   # 64 MiB per unlock on this small demo machine; "moderate" (256 MiB) in production',
      '[fetch]', 'allow_http_loopback = true   # the demo\'s issuer and verifier are plain http on loopback', ''].join('\n'));
    return walletConfig;
  }, join(work, 'wallet.log'));
  const MOHAMED_PASSPHRASE = 'mohamed-zijn-wachtwoord-2026';
  r = await api(walletUrl, '/api/wallets', { method: 'POST', json: { user: 'mohamed', passphrase: MOHAMED_PASSPHRASE } });
  expect(r.status === 201 && /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/.test(r.json?.recovery_code ?? ''),
    `his wallet (${walletUrl}) is created, encrypted under his passphrase, with a one-time recovery code`, r.text);
  r = await api(walletUrl, '/api/session', { method: 'POST', json: { user: 'mohamed', passphrase: MOHAMED_PASSPHRASE } });
  const walletToken = r.json?.session_token;
  expect(r.status === 200 && Boolean(walletToken), 'he signs in to his wallet', r.text);
  const wallet = (path, options = {}) => api(walletUrl, path, { token: walletToken, ...options });
  r = await wallet('/api/offers', { method: 'POST', json: { offer: offer.link, pin: offer.tx_code } });
  expect(r.status === 201 && r.json?.stored?.length === 2 && r.json.stored.every((c) => c.status === 'valid'),
    'the wallet collects, verifies and stores it as SD-JWT VC and as Open Badge', r.text);
  for (const c of r.json.stored) console.log(`      received: ${c.name} (${c.format}) from ${c.issuer}, status ${c.status}`);
  r = await wallet('/api/credentials');
  expect(r.status === 200 && r.json?.credentials?.length === 2 &&
         r.json.credentials.every((c) => c.kind === 'confirmed' && c.skill?.level === 2 && c.confirmation?.by?.role === 'manager'),
    'his wallet shows it confirmed (green) at level 2, confirmed by his manager', r.text);

  // ---- 4. Another employer asks ----------------------------------------------------------------------
  step('4. Gemeente Elders asks for the skill at level 2 or higher');
  const vct = `${issuerUrl}/vct/skill/v1`;
  r = run(VERIFIER, ['trust', 'init', '--key', join(work, 'operator.jwk'), '--out', join(work, 'trust.jws')]);
  expect(r.code === 0, 'the verifier\'s operator makes a signed trust list', r.err);
  r = run(VERIFIER, ['trust', 'add', '--list', join(work, 'trust.jws'), '--key', join(work, 'operator.jwk'),
    '--issuer', issuerUrl, '--name', 'Gemeente Voorbeeld', '--type', vct, '--type', 'OpenBadgeCredential']);
  expect(r.code === 0, 'and recognises Gemeente Voorbeeld as an issuer of skill credentials', r.err);
  r = run(VERIFIER, ['request-token', 'create', '--name', 'personeelszaken']);
  const apiToken = r.out.match(/shown only now\): (\S+)/)?.[1];
  const tokenLine = r.out.match(/api_tokens_sha256 = \[.*\]/)?.[0];
  expect(r.code === 0 && apiToken && tokenLine, 'a bearer token for the employer\'s own system to make requests', r.err);
  const verifierConfig = join(work, 'verifier.toml');
  const { url: verifierUrl } = await serveOnFreePort(VERIFIER, await pickPort(8082), (port) => {
    writeFileSync(verifierConfig, ['[server]', `port = ${port}`, '[trust]', 'list = "trust.jws"', 'key = "operator.jwk"',
    '[request]', 'key = "request.jwk"', 'name = "Gemeente Elders"', `vct_values = ["${vct}"]`, tokenLine,
    'pages = true   # the employer\'s pages: behind the organisation\'s sign-in in production',
    `web_wallet = "${walletUrl}"   # the waiting page's "open in the wallet in the browser"`,
    `skills = ["${issuerUrl}/skills/${SKILL}|Snoeien en onderhouden van beplanting", "${issuerUrl}/skills/plantenkennis|Plantenkennis"]`,
    '[fetch]', 'allow_http_loopback = true', '[status]', 'max_cache_seconds = 0   # see a revocation at once', ''].join('\n'));
    return verifierConfig;
  }, join(work, 'verifier.log'));
  r = await api(verifierUrl, '/api/requests', { method: 'POST', token: apiToken, json: { skills: [`${issuerUrl}/skills/${SKILL}`], min_level: 2 } });
  expect(r.status === 201 && r.json.link?.startsWith('openid4vp://'), `the verifier (${verifierUrl}) shows a QR code: an OpenID4VP request`, r.text);
  const ask = r.json;

  step('   Mohamed\'s wallet shows who asks and what would be shown — and sends nothing yet');
  r = await wallet('/api/presentation-requests', { method: 'POST', json: { request: ask.link } });
  const sdCandidate = r.json?.queries?.flatMap((q) => q.candidates)?.find((c) => c.format === 'dc+sd-jwt');
  expect(r.status === 201 && r.json.verifier_name === 'Gemeente Elders' && r.json.satisfiable === true &&
         sdCandidate && sdCandidate.names_the_person === false,
    'shown, not sent: who asks (Gemeente Elders, by its DID) and what would be shown; no name asked for', r.text);
  console.log(`      ${r.json.verifier_name} (${r.json.verifier.slice(0, 60)}…) asks; would show: ${sdCandidate.shown.join(', ')}`);
  const pending = r.json.id;
  r = await api(verifierUrl, `/api/requests/${ask.id}`, { token: ask.result_token });
  expect(r.json?.state !== 'answered', 'the verifier has received nothing yet', r.text);
  r = await wallet(`/api/presentation-requests/${pending}/share`, { method: 'POST', json: {} });
  expect(r.status === 200 && r.json?.verifier_status === 200, 'he consents: the wallet sends the skill, bound to this request', r.text);
  r = await wallet(`/api/presentation-requests/${pending}/share`, { method: 'POST', json: {} });
  expect(r.status === 404, 'the wallet does not answer the same request twice', r.text);
  r = await wallet('/api/presentation-requests', { method: 'POST', json: { request: ask.link } });
  const again = r.status === 201 ? await wallet(`/api/presentation-requests/${r.json.id}/share`, { method: 'POST', json: {} }) : r;
  expect(again.status >= 400, 'nor does the verifier accept a second answer (nonce and state are single-use)', again.text);

  // ---- 5. Verify ----------------------------------------------------------------------------------------
  step('5. The verifier\'s answer, in plain language');
  r = await api(verifierUrl, `/api/requests/${ask.id}`, { token: ask.result_token });
  const report = r.json?.reports?.[0];
  expect(r.json?.state === 'answered' && r.json?.verdict === 'valid' && report?.shown?.level === 2 &&
         report?.shown?.confirmed === true && report?.shown?.holder_name === undefined,
    'valid: confirmed at level 2 by a manager of Gemeente Voorbeeld, and no name shown', r.text);
  console.log(`      ${report.summary.nl}\n      ${report.summary.en}`);
  for (const c of report.checks) console.log(`      ${c.name.padEnd(15)} ${c.result}${c.detail ? `  (${c.detail.slice(0, 90)})` : ''}`);
  r = await wallet('/api/shares');
  expect(r.status === 200 && r.json?.shares?.[0]?.verifier_name === 'Gemeente Elders' && r.json.shares[0].credentials?.length === 1,
    'the wallet\'s share log says who received what, and when', r.text);

  step('   A link for his CV: time-limited, revocable, opened on any verifier\'s page');
  r = await wallet('/api/credentials');
  const sdId = r.json.credentials.find((c) => c.format === 'dc+sd-jwt')?.id;
  r = await wallet('/api/share-links', { method: 'POST', json: { record_id: sdId, valid_days: 30 } });
  const shareLink = r.json?.url;
  expect(r.status === 201 && shareLink?.startsWith(`${walletUrl}/s/`) && shareLink.includes('#k=') &&
         r.json.shown?.includes('skill.name') && r.json.shown?.includes('confirmation.by.role') &&
         !r.json.shown.some((p) => p.startsWith('holder')),
    'he makes a link to his skill, valid 30 days, skills first (no name); the key is in the link only', r.text);
  console.log(`      ${shareLink.slice(0, 70)}…`);
  r = await api(verifierUrl, '/api/share-links/verify', { method: 'POST', json: { link: shareLink } });
  expect(r.status === 200 && r.json?.verified === true && r.json.report?.shown?.level === 2 && r.json.report?.shown?.holder_name === undefined,
    'Gemeente Elders opens it: valid, confirmed at level 2, no name', r.text);
  r = await api(verifierUrl, '/api/share-links/verify', { method: 'POST', json: { link: shareLink.replace(/#k=./, '#k=A') } });
  expect(r.status === 400, 'a link with a changed key does not open', r.text);
  r = await wallet(`/api/share-links/${shareLink.match(/\/s\/([^#]+)/)[1]}`, { method: 'DELETE' });
  expect(r.status === 204, 'he revokes the link', r.text);
  r = await api(verifierUrl, '/api/share-links/verify', { method: 'POST', json: { link: shareLink } });
  expect(r.status === 410, 'after that the verifier is told it was revoked', r.text);

  step('   A skill of his own: self-declared (blue), signed with his own key');
  r = await wallet('/api/self-declared-skills', { method: 'POST',
    json: { name: 'Rijden met aanhanger', name_en: 'Driving with a trailer', level: 3, evidence: ['Rijbewijs BE'] } });
  expect(r.status === 201 && r.json?.kind === 'self_declared' && r.json.skill?.level === 3 && r.json.issuer?.startsWith('did:jwk:'),
    'he records "Rijden met aanhanger" himself: kept as self-declared, issued by his own did:jwk', r.text);
  r = await api(verifierUrl, '/api/requests', { method: 'POST', token: apiToken,
    json: { vct: ['urn:vaardig:vct:skill:self-declared:v1'] } });
  const own = r.json;
  expect(r.status === 201, 'Gemeente Elders also asks for skills people declare themselves', r.text);
  r = await wallet('/api/presentation-requests', { method: 'POST', json: { request: own.link } });
  expect(r.status === 201 && r.json.satisfiable, 'his wallet offers the self-declared skill', r.text);
  r = await wallet(`/api/presentation-requests/${r.json.id}/share`, { method: 'POST', json: {} });
  expect(r.status === 200, 'he shares it', r.text);
  r = await api(verifierUrl, `/api/requests/${own.id}`, { token: own.result_token });
  const ownReport = r.json?.reports?.[0];
  expect(r.json?.state === 'answered' && ownReport?.shown?.self_declared === true && ownReport?.shown?.confirmed === false,
    'the verifier labels it self-declared, never confirmed', r.text);
  console.log(`      ${r.json?.verdict}: ${ownReport?.summary?.nl}`);

  // ---- 6. Revocation -----------------------------------------------------------------------------------
  step('6. HR issues a skill confirmed outside Vaardig, then revokes it');
  r = run(ISSUER, ['issue', '--config', issuerConfig, '--employee', '10031', '--skill', 'plantenkennis', '--level', '1',
    '--confirmed-by', '10030']);
  const legacyLink = r.out.match(/openid-credential-offer:\/\/\S+/)?.[0];
  const legacyPin = r.out.match(/^(?:PIN:\s*)?(\d{6})\s*$/m)?.[1];
  expect(r.code === 0 && legacyLink && legacyPin, 'HR makes an offer for "Plantenkennis" (from the old skills passport)', r.err);
  r = await wallet('/api/offers', { method: 'POST', json: { offer: legacyLink, pin: legacyPin } });
  expect(r.status === 201, 'Mohamed collects it', r.text);
  r = run(ISSUER, ['credentials', 'list', '--config', issuerConfig, '--employee', '10031']);
  const legacyIds = r.out.split('\n').filter((l) => /plantenkennis/i.test(l)).map((l) => l.match(/urn:uuid:[0-9a-f-]+/)?.[0]).filter(Boolean);
  expect(legacyIds.length > 0, 'HR finds it in the issued credentials', r.out + r.err);
  for (const id of legacyIds) {
    r = run(ISSUER, ['revoke', '--config', issuerConfig, '--credential', id, '--reason', 'Onjuist overgenomen uit het oude paspoort']);
    expect(r.code === 0, `revoked with a reason: ${id}`, r.err);
  }
  r = await api(verifierUrl, '/api/requests', { method: 'POST', token: apiToken, json: { skills: [`${issuerUrl}/skills/plantenkennis`] } });
  const second = r.json;
  r = await wallet('/api/presentation-requests', { method: 'POST', json: { request: second.link } });
  expect(r.status === 201 && r.json.satisfiable, 'the wallet offers it when asked (it has not seen the revocation yet)', r.text);
  r = await wallet(`/api/presentation-requests/${r.json.id}/share`, { method: 'POST', json: {} });
  expect(r.status === 200, 'and shares it with his consent', r.text);
  r = await api(verifierUrl, `/api/requests/${second.id}`, { token: second.result_token });
  expect(r.json?.verdict === 'rejected' && r.json.reports?.[0]?.checks?.some((c) => c.name === 'status' && c.result === 'failed'),
    'the verifier rejects it: revoked in the issuer\'s status list', r.text);
  console.log(`      ${r.json.reports[0].summary.nl}`);

  console.log(`\n${bold(`All ${checks} steps checked.`)}`);
  if (args['keep-running']) {
    console.log(`
${bold('Open')}
  Issuer (Gemeente Voorbeeld): ${issuerUrl}/login            (English: ${issuerUrl}/login?lang=en)
    Mohamed Yilmaz, medewerker buitendienst:  mohamed.yilmaz@gemeente-voorbeeld.nl
    Jeroen Hendriks, teamleider:              jeroen.hendriks@gemeente-voorbeeld.nl
    Hans Koster, HR:                          hans.koster@gemeente-voorbeeld.nl
    Marieke van den Berg, beheerder:          marieke.vandenberg@gemeente-voorbeeld.nl
    password for all four:                    ${PASSWORD}
  Verifier (Gemeente Elders):  ${verifierUrl}/            (ask for a skill, scan with a wallet, see the result)
    JSON API: POST /api/requests (Authorization: Bearer ${apiToken}), POST /credentials/verify
  Wallet (Mohamed's):          ${walletUrl}/            (English: ${walletUrl}/?lang=en)
    user name: mohamed    passphrase: ${MOHAMED_PASSPHRASE}
  Files and logs: ${work}
Ctrl-C stops the services.`);
    await new Promise((resolveStop) => {
      process.on('SIGINT', resolveStop);
      process.on('SIGTERM', resolveStop);
    });
  }
} catch (e) {
  console.log(`\n${e?.stack ?? e}`);
  console.log(`(logs in ${work})`);
  exitCode = 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  if (!args.work && exitCode === 0 && !args['keep-running']) rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
