// The citizen's page at the receipt's QR address in Chromium on a 360 px phone (issue 13): progress;
// staff ask for information, the citizen checks in with the last four digits of the applicant's
// phone (a wrong try says so), reads the question and answers it; later rates the follow-up visit,
// which completes the visit's task. No name or phone on the page; axe finds nothing serious.
import t from 'tap';
import type { Page } from 'playwright-core';
import { consoleHarness } from '../helpers/browser.js';
import { eventsOf } from '../../store/matters.js';
import { taskByKey } from '../../store/tasks.js';
import { eventually } from '../helpers/engine.js';
import type { ApiHarness } from '../helpers/api.js';

const PHONE = '137-0000-2468';
const NAME = '陈晓东';
const PHONE_DIGITS = /1370000|137-0000|2468/;

const waitFor = (h: ApiHarness, id: string, type: string) =>
  eventually(
    async () => (await eventsOf(h.db, id)).find((e) => e.type === type) ?? null,
    30_000,
    `event ${type} of matter ${id}`,
  );

/** Nothing wider than the phone: no sideways scrolling at 360 px. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

t.test('a citizen follows, answers and rates on a phone', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h, base, browser } = c;
  const received = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    {
      matterType: 'consultation',
      channel: 'window',
      regionCode: 'demo-town-a1',
      summary: '咨询工资拖欠如何处理',
      parties: [{ role: 'applicant', name: NAME, phone: PHONE }],
    },
    { 'idempotency-key': 'track-web-1' },
  );
  t.equal(received.status, 201, received.body);
  const { id, trackingCode: code } = received.json as { id: string; trackingCode: string };
  const task = await h.inboxTask(code, 'Task_Answer');

  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${base}/track/${code}`);
  await page.locator('[data-test=status]').waitFor();
  t.match(await page.locator('body').innerText(), /办理中|已受理/, 'progress in Chinese');
  t.equal(await page.locator('[data-test=answer-section]').count(), 0, 'nothing to answer yet');
  t.ok(await fitsWidth(page), 'fits 360 px');
  t.same(await c.axe(page), [], 'axe: the progress');

  // Staff ask; the page offers the answer box.
  const question = '请补充最近一次领取工资的日期';
  const asked = await h.call('supervisor', 'POST', `/api/tasks/${task}/request-info`, { question });
  t.equal(asked.status, 200, asked.body);
  await page.reload();
  await page.getByText('工作人员需要您补充信息').waitFor();
  t.notMatch(await page.locator('body').innerText(), question, 'the question only after the check');
  t.same(await c.axe(page), [], 'axe: the check');

  const digits = page.getByLabel('请输入申请人登记手机号的后四位');
  await digits.fill('1357');
  await page.getByRole('button', { name: '核验' }).click();
  const problem = page.locator('[data-test=check-problem]');
  await problem.waitFor();
  t.match(await problem.innerText(), /^手机号后四位不正确，请核对后重试（还可尝试 4 次）/, 'a wrong try says so');

  await digits.fill('2468');
  await page.getByRole('button', { name: '核验' }).click();
  await page.locator('[data-test=question]').waitFor();
  t.match(await page.locator('[data-test=question]').innerText(), question, 'the question after the check');
  await page.getByLabel('您的答复').fill('2026年8月31日领取了七月工资');
  t.ok(await fitsWidth(page), 'the answer box fits 360 px');
  t.same(await c.axe(page), [], 'axe: the answer box');
  await c.shot(page, 'track-answer');
  await page.getByRole('button', { name: '提交答复' }).click();
  await page.locator('[data-test=answer-thanks]').waitFor();
  t.pass('thanked');

  const detail = await h.call('supervisor', 'GET', `/api/matters/${id}`);
  const provided = detail.json.timeline.find((e: { type: string }) => e.type === 'information-provided');
  t.match(
    provided?.data,
    { answer: '2026年8月31日领取了七月工资', question, channel: 'online', by: 'citizen' },
    'on the timeline',
  );

  // The consultation is answered and closed; the follow-up visit falls due.
  const done = await h.call('supervisor', 'POST', `/api/tasks/${task}/complete`, {
    variables: { answer: '可向劳动监察大队投诉' },
  });
  t.equal(done.status, 200, done.body);
  await waitFor(h, id, 'follow-up-scheduled');
  await h.advanceDays(12);
  const visit = await h.inboxTask(code, 'Task_FollowUp');

  await page.reload();
  await page.getByText('回访评价').waitFor();
  await page.getByLabel('请输入申请人登记手机号的后四位').fill('2468');
  await page.getByRole('button', { name: '核验' }).click();
  await page.locator('[data-test=rating-form]').waitFor();
  await page.getByRole('radio', { name: '满意', exact: true }).check();
  await page.getByRole('radio', { name: '是', exact: true }).check();
  await page.getByLabel('意见建议（选填）').fill('答复清楚，谢谢');
  t.ok(await fitsWidth(page), 'the rating form fits 360 px');
  t.same(await c.axe(page), [], 'axe: the rating form');
  await c.shot(page, 'track-rating');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.locator('[data-test=rating-thanks]').waitFor();

  const row = await taskByKey(h.db, visit);
  t.same([row?.state, row?.completedBy], ['completed', 'citizen'], 'the follow-up task is completed');
  const followUp = await waitFor(h, id, 'follow-up-done');
  t.match(followUp.data, { satisfaction: 'satisfied', resolved: true, notes: '答复清楚，谢谢' });
  await page.reload();
  await page.locator('[data-test=steps]').getByText('已回访').waitFor();
  t.same(await c.axe(page), [], 'axe: after rating');

  // No more text messages: the section asks for the digits only once opened.
  await page.locator('[data-test=sms-open]').click();
  await page.getByLabel('请输入申请人登记手机号的后四位').fill('2468');
  await page.getByRole('button', { name: '核验' }).click();
  await page.locator('[data-test=sms-opt-out]').click();
  await page.locator('[data-test=sms-done]').waitFor();
  t.equal(Number((await h.db('app.sms_opt_outs').count('* as n'))[0].n), 1, 'the number is opted out');
  t.same(await c.axe(page), [], 'axe: after opting out');

  const text = await page.locator('body').innerText();
  t.notMatch(text, NAME, 'no name on the page');
  t.notMatch(text, PHONE_DIGITS, 'no phone on the page');
  await page.close();
});
