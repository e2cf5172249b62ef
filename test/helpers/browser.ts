// The console in a real Chromium (Debian's, through playwright-core) against the API harness listening
// on a free port and serving the built web/dist. Each browser test file starts one; screenshots go to
// .tap/screenshots/ (kept as test artefacts) and every page can be checked with axe-core.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiHarness, type ApiHarness } from './api.js';
import { WEB_DIST } from '../../api/console.js';
import { CHROMIUM, CHROMIUM_HOW } from '../../platform/chromium.js';

export { CHROMIUM };

export const SHOTS = path.join(process.cwd(), '.tap', 'screenshots');
export const PASSWORD = 'correct horse battery staple'; // test/helpers/api.ts

interface TapLike {
  teardown(fn: () => unknown): void;
  passing(): boolean;
  fail(message: string): void;
}

const STILL = `addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important;'
    + ' animation-duration: 0s !important; animation-delay: 0s !important; }';
  document.head.append(style);
});`;

export interface ConsoleHarness {
  h: ApiHarness;
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
  /** A new page signed in as `user` (TEST_USERS), on the inbox. */
  signIn(user: string, opts?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** Saves a full-page screenshot as .tap/screenshots/<name>.png. */
  shot(page: Page, name: string): Promise<void>;
  /** axe-core's serious and critical violations on the page, as "rule: target" lines (empty is good). */
  axe(page: Page): Promise<string[]>;
}

/** Null (after failing `t` with how to fix it) when Chromium or the built console is missing. */
export async function consoleHarness(
  t: TapLike,
  opts: Parameters<typeof apiHarness>[1] = {},
): Promise<ConsoleHarness | null> {
  if (!fs.existsSync(CHROMIUM)) {
    t.fail(`Chromium is not installed at ${CHROMIUM}: run ${CHROMIUM_HOW}, then the test again`);
    return null;
  }
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    t.fail(`the console is not built (${WEB_DIST}): run \`npm run build:web\` (npm install does it)`);
    return null;
  }
  const h = await apiHarness(t, opts);
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  t.teardown(() => browser.close());
  // Every page stands still: transitions and animations end at once. A click on a dropdown still sliding
  // in, or on an option while its list grows, was now and then lost on a loaded machine; the pages work
  // the same, they only stop moving.
  const open = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await open(options);
    await page.addInitScript(STILL);
    return page;
  };
  fs.mkdirSync(SHOTS, { recursive: true });
  const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  return {
    h,
    base,
    browser,
    async signIn(user, o = {}) {
      const page = await browser.newPage(o.viewport ? { viewport: o.viewport } : {});
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', user);
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/inbox$/);
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    async axe(page) {
      // Measured once the page is still: a dropdown closing or a dialog fading in is half there (paler text,
      // a scroll region on its way out). Two frames let a transition that is about to start begin first.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
      await page
        .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
          timeout: 5000,
        })
        .catch(() => undefined);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: any[] }> } }).axe;
        return (await axe.run()).violations;
      });
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n: { target: string[] }) => `${v.id}: ${n.target.join(' ')}`));
    },
  };
}
