// Supervision by risk grade: who is pressed (region-qualified, at the matter's county) and when the item
// is due (the next review of the unit's cadence on the working calendar, holidays and swapped days included).
import t from 'tap';
import {
  DEMO_REGIONS,
  REVIEW_CADENCES,
  RegionTree,
  SUPERVISION,
  WorkingCalendar,
  countyLeaderUnit,
  countyOf,
  nextReview,
  parseUnit,
  supervisionItem,
  supervisionUnit,
  unitLabel,
} from '../../domain/index.js';

const regions = new RegionTree(DEMO_REGIONS);
const at = (s: string) => new Date(s);
const china = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

t.test('red presses the county party committee, orange its peace office, green nobody', async (t) => {
  t.equal(supervisionUnit('red', 'demo-village-a2-1', regions), 'demo-county-a/county-party-committee');
  t.equal(supervisionUnit('orange', 'demo-town-a1', regions), 'demo-county-a/county-peace-office');
  t.equal(
    supervisionUnit('red', 'demo-county-b', regions),
    'demo-county-b/county-party-committee',
    'the county itself',
  );
  t.equal(supervisionUnit('green', 'demo-village-a2-1', regions), null, "green: the town's weekly review");
  t.equal(supervisionUnit('orange', 'demo-city', regions), 'demo-city/county-peace-office', 'above any county: itself');
  t.equal(countyOf('demo-island-village-2-1', regions), 'demo-island-county');
  t.equal(countyLeaderUnit('demo-village-b1-1', regions), 'demo-county-b/county-leader');
  t.throws(() => supervisionUnit('purple' as never, 'demo-town-a1', regions), { code: 'UNKNOWN_RISK_LEVEL' });
  t.throws(() => supervisionUnit('red', 'nowhere', regions), { code: 'UNKNOWN_REGION' });
  for (const unit of ['demo-county-a/county-party-committee', 'demo-county-b/county-leader'])
    t.equal(parseUnit(unit).problem, null, `${unit} is a unit staff can belong to`);
  t.equal(unitLabel('demo-county-a/county-party-committee', regions), '明江区委');
  t.equal(unitLabel('demo-county-a/county-peace-office', regions), '明江区委平安办');
  t.equal(unitLabel('demo-county-b/county-leader', regions), '青山县包案领导');
});

t.test('every cadence of the risk table has a review day', async (t) => {
  for (const s of Object.values(SUPERVISION)) t.ok(REVIEW_CADENCES[s.cadence], s.cadence);
  t.throws(() => nextReview('monthly' as never, at('2026-09-14T09:00:00+08:00')), { code: 'INVALID_INPUT' });
});

t.test('the next review: at least one working day ahead, on the cadence day or the next working day', async (t) => {
  const cases: [string, string, string][] = [
    // Monday morning: the peace office meets this Friday, the standing committee next Monday.
    ['2026-09-14T09:00:00+08:00', '2026-09-21 18:00', '2026-09-18 18:00'],
    // Thursday evening: Friday is still one working day ahead.
    ['2026-09-17T20:00:00+08:00', '2026-09-21 18:00', '2026-09-18 18:00'],
    // Friday: Sunday 20 September is a swapped working day; Friday 25 is Mid-Autumn (to the 27th),
    // so the peace office's meeting moves to Monday 28.
    ['2026-09-18T09:00:00+08:00', '2026-09-21 18:00', '2026-09-28 18:00'],
    // Before National Day: both meetings fall in the holiday and move to Thursday 8 October.
    ['2026-09-29T10:00:00+08:00', '2026-10-08 18:00', '2026-10-08 18:00'],
  ];
  for (const [from, red, orange] of cases) {
    t.equal(china(nextReview('standing-committee', at(from))), red, `standing committee after ${from}`);
    t.equal(china(nextReview('weekly', at(from))), orange, `weekly review after ${from}`);
  }
});

t.test('the item: unit, cadence, due, and whether the provisional holiday rule was used', async (t) => {
  const red = supervisionItem(
    { level: 'red', regionCode: 'demo-village-a2-1', from: at('2026-09-14T09:00:00+08:00') },
    regions,
  );
  t.match(red, {
    level: 'red',
    county: 'demo-county-a',
    unit: 'demo-county-a/county-party-committee',
    cadence: 'standing-committee',
    reviewDay: '2026-09-21',
    provisional: false,
  });
  t.equal(red!.due.toISOString(), '2026-09-21T10:00:00.000Z');
  const orange = supervisionItem(
    { level: 'orange', regionCode: 'demo-island-town-1', from: at('2026-09-14T09:00:00+08:00') },
    regions,
  );
  t.match(orange, { unit: 'demo-island-county/county-peace-office', cadence: 'weekly', reviewDay: '2026-09-18' });
  t.equal(supervisionItem({ level: 'green', regionCode: 'demo-town-a1', from: new Date() }, regions), null);
  // Past the holiday table (2027 here): New Year's Day by the provisional rule, marked.
  const late = supervisionItem(
    { level: 'orange', regionCode: 'demo-town-a1', from: at('2026-12-30T10:00:00+08:00') },
    regions,
    new WorkingCalendar(),
  );
  t.match(late, { reviewDay: '2027-01-04', provisional: true });
});
