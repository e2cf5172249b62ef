// Risk grading (红橙绿): boundaries of every threshold, supervision, urgent protection.
import t from 'tap';
import {
  RISK_RULES,
  gradeRisk,
  isRiskLevel,
  maxRisk,
  needsUrgentProtection,
  requireRiskLevel,
  riskRank,
} from '../../domain/index.js';
import type { RiskFacts } from '../../domain/index.js';

const level = (facts: RiskFacts) => gradeRisk(facts).level;

t.test('the 160-worker unpaid-wages case (¥2.1M) is red', async (t) => {
  const g = gradeRisk({ parties: 160, amountYuan: 2_100_000 });
  t.equal(g.level, 'red');
  t.same(g.reasons, ['many-parties', 'large-amount'], 'one reason per dimension, the gravest');
  t.same(g.supervisor, {
    tier: 'county',
    unit: 'county-party-committee',
    cadence: 'standing-committee',
    description: '县(区)委书记在常委会上调度督办',
  });
  t.equal(g.urgentProtection, false);
});

t.test('red thresholds', async (t) => {
  t.equal(level({ parties: 29 }), 'orange');
  t.equal(level({ parties: 30 }), 'red');
  t.equal(level({ parties: 1, amountYuan: 999_999.99 }), 'orange');
  t.equal(level({ parties: 1, amountYuan: 1_000_000 }), 'red');
  t.equal(level({ parties: 9, repeatPetition: true }), 'orange');
  t.same(gradeRisk({ parties: 10, repeatPetition: true }).reasons, ['group-repeat-petition', 'several-parties']);
  for (const flag of ['violence', 'threat', 'domesticViolence'] as const) {
    const g = gradeRisk({ parties: 1, [flag]: true });
    t.equal(g.level, 'red', flag);
    t.equal(g.urgentProtection, true, `${flag} needs urgent protection`);
  }
  t.same(
    gradeRisk({ parties: 2, domesticViolence: true, vulnerableParty: true }).reasons,
    ['domestic-violence', 'vulnerable-party'],
    'orange reasons kept under red',
  );
});

t.test('orange thresholds and green', async (t) => {
  t.equal(level({ parties: 4 }), 'green');
  t.equal(level({ parties: 5 }), 'orange');
  t.equal(level({ parties: 1, amountYuan: 99_999 }), 'green');
  t.equal(level({ parties: 1, amountYuan: 100_000 }), 'orange');
  for (const flag of ['repeatPetition', 'vulnerableParty', 'extremeWords'] as const) {
    const g = gradeRisk({ parties: 1, [flag]: true });
    t.equal(g.level, 'orange', flag);
    t.equal(g.urgentProtection, false);
  }
  const o = gradeRisk({ parties: 6 });
  t.same(o.supervisor, {
    tier: 'county',
    unit: 'county-peace-office',
    cadence: 'weekly',
    description: '县(区)委平安办每周调度',
  });
  const g = gradeRisk({ parties: 2, amountYuan: 3000, violence: false, extremeWords: false });
  t.equal(g.level, 'green');
  t.same(g.reasons, []);
  t.same(g.supervisor, {
    tier: 'town',
    unit: 'town-departments',
    cadence: 'weekly',
    description: '乡镇(街道)及部门每周调度',
  });
  g.supervisor.unit = 'changed';
  t.equal(gradeRisk({ parties: 1 }).supervisor.unit, 'town-departments', 'the result is a copy, not the table');
});

t.test('levels', async (t) => {
  t.ok(riskRank('red') > riskRank('orange') && riskRank('orange') > riskRank('green'));
  t.equal(maxRisk('green', 'orange'), 'orange');
  t.equal(maxRisk('red', 'orange'), 'red');
  t.ok(isRiskLevel('orange'));
  t.notOk(isRiskLevel('yellow'));
  t.throws(() => requireRiskLevel('yellow'), { code: 'UNKNOWN_RISK_LEVEL', message: /'yellow'/ });
  t.throws(() => maxRisk('green', 'blue' as never), { code: 'UNKNOWN_RISK_LEVEL' });
  t.equal(needsUrgentProtection({ threat: true }), true);
  t.equal(needsUrgentProtection({}), false);
  for (const r of RISK_RULES)
    t.ok(
      r.minParties !== undefined || r.minAmountYuan !== undefined || (r.flags?.length ?? 0) > 0,
      `${r.reason} has a condition`,
    );
});

t.test('bad facts → INVALID_FACTS', async (t) => {
  const bad = (facts: unknown, message: RegExp) =>
    t.throws(() => gradeRisk(facts as RiskFacts), { name: 'DomainError', code: 'INVALID_FACTS', message });
  bad(undefined, /must be an object/);
  bad([], /must be an object/);
  bad({}, /parties/);
  bad({ parties: 0 }, /parties must be an integer ≥ 1, got 0/);
  bad({ parties: 2.5 }, /parties/);
  bad({ parties: '160' }, /'160'/);
  bad({ parties: 3, amountYuan: -1 }, /amountYuan/);
  bad({ parties: 3, amountYuan: Number.NaN }, /amountYuan/);
  bad({ parties: 3, violence: 'yes' }, /violence must be true or false/);
  bad({ parties: 3, violance: true }, /unknown risk fact 'violance'/);
  t.throws(() => needsUrgentProtection({ threat: 1 } as never), { code: 'INVALID_FACTS' });
});
