// The whole Gemeente Voorbeeld flow through the three real programs, on loopback, with nothing but
// their own interfaces (Node's built-in fetch and the command lines; no npm packages):
//   issuer   `vaardig-issuer serve` with the example organisation and catalogue; HR issues Mohamed
//            Yilmaz's "snoeien en onderhouden van beplanting" at level 2 (zelfstandig), confirmed
//            by his team leader Jeroen Hendriks (`vaardig-issuer issue`: link + PIN);
//   wallet   `vaardig-wallet init`, `receive LINK --pin` (OpenID4VCI: SD-JWT VC and Open Badge);
//   verifier `vaardig-verifier serve` of another employer whose signed trust list names the issuer;
//            it asks (POST /api/requests) for that skill at level ≥ 2, skills first;
//   wallet   `respond LINK` shows who asks and what, sends nothing; `respond LINK --yes` shares;
//   verifier the outcome: valid, level 2, confirmed by a manager of Gemeente Voorbeeld, no name;
//   wallet   `shares` logs who received what;
//   issuer   HR revokes the credential; a new request answered with it is rejected (status).
// Plain http on 127.0.0.1 (each program's loopback-only switch); every port is free and chosen
// by the kernel. Usage: node cli_flow.mjs --issuer EXE --wallet EXE --verifier EXE
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { issuer: { type: 'string' }, wallet: { type: 'string' }, verifier: { type: 'string' } },
});
if (!args.issuer || !args.wallet || !args.verifier) {
  console.error('usage: node cli_flow.mjs --issuer EXE --wallet EXE --verifier EXE');
  process.exit(2);
}
const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'gemeente-voorbeeld');

let failures = 0;
let passed = 0;
function check(condition, what, detail = '') {
  if (condition) { passed++; console.log(`ok   ${what}`); } else { failures++; console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`); }
}
const run = (exe, argv, { env = {}, input = '' } = {}) => {
  const r = spawnSync(exe, argv, { input, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.on('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const children = [];
function serve(exe, config, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ['serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let log = '';
    const timer = setTimeout(() => reject(new Error(`${exe} did not start: ${log.slice(-2000)}`)), 30_000);
    child.stdout.on('data', (d) => {
      log += d;
      const m = log.match(pattern);
      if (m) { clearTimeout(timer); resolve(m[1] ?? m[0]); }
    });
    child.stderr.on('data', (d) => { log += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${exe} exited ${code}: ${log.slice(-2000)}`)); });
  });
}
const loopbackOnly = (url) => {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`not loopback: ${url}`);
  return url;
};
setTimeout(() => { console.log('FAIL watchdog: over 300 s'); process.exit(1); }, 300_000).unref();

const dir = mkdtempSync(join(tmpdir(), 'vaardig-flow-'));
try {
  // ---- issuer ------------------------------------------------------------------------------------
  const issuerPort = await freePort();
  const issuerUrl = `http://127.0.0.1:${issuerPort}`;
  const issuerConfig = join(dir, 'issuer.toml');
  writeFileSync(issuerConfig, ['[organisation]', 'name = "Gemeente Voorbeeld"', 'id = "https://www.gemeente-voorbeeld.nl"',
    '[server]', `port = ${issuerPort}`, `public_url = "${issuerUrl}"`, 'threads = 2', '[database]', 'path = "issuer.db"',
    '[keys]', 'kek_file = "issuer.kek"', '[sessions]', 'secure_cookies = false', ''].join('\n'));
  let r = run(args.issuer, ['keys', 'kek', 'generate', '--out', join(dir, 'issuer.kek')]);
  check(r.code === 0, 'issuer: keys kek generate', r.err);
  r = run(args.issuer, ['init', '--config', issuerConfig, '--admin-number', '10001', '--admin-name', 'Marieke van den Berg',
    '--admin-email', 'marieke.vandenberg@gemeente-voorbeeld.nl'], { input: 'Demo-wachtwoord-2026!\n' });
  check(r.code === 0, 'issuer: init', r.err);
  r = run(args.issuer, ['import-people', '--config', issuerConfig, join(examples, 'people.csv')]);
  check(r.code === 0, 'issuer: import-people (the example organisation)', r.err);
  r = run(args.issuer, ['import-skills', '--config', issuerConfig, '--vaardig', join(examples, 'catalogue.csv'),
    '--roadmaps', join(examples, 'roadmaps.json')]);
  check(r.code === 0, 'issuer: import-skills (the example catalogue and Roadmaps)', r.err);
  await serve(args.issuer, issuerConfig, /listening on (\S+)/);
  r = run(args.issuer, ['issue', '--config', issuerConfig, '--employee', '10031', '--skill', 'snoeien-en-onderhouden-van-beplanting',
    '--level', '2', '--confirmed-by', '10030']);
  const offer = r.out.match(/openid-credential-offer:\/\/\S+/)?.[0];
  const pin = r.out.match(/^(?:PIN:\s*)?(\d{6})\s*$/m)?.[1];
  check(r.code === 0 && Boolean(offer) && Boolean(pin), 'issuer: HR issues the skill (offer link and PIN)', r.err);

  // ---- wallet: collect ------------------------------------------------------------------------------
  const walletEnv = { VAARDIG_WALLET_PASSPHRASE: 'mohamed-zijn-wachtwoord-2026', VAARDIG_WALLET_HOME: join(dir, 'wallet') };
  const wallet = (...argv) => run(args.wallet, argv, { env: walletEnv });
  r = wallet('init');
  check(r.code === 0 && /Recovery code/.test(r.out), 'wallet: init', r.err);
  r = wallet('receive', offer, '--pin', pin, '--allow-http-loopback');
  check(r.code === 0 && (r.out.match(/^received: /gm) ?? []).length === 2 && !/status (revoked|unchecked)/.test(r.out),
    'wallet: receive collects and verifies both formats (SD-JWT VC and Open Badge)', r.out + r.err);
  r = wallet('list', '--json');
  const held = JSON.parse(r.out || '[]');
  const sdjwt = held.find((c) => c.format === 'dc+sd-jwt');
  check(Boolean(sdjwt), 'wallet: list shows the SD-JWT VC', r.out);

  // ---- verifier of another employer --------------------------------------------------------------
  const vct = `${issuerUrl}/vct/skill/v1`;
  r = run(args.verifier, ['trust', 'init', '--key', join(dir, 'operator.jwk'), '--out', join(dir, 'trust.jws')]);
  check(r.code === 0, 'verifier: trust init', r.err);
  r = run(args.verifier, ['trust', 'add', '--list', join(dir, 'trust.jws'), '--key', join(dir, 'operator.jwk'),
    '--issuer', issuerUrl, '--name', 'Gemeente Voorbeeld', '--type', vct]);
  check(r.code === 0, 'verifier: trust add Gemeente Voorbeeld for its skill credentials', r.err);
  const verifierConfig = join(dir, 'verifier.toml');
  writeFileSync(verifierConfig, ['[server]', 'port = 0', '[trust]', 'list = "trust.jws"', 'key = "operator.jwk"',
    '[request]', 'key = "request.jwk"', `vct_values = ["${vct}"]`, '[fetch]', 'allow_http_loopback = true',
    '[status]', 'max_cache_seconds = 0', ''].join('\n'));  // see a revocation at once
  const verifierUrl = await serve(args.verifier, verifierConfig, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const ask = async () => (await fetch(loopbackOnly(`${verifierUrl}/api/requests`), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ min_level: 2 }),
  })).json();
  const outcome = async (c) => (await fetch(loopbackOnly(`${verifierUrl}/api/requests/${c.id}`), {
    headers: { authorization: `Bearer ${c.result_token}` },
  })).json();

  // ---- share, skills first ---------------------------------------------------------------------------
  let request = await ask();
  check(request.link?.startsWith('openid4vp://'), 'verifier: asks for the skill at level ≥ 2 (openid4vp:// link)', JSON.stringify(request));
  r = wallet('respond', request.link, '--allow-http-loopback');
  check(r.code === 0 && /Nothing was sent/.test(r.out) && /\[no name\]/.test(r.out) && /skill\.level/.test(r.out),
    'wallet: respond shows who asks and what would be shown (no name), and sends nothing without --yes', r.out + r.err);
  check((await outcome(request)).state === 'pending', 'verifier: still pending before consent');
  r = wallet('respond', request.link, '--allow-http-loopback', '--yes');
  check(r.code === 0 && /Shared with/.test(r.out), 'wallet: respond --yes shares', r.out + r.err);
  let result = await outcome(request);
  const shown = result.reports?.[0]?.shown ?? {};
  check(result.state === 'answered' && result.verdict === 'valid' && shown.level === 2 && shown.confirmed === true &&
        shown.confirmed_by_role === 'manager' && shown.organisation === 'Gemeente Voorbeeld' && shown.holder_name === undefined,
    'verifier: valid — level 2 (zelfstandig), confirmed by a manager of Gemeente Voorbeeld, no name',
    JSON.stringify(result).slice(0, 2000));
  r = wallet('shares', '--json');
  const shares = JSON.parse(r.out || '[]');
  check(r.code === 0 && shares.length === 1 && shares[0].credentials?.[0]?.shown?.includes('skill.level'),
    'wallet: the share log says who received which claims', r.out);
  r = wallet('respond', request.link, '--allow-http-loopback', '--yes');
  check(r.code === 1, 'wallet: the same request cannot be answered twice', r.out + r.err);

  // ---- revocation ------------------------------------------------------------------------------------
  r = run(args.issuer, ['credentials', 'list', '--config', issuerConfig, '--employee', '10031']);
  const credentialId = r.out.match(/urn:uuid:[0-9a-f-]+/g)?.find(Boolean);
  const ids = r.out.match(/urn:uuid:[0-9a-f-]+/g) ?? [];
  for (const id of ids) {
    const rv = run(args.issuer, ['revoke', '--config', issuerConfig, '--credential', id, '--reason', 'Demo: ingetrokken']);
    check(rv.code === 0, `issuer: HR revokes ${id.slice(0, 18)}…`, rv.err);
  }
  check(Boolean(credentialId), 'issuer: credentials list names the issued credentials', r.out + r.err);
  request = await ask();
  r = wallet('respond', request.link, '--allow-http-loopback', '--yes');
  check(r.code === 0, 'wallet: shares again (it has not checked the status since it collected)', r.out + r.err);
  result = await outcome(request);
  check(result.verdict === 'rejected' && result.reports?.[0]?.checks?.some((c) => c.name === 'status' && c.result === 'failed'),
    'verifier: the revoked credential is rejected (status)', JSON.stringify(result).slice(0, 1500));
} catch (e) {
  failures++;
  console.log(`FAIL ${e?.stack ?? e}`);
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
