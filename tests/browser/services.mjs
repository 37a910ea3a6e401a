// The three services of a browser test, started the way examples/gemeente-voorbeeld/flow.mjs does,
// always on 127.0.0.1 and on free ports, in a temporary directory the test owns:
//   issuerWithOffer:     Gemeente Voorbeeld's `vaardig-issuer serve`; Mohamed Yilmaz (10031) records
//                        "Snoeien en onderhouden van beplanting" at level 2 through the JSON API, his
//                        team leader Jeroen Hendriks (10030) confirms it, and Mohamed gets an offer:
//                        the openid-credential-offer:// link and, apart from it, the 6-digit PIN;
//   verifierWithRequest: Gemeente Elders' `vaardig-verifier serve` (trust list naming the issuer,
//                        a bearer token for its API, its pages on — /check takes share links, which
//                        it fetches from the wallet over plain http on loopback) and one request for
//                        that skill at level ≥ 2, no name: the openid4vp:// link, its id and the
//                        token to read the result;
//   startWallet:         a hosted `vaardig-wallet serve` (open registration, kdf "minimum" — tests
//                        only — and plain http to loopback issuers and verifiers).
// `must(ok, what, detail)` is the test's own: it reports the step and throws when it failed.
// Every process started here is stopped (SIGTERM, then SIGKILL after 10 s) by stopAll().
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const example = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'gemeente-voorbeeld');

export const SKILL_ID = 'snoeien-en-onderhouden-van-beplanting';
export const SKILL_NAME = 'Snoeien en onderhouden van beplanting';
const ISSUER_PASSWORD = 'Voorbeeld-test-2026!';

// A free loopback port: the configured port is also the public URL's (the sign-in forms compare
// the browser's Origin against it), so a server cannot simply be given port 0.
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export function run(exe, argv, { env = {}, input = '', cwd } = {}) {
  const r = spawnSync(exe, argv, { input, cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Only ever loopback.
function local(url) {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`refusing to leave loopback: ${url}`);
  return url;
}

export async function api(base, path, { method = 'GET', token, json } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(json); }
  const res = await fetch(local(`${base}${path}`), { method, headers, body });
  const text = await res.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json: parsed, text, headers: res.headers };
}

// `serve` children and their logs; stopAll() ends them.
export class Services {
  constructor() { this.children = []; }

  // Starts `exe serve --config config`; resolves with the URL it prints once listening.
  serve(exe, config, name) {
    return new Promise((resolve, reject) => {
      const child = spawn(exe, ['serve', '--config', config], { cwd: dirname(config), stdio: ['ignore', 'pipe', 'pipe'] });
      const entry = { name, child, log: '' };
      this.children.push(entry);
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${entry.log.slice(-2000)}`)), 30_000);
      child.stdout.on('data', (d) => {
        entry.log += d;
        const m = entry.log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      child.stderr.on('data', (d) => { entry.log += d; });
      child.on('error', (e) => { clearTimeout(timer); reject(e); });
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited ${code}:\n${entry.log.slice(-2000)}`)); });
    });
  }

  logs(max = 3000) {
    return this.children.map((c) => `--- ${c.name} log (last ${max} characters) ---\n${c.log.slice(-max)}`).join('\n');
  }

  // SIGTERM to each, waiting for it to exit (SIGKILL after 10 s), so the temp dir can go.
  async stopAll() {
    await Promise.all(this.children.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }));
  }
}

async function issuerLogin(issuerUrl, email, must) {
  const r = await api(issuerUrl, '/api/session', { method: 'POST', json: { email, password: ISSUER_PASSWORD } });
  const token = (r.headers.get('set-cookie') ?? '').match(/vaardig_session=([^;]+)/)?.[1];
  must(r.status === 200 && Boolean(token), `issuer: ${email} signs in`, r.text);
  return token;
}

// → { url, offer: { link, tx_code } }
export async function issuerWithOffer({ exe, work, services, must }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(work, 'issuer.toml');
  writeFileSync(config, ['[organisation]', 'name = "Gemeente Voorbeeld"', 'id = "https://www.gemeente-voorbeeld.nl"',
    '[server]', 'bind = "127.0.0.1"', `port = ${port}`, `public_url = "${url}"`, 'threads = 2',
    '[database]', 'path = "issuer.db"', '[keys]', 'kek_file = "issuer.kek"',
    '[sessions]', 'secure_cookies = false', ''].join('\n'));
  let r = run(exe, ['keys', 'kek', 'generate', '--out', join(work, 'issuer.kek')]);
  must(r.code === 0, 'issuer: key-encryption key', r.err);
  r = run(exe, ['init', '--config', config, '--admin-number', '10001', '--admin-name', 'Marieke van den Berg',
    '--admin-email', 'marieke.vandenberg@gemeente-voorbeeld.nl'], { input: `${ISSUER_PASSWORD}\n` });
  must(r.code === 0, 'issuer: init', r.err);
  r = run(exe, ['import-people', '--config', config, join(example, 'people.csv')]);
  must(r.code === 0, 'issuer: people', r.err);
  r = run(exe, ['import-skills', '--config', config, '--vaardig', join(example, 'catalogue.csv'),
    '--roadmaps', join(example, 'roadmaps.json')]);
  must(r.code === 0, 'issuer: catalogue', r.err);
  for (const who of ['10031', '10030']) {
    r = run(exe, ['set-password', '--config', config, '--employee', who], { input: `${ISSUER_PASSWORD}\n` });
    must(r.code === 0, `issuer: a password for ${who}`, r.err);
  }
  const listening = await services.serve(exe, config, 'vaardig-issuer');
  must(listening === url, `issuer: listens on the configured port ${port}`, listening);

  const mohamed = await issuerLogin(url, 'mohamed.yilmaz@gemeente-voorbeeld.nl', must);
  r = await api(url, '/api/claims', { method: 'POST', token: mohamed,
    json: { skill_id: SKILL_ID, self_level: 2, note: 'Hagen en heesters langs de Dorpsstraat.', frequency: 'weekly' } });
  must(r.status === 201, 'issuer: Mohamed records the skill at level 2', r.text);
  const claimId = r.json.id;
  r = await api(url, `/api/claims/${claimId}/confirmation-requests`, { method: 'POST', token: mohamed,
    json: { message: 'Wil je dit bevestigen?' } });
  must(r.status === 201, 'issuer: and asks his team leader to confirm it', r.text);
  const jeroen = await issuerLogin(url, 'jeroen.hendriks@gemeente-voorbeeld.nl', must);
  r = await api(url, '/api/queue', { token: jeroen });
  const request = r.json?.requests?.find((q) => q.claim_id === claimId);
  must(r.status === 200 && Boolean(request), 'issuer: the request is in Jeroen\'s queue', r.text);
  r = await api(url, `/api/confirmation-requests/${request.request_id}/confirm`, { method: 'POST', token: jeroen,
    json: { level: 2, comment: 'Netjes en veilig gewerkt.' } });
  must(r.status === 200, 'issuer: Jeroen confirms it at level 2', r.text);
  r = await api(url, `/api/claims/${claimId}/offer`, { method: 'POST', token: mohamed });
  must(r.status === 201 && r.json?.link?.startsWith('openid-credential-offer://') && /^\d{6}$/.test(r.json?.tx_code ?? ''),
    'issuer: an offer (link + 6-digit PIN)', r.text);
  return { url, offer: { link: r.json.link, tx_code: r.json.tx_code } };
}

// → { url, request: { id, link, result_token } }
export async function verifierWithRequest({ exe, work, services, must, issuerUrl }) {
  const vct = `${issuerUrl}/vct/skill/v1`;
  let r = run(exe, ['trust', 'init', '--key', join(work, 'operator.jwk'), '--out', join(work, 'trust.jws')]);
  must(r.code === 0, 'verifier: trust init', r.err);
  r = run(exe, ['trust', 'add', '--list', join(work, 'trust.jws'), '--key', join(work, 'operator.jwk'), '--issuer', issuerUrl,
    '--name', 'Gemeente Voorbeeld', '--type', vct, '--type', 'OpenBadgeCredential']);
  must(r.code === 0, 'verifier: trust add (Gemeente Voorbeeld)', r.err);
  r = run(exe, ['request-token', 'create', '--name', 'personeelszaken']);
  const apiToken = r.out.match(/shown only now\): (\S+)/)?.[1];
  const tokenLine = r.out.match(/api_tokens_sha256 = \[.*\]/)?.[0];
  must(r.code === 0 && apiToken && tokenLine, 'verifier: a bearer token for its API', r.out + r.err);
  const port = await freePort();
  const config = join(work, 'verifier.toml');
  writeFileSync(config, ['[server]', 'bind = "127.0.0.1"', `port = ${port}`, '[trust]', 'list = "trust.jws"', 'key = "operator.jwk"',
    '[request]', 'key = "request.jwk"', 'name = "Gemeente Elders"', `vct_values = ["${vct}"]`, tokenLine,
    'pages = true   # the employer\'s pages, /check (share links) among them',
    // Online (no fetch.offline): /check fetches the wallet's share link, over plain http on loopback.
    '[fetch]', 'allow_http_loopback = true', '[status]', 'max_cache_seconds = 0', ''].join('\n'));
  const url = await services.serve(exe, config, 'vaardig-verifier');
  r = await api(url, '/api/requests', { method: 'POST', token: apiToken,
    json: { skills: [`${issuerUrl}/skills/${SKILL_ID}`], min_level: 2 } });
  must(r.status === 201 && r.json?.link?.startsWith('openid4vp://') && r.json?.id && r.json?.result_token,
    'verifier: a request for the skill at level ≥ 2 (openid4vp:// link)', r.text);
  return { url, request: { id: r.json.id, link: r.json.link, result_token: r.json.result_token } };
}

// → the wallet's URL (also its public_url, so the sign-in forms' Origin check is live).
export async function startWallet({ exe, work, services, must }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(work, 'wallet.toml');
  writeFileSync(config, ['[server]', 'bind = "127.0.0.1"', `port = ${port}`, `public_url = "${url}"`, 'threads = 2',
    '[database]', 'path = "wallet/wallet.db"', '[vault]', 'handle_key_file = "wallet/handle.key"',
    'kdf = "minimum"   # tests only: fast unlocks', 'registration = "open"',
    '[fetch]', 'allow_http_loopback = true', ''].join('\n'));
  const listening = await services.serve(exe, config, 'vaardig-wallet');
  must(listening === url, `wallet: listens on the configured port ${port}`, listening);
  return url;
}
