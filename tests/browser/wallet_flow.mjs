// The hosted wallet's web pages in a real browser (issue 8: "collect, view and share on a
// phone-sized viewport"): playwright-core drives Debian's chromium at 360×740
// (tests/browser/harness.mjs) against a real `vaardig-wallet serve`, with a real
// `vaardig-issuer serve` (Gemeente Voorbeeld) and `vaardig-verifier serve` (Gemeente Elders) on
// 127.0.0.1, set up through their APIs (tests/browser/services.mjs, as in
// examples/gemeente-voorbeeld/flow.mjs): a skill confirmed at level 2 with an offer (link + PIN),
// and a request for that skill at level ≥ 2 without the name.
//   1. Mohamed makes a wallet on /register: the recovery code is shown once (this page only,
//      not cached, not on the next page), and the button leads into the new, empty wallet;
//   2. /collect: he pastes the offer link and the PIN → "Ontvangen en gecontroleerd" lists both
//      credentials (SD-JWT VC and Open Badge 3.0), valid, each named after the skill;
//   3. the home page groups the skill under Gemeente Voorbeeld: a green "bevestigd" tag, level 2;
//      the credential's page says who confirmed it; the same in English (?lang=en);
//   4. /share: he pastes the verifier's link → the consent page says who asks (Gemeente Elders),
//      which skill would go and what of it would be shown (in words, not claim paths) and
//      "Zonder uw naam."; the verifier has received nothing yet (its API); "Delen" → "Gedeeld",
//      and the verifier's API now says valid, level 2, confirmed, no name; /shares lists the share
//      with the skill's name;
//   5. he signs out; a wrong passphrase is refused with a message and he stays signed out;
//   6. /recover with the recovery code from step 1 sets a new passphrase (and shows a new code);
//      he signs in with it and his skills are still there.
// axe-core on every page (serious or critical fail), no sideways scrolling at 360 px, no console
// errors (the one expected 401 of the wrong sign-in excepted), a screenshot of each page.
//
// Usage: node wallet_flow.mjs --issuer EXE --wallet EXE --verifier EXE --screenshots DIR
//          [--chromium /usr/bin/chromium] [--keep]   (--keep: leave the temp dir for inspection)
// Exit: 0 passed, 1 a check failed, 77 skipped (node_modules or chromium absent).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPhone, pageChecker } from './harness.mjs';
import { SKILL_NAME, Services, api, issuerWithOffer, startWallet, verifierWithRequest } from './services.mjs';

const SKIP = 77;
const { values: args } = parseArgs({
  options: {
    issuer: { type: 'string' }, wallet: { type: 'string' }, verifier: { type: 'string' },
    screenshots: { type: 'string' }, chromium: { type: 'string', default: '/usr/bin/chromium' },
    keep: { type: 'boolean', default: false },
  },
});
if (!args.issuer || !args.wallet || !args.verifier || !args.screenshots) {
  console.error('usage: node wallet_flow.mjs --issuer EXE --wallet EXE --verifier EXE --screenshots DIR [--chromium EXE] [--keep]');
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

const USER = 'mohamed';
const PASSPHRASE = 'mohamed-zijn-wachtwoord-2026';
const NEW_PASSPHRASE = 'een nieuwe zin voor mijn wallet';
const RECOVERY_CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/;
const GREEN = 'rgb(29, 107, 47)';  // --green in the wallet's stylesheet

let failures = 0;
let passed = 0;
function check(ok, what, detail = '') {
  if (ok) passed++; else failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${String(detail).slice(0, 2000)}` : ''}`);
  return ok;
}
class StepFailed extends Error {}
const must = (ok, what, detail) => { if (!check(ok, what, detail)) throw new StepFailed(what); };
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const mainText = async (page) => squash(await page.locator('main').innerText());

// Clicks and waits for the navigation it starts; returns its main-frame response.
async function navigate(page, click) {
  const [response] = await Promise.all([page.waitForNavigation(), click()]);
  return response;
}

const work = mkdtempSync(join(tmpdir(), 'vaardig-browser-wallet-'));
const services = new Services();
let browser = null;
try {
  // ---- The issuer's offer, the verifier's request, the wallet service ----------------------------
  const issuer = await issuerWithOffer({ exe: args.issuer, work, services, must });
  const verifier = await verifierWithRequest({ exe: args.verifier, work, services, must, issuerUrl: issuer.url });
  const walletUrl = await startWallet({ exe: args.wallet, work, services, must });
  const verifierResult = () => api(verifier.url, `/api/requests/${verifier.request.id}`, { token: verifier.request.result_token });

  const phone = await openPhone(chromium, args.chromium);
  browser = phone.browser;
  const { page, consoleErrors } = phone;
  const checkPage = pageChecker({ AxeBuilder, screenshots: args.screenshots, check, consoleErrors });
  const signOutButton = page.getByRole('button', { name: 'Afmelden' });

  // ---- 1. Register: the recovery code, once ------------------------------------------------------
  await page.goto(`${walletUrl}/`);
  must(await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).isVisible(), 'signed out, / is the sign-in page (Dutch)');
  check(await page.locator('html').getAttribute('lang') === 'nl', 'the page says it is Dutch (<html lang="nl">)');
  await checkPage(page, 'signin');
  await navigate(page, () => page.getByRole('link', { name: 'Nog geen wallet? Maak er een.' }).click());
  must(new URL(page.url()).pathname === '/register' &&
       await page.getByRole('heading', { level: 1, name: 'Wallet maken' }).isVisible(), 'the sign-in page leads to /register');
  await checkPage(page, 'register');
  await page.getByLabel('Gebruikersnaam').fill(USER);
  await page.getByLabel('Nieuw wachtwoord').fill(PASSPHRASE);
  const registered = await navigate(page, () => page.getByRole('button', { name: 'Wallet maken' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Uw herstelcode' }).isVisible(), 'the wallet is made: the recovery code page',
       `${registered?.status()} ${await mainText(page)}`);
  const recoveryCode = squash(await page.locator('#recovery-code').innerText());
  must(RECOVERY_CODE.test(recoveryCode), 'the recovery code is shown: eight groups of four', recoveryCode);
  const codePage = await page.content();
  check(codePage.split(recoveryCode).length - 1 === 1, 'the code is on the page exactly once');
  check(await page.getByText('De code wordt maar één keer getoond.').isVisible(), 'the page says the code is shown only once');
  check(/no-store/.test(registered?.headers()['cache-control'] ?? ''), 'the code page is not cached (Cache-Control: no-store)',
        registered?.headers()['cache-control']);
  check(await signOutButton.count() === 0, 'the code page shows no menu (nothing to lead away before it is written down)');
  await checkPage(page, 'recovery-code');
  await navigate(page, () => page.getByRole('link', { name: 'Ik heb de code opgeschreven' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Mijn vaardigheden' }).isVisible(), 'the button leads into the new wallet, signed in',
       await mainText(page));
  check((await mainText(page)).includes(`Aangemeld als ${USER}`), 'the home page says who is signed in');
  check(await page.getByText('Uw wallet is nog leeg.').isVisible(), 'the new wallet is empty');
  check(!(await page.content()).includes(recoveryCode), 'the recovery code is not shown again');
  await checkPage(page, 'home-empty');

  // ---- 2. Collect: offer link + PIN --------------------------------------------------------------
  await navigate(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Ontvangen' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Vaardigheid ontvangen' }).isVisible(), 'the menu leads to /collect');
  await checkPage(page, 'collect');
  await page.getByLabel('Link van het aanbod').fill(issuer.offer.link);
  await page.getByLabel('Pincode').fill(issuer.offer.tx_code);
  const collected = await navigate(page, () => page.getByRole('main').getByRole('button', { name: 'Ontvangen', exact: true }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Ontvangen en gecontroleerd' }).isVisible(),
       'the offer is collected: "Ontvangen en gecontroleerd"', `${collected?.status()} ${await mainText(page)}`);
  const received = page.getByRole('main').getByRole('listitem');
  const receivedTexts = (await received.allInnerTexts()).map(squash);
  check(receivedTexts.length === 2, 'two credentials were received', receivedTexts.join(' | '));
  check(receivedTexts.some((t) => t.includes('SD-JWT VC')) && receivedTexts.some((t) => t.includes('Open Badge 3.0')),
        'one as SD-JWT VC, one as Open Badge 3.0', receivedTexts.join(' | '));
  check(receivedTexts.every((t) => /\bgeldig\b/.test(t)), 'both are "geldig"', receivedTexts.join(' | '));
  // Which skill was received: the page should name it, as the home page does.
  check(receivedTexts.every((t) => t.includes(SKILL_NAME)), `both are named after the skill, "${SKILL_NAME}"`,
        receivedTexts.join(' | '));
  await checkPage(page, 'collected');

  // ---- 3. The home page: grouped, green, level 2; the credential; in English ----------------------
  await navigate(page, () => page.getByRole('main').getByRole('link', { name: 'Mijn vaardigheden' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Mijn vaardigheden' }).isVisible(), 'back on the home page');
  const groups = page.getByRole('main').getByRole('heading', { level: 2 });
  check(squash((await groups.allInnerTexts()).join('|')) === 'Gemeente Voorbeeld', 'one group, the employer: Gemeente Voorbeeld',
        (await groups.allInnerTexts()).join(' | '));
  const group = page.getByRole('region', { name: 'Gemeente Voorbeeld' });
  const cards = group.getByRole('listitem');
  must(await cards.count() === 2, 'the group holds both credentials', await mainText(page));
  for (let i = 0; i < 2; i++) {
    const card = cards.nth(i);
    const text = squash(await card.innerText());
    check(await card.getByRole('link', { name: SKILL_NAME }).isVisible(), `card ${i + 1}: the skill, as a link`, text);
    const tag = card.locator('.tag');
    check(squash(await tag.innerText()) === 'bevestigd' &&
          await tag.evaluate((el) => getComputedStyle(el).backgroundColor) === GREEN, `card ${i + 1}: a green "bevestigd" tag`,
          `${text} (background ${await tag.evaluate((el) => getComputedStyle(el).backgroundColor)})`);
    check(text.includes('Niveau 2 · zelfstandig'), `card ${i + 1}: level 2, "zelfstandig"`, text);
    check(await card.evaluate((el) => getComputedStyle(el).borderLeftColor) === GREEN, `card ${i + 1}: a green edge`);
  }
  await checkPage(page, 'home');

  await navigate(page, () => cards.first().getByRole('link', { name: SKILL_NAME }).click());
  must(/^\/credentials\/[^/]+$/.test(new URL(page.url()).pathname) &&
       await page.getByRole('heading', { level: 1, name: SKILL_NAME }).isVisible(), 'the card opens the credential\'s page');
  const credentialUrl = new URL(page.url());
  const detail = async () => Object.fromEntries(await page.locator('main dl dt').evaluateAll((dts) =>
    dts.map((dt) => [dt.textContent.trim(), dt.nextElementSibling?.textContent.trim() ?? ''])));
  let facts = await detail();
  check(facts.Niveau === '2 · zelfstandig', 'the credential: level 2 · zelfstandig', JSON.stringify(facts));
  check(/^Jeroen Hendriks · leidinggevende$/.test(facts['Bevestigd door'] ?? ''), 'the credential: confirmed by Jeroen Hendriks, manager',
        JSON.stringify(facts));
  // The issuer: its URL (SD-JWT VC) or its did:web (Open Badge 3.0).
  const issuerIds = [issuer.url, `did:web:127.0.0.1%3A${new URL(issuer.url).port}`];
  check(facts.Werkgever === 'Gemeente Voorbeeld' && issuerIds.includes(facts['Uitgegeven door']), 'the credential: employer and issuer',
        JSON.stringify(facts));
  check(await page.getByRole('main').locator('.tag.confirmed').innerText() === 'bevestigd', 'the credential: "bevestigd"');
  check(await page.getByRole('button', { name: 'Verwijder uit mijn wallet' }).isVisible(), 'the credential can be removed');
  await checkPage(page, 'credential');

  await navigate(page, () => page.getByRole('navigation', { name: 'Taal' }).getByRole('link', { name: 'English' }).click());
  check(new URL(page.url()).searchParams.get('lang') === 'en' && new URL(page.url()).pathname === credentialUrl.pathname,
        'the language link keeps the page (?lang=en)', page.url());
  check(await page.locator('html').getAttribute('lang') === 'en', 'the page says it is English (<html lang="en">)');
  facts = await detail();
  check(facts.Level === '2 · independently' && facts['Confirmed by'] === 'Jeroen Hendriks · manager' && facts.Employer === 'Gemeente Voorbeeld',
        'the credential in English: level, confirmed by, employer', JSON.stringify(facts));
  check(await page.getByRole('main').locator('.tag.confirmed').innerText() === 'confirmed', 'the credential in English: "confirmed"');
  check(await page.getByRole('button', { name: 'Remove from my wallet' }).isVisible() &&
        await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My skills' }).isVisible(),
        'the buttons and the menu in English');
  await checkPage(page, 'credential-en');
  await navigate(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My skills' }).click());
  const homeEn = await mainText(page);
  check(await page.getByRole('heading', { level: 1, name: 'My skills' }).isVisible() && homeEn.includes('Level 2 · independently') &&
        homeEn.includes('confirmed') && !homeEn.includes('bevestigd'), 'the home page in English (menu keeps ?lang=en)', homeEn);
  await checkPage(page, 'home-en');

  // ---- 4. Share: consent first, then the verifier's verdict -------------------------------------
  await page.goto(`${walletUrl}/`);
  await navigate(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Delen' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Delen met een werkgever' }).isVisible(), 'the menu leads to /share (Dutch again)');
  await checkPage(page, 'share');
  await page.getByLabel('Link van de vraag').fill(verifier.request.link);
  const opened = await navigate(page, () => page.getByRole('button', { name: 'Bekijk de vraag' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Iemand vraagt om uw vaardigheden' }).isVisible(), 'the consent page opens',
       `${opened?.status()} ${await mainText(page)}`);
  const asker = page.getByRole('region', { name: 'Wie vraagt het' });
  const askerText = squash(await asker.innerText());
  check(await asker.getByText('Gemeente Elders', { exact: true }).isVisible() && askerText.includes('zo noemt de vrager zichzelf'),
        'who asks: "Gemeente Elders" (as it calls itself)', askerText);
  check(/did:\S+/.test(askerText), 'and its identifier (DID)', askerText);
  const asked = page.getByRole('group', { name: 'Gevraagd' });
  must(await asked.count() >= 1, 'what is asked for: a "Gevraagd" group', await mainText(page));
  const choice = asked.first().getByRole('radio');
  must(await choice.count() >= 1, 'a credential is offered as a choice', await mainText(page));
  check(await choice.first().isChecked(), 'the first match is chosen');
  const askedText = squash(await asked.first().innerText());
  // Which skill would go: with several skills in the wallet, a generic "Vaardigheid" cannot be told apart.
  check(new RegExp(SKILL_NAME).test(await choice.first().evaluate((el) => el.closest('label').textContent)),
        `the choice names the skill, "${SKILL_NAME}"`, askedText);
  check(/Laat zien: \S/.test(askedText), 'it says what would be shown', askedText);
  const shownText = askedText.match(/Laat zien: (.*?)(Zonder uw naam\.|Hiermee deelt u ook uw naam\.|$)/)?.[1] ?? '';
  check(!/\b[a-z_]+\.[a-z_.]+\b/.test(shownText), 'what would be shown is said in words, not as claim paths (skill.level …)',
        shownText);
  check(askedText.includes('Zonder uw naam.') && !askedText.includes('Hiermee deelt u ook uw naam.'), '"Zonder uw naam."', askedText);
  check(await page.getByRole('button', { name: 'Niet delen' }).isVisible(), 'declining is offered as well');
  await checkPage(page, 'consent');
  let r = await verifierResult();
  check(r.status === 200 && r.json?.state === 'pending' && !r.json?.verdict && !r.json?.reports,
        'the verifier has received nothing yet (state pending, no verdict)', r.text);

  const sent = await navigate(page, () => page.getByRole('button', { name: 'Delen', exact: true }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Gedeeld' }).isVisible(), '"Delen" → "Gedeeld"', `${sent?.status()} ${await mainText(page)}`);
  check(await page.getByText('Uw antwoord is verstuurd.').isVisible(), 'the page says the answer was sent');
  await checkPage(page, 'shared');
  r = await verifierResult();
  const report = r.json?.reports?.[0];
  check(r.json?.state === 'answered' && r.json?.verdict === 'valid', 'the verifier\'s verdict: valid', r.text);
  check(report?.shown?.level === 2 && report?.shown?.confirmed === true && report?.shown?.holder_name === undefined,
        'the verifier saw level 2, confirmed, and no name', r.text);

  await navigate(page, () => page.getByRole('main').getByRole('link', { name: 'Gedeeld' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Gedeeld' }).isVisible() && new URL(page.url()).pathname === '/shares',
       'the link leads to the share log (/shares)');
  const shares = (await page.getByRole('main').getByRole('listitem').allInnerTexts()).map(squash);
  check(shares.length === 1 && shares[0].includes('Gemeente Elders') && shares[0].includes('kreeg:'),
        'the log has one entry: Gemeente Elders received something', shares.join(' | '));
  check(shares[0]?.includes(`kreeg: ${SKILL_NAME}`), `the entry names the skill, "${SKILL_NAME}"`, shares[0]);
  await checkPage(page, 'shares');

  // ---- 5. Sign out; a wrong passphrase ----------------------------------------------------------
  await navigate(page, () => signOutButton.click());
  must(await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).isVisible() && await signOutButton.count() === 0,
       'signed out: the sign-in page, no menu');
  await page.getByLabel('Gebruikersnaam').fill(USER);
  await page.getByLabel('Wachtwoord').fill('dit is niet mijn wachtwoord');
  const wrong = await navigate(page, () => page.getByRole('button', { name: 'Aanmelden' }).click());
  const alert = page.getByRole('alert');
  check(await alert.isVisible() && squash(await alert.innerText()) === 'Gebruikersnaam of wachtwoord klopt niet.',
        'a wrong passphrase: "Gebruikersnaam of wachtwoord klopt niet." (role alert)', await mainText(page));
  check(wrong?.status() === 401, 'answered 401', wrong?.status());
  check(await page.getByLabel('Gebruikersnaam').inputValue() === USER && await page.getByLabel('Wachtwoord').inputValue() === '',
        'the user name is kept, the passphrase is not');
  check(await signOutButton.count() === 0, 'still signed out (no menu)');
  // The refused sign-in is the one error the browser may report here.
  const expected = consoleErrors.splice(0);
  check(expected.length > 0 && expected.every((e) => /\b401\b/.test(e) && e.includes('/signin')),
        'the browser reported only the 401 of the refused sign-in', expected.join('\n     '));
  await checkPage(page, 'signin-wrong');
  await page.goto(`${walletUrl}/collect`);
  check(new URL(page.url()).pathname === '/' && await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).isVisible(),
        'still signed out: /collect leads to the sign-in page', page.url());

  // ---- 6. Recover with the code from step 1 ------------------------------------------------------
  await navigate(page, () => page.getByRole('link', { name: 'Wachtwoord vergeten? Gebruik uw herstelcode.' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Wallet herstellen' }).isVisible(), 'the sign-in page leads to /recover');
  await checkPage(page, 'recover');
  await page.getByLabel('Gebruikersnaam').fill(USER);
  await page.getByLabel('Herstelcode').fill(recoveryCode);
  await page.getByLabel('Nieuw wachtwoord').fill(NEW_PASSPHRASE);
  const recovered = await navigate(page, () => page.getByRole('button', { name: 'Nieuw wachtwoord instellen' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Uw herstelcode' }).isVisible(), 'the recovery code from step 1 works',
       `${recovered?.status()} ${await mainText(page)}`);
  const newCode = squash(await page.locator('#recovery-code').innerText());
  check(RECOVERY_CODE.test(newCode) && newCode !== recoveryCode, 'a new recovery code replaces the used one', newCode);
  await checkPage(page, 'recovery-code-new');
  await navigate(page, () => page.getByRole('link', { name: 'Ik heb de code opgeschreven' }).click());
  await page.getByLabel('Gebruikersnaam').fill(USER);
  await page.getByLabel('Wachtwoord').fill(NEW_PASSPHRASE);
  await navigate(page, () => page.getByRole('button', { name: 'Aanmelden' }).click());
  must(await page.getByRole('heading', { level: 1, name: 'Mijn vaardigheden' }).isVisible(), 'signed in with the new passphrase',
       await mainText(page));
  check(await page.getByRole('region', { name: 'Gemeente Voorbeeld' }).getByRole('listitem').count() === 2,
        'the skills are still there after recovery');
  await checkPage(page, 'home-after-recovery');
} catch (e) {
  if (!(e instanceof StepFailed)) check(false, 'the walk went on without an unexpected error', e?.stack ?? String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  await services.stopAll();
  if (failures > 0) console.log(services.logs());
  if (args.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`screenshots in ${args.screenshots}`);
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
