// Notifications to citizens, units and courts. Written in the same breath as the step that caused
// them (dedup key), drained by a sender adapter later (SMS gateway, letters).
import type { Db } from '../platform/db.js';

export interface Notification {
  matterId: string | null;
  recipientKind: 'citizen' | 'unit' | 'court' | 'staff';
  recipient: string;
  template: string;
  payload?: Record<string, unknown>;
  dedupKey: string;
  at: Date;
}

/**
 * Who a notification of a matter really goes to. In a sensitive matter the respondent may be the danger:
 * citizens' messages reach the applicant only. Letters go to a region's unit ('demo-town-a1/justice'): a
 * bare department is the one of the matter's (handling) region.
 */
export function addressee(
  n: Pick<Notification, 'recipientKind' | 'recipient'>,
  matter: { sensitive: boolean; region: string },
): string {
  if (n.recipientKind === 'citizen') return matter.sensitive && n.recipient === 'parties' ? 'applicant' : n.recipient;
  if ((n.recipientKind === 'unit' || n.recipientKind === 'court') && !n.recipient.includes('/'))
    return `${matter.region}/${n.recipient}`;
  return n.recipient;
}

/** Returns true when queued now, false when this dedup key was already queued. */
export async function enqueue(db: Db, n: Notification): Promise<boolean> {
  const rows = await db('app.outbox')
    .insert({
      matter_id: n.matterId,
      recipient_kind: n.recipientKind,
      recipient: n.recipient,
      template: n.template,
      payload: JSON.stringify(n.payload ?? {}),
      dedup_key: n.dedupKey,
      created_at: n.at,
    })
    .onConflict('dedup_key')
    .ignore()
    .returning('id');
  return rows.length > 0;
}

export async function outboxOf(
  db: Db,
  matterId: string,
): Promise<{ recipientKind: string; recipient: string; template: string; payload: Record<string, unknown> }[]> {
  return db('app.outbox')
    .where({ matter_id: matterId })
    .orderBy('id')
    .select({ recipientKind: 'recipient_kind', recipient: 'recipient', template: 'template', payload: 'payload' });
}
