// The append-only audit log: every read of unmasked personal data and every change.
import { likePrefix, type Db } from '../platform/db.js';

export interface AuditEntry {
  actor: string;
  action: string;
  targetKind: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

export async function audit(db: Db, e: AuditEntry): Promise<void> {
  await db('app.audit_log').insert({
    at: e.at,
    actor: e.actor,
    action: e.action,
    target_kind: e.targetKind,
    target_id: e.targetId ?? null,
    details: JSON.stringify(e.details ?? {}),
  });
}

export async function auditOf(
  db: Db,
  targetKind: string,
  targetId: string,
): Promise<{ actor: string; action: string; details: Record<string, unknown> }[]> {
  return db('app.audit_log')
    .where({ target_kind: targetKind, target_id: targetId })
    .orderBy('id')
    .select('actor', 'action', 'details');
}

/**
 * Whose entries a reader may see: those of users whose region lies in `regionPath`'s subtree, and,
 * with `systemActors`, those of actors that are no user (citizen, workers): only the top of the tree
 * reads those, since they belong to no region.
 */
export interface AuditScope {
  regionPath: string;
  systemActors: boolean;
}

export interface AuditFilter extends AuditScope {
  actor?: string;
  /** An exact code, or a prefix when it ends in '.' ('monitor.'). */
  action?: string;
  targetKind?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface AuditRow extends AuditEntry {
  id: string;
  actorName: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

function scoped(db: Db, s: AuditScope) {
  return db('app.audit_log as a')
    .leftJoin('app.users as u', 'u.id', 'a.actor')
    .leftJoin('app.regions as r', 'r.code', 'u.region_code')
    .where((w) => {
      w.where('r.path', 'like', likePrefix(s.regionPath));
      if (s.systemActors) w.orWhereNull('u.id');
    });
}

/** A page of the entries the filter matches, newest first, and how many match in all. */
export async function readAudit(db: Db, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const q = scoped(db, f);
  if (f.actor) q.where('a.actor', f.actor);
  if (f.action?.endsWith('.')) q.where('a.action', 'like', likePrefix(f.action));
  else if (f.action) q.where('a.action', f.action);
  if (f.targetKind) q.where('a.target_kind', f.targetKind);
  if (f.targetId) q.where('a.target_id', f.targetId);
  if (f.from) q.where('a.at', '>=', f.from);
  if (f.to) q.where('a.at', '<', f.to);
  const [{ n }] = await q.clone().count({ n: '*' });
  const rows = await q
    .orderBy([
      { column: 'a.at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    .limit(f.limit)
    .offset(f.offset)
    .select('a.id', 'a.at', 'a.actor', 'u.display_name', 'a.action', 'a.target_kind', 'a.target_id', 'a.details');
  return {
    total: Number(n),
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      actor: r.actor,
      actorName: r.display_name ?? null,
      action: r.action,
      targetKind: r.target_kind,
      targetId: r.target_id ?? null,
      details: r.details ?? {},
    })),
  };
}

/** The action codes and target kinds in the entries the scope may read, for the filters' choices. */
export async function auditCodes(db: Db, s: AuditScope): Promise<{ actions: string[]; targetKinds: string[] }> {
  const [actions, kinds] = await Promise.all([
    scoped(db, s).distinct('a.action').orderBy('a.action'),
    scoped(db, s).distinct('a.target_kind').orderBy('a.target_kind'),
  ]);
  return { actions: actions.map((r) => r.action), targetKinds: kinds.map((r) => r.target_kind) };
}
