// compute-deadline with fakes: the due date on the working-day calendar from the clock, the reminder
// and warning before it, the matter's next deadline only for matter stages, an extension counted
// from the original start, and a redelivery that keeps the first deadline even after time moved.
import t from 'tap';
import { computeDeadlineWorker } from '../../../workers/compute-deadline.js';
import { fakes, job, DAY } from './fakes.js';

type Vars = { variables: Record<string, any> };

t.test('village mediation: 10 working days from now, reminder and warning before the due date', async (t) => {
  const f = fakes(new Date('2026-09-14T01:00:00Z')); // a Monday, 09:00 in China
  const { variables: v } = (await f.handler(computeDeadlineWorker)(
    job('compute-deadline', { tier: 'village' }, { stage: 'mediation' }),
  )) as Vars;
  t.equal(v.deadline, '2026-09-28T10:00:00.000Z', 'two working weeks later, at the end of the working day');
  t.equal(v.deadlineFrom, '2026-09-14T01:00:00.000Z', 'counted from the clock');
  t.match(v.deadlineBasis, /10 working days/);
  const [from, remind, warn, due] = [v.deadlineFrom, v.remindAt, v.warnAt, v.deadline].map((s) => Date.parse(s));
  t.ok(from < remind && remind < warn && warn < due, 'reminder, then warning, then due');
  t.notOk('petitionExtended' in v, 'not an extension');
  const [c] = f.calls;
  t.match(c.step, { type: 'deadline-set', data: { stage: 'mediation' }, dedupKey: '100:compute-deadline' });
  t.same(c.patch, { nextDeadline: new Date(v.deadline) }, 'a matter stage: the tracking page shows it');
  t.same(c.notify, []);
});

t.test('the stage header wins over the variable; the tier changes the period', async (t) => {
  const f = fakes(new Date('2026-09-14T01:00:00Z'));
  const handle = f.handler(computeDeadlineWorker);
  const village = (await handle(
    job('compute-deadline', { tier: 'village', stage: 'nonsense' }, { stage: 'mediation' }),
  )) as Vars;
  const town = (await handle(job('compute-deadline', { tier: 'town' }, { stage: 'mediation' }, '101'))) as Vars;
  t.ok(Date.parse(town.variables.deadline) > Date.parse(village.variables.deadline), 'the town has longer');
  t.match(town.variables.deadlineBasis, /15 working days/);
});

t.test('a stage that is not the matter’s own deadline leaves nextDeadline alone', async (t) => {
  const f = fakes();
  await f.handler(computeDeadlineWorker)(job('compute-deadline', {}, { stage: 'follow-up' }));
  t.same(f.calls[0].patch, {});
});

t.test('an extension counts from the original start and says so', async (t) => {
  const f = fakes(new Date('2026-10-20T01:00:00Z'));
  const { variables: v } = (await f.handler(computeDeadlineWorker)(
    job(
      'compute-deadline',
      { extended: true, deadlineFrom: '2026-09-14T01:00:00.000Z' },
      { stage: 'petition-handling' },
    ),
  )) as Vars;
  t.equal(v.deadlineFrom, '2026-09-14T01:00:00.000Z', 'not from the clock');
  t.equal(v.petitionExtended, true);
  t.match(v.deadlineBasis, /60 calendar days \+ 30 calendar days/);
  t.equal(v.deadline, '2026-12-14T10:00:00.000Z');
  t.equal(f.calls[0].step.type, 'deadline-extended');
});

t.test('a redelivery after time moved keeps the first deadline; a new pass computes anew', async (t) => {
  const f = fakes();
  const handle = f.handler(computeDeadlineWorker);
  const j = job('compute-deadline', { tier: 'village' }, { stage: 'mediation' });
  const first = (await handle(j)) as Vars;
  f.tick(DAY);
  t.same(await handle(j), first, 'the first deadline stands');
  t.equal(f.written().length, 1);
  const again = (await handle(job('compute-deadline', { tier: 'village' }, { stage: 'mediation' }, '101'))) as Vars;
  t.not(again.variables.deadline, first.variables.deadline, 'a new element instance starts from the new now');
  t.equal(f.written().length, 2);
});

t.test('an unknown stage is bad process data (DomainError) and nothing is written', async (t) => {
  const f = fakes();
  await t.rejects(f.handler(computeDeadlineWorker)(job('compute-deadline', {}, { stage: 'nap' })), {
    name: 'DomainError',
  });
  await t.rejects(f.handler(computeDeadlineWorker)(job('compute-deadline', {})), { name: 'DomainError' });
  t.equal(f.calls.length, 0);
});
