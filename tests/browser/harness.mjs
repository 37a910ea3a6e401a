// What every browser test here shares: Debian's chromium at 360×740 (a phone held upright; never a
// downloaded browser), a console that counts errors (CSP violations and 4xx/5xx answers included),
// and a per-page check — axe-core (serious or critical violations fail), no sideways scrolling at
// 360 px, no console errors since the last check, and a full-page screenshot named after the step.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// A context and page set up as above; `consoleErrors` collects what the page reported.
export async function openPhone(chromium, executablePath, { timeoutMs = 15_000, ignore = (url) => url.endsWith('/favicon.ico') } = {}) {
  const browser = await chromium.launch({ executablePath });
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'nl-NL', extraHTTPHeaders: { 'Accept-Language': 'nl' },
  });
  context.setDefaultTimeout(timeoutMs);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !ignore(m.location().url)) consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400 && !ignore(r.url())) consoleErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  return { browser, page, consoleErrors };
}

// checkPage(page, name) with `check(ok, what, detail)` reporting each finding.
export function pageChecker({ AxeBuilder, screenshots, check, consoleErrors }) {
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
    check(width <= 360, `${name}: fits 360 px without sideways scrolling`, `scrollWidth ${width}`);
    const errors = consoleErrors.splice(0);
    check(errors.length === 0, `${name}: no console errors (CSP violations included)`, errors.join('\n     '));
  };
}
