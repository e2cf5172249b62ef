// risk-supervision with fakes: the item is opened for the county unit the risk grade names, due at its
// next review, told and on the timeline; pressing and the instructions are recorded; bad data refused;
// a redelivery answers the same with one write.
import t from 'tap';
import { riskSupervision } from '../../../workers/risk-supervision.js';
import { BadJobData } from '../../../workers/runtime.js';
import { fakes, job } from './fakes.js';

type Vars = { variables: Record<string, any> };
const open = (variables: Record<string, unknown>, key = '100') =>
  job('risk-supervision', variables, { step: 'open' }, key);

t.test('red: the party committee of the county, due at the next standing committee', async (t) => {
  // The fakes' clock: Monday 14 September 2026, 09:00 China time.
  const f = fakes();
  const handle = f.handler(riskSupervision);
  const { variables: v } = (await handle(
    open({ risk: 'red', handlingRegion: 'demo-county-a', regionCode: 'demo-village-a2-1' }),
  )) as Vars;
  t.same(v, {
    supervisionUnit: 'demo-county-a/county-party-committee',
    supervisionDue: '2026-09-21T10:00:00.000Z',
    supervisionCadence: 'standing-committee',
  });
  const [c] = f.calls;
  t.match(c.step, {
    type: 'supervision-opened',
    tier: 'county',
    unit: 'demo-county-a/county-party-committee',
    data: { level: 'red', cadence: 'standing-committee', reviewDay: '2026-09-21', output: v },
  });
  t.same(c.notify, [
    {
      recipientKind: 'unit',
      recipient: 'demo-county-a/county-party-committee',
      template: 'supervision-item',
      payload: { trackingCode: 'GC-TEST-0000-00001', risk: 'red', due: '2026-09-21T10:00:00.000Z' },
    },
  ]);
  f.tick(3_600_000);
  t.same(
    await handle(open({ risk: 'red', handlingRegion: 'demo-county-a', regionCode: 'demo-village-a2-1' })),
    { variables: v },
    'a redelivery answers the first result',
  );
  t.equal(f.written().length, 1, 'written once');
});

t.test('orange handled in a village: the peace office of its county, this Friday', async (t) => {
  const f = fakes();
  const { variables: v } = (await f.handler(riskSupervision)(
    open({ risk: 'orange', handlingRegion: 'demo-village-a1-1' }),
  )) as Vars;
  t.same(
    [v.supervisionUnit, v.supervisionDue, v.supervisionCadence],
    ['demo-county-a/county-peace-office', '2026-09-18T10:00:00.000Z', 'weekly'],
  );
});

t.test('overdue presses the unit; done records the instructions', async (t) => {
  const f = fakes();
  const handle = f.handler(riskSupervision);
  const vars = {
    risk: 'orange',
    supervisionUnit: 'demo-county-a/county-peace-office',
    supervisionDue: '2026-09-18T10:00:00.000Z',
  };
  t.same(await handle(job('risk-supervision', vars, { step: 'overdue' }, '101')), {});
  t.match(f.calls[0], {
    step: { type: 'supervision-overdue', unit: 'demo-county-a/county-peace-office' },
    notify: [{ recipient: 'demo-county-a/county-peace-office', template: 'supervision-overdue' }],
  });
  await handle(
    job(
      'risk-supervision',
      { ...vars, supervisionMeasure: 'meeting', supervisionInstructions: '住建局三日内约谈开发商' },
      { step: 'done' },
      '102',
    ),
  );
  t.match(f.calls[1].step, {
    type: 'supervised',
    unit: 'demo-county-a/county-peace-office',
    data: { measure: 'meeting', instructions: '住建局三日内约谈开发商' },
  });
});

t.test('bad data fails without retries', async (t) => {
  const f = fakes();
  const handle = f.handler(riskSupervision);
  await t.rejects(handle(open({ risk: 'green', handlingRegion: 'demo-town-a1' })), BadJobData, 'green has no item');
  await t.rejects(handle(open({ risk: 'purple', handlingRegion: 'demo-town-a1' })), { code: 'UNKNOWN_RISK_LEVEL' });
  await t.rejects(handle(job('risk-supervision', { risk: 'red' }, { step: 'later' })), BadJobData);
  await t.rejects(handle(job('risk-supervision', { risk: 'red' }, { step: 'done' })), BadJobData, 'no unit');
  t.equal(f.calls.length, 0, 'nothing recorded');
});
