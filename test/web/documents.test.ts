// 正式文书 in Chromium (issue 15): on a matter's page the clerk asks for the receipt as PDF; the file
// arrives as a download named by its 文号 (fetched with the session's token, no token in any URL), and
// the card lists it from then on.
import t from 'tap';
import { consoleHarness } from '../helpers/browser.js';
import { receive } from '../helpers/messages.js';

t.test('the documents card: the receipt made, downloaded and listed', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const m = await receive(c.h, 'neighbour', ['13812345678', null]);
  const page = await c.signIn('clerk', { viewport: { width: 1440, height: 1000 } });
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(`${c.base}/matters/${m.id}`);
  const card = page.locator('[data-test=documents]');
  await card.waitFor();
  t.match(await card.innerText(), '正式文书');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.locator('[data-test=receipt-pdf]').click(),
  ]);
  t.match(download.suggestedFilename(), /^〔\d{4}〕综治受字第\d{4}号 受理回执\.pdf$/, 'named by its number');
  await card.locator('tbody tr', { hasText: '受理回执' }).waitFor();
  t.match(await card.innerText(), /〔\d{4}〕综治受字第\d{4}号/, 'listed with its number');
  t.notOk(
    urls.some((u) => /token|bearer/i.test(u)),
    'no token in a URL',
  );
  t.same(await c.axe(page), [], 'axe: no serious or critical violations');
});
