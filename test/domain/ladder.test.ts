// The ladder: tiers, non-litigation routes, joint mediation, urgent protection, escalation.
import t from 'tap';
import {
  JOINT_MEDIATION,
  NEXT_TIER,
  TIERS,
  escalate,
  jointMediationDepartments,
  nextTier,
  nonLitigationRoute,
  tierAbove,
  urgentProtectionUnits,
} from '../../domain/index.js';

t.test('tiers', async (t) => {
  t.equal(nextTier('grid'), 'village');
  t.equal(nextTier('village'), 'town');
  t.equal(nextTier('town'), 'county');
  t.equal(nextTier('county'), null, 'the county centre is the terminal station');
  t.equal(nextTier('city'), null);
  t.equal(tierAbove('village'), 'town');
  for (const tier of TIERS) t.ok(tier in NEXT_TIER, tier);
  t.throws(() => nextTier('province' as never), { name: 'DomainError', code: 'UNKNOWN_TIER' });
});

t.test('non-litigation routes', async (t) => {
  t.same(nonLitigationRoute('unpaid-wages'), {
    route: 'labour-arbitration',
    department: 'labour-arbitration',
    stage: 'labour-arbitration',
  });
  t.same(nonLitigationRoute('administrative'), {
    route: 'administrative-reconsideration',
    department: 'justice',
    stage: 'administrative-reconsideration',
  });
  t.equal(nonLitigationRoute('demolition')?.route, 'administrative-reconsideration');
  for (const c of ['contract-debt', 'private-lending', 'financial', 'construction', 'consumer'])
    t.equal(nonLitigationRoute(c)?.route, 'commercial-mediation', c);
  for (const c of ['neighbour', 'marriage-family', 'medical', 'other'])
    t.equal(nonLitigationRoute(c), null, `${c}: straight to the court`);
  t.throws(() => nonLitigationRoute('foo'), { code: 'UNKNOWN_CATEGORY' });
});

t.test('joint mediation: who the county summons', async (t) => {
  t.same(jointMediationDepartments('unpaid-wages'), ['hrss', 'housing', 'trade-union', 'labour-inspection', 'justice']);
  t.same(jointMediationDepartments('dismissal'), ['hrss', 'trade-union', 'labour-arbitration', 'justice']);
  t.same(jointMediationDepartments('marriage-family', { domesticViolence: true }), [
    'womens-federation',
    'police',
    'court',
    'justice',
  ]);
  t.same(jointMediationDepartments('domestic-violence', { parties: 1, domesticViolence: true }), [
    'womens-federation',
    'police',
    'court',
    'justice',
  ]);
  t.same(jointMediationDepartments('divorce'), ['womens-federation', 'family-mediation', 'justice']);
  t.same(jointMediationDepartments('homestead'), ['natural-resources', 'housing', 'justice']);
  t.same(jointMediationDepartments('property-management'), ['housing', 'property-mediation', 'justice']);
  t.same(jointMediationDepartments('medical'), ['health', 'medical-mediation', 'justice']);
  t.same(
    jointMediationDepartments('consumer'),
    ['justice', 'market-regulation'],
    'default: justice + the routing department',
  );
  t.same(jointMediationDepartments('neighbour'), ['justice'], 'no duplicates');
  t.same(jointMediationDepartments('tourism', { department: 'culture-tourism' }), ['justice', 'culture-tourism']);
  t.equal(JOINT_MEDIATION[JOINT_MEDIATION.length - 1]!.category, '*', 'the table ends with a default row');
  t.throws(() => jointMediationDepartments('foo'), { code: 'UNKNOWN_CATEGORY' });
  t.throws(() => jointMediationDepartments('labour', { department: 'army' as never }), { code: 'UNKNOWN_DEPARTMENT' });
  t.throws(() => jointMediationDepartments('labour', { domesticViolence: 'yes' as never }), { code: 'INVALID_FACTS' });
  t.throws(() => jointMediationDepartments('labour', 'x' as never), { code: 'INVALID_FACTS' });
});

t.test('urgent protection', async (t) => {
  t.same(urgentProtectionUnits({ domesticViolence: true }), ['court', 'womens-federation', 'police']);
  t.same(urgentProtectionUnits({ parties: 1, threat: true }), ['police']);
  t.same(urgentProtectionUnits({ violence: true }), ['police']);
  t.same(urgentProtectionUnits({ parties: 40, amountYuan: 5e6 }), [], 'big but nobody in danger');
  t.throws(() => urgentProtectionUnits(null as never), { code: 'INVALID_FACTS' });
});

t.test('escalation: mediation first, litigation last', async (t) => {
  t.same(escalate({ stage: 'mediation', tier: 'grid', category: 'neighbour' }), {
    kind: 'mediation',
    tier: 'village',
    stage: 'mediation',
  });
  t.same(escalate({ stage: 'mediation', tier: 'village', category: 'neighbour' }), {
    kind: 'mediation',
    tier: 'town',
    stage: 'mediation',
  });
  t.same(escalate({ stage: 'mediation', tier: 'town', category: 'unpaid-wages' }), {
    kind: 'joint-mediation',
    tier: 'county',
    stage: 'joint-mediation',
    department: 'justice',
    summon: ['hrss', 'housing', 'trade-union', 'labour-inspection', 'justice'],
  });
  t.match(escalate({ stage: 'mediation', tier: 'county', category: 'divorce', facts: { domesticViolence: true } }), {
    kind: 'joint-mediation',
    summon: ['womens-federation', 'police', 'court', 'justice'],
  });
  t.same(escalate({ stage: 'joint-mediation', category: 'unpaid-wages' }), {
    kind: 'non-litigation',
    route: 'labour-arbitration',
    department: 'labour-arbitration',
    stage: 'labour-arbitration',
  });
  t.same(escalate({ stage: 'joint-mediation', category: 'neighbour' }), {
    kind: 'pre-filing-mediation',
    department: 'court',
    stage: 'pre-filing-mediation',
  });
  t.match(escalate({ stage: 'mediation', tier: 'city', category: 'private-lending' }), {
    kind: 'non-litigation',
    route: 'commercial-mediation',
  });
  t.same(escalate({ stage: 'commercial-mediation', category: 'private-lending' }), {
    kind: 'pre-filing-mediation',
    department: 'court',
    stage: 'pre-filing-mediation',
  });
  t.same(escalate({ stage: 'labour-arbitration', category: 'labour' }), { kind: 'litigation', department: 'court' });
  t.same(escalate({ stage: 'administrative-reconsideration', category: 'administrative' }), {
    kind: 'litigation',
    department: 'court',
  });
  t.same(escalate({ stage: 'pre-filing-mediation', category: 'neighbour' }), {
    kind: 'litigation',
    department: 'court',
  });
  t.throws(() => escalate({ stage: 'consultation', category: 'neighbour' }), {
    code: 'INVALID_INPUT',
    message: /not on the mediation ladder/,
  });
  t.throws(() => escalate({ stage: 'mediation', category: 'neighbour' }), {
    code: 'UNKNOWN_TIER',
    message: /tier of the failed mediation/,
  });
  t.throws(() => escalate({ stage: 'mediation', tier: 'town', category: 'foo' }), { code: 'UNKNOWN_CATEGORY' });
  t.throws(() => escalate({ stage: 'nap' as never, category: 'neighbour' }), { code: 'UNKNOWN_STAGE' });
  t.throws(() => escalate(undefined as never), { code: 'INVALID_INPUT' });
});
