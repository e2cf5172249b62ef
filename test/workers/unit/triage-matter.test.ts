// triage-matter with fakes: where a matter starts, how risky it is, whether someone needs urgent
// protection and which non-litigation route fits; bad data refused; a redelivery answers the same.
import t from 'tap';
import { triageMatter } from '../../../workers/triage-matter.js';
import { fakes, job } from './fakes.js';
import { triage } from '../../../domain/index.js';

type Vars = { variables: Record<string, any> };

t.test('a green neighbour dispute starts with the village committee', async (t) => {
  const f = fakes();
  const { variables: v } = (await f.handler(triageMatter)(
    job('triage-matter', { matterType: 'dispute', category: 'neighbour', facts: { parties: 2 } }),
  )) as Vars;
  t.match(v, {
    risk: 'green',
    riskReasons: [],
    urgent: false,
    tier: 'village',
    handlingRegion: 'demo-village-a1-1',
    handlingUnit: 'demo-village-a1-1/people-mediation-committee',
    mediationKind: 'people',
    nonLitigationRoute: null,
    nonLitigationUnit: null,
  });
  t.equal(v.supervisor.unit, 'town-departments', 'green is supervised by the town');
  t.equal(f.calls.length, 1);
  const [c] = f.calls;
  t.match(c.step, {
    type: 'triaged',
    tier: 'village',
    unit: 'demo-village-a1-1/people-mediation-committee',
    data: { ruleId: 'dispute', output: v },
    dedupKey: '100:triage-matter',
  });
  t.same(c.patch, {
    status: 'in-progress',
    riskLevel: 'green',
    tier: 'village',
    handlingRegion: 'demo-village-a1-1',
    handlingUnit: 'demo-village-a1-1/people-mediation-committee',
  });
  t.same(c.notify, [
    {
      recipientKind: 'unit',
      recipient: 'demo-village-a1-1/people-mediation-committee',
      template: 'matter-assigned',
      payload: { risk: 'green', matterType: 'dispute' },
    },
  ]);
});

t.test('violence: red, urgent protection, the county takes it under the party committee', async (t) => {
  const f = fakes();
  const { variables: v } = (await f.handler(triageMatter)(
    job('triage-matter', { matterType: 'dispute', category: 'neighbour', facts: { parties: 2, violence: true } }),
  )) as Vars;
  t.match(v, { risk: 'red', urgent: true, tier: 'county', handlingRegion: 'demo-county-a' });
  t.ok(v.riskReasons.includes('violence'), 'the reason is named');
  t.equal(v.supervisor.unit, 'county-party-committee');
  t.equal(v.handlingUnit, 'demo-county-a/justice', 'no committee at the county: the department');
  t.equal(f.calls[0].patch.riskLevel, 'red');
  t.match(f.calls[0].notify[0], { recipient: 'demo-county-a/justice', payload: { risk: 'red' } });
});

t.test('a labour dispute carries its non-litigation route, at the county', async (t) => {
  const f = fakes();
  const { variables: v } = (await f.handler(triageMatter)(
    job('triage-matter', { matterType: 'dispute', category: 'labour', facts: { parties: 2 } }),
  )) as Vars;
  t.equal(v.nonLitigationRoute, 'labour-arbitration');
  t.equal(v.nonLitigationUnit, 'demo-county-a/labour-arbitration', 'the county above the village');
});

t.test('a consultation without facts counts one party and is not a dispute route', async (t) => {
  const f = fakes();
  const { variables: v } = (await f.handler(triageMatter)(
    job('triage-matter', { matterType: 'consultation' }),
  )) as Vars;
  t.equal(v.risk, 'green');
  t.equal(v.nonLitigationRoute, null);
  t.equal(f.calls.length, 1);
});

t.test('a device’s report of a street lamp, no party: the street office, as triage() decides', async (t) => {
  const f = fakes();
  const vars = { matterType: 'complaint', channel: 'system', category: 'public-facilities', facts: {} };
  const { variables: v } = (await f.handler(triageMatter)(job('triage-matter', vars))) as Vars;
  t.match(v, {
    risk: 'green',
    tier: 'town',
    handlingRegion: 'demo-town-a1',
    handlingUnit: 'demo-town-a1/town-government',
    department: 'town-government',
  });
  const d = triage({ ...vars, regionCode: 'demo-village-a1-1' }, f.deps.regions);
  t.same([v.tier, v.handlingUnit, v.risk], [d.route.startTier, d.unit, d.grade.level], 'the same decision as intake’s');
  t.match(f.calls[0].notify[0], { recipient: 'demo-town-a1/town-government', template: 'matter-assigned' });
});

t.test('a redelivered triage answers the first decision, written once', async (t) => {
  const f = fakes();
  const handle = f.handler(triageMatter);
  const j = job('triage-matter', { matterType: 'dispute', category: 'neighbour', facts: { parties: 2 } });
  const first = await handle(j);
  f.tick(3_600_000);
  t.same(await handle(j), first);
  t.equal(f.written().length, 1);
  t.equal(f.calls[1].step.dedupKey, f.calls[0].step.dedupKey);
});

t.test('bad process data is refused before anything is written', async (t) => {
  const f = fakes();
  const handle = f.handler(triageMatter);
  await t.rejects(handle(job('triage-matter', { matterType: 'dispute', category: 'gossip' })), {
    name: 'BadJobData',
    message: /unknown category 'gossip'/,
  });
  await t.rejects(handle(job('triage-matter', { matterType: 'dispute', facts: { parties: 2, violance: true } })), {
    name: 'DomainError',
    message: /unknown risk fact 'violance'/,
  });
  await t.rejects(handle(job('triage-matter', { matterType: 'rumour' })), { name: 'DomainError' });
  t.equal(f.calls.length, 0);
});
