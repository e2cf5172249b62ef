// escalate-matter with fakes: one tier up with an assignment sheet, the ladder's end at the county,
// a reopen after an unresolved follow-up, and a redelivery that writes nothing new.
import t from 'tap';
import { escalateMatter } from '../../../workers/escalate-matter.js';
import { fakes, job } from './fakes.js';

t.test('village → town: the town committee takes it with an assignment sheet', async (t) => {
  const f = fakes();
  const out = await f.handler(escalateMatter)(
    job('escalate-matter', { tier: 'village', handlingRegion: 'demo-village-a1-1', mediationOutcome: 'failed' }),
  );
  t.same(out, {
    variables: {
      tier: 'town',
      handlingRegion: 'demo-town-a1',
      handlingUnit: 'demo-town-a1/people-mediation-committee',
      ladderExhausted: false,
    },
  });
  t.equal(f.calls.length, 1);
  const [c] = f.calls;
  t.equal(c.matterId, '7');
  t.match(c.step, {
    type: 'escalated',
    tier: 'town',
    unit: 'demo-town-a1/people-mediation-committee',
    data: { from: 'village', to: 'town', reason: 'failed' },
    dedupKey: '100:escalate-matter',
  });
  t.equal(c.step.at.toISOString(), '2026-09-14T01:00:00.000Z', 'at the clock, not Date.now()');
  t.same(c.patch, {
    tier: 'town',
    handlingRegion: 'demo-town-a1',
    handlingUnit: 'demo-town-a1/people-mediation-committee',
  });
  t.same(c.notify, [
    {
      recipientKind: 'unit',
      recipient: 'demo-town-a1/people-mediation-committee',
      template: 'assignment-sheet',
      payload: { from: 'village', to: 'town', reopened: false },
    },
  ]);
});

t.test('town → county: the county centre, not a committee', async (t) => {
  const f = fakes();
  const out = (await f.handler(escalateMatter)(
    job('escalate-matter', { tier: 'town', handlingRegion: 'demo-town-a1', mediationOutcome: 'deadline-missed' }),
  )) as { variables: Record<string, unknown> };
  t.equal(out.variables.tier, 'county');
  t.equal(out.variables.handlingUnit, 'demo-county-a/centre');
  t.equal(f.calls[0].step.data?.reason, 'deadline-missed');
});

t.test('past the county the ladder is exhausted: nothing moves, nobody is notified', async (t) => {
  const f = fakes();
  const out = await f.handler(escalateMatter)(
    job('escalate-matter', { tier: 'county', handlingRegion: 'demo-county-a' }),
  );
  t.same(out, { variables: { ladderExhausted: true } });
  t.equal(f.calls.length, 1);
  t.equal(f.calls[0].step.type, 'ladder-exhausted');
  t.same(f.calls[0].patch, {}, 'the matter stays where it is');
  t.same(f.calls[0].notify, []);
});

t.test('mode=reopen: one tier above, the previous pass forgotten, the matter reopened', async (t) => {
  const f = fakes();
  const out = (await f.handler(escalateMatter)(
    job(
      'escalate-matter',
      { tier: 'village', handlingRegion: 'demo-village-a1-1', closureReason: 'resolved', urgent: true },
      { mode: 'reopen' },
    ),
  )) as { variables: Record<string, unknown> };
  t.match(out.variables, {
    tier: 'town',
    handlingUnit: 'demo-town-a1/people-mediation-committee',
    closureReason: null,
    mediationOutcome: null,
    followUpResolved: null,
    urgent: false,
    ladderExhausted: false,
  });
  const [c] = f.calls;
  t.equal(c.step.type, 'reopened');
  t.equal(c.step.data?.reason, 'follow-up-unresolved');
  t.match(c.patch, { status: 'reopened', closureReason: null, closedAt: null, tier: 'town' });
  t.match(c.notify[0].payload, { reopened: true });
});

t.test('mode=reopen at the county reopens at the county instead of exhausting the ladder', async (t) => {
  const f = fakes();
  const out = (await f.handler(escalateMatter)(
    job('escalate-matter', { tier: 'county', handlingRegion: 'demo-county-a' }, { mode: 'reopen' }),
  )) as { variables: Record<string, unknown> };
  t.equal(out.variables.tier, 'county');
  t.equal(out.variables.handlingUnit, 'demo-county-a/centre');
  t.equal(out.variables.ladderExhausted, false);
  t.match(f.calls[0].step, { type: 'reopened', data: { from: 'county', to: 'county' } });
});

t.test('a redelivered job answers the first decision and writes nothing new', async (t) => {
  const f = fakes();
  const handle = f.handler(escalateMatter);
  const j = job('escalate-matter', { tier: 'village', handlingRegion: 'demo-village-a1-1' });
  const first = await handle(j);
  f.tick(3_600_000);
  t.same(await handle(j), first);
  t.equal(f.calls.length, 2);
  t.equal(f.calls[1].step.dedupKey, f.calls[0].step.dedupKey, 'the same dedup key');
  t.equal(f.written().length, 1, 'one step written');
  const loop = await handle(job('escalate-matter', { tier: 'town', handlingRegion: 'demo-town-a1' }, {}, '101'));
  t.not(f.calls[2].step.dedupKey, f.calls[0].step.dedupKey, 'a new element instance is a new step');
  t.equal((loop as { variables: { tier: string } }).variables.tier, 'county');
});

t.test('bad process data: BadJobData or DomainError before anything is written', async (t) => {
  const f = fakes();
  const handle = f.handler(escalateMatter);
  await t.rejects(handle(job('escalate-matter', { handlingRegion: 'demo-town-a1' })), {
    name: 'BadJobData',
    message: /needs the variable 'tier'/,
  });
  await t.rejects(handle(job('escalate-matter', { tier: 'village', regionCode: undefined })), {
    name: 'BadJobData',
    message: /'regionCode'/,
  });
  await t.rejects(handle(job('escalate-matter', { tier: 'hamlet' })), { name: 'DomainError' });
  await t.rejects(handle(job('escalate-matter', { tier: 'village', matterId: undefined })), {
    name: 'BadJobData',
    message: /'matterId'/,
  });
  t.equal(f.calls.length, 0, 'nothing recorded');
});
