// Risk grading (风险亮牌) after Qijiang's red/orange/green mechanism: the thresholds and who
// supervises each colour. Edit the numbers here, not the code in risk.ts.
//
// A rule matches when every condition it names holds (≥ for numbers, true for flags). Rules that
// measure the same thing share a `dimension`; per dimension only the gravest matching rule is
// reported, so a 160-worker case reads 'many-parties', not also 'several-parties'.
import type { Tier } from '../regions.js';

export type RiskLevel = 'red' | 'orange' | 'green';
export type RiskFlag =
  'violence' | 'threat' | 'repeatPetition' | 'vulnerableParty' | 'domesticViolence' | 'extremeWords';

export interface RiskRule {
  level: Exclude<RiskLevel, 'green'>;
  /** Machine code reported in `reasons`. */
  reason: string;
  dimension: string;
  minParties?: number;
  minAmountYuan?: number;
  flags?: readonly RiskFlag[];
  zh: string;
}

export const RISK_RULES: readonly RiskRule[] = [
  // red: a person is in danger, or the matter is big enough to spill over (不外溢、不升级)
  { level: 'red', reason: 'violence', dimension: 'violence', flags: ['violence'], zh: '已发生暴力行为' },
  { level: 'red', reason: 'threat', dimension: 'threat', flags: ['threat'], zh: '有人身威胁' },
  {
    level: 'red',
    reason: 'domestic-violence',
    dimension: 'domestic-violence',
    flags: ['domesticViolence'],
    zh: '涉及家庭暴力',
  },
  { level: 'red', reason: 'many-parties', dimension: 'parties', minParties: 30, zh: '涉及30人以上' },
  { level: 'red', reason: 'large-amount', dimension: 'amount', minAmountYuan: 1_000_000, zh: '涉及金额100万元以上' },
  {
    level: 'red',
    reason: 'group-repeat-petition',
    dimension: 'repeat',
    minParties: 10,
    flags: ['repeatPetition'],
    zh: '10人以上重复信访',
  },
  // orange: larger disputes that the county peace office follows weekly
  { level: 'orange', reason: 'several-parties', dimension: 'parties', minParties: 5, zh: '涉及5人以上' },
  {
    level: 'orange',
    reason: 'considerable-amount',
    dimension: 'amount',
    minAmountYuan: 100_000,
    zh: '涉及金额10万元以上',
  },
  { level: 'orange', reason: 'repeat-petition', dimension: 'repeat', flags: ['repeatPetition'], zh: '重复信访' },
  {
    level: 'orange',
    reason: 'vulnerable-party',
    dimension: 'vulnerable',
    flags: ['vulnerableParty'],
    zh: '涉及老弱病残孕等弱势群体',
  },
  { level: 'orange', reason: 'extreme-words', dimension: 'extreme-words', flags: ['extremeWords'], zh: '有过激言行' },
];

export interface Supervision {
  tier: Tier;
  unit: string;
  cadence: 'standing-committee' | 'weekly';
  description: string;
}

// Qijiang: 区委书记每次在常委会上调度"红色"风险; 区委平安办每周调度"橙色"; 各镇街部门每周调度"绿色".
export const SUPERVISION: Readonly<Record<RiskLevel, Supervision>> = {
  red: {
    tier: 'county',
    unit: 'county-party-committee',
    cadence: 'standing-committee',
    description: '县(区)委书记在常委会上调度督办',
  },
  orange: { tier: 'county', unit: 'county-peace-office', cadence: 'weekly', description: '县(区)委平安办每周调度' },
  green: { tier: 'town', unit: 'town-departments', cadence: 'weekly', description: '乡镇(街道)及部门每周调度' },
};

/** Flags that mean a person needs protection now, in parallel with mediation. */
export const URGENT_PROTECTION_FLAGS: readonly RiskFlag[] = ['domesticViolence', 'violence', 'threat'];
