// The Gemeente Voorbeeld scenario (issue 9), the whole of it through the web pages of all three
// services in a real browser: playwright-core drives Debian's chromium (never a downloaded browser)
// against a real `vaardig-issuer serve` (Gemeente Voorbeeld), `vaardig-wallet serve` (the hosted
// wallet) and `vaardig-verifier serve` (Gemeente Elders), all on 127.0.0.1:
//   1. Mohamed Yilmaz (10031, buitendienst groen) signs in on the issuer's pages, records
//      "Snoeien en onderhouden van beplanting" at "zelfstandig", adds a photo and asks his
//      manager to confirm it;
//   2. Jeroen Hendriks (10030), on his own device, opens the request, sees the photo and confirms
//      it at level 2 "zelfstandig";
//   3. Mohamed sees it confirmed; "Ophalen in je wallet" shows the QR code, the offer link and
//      the PIN — the test reads the link and the PIN off that page;
//   4. on the wallet's pages he makes a wallet, pastes the link and the PIN into "Ontvangen": the
//      skill arrives, valid, and is green at level 2 on his home page;
//   5. Gemeente Elders, on the verifier's pages, asks for that skill at level ≥ 2 without the
//      name: the page shows a QR code and an "Open in wallet" link, and waits;
//   6. Mohamed pastes that link (the button's href) into the wallet's "Delen": the consent page
//      says who asks and what would be shown, without his name; the verifier's page still waits;
//      "Delen" → "Gedeeld", and the wallet's share log lists it;
//   7. the verifier's page, loaded again, says in plain language: "Geldig", the skill first,
//      level 2 · zelfstandig, confirmed by the employer, every check passed — and no name.
// The walk runs twice, each time with fresh services (a fresh temporary directory, fresh
// databases): at 360×740 (a phone held upright, touch) and at 1280×800 (a desktop). Each person
// has a browser context of their own (their own cookies, as on their own device): Mohamed (issuer
// and wallet pages), Jeroen (issuer pages), Gemeente Elders (verifier pages).
// On every page: axe-core (a serious or critical violation fails), no sideways scrolling beyond
// the viewport's width, no console errors (CSP violations and 4xx/5xx answers included), and a
// full-page screenshot, under <screenshots>/phone/ and <screenshots>/desktop/.
//
// What is not done through a page, and why (no page exists for it):
//   - the issuer's organisation, catalogue, people and the two passwords: `vaardig-issuer init`,
//     `import-people`, `import-skills`, `set-password` (command line only; there is no sign-up);
//   - the verifier's trust list naming Gemeente Voorbeeld: `vaardig-verifier trust init/add`
//     (command line only), and its configuration (pages on, the skills its ask page offers);
//   - the three services' configuration files and keys (`keys kek generate`).
// Everything else — including the wallet account (its /register page) — goes through the pages;
// no JSON API is called.
//
// Usage: node gemeente_voorbeeld_flow.mjs --issuer EXE --wallet EXE --verifier EXE --screenshots DIR
//          [--chromium /usr/bin/chromium] [--only phone|desktop] [--keep]   (--keep: leave the temp dir)
// Exit: 0 passed, 1 a check failed, 77 skipped (node_modules or chromium absent).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openContext, pageChecker } from './harness.mjs';
import { SKILL_ID, SKILL_NAME, Services, freePort, run } from './services.mjs';

const SKIP = 77;
const { values: args } = parseArgs({
  options: {
    issuer: { type: 'string' }, wallet: { type: 'string' }, verifier: { type: 'string' },
    screenshots: { type: 'string' }, chromium: { type: 'string', default: '/usr/bin/chromium' },
    only: { type: 'string' }, keep: { type: 'boolean', default: false },
  },
});
if (!args.issuer || !args.wallet || !args.verifier || !args.screenshots || (args.only && !['phone', 'desktop'].includes(args.only))) {
  console.error('usage: node gemeente_voorbeeld_flow.mjs --issuer EXE --wallet EXE --verifier EXE --screenshots DIR ' +
                '[--chromium EXE] [--only phone|desktop] [--keep]');
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

const VIEWPORTS = [
  { name: 'phone', viewport: { width: 360, height: 740 }, mobile: true },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, mobile: false },
].filter((v) => !args.only || v.name === args.only);

const MOHAMED = { number: '10031', name: 'Mohamed Yilmaz', email: 'mohamed.yilmaz@gemeente-voorbeeld.nl', password: 'groenvoorziening in de wijk' };
const JEROEN = { number: '10030', name: 'Jeroen Hendriks', email: 'jeroen.hendriks@gemeente-voorbeeld.nl', password: 'hagen knippen in het voorjaar' };
const ADMIN_PASSWORD = 'beheerder van het systeem';
const WALLET_USER = 'mohamed';
const WALLET_PASSPHRASE = 'mohamed-zijn-wachtwoord-2026';
const NOTE = 'Hagen en heesters langs de Dorpsstraat gesnoeid, ook met de snoeizaag.';
const COMMENT = 'Heeft de hagen langs de Dorpsstraat zelfstandig en netjes gesnoeid.';
const GREEN = 'rgb(29, 107, 47)';  // --green in the wallet's stylesheet

// ---- Checks and reporting ----------------------------------------------------------------------
let failures = 0;
let passed = 0;
let prefix = '';
function check(ok, what, detail = '') {
  if (ok) passed++; else failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${prefix}${what}${!ok && detail !== '' ? `\n     ${String(detail).slice(0, 2000)}` : ''}`);
  return ok;
}
// A step the walk cannot go on without: the walk stops there (the cleanup still runs).
class StepFailed extends Error {}
const must = (ok, what, detail = '') => { if (!check(ok, what, detail)) throw new StepFailed(what); };
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const mainText = async (page) => squash(await page.locator('main').innerText());

// Clicks and waits for the navigation it starts; returns its main-frame response.
async function navigate(page, click) {
  const [response] = await Promise.all([page.waitForNavigation(), click()]);
  return response;
}

// zbarimg (Debian zbar-tools) on a screenshot of a QR code; null when zbarimg is not installed.
let warnedNoZbar = false;
async function decodeQr(locator, file) {
  const which = spawnSync('sh', ['-c', 'command -v zbarimg'], { encoding: 'utf8' });
  if (which.status !== 0) {
    if (!warnedNoZbar) console.log('skip QR decoding: zbarimg is not installed (Debian zbar-tools)');
    warnedNoZbar = true;
    return null;
  }
  await locator.screenshot({ path: file });
  const r = spawnSync(which.stdout.trim(), ['--quiet', '--raw', file], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : `(zbarimg exit ${r.status})`;
}

// ---- The three services, fresh for each walk (command line and configuration: no pages exist) ----
async function startServices(work, services) {
  const cli = (exe, argv, input = '') => {
    const r = run(exe, argv, { input, cwd: work });
    must(r.code === 0, `${exe.split('/').pop()} ${argv.slice(0, 2).filter((a) => !a.startsWith('-')).join(' ')}`,
         `exit ${r.code}: ${r.err.trim()}`);
    return r;
  };
  // Gemeente Voorbeeld's issuer: organisation, catalogue, people, Mohamed's and Jeroen's passwords.
  const issuerPort = await freePort();
  const issuerUrl = `http://127.0.0.1:${issuerPort}`;
  const issuerConfig = join(work, 'issuer.toml');
  writeFileSync(issuerConfig, ['[organisation]', 'name = "Gemeente Voorbeeld"', 'id = "https://www.gemeente-voorbeeld.nl"',
    '[server]', 'bind = "127.0.0.1"', `port = ${issuerPort}`, `public_url = "${issuerUrl}"`, 'threads = 2',
    '[database]', 'path = "issuer.db"', '[keys]', 'kek_file = "issuer.kek"',
    '[sessions]', 'secure_cookies = false   # plain http on loopback only', ''].join('\n'));
  cli(args.issuer, ['keys', 'kek', 'generate', '--out', join(work, 'issuer.kek')]);
  cli(args.issuer, ['init', '--config', issuerConfig, '--admin-number', '10001', '--admin-name', 'Marieke van den Berg',
    '--admin-email', 'marieke.vandenberg@gemeente-voorbeeld.nl'], `${ADMIN_PASSWORD}\n`);
  cli(args.issuer, ['import-people', '--config', issuerConfig, join(example, 'people.csv')]);
  cli(args.issuer, ['import-skills', '--config', issuerConfig, '--vaardig', join(example, 'catalogue.csv'),
    '--roadmaps', join(example, 'roadmaps.json')]);
  for (const person of [MOHAMED, JEROEN]) {
    const file = join(work, `password-${person.number}.txt`);
    writeFileSync(file, `${person.password}\n`, { mode: 0o600 });
    cli(args.issuer, ['set-password', '--config', issuerConfig, '--employee', person.number, '--password-file', file]);
  }
  const issuerListening = await services.serve(args.issuer, issuerConfig, 'vaardig-issuer');
  must(issuerListening === issuerUrl, `the issuer listens on ${issuerUrl}`, issuerListening);

  // The hosted wallet: open registration (the account is made on its /register page).
  const walletPort = await freePort();
  const walletUrl = `http://127.0.0.1:${walletPort}`;
  const walletConfig = join(work, 'wallet.toml');
  writeFileSync(walletConfig, ['[server]', 'bind = "127.0.0.1"', `port = ${walletPort}`, `public_url = "${walletUrl}"`, 'threads = 2',
    '[database]', 'path = "wallet/wallet.db"', '[vault]', 'handle_key_file = "wallet/handle.key"',
    'kdf = "minimum"   # tests only: fast unlocks', 'registration = "open"',
    '[fetch]', 'allow_http_loopback = true   # the issuer and verifier are plain http on loopback', ''].join('\n'));
  const walletListening = await services.serve(args.wallet, walletConfig, 'vaardig-wallet');
  must(walletListening === walletUrl, `the wallet listens on ${walletUrl}`, walletListening);

  // Gemeente Elders' verifier: a trust list naming Gemeente Voorbeeld, the employer's pages on.
  const vct = `${issuerUrl}/vct/skill/v1`;
  cli(args.verifier, ['trust', 'init', '--key', join(work, 'operator.jwk'), '--out', join(work, 'trust.jws')]);
  cli(args.verifier, ['trust', 'add', '--list', join(work, 'trust.jws'), '--key', join(work, 'operator.jwk'), '--issuer', issuerUrl,
    '--name', 'Gemeente Voorbeeld', '--type', vct, '--type', 'OpenBadgeCredential']);
  const verifierPort = await freePort();
  const verifierConfig = join(work, 'verifier.toml');
  writeFileSync(verifierConfig, ['[server]', 'bind = "127.0.0.1"', `port = ${verifierPort}`,
    '[trust]', 'list = "trust.jws"', 'key = "operator.jwk"',
    '[request]', 'key = "request.jwk"', 'name = "Gemeente Elders"', `vct_values = ["${vct}"]`, 'pages = true',
    `skills = ["${issuerUrl}/skills/${SKILL_ID}|${SKILL_NAME}", "${issuerUrl}/skills/plantenkennis|Plantenkennis"]`,
    '[fetch]', 'allow_http_loopback = true', '[status]', 'max_cache_seconds = 0', ''].join('\n'));
  const verifierUrl = await services.serve(args.verifier, verifierConfig, 'vaardig-verifier');
  must(new URL(verifierUrl).hostname === '127.0.0.1', `the verifier listens on loopback (${verifierUrl})`, verifierUrl);
  return { issuerUrl, walletUrl, verifierUrl };
}

// ---- The walk through the pages -------------------------------------------------------------------
async function issuerLogIn(page, checkPage, issuerUrl, person, who) {
  await page.goto(`${issuerUrl}/login`);
  must(await page.getByRole('heading', { level: 1 }).isVisible(), `${who}: the issuer's sign-in page opens`);
  await checkPage(page, `issuer-${who}-login`);
  await page.getByLabel('E-mailadres').fill(person.email);
  await page.getByLabel('Wachtwoord').fill(person.password);
  const response = await navigate(page, () => page.getByRole('button', { name: 'Inloggen' }).click());
  must(await page.getByRole('button', { name: 'Uitloggen' }).isVisible(), `${who} is signed in on the issuer's pages`,
       `POST /login answered ${response?.status()}; the page says: ${await mainText(page)}`);
  check((await page.locator('body').innerText()).includes(person.name), `${who}: the page names who is signed in (${person.name})`);
  await checkPage(page, `issuer-${who}-home`);
}

// 1. Mohamed records the skill with a photo and asks Jeroen. → the claim page's URL
async function mohamedRecords(page, checkPage, issuerUrl) {
  await issuerLogIn(page, checkPage, issuerUrl, MOHAMED, 'mohamed');
  await navigate(page, () => page.getByRole('link', { name: 'Vaardigheid vastleggen' }).first().click());
  must(new URL(page.url()).pathname === '/claims/new', 'the home page leads to "Vaardigheid vastleggen" (/claims/new)', page.url());
  await checkPage(page, 'issuer-mohamed-new-claim');
  await page.getByRole('searchbox', { name: 'Zoek een vaardigheid' }).fill('snoeien');
  await navigate(page, () => page.getByRole('button', { name: 'Zoeken' }).click());
  const skill = page.getByRole('radio', { name: SKILL_NAME, exact: true });
  must(await skill.count() >= 1, `searching "snoeien" finds "${SKILL_NAME}"`, await mainText(page));
  await checkPage(page, 'issuer-mohamed-search');
  await skill.first().check();
  await page.getByRole('group', { name: 'Hoe goed kunt u het?' }).getByRole('radio', { name: /^Zelfstandig/ }).check();
  await page.getByLabel('Toelichting').fill(NOTE);
  await navigate(page, () => page.getByRole('button', { name: 'Opslaan' }).click());
  must(/^\/claims\/\d+$/.test(new URL(page.url()).pathname) &&
       await page.getByRole('heading', { level: 1, name: SKILL_NAME }).isVisible(), 'the skill is saved: its page opens', page.url());
  const claimUrl = new URL(page.url());
  claimUrl.search = '';
  check(await page.getByText('Zelf opgegeven').first().isVisible(), 'the new skill is blue ("Zelf opgegeven")');
  check(await page.getByText(NOTE).isVisible(), 'the page shows his note');
  await checkPage(page, 'issuer-mohamed-claim');

  await page.getByLabel('Of kies een foto of PDF').setInputFiles(photo);
  await navigate(page, () => page.getByRole('button', { name: 'Toevoegen', exact: true }).click());
  check(await page.getByRole('status').filter({ hasText: 'toegevoegd' }).isVisible(), 'the photo is added ("toegevoegd")',
        await mainText(page));
  must(await page.getByRole('region', { name: 'Bewijs' }).getByRole('link').count() === 1, 'the skill has one piece of evidence',
       await mainText(page));
  await checkPage(page, 'issuer-mohamed-evidence');

  await page.getByLabel('Bericht (niet verplicht)').fill('Wil je dit bevestigen?');
  await navigate(page, () => page.getByRole('button', { name: 'Vraag om bevestiging' }).click());
  check(await page.getByRole('status').filter({ hasText: 'verstuurd' }).isVisible(), 'the request is sent ("verstuurd")');
  must(await page.getByText('Wacht op bevestiging').first().isVisible(), 'the skill waits for confirmation', await mainText(page));
  await checkPage(page, 'issuer-mohamed-asked');
  return claimUrl.toString();
}

// 2. Jeroen confirms it at level 2, "zelfstandig", having seen the photo.
async function jeroenConfirms(page, checkPage, issuerUrl) {
  await issuerLogIn(page, checkPage, issuerUrl, JEROEN, 'jeroen');
  await navigate(page, () => page.getByRole('link', { name: 'Verzoeken om bevestiging' }).first().click());
  must(new URL(page.url()).pathname === '/queue', 'the home page leads to his queue (/queue)', page.url());
  const request = page.getByRole('link').filter({ hasText: MOHAMED.name }).filter({ hasText: SKILL_NAME });
  must(await request.count() === 1, 'the queue lists Mohamed\'s request for the skill', await mainText(page));
  await checkPage(page, 'issuer-jeroen-queue');
  await navigate(page, () => request.click());
  must(await page.getByRole('heading', { level: 1, name: SKILL_NAME }).isVisible(), 'the request opens', page.url());
  check(await page.getByText(NOTE).isVisible(), 'the request shows Mohamed\'s note');
  const img = page.getByRole('img', { name: /^Foto/ });
  must(await img.count() === 1, 'the request shows the photo', await mainText(page));
  await img.scrollIntoViewIfNeeded();
  check(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the photo loads');
  const imgBox = await img.boundingBox();
  const viewportWidth = page.viewportSize().width;
  check(imgBox && imgBox.x >= 0 && imgBox.x + imgBox.width <= viewportWidth, 'the photo fits the screen', JSON.stringify(imgBox));
  await checkPage(page, 'issuer-jeroen-request');

  const form = page.locator('form[action$="/confirm"]');
  await form.getByRole('radio', { name: 'zelfstandig', exact: true }).check();
  await page.getByLabel('Opmerking (mag leeg blijven)').fill(COMMENT);
  await navigate(page, () => form.getByRole('button', { name: 'Bevestigen' }).click());
  must(await page.getByText('bevestigd. De medewerker ziet dit nu.').isVisible(), 'the confirmation is acknowledged', await mainText(page));
  await checkPage(page, 'issuer-jeroen-confirmed');
}

// 3. Mohamed sees it green; the collect page gives the link (QR code) and the PIN. → { link, pin }
async function mohamedOpensCollect(page, checkPage, claimUrl) {
  await page.goto(claimUrl);
  must(await page.getByText('Deze vaardigheid is bevestigd.').isVisible(), 'Mohamed\'s skill page says it is confirmed', await mainText(page));
  check(await page.getByText(COMMENT).isVisible(), 'with Jeroen\'s comment');
  check(await page.getByText(JEROEN.name).first().isVisible(), 'and names Jeroen Hendriks');
  const managerLevel = page.locator('dt', { hasText: 'Niveau volgens leidinggevende' }).locator('xpath=following-sibling::dd[1]');
  check(squash(await managerLevel.innerText().catch(() => '')) === 'Zelfstandig', 'the manager\'s level: "Zelfstandig"',
        await managerLevel.innerText().catch(() => '(none)'));
  await checkPage(page, 'issuer-mohamed-confirmed');

  await navigate(page, () => page.getByRole('button', { name: 'Ophalen in je wallet' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Ophalen in je wallet' }).isVisible(), 'the "Ophalen in je wallet" page opens',
       await mainText(page));
  const qr = page.getByRole('img', { name: 'QR-code om je bewijs op te halen in je wallet' });
  must(await qr.isVisible(), 'the QR code is shown');
  const box = await qr.boundingBox();
  check(box && box.width >= 200 && box.x >= 0 && box.x + box.width <= page.viewportSize().width,
        'the QR code is large enough to scan and fits the screen', JSON.stringify(box));
  const link = await page.getByRole('link', { name: 'Open in de wallet op deze telefoon' }).getAttribute('href');
  must(link?.startsWith('openid-credential-offer://?credential_offer_uri='), 'the page carries the offer link', link);
  const pin = squash(await page.locator('#pin').innerText());
  must(/^\d{6}$/.test(pin) && await page.locator('#pin').isVisible(), 'the page shows the PIN: six digits', pin);
  check(!link.includes(pin), 'the PIN is not in the link');
  const decoded = await decodeQr(qr, join(page.screenshotsDir, 'issuer-collect-qr.png'));
  if (decoded !== null) check(decoded === link, 'the QR code decodes (zbarimg) to the same link', decoded);
  await checkPage(page, 'issuer-mohamed-collect');
  return { link, pin };
}

// 4. Mohamed makes a wallet and collects with the link and the PIN read off the issuer's page.
async function mohamedCollects(page, checkPage, walletUrl, offer) {
  await page.goto(`${walletUrl}/`);
  must(await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).isVisible(), 'the wallet\'s sign-in page opens');
  await checkPage(page, 'wallet-signin');
  await navigate(page, () => page.getByRole('link', { name: 'Nog geen wallet? Maak er een.' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Wallet maken' }).isVisible(), 'the sign-in page leads to "Wallet maken"');
  await checkPage(page, 'wallet-register');
  await page.getByLabel('Gebruikersnaam').fill(WALLET_USER);
  await page.getByLabel('Nieuw wachtwoord').fill(WALLET_PASSPHRASE);
  const registered = await navigate(page, () => page.getByRole('button', { name: 'Wallet maken' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Uw herstelcode' }).isVisible(), 'the wallet is made: its recovery code',
       `${registered?.status()} ${await mainText(page)}`);
  check(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/.test(squash(await page.locator('#recovery-code').innerText())),
        'the recovery code: eight groups of four');
  await checkPage(page, 'wallet-recovery-code');
  await navigate(page, () => page.getByRole('link', { name: 'Ik heb de code opgeschreven' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Mijn vaardigheden' }).isVisible(), 'into the new, signed-in wallet',
       await mainText(page));
  check(await page.getByText('Uw wallet is nog leeg.').isVisible(), 'the wallet is empty');
  await checkPage(page, 'wallet-home-empty');

  await navigate(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Ontvangen' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Vaardigheid ontvangen' }).isVisible(), 'the menu leads to "Vaardigheid ontvangen"');
  await checkPage(page, 'wallet-collect');
  await page.getByLabel('Link van het aanbod').fill(offer.link);
  await page.getByLabel('Pincode').fill(offer.pin);
  const collected = await navigate(page, () => page.getByRole('main').getByRole('button', { name: 'Ontvangen', exact: true }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Ontvangen en gecontroleerd' }).isVisible(),
       'the link and PIN from the issuer\'s page collect it: "Ontvangen en gecontroleerd"', `${collected?.status()} ${await mainText(page)}`);
  const received = (await page.getByRole('main').getByRole('listitem').allInnerTexts()).map(squash);
  check(received.length === 2 && received.some((t) => t.includes('SD-JWT VC')) && received.some((t) => t.includes('Open Badge 3.0')),
        'two credentials arrived: SD-JWT VC and Open Badge 3.0', received.join(' | '));
  check(received.length > 0 && received.every((t) => t.includes(SKILL_NAME) && /\bgeldig\b/.test(t)),
        `each is "${SKILL_NAME}", "geldig"`, received.join(' | '));
  await checkPage(page, 'wallet-collected');

  await navigate(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Mijn vaardigheden' }).click());
  const group = page.getByRole('region', { name: 'Buitendienst groen' });  // the skill's area in the catalogue
  const cards = group.getByRole('listitem');
  must(await cards.count() === 2, 'the home page groups both under their area, Buitendienst groen', await mainText(page));
  for (let i = 0; i < 2; i++) {
    const card = cards.nth(i);
    const text = squash(await card.innerText());
    const tag = card.locator('.tag');
    check(text.includes(SKILL_NAME) && text.includes('Niveau 2 · zelfstandig') && squash(await tag.innerText()) === 'bevestigd' &&
          await tag.evaluate((el) => getComputedStyle(el).backgroundColor) === GREEN,
          `card ${i + 1}: the skill, green "bevestigd", "Niveau 2 · zelfstandig"`, text);
  }
  await checkPage(page, 'wallet-home');
}

// 5. Gemeente Elders asks on the verifier's page. → { link, requestUrl }
async function eldersAsks(page, checkPage, verifierUrl) {
  await page.goto(`${verifierUrl}/`);
  must(await page.getByRole('heading', { level: 1, name: 'Vaardigheden controleren' }).isVisible(), 'the verifier\'s ask page opens');
  await checkPage(page, 'verifier-ask');
  await page.getByLabel(SKILL_NAME).check();
  await page.getByLabel('2 · zelfstandig').check();
  must(!(await page.getByLabel('Ik wil ook de naam zien').isChecked()), 'the name is not asked for unless ticked');
  await navigate(page, () => page.getByRole('button', { name: 'Vraag aanmaken' }).click());
  must(/^\/requests\/[^/]+$/.test(new URL(page.url()).pathname) &&
       await page.getByRole('heading', { level: 1, name: 'Laat de medewerker scannen' }).isVisible(),
       'the request is made: "Laat de medewerker scannen"', await mainText(page));
  const requestUrl = page.url();
  const text = await mainText(page);
  check(text.includes(`Gevraagd: ${SKILL_NAME}, minimaal niveau 2 (zelfstandig), zonder naam`),
        'the page says what is asked: the skill, level ≥ 2, without the name', text);
  const qr = page.locator('.qr svg');
  must(await qr.count() === 1 && await qr.isVisible(), 'a QR code is shown');
  const box = await qr.boundingBox();
  check(box && box.width >= 200 && box.x >= 0 && box.x + box.width <= page.viewportSize().width,
        'the QR code is large enough to scan and fits the screen', JSON.stringify(box));
  const link = await page.getByRole('link', { name: 'Open in wallet' }).getAttribute('href');
  must(link?.startsWith('openid4vp://'), 'the "Open in wallet" link carries the openid4vp:// request', link);
  const decoded = await decodeQr(qr, join(page.screenshotsDir, 'verifier-waiting-qr.png'));
  if (decoded !== null) check(decoded === link, 'the QR code decodes (zbarimg) to the same link', decoded);
  check(await page.getByRole('status').filter({ hasText: 'Wacht op antwoord' }).isVisible(), 'the page waits ("Wacht op antwoord…")');
  await checkPage(page, 'verifier-waiting');
  return { link, requestUrl };
}

// 6. Mohamed pastes the request into the wallet's "Delen", sees what would go, and shares.
async function mohamedShares(page, checkPage, walletUrl, request, verifierPage) {
  await page.goto(`${walletUrl}/`);
  await navigate(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Delen' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Delen met een werkgever' }).isVisible(), 'the menu leads to "Delen met een werkgever"');
  await checkPage(page, 'wallet-share');
  await page.getByLabel('Link van de vraag').fill(request.link);
  const opened = await navigate(page, () => page.getByRole('button', { name: 'Bekijk de vraag' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Iemand vraagt om uw vaardigheden' }).isVisible(),
       'the link from the verifier\'s page opens the consent page', `${opened?.status()} ${await mainText(page)}`);
  const asker = page.getByRole('region', { name: 'Wie vraagt het' });
  check(await asker.getByText('Gemeente Elders', { exact: true }).isVisible(), 'who asks: Gemeente Elders', squash(await asker.innerText()));
  const asked = page.getByRole('group', { name: 'Gevraagd' }).first();
  const askedText = squash(await asked.innerText());
  const choice = asked.getByRole('radio');
  must(await choice.count() >= 1 && await choice.first().isChecked(), 'a matching credential is offered and chosen', askedText);
  check(askedText.includes(SKILL_NAME), `what would go: "${SKILL_NAME}"`, askedText);
  check(/Laat zien: \S/.test(askedText), 'what of it would be shown', askedText);
  check(askedText.includes('Zonder uw naam.') && !askedText.includes('Hiermee deelt u ook uw naam.'), '"Zonder uw naam."', askedText);
  check(await page.getByRole('button', { name: 'Niet delen' }).isVisible(), 'declining is offered as well');
  await checkPage(page, 'wallet-consent');

  // Nothing has gone yet: the employer's page still waits.
  await verifierPage.reload();
  check(await verifierPage.getByRole('heading', { level: 1, name: 'Laat de medewerker scannen' }).isVisible(),
        'before "Delen" the verifier\'s page still waits', await mainText(verifierPage));

  const sent = await navigate(page, () => page.getByRole('button', { name: 'Delen', exact: true }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Gedeeld' }).isVisible(), '"Delen" → "Gedeeld"', `${sent?.status()} ${await mainText(page)}`);
  check(await page.getByText('Uw antwoord is verstuurd.').isVisible(), 'the page says the answer was sent');
  await checkPage(page, 'wallet-shared');
  await navigate(page, () => page.getByRole('main').getByRole('link', { name: 'Gedeeld' }).click());
  const shares = (await page.getByRole('main').getByRole('listitem').allInnerTexts()).map(squash);
  check(shares.length === 1 && shares[0].includes('Gemeente Elders') && shares[0].includes(`kreeg: ${SKILL_NAME}`),
        `the share log: Gemeente Elders received "${SKILL_NAME}"`, shares.join(' | '));
  await checkPage(page, 'wallet-shares');
}

// 7. The verifier's page: valid, the skill first, level 2, confirmed, no name.
async function eldersSeesResult(page, checkPage, request) {
  // The waiting page polls and turns into the result by itself …
  const updated = await page.getByRole('heading', { level: 1, name: 'Geldig' }).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  check(updated, 'the waiting page turns into the result by itself', await mainText(page));
  // … and the result page, loaded afresh, says the same.
  await page.goto(request.requestUrl);
  must(await page.getByRole('heading', { level: 1, name: 'Geldig' }).isVisible(), 'the verifier\'s result page: "Geldig"', await mainText(page));
  const text = await mainText(page);
  check(await page.locator('h1.verdict.valid').count() === 1, 'the verdict is marked valid');
  check(text.includes(`Vaardigheid: ${SKILL_NAME}, niveau 2 (zelfstandig).`), 'the summary in plain language: the skill at level 2 (zelfstandig)', text);
  const report = page.getByRole('region', { name: SKILL_NAME });
  must(await report.count() === 1, `one report, headed by the skill: "${SKILL_NAME}"`, text);
  // Skills first: after the verdict, the skill and what was shown of it come before how it was checked.
  const order = await page.locator('main').evaluate((main) => [...main.querySelectorAll('h1, p.summary, h2, dt, h3, ul.checks')]
    .map((el) => (el.matches('ul.checks') ? 'checks' : el.matches('p.summary') ? 'summary' : `${el.tagName.toLowerCase()}:${el.textContent.trim()}`)));
  const at = (item) => order.findIndex((o) => o === item || o.startsWith(item));
  check(at('h1:Geldig') === 0 && at(`h2:${SKILL_NAME}`) > 0 && at(`h2:${SKILL_NAME}`) < at('checks') && at('dt:Niveau') < at('checks'),
        'skills first: verdict, then the skill and its level, then the checks', order.join(' › '));
  const facts = Object.fromEntries(await report.locator('dl dt').evaluateAll((dts) =>
    dts.map((dt) => [dt.textContent.trim(), dt.nextElementSibling?.textContent.trim() ?? ''])));
  check(facts.Niveau === '2 · zelfstandig', 'level: 2 · zelfstandig', JSON.stringify(facts));
  check(facts.Soort === 'bevestigd door de werkgever (groen)', 'confirmed by the employer (green)', JSON.stringify(facts));
  check(/Gemeente Voorbeeld/.test(facts['Bevestigd door'] ?? ''), 'confirmed at Gemeente Voorbeeld', JSON.stringify(facts));
  check(!('Naam' in facts), 'no "Naam" is shown', JSON.stringify(facts));
  // Every check passed — but the manager's signed endorsement, which the page's request does not ask
  // for: its statement names the employee (subject.name, employee_number), so without the name it is
  // not disclosed and the check is "niet van toepassing" (skipped), never failed.
  const checks = await report.locator('ul.checks li').evaluateAll((lis) => lis.map((li) => [li.className,
    li.querySelector('.check-name')?.textContent.trim() ?? '', li.textContent.trim()]));
  const listed = checks.map(([r, , t]) => `${r}: ${t}`).join(' | ');
  const endorsement = checks.filter(([, n]) => n === 'Handtekening leidinggevende');
  check(checks.length >= 7 && checks.every(([r, n]) => r === 'passed' || (n === 'Handtekening leidinggevende' && r === 'skipped')),
        'every check passed (the manager\'s endorsement, not asked for, skipped)', listed);
  check(endorsement.length === 1 && endorsement[0][0] === 'skipped', 'the endorsement, which would name him, was not disclosed', listed);
  for (const name of ['Echt (handtekening)', 'Erkende uitgever', 'Niet ingetrokken', 'Echt van deze persoon', 'Beantwoordt de vraag']) {
    check(checks.some(([r, n]) => n === name && r === 'passed'), `"${name}: in orde"`, listed);
  }
  const whole = squash(await page.locator('body').innerText());
  check(!/Mohamed|Yilmaz/i.test(whole) && !whole.includes(MOHAMED.email), 'no name (nor e-mail address) anywhere on the page', whole);
  check(!/Mohamed|Yilmaz|10031/i.test(await page.content()), 'nor in its HTML (no hidden name or employee number)');
  await checkPage(page, 'verifier-result');
}

async function walk({ name, viewport, mobile }, work) {
  prefix = `[${name}] `;
  console.log(`\n== ${name}: ${viewport.width}×${viewport.height}${mobile ? ' (touch)' : ''}, fresh services in ${work}`);
  const services = new Services();
  const failuresBefore = failures;
  let browser = null;
  try {
    const { issuerUrl, walletUrl, verifierUrl } = await startServices(work, services);
    browser = await chromium.launch({ executablePath: args.chromium });
    const consoleErrors = [];
    const screenshots = join(args.screenshots, name);
    rmSync(screenshots, { recursive: true, force: true });
    mkdirSync(screenshots, { recursive: true });
    const checkPage = pageChecker({ AxeBuilder, screenshots, check, consoleErrors, maxWidth: viewport.width });
    // One context each: Mohamed (issuer and wallet pages), Jeroen, Gemeente Elders.
    const open = async () => {
      const { page } = await openContext(browser, { viewport, mobile, consoleErrors });
      page.screenshotsDir = screenshots;
      return page;
    };
    const mohamed = await open();
    const jeroen = await open();
    const elders = await open();

    const claimUrl = await mohamedRecords(mohamed, checkPage, issuerUrl);
    await jeroenConfirms(jeroen, checkPage, issuerUrl);
    const offer = await mohamedOpensCollect(mohamed, checkPage, claimUrl);
    await mohamedCollects(mohamed, checkPage, walletUrl, offer);
    const request = await eldersAsks(elders, checkPage, verifierUrl);
    await mohamedShares(mohamed, checkPage, walletUrl, request, elders);
    await eldersSeesResult(elders, checkPage, request);
    const left = consoleErrors.splice(0);
    check(left.length === 0, 'no console errors after the last page', left.join('\n     '));
  } catch (e) {
    if (!(e instanceof StepFailed)) check(false, 'the walk went on without an unexpected error', e?.stack ?? String(e));
  } finally {
    if (browser) await browser.close().catch(() => {});
    await services.stopAll();
    if (failures > failuresBefore) console.log(services.logs());
    prefix = '';
  }
}

// ---- Main: each walk with fresh services, then always the cleanup ------------------------------------
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'vaardig-browser-gemeente-'));
try {
  for (const v of VIEWPORTS) {
    const dir = join(work, v.name);
    mkdirSync(dir);
    await walk(v, dir);
  }
} finally {
  if (args.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`screenshots in ${args.screenshots}/{${VIEWPORTS.map((v) => v.name).join(',')}}`);
console.log(`${passed} passed, ${failures} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failures === 0 ? 0 : 1);
