// Rules of law a task's completion must keep beyond what its form states, checked on the server after
// the form (forms.ts) and before anything changes: a refused completion leaves the task, the matter's
// timeline and the engine as they were. Rules go by form id, not form version, so a task linked to
// an older version of a form (opened before the form changed) is held to them too.
import type { Knex } from 'knex';
import { chinaDate } from '../domain/index.js';
import { eventsOf } from '../store/matters.js';
import type { Task } from '../store/tasks.js';
import { ApiError } from './errors.js';
import type { FieldError } from './forms.js';

/** A field at fault and the rule it breaks (`details` of FORM_INVALID and RULE_VIOLATED). */
export interface RuleError extends FieldError {
  rule: string;
}

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

// 信访工作条例 (2022): a petition not accepted is told so in writing, with the reason.
const DECLINE_REASON =
  '不予受理信访事项须写明理由（将书面告知信访人），空白不算理由。' +
  ' A petition is declined only with a reason (the petitioner is told it in writing); blank is not a reason.';

/**
 * The form's errors plus those of the rules on the submission alone; where a rule and the form fault
 * the same field, the rule's message (which says why) replaces the form's.
 */
export function submissionErrors(
  formId: string,
  data: Record<string, unknown>,
  formErrors: FieldError[],
): (FieldError | RuleError)[] {
  const rules: RuleError[] = [];
  if (formId === 'petition-acceptance' && data.decision === 'not-accept' && blank(data.reason))
    rules.push({ field: 'reason', rule: 'petition-decline-reason', message: DECLINE_REASON });
  return [...formErrors.filter((e) => !rules.some((r) => r.field === e.field)), ...rules];
}

/** Throws RULE_VIOLATED when the submission is lawful for no matter in the state this one is in. */
export async function checkMatterRules(
  db: Knex,
  task: Pick<Task, 'matterId' | 'dueAt'>,
  formId: string,
  data: Record<string, unknown>,
): Promise<void> {
  if (!task.matterId) return;
  // 信访工作条例 (2022): handled within 60 days, extendable once by at most 30.
  if (formId === 'petition-handling' && data.result === 'extend') {
    const extended = (await eventsOf(db, task.matterId)).find(
      (e) => e.type === 'deadline-extended' && e.data.stage === 'petition-handling',
    );
    if (!extended) return;
    // The deadline that stands: the task's due date, which is the extended deadline.
    const output = extended.data.output as { deadline?: string } | undefined;
    const due = task.dueAt ?? (output?.deadline ? new Date(output.deadline) : null);
    const day = due ? chinaDate(due) : null;
    const message =
      `信访事项的办理期限只能延长一次、最多 30 日（《信访工作条例》）；本件已延期${day ? `，期限仍为 ${day}` : ''}，` +
      "请在期限内办结答复。 A petition's handling time may be extended only once, by at most 30 days" +
      ` (Regulations on Letters and Visits); this one was extended already${day ? ` and stays due on ${day}` : ''}:` +
      ' reply by then.';
    throw new ApiError('RULE_VIOLATED', message, [
      { field: 'result', rule: 'petition-extension-once', message } satisfies RuleError,
    ]);
  }
}
