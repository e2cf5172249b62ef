// 流程监控 in Chromium (issue 14): a matter whose bad facts raise an incident on triage; the administrator
// opens the monitor, finds it by its tracking code, opens the instance, sees the incident on the
// diagram (Task_Triage marked, one token there), corrects the `facts` variable in the dialog (a bad
// JSON is refused first), retries and sees the instance move on; the diagram and status follow.
// Screenshot `monitor`; axe on both pages.
import t from 'tap';
import { consoleHarness } from '../helpers/browser.js';
import { eventually } from '../helpers/engine.js';

t.test('流程监控: find by code, see the incident, fix the variable, retry', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  const m = await h.receive({
    matterType: 'dispute',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    facts: { parties: 2, violance: true } as any,
  });
  const code = m.trackingCode;
  await eventually(
    async () => (await h.call('admin', 'GET', `/api/monitor/stuck?kind=incident&code=${code}`)).json.total === 1,
    30_000,
    'the incident on triage',
  );

  const page = await c.signIn('admin', { viewport: { width: 1440, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await t.test('the monitor: counts by kind, found by tracking code', async (t) => {
    await page.getByRole('menuitem', { name: '流程监控' }).click();
    await page.waitForURL(/\/monitor/);
    await page.locator('[data-test=stuck] tbody tr').first().waitFor();
    t.match(await page.locator('[data-test=kind-incident]').innerText(), /1\s*事故/, 'the incident counted');
    for (const word of ['无人处理', '超期未升级', '无进展'])
      t.match(await page.locator('[data-test=kinds]').innerText(), word);
    await page.fill('#monitor-code', code.toLowerCase());
    await page.click('[data-test=apply]');
    await page.waitForURL(/code=/);
    const rows = page.locator('[data-test=stuck] tbody tr');
    await rows.filter({ hasText: code }).waitFor();
    t.equal(await rows.count(), 1, 'only that instance');
    const text = await page.locator('[data-test=stuck]').innerText();
    t.match(text, '事故', 'the kind in Chinese');
    t.match(text, '分类分级', 'the element by its name');
    t.match(text, /violance/, 'the incident message');
    t.match(text, /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, 'since, in China time');
    await page
      .locator('[data-test=stuck] .el-loading-mask')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await c.shot(page, 'monitor');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations');
    // A batch over the filter is previewed first: how many it would touch, nothing done until confirmed.
    await page.click('[data-test=batch-retry]');
    const affects = page.locator('[data-test=batch-affects]');
    await affects.waitFor();
    t.match(await affects.innerText(), '将影响 1 个实例', 'the preview counts the filter');
    t.match(await page.locator('[data-test=batch-dialog]').innerText(), code, 'and names its codes');
    await page.locator('[data-test=batch-dialog]').getByRole('button', { name: '关闭' }).last().click();
    await affects.waitFor({ state: 'hidden' });
  });

  await t.test('the instance: incident on the diagram, variable fixed, retried, moved', async (t) => {
    await page.locator('[data-test=monitor-link]', { hasText: code }).click();
    await page.waitForURL(new RegExp(`/monitor/${m.processInstanceKey}`));
    await page.locator('[data-test=tracking-code]', { hasText: code }).waitFor();
    const triage = page.locator('[data-test=monitor-canvas] g.djs-element[data-element-id="Task_Triage"]');
    await triage.waitFor({ timeout: 20_000 });
    t.match(await triage.getAttribute('class'), /\bgc-incident\b/, 'Task_Triage carries the incident marker');
    const badge = page.locator('[data-test=monitor-canvas] .gc-tokens');
    await badge.first().waitFor();
    t.equal(await badge.first().innerText(), '1', 'one token waits there');
    t.match(await page.locator('[data-test=incident]').innerText(), /violance/, 'the incident message');
    t.match(await page.locator('[data-test=instance-state]').innerText(), '运行中');
    t.match(await page.locator('[data-test=variable-value-facts]').innerText(), /violance/, 'the variables');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations');
    await c.shot(page, 'monitor-instance');

    await page.click('[data-test=variable-edit-facts]');
    const json = page.locator('#variable-json');
    await json.waitFor();
    await json.fill('{"parties": 2, "violence": true');
    await page.click('[data-test=variable-save]');
    await page.getByText('不是有效的 JSON').waitFor();
    t.pass('a bad JSON is refused in the dialog');
    await json.fill('{"parties": 2, "violence": true}');
    await page.click('[data-test=variable-save]');
    await page.locator('[data-test=variable-saved]').waitFor();
    await page.locator('[data-test=variable-value-facts]', { hasText: '"violence":true' }).waitFor();
    t.pass('the corrected value is shown');
    await page.locator('[data-test=history-entry]', { hasText: '修改变量' }).waitFor();

    await page.click('[data-test=retry]');
    const result = page.locator('[data-test=retry-result]');
    await result.waitFor({ timeout: 20_000 });
    t.match(await result.innerText(), '实例已继续', 'the instance moved');
    await page.locator('[data-test=no-incident]').waitFor();
    t.equal(await page.locator('[data-test=incident]').count(), 0, 'no incident left');
    // Moved on into the called mediation, the page opens that diagram: the root's tab shows triage.
    const tabs = page.locator('[data-test=monitor-diagram-tabs]');
    if (await tabs.count()) await tabs.getByText('主流程', { exact: false }).click();
    // The root is drawn at its current step's plane; its breadcrumb leads up to the top, where triage is.
    const top = page.locator('[data-test=monitor-canvas] .bjs-breadcrumbs li').first();
    // At the top plane already, the breadcrumbs are there but hidden: nothing to click.
    if (await top.isVisible()) await top.click({ timeout: 5000 }).catch(() => undefined);
    await triage.waitFor({ state: 'attached', timeout: 20_000 });
    t.notMatch(await triage.getAttribute('class'), /\bgc-incident\b/, 'the marker is gone');
    t.match(await triage.getAttribute('class'), /\bgc-completed\b/, 'triage is on the path taken');
    t.match(await page.locator('[data-test=history]').innerText(), /重试[\s\S]*实例已继续/, 'the retry in the history');
    await h.waitForEvent(m, 'triaged');
    t.same(errors, [], 'no script errors');
  });
});
