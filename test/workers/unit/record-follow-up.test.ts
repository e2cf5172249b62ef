// record-follow-up with fakes: the visit's result becomes followUpResolved (the model reopens on
// false), satisfaction is kept, bad answers are refused, and a redelivery answers the first result.
import t from 'tap';
import { recordFollowUp } from '../../../workers/record-follow-up.js';
import { fakes, job } from './fakes.js';

t.test('resolved and satisfied: followUpResolved true, the event keeps the notes', async (t) => {
  const f = fakes();
  const out = await f.handler(recordFollowUp)(
    job('record-follow-up', { satisfaction: 'satisfied', reallyResolved: 'yes', notes: '双方已和好' }),
  );
  t.same(out, { variables: { followUpResolved: true, satisfaction: 'satisfied' } });
  const [c] = f.calls;
  t.match(c.step, {
    type: 'follow-up-done',
    data: { satisfaction: 'satisfied', resolved: true, notes: '双方已和好' },
    dedupKey: '100:record-follow-up',
  });
  t.same(c.patch, {}, 'the visit itself changes nothing on the matter');
  t.same(c.notify, []);
});

t.test('not really resolved: followUpResolved false whatever the satisfaction', async (t) => {
  for (const satisfaction of ['satisfied', 'unsatisfied', 'unknown']) {
    const f = fakes();
    const out = (await f.handler(recordFollowUp)(job('record-follow-up', { satisfaction, reallyResolved: 'no' }))) as {
      variables: Record<string, unknown>;
    };
    t.equal(out.variables.followUpResolved, false, satisfaction);
    t.equal(out.variables.satisfaction, satisfaction);
    t.equal(f.calls[0].step.data?.notes, null, 'no notes: null');
  }
});

t.test('bad answers are refused before anything is written', async (t) => {
  const f = fakes();
  const handle = f.handler(recordFollowUp);
  await t.rejects(handle(job('record-follow-up', { satisfaction: 'ok', reallyResolved: 'yes' })), {
    name: 'BadJobData',
    message: /satisfaction must be one of satisfied, basically-satisfied, unsatisfied, unknown \(got 'ok'\)/,
  });
  await t.rejects(handle(job('record-follow-up', { satisfaction: 'satisfied', reallyResolved: true })), {
    name: 'BadJobData',
    message: /reallyResolved must be 'yes' or 'no'/,
  });
  await t.rejects(handle(job('record-follow-up', { satisfaction: 'satisfied' })), { name: 'BadJobData' });
  t.equal(f.calls.length, 0);
});

t.test('a redelivery answers what was recorded the first time', async (t) => {
  const f = fakes();
  const handle = f.handler(recordFollowUp);
  const first = await handle(job('record-follow-up', { satisfaction: 'unsatisfied', reallyResolved: 'no' }));
  // The same job delivered again, even with variables changed since, answers the recorded result:
  // the model has already branched on it once.
  const again = await handle(job('record-follow-up', { satisfaction: 'satisfied', reallyResolved: 'yes' }));
  t.same(again, first);
  t.equal(f.written().length, 1);
});
