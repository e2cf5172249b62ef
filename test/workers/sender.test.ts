// The outbox sender: each citizen message becomes one SMS per party with a phone (the applicant only in
// a sensitive matter), opted-out numbers are skipped, failures are retried with back-off and
// dead-lettered after the last try, a dead sender's claim is taken over after its lease (and looked up
// at the provider first), and senders running side by side send nothing twice.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { receive } from '../helpers/messages.js';
import { senderRound, backoffMs, startSender, planDeliveries } from '../../services/sender/index.js';
import { demoSms, SmsRefused, type SmsAdapter, type SmsMessage } from '../../services/sender/sms.js';
import {
  claimDue,
  expandOutbox,
  deadLetters,
  optOut,
  requeueDead,
  deliveriesOfMatter,
} from '../../store/deliveries.js';
import { renderSms } from '../../domain/index.js';

/** A stand-in for a provider's endpoint: records calls, fails as told. */
function provider(fail: (msg: SmsMessage, n: number) => Error | null = () => null) {
  const calls: SmsMessage[] = [];
  const adapter: SmsAdapter = {
    name: 'test-provider',
    recordsOnly: false,
    async send(msg) {
      calls.push(msg);
      const err = fail(msg, calls.length);
      if (err) throw err;
      return { providerRef: `ref-${calls.length}` };
    },
  };
  return { adapter, calls };
}

t.test('one SMS per party with a phone, rendered, sent once however often the sender runs', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', '13987654321']);
  const p = provider();
  const clock = () => h.now();
  for (let i = 0; i < 3; i++) await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock });
  const sms = (await deliveriesOfMatter(h.db, m.id)).filter((d) => d.template === 'matter-received');
  t.equal(sms.length, 2, 'applicant and respondent');
  t.same(
    sms.map((d) => d.status),
    ['sent', 'sent'],
  );
  t.same(p.calls.map((c) => c.phone).sort(), ['13812345678', '13987654321'], 'to the numbers given at intake');
  t.equal(p.calls.filter((c) => c.template === 'matter-received').length, 2, 'each once');
  t.equal(sms[0].rendered, renderSms('matter-received', { code: m.code }), 'what was sent is on record');
  t.match(sms[0].rendered, m.code, 'names the matter by its code');
  t.notMatch(sms[0].rendered, /排水|邻里/, 'says nothing of what it is about');
  const raw = await h.db('app.deliveries').where({ matter_id: m.id }).select('params', 'recipient_ref');
  t.notOk(JSON.stringify(raw).includes('13812345678'), 'no number at rest in the deliveries');
});

t.test('a sensitive matter: the applicant only; a party without a phone or opted out is skipped', async (t) => {
  const h = await apiHarness(t);
  const dv = await receive(h, 'domestic-violence', ['13812345678', '13987654321']);
  await optOut(h.db, h.vault.mac('13700000000'), h.now(), 'test');
  const plain = await receive(h, 'neighbour', ['13700000000', null]);
  const p = provider();
  await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock: () => h.now() });
  const dvSms = (await deliveriesOfMatter(h.db, dv.id)).filter((d) => d.channel === 'sms');
  t.ok(dvSms.length >= 1, 'the applicant is told');
  const roles = await h.db('app.parties').whereIn(
    'id',
    dvSms.map((d) => d.recipientRef),
  );
  t.same([...new Set(roles.map((r) => r.role))], ['applicant'], 'never the respondent');
  t.notOk(
    p.calls.some((c) => c.phone === '13987654321'),
    'no SMS to the respondent of a sensitive matter',
  );
  const plainSms = (await deliveriesOfMatter(h.db, plain.id)).filter((d) => d.template === 'matter-received');
  t.same(plainSms.map((d) => d.status).sort(), ['skipped', 'skipped']);
  t.match(plainSms.map((d) => d.lastError).sort(), [/opted out|no phone/, /opted out|no phone/]);
  t.notOk(
    p.calls.some((c) => c.phone === '13700000000'),
    'nothing to an opted-out number',
  );

  // The applicant of the first matter stops messages on the tracking page, after the same check.
  const url = `/api/track/${dv.code}/sms-opt-out`;
  t.equal((await h.call(null, 'POST', url, { phoneLast4: '0000' })).status, 403, 'the wrong digits stop nothing');
  const asked = await Promise.all(Array.from({ length: 5 }, () => h.call(null, 'POST', url, { phoneLast4: '5678' })));
  t.same(
    asked.map((r) => r.status),
    [200, 200, 200, 200, 200],
  );
  t.equal(asked.filter((r) => !r.json.replayed).length, 1, 'opted out once however often it is asked at once');
  t.equal((await h.db('app.audit_log').where({ action: 'sms.opt-out', target_id: dv.id })).length, 1, 'audited once');
  const again = await receive(h, 'neighbour', ['13812345678', null]);
  await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock: () => h.now() });
  const later = (await deliveriesOfMatter(h.db, again.id)).find((d) => d.template === 'matter-received')!;
  t.match(later, { status: 'skipped', lastError: /opted out/ }, 'and gets none on a later matter');
});

t.test('retried with back-off after a failure, dead-lettered after the last try, retried by hand', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  let now = h.now();
  const clock = () => now;
  const p = provider(() => new Error('HTTP 500 from the provider'));
  await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock }, { maxAttempts: 3 });
  const one = async () =>
    (await deliveriesOfMatter(h.db, m.id)).find((d) => d.channel === 'sms' && d.template === 'matter-received')!;
  t.match(await one(), { status: 'failed', attempts: 1, lastError: /500/ });
  await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock }, { maxAttempts: 3 });
  t.equal((await one()).attempts, 1, 'not before its back-off');
  for (const attempt of [1, 2]) {
    now = new Date(now.getTime() + backoffMs(attempt) + 1000);
    await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock }, { maxAttempts: 3 });
  }
  t.match(await one(), { status: 'dead', attempts: 3 }, 'dead after the third try');
  t.ok(
    (await deadLetters(h.db)).some((d) => d.matterId === m.id),
    'in the dead letters',
  );
  t.equal(p.calls.length, 3);
  t.ok(await requeueDead(h.db, (await one()).id, now), 'an administrator puts it back');
  t.notOk(await requeueDead(h.db, (await one()).id, now), 'once');
  const ok = provider();
  await senderRound({ db: h.db, vault: h.vault, sms: ok.adapter, clock });
  t.match(await one(), { status: 'sent', attempts: 1 });

  const refused = provider(() => new SmsRefused('invalid number', true));
  const m2 = await receive(h, 'neighbour', ['13812345679', null]);
  await senderRound({ db: h.db, vault: h.vault, sms: refused.adapter, clock });
  const d2 = (await deliveriesOfMatter(h.db, m2.id)).find((d) => d.channel === 'sms')!;
  t.match(d2, { status: 'dead', attempts: 1 }, 'a permanent refusal is not retried');
});

t.test('a dead sender: its claim is taken over after the lease, looked up before resending', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  let now = h.now();
  const clock = () => now;
  // Expand, then claim as a sender that dies before it records anything.
  await expandOutbox(h.db, now, 100, (row, trx) => planDeliveries(row, trx, now));
  const claimed = await claimDue(h.db, now, 60_000, 100);
  t.ok(
    claimed.some((c) => c.matterId === m.id),
    'claimed by the sender that dies',
  );
  const p = provider();
  const looked: string[] = [];
  p.adapter.lookup = async (msg) => {
    looked.push(msg.idempotencyKey);
    return { providerRef: 'found-at-provider' };
  };
  await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock });
  t.equal(p.calls.length, 0, 'not taken over while the lease holds');
  now = new Date(now.getTime() + 61_000);
  await senderRound({ db: h.db, vault: h.vault, sms: p.adapter, clock });
  const d = (await deliveriesOfMatter(h.db, m.id)).find((x) => x.channel === 'sms')!;
  t.ok(looked.includes(d.idempotencyKey), 'looked up by its idempotency key');
  t.equal(p.calls.length, 0, 'the provider had it: not sent again');
  t.match(d, { status: 'sent', providerRef: 'found-at-provider' });
});

t.test('senders side by side: every message once', async (t) => {
  const h = await apiHarness(t);
  const ms = [];
  for (let i = 0; i < 6; i++) ms.push(await receive(h, 'neighbour', [`1381234${String(5000 + i)}`, null]));
  const p = provider();
  const senders = Array.from({ length: 4 }, () =>
    startSender({ db: h.db, vault: h.vault, sms: p.adapter, clock: () => h.now() }, { batch: 2, idleMs: 50 }),
  );
  for (let i = 0; i < 200; i++) {
    const left = await h.db('app.deliveries').where({ channel: 'sms', status: 'queued' }).count('* as n');
    const unexpanded = await h.db('app.outbox').whereNull('expanded_at').count('* as n');
    if (Number(left[0].n) === 0 && Number(unexpanded[0].n) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await Promise.all(senders.map((s) => s.close()));
  const keys = p.calls.map((c) => c.idempotencyKey);
  t.equal(new Set(keys).size, keys.length, `${keys.length} messages, none twice`);
  const receipts = p.calls.filter((c) => c.template === 'matter-received');
  t.equal(receipts.length, ms.length, 'each matter its receipt');
});

t.test('the demo adapter records what would be sent', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  await senderRound({ db: h.db, vault: h.vault, sms: demoSms, clock: () => h.now() });
  const d = (await deliveriesOfMatter(h.db, m.id)).find((x) => x.channel === 'sms')!;
  t.match(d, { status: 'sent', providerRef: /^demo:/, rendered: /【综治中心】/ });
});

t.test('the matter shows each message; administrators see dead letters and put them back', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', '13987654321']);
  const refusing = provider((msg) =>
    msg.phone === '13987654321' ? new SmsRefused('number not in service', true) : null,
  );
  await senderRound({ db: h.db, vault: h.vault, sms: refusing.adapter, clock: () => h.now() });
  const letters = await h.call('clerk', 'GET', `/api/matters/${m.id}/letters`);
  t.equal(letters.status, 200);
  const receipt = letters.json.items.find((l: any) => l.template === 'matter-received');
  t.match(
    receipt,
    { status: 'dead', statusLabel: { zh: '发送失败，已停止重试' } },
    'a letter reads as its worst message',
  );
  t.same(
    receipt.deliveries.map((d: any) => [d.recipientLabel.zh, d.status]).sort(),
    [
      ['申请人', 'sent'],
      ['被申请人', 'dead'],
    ],
    'each party by role, with its status',
  );
  t.notOk(letters.body.includes('13812345678') || letters.body.includes('13987654321'), 'never a number');

  const dead = await h.call('admin', 'GET', '/api/deliveries/dead');
  t.equal(dead.status, 200);
  const mine = dead.json.items.find((d: any) => d.trackingCode === m.code);
  t.match(mine, { channel: 'sms', template: 'matter-received', error: /not in service/ });
  const island = await h.call('island-admin', 'GET', '/api/deliveries/dead');
  t.notOk(
    island.json.items.some((d: any) => d.trackingCode === m.code),
    'not in another county',
  );
  t.equal((await h.call('mediator', 'GET', '/api/deliveries/dead')).status, 403);
  t.equal((await h.call('island-admin', 'POST', `/api/deliveries/${mine.id}/retry`)).status, 404, 'outside');
  t.equal((await h.call('admin', 'POST', '/api/deliveries/x1/retry')).status, 400, 'a bad id');
  const retried = await Promise.all(
    Array.from({ length: 5 }, () => h.call('admin', 'POST', `/api/deliveries/${mine.id}/retry`)),
  );
  t.same(
    retried.map((r) => r.status).sort(),
    [200, 409, 409, 409, 409],
    'requeued once however many times it is asked at once',
  );
  const audited = await h.db('app.audit_log').where({ action: 'delivery.retry', target_id: mine.id });
  t.equal(audited.length, 1, 'audited');
});
