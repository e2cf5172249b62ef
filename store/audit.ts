// The append-only audit log: every read of unmasked personal data and every change.
import type { Db } from '../platform/db.js';

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
