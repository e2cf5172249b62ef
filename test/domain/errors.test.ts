// The error type every domain function throws, and its code catalogue.
import t from 'tap';
import {
  DOMAIN_ERROR_CODES,
  DomainError,
  gradeRisk,
  isInputError,
  majorCategory,
  WorkingCalendar,
} from '../../domain/index.js';

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
};

t.test('DomainError', async (t) => {
  const e = new DomainError('UNKNOWN_CATEGORY', "unknown dispute category 'foo'");
  t.ok(e instanceof Error);
  t.equal(e.name, 'DomainError');
  t.equal(e.code, 'UNKNOWN_CATEGORY');
  t.equal(e.message, "unknown dispute category 'foo'");
  t.ok(e.stack);
});

t.test('input errors versus data errors', async (t) => {
  const input = caught(() => majorCategory('foo'));
  t.ok(input instanceof DomainError);
  t.ok(isInputError(input), 'an unknown category is the caller’s mistake (4xx)');
  const table = caught(() => new WorkingCalendar({ years: [] }));
  t.match(table, { code: 'INVALID_CALENDAR' });
  t.notOk(isInputError(table), 'a broken holiday table is for an operator to fix');
  t.notOk(isInputError(new Error('x')));
  t.notOk(isInputError(new DomainError('SOMETHING_ELSE', 'x')), 'unknown codes are not input errors');
  for (const [code, kind] of Object.entries(DOMAIN_ERROR_CODES)) t.ok(kind === 'input' || kind === 'data', code);
});

t.test('messages show the offending value safely', async (t) => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  t.throws(() => gradeRisk({ parties: circular } as never), { code: 'INVALID_FACTS', message: /\[object Object\]/ });
  t.throws(
    () => gradeRisk({ parties: { note: 'x'.repeat(200) } } as never),
    { code: 'INVALID_FACTS', message: /\.\.\./ },
    'long values are cut',
  );
  t.throws(() => gradeRisk({ parties: new Date('x') } as never), { message: /Invalid Date/ });
  t.throws(() => gradeRisk({ parties: new Date(0) } as never), { message: /1970-01-01T00:00:00.000Z/ });
});
