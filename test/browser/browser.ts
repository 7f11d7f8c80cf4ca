import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's chromium (apt-get install chromium): no browser is downloaded at install time. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Into .data (ignored) unless asked: `npm test` leaves the committed README screenshots alone;
// `SCREENSHOTS_DIR=docs/screenshots npm test` retakes them.
const SCREENSHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? path.join(__dirname, '..', '..', '.data', 'screenshots'));

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile each run: no state carries from one run to the next. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const profile = mkdtempSync(path.join(tmpdir(), 'unodc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** WCAG 2.1 A/AA rules of axe-core; what counts is a serious or critical violation. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact ?? '', nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the console's own button and the local sign-in page (the Hosted UI's stand-in). */
export async function signIn(context: BrowserContext, url: string, role: string, donorId?: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/local\/sign-in/);
  await page.getByLabel('Role').selectOption(role);
  if (donorId) await page.getByLabel('Donor id (for a donor)').fill(donorId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as`).waitFor();
  return page;
}
