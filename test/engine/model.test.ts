// Unit tests (no database): timer values, FEEL helpers, model parsing.
import t from 'tap';
import { parseDuration, parseCycle, parseDate, addDuration } from '../../engine/model/timer-spec.js';
import { evaluateAttribute, evaluateBoolean, syntaxError, ExpressionError } from '../../engine/feel.js';
import { parseBpmn, ModelError } from '../../engine/model/parse.js';
import * as b from '../helpers/bpmn.js';

t.test('ISO 8601 timer values', async (t) => {
  t.same(parseDuration('P1DT2H30M'), { years: 0, months: 0, weeks: 0, days: 1, hours: 2, minutes: 30, seconds: 0 });
  t.equal(parseDuration('P'), null);
  t.equal(parseDuration('PT'), null);
  t.equal(parseDuration('3 days'), null);
  t.equal(
    addDuration(new Date('2026-01-31T00:00:00Z'), parseDuration('P1M')!).toISOString(),
    '2026-03-03T00:00:00.000Z',
    'calendar months',
  );
  t.same(parseCycle('R3/PT10S'), { repetitions: 3, interval: 'PT10S' });
  t.same(parseCycle('R/P1D'), { repetitions: -1, interval: 'P1D' });
  t.equal(parseCycle('R2/2026-01-01T00:00:00Z/P7D')?.start?.toISOString(), '2026-01-01T00:00:00.000Z');
  t.equal(parseCycle('0 0 9 * * MON'), null, 'cron is not supported');
  t.equal(parseDate('2026-10-01T08:00:00+08:00[Asia/Shanghai]')?.toISOString(), '2026-10-01T00:00:00.000Z');
  t.equal(parseDate('yesterday'), null);
});

t.test('FEEL: static values, expressions, booleans, syntax errors', async (t) => {
  t.equal(evaluateAttribute('labour', {}), 'labour', 'no = means a static value');
  t.equal(evaluateAttribute('=amount * 2', { amount: 21 }), 42);
  t.equal(evaluateAttribute('=missing', {}), null, 'a missing variable is null');
  t.equal(evaluateBoolean('=parties > 100', { parties: 160 }), true);
  t.throws(() => evaluateBoolean('=parties', { parties: 3 }), ExpressionError, 'a non-boolean condition fails');
  t.throws(() => evaluateAttribute('=nosuchFunction(1)', {}), ExpressionError);
  t.match(syntaxError('=a +'), /syntax error/);
  t.equal(syntaxError('=a + 1'), null);
  t.equal(
    evaluateAttribute('=date and time("2026-01-01T00:00:00Z") + duration("P1D")', {}),
    '2026-01-02T00:00:00.000Z',
    'temporal values become ISO strings',
  );
});

t.test('model parsing collects every problem with element ids', async (t) => {
  const models = await parseBpmn(
    b.bpmn(b.proc('ok', b.start('s'), b.serviceTask('t1', 'x'), b.end('e'), b.chain('s', 't1', 'e'))).toString(),
    'ok.bpmn',
  );
  t.equal(models[0].elements.get('t1')?.job?.type, 'x');
  const err = await parseBpmn(
    b
      .bpmn(
        b.proc(
          'bad',
          b.start('s'),
          '<bpmn:serviceTask id="a"/>',
          b.xor('g'),
          b.end('e1'),
          b.end('e2'),
          b.flow('s', 'a'),
          b.flow('a', 'g'),
          b.flow('g', 'e1', '=x >'),
          b.flow('g', 'e2'),
        ),
      )
      .toString(),
    'bad.bpmn',
  ).catch((x) => x);
  t.type(err, ModelError);
  t.match(err.message, /Element: a \(bpmn:ServiceTask\)/);
  t.match(err.message, /invalid FEEL expression/);
  t.match(err.message, /needs a condition/);
});
