// Risk grading: red / orange / green from the facts of a matter, with who supervises it.
// The thresholds are data (data/risk-table.ts); this module only evaluates them.
import { RISK_RULES, SUPERVISION, URGENT_PROTECTION_FLAGS } from './data/risk-table.js';
import type { RiskFlag, RiskLevel, Supervision } from './data/risk-table.js';
import { DomainError } from './errors.js';
import { requireObject, show } from './guard.js';

export { RISK_RULES, SUPERVISION, URGENT_PROTECTION_FLAGS } from './data/risk-table.js';
export type { RiskFlag, RiskLevel, RiskRule, Supervision } from './data/risk-table.js';

export interface RiskFacts {
  /** People on the complaining side (e.g. 160 unpaid workers). At least 1. */
  parties: number;
  amountYuan?: number;
  violence?: boolean;
  threat?: boolean;
  repeatPetition?: boolean;
  vulnerableParty?: boolean;
  domesticViolence?: boolean;
  extremeWords?: boolean;
}

export interface RiskGrade {
  level: RiskLevel;
  /** Machine codes of the rules that raised the level, gravest first; empty for plain green. */
  reasons: string[];
  supervisor: Supervision;
  /** A person needs protection now (domestic violence, violence or threats). */
  urgentProtection: boolean;
}

/** Lowest first, so the index is the severity. */
export const RISK_LEVELS: readonly RiskLevel[] = ['green', 'orange', 'red'];

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

export function requireRiskLevel(value: unknown): RiskLevel {
  if (!isRiskLevel(value))
    throw new DomainError('UNKNOWN_RISK_LEVEL', `unknown risk level ${show(value)} (expected red, orange or green)`);
  return value;
}

export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(requireRiskLevel(level));
}

/** The graver of two levels (a re-grade never lowers a level silently: callers decide). */
export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return riskRank(a) >= riskRank(b) ? a : b;
}

const FLAGS: readonly RiskFlag[] = [
  'violence',
  'threat',
  'repeatPetition',
  'vulnerableParty',
  'domesticViolence',
  'extremeWords',
];
const KEYS = new Set<string>(['parties', 'amountYuan', ...FLAGS]);

/**
 * Checks the facts. Unknown keys are rejected on purpose: a misspelt flag (`violance: true`)
 * silently grading a dangerous case green is worse than an error. With `partial`, `parties`
 * may be absent (for callers that only ask about protection).
 */
export function validateRiskFacts(facts: unknown, partial = false): RiskFacts {
  const f = requireObject(facts, 'risk facts', 'INVALID_FACTS');
  for (const key of Object.keys(f)) {
    if (!KEYS.has(key))
      throw new DomainError('INVALID_FACTS', `unknown risk fact '${key}' (expected ${[...KEYS].join(', ')})`);
  }
  if (!(partial && f.parties === undefined)) {
    if (typeof f.parties !== 'number' || !Number.isInteger(f.parties) || f.parties < 1) {
      throw new DomainError('INVALID_FACTS', `parties must be an integer ≥ 1, got ${show(f.parties)}`);
    }
  }
  if (
    f.amountYuan !== undefined &&
    (typeof f.amountYuan !== 'number' || !Number.isFinite(f.amountYuan) || f.amountYuan < 0)
  ) {
    throw new DomainError('INVALID_FACTS', `amountYuan must be a number ≥ 0, got ${show(f.amountYuan)}`);
  }
  for (const flag of FLAGS) {
    if (f[flag] !== undefined && typeof f[flag] !== 'boolean')
      throw new DomainError('INVALID_FACTS', `${flag} must be true or false, got ${show(f[flag])}`);
  }
  return f as unknown as RiskFacts;
}

export function needsUrgentProtection(facts: Partial<RiskFacts>): boolean {
  const f = validateRiskFacts(facts, true);
  return URGENT_PROTECTION_FLAGS.some((flag) => f[flag] === true);
}

/** Grades the facts: the gravest matching rule decides the level (green when none matches). */
export function gradeRisk(facts: RiskFacts): RiskGrade {
  const f = validateRiskFacts(facts);
  const matched = RISK_RULES.filter(
    (rule) =>
      (rule.minParties === undefined || f.parties >= rule.minParties) &&
      (rule.minAmountYuan === undefined || (f.amountYuan ?? 0) >= rule.minAmountYuan) &&
      (rule.flags ?? []).every((flag) => f[flag] === true),
  );
  // Gravest first (stable, so table order within a level), then one reason per dimension.
  matched.sort((a, b) => riskRank(b.level) - riskRank(a.level));
  const dimensions = new Set<string>();
  const reasons: string[] = [];
  for (const rule of matched) {
    if (dimensions.has(rule.dimension)) continue;
    dimensions.add(rule.dimension);
    reasons.push(rule.reason);
  }
  const level: RiskLevel = matched[0]?.level ?? 'green';
  return { level, reasons, supervisor: { ...SUPERVISION[level] }, urgentProtection: needsUrgentProtection(f) };
}
