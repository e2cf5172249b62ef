// Official documents (issue 15): a reminder letter queued for a unit becomes a PDF when the sender
// delivers it — read back with pdfjs it names the unit, the matter code and the deadline in China's
// date —, numbered once (10 concurrent generations: 10 distinct consecutive numbers), its font
// embedded; downloads are audited and closed to other jurisdictions; the receipt holds no personal data;
// the mediation agreement names the parties (names only) once an agreement was reached.
import t from 'tap';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { receive } from '../helpers/messages.js';
import { senderRound } from '../../services/sender/index.js';
import { demoSms } from '../../services/sender/sms.js';
import { makeLetterDocuments } from '../../services/documents/index.js';
import { enqueue } from '../../store/outbox.js';
import { unitLabel } from '../../domain/index.js';
import { recordStep } from '../../store/matters.js';

const NUMBER = /^〔\d{4}〕综治提字第(\d{4})号$/;

/** A deadline a week after `now`, at 09:00 China time, and how a Chinese reader writes its date. */
function deadline(now: Date): { iso: string; zh: string } {
  const d = new Date(now.getTime() + 7 * 86_400_000);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 1));
  return { iso: day.toISOString(), zh: `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日` };
}

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    text += c.items.map((x) => ('str' in x ? x.str : '')).join('');
  }
  await doc.destroy();
  return text.replace(/\s+/g, '');
}

async function download(h: ApiHarness, user: string, url: string) {
  const r = await h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${h.tokens[user]}` } });
  return { status: r.statusCode, pdf: r.rawPayload, headers: r.headers };
}

async function letter(h: ApiHarness, matterId: string, key: string, template = 'reminder-letter') {
  await enqueue(h.db, {
    matterId,
    recipientKind: 'unit',
    recipient: 'demo-town-a1/justice',
    template,
    payload: { deadline: deadline(h.now()).iso, element: 'reminder' },
    dedupKey: `test-letter:${key}`,
    at: h.now(),
  });
}

t.test('a reminder letter: made by the sender once, read back with its unit, code and deadline', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', '13987654321']);
  await letter(h, m.id, 'one');
  const deps = { db: h.db, vault: h.vault, sms: demoSms, clock: () => h.now() };
  await senderRound(deps);
  // A second sender and a redelivery make nothing twice.
  await Promise.all([senderRound(deps), makeLetterDocuments(deps), makeLetterDocuments(deps)]);

  const list = await h.call('clerk', 'GET', `/api/matters/${m.id}/documents`);
  t.equal(list.status, 200);
  const letters = list.json.items.filter((d: { kind: string }) => d.kind === 'reminder-letter');
  t.equal(letters.length, 1, 'one document for the letter');
  const d = letters[0];
  // The unit of 东湖街道 (a town of 明江区), qualified by its county.
  const unit = `明江区${unitLabel('demo-town-a1/justice', h.regions)}`;
  t.match(unit, /^明江区东湖街道司法/);
  t.match(d, { title: '工作提示函', kindLabel: { zh: '工作提示函' }, addressee: unit });
  t.match(d.docNumber, NUMBER, '文号 like 〔2026〕综治提字第0001号');

  const r = await download(h, 'mediator', `/api/documents/${d.id}`);
  t.equal(r.status, 200);
  t.equal(r.headers['content-type'], 'application/pdf');
  t.match(String(r.headers['content-disposition']), /^attachment; filename="document-\d+\.pdf"; filename\*=UTF-8''/);
  t.match(
    decodeURIComponent(String(r.headers['content-disposition']).split("UTF-8''")[1]),
    `${d.docNumber} 工作提示函.pdf`,
    'the Chinese file name, RFC 5987',
  );
  t.equal(r.pdf.subarray(0, 5).toString(), '%PDF-');
  const text = await pdfText(r.pdf);
  t.match(text, unit, 'the unit, region-qualified');
  t.match(text, m.code, 'the matter code');
  t.match(text, `办理期限至${deadline(h.now()).zh}`, 'the deadline, China date');
  t.match(text, d.docNumber, 'the document number');
  t.match(text, '明江区综治中心', 'the issuing body');
  t.match(text, '（印章）', 'the seal placeholder');
  t.notMatch(text, /13812345678|王某|刘某/, 'no party in a letter to a unit');
  // The font travels in the file: a TrueType font program (FontFile2), no standard font referenced.
  const raw = r.pdf.toString('latin1');
  t.ok(raw.includes('/FontFile2'), 'the font is embedded');
  t.notOk(/\/BaseFont\s*\/(Helvetica|Times|Courier|Arial)/.test(raw), 'no system or standard font');

  const logged = await h.db('app.audit_log').where({ action: 'document.download', target_id: d.id });
  t.equal(logged.length, 1, 'the download is audited');
  t.equal(logged[0].actor, 'mediator');

  t.equal((await download(h, 'island-mediator', `/api/documents/${d.id}`)).status, 404, 'another town: 404');
  t.equal((await h.call('island-mediator', 'GET', `/api/matters/${m.id}/documents`)).status, 404);
  t.equal((await download(h, 'clerk', '/api/documents/abc')).status, 400, 'a bad id');
  t.equal((await download(h, 'clerk', '/api/documents/99999999')).status, 404, 'an unknown id');
  t.equal((await h.call('clerk', 'GET', '/api/matters/x1/documents')).status, 400);
});

t.test('10 concurrent generations: one document per letter, 10 distinct consecutive numbers', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', null]);
  for (let i = 0; i < 10; i++) await letter(h, m.id, `many-${i}`);
  // Expanded as the sender would (delivered letters), without making their documents yet.
  await h.db('app.outbox').where({ matter_id: m.id }).update({ expanded_at: h.now() });
  const deps = { db: h.db, clock: () => h.now() };
  const made = await Promise.all(Array.from({ length: 10 }, () => makeLetterDocuments(deps, 20)));
  t.equal(
    made.reduce((a, b) => a + b, 0),
    10,
    'ten made in all, whoever made each',
  );
  const docs = await h.db('app.documents').where({ matter_id: m.id, kind: 'reminder-letter' }).select('doc_number');
  t.equal(docs.length, 10);
  const seqs = docs.map((d) => Number(NUMBER.exec(d.doc_number)?.[1])).sort((a, b) => a - b);
  t.equal(new Set(seqs).size, 10, 'no number twice');
  t.equal(seqs[9] - seqs[0], 9, 'no number skipped');
  t.equal(await makeLetterDocuments(deps, 20), 0, 'nothing left to make');
});

t.test('the receipt: made on first request, the same file after; the code, no phone or ID', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', '13987654321']);
  const url = `/api/matters/${m.id}/documents/receipt`;
  const a = await download(h, 'clerk', url);
  t.equal(a.status, 200);
  t.equal(a.headers['content-type'], 'application/pdf');
  const b = await download(h, 'clerk', url);
  t.same(b.pdf, a.pdf, 'stored once, served as made');
  const text = await pdfText(a.pdf);
  t.match(text, m.code);
  t.match(text, '受理回执');
  t.match(text, /〔\d{4}〕综治受字第\d{4}号/);
  t.notMatch(text, /138\d{8}|139\d{8}|5678|\d{17}[\dX]/, 'no phone, no phone digits, no ID number');
  t.notMatch(text, /王某|刘某/, 'no party');
  const list = await h.call('clerk', 'GET', `/api/matters/${m.id}/documents`);
  t.same(
    list.json.items.map((d: { kind: string }) => d.kind).filter((k: string) => k === 'receipt'),
    ['receipt'],
    'one receipt',
  );
  const audited = await h.db('app.audit_log').where({ action: 'document.download', actor: 'clerk' });
  t.equal(audited.length, 2, 'each download audited');
  t.equal((await download(h, 'island-clerk', url)).status, 404, 'another county: 404');
});

t.test('the mediation agreement: 404 before an agreement, then the parties by name, no phone', async (t) => {
  const h = await apiHarness(t);
  const m = await receive(h, 'neighbour', ['13812345678', '13987654321']);
  const url = `/api/matters/${m.id}/documents/agreement`;
  const before = await h.call('mediator', 'GET', url);
  t.equal(before.status, 404, 'no agreement yet');
  t.match(before.json.message, '尚未达成调解协议');
  await recordStep(h.db, m.id, {
    type: 'mediation-agreed',
    at: h.now(),
    tier: 'village',
    unit: 'demo-village-a1-1/people-mediation-committee',
    data: { agreementSummary: '刘某于十日内修复排水沟，王某不再追究。', mediator: null },
    dedupKey: `test-agreed:${m.id}`,
  });
  const r = await download(h, 'mediator', url);
  t.equal(r.status, 200);
  const text = await pdfText(r.pdf);
  t.match(text, '调解协议书');
  t.match(text, /〔\d{4}〕调协字第\d{4}号/);
  t.match(text, '申请人：王某');
  t.match(text, '被申请人：刘某');
  t.match(text, '刘某于十日内修复排水沟');
  t.match(text, '东湖街道湖滨社区人民调解委员会', 'issued by the mediating unit');
  t.notMatch(text, '东湖街道东湖街道', 'the town named once');
  t.notMatch(text, /138\d{8}|139\d{8}/, 'no phone');
  t.same((await download(h, 'mediator', url)).pdf, r.pdf, 'the same file after');
  t.equal((await download(h, 'island-mediator', url)).status, 404, 'another county: 404');
});
