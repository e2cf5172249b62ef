// The reads and the lock behind recording an outcome (services/outcomes.ts): the matter's row held
// while one outcome is checked, delivered and recorded, the steps that opened a wait, an outcome
// recorded before, the open user task of a step, and a question still unanswered.
import type { Db } from '../platform/db.js';
import { toEvent, type MatterEvent } from './matters.js';

/**
 * Holds the matter's row until the transaction ends: outcomes for one matter are decided one at a
 * time (two API processes included), so a retried or doubled request finds the first one recorded.
 */
export async function lockMatter(trx: Db, matterId: string): Promise<boolean> {
  const { rows } = await trx.raw('SELECT id FROM app.matters WHERE id = ? FOR UPDATE', [matterId]);
  return rows.length === 1;
}

export async function eventByDedupKey(db: Db, dedupKey: string): Promise<MatterEvent | undefined> {
  const row = await db('app.matter_events').where({ dedup_key: dedupKey }).first();
  return row ? toEvent(row) : undefined;
}

/** The matter's latest event of `type` (and, with `kind`, whose data.kind is it). */
export async function latestEvent(
  db: Db,
  matterId: string,
  type: string,
  kind?: string,
): Promise<MatterEvent | undefined> {
  const q = db('app.matter_events').where({ matter_id: matterId, type });
  if (kind) q.whereRaw(`data->>'kind' = ?`, [kind]);
  const row = await q.orderBy('id', 'desc').first();
  return row ? toEvent(row) : undefined;
}

/** The latest question asked of the citizen that no answer has followed yet. */
export async function unansweredQuestion(db: Db, matterId: string): Promise<MatterEvent | undefined> {
  const asked = await latestEvent(db, matterId, 'information-requested');
  if (!asked) return undefined;
  const answered = await db('app.matter_events')
    .where({ matter_id: matterId, type: 'information-provided' })
    .where('id', '>', asked.id)
    .first('id');
  return answered ? undefined : asked;
}

export interface OpenStepTask {
  jobKey: string;
  candidateGroups: string[];
  assignee: string | null;
  claimedBy: string | null;
}

/** The matter's open inbox task for the user task `elementId`, if the inbox has it. */
export async function openTaskOf(db: Db, matterId: string, elementId: string): Promise<OpenStepTask | undefined> {
  const row = await db('app.tasks')
    .where({ matter_id: matterId, element_id: elementId, state: 'open' })
    .orderBy('created_at', 'desc')
    .first({
      jobKey: 'job_key',
      candidateGroups: 'candidate_groups',
      assignee: 'assignee',
      claimedBy: 'claimed_by',
    });
  return row ? { ...row, jobKey: String(row.jobKey), candidateGroups: row.candidateGroups ?? [] } : undefined;
}

/** Whether the user holds an open task of the matter (assigned to them, or claimed). */
export async function worksOnMatter(db: Db, matterId: string, userId: string): Promise<boolean> {
  const row = await db('app.tasks')
    .where({ matter_id: matterId, state: 'open' })
    .where((q) => q.where('assignee', userId).orWhere('claimed_by', userId))
    .first('job_key');
  return row !== undefined;
}
