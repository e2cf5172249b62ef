// Supervision items (风险督办) as leaders read them: the supervision user tasks of the models (element
// Task_Supervise, addressed to '<county>/county-party-committee' or '<county>/county-peace-office')
// in a region subtree, from the staff inbox's table. The items are tasks: the inbox shows each to its
// unit; this is the jurisdiction-wide list (a county's leaders see red and orange alike).
import { likePrefix, type Db } from '../platform/db.js';
import type { Task } from './tasks.js';

/** The element id of the supervision task in the base model and every variant. */
export const SUPERVISION_ELEMENT = 'Task_Supervise';

export interface SupervisionQuery {
  regionPath: string;
  state: 'open' | 'completed' | 'gone' | 'all';
  level?: 'red' | 'orange';
  limit: number;
  offset: number;
}

const COLUMNS = {
  jobKey: 'job_key',
  matterId: 'matter_id',
  trackingCode: 'tracking_code',
  regionPath: 'region_path',
  elementId: 'element_id',
  name: 'name',
  processInstanceKey: 'process_instance_key',
  elementInstanceKey: 'element_instance_key',
  formKey: 'form_key',
  candidateGroups: 'candidate_groups',
  assignee: 'assignee',
  dueAt: 'due_at',
  riskLevel: 'risk_level',
  state: 'state',
  claimedBy: 'claimed_by',
  completedBy: 'completed_by',
  completedAt: 'completed_at',
  createdAt: 'created_at',
};

/** The items, the earliest due first (open ones), or the latest done first (closed ones). */
export async function supervisionItems(db: Db, q: SupervisionQuery): Promise<{ items: Task[]; total: number }> {
  const base = db('app.tasks')
    .where('element_id', SUPERVISION_ELEMENT)
    .where('region_path', 'like', likePrefix(q.regionPath))
    .modify((sql) => {
      if (q.state !== 'all') sql.where('state', q.state);
      if (q.level) sql.where('risk_level', q.level);
    });
  const [{ n }] = await base.clone().count<{ n: string }[]>({ n: '*' });
  const rows = await base
    .clone()
    .select(COLUMNS)
    .orderByRaw(q.state === 'open' ? 'due_at, job_key' : 'coalesce(completed_at, created_at) DESC, job_key')
    .limit(q.limit)
    .offset(q.offset);
  return {
    items: rows.map((r: Task & { matterId: unknown }) => ({
      ...r,
      matterId: r.matterId === null ? null : String(r.matterId),
    })),
    total: Number(n),
  };
}
