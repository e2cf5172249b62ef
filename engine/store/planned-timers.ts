// Firing due timers by their plans (runtime/timer-plans.ts), many in one statement. A plan
// applies only while its instance still has the revision it was made for; the statement bumps that
// revision (so a command racing it retries) and drops the plans of the timers it could not apply,
// which then fire as commands.
import type pg from 'pg';
import { prepared } from './db.js';
import { Batch, addWrites, select, type Part } from './writes.js';

export interface PlannedFiring {
  /** Due planned timers this statement took: fired plus those whose plan was stale. */
  claimed: number;
  /** Root instances the applied plans completed, and the job types they created. */
  completed: string[];
  jobTypes: string[];
}

/**
 * What a plan never writes: new timers, subscriptions and process instances (their opening reads
 * outside the instance), incidents, message correlations. The firing statement leaves these out.
 */
export const UNPLANNED_PARTS: readonly Part[] = ['timers', 'subs', 'pis', 'incidents', 'resolved', 'correlations'];

let text: string | null = null;

function statement(): string {
  const b = new Batch();
  const now = `${b.p(null)}::timestamptz`;
  const limit = b.p(null);
  const shift = (iso: string) => `${now} + ((${iso})::timestamptz - 'epoch'::timestamptz)`;
  // Timers another scheduler is firing are skipped, not waited for.
  b.parts
    .push(`due AS (SELECT key, root_key, plan, plan_rev FROM engine.timers WHERE due_date <= ${now} AND plan IS NOT NULL
    ORDER BY due_date, key LIMIT ${limit} FOR UPDATE SKIP LOCKED)`);
  // At most one plan per instance applies (an UPDATE changes a row once): a second timer of the
  // same instance finds its plan stale and fires as a command.
  b.parts.push(`ok AS (UPDATE engine.process_instances p
      SET rev = p.rev + 1, state = COALESCE(due.plan->'meta'->>'state', p.state),
      end_date = COALESCE(${shift("due.plan->'meta'->>'end'")}, p.end_date)
    FROM due WHERE p.key = due.root_key AND p.key = ANY(ARRAY(SELECT root_key FROM due)) AND p.rev = due.plan_rev
    RETURNING due.key, due.root_key, due.plan)`);
  b.parts.push('fired AS (DELETE FROM engine.timers t USING ok WHERE t.key = ok.key)');
  // Each applied plan's row lists, by part (a plan holds only the parts it writes).
  b.parts.push("parts AS MATERIALIZED (SELECT x.key AS part, x.value AS rows FROM ok, jsonb_each(ok.plan->'w') x)");
  b.parts.push(
    `stale AS (UPDATE engine.timers t SET plan = NULL, plan_rev = NULL
    FROM due
    WHERE t.key = due.key AND due.key NOT IN (SELECT key FROM ok))`,
  );
  addWrites(b, {
    rows: (part, columns) =>
      UNPLANNED_PARTS.includes(part)
        ? null
        : `(SELECT ${select(columns, now)}
            FROM parts, jsonb_array_elements(parts.rows) r
            WHERE parts.part = '${part}')`,
    now: () => now,
    notConsumed: () => 'key NOT IN (SELECT key FROM ok)',
  });
  return b.text(`(SELECT count(*) FROM due)::int AS claimed,
    (SELECT json_agg(ok.root_key::text) FROM ok WHERE ok.plan->'meta'->'rootCompleted' = 'true') AS completed,
    (SELECT json_agg(DISTINCT t) FROM ok, jsonb_array_elements_text(ok.plan->'meta'->'jobTypes') t) AS "jobTypes"`);
}

/** Fires up to `limit` due planned timers at `now` in one statement. */
export async function firePlanned(pool: pg.Pool, now: Date, limit: number): Promise<PlannedFiring> {
  text ??= statement();
  const {
    rows: [r],
  } = await pool.query(prepared(text, [now, limit]));
  return { claimed: r.claimed, completed: r.completed ?? [], jobTypes: r.jobTypes ?? [] };
}
