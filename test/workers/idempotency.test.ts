// Handlers called directly with their dependencies (no engine): a redelivered job writes nothing
// twice and answers the same; bad process data is refused before anything is written.
import t from 'tap';
import { testDatabase } from '../helpers/db.js';
import { connect } from '../../platform/db.js';
import { upsertRegions } from '../../store/regions.js';
import { upsertMediators } from '../../store/mediators.js';
import { insertMatter, eventsOf, matterById } from '../../store/matters.js';
import { outboxOf } from '../../store/outbox.js';
import { DEMO_REGIONS, DEMO_MEDIATORS, RegionTree, WorkingCalendar } from '../../domain/index.js';
import { WORKERS, workerDeps } from '../../workers/index.js';
import type { Job } from '../../workers/runtime.js';
import { createLogger } from '../../platform/logger.js';

async function setup(t: { teardown(fn: () => unknown): void; passing(): boolean }) {
  const db = connect(await testDatabase(t), 3);
  t.teardown(() => db.destroy());
  await upsertRegions(db, DEMO_REGIONS);
  await upsertMediators(db, DEMO_MEDIATORS);
  let now = new Date('2026-09-14T01:00:00Z');
  const deps = workerDeps({
    db,
    clock: () => now,
    regions: new RegionTree(DEMO_REGIONS),
    calendar: async () => new WorkingCalendar(),
    log: createLogger('silent'),
  });
  const { matter } = await insertMatter(db, {
    trackingCode: 'GC-TEST-0000-00001',
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-village-a1-1',
    regionPath: '/demo-city/demo-county-a/demo-town-a1/demo-village-a1-1/',
    summary: 's',
    facts: { parties: 2 },
    receivedAt: now,
  });
  const handler = (type: string) => WORKERS.find((w) => w.type === type)!.create(deps);
  const job = (
    type: string,
    variables: Record<string, unknown>,
    headers: Record<string, string> = {},
    elementInstanceKey = '100',
  ): Job => ({
    key: '1',
    type,
    variables: {
      matterId: matter.id,
      trackingCode: matter.trackingCode,
      regionCode: 'demo-village-a1-1',
      category: 'neighbour',
      ...variables,
    },
    headers,
    processInstanceKey: '10',
    elementInstanceKey,
    bpmnProcessId: 'dispute-resolution',
    elementId: 'X',
    retries: 3,
  });
  return {
    db,
    deps,
    matter,
    handler,
    job,
    tick: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

t.test('every job type in the registry is unique and named like its file', async (t) => {
  const types = WORKERS.map((w) => w.type);
  t.equal(new Set(types).size, types.length);
  for (const type of types) t.match(type, /^[a-z]+(-[a-z]+)*$/);
});

t.test('a redelivered triage answers the same and records once', async (t) => {
  const s = await setup(t);
  const triage = s.handler('triage-matter');
  const first = await triage(s.job('triage-matter', { matterType: 'dispute', facts: { parties: 2 } }));
  s.tick(3_600_000);
  const again = await triage(s.job('triage-matter', { matterType: 'dispute', facts: { parties: 2 } }));
  t.same(again, first, 'the same answer');
  const events = await eventsOf(s.db, s.matter.id);
  t.equal(events.filter((e) => e.type === 'triaged').length, 1, 'one event');
  t.equal((await outboxOf(s.db, s.matter.id)).length, 1, 'one notification');
  t.equal((await matterById(s.db, s.matter.id))!.status, 'in-progress');
});

t.test('deadlines, letters, escalation and closing are idempotent per element instance', async (t) => {
  const s = await setup(t);
  const deadline = s.handler('compute-deadline');
  const d1 = await deadline(s.job('compute-deadline', { tier: 'village' }, { stage: 'mediation' }));
  s.tick(86_400_000);
  t.same(
    await deadline(s.job('compute-deadline', { tier: 'village' }, { stage: 'mediation' })),
    d1,
    'the first deadline stands',
  );
  const d2 = await deadline(s.job('compute-deadline', { tier: 'village' }, { stage: 'mediation' }, '101'));
  t.not(
    (d2 as any).variables.deadline,
    (d1 as any).variables.deadline,
    'a new pass (new element instance) computes anew',
  );

  const letter = s.handler('send-supervision-letter');
  for (let i = 0; i < 2; i++)
    await letter(
      s.job(
        'send-supervision-letter',
        { handlingUnit: 'demo-village-a1-1/people-mediation-committee', deadline: 'x' },
        { letter: 'reminder-letter' },
      ),
    );
  const escalate = s.handler('escalate-matter');
  const e1 = await escalate(s.job('escalate-matter', { tier: 'village', handlingRegion: 'demo-village-a1-1' }));
  t.same((e1 as any).variables.tier, 'town');
  await escalate(s.job('escalate-matter', { tier: 'village', handlingRegion: 'demo-village-a1-1' }));
  const close = s.handler('close-matter');
  for (let i = 0; i < 2; i++) await close(s.job('close-matter', { closureReason: 'resolved' }));
  const types = (await eventsOf(s.db, s.matter.id)).map((e) => e.type);
  t.same(
    types,
    ['received', 'deadline-set', 'deadline-set', 'reminder-letter', 'escalated', 'closed'],
    'each step once',
  );
  const m = (await matterById(s.db, s.matter.id))!;
  t.same([m.status, m.closureReason, m.tier], ['closed', 'resolved', 'town']);
});

t.test('bad process data is refused and nothing is written', async (t) => {
  const s = await setup(t);
  const before = (await eventsOf(s.db, s.matter.id)).length;
  await t.rejects(
    s.handler('close-matter')(s.job('close-matter', { closureReason: 'closed' })),
    { name: 'BadJobData', message: /closureReason must be one of/ },
    'no undifferentiated "closed"',
  );
  await t.rejects(
    s.handler('close-matter')(s.job('close-matter', { matterId: undefined, closureReason: 'resolved' })),
    /needs the variable 'matterId'/,
  );
  await t.rejects(
    s.handler('send-supervision-letter')(s.job('send-supervision-letter', {}, { letter: 'love-letter' })),
    /header 'letter'/,
  );
  await t.rejects(s.handler('compute-deadline')(s.job('compute-deadline', {}, { stage: 'nap' })), {
    name: 'DomainError',
  });
  await t.rejects(
    s.handler('triage-matter')(
      s.job('triage-matter', { matterType: 'dispute', facts: { parties: 2, violance: true } }),
    ),
    /unknown risk fact 'violance'/,
  );
  await t.rejects(
    s.handler('record-follow-up')(s.job('record-follow-up', { satisfaction: 'ok', reallyResolved: 'yes' })),
    /satisfaction must be/,
  );
  await t.rejects(s.handler('record-event')(s.job('record-event', {}, { event: 'Bad Event' })), /kebab-case/);
  await t.rejects(s.handler('sample-quality')(s.job('sample-quality', {}, { share: '2' })), /share/);
  t.equal((await eventsOf(s.db, s.matter.id)).length, before, 'nothing written');
});
