// 窗口受理 and the 受理回执 in Chromium: the clerk opens window intake from the navigation, registers a
// neighbour dispute in a village picked through the cascader, sees the category the summary suggests,
// gets an error at a wrong ID number and corrects it, is warned of a possible duplicate and goes on,
// double-clicks submit (one matter), and lands on the receipt: code, QR, unit, deadline; printing hides
// the console and the receipt fits one A4 or A5 page. No serious accessibility violation on either page.
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { consoleHarness, SHOTS } from '../helpers/browser.js';

const SUMMARY = '邻居在楼道堆放杂物，多次协商未果';
const PHONE = '13955556666';

t.test('window intake and its receipt', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  // An open matter of the same person in the clerk's county: the form warns before submitting.
  const earlier = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    {
      matterType: 'dispute',
      channel: 'hotline',
      category: 'neighbour',
      regionCode: 'demo-village-a1-2',
      summary: '楼道噪音',
      parties: [{ role: 'applicant', name: '李四', phone: PHONE }],
    },
    { 'idempotency-key': 'intake-web-earlier' },
  );
  t.equal(earlier.status, 201);

  const page = await c.signIn('clerk');
  await page.getByRole('menuitem', { name: '窗口受理' }).click();
  await page.waitForURL(/\/intake$/);
  await page.getByRole('heading', { name: '窗口受理' }).waitFor();
  t.match(await page.locator('[data-test=matter-type]').innerText(), /纠纷化解/, 'a dispute by default, in Chinese');
  t.match(await page.locator('[data-test=channel]').innerText(), /窗口来访/, 'at the window');

  await t.test('the village through the cascader, as a user picks it', async (t) => {
    await page.locator('[data-test=region] input').click();
    const node = (name: string) => page.locator('.el-cascader-node', { hasText: name });
    await node('明江区').click();
    await node('东湖街道').click();
    await node('柳岸社区').click();
    await t.resolves(
      page.locator('[data-test=region] input').evaluate((i) => (i as HTMLInputElement).value.includes('柳岸社区')),
    );
    t.match(await page.locator('[data-test=region] input').inputValue(), /明江区.*东湖街道.*柳岸社区/);
  });

  await t.test('the summary suggests a category, live', async (t) => {
    await page.locator('[data-test=summary]').fill(SUMMARY);
    const hint = page.locator('[data-test=category-suggestion]');
    await hint.waitFor();
    t.match(await hint.innerText(), /按摘要推荐：邻里纠纷/);
  });

  await t.test('a wrong ID number is caught at its field, then corrected', async (t) => {
    await page.locator('[data-test=party-0-name]').fill('李四');
    await page.locator('[data-test=party-0-id]').fill('330203199001011234');
    await page.locator('[data-test=party-0-phone]').click(); // leaving the field checks it
    const item = page.locator('.el-form-item', { has: page.locator('[data-test=party-0-id]') });
    const error = item.locator('.el-form-item__error');
    await error.waitFor();
    t.match(await error.innerText(), /校验位不正确/, 'the check character is wrong');
    await page.locator('[data-test=party-0-id]').fill('330203199001011236');
    await page.locator('[data-test=party-0-phone]').fill(PHONE);
    await page.locator('[data-test=summary]').click();
    await error.waitFor({ state: 'detached' });
    t.pass('the error is gone once the number is right');
    await page.locator('[data-test=add-party]').click();
    await page.locator('[data-test=party-1-name]').fill('王五');
    t.match(await page.locator('[data-test=party-1-role]').innerText(), /被申请人/, 'the second is the respondent');
  });

  await t.test('the duplicate hint before submitting', async (t) => {
    const dup = page.locator('[data-test=duplicate-hint]');
    await dup.waitFor();
    t.match(await dup.innerText(), earlier.json.trackingCode, 'the open matter of the same phone is named');
    await c.shot(page, 'intake');
    t.same(await c.axe(page), [], 'no serious accessibility violation on the form');
  });

  let id = '';
  let refusedKey = '';
  await t.test('an error the API names is shown at its field', async (t) => {
    // An answer the form's own checks cannot produce: the API refusing the summary.
    await page.route('**/api/matters', (route) => {
      refusedKey = route.request().headers()['idempotency-key'] ?? '';
      return route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          code: 'VALIDATION_FAILED',
          message: 'invalid body',
          details: [{ field: 'summary', message: 'must NOT have more than 2000 characters' }],
        }),
      });
    });
    await page.locator('[data-test=submit]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    t.match(await box.innerText(), /疑似重复/, 'a possible duplicate: asked to confirm first');
    await box.getByRole('button', { name: '继续受理' }).click();
    const item = page.locator('.el-form-item', { has: page.locator('[data-test=summary]') });
    await item.locator('.el-form-item__error', { hasText: '此项未被接受' }).waitFor();
    t.match(await page.locator('[data-test=form-error]').innerText(), /请按提示修改/);
    await page.unroute('**/api/matters');
  });

  await t.test('a double click on submit receives one matter', async (t) => {
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/matters')) keys.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.locator('[data-test=submit]').dblclick();
    await page.waitForURL(/\/receipt\/\d+$/);
    id = page.url().split('/').pop()!;
    t.equal(keys.length, 1, 'one request sent');
    t.match(keys[0], /^[0-9a-f-]{36}$/, 'with an Idempotency-Key');
    t.equal(keys[0], refusedKey, 'the same key as the refused try: one key per form');
    const rows = await h.db('app.matters').where({ summary: SUMMARY }).select('id', 'tracking_code', 'category');
    t.equal(rows.length, 1, 'one matter in the database');
    t.equal(String(rows[0]!.id), id);
    t.equal(rows[0]!.category, 'neighbour', 'filed under the suggested category');
    t.equal(
      await h
        .db('app.parties')
        .where({ matter_id: id })
        .count('* as n')
        .first()
        .then((r) => +r!.n),
      2,
    );
  });

  await t.test('the receipt: code, QR, unit, deadline, and nothing personal', async (t) => {
    const receipt = page.locator('[data-test=receipt]');
    await receipt.waitFor();
    const expected = (await h.call('clerk', 'GET', `/api/intake/receipt/${id}`)).json;
    t.equal(await page.locator('[data-test=code]').innerText(), expected.trackingCode);
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-test=qr]') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    t.pass('the QR code image loaded');
    t.equal(await page.locator('[data-test=unit]').innerText(), expected.unitLabel, `the unit: ${expected.unitLabel}`);
    t.match(await page.locator('[data-test=tier]').innerText(), expected.tierLabel.zh);
    await page.locator('[data-test=deadline]').filter({ hasNotText: '正在计算' }).waitFor({ timeout: 20_000 });
    t.match(await page.locator('[data-test=deadline]').innerText(), /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}|接手后告知/);
    t.match(await page.locator('[data-test=tracking-url]').innerText(), `/track/${expected.trackingCode}`);
    t.match(await page.locator('[data-test=next]').innerText(), /调解/, 'what happens next, in plain Chinese');
    const text = await receipt.innerText();
    t.match(text, /李\*/, 'the applicant masked');
    t.notMatch(text, /330203|1236|13955556666|6666|李四|王五/, 'no ID number, phone or full name');
    await c.shot(page, 'receipt');
    t.same(await c.axe(page), [], 'no serious accessibility violation on the receipt');
  });

  await t.test('printing: the page alone, on one A4 or A5 sheet', async (t) => {
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.locator('[data-test=print]').click();
    t.equal(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1, '打印 prints');
    await page.emulateMedia({ media: 'print' });
    t.notOk(await page.locator('aside').isVisible(), 'the navigation is hidden');
    t.notOk(await page.locator('header').isVisible(), 'the header is hidden');
    t.notOk(await page.locator('[data-test=print]').isVisible(), 'the toolbar is hidden');
    t.ok(await page.locator('[data-test=receipt]').isVisible(), 'the receipt is shown');
    // Printed to PDF at the page's own @page size (kept beside the screenshots), counted by its pages.
    const pages = async (paper: string) => {
      const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true }));
      fs.writeFileSync(path.join(SHOTS, `receipt-${paper}.pdf`), pdf);
      return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    };
    t.equal(await pages('A4'), 1, 'one A4 page');
    await page.emulateMedia({ media: 'screen' });
    await page.locator('[data-test=paper]').getByText('A5').click();
    t.match(await page.locator('style[data-test=page-size]').textContent(), /size: A5/);
    await page.emulateMedia({ media: 'print' });
    t.equal(await pages('A5'), 1, 'one A5 page');
    await page.close();
  });
});
