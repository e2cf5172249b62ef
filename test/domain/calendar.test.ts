// The working-day calendar: China time, the 2025/2026 holiday schedules with swapped working days.
import t from 'tap';
import {
  chinaDate,
  chinaTime,
  chinaWeekday,
  DomainError,
  HOLIDAYS,
  WorkingCalendar,
  DEFAULT_CALENDAR,
} from '../../domain/index.js';
import type { HolidayData } from '../../domain/index.js';

const cal = new WorkingCalendar();
const day = (d: Date): string => chinaDate(d);
const nine = (d: string): Date => chinaTime(d, '09:00');

t.test('China time is UTC+8 whatever the server says', async (t) => {
  t.equal(chinaTime('2026-10-08', '18:00').toISOString(), '2026-10-08T10:00:00.000Z');
  t.equal(chinaDate(new Date('2026-09-30T16:00:00Z')), '2026-10-01', 'midnight in Beijing is 16:00 UTC the day before');
  t.equal(chinaDate(new Date('2026-09-30T15:59:59Z')), '2026-09-30');
  t.equal(chinaWeekday(nine('2026-09-20')), 0, 'Sep 20 2026 is a Sunday');
  t.equal(chinaWeekday(nine('2026-10-10')), 6, 'Oct 10 2026 is a Saturday');
  t.equal(chinaWeekday(new Date('1969-12-31T12:00:00Z')), 3, 'dates before 1970 work too (Wednesday)');
});

t.test('isWorkingDay: weekends, holidays and swapped working days', async (t) => {
  t.equal(cal.isWorkingDay(nine('2026-09-18')), true, 'Friday');
  t.equal(cal.isWorkingDay(nine('2026-09-19')), false, 'ordinary Saturday');
  t.equal(cal.isWorkingDay(nine('2026-09-20')), true, 'Sunday Sep 20 is worked for National Day');
  t.equal(cal.isWorkingDay(nine('2026-09-25')), false, 'Mid-Autumn (Friday)');
  for (let d = 1; d <= 7; d++) t.equal(cal.isWorkingDay(nine(`2026-10-0${d}`)), false, `Oct ${d} off`);
  t.equal(cal.isWorkingDay(nine('2026-10-08')), true);
  t.equal(cal.isWorkingDay(nine('2026-10-10')), true, 'Saturday Oct 10 is worked');
  t.equal(cal.isWorkingDay(nine('2026-10-11')), false, 'ordinary Sunday');
  t.equal(cal.isWorkingDay(nine('2026-01-04')), true, 'Sunday Jan 4 2026 worked for New Year');
  t.equal(cal.isWorkingDay(nine('2026-02-14')), true, 'Saturday Feb 14 2026 worked');
  t.equal(cal.isWorkingDay(nine('2026-02-28')), true, 'Saturday Feb 28 2026 worked');
  t.equal(cal.isWorkingDay(nine('2026-05-09')), true, 'Saturday May 9 2026 worked');
  t.equal(cal.isWorkingDay(nine('2026-06-19')), false, 'Dragon Boat 2026 (Friday)');
  t.equal(cal.isWorkingDay(nine('2026-04-06')), false, 'Qingming 2026 (Monday)');
  t.equal(cal.isWorkingDay(nine('2025-01-26')), true, 'Sunday Jan 26 2025 worked');
  t.equal(cal.isWorkingDay(nine('2025-02-04')), false, 'Spring Festival 2025 last day');
  t.equal(cal.isWorkingDay(nine('2025-02-08')), true, 'Saturday Feb 8 2025 worked');
  t.equal(cal.isWorkingDay(nine('2025-04-27')), true, 'Sunday Apr 27 2025 worked');
  t.equal(cal.isWorkingDay(nine('2025-06-02')), false, 'Dragon Boat 2025 (Monday)');
  t.equal(cal.isWorkingDay(nine('2025-09-28')), true, 'Sunday Sep 28 2025 worked');
  t.equal(cal.isWorkingDay(nine('2025-10-08')), false, 'National Day + Mid-Autumn 2025 runs to Oct 8');
  t.equal(cal.isWorkingDay(nine('2025-10-11')), true, 'Saturday Oct 11 2025 worked');
  // 23:30 on Sep 30 in Beijing is still Sep 30 (a working day), although it is Sep 30 15:30 UTC.
  t.equal(cal.isWorkingDay(chinaTime('2026-09-30', '23:30')), true);
  t.equal(cal.isWorkingDay(new Date('2026-09-30T16:30:00Z')), false, '00:30 Oct 1 in Beijing is a holiday');
  t.equal(cal.holidayName(nine('2026-10-03')), '国庆节');
  t.equal(cal.holidayName(nine('2026-10-08')), undefined);
});

t.test('addWorkingDays across the 2026 National Day holiday', async (t) => {
  const fri = nine('2026-09-18');
  t.equal(day(cal.addWorkingDays(fri, 1)), '2026-09-20', 'the next working day is Sunday Sep 20 (swapped)');
  t.equal(day(cal.addWorkingDays(fri, 5)), '2026-09-24');
  t.equal(day(cal.addWorkingDays(fri, 6)), '2026-09-28', 'skips Mid-Autumn Sep 25–27');
  t.equal(day(cal.addWorkingDays(fri, 8)), '2026-09-30');
  t.equal(day(cal.addWorkingDays(fri, 9)), '2026-10-08', 'skips Oct 1–7');
  t.equal(day(cal.addWorkingDays(fri, 11)), '2026-10-10', 'includes Saturday Oct 10 (swapped)');
  t.equal(day(cal.addWorkingDays(fri, 12)), '2026-10-12', 'Sunday Oct 11 is off');
  t.equal(cal.addWorkingDays(fri, 11).toISOString(), '2026-10-10T10:00:00.000Z', 'due at 18:00 China time');
  t.equal(cal.workingDaysBetween(fri, cal.addWorkingDays(fri, 11)), 11, 'workingDaysBetween inverts addWorkingDays');
  t.equal(cal.workingDaysBetween(nine('2026-09-30'), nine('2026-10-08')), 1);
  t.equal(cal.workingDaysBetween(nine('2026-10-08'), nine('2026-09-30')), -1, 'negative when b is earlier');
  t.equal(cal.workingDaysBetween(nine('2026-10-08'), chinaTime('2026-10-08', '23:00')), 0, 'same day');
});

t.test('addWorkingDays across Spring Festival 2026', async (t) => {
  const fri = nine('2026-02-13');
  t.equal(day(cal.addWorkingDays(fri, 1)), '2026-02-14', 'Saturday Feb 14 is worked');
  t.equal(day(cal.addWorkingDays(fri, 2)), '2026-02-24', 'Feb 15–23 off');
  t.equal(day(cal.addWorkingDays(fri, 5)), '2026-02-27');
  t.equal(day(cal.addWorkingDays(fri, 6)), '2026-02-28', 'Saturday Feb 28 is worked');
  t.equal(day(cal.addWorkingDays(fri, 7)), '2026-03-02');
  t.equal(
    cal.workingDaysBetween(nine('2026-02-01'), nine('2026-02-28')),
    16,
    '10 + Sat Feb 14 + Feb 24–27 + Sat Feb 28',
  );
});

t.test('addWorkingDays starting on a holiday, a weekend, or after hours', async (t) => {
  t.equal(
    day(cal.addWorkingDays(nine('2026-10-03'), 1)),
    '2026-10-08',
    'received during the holiday: the first working day after it',
  );
  t.equal(day(cal.addWorkingDays(nine('2026-10-03'), 3)), '2026-10-10');
  t.equal(day(cal.addWorkingDays(nine('2025-01-30'), 1)), '2025-02-05', 'Spring Festival 2025');
  t.equal(day(cal.addWorkingDays(nine('2026-09-19'), 1)), '2026-09-20', 'Saturday → swapped Sunday');
  t.equal(day(cal.addWorkingDays(chinaTime('2026-09-30', '23:00'), 1)), '2026-10-08');
  // n = 0: "the same working day"
  t.equal(cal.addWorkingDays(nine('2026-09-30'), 0).toISOString(), '2026-09-30T10:00:00.000Z');
  t.equal(
    day(cal.addWorkingDays(chinaTime('2026-09-30', '18:00'), 0)),
    '2026-10-08',
    'at 18:00 the office day is over',
  );
  t.equal(day(cal.addWorkingDays(chinaTime('2026-09-30', '17:59'), 0)), '2026-09-30');
  t.equal(day(cal.addWorkingDays(nine('2026-10-01'), 0)), '2026-10-08', 'on a holiday: the next working day');
});

t.test('addCalendarDays', async (t) => {
  t.equal(
    cal.addCalendarDays(nine('2026-09-18'), 15).toISOString(),
    '2026-10-03T10:00:00.000Z',
    'plain: lands in the holiday',
  );
  t.equal(
    day(cal.addCalendarDays(nine('2026-09-18'), 15, { rollToWorkingDay: true })),
    '2026-10-08',
    'rolled past the holiday',
  );
  t.equal(
    day(cal.addCalendarDays(nine('2026-09-18'), 2, { rollToWorkingDay: true })),
    '2026-09-20',
    'Sunday Sep 20 is a working day: no roll',
  );
  t.equal(day(cal.addCalendarDays(nine('2026-09-18'), 0)), '2026-09-18');
  t.equal(day(cal.addCalendarDays(chinaTime('2026-09-18', '19:00'), 0)), '2026-09-19', 'after 18:00: tomorrow');
  t.equal(
    day(cal.addCalendarDays(nine('2030-03-01'), 10)),
    '2030-03-11',
    'plain calendar arithmetic needs no holiday table',
  );
});

t.test('outside the holiday table: the provisional rule, said so, never a refusal', async (t) => {
  t.equal(cal.isProvisional(nine('2030-03-01')), true);
  t.equal(cal.isProvisional(nine('2026-12-31')), false);
  t.equal(cal.isWorkingDay(nine('2030-03-01')), true, 'an ordinary Friday');
  t.equal(cal.isWorkingDay(nine('2030-03-02')), false, 'Saturday');
  // 2027 by the statutory rule: 除夕 (5 Feb) to the third day (8 Feb), Qingming, 1–2 May, Dragon
  // Boat, Mid-Autumn, 1–3 Oct. No swapped working days: the notice decides those.
  const off2027 = ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-05-03', '2027-06-09'];
  for (const d of off2027.filter((x) => x !== '2027-05-03'))
    t.equal(cal.isWorkingDay(nine(d)), false, `${d} off (${cal.holidayName(nine(d))})`);
  t.equal(cal.isWorkingDay(nine('2027-05-03')), true, 'Labour Day is two statutory days: 3 May works');
  t.equal(cal.holidayName(nine('2027-02-06')), '春节');
  t.equal(cal.holidayName(nine('2027-09-15')), '中秋节');
  t.equal(cal.holidayName(nine('2028-10-03')), '国庆节', 'Mid-Autumn on 3 Oct 2028 falls inside National Day');
  t.equal(cal.holidayName(nine('2030-01-01')), '元旦');
  t.equal(cal.holidayName(nine('2027-03-01')), undefined);
  t.equal(day(cal.addWorkingDays(nine('2026-12-28'), 5)), '2027-01-05', 'New Year (1 Jan 2027, a Friday) skipped');
  t.equal(cal.provisionalWithin(nine('2026-12-28'), nine('2027-01-05')), true);
  t.equal(cal.provisionalWithin(nine('2026-01-05'), nine('2026-12-31')), false);
  t.equal(
    day(cal.addWorkingDays(nine('2024-12-31'), 1)),
    '2025-01-02',
    'a start before the table: 2025-01-01 is New Year in the table',
  );
  t.equal(cal.workingDaysBetween(nine('2024-12-31'), nine('2025-01-03')), 2);
  t.equal(cal.isWorkingDay(nine('2024-10-01')), false, 'before the table, too: National Day');
  t.throws(() => cal.isWorkingDay(nine('2100-01-04')), { code: 'INVALID_INPUT', message: /1901–2099/ });
  t.equal(cal.isWorkingDay(nine('2026-12-31')), true, 'the last covered day');
  t.equal(
    cal.isWorkingDay(new Date('2024-12-31T16:00:00Z')),
    false,
    'the first covered instant (Jan 1 2025, New Year)',
  );
  const cov = cal.coverage();
  t.equal(cov.from.toISOString(), '2024-12-31T16:00:00.000Z');
  t.equal(cov.to.toISOString(), '2026-12-31T16:00:00.000Z', 'half-open end');
  t.equal(cov.firstDay, '2025-01-01');
  t.equal(cov.lastDay, '2026-12-31');
  t.equal(DEFAULT_CALENDAR.coverage().lastDay, '2026-12-31');
});

t.test('bad input throws DomainError', async (t) => {
  t.throws(() => cal.isWorkingDay(new Date('nope')), { code: 'INVALID_INPUT' });
  t.throws(() => cal.isWorkingDay('2026-01-01' as unknown as Date), { code: 'INVALID_INPUT', message: /'2026-01-01'/ });
  t.throws(() => cal.addWorkingDays(nine('2026-01-05'), -1), { code: 'INVALID_INPUT' });
  t.throws(() => cal.addWorkingDays(nine('2026-01-05'), 1.5), { code: 'INVALID_INPUT' });
  t.throws(() => cal.addWorkingDays(nine('2026-01-05'), 1e9), { code: 'INVALID_INPUT' });
  t.throws(() => cal.addCalendarDays(nine('2026-01-05'), 1e9), { code: 'INVALID_INPUT' });
  t.throws(() => cal.addCalendarDays(nine('2026-01-05'), 1, null as never), { code: 'INVALID_INPUT' });
  t.throws(() => cal.workingDaysBetween(nine('2026-01-05'), undefined as never), { code: 'INVALID_INPUT' });
  t.throws(() => chinaTime('2026-02-30'), { code: 'INVALID_INPUT' });
  t.throws(() => chinaTime('2026-02-03', '25:00'), { code: 'INVALID_INPUT' });
  t.throws(() => chinaTime('2026-02-03', 9 as never), { code: 'INVALID_INPUT' });
  t.throws(() => chinaDate(null as never), DomainError);
});

t.test('the holiday table is validated', async (t) => {
  const year = HOLIDAYS.years[1]!;
  const bad = (data: unknown) => () => new WorkingCalendar(data as HolidayData);
  t.throws(bad(null), { code: 'INVALID_CALENDAR' });
  t.throws(bad({ years: [] }), { code: 'INVALID_CALENDAR' });
  t.throws(bad({ years: [{}] }), { code: 'INVALID_CALENDAR', message: /#0/ });
  t.throws(bad({ years: [year, HOLIDAYS.years[0]] }), { code: 'INVALID_CALENDAR', message: /contiguous/ });
  t.throws(bad({ years: [{ year: 2026 }] }), { code: 'INVALID_CALENDAR' });
  t.throws(bad({ years: [{ ...year, workdays: [{ date: '2026-09-21', for: 'x' }] }] }), {
    code: 'INVALID_CALENDAR',
    message: /Saturday or Sunday/,
  });
  t.throws(bad({ years: [{ ...year, workdays: [{ date: '2026-10-03', for: 'x' }] }] }), {
    code: 'INVALID_CALENDAR',
    message: /both/,
  });
  t.throws(bad({ years: [{ ...year, holidays: [{ name: 'x', zh: 'x', from: '2026-10-07', to: '2026-10-01' }] }] }), {
    code: 'INVALID_CALENDAR',
  });
  t.throws(bad({ years: [{ ...year, holidays: [{ name: 'x', zh: 'x', from: '2026-13-01', to: '2026-13-02' }] }] }), {
    code: 'INVALID_CALENDAR',
  });
  // Every swapped working day is a weekend day next to its holiday; every holiday block has a name.
  for (const y of HOLIDAYS.years) {
    const names = new Set(y.holidays.map((h) => h.name));
    for (const w of y.workdays) t.ok(names.has(w.for), `${w.date} pays for a holiday of ${y.year}`);
  }
  const custom = new WorkingCalendar({ years: [{ year: 2027, source: 'test', holidays: [], workdays: [] }] });
  t.equal(custom.isWorkingDay(nine('2027-01-01')), true, 'a custom table without holidays');
});
