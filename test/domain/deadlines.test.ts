// Deadlines per stage, on the working calendar: tiers, category overrides, extension, thresholds.
import t from 'tap';
import {
  DEADLINE_RULES,
  STAGES,
  WorkingCalendar,
  chinaDate,
  chinaTime,
  computeDeadline,
  deadlineRule,
  isStage,
  periodLabel,
  periodParts,
  requireStage,
} from '../../domain/index.js';
import type { Stage } from '../../domain/index.js';

const cal = new WorkingCalendar();
const nine = (d: string): Date => chinaTime(d, '09:00');
const due = (stage: Stage, input: Parameters<typeof computeDeadline>[1]) =>
  chinaDate(computeDeadline(stage, input, cal).due);

t.test('mediation by tier, across the 2026 National Day holiday', async (t) => {
  const d = computeDeadline('mediation', { from: nine('2026-09-18'), tier: 'village' }, cal);
  t.equal(d.basis, '10 working days (mediation, village)');
  // Sep 20(1) 21 22 23 24(5) 28 29 30(8) Oct 8 9(10)
  t.equal(d.due.toISOString(), '2026-10-09T10:00:00.000Z', 'due 18:00 China time on Oct 9');
  t.equal(
    due('mediation', { from: nine('2026-09-18'), tier: 'town' }),
    '2026-10-15',
    'town: 15 working days (Oct 10 Saturday counts)',
  );
  t.equal(due('mediation', { from: nine('2026-09-18'), tier: 'grid' }), '2026-09-22');
  const county = computeDeadline('mediation', { from: nine('2026-09-10'), tier: 'county' }, cal);
  t.equal(chinaDate(county.due), '2026-10-10', '30 calendar days: Oct 10 is a (swapped) working day, no roll');
  t.equal(county.basis, '30 calendar days (mediation, county)');
  t.equal(
    due('mediation', { from: nine('2026-09-05'), tier: 'county' }),
    '2026-10-08',
    'Oct 5 falls in the holiday: rolls to Oct 8',
  );
  t.equal(due('mediation', { from: nine('2026-09-10'), tier: 'city' }), '2026-10-10', 'no tier rule: the catch-all');
  t.equal(due('mediation', { from: nine('2026-09-10') }), '2026-10-10');
});

t.test('category overrides beat the tier', async (t) => {
  const labour = computeDeadline(
    'mediation',
    { from: nine('2026-03-02'), tier: 'village', category: 'unpaid-wages' },
    cal,
  );
  t.equal(chinaDate(labour.due), '2026-03-17', '15 days (劳动争议调解仲裁法 art. 14)');
  t.equal(labour.basis, '15 calendar days (mediation, labour)');
  t.match(labour.source, /劳动争议调解仲裁法/);
  t.equal(
    due('mediation', { from: nine('2026-03-02'), tier: 'county', category: 'medical' }),
    '2026-04-14',
    '30 working days (Apr 4–6 Qingming)',
  );
  t.equal(
    due('mediation', { from: nine('2026-03-02'), tier: 'town', category: 'neighbour' }),
    '2026-03-23',
    'no override for neighbours: town rule',
  );
  t.same(deadlineRule('mediation', { tier: 'town', category: 'labour' }).limit, { calendarDays: 15 });
});

t.test('Spring Festival 2026', async (t) => {
  t.equal(
    due('complaint', { from: nine('2026-02-10') }),
    '2026-03-09',
    '15 working days: Feb 11–14 (4), Feb 24–28 (9), Mar 2–6 (14), Mar 9',
  );
  t.equal(
    due('petition-acceptance', { from: nine('2026-02-05') }),
    '2026-02-24',
    '15 calendar days end Feb 20 in the holiday: rolled',
  );
  t.equal(due('follow-up', { from: nine('2026-02-12') }), '2026-02-28', '7 working days: 13, 14, 24–27, Saturday 28');
});

t.test('petitions, extension, judicial confirmation', async (t) => {
  const h = computeDeadline('petition-handling', { from: nine('2026-01-05') }, cal);
  t.equal(chinaDate(h.due), '2026-03-06', '60 days');
  t.equal(h.basis, '60 calendar days (petition-handling)');
  const x = computeDeadline('petition-handling', { from: nine('2026-01-05'), extended: true }, cal);
  t.equal(chinaDate(x.due), '2026-04-07', '90 days end Sunday Apr 5 (Qingming): rolled to Tuesday Apr 7');
  t.equal(x.basis, '60 calendar days + 30 calendar days (petition-handling, extended)');
  t.equal(due('judicial-confirmation', { from: nine('2026-06-01') }), '2026-06-16');
  t.equal(due('judicial-confirmation', { from: nine('2026-06-01'), extended: true }), '2026-06-26');
  t.throws(() => computeDeadline('consultation', { from: nine('2026-06-01'), extended: true }, cal), {
    code: 'INVALID_INPUT',
    message: /cannot be extended/,
  });
  t.equal(due('labour-arbitration', { from: nine('2026-06-01'), extended: true }), '2026-07-31', '45 + 15 days');
  t.equal(due('fulfilment-check', { from: nine('2026-06-01') }), '2026-07-01');
});

t.test('same working day, hours, reminder and warning thresholds', async (t) => {
  t.equal(
    computeDeadline('consultation', { from: nine('2026-09-30') }, cal).due.toISOString(),
    '2026-09-30T10:00:00.000Z',
  );
  t.equal(computeDeadline('consultation', { from: nine('2026-09-30') }, cal).basis, 'same working day (consultation)');
  t.equal(
    due('consultation', { from: chinaTime('2026-09-30', '20:00') }),
    '2026-10-08',
    'after hours: the next working day',
  );
  const p = computeDeadline('urgent-protection', { from: nine('2026-10-02') }, cal);
  t.equal(p.due.toISOString(), '2026-10-03T01:00:00.000Z', '24 hours, holiday or not');
  t.equal(p.basis, '24 hours (urgent-protection)');
  t.equal(p.remindAt.toISOString(), '2026-10-02T07:00:00.000Z', 'urgent: remind at 25%');
  t.equal(p.warnAt.toISOString(), '2026-10-02T13:00:00.000Z', 'and warn at 50%');
  // Fractions are of wall-clock time between from and due.
  const m = computeDeadline('department-report', { from: chinaTime('2026-03-02', '08:00') }, cal);
  t.equal(m.due.toISOString(), '2026-03-03T10:00:00.000Z', 'next working day 18:00');
  t.equal(m.remindAt.toISOString(), '2026-03-02T17:00:00.000Z', '50% of 34 h is 17 h after 08:00 China (00:00 UTC)');
  t.equal(m.warnAt.toISOString(), '2026-03-03T03:12:00.000Z', '80%');
  for (const stage of STAGES) {
    const d = computeDeadline(stage, { from: nine('2026-03-02') }, cal);
    t.ok(
      d.remindAt < d.warnAt && d.warnAt < d.due && d.due > nine('2026-03-02'),
      `${stage}: from < remind < warn < due`,
    );
  }
  t.equal(
    computeDeadline('follow-up', { from: nine('2026-03-02') }).basis,
    '7 working days (follow-up)',
    'the default calendar',
  );
});

t.test('the table', async (t) => {
  for (const stage of STAGES) {
    const last = [...DEADLINE_RULES].reverse().find((r) => r.stage === stage);
    t.ok(last && (last.tier ?? '*') === '*' && (last.category ?? '*') === '*', `${stage} ends with a catch-all row`);
  }
  for (const r of DEADLINE_RULES) {
    t.ok(isStage(r.stage), r.stage);
    t.ok(periodParts(r.limit));
    if (r.extension)
      t.equal(periodParts(r.extension).unit, periodParts(r.limit).unit, `${r.stage}: extension in the limit's unit`);
    const remind = r.remindAt ?? 0.5;
    const warn = r.warnAt ?? 0.8;
    t.ok(remind > 0 && remind < warn && warn < 1, `${r.stage}: 0 < remind < warn < 1`);
    if (r.rollToWorkingDay) t.ok('calendarDays' in r.limit, `${r.stage}: only calendar days roll`);
  }
  // No row is shadowed by an earlier, more general row of the same stage.
  DEADLINE_RULES.forEach((r, i) => {
    const shadow = DEADLINE_RULES.slice(0, i).find(
      (e) =>
        e.stage === r.stage &&
        ((e.tier ?? '*') === '*' || e.tier === r.tier) &&
        ((e.category ?? '*') === '*' || e.category === r.category),
    );
    t.notOk(shadow, `row ${i} (${r.stage} ${r.tier ?? '*'} ${r.category ?? '*'}) is reachable`);
  });
  t.equal(periodLabel({ hours: 1 }), '1 hour');
  t.equal(periodLabel({ workingDays: 1 }), '1 working day');
  t.throws(() => periodParts({ weeks: 2 } as never), { code: 'NO_RULE' });
  t.throws(() => periodParts({ hours: 1, workingDays: 1 } as never), { code: 'NO_RULE' });
  t.throws(() => periodParts(null as never), { code: 'NO_RULE' });
});

t.test('bad input', async (t) => {
  const from = nine('2026-03-02');
  t.throws(() => computeDeadline('nap' as Stage, { from }, cal), {
    name: 'DomainError',
    code: 'UNKNOWN_STAGE',
    message: "unknown stage 'nap'",
  });
  t.throws(() => requireStage(undefined), { code: 'UNKNOWN_STAGE' });
  t.throws(() => computeDeadline('mediation', { from, tier: 'province' as never }, cal), { code: 'UNKNOWN_TIER' });
  t.throws(() => computeDeadline('mediation', { from, category: 'foo' }, cal), {
    code: 'UNKNOWN_CATEGORY',
    message: "unknown dispute category 'foo'",
  });
  t.throws(() => computeDeadline('mediation', { from: '2026-03-02' as never }, cal), {
    code: 'INVALID_INPUT',
    message: /from must be a valid Date/,
  });
  t.throws(() => computeDeadline('mediation', null as never, cal), { code: 'INVALID_INPUT' });
  t.throws(() => computeDeadline('mediation', { from, extended: 'yes' as never }, cal), { code: 'INVALID_INPUT' });
  t.throws(() => computeDeadline('mediation', { from }, {} as never), {
    code: 'INVALID_INPUT',
    message: /WorkingCalendar/,
  });
  const far = computeDeadline('mediation', { from: nine('2030-03-02'), tier: 'village' }, cal);
  t.equal(far.provisional, true, 'past the holiday table: computed, and marked provisional');
  t.equal(computeDeadline('mediation', { from: nine('2026-03-02'), tier: 'village' }, cal).provisional, false);
  t.throws(() => deadlineRule('mediation', 'town' as never), { code: 'INVALID_INPUT' });
});
