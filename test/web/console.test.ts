// The browser console in a real Chromium (issue 13, first slice): sign-in, the inbox with its counts,
// a wrong password, claiming a task, an expired session, sign-out, and the citizen's page at the
// receipt's QR address. The console is the one `npm install` built (web/dist); the app is the API
// harness, listening on a free port.
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { chromium, type Browser } from 'playwright-core';
import { apiHarness } from '../helpers/api.js';
import { WEB_DIST } from '../../api/console.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), '.tap', 'screenshots');
const PASSWORD = 'correct horse battery staple'; // test/helpers/api.ts

const dispute = (regionCode: string, name: string, phone: string) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode,
  summary: '邻居占用公共通道',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name, phone }],
});

t.test('the console in Chromium', async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    t.fail(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (as root), then the test again`,
    );
    return;
  }
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    t.fail(`the console is not built (${WEB_DIST}): run \`npm run build:web\` (npm install does it)`);
    return;
  }
  const h = await apiHarness(t);
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  t.teardown(() => browser.close());
  fs.mkdirSync(SHOTS, { recursive: true });

  async function signIn(user: string) {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/inbox$/);
    return page;
  }

  const received = await h.call('clerk', 'POST', '/api/matters', dispute('demo-village-a1-1', '王小明', '13912345678'));
  t.equal(received.status, 201, 'a matter received for the citizen page');
  const code: string = received.json.trackingCode;

  await t.test('an unknown API path is still the JSON 404; a console path is the page', async (t) => {
    const api = await fetch(`${base}/api/no-such-thing`);
    t.equal(api.status, 404);
    t.match(await api.json(), { code: 'NOT_FOUND' });
    const page = await fetch(`${base}/inbox`);
    t.equal(page.status, 200);
    t.match(await page.text(), /<div id="app">/);
  });

  await t.test('a wrong password shows the Chinese error', async (t) => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name=username]', 'clerk');
    await page.fill('input[name=password]', 'wrong password');
    await page.click('button[type=submit]');
    await page.getByText('用户名或密码错误').waitFor();
    t.ok(/\/login/.test(page.url()), 'still on the sign-in page');
    await page.close();
  });

  await t.test('the clerk signs in, sees the inbox with counts, signs out', async (t) => {
    const page = await signIn('clerk');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    // Every tab's count comes from the API's total: a number, not the placeholder.
    for (const view of ['mine', 'unit', 'unassigned']) {
      const count = page.locator(`[data-test=count-${view}] sup`);
      await t.resolves(count.filter({ hasText: /^\d+\+?$/ }).waitFor(), `the ${view} tab shows a count`);
    }
    const text = await page.locator('body').innerText();
    t.match(text, /我的/);
    t.match(text, /本单位/);
    t.match(text, /未认领/);
    t.match(text, /窗口受理/, 'a clerk sees window intake in the navigation');
    t.notMatch(text, /流程监控/, 'but not the monitor (supervisors and administrators only)');

    await page.click('[data-test=sign-out]');
    await page.waitForURL(/\/login/);
    await page.getByText('您已退出登录').waitFor();
    t.equal(await page.evaluate(() => sessionStorage.getItem('gc.session')), null, 'the token is gone');
    await page.goto(`${base}/inbox`);
    await page.waitForURL(/\/login/);
    t.pass('the inbox needs signing in again');
    await page.close();
  });

  await t.test('the mediator claims a matter from 未认领', async (t) => {
    // A town-level matter: its mediation task is for the town's committee, the mediator's unit.
    const town = await h.call('clerk', 'POST', '/api/matters', dispute('demo-town-a1', '周一', '13700000001'));
    const townCode: string = town.json.trackingCode;
    const key = await h.inboxTask(townCode, 'Task_Mediate');
    const page = await signIn('mediator');
    await page.click('[data-test=tab-unassigned]');
    const row = page.locator('[data-test=tasks] tr', { hasText: townCode });
    await row.waitFor();
    t.ok(await row.locator('[data-risk]').count(), 'the row shows its risk grade');
    t.match(await row.innerText(), /纠纷化解/, 'and the matter type in Chinese');
    await page.screenshot({ path: path.join(SHOTS, 'inbox.png'), fullPage: true });
    await row.getByRole('button', { name: '认领' }).click();
    await row.waitFor({ state: 'detached' });
    const task = await h.db('app.tasks').where({ job_key: key }).first('claimed_by');
    t.equal(task?.claimed_by, 'mediator', 'claimed through the API');
    await page.click('[data-test=tab-mine]');
    await page.locator('[data-test=tasks] tr', { hasText: townCode }).getByText('已认领').waitFor();
    t.pass('now in 我的, marked claimed');
    await page.close();
  });

  await t.test('an expired session goes back to sign-in with a message', async (t) => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.evaluate(
      (token) =>
        sessionStorage.setItem(
          'gc.session',
          JSON.stringify({
            token,
            user: {
              sub: 'clerk',
              name: 'clerk',
              roles: ['window-clerk'],
              regionCode: 'x',
              regionPath: 'x',
              unit: null,
            },
          }),
        ),
      'not-a-valid-token',
    );
    await page.goto(`${base}/inbox`);
    await page.getByText('会话已过期，请重新登录').waitFor();
    t.ok(/\/login/.test(page.url()), 'on the sign-in page');
    await page.close();
  });

  await t.test('the citizen page shows progress in Chinese and no personal data', async (t) => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${base}/track/${code}`);
    await page.locator('[data-test=status]').waitFor();
    const status = await page.locator('[data-test=status]').innerText();
    t.match(status, /[\u4e00-\u9fff]/, `a Chinese status label (${status})`);
    const text = await page.locator('body').innerText();
    t.match(text, code, 'the tracking code');
    t.match(text, /已受理/, 'the received step');
    t.match(text, /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, 'dates in China time');
    t.notMatch(text, /王小明/, 'no party name');
    t.notMatch(text, /13912345678|5678/, 'no phone');
    await page.screenshot({ path: path.join(SHOTS, 'track.png'), fullPage: true });
    await page.goto(`${base}/track/GC-0000-0000-000`);
    await page.getByText('未找到该受理编号').waitFor();
    t.pass('an unknown code says so');
    await page.close();
  });
});
