// The staff inbox: user-task jobs taken from the engine, with who claimed them and when they are due.
import type { Knex } from 'knex';
import { likePrefix, type Db } from '../platform/db.js';

export interface Task {
  jobKey: string;
  matterId: string | null;
  trackingCode: string | null;
  regionPath: string | null;
  elementId: string;
  name: string | null;
  processInstanceKey: string;
  elementInstanceKey: string | null;
  formKey: string | null;
  candidateGroups: string[];
  assignee: string | null;
  dueAt: Date | null;
  riskLevel: string | null;
  state: 'open' | 'completed' | 'gone';
  claimedBy: string | null;
  completedBy: string | null;
  completedAt: Date | null;
  createdAt: Date;
  /** The matter's type (read with the task, never stored on it). */
  matterType?: string | null;
}

const COLS = `job_key AS "jobKey",
              matter_id::text AS "matterId",
              tracking_code AS "trackingCode",
              region_path AS "regionPath",
              element_id AS "elementId",
              name,
              process_instance_key AS "processInstanceKey",
              element_instance_key AS "elementInstanceKey",
              form_key AS "formKey",
              candidate_groups AS "candidateGroups",
              assignee,
              due_at AS "dueAt",
              risk_level AS "riskLevel",
              state,
              claimed_by AS "claimedBy",
              completed_by AS "completedBy",
              completed_at AS "completedAt",
              created_at AS "createdAt",
              -- The matter's type for the inbox's column (a primary-key lookup per row of a page).
              (SELECT mt.matter_type FROM app.matters mt WHERE mt.id = matter_id) AS "matterType"`;

/** Idempotent: a job re-activated after its timeout is the same task. */
export async function upsertTask(
  db: Db,
  t: Omit<Task, 'state' | 'claimedBy' | 'completedBy' | 'completedAt'>,
): Promise<void> {
  await db('app.tasks')
    .insert({
      job_key: t.jobKey,
      matter_id: t.matterId,
      tracking_code: t.trackingCode,
      region_path: t.regionPath,
      element_id: t.elementId,
      name: t.name,
      process_instance_key: t.processInstanceKey,
      element_instance_key: t.elementInstanceKey,
      form_key: t.formKey,
      candidate_groups: t.candidateGroups,
      assignee: t.assignee,
      due_at: t.dueAt,
      risk_level: t.riskLevel,
      created_at: t.createdAt,
    })
    .onConflict('job_key')
    .ignore();
}

export async function taskByKey(db: Db, jobKey: string): Promise<Task | undefined> {
  const { rows } = await db.raw(
    `SELECT ${COLS}
       FROM app.tasks
      WHERE job_key = ?`,
    [jobKey],
  );
  return rows[0];
}

export type InboxView = 'mine' | 'unit' | 'unassigned' | 'all';

export interface TaskQuery {
  /** The subtree searched: the caller's jurisdiction, or a region inside it (the region filter). */
  regionPath: string;
  view: InboxView;
  userId: string;
  groups: string[];
  /** Supervisors may claim any task of their jurisdiction; others only their own or their units'. */
  claimAny?: boolean;
  /** Only tasks of matters of this type. */
  matterType?: string;
  /** Only tasks of matters in one of these categories (a major category and its minors). */
  categories?: string[];
  /** Only tasks due before this instant (overdue by the server's clock). */
  dueBefore?: Date;
}

export interface TaskPage extends TaskQuery {
  sort: 'due' | 'risk' | 'age';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const ORDER: Record<TaskPage['sort'], string[]> = {
  // Each order matches an index on open tasks (migration 7), so a page is read, not sorted; descending
  // reverses every column, so the same index is read backwards.
  due: ['due_at', 'job_key'],
  risk: [`CASE risk_level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END`, 'due_at', 'job_key'],
  age: ['created_at', 'job_key'],
};
const orderBy = (q: TaskPage) => ORDER[q.sort].map((c) => (q.order === 'desc' ? `${c} DESC` : c)).join(', ');

/** Counting stops here: a big inbox shows "10000+" rather than paying to count every task. */
export const COUNT_CAP = 10_000;

function whereOf(q: TaskQuery): { w: string; args: Knex.RawBinding[] } {
  const where: string[] = [`state = 'open'`, `region_path LIKE ?`];
  const args: Knex.RawBinding[] = [likePrefix(q.regionPath)];
  if (q.view === 'mine') {
    where.push('(claimed_by = ? OR (claimed_by IS NULL AND assignee = ?))');
    args.push(q.userId, q.userId);
  }
  // An array binding reaches PostgreSQL as an array literal: ?::text[].
  if (q.view === 'unit') {
    where.push('candidate_groups && ?::text[]');
    args.push(q.groups);
  }
  // Unclaimed work this user may take: assigned to them or queued for one of their units (roles count as
  // groups). The model's assignee is a recommendation: until someone claims it, the task is unclaimed.
  if (q.view === 'unassigned') {
    where.push('claimed_by IS NULL');
    if (!q.claimAny) {
      where.push('(assignee = ? OR candidate_groups && ?::text[])');
      args.push(q.userId, q.groups);
    }
  }
  // The matter's type and category live on the matter: a primary-key probe per candidate task.
  if (q.matterType || q.categories) {
    const m: string[] = ['mt.id = tasks.matter_id'];
    if (q.matterType) {
      m.push('mt.matter_type = ?');
      args.push(q.matterType);
    }
    if (q.categories) {
      m.push('mt.category = ANY(?::text[])');
      args.push(q.categories);
    }
    where.push(`EXISTS (SELECT 1 FROM app.matters mt WHERE ${m.join(' AND ')})`);
  }
  if (q.dueBefore) {
    where.push('due_at < ?');
    args.push(q.dueBefore);
  }
  return { w: where.join(' AND '), args };
}

/** How many open tasks the view holds, up to COUNT_CAP. */
export async function countTasks(db: Db, q: TaskQuery): Promise<{ total: number; totalIsLowerBound: boolean }> {
  const { w, args } = whereOf(q);
  const {
    rows: [{ n }],
  } = await db.raw(
    `SELECT count(*)::int AS n
       FROM (SELECT 1
               FROM app.tasks
              WHERE ${w}
              LIMIT ${COUNT_CAP}) c`,
    args,
  );
  return { total: n, totalIsLowerBound: n >= COUNT_CAP };
}

export async function listTasks(
  db: Db,
  q: TaskPage,
): Promise<{ items: Task[]; total: number; totalIsLowerBound: boolean }> {
  const { w, args } = whereOf(q);
  const [count, { rows }] = await Promise.all([
    countTasks(db, q),
    // A unit's tasks are few: find them through the groups index first, then sort them. Left to
    // itself the planner may walk the whole due-date index looking for them (measured: 100 ms on 1 M).
    q.view === 'unit'
      ? db.raw(
          `WITH u AS MATERIALIZED (
             SELECT *
               FROM app.tasks
              WHERE ${w}
           )
           SELECT ${COLS}
             FROM u
            ORDER BY ${orderBy(q)}
            LIMIT ?
           OFFSET ?`,
          [...args, q.limit, q.offset],
        )
      : db.raw(
          `SELECT ${COLS}
             FROM app.tasks
            WHERE ${w}
            ORDER BY ${orderBy(q)}
            LIMIT ?
           OFFSET ?`,
          [...args, q.limit, q.offset],
        ),
  ]);
  return { items: rows, ...count };
}

/** Claims when free (or already mine); returns the task as it is now. */
export async function claimTask(db: Db, jobKey: string, userId: string): Promise<Task | undefined> {
  await db('app.tasks')
    .where({ job_key: jobKey, state: 'open' })
    .where((q) => q.whereNull('claimed_by').orWhere('claimed_by', userId))
    .update({ claimed_by: userId });
  return taskByKey(db, jobKey);
}

export async function setClaim(db: Db, jobKey: string, userId: string | null): Promise<void> {
  await db('app.tasks').where({ job_key: jobKey, state: 'open' }).update({ claimed_by: userId });
}

/** Marks the task done once; false when it was no longer open (a concurrent completion won). */
export async function finishTask(
  db: Db,
  jobKey: string,
  state: 'completed' | 'gone',
  userId: string | null,
  at: Date,
): Promise<boolean> {
  const n = await db('app.tasks')
    .where({ job_key: jobKey, state: 'open' })
    .update({ state, completed_by: userId, completed_at: at });
  return n === 1;
}

/** Open tasks, least recently checked first, for reconciliation with the engine. */
export async function openTasks(
  db: Db,
  limit: number,
): Promise<{ jobKey: string; elementInstanceKey: string | null }[]> {
  return db('app.tasks')
    .where({ state: 'open' })
    .orderBy('created_at')
    .limit(limit)
    .select({ jobKey: 'job_key', elementInstanceKey: 'element_instance_key' });
}
