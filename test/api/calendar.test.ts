// The holiday table through the API: everyone reads it, administrators import a year (JSON or CSV),
// anything wrong is refused with the field named and nothing written, every import is audited.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';

const Y2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  holidays: [
    { zh: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { zh: '春节', from: '2027-02-05', to: '2027-02-11', name: 'spring-festival' },
  ],
  workdays: [{ date: '2027-02-14', for: '春节' }],
};

t.test('reading, importing, refusing and auditing the holiday table', async (t) => {
  const h = await apiHarness(t);
  const before = await h.call('clerk', 'GET', '/api/calendar');
  t.equal(before.status, 200, 'any staff member reads the calendar');
  t.same(
    before.json.years.map((y: { year: number }) => y.year),
    [2025, 2026],
  );
  t.equal(before.json.lastDay, '2026-12-31');
  t.equal(before.json.provisionalFrom, '2027-01-01');
  t.equal(before.json.warning, null, 'mid-September: no warning yet');
  t.equal((await h.call(null, 'GET', '/api/calendar')).status, 401);

  await h.advanceDays(60);
  const late = await h.call('admin', 'GET', '/api/calendar');
  t.ok(late.json.daysLeft <= 60 && late.json.daysLeft > 40, `${late.json.daysLeft} days left`);
  t.match(late.json.warning, /节假日表只到 2026-12-31.*导入.*2027/, 'warned from 60 days before the end');

  t.equal((await h.call('clerk', 'PUT', '/api/calendar/years/2027', Y2027)).status, 403, 'administrators only');
  const refused: [string, unknown, RegExp][] = [
    ['a weekday as a swapped working day', { ...Y2027, workdays: [{ date: '2027-02-10', for: '春节' }] }, /Saturday/],
    [
      'a date that does not exist',
      { ...Y2027, holidays: [{ zh: '春节', from: '2027-02-30', to: '2027-03-01' }] },
      /date/,
    ],
    ['a day in another year', { ...Y2027, holidays: [{ zh: '国庆节', from: '2028-10-01', to: '2028-10-07' }] }, /2027/],
    ['a workday for no holiday', { ...Y2027, workdays: [{ date: '2027-02-14', for: '国庆节' }] }, /workdays\[0\]\.for/],
    ['a range backwards', { ...Y2027, holidays: [{ zh: '春节', from: '2027-02-11', to: '2027-02-05' }] }, /plausible/],
    ['no holidays', { ...Y2027, holidays: [], workdays: [] }, /holidays/],
    ['an unknown field', { ...Y2027, extra: 1 }, /extra|additional/],
    ['a NUL byte', { ...Y2027, source: 'a\u0000b' }, /source/],
  ];
  for (const [what, body, why] of refused) {
    const r = await h.call('admin', 'PUT', '/api/calendar/years/2027', body);
    t.ok(r.status === 400 || r.status === 422, `${what}: ${r.status}`);
    t.match(r.json.message, why, what);
  }
  const gap = await h.call('admin', 'PUT', '/api/calendar/years/2028', { ...Y2027, holidays: [], workdays: [] });
  t.equal(gap.status, 400);
  const skipped = await h.call('admin', 'PUT', '/api/calendar/years/2028', {
    source: 'x',
    holidays: [{ zh: '元旦', from: '2028-01-01', to: '2028-01-01' }],
    workdays: [],
  });
  t.match(skipped.json.message, /contiguous/, 'a year cannot be skipped');
  t.same((await h.db('app.calendar_years').pluck('year')).sort(), [2025, 2026], 'nothing written');
  t.equal(await auditCount(), 0, 'nothing audited');

  const ok = await h.call('admin', 'PUT', '/api/calendar/years/2027', Y2027);
  t.equal(ok.status, 200);
  t.equal(ok.json.replaced, false);
  t.equal(ok.json.calendar.lastDay, '2027-12-31');
  t.equal(ok.json.calendar.warning, null, 'no warning once the next year is in');
  t.equal(ok.json.calendar.years[2].holidays[0].name, '元旦', 'a name defaults to the Chinese one');

  // The same notice as CSV replaces the year (audited with what it replaced).
  const csv = [
    '类型,名称,开始,结束',
    '放假,元旦,2027-01-01,2027-01-01',
    '放假,春节,2027-02-05,2027-02-11',
    '上班,春节,2027-02-14,',
  ];
  const put = (body: string, q = '?source=%E9%80%9A%E7%9F%A5') =>
    h.call('admin', 'PUT', `/api/calendar/years/2027/csv${q}`, body, { 'content-type': 'text/csv' });
  const viaCsv = await put(csv.join('\n'));
  t.equal(viaCsv.status, 200, viaCsv.body);
  t.equal(viaCsv.json.replaced, true);
  t.same(viaCsv.json.calendar.years[2].holidays[0], { name: '元旦', zh: '元旦', from: '2027-01-01', to: '2027-01-01' });
  t.match((await put('请假,春节,2027-02-05,')).json, { code: 'VALIDATION_FAILED', message: /line 1.*类型/ });
  t.match((await put('放假,春节,5/2/2027,')).json.message, /YYYY-MM-DD/);
  t.match((await put(csv.join('\n'), '')).json.message, /source/, 'a CSV names its notice');
  const trail = await h.db('app.audit_log').where({ target_kind: 'calendar-year' }).orderBy('id');
  t.same(
    trail.map((a) => [a.actor, a.action, a.target_id]),
    [
      ['admin', 'calendar.add-year', '2027'],
      ['admin', 'calendar.replace-year', '2027'],
    ],
  );
  t.equal(trail[1].details.previous.holidays[0].to, '2027-01-03', 'the replaced version is kept in the audit');

  // Two administrators importing at once: one row, both answered.
  const many = await Promise.all(
    Array.from({ length: 8 }, () => h.call('admin', 'PUT', '/api/calendar/years/2027', Y2027)),
  );
  t.same([...new Set(many.map((r) => r.status))], [200]);
  t.equal((await h.db('app.calendar_years').where({ year: 2027 })).length, 1);

  async function auditCount(): Promise<number> {
    return (await h.db('app.audit_log').where({ target_kind: 'calendar-year' })).length;
  }
});
