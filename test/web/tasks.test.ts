// 我的待办 and the task page in Chromium (issue 13): the mediator of the village where a dispute was
// registered finds it in the inbox (a tab with its count), narrows the list, opens the task, submits
// the form with a required field missing (the error at the field), then correctly (back in the inbox,
// the task gone); a matter registered meanwhile appears without a reload (the ETag poll); claim,
// unclaim and a supervisor's assign through the page; a server-side rule's error shown at its field;
// asking the parties for more information. Every page is checked with axe.
import t from 'tap';
import type { Page } from 'playwright-core';
import { consoleHarness, PASSWORD } from '../helpers/browser.js';

const VILLAGE = 'demo-village-a1-1';
const UNIT = `${VILLAGE}/people-mediation-committee`;
let n = 0;

const dispute = (over: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: VILLAGE,
  summary: '邻居占用公共通道堆放杂物',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name: '林小红', phone: '13800000123' }],
  ...over,
});

t.test('the inbox and the task page in Chromium', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  const receive = async (body: Record<string, unknown>) => {
    const r = await h.call('clerk', 'POST', '/api/matters', body, { 'idempotency-key': `web-tasks-${++n}-key` });
    t.equal(r.status, 201, `matter ${n} received`);
    return r.json.trackingCode as string;
  };
  // The village's committee: 黄敏 and a colleague, as an administrator sets them up.
  for (const [id, displayName] of [
    ['huang.min', '黄敏'],
    ['zhou.li', '周丽'],
  ]) {
    const r = await h.call('admin', 'POST', '/api/users', {
      id,
      displayName,
      roles: ['mediator'],
      regionCode: VILLAGE,
      unit: UNIT,
      password: PASSWORD,
    });
    t.equal(r.status, 201, `${id} created`);
  }
  const neighbour = await receive(dispute());
  const gift = await receive(dispute({ category: 'betrothal-gift', summary: '婚约解除后彩礼返还争议' }));
  // Graver matters elsewhere in the county, for the supervisor's view (orange at the town, red at the county).
  const orange = await receive(dispute({ regionCode: 'demo-town-a1', facts: { parties: 6 } }));
  const red = await receive(dispute({ regionCode: 'demo-town-a1', category: 'labour', facts: { parties: 40 } }));
  const key = await h.inboxTask(neighbour, 'Task_Mediate');
  await h.inboxTask(gift, 'Task_Mediate');
  const rowOf = (page: Page, code: string) => page.locator('[data-test=tasks] tbody tr', { hasText: code });

  let page: Page;
  await t.test("the village's mediator finds the dispute in 我的待办", async (t) => {
    page = await c.signIn('huang.min');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await page.click('[data-test=tab-unit]');
    await rowOf(page, neighbour).waitFor();
    await rowOf(page, gift).waitFor();
    const count = page.locator('[data-test=count-unit] sup');
    await count.filter({ hasText: /^2$/ }).waitFor();
    t.pass('本单位 shows 2');
    t.equal(await page.locator('[data-test=tab-all]').count(), 0, "a mediator is not offered 'all'");
    const row = rowOf(page, neighbour);
    t.match(await row.innerText(), /纠纷化解/, 'the matter type in Chinese');
    t.match(await row.locator('[data-risk=green]').innerText(), /绿色/, 'the green grade in words, not an empty tag');
    t.match(await row.innerText(), /未认领/);
    t.same(await c.axe(page), [], 'the inbox: no serious or critical axe violations');
  });

  await t.test('sort and filters narrow the list, and stay in the address', async (t) => {
    await page.locator('[data-test=filter-category] input').fill('彩礼');
    await page.locator('.el-cascader__suggestion-item', { hasText: '彩礼' }).first().click();
    await rowOf(page, neighbour).waitFor({ state: 'detached' });
    t.equal(await rowOf(page, gift).count(), 1, 'only the betrothal-gift dispute');
    t.match(page.url(), /category=betrothal-gift/, 'the filter is in the address');
    await page.locator('[data-test=count-unit] sup').filter({ hasText: /^1$/ }).waitFor();
    t.pass('the count follows the filter');
    await page.click('[data-test=filter-overdue]');
    await page.getByText('暂无待办').waitFor();
    t.pass('nothing overdue (by the server clock)');
    await page.click('[data-test=filter-reset]');
    await rowOf(page, neighbour).waitFor();
    await page.click('[data-test=sort]');
    await page.getByRole('option', { name: '风险等级' }).click();
    await page.waitForURL(/sort=risk/);
    await rowOf(page, neighbour).waitFor();
    t.equal(await page.locator('[data-test=tasks] tbody tr').count(), 2, 'both again, by risk');
  });

  await t.test('the form: a required field missing is shown at the field; then completed', async (t) => {
    await rowOf(page, neighbour).locator('td').nth(1).click();
    await page.waitForURL(new RegExp(`/tasks/${key}$`));
    await page.locator('.fjs-form').waitFor();
    t.match(await page.locator('[data-test=task-code]').innerText(), neighbour, 'the header names the matter');
    t.match(await page.locator('[data-test=matter-aside]').innerText(), /邻里纠纷/, 'the summary beside the form');
    await page.locator('[data-test=timeline]').getByText('已受理').waitFor();
    t.pass('and the timeline in Chinese');
    t.ok(await page.locator('[data-test=submit]').isDisabled(), 'submitting waits for a claim');
    await page.click('[data-test=claim]');
    await page.locator('[data-test=claim-first]').waitFor({ state: 'detached' });
    await page.click('[data-test=submit]');
    const fieldError = page.locator('.fjs-form-field-error', { hasText: '此项为必填项' });
    await fieldError.waitFor();
    t.match(await page.locator('[data-test=form-errors]').innerText(), /调解结果/, 'the summary names the field');
    const open = await h.db('app.tasks').where({ job_key: key }).first('state');
    t.equal(open?.state, 'open', 'nothing was completed');
    t.same(await c.axe(page), [], 'the task page with its errors: no serious or critical axe violations');
    await c.shot(page, 'task');

    await page.locator('.fjs-form').getByText('达成调解协议').click();
    await page.locator('.fjs-form textarea').first().fill('双方同意三日内清理通道杂物');
    await page.click('[data-test=submit]');
    await page.waitForURL(/\/inbox/);
    await page.getByText('已办结').first().waitFor();
    await rowOf(page, gift).waitFor();
    t.equal(await rowOf(page, neighbour).count(), 0, 'the task is gone from the inbox');
    const done = await h.db('app.tasks').where({ job_key: key }).first('state', 'completed_by');
    t.same(done, { state: 'completed', completed_by: 'huang.min' });
  });

  await t.test('a matter registered meanwhile appears without a reload', async (t) => {
    await page.click('[data-test=tab-unit]');
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const fresh = await receive(dispute({ summary: '宅前排水沟堵塞引发争执' }));
    await h.inboxTask(fresh, 'Task_Mediate');
    await rowOf(page, fresh).waitFor({ timeout: 30_000 });
    t.ok(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed), 'the same page, not reloaded');

    // Claim and give back from the list.
    await rowOf(page, fresh).getByRole('button', { name: '认领' }).click();
    await rowOf(page, fresh).getByText('已认领（本人）').waitFor();
    await rowOf(page, fresh).getByRole('button', { name: '退回' }).click();
    await rowOf(page, fresh).getByText('未认领').waitFor();
    const row = await h.db('app.tasks').where({ tracking_code: fresh, state: 'open' }).first('claimed_by');
    t.equal(row?.claimed_by, null, 'claimed, then given back');
    await page.close();

    // A supervisor gives it to the mediator's colleague, picked from the unit's people.
    const sup = await c.signIn('supervisor');
    await h.inboxTask(orange, 'Task_Mediate');
    await h.inboxTask(red, 'Task_DepartmentReport');
    await sup.click('[data-test=tab-all]');
    await sup.waitForURL(/view=all/);
    await rowOf(sup, fresh).waitFor();
    await rowOf(sup, red).first().waitFor();
    t.ok(await sup.locator('[data-test=tasks] [data-risk=red]').count(), 'red, orange and green side by side');
    await sup.waitForTimeout(500); // the tab's underline slides: the screenshot waits for it
    await c.shot(sup, 'inbox-full');
    t.same(await c.axe(sup), [], "the supervisor's inbox: no serious or critical axe violations");
    await rowOf(sup, fresh).getByRole('button', { name: '指派' }).click();
    // The list grows once the unit's people arrive and its popper moves: a click meanwhile may be lost, pick again.
    const pickable = sup.locator('[data-test=assign-confirm]:not([disabled])');
    const zhou = sup.getByRole('option', { name: /周丽/ });
    for (let i = 0; i < 5 && !(await pickable.count()); i++) {
      if (!(await zhou.isVisible())) await sup.click('[data-test=assign-user]');
      await zhou.click();
      await pickable.waitFor({ timeout: 2000 }).catch(() => undefined);
    }
    t.same(await c.axe(sup), [], 'the assign dialog: no serious or critical axe violations');
    await sup.click('[data-test=assign-confirm]');
    await rowOf(sup, fresh).getByText('zhou.li 已认领').waitFor();
    const assigned = await h.db('app.tasks').where({ tracking_code: fresh, state: 'open' }).first('claimed_by');
    t.equal(assigned?.claimed_by, 'zhou.li', 'assigned through the API');
    await sup.close();
  });

  await t.test('a rule of law the server keeps, shown at its field; asking for more', async (t) => {
    // 信访工作条例: a petition is declined only with a reason; blanks pass the form but not the rule.
    const petition = await receive(
      dispute({ matterType: 'petition', category: 'land-contract', regionCode: 'demo-town-a1' }),
    );
    const pkey = await h.inboxTask(petition, 'Task_DecideAcceptance');
    const sup = await c.signIn('supervisor');
    await sup.goto(`${c.base}/tasks/${pkey}`);
    await sup.locator('.fjs-form').waitFor();
    await sup.click('[data-test=claim]');
    await sup.locator('.fjs-form').getByText('不予受理').click();
    await sup.locator('.fjs-form textarea').fill('   ');
    await sup.click('[data-test=submit]');
    await sup.locator('.fjs-form-field-error', { hasText: '不予受理信访事项须写明理由' }).waitFor();
    t.match(await sup.locator('[data-test=form-errors]').innerText(), /不予受理的理由/, 'named by its label');
    t.equal((await h.db('app.tasks').where({ job_key: pkey }).first('state'))?.state, 'open', 'still open');

    await sup.click('[data-test=ask]');
    await sup.locator('textarea[data-test=ask-question]').fill('请提供土地承包合同复印件');
    t.same(await c.axe(sup), [], 'the ask dialog: no serious or critical axe violations');
    await sup.click('[data-test=ask-send]');
    await sup.locator('[data-test=timeline]').getByText('请提供土地承包合同复印件').waitFor();
    t.pass('the question is on the timeline');
    const matter = await h.db('app.matters').where({ tracking_code: petition }).first('id');
    t.ok(
      (await h.outbox({ id: String(matter!.id) } as never)).some((o) => o.template === 'information-requested'),
      'and the parties are told',
    );
    await sup.close();
  });
});
