// 函件 in Chromium (issue 15): a matter is taken in and routed; its assignment notice (交办通知) reaches the
// handling unit as a letter. Someone of that unit sees it unread in 收件 (and the menu badge), opens it
// (read in app.deliveries), acknowledges it with a note (签收, in app.deliveries); the supervisor's 发件
// shows it 已签收 with the name, and the matter's timeline shows the SMS and the letter with their status.
import t from 'tap';
import { unitLabel } from '../../domain/index.js';
import type { Page } from 'playwright-core';
import { consoleHarness, PASSWORD, type ConsoleHarness } from '../helpers/browser.js';
import { TEST_USERS } from '../helpers/api.js';
import { eventually } from '../helpers/engine.js';
import { receive } from '../helpers/messages.js';
import { senderRound } from '../../services/sender/index.js';
import { demoSms } from '../../services/sender/sms.js';
import { upsertUser } from '../../store/users.js';
import { hashPassword } from '../../api/auth.js';

const VIEW = { viewport: { width: 1440, height: 1000 } };
const NOTE = '已安排专人办理';

/** Someone of `unit`: the test user of that unit, or a staff account made for it (ids as scripts/seed.ts). */
async function memberOf(c: ConsoleHarness, unit: string): Promise<{ id: string; name: string }> {
  const known = TEST_USERS.find((u) => u.unit === unit);
  if (known) return { id: known.id, name: known.id };
  const [regionCode] = unit.split('/') as [string];
  const id = unit.replace('/', '.');
  const name = `${c.h.regions.get(regionCode).name}调解员甲`;
  const passwordHash = await hashPassword(PASSWORD);
  await upsertUser(c.h.db, { id, displayName: name, passwordHash, roles: ['mediator'], regionCode, unit });
  return { id, name };
}

/** Signs in through the sign-in page as any user with the test password (c.signIn knows the same). */
async function signInAs(c: ConsoleHarness, id: string): Promise<Page> {
  const page = await c.browser.newPage(VIEW);
  await page.goto(`${c.base}/login`);
  await page.fill('input[name=username]', id);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/inbox$/);
  return page;
}

t.test('a letter received, opened, acknowledged; the sender sees it; the timeline says so', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  const sender = { db: h.db, vault: h.vault, sms: demoSms, clock: () => h.now() };
  const letter = await eventually(
    async () => {
      await senderRound(sender);
      await new Promise((r) => setTimeout(r, 200));
      return h.db('app.deliveries').where({ matter_id: m.id, channel: 'letter', template: 'matter-assigned' }).first();
    },
    60_000,
    'the assignment notice delivered as a letter',
  );
  await senderRound(sender); // the receipt SMS, sent
  t.match(letter.recipient_ref, /^[a-z0-9-]+\/[a-z0-9-]+$/, 'addressed to a region-qualified unit');
  const who = await memberOf(c, letter.recipient_ref);

  const page = await signInAs(c, who.id);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const badge = page.locator('[data-test=letters-badge]');
  await badge.waitFor();
  t.match(await badge.innerText(), /^\d+$/, 'the menu shows the unread count');

  await t.test('收件: the letter, unread and bold; opened it is read in the DB', async (t) => {
    await page.getByRole('menuitem', { name: /函件/ }).click();
    await page.waitForURL(/\/letters/);
    const row = page.locator('[data-test=letters-received] tbody tr', { hasText: m.code });
    await row.waitFor();
    t.match(await row.innerText(), '交办通知', 'the kind in words');
    t.match(await row.innerText(), '未读', 'unread');
    t.match(await row.getAttribute('class'), /\bunread\b/, 'the row is marked unread (bold)');
    const weight = await row.locator('[data-test=letter-open]').evaluate((e) => getComputedStyle(e).fontWeight);
    t.equal(weight, '700', 'the subject in bold');
    t.ok(await row.locator('[data-test=letter-matter]').count(), 'the matter code links to the matter');
    t.match(await page.locator('[data-test=letters-counts]').innerText(), /未读 \d+ 件/, 'the box counts');
    await c.shot(page, 'letters-received');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations on 收件');

    await page.fill('[data-test=letter-code]', m.code);
    await page.click('[data-test=letter-apply]');
    await page.waitForURL(new RegExp(`code=${m.code}`));
    t.pass('the code filter is in the address');

    await row.locator('[data-test=letter-open]').click();
    const drawer = page.locator('[data-test=letter-drawer]');
    await drawer.locator('[data-test=letter-text]').waitFor();
    t.match(await drawer.innerText(), m.code, 'the letter names the matter');
    await page.waitForURL(/open=\d+/);
    const read: { read_by: string } = await eventually(
      async () => h.db('app.deliveries').where({ id: letter.id }).whereNotNull('read_at').first('read_by'),
      10_000,
      'the letter recorded as read',
    );
    t.equal(read.read_by, who.id, 'read by the one who opened it');
    await row.filter({ hasNotText: '未读' }).waitFor();
    t.notMatch(await row.getAttribute('class'), /\bunread\b/, 'no longer bold');
    await page.locator('[data-test=letters-badge]').waitFor({ state: 'detached' });
    t.pass('the menu badge follows (no unread letter left)');
    t.same(await c.axe(page), [], 'axe: the open letter');
  });

  await t.test('签收 with a note: acknowledged in the DB, shown with time and name', async (t) => {
    const drawer = page.locator('[data-test=letter-drawer]');
    await drawer.locator('#letter-note').fill(NOTE);
    await drawer.locator('[data-test=letter-acknowledge]').click();
    const acked = drawer.locator('[data-test=letter-acked]');
    await acked.waitFor();
    t.match(await acked.innerText(), new RegExp(`已签收 · \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2} · ${who.name}`));
    t.match(await acked.innerText(), NOTE, 'and the note');
    const row = await h.db('app.deliveries').where({ id: letter.id }).first();
    t.ok(row.acknowledged_at, 'acknowledged in app.deliveries');
    t.equal(row.acknowledged_by, who.id, 'by the member who did it');
    t.equal(row.acknowledge_note, NOTE, 'with the note');
    await c.shot(page, 'letter-acknowledged');
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.searchParams.has('open'));
    t.match(
      await page.locator('[data-test=letters-received] tbody tr', { hasText: m.code }).innerText(),
      '已签收',
      'the row says 已签收',
    );
    t.same(errors, [], 'no script errors');
    await page.close();
  });

  await t.test('发件: the supervisor sees it acknowledged, with the name', async (t) => {
    const sup = await c.signIn('supervisor', VIEW);
    await sup.goto(`${c.base}/letters`);
    await sup.waitForURL(/box=sent/);
    t.pass('a supervisor without a unit lands on 发件');
    await sup.fill('[data-test=letter-code]', m.code);
    await sup.click('[data-test=letter-apply]');
    const row = sup.locator('[data-test=letters-sent] tbody tr', { hasText: m.code });
    await row.filter({ hasText: '已签收' }).waitFor();
    const text = await row.innerText();
    t.match(text, who.name, 'by whom');
    t.match(text, /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, 'when (China time)');
    t.match(text, '交办通知', 'what');
    t.equal(await row.locator('[data-test=letter-no-staff]').count(), 0, 'a unit with staff: no warning');
    // The addressee picked by name (never a code): its letters stay, another unit's has none of this matter.
    const name = unitLabel(letter.recipient_ref, h.regions);
    const pick = async (label: string) => {
      await sup.click('[data-test=letter-unit-filter]');
      await sup.keyboard.type(label);
      await sup.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
      await sup.click('[data-test=letter-apply]');
    };
    await pick(name);
    await sup.waitForFunction((u) => new URLSearchParams(location.search).get('unit') === u, letter.recipient_ref);
    await row.filter({ hasText: '已签收' }).waitFor();
    t.pass('filtered by its addressee, chosen by name');
    await pick('明江区信访局');
    await sup.locator('[data-test=letters-total]', { hasText: '共 0 件' }).waitFor();
    t.pass('another addressee: none of this matter');
    await c.shot(sup, 'letters-sent');
    t.same(await c.axe(sup), [], 'axe: no serious or critical violations on 发件');

    await sup.click('#tab-received');
    await sup.locator('[data-test=letters-no-unit]').waitFor();
    t.match(await sup.locator('[data-test=letters-no-unit]').innerText(), '未归属任何单位', 'no unit: said so');

    await t.test('the matter page: the timeline lists the SMS and the letter', async (t) => {
      await sup.goto(`${c.base}/matters/${m.id}`);
      const timeline = sup.locator('[data-test=timeline]');
      const sms = timeline.locator('[data-test=timeline-message][data-channel=sms]').first();
      await sms.waitFor();
      t.match(await sms.innerText(), /短信 · 申请人 · .+ ·\s*(已发送|已送达)/, 'the receipt SMS and its status');
      const mail = timeline.locator('[data-test=timeline-message][data-channel=letter]').first();
      t.match(await mail.innerText(), /交办通知/, 'the letter');
      t.match(await mail.innerText(), /已签收 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, 'acknowledged, when');
      const letters = sup.locator('[data-test=letters]');
      await letters.locator('tbody tr', { hasText: '交办通知' }).locator('.el-table__expand-icon').first().click();
      await letters.locator('[data-test=letter-receipt]').first().waitFor();
      t.match(await letters.innerText(), `已签收 ·`, 'the letters card says 已签收');
      await c.shot(sup, 'matter-timeline-messages');
      t.same(await c.axe(sup), [], 'axe: the matter page');
    });
    await sup.close();
  });

  await t.test('no unit, no sent box: a clear message, no menu entry', async (t) => {
    const clerk = await c.signIn('clerk', VIEW);
    t.equal(await clerk.getByRole('menuitem', { name: /函件/ }).count(), 0, 'no 函件 in the menu');
    await clerk.goto(`${c.base}/letters`);
    const msg = clerk.locator('[data-test=letters-no-unit]');
    await msg.waitFor();
    t.match(await msg.innerText(), '未归属任何单位');
    await clerk.close();
  });
});
