// 消息投递 in Chromium (issue 15): a message the sender gave up on (a dead letter) is listed for the
// administrator with what it was, its channel and recipient in words (never a number), the matter, tries
// and error; 重新发送 (confirmed) puts it back in the queue ('queued' in app.deliveries). The supervisor
// sees the list without the button; a second try on the same message is told it is no longer dead.
// 文书生成失败: a letter whose document (PDF) was given up on is listed with its kind, matter and addressee
// in words, tries and error; 重新生成 (confirmed) gives it fresh tries and the next round makes it.
import t from 'tap';
import { consoleHarness } from '../helpers/browser.js';
import { eventually } from '../helpers/engine.js';
import { receive } from '../helpers/messages.js';
import { senderRound } from '../../services/sender/index.js';
import { demoSms } from '../../services/sender/sms.js';
import { makeLetterDocuments } from '../../services/documents/index.js';
import { recordStep } from '../../store/matters.js';

const VIEW = { viewport: { width: 1440, height: 1000 } };
const ERROR = 'aliyun: isv.MOBILE_NUMBER_ILLEGAL: invalid number';
const DOC_ERROR = 'pdfmake: font not found';
const MEDIATORS = 'demo-town-a1/people-mediation-committee';

t.test('dead letters: listed with labels, sent again by the administrator', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  const sender = { db: h.db, vault: h.vault, sms: demoSms, clock: () => h.now() };
  const sms = await eventually(
    async () => {
      await senderRound(sender);
      await new Promise((r) => setTimeout(r, 200));
      return h.db('app.deliveries').where({ matter_id: m.id, channel: 'sms', template: 'matter-received' }).first();
    },
    60_000,
    'the receipt SMS as a delivery',
  );
  await h.db('app.deliveries').where({ id: sms.id }).update({ status: 'dead', attempts: 5, last_error: ERROR });

  const page = await c.signIn('admin', VIEW);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByRole('menuitem', { name: '消息投递' }).click();
  await page.waitForURL(/\/admin\/deliveries$/);
  const row = page.locator('[data-test=dead-letters] tbody tr', { hasText: m.code });
  await row.waitFor();
  const text = await row.innerText();
  t.match(text, '受理', 'the kind in words');
  t.notMatch(text, 'matter-received', 'not its code');
  t.match(text, '短信', 'the channel in words');
  t.match(text, '申请人', 'the recipient as a role');
  t.notMatch(text, '13812345678', 'never the number');
  t.match(text, ERROR, 'why it failed');
  t.match(text, /\b5\b/, 'the tries');
  t.ok(await row.getByRole('link', { name: m.code }).count(), 'the matter code links to the matter');
  await c.shot(page, 'deliveries');
  t.same(await c.axe(page), [], 'axe: no serious or critical violations');

  await row.locator('[data-test=retry]').click();
  const box = page.locator('.el-message-box');
  await box.waitFor();
  t.match(await box.innerText(), '重新放入发送队列', 'asked to confirm');
  t.same(await c.axe(page), [], 'axe: the confirmation');
  await box.getByRole('button', { name: '确定' }).click();
  await page.locator('.el-message', { hasText: '已重新放入发送队列' }).waitFor();
  const after = await h.db('app.deliveries').where({ id: sms.id }).first('status', 'attempts');
  t.equal(after.status, 'queued', "back in the queue ('queued')");
  t.equal(after.attempts, 0, 'with fresh tries');
  await row.waitFor({ state: 'detached' });
  t.pass('and off the list');
  t.same(errors, [], 'no script errors');
  await page.close();

  await t.test('a message no longer dead: the retry says so (409)', async (t) => {
    await h.db('app.deliveries').where({ id: sms.id }).update({ status: 'dead', last_error: ERROR });
    const p = await c.signIn('admin', VIEW);
    await p.goto(`${c.base}/admin/deliveries`);
    const r = p.locator('[data-test=dead-letters] tbody tr', { hasText: m.code });
    await r.waitFor();
    await h.db('app.deliveries').where({ id: sms.id }).update({ status: 'queued' });
    await r.locator('[data-test=retry]').click();
    await p.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await p.locator('.el-message', { hasText: '已不在发送失败状态' }).waitFor();
    t.pass('told it is no longer a failed message');
    await p.close();
  });

  await t.test('a letter whose document failed: listed, made again by the administrator', async (t) => {
    await recordStep(
      h.db,
      m.id,
      { type: 'reminder-letter', at: h.now(), tier: 'town', unit: MEDIATORS, data: {}, dedupKey: `w-doc:${m.id}` },
      {},
      [{ recipientKind: 'unit', recipient: MEDIATORS, template: 'reminder-letter', payload: {} }],
    );
    // Delivered, and given up on after five tries (as the document step leaves it).
    await h
      .db('app.outbox')
      .where({ dedup_key: `w-doc:${m.id}:0` })
      .update({ expanded_at: h.now(), document_attempts: 5, document_error: DOC_ERROR });
    const letter = await h
      .db('app.outbox')
      .where({ dedup_key: `w-doc:${m.id}:0` })
      .first('id');
    const p = await c.signIn('admin', VIEW);
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${c.base}/admin/deliveries`);
    await p.getByRole('heading', { name: '文书生成失败' }).waitFor();
    const r = p.locator('[data-test=failed-documents] tbody tr', { hasText: m.code });
    await r.waitFor();
    const text = await r.innerText();
    t.match(text, '工作提示函', 'the kind in words');
    t.notMatch(text, 'reminder-letter', 'not its code');
    t.match(text, '东湖街道人民调解委员会', 'the addressee in words');
    t.notMatch(text, MEDIATORS, 'not the unit code');
    t.match(text, DOC_ERROR, 'why it failed');
    t.match(text, /\b5\b/, 'the tries');
    t.ok(await r.getByRole('link', { name: m.code }).count(), 'the matter code links to the matter');
    await c.shot(p, 'deliveries-documents');
    t.same(await c.axe(p), [], 'axe: with failed documents');

    await r.locator('[data-test=retry-document]').click();
    const box = p.locator('.el-message-box');
    await box.waitFor();
    t.match(await box.innerText(), '重新生成', 'asked to confirm');
    await box.getByRole('button', { name: '确定' }).click();
    await p.locator('.el-message', { hasText: '文书将在下一轮生成' }).waitFor();
    const after = await h.db('app.outbox').where({ id: letter.id }).first('document_attempts', 'document_error');
    t.same(after, { document_attempts: 0, document_error: null }, 'fresh tries, the error cleared');
    await r.waitFor({ state: 'detached' });
    t.pass('and off the list');
    t.ok((await makeLetterDocuments({ db: h.db, clock: () => h.now() })) >= 1, 'the next round makes it');
    t.ok(await h.db('app.documents').where({ outbox_id: letter.id }).first('id'), 'its PDF stored');
    t.equal(
      (await h.db('app.audit_log').where({ action: 'document.retry', target_id: String(letter.id) })).length,
      1,
      'audited',
    );
    t.same(errors, [], 'no script errors');
    await p.close();
  });

  await t.test('the supervisor sees the list, without 重新发送', async (t) => {
    await h.db('app.deliveries').where({ id: sms.id }).update({ status: 'dead', last_error: ERROR });
    const p = await c.signIn('supervisor', VIEW);
    await p.getByRole('menuitem', { name: '消息投递' }).click();
    await p.locator('[data-test=dead-letters] tbody tr', { hasText: m.code }).waitFor();
    t.equal(await p.locator('[data-test=retry]').count(), 0, 'no retry button');
    await p.getByRole('heading', { name: '文书生成失败' }).waitFor();
    t.equal(await p.locator('[data-test=retry-document]').count(), 0, 'no 重新生成 either');
    t.same(await c.axe(p), [], 'axe');
    await p.close();
  });

  await t.test('others do not have the entry', async (t) => {
    const p = await c.signIn('auditor', VIEW);
    t.equal(await p.getByRole('menuitem', { name: '消息投递' }).count(), 0, 'the auditor: no 消息投递');
    t.equal(await p.getByRole('menuitem', { name: /函件/ }).count(), 1, 'but 函件 (the sent box)');
    await p.close();
  });
});
