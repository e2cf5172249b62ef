// What the citizen's page (services/track.ts) reads besides the matter: its wrong checks, counted from
// the audit log (so the limit holds across API processes and restarts, through the log's target
// index), and the latest inbox task of a step (to tell a repeated rating from a visit never opened).
import type { Db } from '../platform/db.js';

/** Audit action of every check on the citizen's page; `details.ok` says how it went. */
export const CHECK_ACTION = 'track.check';
/** Audit target of a wrong check counted against the client's address (its keyed hash, never the address). */
export const CLIENT_TARGET = 'track-client';

/** When the wrong checks against this target since `since` were made, oldest first. */
export async function wrongChecks(db: Db, targetKind: string, targetId: string, since: Date): Promise<Date[]> {
  const rows = await db('app.audit_log')
    .where({ target_kind: targetKind, target_id: targetId, action: CHECK_ACTION })
    .whereRaw(`details->>'ok' = 'false'`)
    .where('at', '>', since)
    .orderBy('at')
    .select('at');
  return rows.map((r) => new Date(r.at));
}

/**
 * Checks of one matter, one at a time until the transaction ends: parallel wrong tries are counted
 * before the next is judged, so a burst cannot slip more than the limit through.
 */
export async function lockChecks(trx: Db, matterId: string): Promise<void> {
  await trx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`track-check:${matterId}`]);
}

export interface StepTask {
  jobKey: string;
  state: 'open' | 'completed' | 'gone';
  completedBy: string | null;
  completedAt: Date | null;
  formKey: string | null;
}

/** The matter's most recent inbox task of the user task `elementId`, in whatever state. */
export async function latestTaskOf(db: Db, matterId: string, elementId: string): Promise<StepTask | undefined> {
  const row = await db('app.tasks')
    .where({ matter_id: matterId, element_id: elementId })
    .orderBy('created_at', 'desc')
    .first({
      jobKey: 'job_key',
      state: 'state',
      completedBy: 'completed_by',
      completedAt: 'completed_at',
      formKey: 'form_key',
    });
  return row ? { ...row, jobKey: String(row.jobKey) } : undefined;
}
