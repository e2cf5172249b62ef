// 事项 in Chromium (issue 13): a dispute registered through the API; the supervisor opens 事项, finds
// it by its code, opens it and sees the diagram at the current step (the called mediation's
// Task_Mediate carrying the highlight marker), the timeline in Chinese; reveals the parties (audited);
// records a withdrawal through the form, which closes the matter. Screenshots and axe on each page.
import t from 'tap';
import { consoleHarness } from '../helpers/browser.js';
import { matterById } from '../../store/matters.js';
import { eventually } from '../helpers/engine.js';

const PHONE = '13966668888';
const ID_NUMBER = '330203197707071234';

t.test('事项: list, detail with the diagram, reveal, withdrawal', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  const received = await h.call(
    'clerk',
    'POST',
    '/api/matters',
    {
      matterType: 'dispute',
      channel: 'window',
      category: 'neighbour',
      regionCode: 'demo-village-a1-1',
      summary: '邻居在楼道堆放杂物，影响通行',
      facts: { parties: 2 },
      parties: [{ role: 'applicant', name: '诸葛亮', phone: PHONE, idNumber: ID_NUMBER }],
    },
    { 'idempotency-key': 'web-matters-0001' },
  );
  t.equal(received.status, 201, 'a dispute received');
  const { id, trackingCode: code } = received.json;
  await h.inboxTask(code, 'Task_Mediate');

  const page = await c.signIn('supervisor', { viewport: { width: 1440, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await t.test('事项: find the matter by its code', async (t) => {
    await page.getByRole('menuitem', { name: '事项' }).click();
    await page.waitForURL(/\/matters$/);
    await page.locator('[data-test=matters] tbody tr').first().waitFor();
    await page.fill('#matters-search', code.toLowerCase());
    await page.click('[data-test=apply]');
    await page.waitForURL(/search=/);
    const rows = page.locator('[data-test=matters] tbody tr');
    await rows.filter({ hasText: code }).waitFor();
    t.equal(await rows.count(), 1, 'only that matter');
    const text = await page.locator('[data-test=matters]').innerText();
    for (const word of ['纠纷化解', '邻里纠纷', '绿色']) t.match(text, word, `the row reads ${word}`);
    t.notMatch(text, /诸葛亮|13966668888/, 'no personal data in the list');
    await c.shot(page, 'matters');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations');
  });

  await t.test('the matter: diagram at the current step, timeline in Chinese', async (t) => {
    await page.locator('[data-test=matter-link]', { hasText: code }).click();
    await page.waitForURL(new RegExp(`/matters/${id}$`));
    await page.locator('[data-test=tracking-code]', { hasText: code }).waitFor();
    const step = page.locator('[data-test=bpmn-canvas] g.djs-element[data-element-id="Task_Mediate"]');
    await step.waitFor({ timeout: 20_000 });
    t.match(await step.getAttribute('class'), /\bgc-active\b/, 'Task_Mediate carries the highlight marker');
    const start = page.locator('[data-test=bpmn-canvas] g.djs-element[data-element-id="Start_Mediation"]');
    t.match(await start.getAttribute('class'), /\bgc-completed\b/, 'the start is on the path taken');
    t.ok(
      await page.locator('[data-test=bpmn-canvas] g.djs-connection.gc-completed').count(),
      'the flows taken are marked',
    );
    t.match(await page.locator('[data-test=current-step]').innerText(), /当前步骤：\s*调解/, 'the step in words');
    // The root instance, drawn at the plane of its current step (inside the collapsed sub-processes).
    await page.locator('[data-test=diagram-tabs]').getByText('主流程：矛盾纠纷化解').click();
    const call = page.locator('[data-test=bpmn-canvas] g.djs-element[data-element-id="Call_Mediation"]');
    await call.waitFor({ timeout: 20_000 });
    t.match(await call.getAttribute('class'), /\bgc-active\b/, 'the root waits in the mediation call');
    t.ok(await call.isVisible(), 'and that plane is the one shown');
    t.match(await page.locator('[data-test=current-step]').innerText(), /村\/镇调解/, 'named in words');
    await page.locator('[data-test=diagram-tabs]').getByText('子流程：分级调解').click();
    await step.waitFor();

    const timeline = await page.locator('[data-test=timeline]').innerText();
    for (const word of ['已受理', '已分流']) t.match(timeline, word, `the timeline says ${word}`);
    t.match(timeline, /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, 'times as China time');
    t.notMatch(timeline, /\btriaged\b|\breceived\b/, 'no codes for people');
    const header = await page.locator('[data-test=matter-header]').innerText();
    for (const word of ['纠纷化解', '邻里纠纷', '调解委员会']) t.match(header, word, `the header reads ${word}`);
    const letters = await page.locator('[data-test=letters]').innerText();
    t.match(letters, '交办通知', 'the letters sent');
    t.match(await page.locator('[data-test=deadlines]').innerText(), '调解', 'the mediation deadline');
    t.same(errors, [], 'no script errors');
  });

  await t.test('reveal: for the supervisor, and recorded', async (t) => {
    t.notMatch(await page.locator('[data-test=parties]').innerText(), PHONE, 'masked at first');
    t.match(await page.locator('[data-test=parties]').innerText(), '审计', 'the button says it is recorded');
    await page.click('[data-test=reveal]');
    await page.locator('[data-test=revealed]').waitFor();
    const parties = await page.locator('[data-test=parties]').innerText();
    t.match(parties, PHONE, 'the phone in full');
    t.match(parties, ID_NUMBER, 'the ID number in full');
    const audit = await h.db('app.audit_log').where({ action: 'personal-data.read', target_id: id }).select('actor');
    t.same(
      audit.map((a) => a.actor),
      ['supervisor'],
      'the reveal is in app.audit_log',
    );
    await c.shot(page, 'matter');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations');
    await page.click('[data-test=hide]');
    await page.locator('[data-test=reveal]').waitFor();
    t.notMatch(await page.locator('[data-test=parties]').innerText(), PHONE, 'masked again');
  });

  await t.test('a withdrawal recorded through the form closes the matter', async (t) => {
    await page.click('[data-test=outcome-withdrawal]');
    const dialog = page.locator('.el-dialog', { hasText: '登记撤回' });
    await dialog.waitFor();
    await dialog.locator('[data-test=outcome-code]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '当事人自行和解' }).click();
    await page.fill('#outcome-note', '双方已自行和解');
    t.same(await c.axe(page), [], 'axe: the dialog too');
    await page.click('[data-test=outcome-submit]');
    const confirm = page.locator('.el-message-box', { hasText: '当事人自行和解' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    await page.locator('[data-test=status]', { hasText: '已办结' }).waitFor({ timeout: 30_000 });
    const m = await eventually(async () => (await matterById(h.db, id))?.closureReason, 10_000, 'closure');
    t.equal(m, 'withdrawn', 'closed as withdrawn');
    t.match(await page.locator('[data-test=matter-header]').innerText(), '当事人撤回', 'the reason shown');
    await page.locator('[data-test=no-outcomes]').waitFor();
    t.match(await page.locator('[data-test=timeline]').innerText(), '已办结', 'the timeline says so');
    t.same(errors, [], 'no script errors');
  });
});
