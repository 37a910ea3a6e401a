// The issuer's web pages in a real browser: playwright-core (pinned in package-lock.json) drives
// Debian's chromium (/usr/bin/chromium; no browser is ever downloaded) at 360×740, a phone held
// upright, against a real `vaardig-issuer serve` on 127.0.0.1 with a fresh database:
//   1. the outdoor worker (10031, Buitendienst groen) logs in, records "Snoeien en onderhouden van
//      beplanting" at "zelfstandig", adds a photo and asks their manager for confirmation; logs out;
//   2. the manager (10030) logs in, opens the queue and the request, sees the photo, confirms at
//      "zelfstandig" with a comment; logs out;
//   3. the worker sees the skill green ("bevestigd") with the manager's comment;
//   4. the worker collects it: "Ophalen in je wallet" shows the QR code (decoded with zbarimg when
//      installed: it must carry the same openid-credential-offer:// link as the button) and the PIN;
//      a wallet played here in node (OpenID4VCI pre-authorized code + PIN, nonce, ES256 key proof)
//      then fetches the SD-JWT VC; logs out;
//   5. HR (10002) opens "Uitgegeven bewijzen", revokes the credential with a reason through the
//      confirmation step; the worker then sees it "Ingetrokken" on their skills page.
// Every page is found through roles and labels (getByRole, getByLabel), so the walk also checks the
// pages name their controls; every page is checked with axe-core (@axe-core/playwright, pinned), and
// a serious or critical violation fails the test; the page must not scroll sideways at 360 px and
// the browser must report no console error (a CSP violation is one). A screenshot of each page goes
// to --screenshots. The server is stopped with SIGTERM at the end, also on failure.
//
// Usage: node issuer_flow.mjs --issuer <vaardig-issuer> --screenshots <dir>
//          [--chromium /usr/bin/chromium] [--keep]   (--keep: leave the temp dir for inspection)
// Exit: 0 passed, 1 a check failed, 77 skipped (node_modules or chromium absent).
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign as signBytes } from 'node:crypto';
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
    issuer: { type: 'string' },
    screenshots: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    keep: { type: 'boolean', default: false },
  },
});
if (!args.issuer || !args.screenshots) {
  console.error('usage: node issuer_flow.mjs --issuer <exe> --screenshots <dir> [--chromium <exe>] [--keep]');
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

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const example = join(repo, 'examples', 'gemeente-voorbeeld');
const photo = join(repo, 'tests', 'issuer', 'fixtures', 'photo_with_gps.jpg');

const WORKER = { number: '10031', email: 'mohamed.yilmaz@gemeente-voorbeeld.nl', password: 'groenvoorziening in de wijk' };
const MANAGER = { number: '10030', email: 'jeroen.hendriks@gemeente-voorbeeld.nl', password: 'hagen knippen in het voorjaar' };
const HR = { number: '10002', email: 'hans.koster@gemeente-voorbeeld.nl', password: 'personeelszaken op het stadhuis' };
const ADMIN_PASSWORD = 'beheerder van het systeem';
const REVOKE_REASON = 'Per ongeluk uitgegeven: het verkeerde niveau.';
const SKILL = 'Snoeien en onderhouden van beplanting';
const COMMENT = 'Heeft de hagen langs de Dorpsstraat zelfstandig en netjes gesnoeid.';
const STEP_TIMEOUT_MS = 15_000;

// ---- Checks and reporting --------------------------------------------------------------------
let failures = 0;
let checks = 0;
function check(ok, what, detail = '') {
  checks++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail}` : ''}`);
  if (!ok) failures++;
  return ok;
}
// A step that cannot go on when it fails: the walk stops there (the cleanup still runs).
class StepFailed extends Error {}
function must(ok, what, detail = '') {
  if (!check(ok, what, detail)) throw new StepFailed(what);
}

// ---- The issuer: configuration, database, people, then `serve` -------------------------------
const work = mkdtempSync(join(tmpdir(), 'vaardig-browser-'));
const config = join(work, 'issuer.toml');
let server = null;
let serverLog = '';
let browser = null;

function cli(argv, input) {
  const r = spawnSync(args.issuer, argv, { input, encoding: 'utf8', cwd: work });
  if (r.error) throw r.error;
  must(r.status === 0, `vaardig-issuer ${argv[0]}${argv[1] && !argv[1].startsWith('-') ? ` ${argv[1]}` : ''}`,
       `exit ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

// A free loopback port: the configured port is also the public URL's (the login form's Origin
// check compares against it), so the server cannot simply be given port 0.
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startIssuer() {
  const port = await freePort();
  writeFileSync(config, [
    '[organisation]', 'name = "Gemeente Voorbeeld"',
    '[server]', 'bind = "127.0.0.1"', `port = ${port}`, 'threads = 2',
    '[database]', 'path = "issuer.db"',
    '[keys]', 'kek_file = "kek.key"',
    '[sessions]', 'secure_cookies = false',
    '',
  ].join('\n'));
  cli(['keys', 'kek', 'generate', '--out', join(work, 'kek.key')]);
  cli(['init', '--config', config, '--admin-number', '10000', '--admin-name', 'Beheerder',
       '--admin-email', 'beheer@gemeente-voorbeeld.nl'], `${ADMIN_PASSWORD}\n`);
  cli(['import-skills', '--config', config, '--vaardig', join(example, 'catalogue.csv'),
       '--roadmaps', join(example, 'roadmaps.json')]);
  cli(['import-people', '--config', config, join(example, 'people.csv')]);
  for (const person of [WORKER, MANAGER, HR]) {
    const file = join(work, `password-${person.number}.txt`);
    writeFileSync(file, `${person.password}\n`, { mode: 0o600 });
    cli(['set-password', '--config', config, '--employee', person.number, '--password-file', file]);
  }

  server = spawn(args.issuer, ['serve', '--config', config], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.on('data', (d) => { serverLog += d; });
  const baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the issuer did not start within 20 s:\n${out}${serverLog}`)), 20_000);
    server.stdout.on('data', (d) => {
      out += d;
      serverLog += d;
      const m = /vaardig-issuer: listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the issuer exited (${code}):\n${out}${serverLog}`)); });
  });
  must(baseUrl === `http://127.0.0.1:${port}`, `the issuer listens on the configured port ${port}`, baseUrl);
  return baseUrl;
}

async function stopIssuer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  server.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 10_000));
  const result = await Promise.race([exited, timeout]);
  if (!result) {
    check(false, 'the issuer stops on SIGTERM within 10 s');
    server.kill('SIGKILL');
    return;
  }
  check(result.code === 0 && /vaardig-issuer: stopped/.test(serverLog), 'the issuer stops cleanly on SIGTERM',
        `exit ${result.code} signal ${result.signal}`);
}

// ---- Per-page checks (tests/browser/harness.mjs): set once the browser is open -----------------
let checkPage = null;

async function logIn(page, baseUrl, person, who) {
  await page.goto(`${baseUrl}/login`);
  await checkPage(page, `${who}-login`);
  await page.getByLabel('E-mailadres').fill(person.email);
  await page.getByLabel('Wachtwoord').fill(person.password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
    page.getByRole('button', { name: 'Inloggen' }).click(),
  ]);
  await page.waitForLoadState();
  const origin = await response.request().headerValue('origin');
  must(await page.getByRole('button', { name: 'Uitloggen' }).isVisible(), `${who} is logged in`,
       `POST /login answered ${response.status()} (the browser sent Origin: ${origin}); the page says: ` +
       (await page.locator('main').innerText()).replace(/\s+/g, ' '));
  await checkPage(page, `${who}-home`);
}

async function logOut(page, who) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL((url) => url.pathname === '/login' || url.pathname === '/');
  must(await page.getByRole('button', { name: 'Uitloggen' }).count() === 0, `${who} is logged out`, page.url());
}

// ---- The walk ------------------------------------------------------------------------------------
async function workerRecordsAndAsks(page, baseUrl) {
  await logIn(page, baseUrl, WORKER, 'worker');
  await page.getByRole('link', { name: 'Vaardigheid vastleggen' }).first().click();
  await page.waitForURL('**/claims/new**');
  await checkPage(page, 'worker-new-claim');

  // Search without script: the form reloads the page with ?q=.
  await page.getByRole('searchbox', { name: 'Zoek een vaardigheid' }).fill('snoeien');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.waitForURL('**/claims/new?q=snoeien**');
  const skill = page.getByRole('radio', { name: SKILL, exact: true });
  must(await skill.count() >= 1, `the search finds "${SKILL}"`);
  await checkPage(page, 'worker-search');
  await skill.first().check();
  // The level, inside its own fieldset (a skill such as "Zelfstandig werken" may share the word).
  await page.getByRole('group', { name: 'Hoe goed kunt u het?' }).getByRole('radio', { name: /^Zelfstandig/ }).check();
  await page.getByLabel('Toelichting').fill('Hagen langs de Dorpsstraat gesnoeid, voorjaar.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/claims\/\d+/);
  const claimUrl = new URL(page.url());
  claimUrl.search = '';
  must(await page.getByRole('heading', { level: 1, name: SKILL }).isVisible(), 'the claim page shows the skill');
  check(await page.getByText('Zelf opgegeven').first().isVisible(), 'the new claim is blue ("Zelf opgegeven")');
  await checkPage(page, 'worker-claim');

  await page.getByLabel('Of kies een foto of PDF').setInputFiles(photo);
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  await page.waitForURL('**done=evidence**');
  check(await page.getByRole('status').filter({ hasText: 'toegevoegd' }).isVisible(), 'the upload is acknowledged');
  const evidenceLinks = page.getByRole('region', { name: 'Bewijs' }).getByRole('link');
  must(await evidenceLinks.count() === 1, 'the claim lists one piece of evidence');
  await checkPage(page, 'worker-evidence');

  await page.getByLabel('Bericht (niet verplicht)').fill('Wil je dit bevestigen?');
  await page.getByRole('button', { name: 'Vraag om bevestiging' }).click();
  await page.waitForURL('**done=asked**');
  check(await page.getByRole('status').filter({ hasText: 'verstuurd' }).isVisible(), 'the request is acknowledged');
  check(await page.getByText('Wacht op bevestiging').first().isVisible(), 'the claim waits for confirmation');
  await checkPage(page, 'worker-asked');
  await logOut(page, 'worker');
  return claimUrl.toString();
}

async function managerConfirms(page, baseUrl) {
  await logIn(page, baseUrl, MANAGER, 'manager');
  await page.getByRole('link', { name: 'Verzoeken om bevestiging' }).first().click();
  await page.waitForURL('**/queue');
  await checkPage(page, 'manager-queue');
  const request = page.getByRole('link').filter({ hasText: 'Mohamed Yilmaz' }).filter({ hasText: SKILL });
  must(await request.count() === 1, 'the queue lists the worker\'s request');
  await request.click();
  await page.waitForURL(/\/queue\/\d+$/);
  must(await page.getByRole('heading', { level: 1, name: SKILL }).isVisible(), 'the request page shows the skill');

  // The photo is shown, and it really loaded (the sanitized JPEG from /evidence/{id}).
  const img = page.getByRole('img', { name: /^Foto/ });
  must(await img.count() === 1, 'the request shows the photo');
  await img.scrollIntoViewIfNeeded();
  const loaded = await img.evaluate((el) => el.complete && el.naturalWidth > 0);
  check(loaded, 'the photo loads');
  await checkPage(page, 'manager-request');

  const form = page.locator('form[action$="/confirm"]');
  await form.getByRole('radio', { name: 'zelfstandig', exact: true }).check();
  await page.getByLabel('Opmerking (mag leeg blijven)').fill(COMMENT);
  await form.getByRole('button', { name: 'Bevestigen' }).click();
  await page.waitForLoadState();
  check(await page.getByText('bevestigd. De medewerker ziet dit nu.').isVisible(), 'the confirmation is acknowledged',
        await page.locator('main').innerText());
  await checkPage(page, 'manager-confirmed');

  await page.goto(`${baseUrl}/queue`);
  check(await page.getByText('Er wachten geen verzoeken op u.').isVisible(), 'the queue is empty again');
  await logOut(page, 'manager');
}

async function workerSeesGreen(page, baseUrl, claimUrl) {
  await logIn(page, baseUrl, WORKER, 'worker-again');
  await page.goto(`${baseUrl}/claims`);
  const green = page.getByRole('region', { name: 'Bevestigd' });
  must(await green.getByRole('link', { name: SKILL }).isVisible(), 'my skills lists the skill under "Bevestigd"');
  check(await page.getByRole('region', { name: 'Zelf opgegeven' }).getByRole('link', { name: SKILL }).count() === 0,
        'the skill is no longer under "Zelf opgegeven"');
  await checkPage(page, 'worker-green-list');
  await page.goto(claimUrl);
  check(await page.getByText('Deze vaardigheid is bevestigd.').isVisible(), 'the claim says it is confirmed');
  check(await page.getByText(COMMENT).isVisible(), 'the claim shows the manager\'s comment');
  check(await page.getByText('Jeroen Hendriks').first().isVisible(), 'the claim names the manager who confirmed');
  const managerLevel = page.locator('dt', { hasText: 'Niveau volgens leidinggevende' }).locator('xpath=following-sibling::dd[1]');
  check((await managerLevel.innerText()).trim() === 'Zelfstandig', 'the manager\'s level is "Zelfstandig"',
        await managerLevel.innerText().catch(() => '(none)'));
  await checkPage(page, 'worker-green-claim');
}

// The wallet's side of OpenID4VCI 1.0 for the link the page shows: the offer by reference (§4.1.3),
// the token with the pre-authorized code and the PIN (§6.1), a c_nonce (§7), and the credential
// with an ES256 `jwt` key proof (§8.2, Appendix F.1). Returns the credential.
async function walletCollects(link, pin) {
  const query = new URLSearchParams(link.slice(link.indexOf('?') + 1));
  const offerResponse = await fetch(query.get('credential_offer_uri'));
  must(offerResponse.ok, 'the wallet fetches the credential offer', `${offerResponse.status}`);
  const offer = await offerResponse.json();
  const issuer = offer.credential_issuer;
  const grant = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
  const metadata = await (await fetch(`${issuer}/.well-known/openid-credential-issuer`)).json();
  const as = await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json();
  const tokenResponse = await fetch(as.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
      'pre-authorized_code': grant['pre-authorized_code'],
      tx_code: pin,
    }),
  });
  const token = await tokenResponse.json();
  must(tokenResponse.ok && token.access_token, 'the code and the PIN from the page buy an access token',
       `${tokenResponse.status} ${JSON.stringify(token)}`);
  const nonce = await (await fetch(metadata.nonce_endpoint, { method: 'POST' })).json();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const b64 = (x) => Buffer.from(x).toString('base64url');
  const signingInput = `${b64(JSON.stringify({ typ: 'openid4vci-proof+jwt', alg: 'ES256', jwk: publicKey.export({ format: 'jwk' }) }))}` +
    `.${b64(JSON.stringify({ aud: issuer, iat: Math.floor(Date.now() / 1000), nonce: nonce.c_nonce }))}`;
  const signature = signBytes('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const credentialResponse = await fetch(metadata.credential_endpoint, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ credential_configuration_id: 'vaardig_skill_sd_jwt', proofs: { jwt: [`${signingInput}.${b64(signature)}`] } }),
  });
  const issued = await credentialResponse.json();
  must(credentialResponse.ok && issued.credentials?.length === 1, 'the wallet receives the SD-JWT VC',
       `${credentialResponse.status} ${JSON.stringify(issued).slice(0, 300)}`);
  return issued.credentials[0].credential;
}

// zbarimg (Debian zbar-tools) on a screenshot of the QR code; null when zbarimg is not installed.
async function decodeQr(locator, name) {
  const which = spawnSync('sh', ['-c', 'command -v zbarimg'], { encoding: 'utf8' });
  if (which.status !== 0) return null;
  const file = join(args.screenshots, `${name}.png`);
  await locator.screenshot({ path: file });
  const r = spawnSync(which.stdout.trim(), ['--quiet', '--raw', file], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : `(zbarimg exit ${r.status})`;
}

async function workerCollects(page, baseUrl, claimUrl) {
  await page.goto(claimUrl);
  await page.getByRole('button', { name: 'Ophalen in je wallet' }).click();
  await page.waitForURL('**/collect');
  must(await page.getByRole('heading', { level: 1, name: 'Ophalen in je wallet' }).isVisible(), 'the collect page opens');
  const qr = page.getByRole('img', { name: 'QR-code om je bewijs op te halen in je wallet' });
  must(await qr.isVisible(), 'the QR code is visible');
  const box = await qr.boundingBox();
  check(box && box.width >= 200 && box.width <= 360, 'the QR code is large enough to scan and fits the screen',
        JSON.stringify(box));
  const link = await page.getByRole('link', { name: 'Open in de wallet op deze telefoon' }).getAttribute('href');
  must(link?.startsWith('openid-credential-offer://?credential_offer_uri='), 'the same-phone button carries the offer link', link);
  const pin = (await page.locator('#pin').innerText()).trim();
  must(/^\d{6}$/.test(pin) && await page.locator('#pin').isVisible(), 'the PIN is shown: six digits', pin);
  check(await page.getByRole('region', { name: '2. Je pincode' }).getByText('nooit').isVisible(),
        'the PIN comes with "never share it"');
  const decoded = await decodeQr(qr, 'worker-collect-qr');
  if (decoded === null) console.log('skip QR decoding: zbarimg is not installed (Debian zbar-tools)');
  else check(decoded === link, 'the QR code decodes (zbarimg) to the link of the button', decoded);
  await checkPage(page, 'worker-collect');
  await walletCollects(link, pin);
  await logOut(page, 'worker');
}

async function hrRevokes(page, baseUrl) {
  await logIn(page, baseUrl, HR, 'hr');
  await page.getByRole('link', { name: 'Uitgegeven bewijzen' }).first().click();
  await page.waitForURL('**/issued');
  const card = page.getByRole('listitem').filter({ hasText: 'Mohamed Yilmaz' }).filter({ hasText: SKILL });
  must(await card.count() === 1, 'HR sees the worker\'s credential');
  check(await card.getByText('Geldig', { exact: true }).isVisible(), 'the credential is "Geldig"');
  await checkPage(page, 'hr-credentials');
  await card.getByText('Status wijzigen').click();
  await card.getByRole('radio', { name: 'Intrekken (definitief)' }).check();
  await card.getByLabel('Reden (verplicht)').fill(REVOKE_REASON);
  await checkPage(page, 'hr-revoke-form');
  await card.getByRole('button', { name: 'Verder' }).click();
  await page.waitForURL('**/issued/status');
  must(await page.getByRole('heading', { level: 1, name: 'Weet je zeker dat je dit bewijs wilt intrekken?' }).isVisible(),
       'revoking asks for confirmation');
  check(await page.getByText('Intrekken is definitief.', { exact: false }).isVisible(), 'the confirmation says it is final');
  await checkPage(page, 'hr-revoke-confirm');
  await page.getByRole('button', { name: 'Ja, intrekken' }).click();
  await page.waitForURL('**/issued?done=revoke');
  check(await page.getByRole('status').filter({ hasText: 'Het bewijs is ingetrokken.' }).isVisible(), 'the revocation is acknowledged');
  const revoked = page.getByRole('listitem').filter({ hasText: 'Mohamed Yilmaz' });
  check(await revoked.getByText('Ingetrokken', { exact: true }).isVisible(), 'the credential is now "Ingetrokken"');
  check(await revoked.getByText(REVOKE_REASON).isVisible(), 'the list shows the reason');
  await checkPage(page, 'hr-revoked');
  await logOut(page, 'hr');
}

async function workerSeesRevoked(page, baseUrl) {
  await logIn(page, baseUrl, WORKER, 'worker-revoked');
  await page.goto(`${baseUrl}/claims`);
  const wallet = page.getByRole('region', { name: 'Mijn bewijzen in de wallet' });
  check(await wallet.getByText('Ingetrokken', { exact: true }).isVisible(), 'the worker sees the credential "Ingetrokken"');
  await checkPage(page, 'worker-revoked');
}

// ---- Main: the walk, then always the cleanup -----------------------------------------------------
let exitCode = 0;
try {
  const baseUrl = await startIssuer();
  // The pages declare no icon, so chromium asks for /favicon.ico once and gets a 404: tolerated
  // (not a page of the walk); every other error counts.
  const phone = await openPhone(chromium, args.chromium, { timeoutMs: STEP_TIMEOUT_MS });
  browser = phone.browser;
  const { page } = phone;
  checkPage = pageChecker({ AxeBuilder, screenshots: args.screenshots, check, consoleErrors: phone.consoleErrors });
  const claimUrl = await workerRecordsAndAsks(page, baseUrl);
  await managerConfirms(page, baseUrl);
  await workerSeesGreen(page, baseUrl, claimUrl);
  await workerCollects(page, baseUrl, claimUrl);
  await hrRevokes(page, baseUrl);
  await workerSeesRevoked(page, baseUrl);
} catch (e) {
  if (!(e instanceof StepFailed)) check(false, 'the walk ran to the end', e.stack ?? String(e));
  exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopIssuer();
  if (failures > 0) {
    exitCode = 1;
    console.log(`--- issuer log (last 4000 characters) ---\n${serverLog.slice(-4000)}`);
  }
  if (args.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`screenshots in ${args.screenshots}`);
console.log(`${checks - failures} passed, ${failures} failed`);
process.exit(exitCode);
