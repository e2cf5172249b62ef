// A matter taken in through the API with the parties' phones, waited for until its receipt SMS is queued:
// the starting point of the message tests (test/workers/sender.test.ts, sms-aliyun.test.ts).
import type { ApiHarness } from './api.js';
import { chinaYear, formatDocNumber } from '../../services/documents/content.js';

const intake = (category: string, phones: [string | null, string | null]) => ({
  matterType: 'dispute',
  channel: 'window',
  category,
  regionCode: 'demo-village-a1-1',
  summary: '邻里之间因排水问题发生纠纷',
  facts: { parties: 2 },
  parties: [
    { role: 'applicant', name: '王某', ...(phones[0] ? { phone: phones[0] } : {}) },
    { role: 'respondent', name: '刘某', ...(phones[1] ? { phone: phones[1] } : {}) },
  ],
});

export async function receive(h: ApiHarness, category: string, phones: [string | null, string | null]) {
  const r = await h.call('clerk', 'POST', '/api/matters', intake(category, phones));
  if (r.status !== 201) throw new Error(`intake: ${r.status} ${r.body}`);
  // The receipt SMS is queued by the flow's first steps (notify-citizen).
  for (let i = 0; i < 200; i++) {
    const n = await h.db('app.outbox').where({ matter_id: r.json.id, template: 'matter-received' }).count('* as n');
    if (Number(n[0].n) > 0) return { id: String(r.json.id), code: r.json.trackingCode as string };
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('no receipt message queued');
}

/**
 * Takes the number the matter's next reminder letter would get (a document imported from an older system),
 * so every try at making that letter's PDF collides. Returns the blocking document's id.
 */
export async function blockNextReminderNumber(h: ApiHarness, matterId: string): Promise<string> {
  const year = chinaYear(h.now());
  const counter = await h.db('app.document_counters').where({ year, kind: 'reminder-letter' }).first('last');
  const [row] = await h
    .db('app.documents')
    .insert({
      matter_id: matterId,
      kind: 'reminder-letter',
      doc_number: formatDocNumber('reminder-letter', year, (counter?.last ?? 0) + 1),
      title: '工作提示函（旧系统导入）',
      pdf: Buffer.from('%PDF-1.4'),
      sha256: '0'.repeat(64),
      created_at: h.now(),
    })
    .returning('id');
  return String(row.id);
}
