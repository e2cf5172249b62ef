// What the stuck-work monitor reads from the application's tables (the engine's side comes from the
// Operate-shaped API): matters by their root process instance, overdue open tasks, matters whose
// last step is old. Region filters take a path prefix of the caller's jurisdiction.
import type { Knex } from 'knex';
import { likePrefix, type Db } from '../platform/db.js';

export interface MatterRow {
  id: string;
  tracking_code: string;
  process_id: string | null;
  region_code: string;
  region_path: string;
  process_instance_key: string;
}

const MATTER_COLUMNS = ['id', 'tracking_code', 'process_id', 'region_code', 'region_path', 'process_instance_key'];

export async function mattersByRootKeys(db: Db, keys: string[]): Promise<MatterRow[]> {
  if (!keys.length) return [];
  return db('app.matters')
    .whereIn('process_instance_key', [...new Set(keys)])
    .select(MATTER_COLUMNS);
}

export interface OverdueTaskQuery {
  dueBefore: Date;
  regionPath: string;
  processId?: string;
  elementId?: string;
  trackingCode?: string;
  limit?: number;
}

/** Open tasks due before `dueBefore`, with their matter's columns (null where the task has no matter). */
export async function overdueOpenTasks(db: Db, q: OverdueTaskQuery) {
  return db('app.tasks as t')
    .leftJoin('app.matters as m', 'm.id', 't.matter_id')
    .where('t.state', 'open')
    .where('t.due_at', '<', q.dueBefore)
    .where('t.region_path', 'like', likePrefix(q.regionPath))
    .modify((sql) => {
      if (q.processId) sql.where('m.process_id', q.processId);
      if (q.elementId) sql.where('t.element_id', q.elementId);
      if (q.trackingCode) sql.where('m.tracking_code', q.trackingCode);
      if (q.limit) sql.limit(q.limit);
    })
    .orderBy('t.due_at')
    .select(
      't.job_key',
      't.element_id',
      't.name',
      't.due_at',
      't.process_instance_key',
      'm.id',
      'm.tracking_code',
      'm.process_id',
      'm.region_code',
      'm.region_path',
      'm.process_instance_key as root',
    );
}

export interface NoProgressQuery {
  lastStepBefore: Date;
  regionPath: string;
  processId?: string;
  trackingCode?: string;
  limit?: number;
}

/** Open matters with a process whose last recorded step is older than `lastStepBefore`. */
export async function mattersWithoutProgress(db: Db, q: NoProgressQuery) {
  return db('app.matters as m')
    .join(
      db('app.matter_events').groupBy('matter_id').select('matter_id').max({ last: 'occurred_at' }).as('e'),
      'e.matter_id',
      'm.id',
    )
    .whereNot('m.status', 'closed')
    .whereNotNull('m.process_instance_key')
    .where('m.region_path', 'like', likePrefix(q.regionPath))
    .where('e.last', '<', q.lastStepBefore)
    .modify((sql) => {
      if (q.processId) sql.where('m.process_id', q.processId);
      if (q.trackingCode) sql.where('m.tracking_code', q.trackingCode);
      if (q.limit) sql.limit(q.limit);
    })
    .orderBy('e.last')
    .select(...MATTER_COLUMNS.map((c) => `m.${c}`), 'e.last');
}

/** The matter a root process instance belongs to, with its status (the instance page's header). */
export async function matterOfInstance(db: Db, rootKey: string): Promise<(MatterRow & { status: string }) | undefined> {
  return db('app.matters')
    .where('process_instance_key', rootKey)
    .first([...MATTER_COLUMNS, 'status']);
}

export interface MonitorHistoryRow {
  at: Date;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

/** The monitor's actions on one instance (retry, cancel, variables), newest first; bounded. */
export async function monitorHistory(db: Db, processInstanceKey: string, limit = 100): Promise<MonitorHistoryRow[]> {
  return db('app.audit_log')
    .where({ target_kind: 'process-instance', target_id: processInstanceKey })
    .where('action', 'like', 'monitor.%')
    .orderBy('id', 'desc')
    .limit(limit)
    .select('at', 'actor', 'action', 'details');
}

/**
 * Runs `fn` in a transaction holding a lock on the root instance `rootKey`: one change of its variables
 * at a time, so the old values read, the write and its audit record belong together (concurrent
 * writers would otherwise all record the same "old" value and hide a lost update).
 */
export async function withInstanceLock<T>(
  db: Knex,
  rootKey: string,
  fn: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`monitor.instance:${rootKey}`]);
    return fn(trx);
  });
}
