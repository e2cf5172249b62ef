// A sensitive matter's public page (the receipt may be in an abuser's hands) shows nothing of what it
// is about; tracking codes and search terms stay out of the info log.
import t from 'tap';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { apiHarness } from '../helpers/api.js';
import { isSensitiveCategory, CATEGORIES } from '../../domain/index.js';
import { NEUTRAL_CATEGORY_LABEL } from '../../api/views.js';

const body = (category: string, o: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category,
  regionCode: 'demo-village-a1-1',
  summary: '家中长期遭受殴打，请求保护',
  facts: { parties: 2, violence: true },
  parties: [
    { role: 'applicant', name: '王某', phone: '13812345678' },
    { role: 'respondent', name: '刘某' },
  ],
  ...o,
});

t.test('the taxonomy flags what must not be named in public', async (t) => {
  for (const code of ['domestic-violence', 'child-custody', 'bullying', 'sexual-harassment', 'mental-health-crisis'])
    t.ok(isSensitiveCategory(code), `${code} is sensitive`);
  for (const code of ['neighbour', 'unpaid-wages', 'noise-nuisance', null, undefined, 'no-such-code'])
    t.notOk(isSensitiveCategory(code), `${code} is not`);
  const flagged = CATEGORIES.flatMap((c) => c.minors).filter((m) => m.sensitive);
  t.ok(flagged.length >= 5, `${flagged.length} sensitive minor categories`);
});

t.test('a domestic-violence matter: neutral label, no unit, no telling step', async (t) => {
  const lines: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const h = await apiHarness(t, { log });
  const r = await h.call('clerk', 'POST', '/api/matters', body('domestic-violence'));
  t.equal(r.status, 201);
  const code = r.json.trackingCode;
  // Let the process run: triage, urgent protection, mediator assignment write their steps.
  await h.inboxTask(code, 'Task_Mediate').catch(() => null);
  const page = await h.call('clerk', 'GET', `/api/track/${code}`);
  t.equal(page.status, 200);
  t.equal(page.json.category, NEUTRAL_CATEGORY_LABEL, 'a neutral label instead of the category');
  t.equal(page.json.handlingUnit, null, 'no handling unit');
  t.ok(
    page.json.steps.every((s: { step: string; unit: unknown }) =>
      ['received', 'closed', 'follow-up-done'].includes(s.step),
    ),
    `only neutral steps: ${page.json.steps.map((s: { step: string }) => s.step).join(', ')}`,
  );
  t.ok(
    page.json.steps.every((s: { unit: unknown }) => s.unit === null),
    'no unit on any step',
  );
  for (const telling of ['家庭暴力', 'domestic', '妇联', '保护', '法院', 'violence', '王某', '1381'])
    t.notMatch(page.body, telling, `the page does not say '${telling}'`);

  const plain = await h.call('clerk', 'POST', '/api/matters', body('neighbour', { summary: '邻里噪音' }));
  const plainPage = await h.call('clerk', 'GET', `/api/track/${plain.json.trackingCode}`);
  t.equal(plainPage.json.category, '邻里纠纷', 'an ordinary matter keeps its category');

  await h.call('supervisor', 'GET', `/api/matters?q=${encodeURIComponent('王某')}`);
  const info = lines.filter((l) => JSON.parse(l).level <= 30).join('\n');
  t.match(info, '/api/track/:code', 'requests are logged by route');
  t.notMatch(info, code, 'no tracking code in the info log');
  t.notMatch(info, '王某', 'no search term in the info log');
  t.notMatch(info, encodeURIComponent('王某'), 'not even encoded');
});

t.test('messages of a sensitive matter go to the applicant only', async (t) => {
  const h = await apiHarness(t);
  const dv = (await h.call('clerk', 'POST', '/api/matters', body('domestic-violence'))).json;
  const plain = (await h.call('clerk', 'POST', '/api/matters', body('neighbour', { summary: '邻里噪音' }))).json;
  const citizenMessages = async (m: { id: string }) =>
    (await h.outbox(m as never)).filter((o) => o.recipientKind === 'citizen').map((o) => o.recipient);
  await h.waitForEvent(plain, 'triaged');
  await h.waitForEvent(dv, 'triaged');
  await h.publish('matter-withdrawn', dv);
  await h.publish('matter-withdrawn', plain);
  await h.waitForEvent(dv, 'closed');
  await h.waitForEvent(plain, 'closed');
  const toDv = await citizenMessages(dv);
  t.ok(toDv.length > 0, `the applicant is told (${toDv.length} messages)`);
  t.same([...new Set(toDv)], ['applicant'], 'never the parties (the respondent among them)');
  t.ok((await citizenMessages(plain)).includes('parties'), 'an ordinary matter still tells every party');
});
