// The verifier's web pages in a real browser: playwright-core drives Debian's chromium at 360×740
// (tests/browser/harness.mjs) against a real `vaardig-verifier serve` whose trust list names a real
// `vaardig-issuer serve`; the employee's wallet is `vaardig-wallet` (command line):
//   1. HR issues Mohamed a skill (`vaardig-issuer issue`), his wallet collects it;
//   2. the other employer opens the verifier's page, picks the skill and "zelfstandig", leaves
//      "name" unticked, and creates the request: the page shows the QR code and waits;
//   3. the wallet answers from the page's own "Open in wallet" link (`respond --yes`);
//   4. the page updates by itself (its script polls) and says "Geldig", the level in words,
//      "bevestigd door de werkgever (groen)", every check — and no name; in English too.
// axe-core on every page (serious or critical fail), no sideways scrolling, no console errors.
//
// Usage: node verifier_flow.mjs --issuer EXE --wallet EXE --verifier EXE --screenshots DIR [--chromium EXE]
// Exit: 0 passed, 1 a check failed, 77 skipped (node_modules or chromium absent).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPhone, pageChecker } from './harness.mjs';

const SKIP = 77;
const { values: args } = parseArgs({
  options: {
    issuer: { type: 'string' }, wallet: { type: 'string' }, verifier: { type: 'string' },
    screenshots: { type: 'string' }, chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
if (!args.issuer || !args.wallet || !args.verifier || !args.screenshots) {
  console.error('usage: node verifier_flow.mjs --issuer EXE --wallet EXE --verifier EXE --screenshots DIR [--chromium EXE]');
  process.exit(2);
}
let chromium, AxeBuilder;
try {
  ({ chromium } = await import('playwright-core'));
  ({ default: AxeBuilder } = await import('@axe-core/playwright'));
} catch (e) {
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    console.log('SKIPPED: playwright-core is not installed; run `npm ci` in tests/browser (scripts/test does)');
    process.exit(SKIP);
  }
  throw e;
}
if (!existsSync(args.chromium)) {
  console.log(`SKIPPED: ${args.chromium} not found; scripts/setup installs Debian's chromium`);
  process.exit(SKIP);
}

const example = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'gemeente-voorbeeld');
let failures = 0;
let passed = 0;
function check(ok, what, detail = '') {
  if (ok) passed++; else failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${String(detail).slice(0, 2000)}` : ''}`);
  return ok;
}
class StepFailed extends Error {}
const must = (ok, what, detail) => { if (!check(ok, what, detail)) throw new StepFailed(what); };
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
function serve(exe, config) {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ['serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let log = '';
    const timer = setTimeout(() => reject(new Error(`${exe} did not start: ${log}`)), 30_000);
    child.stdout.on('data', (d) => {
      log += d;
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.stderr.on('data', (d) => { log += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${exe} exited ${code}: ${log.slice(-2000)}`)); });
  });
}

const work = mkdtempSync(join(tmpdir(), 'vaardig-browser-verifier-'));
let browser = null;
try {
  // ---- The issuer and the collected credential -------------------------------------------------------
  const issuerPort = await freePort();
  const issuerUrl = `http://127.0.0.1:${issuerPort}`;
  const issuerConfig = join(work, 'issuer.toml');
  writeFileSync(issuerConfig, ['[organisation]', 'name = "Gemeente Voorbeeld"', '[server]', `port = ${issuerPort}`,
    `public_url = "${issuerUrl}"`, 'threads = 2', '[database]', 'path = "issuer.db"', '[keys]', 'kek_file = "issuer.kek"',
    '[sessions]', 'secure_cookies = false', ''].join('\n'));
  must(run(args.issuer, ['keys', 'kek', 'generate', '--out', join(work, 'issuer.kek')]).code === 0, 'issuer: key-encryption key');
  must(run(args.issuer, ['init', '--config', issuerConfig, '--admin-number', '10001', '--admin-name', 'Marieke van den Berg',
    '--admin-email', 'marieke.vandenberg@gemeente-voorbeeld.nl'], { input: 'Beheer-wachtwoord-2026!\n' }).code === 0, 'issuer: init');
  must(run(args.issuer, ['import-people', '--config', issuerConfig, join(example, 'people.csv')]).code === 0, 'issuer: people');
  must(run(args.issuer, ['import-skills', '--config', issuerConfig, '--vaardig', join(example, 'catalogue.csv'),
    '--roadmaps', join(example, 'roadmaps.json')]).code === 0, 'issuer: catalogue');
  await serve(args.issuer, issuerConfig);
  let r = run(args.issuer, ['issue', '--config', issuerConfig, '--employee', '10031', '--skill',
    'snoeien-en-onderhouden-van-beplanting', '--level', '2', '--confirmed-by', '10030']);
  const offer = r.out.match(/openid-credential-offer:\/\/\S+/)?.[0];
  const pin = r.out.match(/^(?:PIN:\s*)?(\d{6})\s*$/m)?.[1];
  must(r.code === 0 && offer && pin, 'issuer: HR issues the skill', r.err);
  const walletEnv = { VAARDIG_WALLET_HOME: join(work, 'wallet'), VAARDIG_WALLET_PASSPHRASE: 'mohamed-zijn-wachtwoord-2026' };
  must(run(args.wallet, ['init'], { env: walletEnv }).code === 0, 'wallet: init');
  r = run(args.wallet, ['receive', offer, '--pin', pin, '--allow-http-loopback'], { env: walletEnv });
  must(r.code === 0, 'wallet: the credential is collected', r.out + r.err);

  // ---- The verifier of Gemeente Elders ----------------------------------------------------------------
  const vct = `${issuerUrl}/vct/skill/v1`;
  must(run(args.verifier, ['trust', 'init', '--key', join(work, 'operator.jwk'), '--out', join(work, 'trust.jws')]).code === 0, 'verifier: trust init');
  must(run(args.verifier, ['trust', 'add', '--list', join(work, 'trust.jws'), '--key', join(work, 'operator.jwk'), '--issuer', issuerUrl,
    '--name', 'Gemeente Voorbeeld', '--type', vct]).code === 0, 'verifier: trust add');
  const verifierConfig = join(work, 'verifier.toml');
  writeFileSync(verifierConfig, ['[server]', 'port = 0', '[trust]', 'list = "trust.jws"', 'key = "operator.jwk"',
    '[request]', 'key = "request.jwk"', 'name = "Gemeente Elders"', `vct_values = ["${vct}"]`, 'pages = true',
    `skills = ["${issuerUrl}/skills/snoeien-en-onderhouden-van-beplanting|Snoeien en onderhouden van beplanting", "${issuerUrl}/skills/plantenkennis|Plantenkennis"]`,
    '[fetch]', 'allow_http_loopback = true', ''].join('\n'));
  const verifierUrl = await serve(args.verifier, verifierConfig);

  // ---- The employer's pages ---------------------------------------------------------------------------
  const phone = await openPhone(chromium, args.chromium);
  browser = phone.browser;
  const { page } = phone;
  const checkPage = pageChecker({ AxeBuilder, screenshots: args.screenshots, check, consoleErrors: phone.consoleErrors });
  await page.goto(`${verifierUrl}/`);
  must(await page.getByRole('heading', { name: 'Vaardigheden controleren' }).isVisible(), 'the ask page opens in Dutch');
  await checkPage(page, 'verifier-ask');
  await page.getByLabel('Snoeien en onderhouden van beplanting').check();
  await page.getByLabel('2 · zelfstandig').check();
  must(!(await page.getByLabel('Ik wil ook de naam zien').isChecked()), 'no name is asked for unless ticked');
  await Promise.all([page.waitForURL('**/requests/**'), page.getByRole('button', { name: 'Vraag aanmaken' }).click()]);
  must(await page.getByRole('heading', { name: 'Laat de medewerker scannen' }).isVisible(), 'the request page shows the QR code and waits');
  must(await page.locator('.qr svg').count() === 1, 'a QR code is on the page');
  await checkPage(page, 'verifier-waiting');
  const link = await page.getByRole('link', { name: 'Open in wallet' }).getAttribute('href');
  must(link?.startsWith('openid4vp://'), 'the same-phone button carries the openid4vp:// link', link);

  // The wallet answers; the page updates by itself.
  r = run(args.wallet, ['respond', link, '--allow-http-loopback', '--yes'], { env: walletEnv });
  must(r.code === 0, 'the wallet answers the page\'s request', r.out + r.err);
  await page.getByRole('heading', { name: 'Geldig' }).waitFor({ timeout: 15_000 });
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  check(/2 · zelfstandig/.test(text) && /bevestigd door de werkgever \(groen\)/.test(text) && /Echt van deze persoon in orde/.test(text),
    'the result says: level 2 (zelfstandig), confirmed by the employer, really theirs', text);
  check(!/Mohamed|Yilmaz/.test(text), 'no name is shown (none was asked for)', text);
  await checkPage(page, 'verifier-result');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Valid' }).waitFor();
  check(/Really theirs/.test(await page.locator('main').innerText()), 'the result in English');
  await checkPage(page, 'verifier-result-en');
} catch (e) {
  if (!(e instanceof StepFailed)) check(false, 'the walk went on without an unexpected error', e?.stack ?? String(e));
} finally {
  if (browser) await browser.close();
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
