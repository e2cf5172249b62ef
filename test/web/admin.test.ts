// Administration in Chromium (issue 14): an administrator creates a user in 用户管理 (a taken id is
// refused at its field; roles, jurisdiction and unit picked as a user picks them) and is shown the
// one-time password, with which the new user signs in; an auditor filters 审计日志 by action and finds
// that creation, and follows a matter's entry to the matter. Screenshots and axe on both pages.
import t from 'tap';
import { consoleHarness } from '../helpers/browser.js';

t.test('用户管理 and 审计日志', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  const matter = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    summary: '楼上漏水，协商未果',
    facts: { parties: 2 },
    parties: [{ role: 'applicant', name: '甲' }],
  });
  t.equal(matter.status, 201, 'a matter received (its matter.create entry links to it)');
  let password = '';
  let adminPage: Awaited<ReturnType<typeof c.signIn>> | undefined;

  await t.test('an administrator creates a user; a taken id is refused at its field', async (t) => {
    const page = (adminPage = await c.signIn('admin', { viewport: { width: 1440, height: 900 } }));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL(/\/admin\/users$/);
    await page.locator('[data-test=users] tbody tr').first().waitFor();

    await page.click('[data-test=user-create]');
    await page.fill('#user-id', 'clerk');
    await page.fill('#user-name', '新同事 王芳');
    await page.locator('[data-test=user-roles]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^窗口受理员$/ }).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^调解员$/ }).click();
    await page.fill('#user-name', '新同事 王芳'); // leaves the roles' list
    await page.locator('[data-test=user-region]').click();
    // The city opens its districts (a click while the panel is still opening may be lost: click again).
    const district = page.locator('.el-cascader-node:visible', { hasText: '明江区' });
    for (let i = 0; i < 10 && !(await district.count()); i++) {
      await page.locator('.el-cascader-node:visible', { hasText: '甬江市' }).click();
      await district.waitFor({ timeout: 2000 }).catch(() => undefined);
    }
    await district.locator('.el-radio').click();
    await page.keyboard.press('Escape');
    t.match(await page.locator('[data-test=user-region] input').inputValue(), /明江区/, 'the district chosen');
    await page.locator('[data-test=user-unit]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '住房和城乡建设局' }).first().click();
    t.same(await c.axe(page), [], 'axe: the dialog');

    await page.click('[data-test=user-save]');
    const idError = page.locator('.el-form-item', { has: page.locator('#user-id') }).locator('.el-form-item__error');
    await idError.waitFor();
    t.match(await idError.innerText(), /已存在/, 'the server’s 409 shown at the id field');
    await page.fill('#user-id', 'web.newbie');
    await page.click('[data-test=user-save]');
    const shown = page.locator('[data-test=one-time-password]');
    await shown.waitFor();
    password = (await shown.innerText()).trim();
    t.match(password, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/, 'the generated password, shown once');
    await page.click('[data-test=password-done]');
    await shown.waitFor({ state: 'detached' }).catch(() => shown.waitFor({ state: 'hidden' }));
    await page.locator('#user-id').waitFor({ state: 'hidden' });

    await page.fill('#users-search', 'newbie');
    await page.click('[data-test=user-apply]');
    await page.waitForURL(/search=newbie/);
    // The new user is on the list before the search too: the total says the search has answered.
    await page.locator('[data-test=users-total]', { hasText: '共 1 条' }).waitFor();
    const row = page.locator('[data-test=users] tbody tr', { hasText: 'web.newbie' });
    await row.waitFor();
    const text = await row.innerText();
    for (const word of ['新同事 王芳', '窗口受理员', '调解员', '明江区', '住房和城乡建设局', '在用'])
      t.match(text, word, `the row reads ${word}`);
    t.equal(await page.locator('[data-test=users] tbody tr').count(), 1, 'the search finds that one');
    await c.shot(page, 'users');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations');
    t.same(errors, [], 'no page errors');
  });

  await t.test('the new user signs in with that password', async (t) => {
    const page = await c.browser.newPage();
    await page.goto(`${c.base}/login`);
    await page.fill('input[name=username]', 'web.newbie');
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/inbox$/);
    t.pass('signed in, on 我的待办');
    await page.close();
  });

  await t.test('an auditor filters the log by action and finds the creation', async (t) => {
    const page = await c.signIn('auditor', { viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL(/\/admin\/audit$/);
    await page.locator('[data-test=audit] tbody tr').first().waitFor();
    await page.locator('[data-test=audit-action]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^新建用户$/ }).click();
    await page.click('[data-test=audit-apply]');
    await page.waitForURL(/action=user\.create/);
    const row = page.locator('[data-test=audit] tbody tr', { hasText: 'web.newbie' });
    await row.waitFor();
    const text = await row.innerText();
    for (const word of ['新建用户', '用户', 'admin', 'demo-county-a']) t.match(text, word, `the entry reads ${word}`);
    t.match(text, /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, 'the time in China time');
    t.notMatch(text, password, 'no password in the entry');
    await c.shot(page, 'audit');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations');

    // Filters are kept in the address: a link to the matters' entries opens filtered, and links on.
    await page.goto(`${c.base}/admin/audit?action=matter.`);
    const link = page.locator('[data-test=audit-target-link]', { hasText: String(matter.json.id) }).first();
    await link.waitFor();
    await link.click();
    await page.waitForURL(new RegExp(`/matters/${matter.json.id}$`));
    t.pass('the entry’s target opens the matter');
    t.same(errors, [], 'no page errors');
    await page.close();
  });

  await t.test('an edit, then a password reset shows a new one-time password, which signs in', async (t) => {
    const page = adminPage!;
    const row = page.locator('[data-test=users] tbody tr', { hasText: 'web.newbie' });
    // First an edit: the dialog opens filled in; the name changed, the rest kept.
    await row.locator('[data-test=user-edit]').click();
    t.equal(await page.inputValue('#user-name'), '新同事 王芳', 'the dialog shows the user');
    await page.fill('#user-name', '王芳');
    await page.click('[data-test=user-save]');
    await row.filter({ hasText: '王芳' }).filter({ hasNotText: '新同事' }).waitFor();
    t.match(await row.innerText(), /窗口受理员[\s\S]*调解员[\s\S]*住房和城乡建设局/, 'roles and unit kept');
    await row.locator('[data-test=user-reset]').click();
    const confirm = page.locator('.el-message-box', { hasText: 'web.newbie' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    const shown = page.locator('[data-test=one-time-password]');
    await shown.filter({ hasNotText: password }).waitFor();
    const second = (await shown.innerText()).trim();
    t.not(second, password, 'another password');
    await page.click('[data-test=password-done]');
    const login = async (pw: string) =>
      (await h.call(null, 'POST', '/api/auth/login', { username: 'web.newbie', password: pw })).status;
    t.equal(await login(second), 200, 'the new one signs in');
    t.equal(await login(password), 401, 'the old one no longer');
    await page.close();
  });
});
