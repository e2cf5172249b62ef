// Deadlines per stage: which rule applies (data/deadline-table.ts), when the matter is due, and
// when to remind (提醒) and warn (预警) the handler before it lags into supervision.
import { DEADLINE_RULES, DEFAULT_REMIND_AT, DEFAULT_WARN_AT, STAGES } from './data/deadline-table.js';
import type { DeadlineRule, Period, Stage } from './data/deadline-table.js';
import { DEFAULT_CALENDAR, WorkingCalendar } from './calendar.js';
import { DomainError } from './errors.js';
import { requireDate, requireObject, show } from './guard.js';
import { requireTier } from './regions.js';
import type { Tier } from './regions.js';
import { majorCategory } from './taxonomy.js';

export { DEADLINE_RULES, DEFAULT_REMIND_AT, DEFAULT_WARN_AT, STAGES } from './data/deadline-table.js';
export type { DeadlineRule, Period, Stage } from './data/deadline-table.js';

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function requireStage(value: unknown): Stage {
  if (!isStage(value)) throw new DomainError('UNKNOWN_STAGE', `unknown stage ${show(value)}`);
  return value;
}

type Unit = 'workingDays' | 'calendarDays' | 'hours';
const UNIT_WORDS: Record<Unit, [string, string]> = {
  workingDays: ['working day', 'working days'],
  calendarDays: ['calendar day', 'calendar days'],
  hours: ['hour', 'hours'],
};

/** The unit and amount of a period; throws NO_RULE for a malformed table entry. */
export function periodParts(period: Period): { unit: Unit; amount: number } {
  const keys = typeof period === 'object' && period !== null ? Object.keys(period) : [];
  const unit = keys[0] as Unit | undefined;
  const amount = unit ? (period as Record<string, unknown>)[unit] : undefined;
  if (
    keys.length !== 1 ||
    !(unit! in UNIT_WORDS) ||
    typeof amount !== 'number' ||
    !Number.isInteger(amount) ||
    amount < 0
  ) {
    throw new DomainError('NO_RULE', `malformed period ${show(period)} in the deadline table`);
  }
  return { unit: unit!, amount };
}

/** '15 working days', '1 hour', 'same working day'. */
export function periodLabel(period: Period): string {
  const { unit, amount } = periodParts(period);
  if (unit === 'workingDays' && amount === 0) return 'same working day';
  return `${amount} ${UNIT_WORDS[unit][amount === 1 ? 0 : 1]}`;
}

export interface DeadlineQuery {
  tier?: Tier;
  /** A major or minor category code; the rule is chosen by its major category. */
  category?: string;
}

/** The first rule of the table that fits (rows with '*' or no value match anything). */
export function deadlineRule(stage: Stage, query: DeadlineQuery = {}): DeadlineRule {
  requireStage(stage);
  requireObject(query, 'deadline query');
  const tier = query.tier === undefined ? undefined : requireTier(query.tier);
  const major = query.category === undefined ? undefined : majorCategory(query.category);
  const rule = DEADLINE_RULES.find(
    (r) =>
      r.stage === stage &&
      (r.tier === undefined || r.tier === '*' || r.tier === tier) &&
      (r.category === undefined || r.category === '*' || r.category === major),
  );
  if (!rule)
    throw new DomainError('NO_RULE', `no deadline rule for stage '${stage}'${tier ? ` at tier '${tier}'` : ''}`);
  return rule;
}

export interface DeadlineInput extends DeadlineQuery {
  from: Date;
  /** The handling period was extended (延长): due = limit + extension from the original start. */
  extended?: boolean;
}

export interface Deadline {
  due: Date;
  /** First reminder, at `rule.remindAt` (default 50%) of the time from `from` to `due`. */
  remindAt: Date;
  /** Warning, at `rule.warnAt` (default 80%): the last moment to act before supervision. */
  warnAt: Date;
  /** Human-readable: '15 working days (mediation, village)'. */
  basis: string;
  /** The law or practice the period comes from. */
  source: string;
  rule: DeadlineRule;
  /**
   * Counted partly on the provisional rule (a year the holiday table does not hold yet): may move
   * once the State Council's schedule for that year is imported.
   */
  provisional: boolean;
}

function add(calendar: WorkingCalendar, from: Date, unit: Unit, amount: number, roll: boolean): Date {
  if (unit === 'hours') return new Date(from.getTime() + amount * 3_600_000);
  if (unit === 'workingDays') return calendar.addWorkingDays(from, amount);
  return calendar.addCalendarDays(from, amount, { rollToWorkingDay: roll });
}

/**
 * When a stage started at `from` is due, with its reminder and warning times. The reminder and
 * warning are fractions of the elapsed calendar time (wall clock) between `from` and `due`: simple,
 * and close enough to working time for a nudge; the due date itself honours the working calendar.
 */
export function computeDeadline(
  stage: Stage,
  input: DeadlineInput,
  calendar: WorkingCalendar = DEFAULT_CALENDAR,
): Deadline {
  requireStage(stage);
  const opts = requireObject(input, 'deadline input');
  const from = requireDate(opts.from, 'from');
  if (opts.extended !== undefined && typeof opts.extended !== 'boolean')
    throw new DomainError('INVALID_INPUT', `extended must be true or false, got ${show(opts.extended)}`);
  if (!(calendar instanceof WorkingCalendar))
    throw new DomainError('INVALID_INPUT', 'calendar must be a WorkingCalendar');
  const rule = deadlineRule(stage, { tier: input.tier, category: input.category });
  const limit = periodParts(rule.limit);
  let amount = limit.amount;
  let label = periodLabel(rule.limit);
  if (input.extended === true) {
    if (!rule.extension)
      throw new DomainError('INVALID_INPUT', `stage '${stage}' cannot be extended under ${rule.source}`);
    const ext = periodParts(rule.extension);
    if (ext.unit !== limit.unit)
      throw new DomainError('NO_RULE', `extension of '${stage}' must use the same unit as its limit`);
    amount += ext.amount;
    label = `${periodLabel(rule.limit)} + ${periodLabel(rule.extension)}`;
  }
  const due = add(calendar, from, limit.unit, amount, rule.rollToWorkingDay === true);
  const span = due.getTime() - from.getTime();
  const at = (fraction: number): Date => new Date(from.getTime() + Math.round(span * fraction));
  const context = [
    stage,
    rule.tier && rule.tier !== '*' ? rule.tier : undefined,
    rule.category && rule.category !== '*' ? rule.category : undefined,
    input.extended === true ? 'extended' : undefined,
  ].filter((x): x is string => x !== undefined);
  return {
    due,
    remindAt: at(rule.remindAt ?? DEFAULT_REMIND_AT),
    warnAt: at(rule.warnAt ?? DEFAULT_WARN_AT),
    basis: `${label} (${context.join(', ')})`,
    source: rule.source,
    rule,
    provisional:
      (limit.unit === 'workingDays' || rule.rollToWorkingDay === true) && calendar.provisionalWithin(from, due),
  };
}
