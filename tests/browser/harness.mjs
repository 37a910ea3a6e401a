// What every browser test here shares: Debian's chromium at 360×740 (a phone held upright; never a
// downloaded browser) or any other viewport (openContext), a console that counts errors (CSP
// violations and 4xx/5xx answers included), and a per-page check — axe-core (serious or critical
// violations fail), no sideways scrolling at 360 px (or the viewport's width), no console errors
// since the last check, and a full-page screenshot named after the step.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// A context and page set up as above; `consoleErrors` collects what the page reported.
export async function openPhone(chromium, executablePath, { timeoutMs = 15_000, ignore = (url) => url.endsWith('/favicon.ico') } = {}) {
  const browser = await chromium.launch({ executablePath });
  const { page, consoleErrors } = await openContext(browser, { timeoutMs, ignore });
  return { browser, page, consoleErrors };
}

// One more context (its own cookies: another person, another device) in a launched browser, at
// `viewport` (a phone — touch, 2× pixels — when `mobile`); its page reports into `consoleErrors`,
// which several contexts may share.
export async function openContext(browser, { viewport = { width: 360, height: 740 }, mobile = true, consoleErrors = [],
  timeoutMs = 15_000, ignore = (url) => url.endsWith('/favicon.ico') } = {}) {
  const context = await browser.newContext({
    viewport, deviceScaleFactor: mobile ? 2 : 1, isMobile: mobile, hasTouch: mobile,
    locale: 'nl-NL', extraHTTPHeaders: { 'Accept-Language': 'nl' },
  });
  context.setDefaultTimeout(timeoutMs);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !ignore(m.location().url)) consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400 && !ignore(r.url())) consoleErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  return { context, page, consoleErrors };
}

// checkPage(page, name) with `check(ok, what, detail)` reporting each finding.
// `maxWidth`: the viewport's width, which the page must not scroll beyond.
export function pageChecker({ AxeBuilder, screenshots, check, consoleErrors, maxWidth = 360 }) {
  mkdirSync(screenshots, { recursive: true });
  let shot = 0;
  return async function checkPage(page, name) {
    shot++;
    await page.screenshot({ path: join(screenshots, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(bad.length === 0, `${name}: no serious or critical accessibility violations (axe)`,
          bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('\n     '));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= maxWidth, `${name}: fits ${maxWidth} px without sideways scrolling`, `scrollWidth ${width}`);
    const errors = consoleErrors.splice(0);
    check(errors.length === 0, `${name}: no console errors (CSP violations included)`, errors.join('\n     '));
  };
}
