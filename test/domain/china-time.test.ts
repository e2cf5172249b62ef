// Instants for people in China time (+08:00), and period bounds given as a China day or a date-time.
import t from 'tap';
import { DomainError, chinaIso, chinaIsoText, periodBound } from '../../domain/index.js';

t.test('chinaIso: the same instant, written with +08:00', async (t) => {
  const d = new Date('2026-03-02T01:30:00.000Z');
  t.equal(chinaIso(d), '2026-03-02T09:30:00.000+08:00');
  t.equal(Date.parse(chinaIso(d)), d.getTime(), 'parses back to the same instant');
  t.equal(chinaIso(new Date('2026-12-31T16:00:00Z')), '2027-01-01T00:00:00.000+08:00', 'the China date rolls over');
  t.equal(chinaIso(new Date('2026-07-01T00:00:00Z')), '2026-07-01T08:00:00.000+08:00', 'no daylight saving');
  t.throws(() => chinaIso(new Date('nonsense')), DomainError);
  t.equal(chinaIsoText('2026-03-02T01:31:00.000+0000'), '2026-03-02T09:31:00.000+08:00', "Operate's form");
  t.equal(chinaIsoText('not a time'), 'not a time', 'text that is no instant stays');
});

t.test('periodBound: a China day is inclusive at both ends', async (t) => {
  t.equal(periodBound('2026-11-01', 'start').toISOString(), '2026-10-31T16:00:00.000Z', '00:00 China time');
  t.equal(periodBound('2026-11-30', 'end').toISOString(), '2026-11-30T16:00:00.000Z', 'the next day 00:00 China');
  t.equal(periodBound('2026-12-31', 'end').toISOString(), '2026-12-31T16:00:00.000Z', 'across the year end');
  t.equal(periodBound('2028-02-29', 'start').toISOString(), '2028-02-28T16:00:00.000Z', 'a leap day');
});

t.test('periodBound: a date-time is that instant, whichever end', async (t) => {
  for (const [text, iso] of [
    ['2026-11-01T00:00:00+08:00', '2026-10-31T16:00:00.000Z'],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00.5z', '2026-11-01T00:00:00.500Z'],
    ['2026-11-01t08:30:00-05:00', '2026-11-01T13:30:00.000Z'],
    ['2026-11-01 00:00:00+0800', '2026-10-31T16:00:00.000Z'],
  ]) {
    t.equal(periodBound(text, 'start').toISOString(), iso, text);
    t.equal(periodBound(text, 'end').toISOString(), iso, `${text} (end)`);
  }
});

t.test('periodBound: anything else is INVALID_INPUT naming the field', async (t) => {
  for (const bad of [
    '2026-02-30',
    '2026-13-01',
    '2026-11-1',
    '2026/11/01',
    '2026-11-01T00:00:00',
    '2026-11-01T24:00:00Z',
    '2026-11-01T10:60:00+08:00',
    '2026-11-01T10:00:00+25:00',
    '2026-11-01T',
    'yesterday',
    '',
  ]) {
    t.throws(() => periodBound(bad, 'end'), { code: 'INVALID_INPUT', message: /^to / }, JSON.stringify(bad));
  }
  t.throws(() => periodBound('x', 'start'), { message: /^from 应为日期/ }, 'Chinese first, naming the field');
});
