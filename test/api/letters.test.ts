// Letters between offices (issue 15): a unit's received box (only its own letters), opening records the
// first reader, acknowledging (签收) happens once under 10 concurrent requests and is audited once, the
// centre's sent box shows who read and acknowledged, the PDF is served to the addressee; each timeline
// step lists the messages it sent with their status; a bare department code is qualified by region; a
// letter whose document cannot be made is tried five times, then left with its error.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { blockNextReminderNumber, receive } from '../helpers/messages.js';
import { senderRound } from '../../services/sender/index.js';
import { demoSms } from '../../services/sender/sms.js';
import { makeLetterDocuments } from '../../services/documents/index.js';
import { recordStep } from '../../store/matters.js';
import { enqueue } from '../../store/outbox.js';
import { lettersToNoUnit } from '../helpers/scenario.js';
import { MAX_DOCUMENT_ATTEMPTS } from '../../store/documents.js';

const MEDIATORS = 'demo-town-a1/people-mediation-committee';
const MARKET = 'demo-county-a/market-regulation';

async function setUp(t: Parameters<typeof apiHarness>[0]) {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', '13987654321']);
  const deadline = new Date(h.now().getTime() + 7 * 86_400_000);
  // A step of the flow that writes two letters: a reminder to the mediators, a summons to market regulation.
  await recordStep(
    h.db,
    m.id,
    { type: 'reminder-letter', at: h.now(), tier: 'town', unit: MEDIATORS, data: {}, dedupKey: `t-step:${m.id}` },
    {},
    [
      { recipientKind: 'unit', recipient: MEDIATORS, template: 'reminder-letter', payload: { deadline } },
      { recipientKind: 'unit', recipient: MARKET, template: 'summons', payload: {} },
    ],
  );
  const deps = { db: h.db, vault: h.vault, sms: demoSms, clock: () => h.now() };
  await senderRound(deps);
  await makeLetterDocuments(deps);
  const id = async (unit: string) =>
    String((await h.db('app.deliveries').where({ matter_id: m.id, recipient_ref: unit }).first('id')).id);
  return { h, m, deadline, reminder: await id(MEDIATORS), summons: await id(MARKET) };
}

t.test('the received box, reading, acknowledging once, the sent box, the PDF', async (t) => {
  const { h, m, reminder, summons } = await setUp(t);

  const box = await h.call('mediator', 'GET', '/api/letters');
  t.equal(box.status, 200);
  t.match(box.json, { box: 'received', unit: MEDIATORS, unitLabel: '东湖街道人民调解委员会' });
  const ids = box.json.items.map((x: { id: string }) => x.id);
  t.ok(ids.includes(reminder), 'the unit’s letter is listed');
  t.notOk(ids.includes(summons), 'another unit’s is not');
  const item = box.json.items.find((x: { id: string }) => x.id === reminder);
  t.match(item, {
    trackingCode: m.code,
    templateLabel: { zh: '工作提示函' },
    subject: `关于受理编号 ${m.code} 事项的工作提示函`,
    readAt: null,
    acknowledgedAt: null,
    document: { docNumber: /^〔\d{4}〕综治提字第\d{4}号$/, title: '工作提示函' },
  });
  t.match(item.text, /办理期限至\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/, 'the deadline in China time');
  const before = (await h.call('mediator', 'GET', '/api/letters/counts')).json;
  t.ok(before.unread >= 1);

  // Out of reach: another unit's letter, another county's supervisor, a supervisor acknowledging.
  t.equal((await h.call('handler', 'GET', `/api/letters/${reminder}`)).status, 404);
  t.equal((await h.call('island-supervisor', 'GET', `/api/letters/${reminder}`)).status, 404);
  t.equal((await h.call('supervisor', 'POST', `/api/letters/${reminder}/acknowledge`, {})).status, 403);
  // A supervisor reading it is not the addressee reading it.
  t.equal((await h.call('supervisor', 'GET', `/api/letters/${reminder}`)).json.readAt, null);

  const opened = await h.call('mediator', 'GET', `/api/letters/${reminder}`);
  t.equal(opened.status, 200);
  t.ok(opened.json.readAt, 'opened: read');
  t.equal((await h.db('app.deliveries').where({ id: reminder }).first()).read_by, 'mediator');
  t.equal(
    (await h.call('mediator', 'GET', `/api/letters/${reminder}`)).json.readAt,
    opened.json.readAt,
    'first read kept',
  );
  t.equal((await h.call('mediator', 'GET', '/api/letters/counts')).json.unread, before.unread - 1);

  // 10 acknowledgements at once: one is recorded (one time, one note), all answer it, one audit row.
  const acks = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      h.call('mediator', 'POST', `/api/letters/${reminder}/acknowledge`, { note: `已安排专人办理 ${i}` }),
    ),
  );
  t.same(
    acks.map((a) => a.status),
    Array(10).fill(200),
  );
  const stored = await h.db('app.deliveries').where({ id: reminder }).first();
  t.equal(stored.acknowledged_by, 'mediator');
  t.match(stored.acknowledge_note, /^已安排专人办理 \d$/);
  t.same(new Set(acks.map((a) => a.json.acknowledgedAt)).size, 1, 'every answer names the one acknowledgement');
  t.equal(acks[0].json.note, stored.acknowledge_note);
  const audited = await h.db('app.audit_log').where({ action: 'letter.acknowledge', target_id: reminder });
  t.equal(audited.length, 1, 'audited once');

  // The centre sees it acknowledged; another county's centre does not see it at all.
  const sent = await h.call('supervisor', 'GET', `/api/letters?box=sent&state=acknowledged&code=${m.code}`);
  t.equal(sent.status, 200);
  t.match(sent.json.items, [{ id: reminder, acknowledgedBy: /.+/, unitLabel: '东湖街道人民调解委员会' }]);
  const pending = await h.call('supervisor', 'GET', `/api/letters?box=sent&state=unacknowledged&code=${m.code}`);
  const pendingIds = pending.json.items.map((x: { id: string }) => x.id);
  t.ok(pendingIds.includes(summons) && !pendingIds.includes(reminder), 'the summons waits, the reminder does not');
  const market = await h.call('supervisor', 'GET', `/api/letters?box=sent&unit=${MARKET}&code=${m.code}`);
  t.same(
    market.json.items.map((x: { id: string }) => x.id),
    [summons],
  );
  t.equal(market.json.items[0].unitStaffed, true, 'the market regulator has staff');
  // A unit whose people all left: its letter is flagged, as nobody there can read or acknowledge it.
  const staff = await h.db('app.users').where({ unit: MARKET, active: true }).pluck('id');
  await h.db('app.users').whereIn('id', staff).update({ active: false });
  const unstaffed = await h.call('supervisor', 'GET', `/api/letters?box=sent&unit=${MARKET}&code=${m.code}`);
  t.equal(unstaffed.json.items[0].unitStaffed, false, 'no active account: flagged');
  t.equal(sent.json.items[0].unitStaffed, true);
  await h.db('app.users').whereIn('id', staff).update({ active: true });
  const island = await h.call('island-supervisor', 'GET', `/api/letters?box=sent&code=${m.code}`);
  t.equal(island.json.total, 0);

  // The PDF, to the addressee, audited; a letter without a document answers 404.
  const pdf = await h.app.inject({
    method: 'GET',
    url: `/api/letters/${reminder}/document`,
    headers: { authorization: `Bearer ${h.tokens.mediator}` },
  });
  t.equal(pdf.statusCode, 200);
  t.equal(pdf.headers['content-type'], 'application/pdf');
  t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  t.ok(await h.db('app.audit_log').where({ action: 'document.download', actor: 'mediator' }).first());
  t.equal((await h.call('handler', 'GET', `/api/letters/${summons}/document`)).status, 404);

  // The matter's letters card shows the acknowledgement to whoever reads the matter.
  const card = await h.call('clerk', 'GET', `/api/matters/${m.id}/letters`);
  const letter = card.json.items.find((x: { template: string }) => x.template === 'reminder-letter');
  t.match(letter.deliveries, [{ channel: 'letter', acknowledgedAt: /\+08:00$/, readAt: /\+08:00$/ }]);

  // Leaders follow a matter's letters and deadlines; its documents (an agreement names the parties) are not theirs.
  t.equal((await h.call('leader', 'GET', `/api/matters/${m.id}/letters`)).status, 200);
  t.equal((await h.call('leader', 'GET', `/api/matters/${m.id}/deadlines`)).status, 200);
  t.equal((await h.call('leader', 'GET', `/api/matters/${m.id}/outcomes`)).status, 200, 'what it waits for');
  t.equal((await h.call('leader', 'GET', `/api/matters/${m.id}/documents`)).status, 403);
  t.equal((await h.call('island-leader', 'GET', `/api/matters/${m.id}/letters`)).status, 404, 'another county: 404');
});

t.test('the timeline lists what each step sent, with its status', async (t) => {
  const { h, m, reminder } = await setUp(t);
  await h.call('mediator', 'POST', `/api/letters/${reminder}/acknowledge`, {});
  // The respondent's SMS came back with a receipt: the timeline says 已送达, at the handset's time.
  const handset = new Date(h.now().getTime() + 90_000);
  const respondent = await h.db('app.parties').where({ matter_id: m.id, role: 'respondent' }).first('id');
  await h
    .db('app.deliveries')
    .where({ matter_id: m.id, channel: 'sms', recipient_ref: String(respondent.id) })
    .update({ status: 'delivered', delivered_at: handset });
  const r = await h.call('clerk', 'GET', `/api/matters/${m.id}`);
  t.equal(r.status, 200);
  const all = r.json.timeline.flatMap((e: { type: string; messages: unknown[] }) =>
    e.messages.map((x) => ({ type: e.type, ...(x as object) })),
  );
  t.match(
    all.filter((x: { channel: string }) => x.channel === 'sms'),
    [
      { channelLabel: { zh: '短信' }, recipientLabel: '申请人', status: 'sent', statusLabel: { zh: '已发送' } },
      { recipientLabel: '被申请人', status: 'delivered', statusLabel: { zh: '已送达' } },
    ],
  );
  const delivered = all.find(
    (x: { channel: string; status: string }) => x.channel === 'sms' && x.status === 'delivered',
  );
  t.equal(new Date(delivered.at).getTime(), handset.getTime(), 'at the handset’s time');
  const letters = all.filter((x: { type: string }) => x.type === 'reminder-letter');
  t.match(letters, [
    { channel: 'letter', recipientLabel: '东湖街道人民调解委员会', templateLabel: { zh: '工作提示函' } },
    { channel: 'letter', recipientLabel: /市场监督管理局$/, acknowledgedAt: null },
  ]);
  t.match(letters[0].acknowledgedAt, /\+08:00$/, 'acknowledged, on the timeline');
  t.notMatch(JSON.stringify(r.json.timeline), /138\d{8}|139\d{8}/, 'no phone number');
});

t.test('bad input changes nothing; who has a box', async (t) => {
  const { h, reminder } = await setUp(t);
  const bad = [
    ['GET', '/api/letters?state=bogus'],
    ['GET', '/api/letters?code=%00'],
    ['GET', '/api/letters?limit=0'],
    ['GET', '/api/letters?unit=justice'],
    ['GET', '/api/letters/abc'],
  ];
  for (const [method, url] of bad) {
    const r = await h.call('mediator', method, url);
    t.equal(r.status, 400, `${url}: 400`);
    t.equal(r.json.code, 'VALIDATION_FAILED');
  }
  for (const body of [{ note: 'x'.repeat(501) }, { note: { x: 1 } }, { extra: true }, { note: 'a\u0000b' }]) {
    const r = await h.call('mediator', 'POST', `/api/letters/${reminder}/acknowledge`, body);
    t.ok(r.status === 400, `acknowledge ${JSON.stringify(body).slice(0, 30)}: ${r.status}`);
  }
  t.equal((await h.db('app.deliveries').where({ id: reminder }).first()).acknowledged_at, null, 'nothing changed');
  t.equal((await h.call('mediator', 'GET', '/api/letters/999999999')).status, 404);
  const clerk = await h.call('clerk', 'GET', '/api/letters');
  t.equal(clerk.status, 400, 'no unit, no received box');
  t.match(clerk.json.message, '未隶属任何单位');
  t.equal((await h.call('clerk', 'GET', '/api/letters?box=sent')).status, 403);
  t.same((await h.call('clerk', 'GET', '/api/letters/counts')).json, { unit: null, unread: 0, unacknowledged: 0 });
  t.equal((await h.call(null, 'GET', '/api/letters')).status, 401);
});

t.test('letters go to region-qualified units; a document that cannot be made is tried five times', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  const matter = await h.db('app.matters').where({ id: m.id }).first('region_code', 'handling_region');
  await recordStep(h.db, m.id, { type: 'reminder-letter', at: h.now(), data: {}, dedupKey: `t-bare:${m.id}` }, {}, [
    { recipientKind: 'unit', recipient: 'justice', template: 'reminder-letter', payload: {} },
  ]);
  const row = await h
    .db('app.outbox')
    .where({ dedup_key: `t-bare:${m.id}:0` })
    .first();
  t.equal(row.recipient, `${matter.handling_region ?? matter.region_code}/justice`, 'qualified by region');
  // The check every scenario makes on its way out finds a letter that bypassed the rule (then it goes).
  await enqueue(h.db, {
    matterId: m.id,
    recipientKind: 'court',
    recipient: 'court',
    template: 'litigation',
    dedupKey: `t-bypass:${m.id}`,
    at: h.now(),
  });
  t.same(await lettersToNoUnit(h.db, h.regions), ['litigation → court']);
  await h
    .db('app.outbox')
    .where({ dedup_key: `t-bypass:${m.id}` })
    .delete();

  // Its number is taken already (a document imported from an older system): every try collides and rolls back.
  await blockNextReminderNumber(h, m.id);
  const deps = { db: h.db, clock: () => h.now() };
  for (let i = 0; i < MAX_DOCUMENT_ATTEMPTS + 2; i++) {
    await h.db('app.outbox').where({ id: row.id }).update({ expanded_at: h.now() });
    await makeLetterDocuments(deps);
  }
  const after = await h.db('app.outbox').where({ id: row.id }).first();
  t.equal(after.document_attempts, MAX_DOCUMENT_ATTEMPTS, 'tried five times, not more');
  t.match(after.document_error, /duplicate key|documents_doc_number/);
  t.equal(after.documented_at, null);
  t.equal(Number((await h.db('app.documents').where({ outbox_id: row.id }).count('* as n'))[0].n), 0);
});

t.test('dead letters name their kind, channel and recipient in words', async (t) => {
  const { h, m } = await setUp(t);
  const sms = await h.db('app.deliveries').where({ matter_id: m.id, channel: 'sms' }).orderBy('id').first('id');
  await h.db('app.deliveries').where({ id: sms.id }).update({ status: 'dead', last_error: 'aliyun: test' });
  const r = await h.call('admin', 'GET', '/api/deliveries/dead');
  t.equal(r.status, 200);
  t.match(
    r.json.items.find((x: { id: string }) => x.id === String(sms.id)),
    { channelLabel: { zh: '短信' }, templateLabel: { zh: '受理告知短信' }, recipientLabel: '申请人' },
  );
});
