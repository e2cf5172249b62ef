// Delivery receipts through the Alibaba Cloud adapter and the real SDK, against the local stand-in for the
// provider: a sent SMS is followed to the handset (delivered, with when), a carrier failure is dead-lettered
// with the provider's code and may be sent again, no receipt yet is asked again with back-off until two
// days have passed, a provider that cannot be asked fails nothing, and senders side by side ask once each.
import t from 'tap';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { receive } from '../helpers/messages.js';
import { aliyunAgainst, fakeAliyunSms, type FakeSms } from '../helpers/fake-aliyun-sms.js';
import { senderRound } from '../../services/sender/index.js';
import { RECEIPT_WINDOW_MS, receiptBackoffMs } from '../../services/sender/receipts.js';
import { demoSms } from '../../services/sender/sms.js';
import { deadLetters, deliveriesOfMatter, requeueDead } from '../../store/deliveries.js';
import { chinaIso } from '../../domain/index.js';

const MIN = 60_000;

async function setup(t: { teardown(fn: () => unknown): void; passing(): boolean }) {
  const h = await apiHarness(t);
  const fake = await fakeAliyunSms();
  t.teardown(() => fake.close());
  const sms = aliyunAgainst(fake);
  const clock = { now: h.now() };
  // The provider's clock is ours: it files each message under the China day it took it.
  fake.clock = () => clock.now;
  const deps = { db: h.db, vault: h.vault, sms, clock: () => clock.now };
  return { h, fake, sms, clock, deps };
}

/** The matter's receipt SMS (to the applicant). */
const receiptOf = async (h: ApiHarness, matterId: string) =>
  (await deliveriesOfMatter(h.db, matterId)).find((d) => d.channel === 'sms' && d.template === 'matter-received')!;

const queriesFor = (fake: FakeSms, phone: string) => fake.queries.filter((q) => q.phone === phone);

t.test('sent, then delivered by the receipt: status and when; messages without a check are not asked', async (t) => {
  const { h, fake, clock, deps } = await setup(t);
  // Sent by the demo before (or without) receipts: never checked, stays 'sent'.
  const old = await receive(h, 'neighbour', ['13812340001', null]);
  await senderRound({ ...deps, sms: demoSms });
  t.match(await receiptOf(h, old.id), { status: 'sent', nextCheckAt: null, receiptChecks: 0 }, 'the demo: no receipt');

  const m = await receive(h, 'neighbour', ['13812345678', null]);
  const sentAt = clock.now;
  await senderRound(deps);
  const sent = await receiptOf(h, m.id);
  t.match(sent, { status: 'sent', providerRef: /^biz-/, deliveredAt: null, receiptChecks: 0 });
  t.same(sent.nextCheckAt, new Date(sentAt.getTime() + MIN), 'the first check a minute after sending');
  // The provider's times are to the second.
  const handset = new Date(Math.floor(sentAt.getTime() / 1000) * 1000 + 7000);
  fake.receipt(sent.providerRef!, { state: 'delivered', at: handset });

  clock.now = new Date(sentAt.getTime() + 30_000);
  await senderRound(deps);
  t.equal(fake.queries.length, 0, 'not asked before its time');
  clock.now = new Date(sentAt.getTime() + MIN);
  await senderRound(deps);
  const delivered = await receiptOf(h, m.id);
  t.match(delivered, { status: 'delivered', receiptChecks: 1, nextCheckAt: null, lastError: null });
  t.same(delivered.deliveredAt, handset, 'delivered when the handset had it (the provider’s ReceiveDate)');
  t.same(
    fake.queries,
    [{ phone: '13812345678', sendDate: chinaIso(sentAt).slice(0, 10).replace(/-/g, ''), bizId: sent.providerRef }],
    'asked by number, China day of sending and BizId',
  );
  t.ok(
    fake.authorizations.every((a) => a.startsWith('ACS3-HMAC-SHA256 Credential=test-key-id,')),
    'signed',
  );

  clock.now = new Date(clock.now.getTime() + 3 * 3_600_000);
  await senderRound(deps);
  t.equal(fake.queries.length, 1, 'a delivered message is not asked again');
  t.equal(queriesFor(fake, '13812340001').length, 0, 'the one sent without receipts never asked');
  t.equal((await receiptOf(h, old.id)).status, 'sent');
  const raw = await h.db('app.deliveries').where({ matter_id: m.id }).select('*');
  t.notOk(JSON.stringify(raw).includes('13812345678'), 'no number at rest');
});

t.test('recorded just after China midnight: found under the day before', async (t) => {
  const { h, fake, clock, deps } = await setup(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  clock.now = new Date('2026-09-15T00:00:20+08:00');
  fake.clock = () => new Date('2026-09-14T23:59:58+08:00');
  await senderRound(deps);
  const sent = await receiptOf(h, m.id);
  fake.receipt(sent.idempotencyKey, { state: 'delivered', at: new Date('2026-09-15T00:00:03+08:00') });
  clock.now = new Date(clock.now.getTime() + MIN);
  await senderRound(deps);
  t.match(await receiptOf(h, m.id), { status: 'delivered', deliveredAt: new Date('2026-09-14T16:00:03Z') });
  t.same(
    fake.queries.map((q) => q.sendDate),
    ['20260915', '20260914'],
    'the day recorded, then the day before',
  );
});

t.test('failed at the carrier: dead with the provider’s code, among the dead letters, sent again', async (t) => {
  const { h, fake, clock, deps } = await setup(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  await senderRound(deps);
  const sent = await receiptOf(h, m.id);
  fake.receipt(sent.idempotencyKey, { state: 'failed', errCode: 'MK:0001', at: clock.now });
  clock.now = new Date(clock.now.getTime() + MIN);
  await senderRound(deps);
  const dead = await receiptOf(h, m.id);
  t.match(dead, { status: 'dead', lastError: /^aliyun: .*MK:0001/, nextCheckAt: null, deliveredAt: null });
  t.match(dead.lastError, /未送达/, 'says so in Chinese first');
  t.ok(
    (await deadLetters(h.db)).some((d) => d.id === dead.id),
    'in the dead letters',
  );
  clock.now = new Date(clock.now.getTime() + 10 * MIN);
  await senderRound(deps);
  t.equal(fake.queries.length, 1, 'a failed message is not asked again');
  t.equal(fake.sends.length, 1, 'nor sent again by itself');

  t.ok(await requeueDead(h.db, dead.id, clock.now), 'an administrator sends it again');
  t.match(await receiptOf(h, m.id), { status: 'queued', receiptChecks: 0, nextCheckAt: null, deliveredAt: null });
  await senderRound(deps);
  const again = await receiptOf(h, m.id);
  t.equal(fake.sends.length, 2, 'sent a second time');
  t.match(again, { status: 'sent', providerRef: 'biz-2', receiptChecks: 0, lastError: null });
  t.same(again.nextCheckAt, new Date(clock.now.getTime() + MIN), 'and followed anew');
  fake.receipt('biz-2', { state: 'delivered', at: clock.now });
  clock.now = new Date(clock.now.getTime() + MIN);
  await senderRound(deps);
  t.match(await receiptOf(h, m.id), { status: 'delivered', receiptChecks: 1 }, 'this time it arrived');
});

t.test('no receipt yet: asked again with back-off, not before; a provider error fails nothing', async (t) => {
  const { h, fake, clock, deps } = await setup(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  const sentAt = clock.now;
  await senderRound(deps);
  const at = (ms: number) => new Date(sentAt.getTime() + ms);

  clock.now = at(MIN);
  await senderRound(deps);
  t.match(await receiptOf(h, m.id), { status: 'sent', receiptChecks: 1, nextCheckAt: at(MIN + receiptBackoffMs(1)) });
  t.equal(receiptBackoffMs(1), 5 * MIN, 'five minutes after the first');
  clock.now = at(MIN + receiptBackoffMs(1) - 1000);
  await senderRound(deps);
  t.equal(fake.queries.length, 1, 'not asked again before its time');

  // The provider fails while asked: the message is not failed, only asked later.
  fake.behaveQuery = () => ({ status: 500, code: 'InternalError' });
  clock.now = at(MIN + receiptBackoffMs(1));
  await senderRound(deps);
  t.equal(fake.queries.length, 2, 'asked when due');
  const afterError = await receiptOf(h, m.id);
  t.match(afterError, { status: 'sent', receiptChecks: 2, lastError: null }, 'a 500 leaves it sent');
  t.same(afterError.nextCheckAt, new Date(clock.now.getTime() + receiptBackoffMs(2)), 'asked again later');
  t.equal(receiptBackoffMs(2), 15 * MIN);
  fake.behaveQuery = () => ({ status: 200, code: 'isv.BUSINESS_LIMIT_CONTROL' });
  clock.now = afterError.nextCheckAt!;
  await senderRound(deps);
  t.match(await receiptOf(h, m.id), { status: 'sent', receiptChecks: 3 }, 'a refusal to answer neither');
  t.equal(receiptBackoffMs(3), 60 * MIN);
  fake.behaveQuery = () => null;

  // No receipt for two days: asked less and less often, then no more; it stays 'sent'.
  let guard = 0;
  for (let d = await receiptOf(h, m.id); d.nextCheckAt && guard < 100; d = await receiptOf(h, m.id), guard++) {
    clock.now = d.nextCheckAt;
    await senderRound(deps);
  }
  const given = await receiptOf(h, m.id);
  t.match(given, { status: 'sent', nextCheckAt: null, deliveredAt: null, lastError: null }, 'given up, still sent');
  t.ok(clock.now.getTime() === sentAt.getTime() + RECEIPT_WINDOW_MS, 'the last check two days after sending');
  t.ok(given.receiptChecks < 20, `not hammered: ${given.receiptChecks} checks in two days`);
  // The matter says so: 已发送 alone would let a clerk think the citizen has the text.
  const detail = await h.call('clerk', 'GET', `/api/matters/${m.id}`);
  const said = detail.json.timeline.flatMap((e: { messages: { channel: string }[] }) => e.messages);
  t.match(said.find((x: { channel: string }) => x.channel === 'sms')?.statusLabel, { zh: '已发送，未收到送达回执' });
  const card = await h.call('clerk', 'GET', `/api/matters/${m.id}/letters`);
  const smsOnCard = card.json.items.flatMap((i: { deliveries: { channel: string }[] }) => i.deliveries);
  t.match(smsOnCard.find((x: { channel: string }) => x.channel === 'sms')?.statusLabel, { zh: /未收到送达回执/ });
  t.equal(fake.queries.length, given.receiptChecks, 'each check one question');
  fake.receipt(given.providerRef!, { state: 'delivered', at: clock.now });
  clock.now = new Date(clock.now.getTime() + 86_400_000);
  await senderRound(deps);
  t.equal(fake.queries.length, given.receiptChecks, 'not asked after giving up');
});

t.test('senders side by side: each message asked once per due time, recorded once', async (t) => {
  const { h, fake, clock, deps } = await setup(t);
  const phones = Array.from({ length: 6 }, (_, i) => `1381234${String(6000 + i)}`);
  const ms = [];
  for (const p of phones) ms.push(await receive(h, 'neighbour', [p, null]));
  const sentAt = clock.now;
  await senderRound(deps);
  t.equal(fake.sends.length, phones.length, 'all sent');

  // Many checks of few messages: small batches, so the senders really contend for the same rows.
  const together = () => Promise.all(Array.from({ length: 4 }, () => senderRound(deps, { batch: 2 })));
  clock.now = new Date(sentAt.getTime() + MIN);
  for (let i = 0; i < 4; i++) await together();
  t.same(
    phones.map((p) => queriesFor(fake, p).length),
    phones.map(() => 1),
    'each asked once at its first due time',
  );
  const first = await Promise.all(ms.map((m) => receiptOf(h, m.id)));
  t.same(
    first.map((d) => d.receiptChecks),
    phones.map(() => 1),
    'one check each on record',
  );

  for (const d of first) fake.receipt(d.providerRef!, { state: 'delivered', at: new Date(sentAt.getTime() + 2000) });
  clock.now = new Date(sentAt.getTime() + MIN + receiptBackoffMs(1));
  for (let i = 0; i < 4; i++) await together();
  t.same(
    phones.map((p) => queriesFor(fake, p).length),
    phones.map(() => 2),
    'each asked once more at the next',
  );
  const done = await Promise.all(ms.map((m) => receiptOf(h, m.id)));
  t.same(
    done.map((d) => [d.status, d.receiptChecks]),
    phones.map(() => ['delivered', 2]),
    'each delivered once',
  );
});
