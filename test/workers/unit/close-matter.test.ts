// close-matter with fakes: closes with its explicit reason at the clock's time and tells the
// citizen; never an undifferentiated "closed"; a redelivery writes nothing new.
import t from 'tap';
import { CLOSURE_REASONS } from '../../../domain/index.js';
import { closeMatter } from '../../../workers/close-matter.js';
import { fakes, job } from './fakes.js';

t.test('closes with the reason, clears the deadline, feeds back to the parties', async (t) => {
  const f = fakes(new Date('2026-09-20T03:00:00Z'));
  const out = await f.handler(closeMatter)(job('close-matter', { closureReason: 'resolved', tier: 'town' }));
  t.same(out, {}, 'no variables: the model does not branch on closing');
  t.equal(f.calls.length, 1);
  const [c] = f.calls;
  t.equal(c.matterId, '7');
  t.match(c.step, { type: 'closed', data: { reason: 'resolved', tier: 'town' }, dedupKey: '100:close-matter' });
  t.same(c.patch, {
    status: 'closed',
    closureReason: 'resolved',
    closedAt: new Date('2026-09-20T03:00:00Z'),
    nextDeadline: null,
  });
  t.same(c.notify, [
    { recipientKind: 'citizen', recipient: 'parties', template: 'matter-closed', payload: { reason: 'resolved' } },
  ]);
});

t.test('every explicit reason is accepted and recorded as given', async (t) => {
  for (const reason of CLOSURE_REASONS) {
    const f = fakes();
    await f.handler(closeMatter)(job('close-matter', { closureReason: reason }));
    t.equal(f.calls[0].patch.closureReason, reason);
    t.equal(f.calls[0].step.data?.tier, null, 'no tier variable: null, not undefined');
  }
});

t.test('no undifferentiated "closed", no missing reason: BadJobData and nothing written', async (t) => {
  const f = fakes();
  const handle = f.handler(closeMatter);
  await t.rejects(handle(job('close-matter', { closureReason: 'closed' })), {
    name: 'BadJobData',
    message: /closureReason must be one of resolved, withdrawn, referred, not-accepted, litigated \(got 'closed'\)/,
  });
  await t.rejects(handle(job('close-matter', {})), { name: 'BadJobData', message: /\(got ''\)/ });
  await t.rejects(handle(job('close-matter', { closureReason: 'resolved', trackingCode: '' })), {
    name: 'BadJobData',
    message: /'trackingCode'/,
  });
  t.equal(f.calls.length, 0);
});

t.test('a redelivered close writes nothing new and is keyed by the element instance', async (t) => {
  const f = fakes();
  const handle = f.handler(closeMatter);
  const j = job('close-matter', { closureReason: 'withdrawn' }, {}, '555');
  await handle(j);
  await handle(j);
  t.equal(f.written().length, 1);
  t.same(
    f.calls.map((c) => c.step.dedupKey),
    ['555:close-matter', '555:close-matter'],
  );
});
