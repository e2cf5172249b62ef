// Letters whose official document could not be made (issue 15): the real document step fails five times
// (the letter's number is taken already), the letter is listed for the jurisdiction with its kind and
// addressee in words, the tries and the error; an administrator makes it again — under 10 concurrent
// retries one change and one audit row — and the next document round makes the PDF. Out of reach: another
// county's supervisor and administrator, the supervisor retrying; bad ids are a 400 and change nothing.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { blockNextReminderNumber, receive } from '../helpers/messages.js';
import { senderRound } from '../../services/sender/index.js';
import { demoSms } from '../../services/sender/sms.js';
import { makeLetterDocuments } from '../../services/documents/index.js';
import { recordStep } from '../../store/matters.js';
import { MAX_DOCUMENT_ATTEMPTS } from '../../store/documents.js';

const MEDIATORS = 'demo-town-a1/people-mediation-committee';

async function setUp(t: Parameters<typeof apiHarness>[0]) {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  const deps = { db: h.db, vault: h.vault, sms: demoSms, clock: () => h.now() };
  // Whatever letters exist already get their documents first: the number taken below is this letter's.
  await senderRound(deps);
  await makeLetterDocuments(deps);
  // Its number is taken already (a document imported from an older system): every try collides.
  const blocker = await blockNextReminderNumber(h, m.id);
  await recordStep(
    h.db,
    m.id,
    { type: 'reminder-letter', at: h.now(), tier: 'town', unit: MEDIATORS, data: {}, dedupKey: `t-doc:${m.id}` },
    {},
    [{ recipientKind: 'unit', recipient: MEDIATORS, template: 'reminder-letter', payload: {} }],
  );
  // The sender's round delivers it and tries its document (the first of five tries).
  await senderRound(deps);
  const letter = await h
    .db('app.outbox')
    .where({ dedup_key: `t-doc:${m.id}:0` })
    .first('id', 'expanded_at');
  for (let i = 0; i < MAX_DOCUMENT_ATTEMPTS + 1; i++) await makeLetterDocuments(deps);
  return { h, m, deps, id: String(letter.id), blocker, expanded: !!letter?.expanded_at };
}

const docsOf = async (h: Awaited<ReturnType<typeof apiHarness>>, id: string) =>
  Number((await h.db('app.documents').where({ outbox_id: id }).count('* as n'))[0].n);

t.test('listed in words, made again once under concurrent retries, then made by the next round', async (t) => {
  const { h, m, deps, id, blocker, expanded } = await setUp(t);
  t.ok(expanded, 'the letter is delivered (expanded)');
  const row = await h.db('app.outbox').where({ id }).first();
  t.equal(row.document_attempts, MAX_DOCUMENT_ATTEMPTS, 'given up after five tries');
  t.equal(row.documented_at, null);

  const list = await h.call('admin', 'GET', '/api/deliveries/documents');
  t.equal(list.status, 200);
  const item = list.json.items.find((x: { id: string }) => x.id === id);
  t.match(item, {
    id,
    trackingCode: m.code,
    matterId: m.id,
    template: 'reminder-letter',
    templateLabel: { zh: '工作提示函', en: 'Work reminder letter' },
    recipientLabel: '东湖街道人民调解委员会',
    attempts: MAX_DOCUMENT_ATTEMPTS,
    error: /duplicate key|documents_doc_number/,
    createdAt: /\+08:00$/,
  });
  t.notMatch(item.recipientLabel, MEDIATORS, 'the addressee in words, not its code');
  const sup = await h.call('supervisor', 'GET', '/api/deliveries/documents');
  t.ok(
    sup.json.items.some((x: { id: string }) => x.id === id),
    'the city supervisor sees it',
  );

  // Out of reach.
  const island = await h.call('island-supervisor', 'GET', '/api/deliveries/documents');
  t.equal(island.status, 200);
  t.notOk(
    island.json.items.some((x: { id: string }) => x.id === id),
    'another county’s supervisor does not see it',
  );
  t.equal((await h.call('island-admin', 'POST', `/api/deliveries/documents/${id}/retry`)).status, 404);
  t.equal((await h.call('supervisor', 'POST', `/api/deliveries/documents/${id}/retry`)).status, 403);
  t.equal((await h.call('clerk', 'GET', '/api/deliveries/documents')).status, 403);
  t.equal((await h.call(null, 'GET', '/api/deliveries/documents')).status, 401);
  const unknown = await h.call('admin', 'POST', '/api/deliveries/documents/999999999/retry');
  t.equal(unknown.status, 404);
  t.match(unknown.json, { code: 'NOT_FOUND', message: /不存在或不在您的辖区/ });
  const sms = await h.db('app.outbox').where({ matter_id: m.id, template: 'matter-received' }).first('id');
  t.equal(
    (await h.call('admin', 'POST', `/api/deliveries/documents/${sms.id}/retry`)).status,
    404,
    'an SMS has no document to make',
  );
  t.equal((await h.db('app.outbox').where({ id }).first()).document_attempts, MAX_DOCUMENT_ATTEMPTS, 'unchanged');

  // Ten administrators at once: one change, one audit row, the others told it is not given up on.
  const replies = await Promise.all(
    Array.from({ length: 10 }, () => h.call('admin', 'POST', `/api/deliveries/documents/${id}/retry`)),
  );
  const codes = replies.map((r) => r.status).sort();
  t.same(codes, [200, ...Array(9).fill(409)], 'one 200, nine 409');
  t.same(replies.find((r) => r.status === 200)!.json, { id, retried: true });
  t.match(replies.find((r) => r.status === 409)!.json, { code: 'CONFLICT', message: /不在生成失败状态/ });
  const audited = await h.db('app.audit_log').where({ action: 'document.retry', target_id: id });
  t.equal(audited.length, 1, 'audited once');
  t.match(audited[0], { actor: 'admin', target_kind: 'outbox' });
  const reset = await h.db('app.outbox').where({ id }).first();
  t.equal(reset.document_attempts, 0, 'fresh tries');
  t.equal(reset.document_error, null, 'the old error cleared');
  t.notOk(
    (await h.call('admin', 'GET', '/api/deliveries/documents')).json.items.some((x: { id: string }) => x.id === id),
    'off the list',
  );

  // The cause fixed (the imported document renumbered), the next round makes the PDF.
  await h.db('app.documents').where({ id: blocker }).delete();
  t.equal(await makeLetterDocuments(deps), 1, 'made by the next round');
  const done = await h.db('app.outbox').where({ id }).first();
  t.ok(done.documented_at, 'documented');
  const doc = await h.db('app.documents').where({ outbox_id: id }).first('kind', 'pdf', 'doc_number');
  t.equal(doc.kind, 'reminder-letter');
  t.equal(doc.pdf.subarray(0, 5).toString(), '%PDF-', 'a PDF');
  t.match(doc.doc_number, /^〔\d{4}〕综治提字第\d{4}号$/);

  const again = await h.call('admin', 'POST', `/api/deliveries/documents/${id}/retry`);
  t.equal(again.status, 409, 'made: nothing to make again');
  t.equal(await docsOf(h, id), 1, 'one document');
  t.equal((await h.db('app.audit_log').where({ action: 'document.retry', target_id: id })).length, 1);
});

t.test('bad ids are a 400 naming the id and change nothing', async (t) => {
  const { h, id } = await setUp(t);
  for (const bad of ['abc', '-1', '1.5', '1%00', '%00', '9999999999999999999', `${id}%00`]) {
    const r = await h.call('admin', 'POST', `/api/deliveries/documents/${bad}/retry`);
    t.equal(r.status, 400, `${bad}: 400`);
    t.equal(r.json.code, 'VALIDATION_FAILED');
    t.match(JSON.stringify(r.json), /id/, 'names the id');
  }
  const row = await h.db('app.outbox').where({ id }).first();
  t.equal(row.document_attempts, MAX_DOCUMENT_ATTEMPTS, 'still given up on');
  t.equal((await h.db('app.audit_log').where({ action: 'document.retry' })).length, 0, 'nothing audited');
});
