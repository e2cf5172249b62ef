// Letters as their addressees and senders see them (issue 15): letter deliveries (app.deliveries,
// channel 'letter') with their matter's code, their official document if one was made, and who of the
// addressee unit read and acknowledged (签收) them. Reading and acknowledging are single guarded
// UPDATEs: the first reader or acknowledger is kept, however many ask at once.
import { escapeLike, likePrefix, type Db } from '../platform/db.js';

export interface UnitLetterRow {
  id: string;
  matterId: string | null;
  trackingCode: string | null;
  regionPath: string | null;
  template: string;
  unit: string;
  params: Record<string, unknown>;
  sentAt: Date | null;
  readAt: Date | null;
  readBy: string | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  note: string | null;
  /** Whether anyone active belongs to the addressee unit (a letter to a unit without staff waits unread). */
  unitStaffed: boolean;
  document: { id: string; docNumber: string; title: string } | null;
}

export interface LetterFilter {
  /** Letters addressed to this unit (the received box)… */
  unit?: string;
  /** …or letters of matters in this region subtree (the sent box). */
  regionPath?: string;
  state?: 'unread' | 'unacknowledged' | 'acknowledged';
  code?: string;
  limit: number;
  offset: number;
}

const SELECT = `
  SELECT d.id::text AS id, d.matter_id::text AS "matterId", m.tracking_code AS "trackingCode",
         m.region_path AS "regionPath", d.template, d.recipient_ref AS unit, d.params, d.sent_at AS "sentAt",
         d.read_at AS "readAt", COALESCE(ru.display_name, d.read_by) AS "readBy",
         d.acknowledged_at AS "acknowledgedAt", COALESCE(au.display_name, d.acknowledged_by) AS "acknowledgedBy",
         d.acknowledge_note AS note,
         EXISTS (SELECT 1 FROM app.users s WHERE s.unit = d.recipient_ref AND s.active) AS "unitStaffed",
         doc.id::text AS "docId", doc.doc_number AS "docNumber", doc.title AS "docTitle"
    FROM app.deliveries d
    LEFT JOIN app.matters m ON m.id = d.matter_id
    LEFT JOIN app.documents doc ON doc.outbox_id = d.outbox_id
    LEFT JOIN app.users ru ON ru.id = d.read_by
    LEFT JOIN app.users au ON au.id = d.acknowledged_by`;

const toLetter = (r: Record<string, any>): UnitLetterRow => ({
  id: r.id,
  matterId: r.matterId,
  trackingCode: r.trackingCode,
  regionPath: r.regionPath,
  template: r.template,
  unit: r.unit,
  params: r.params ?? {},
  sentAt: r.sentAt,
  readAt: r.readAt,
  readBy: r.readBy,
  acknowledgedAt: r.acknowledgedAt,
  acknowledgedBy: r.acknowledgedBy,
  note: r.note,
  unitStaffed: r.unitStaffed === true,
  document: r.docId ? { id: r.docId, docNumber: r.docNumber, title: r.docTitle } : null,
});

/** The WHERE of a box (without the state filter, which the counts leave out). */
function boxWhere(f: LetterFilter): { sql: string; args: (string | number)[] } {
  const parts = [`d.channel = 'letter'`];
  const args: (string | number)[] = [];
  if (f.unit !== undefined) {
    parts.push('d.recipient_ref = ?');
    args.push(f.unit);
  }
  if (f.regionPath !== undefined) {
    // A letter of no matter (a quality-sampling notice) belongs to the top of the tree.
    const top = f.regionPath.split('/').length <= 3;
    parts.push(`(m.region_path LIKE ?${top ? ' OR d.matter_id IS NULL' : ''})`);
    args.push(likePrefix(f.regionPath));
  }
  if (f.code) {
    parts.push('m.tracking_code ILIKE ?');
    args.push(`${escapeLike(f.code)}%`);
  }
  return { sql: parts.join(' AND '), args };
}

const STATE_SQL: Readonly<Record<NonNullable<LetterFilter['state']>, string>> = {
  unread: 'd.read_at IS NULL',
  unacknowledged: 'd.acknowledged_at IS NULL',
  acknowledged: 'd.acknowledged_at IS NOT NULL',
};

/** A box's letters, newest first, with the box's totals (unread and unacknowledged over the whole box). */
export async function listLetters(
  db: Db,
  f: LetterFilter,
): Promise<{ items: UnitLetterRow[]; total: number; unread: number; unacknowledged: number }> {
  const { sql, args } = boxWhere(f);
  const state = f.state ? ` AND ${STATE_SQL[f.state]}` : '';
  const { rows } = await db.raw(`${SELECT} WHERE ${sql}${state} ORDER BY d.id DESC LIMIT ? OFFSET ?`, [
    ...args,
    f.limit,
    f.offset,
  ]);
  const counts = await db.raw(
    `SELECT count(*) FILTER (WHERE TRUE${state})::int AS total,
            count(*) FILTER (WHERE d.read_at IS NULL)::int AS unread,
            count(*) FILTER (WHERE d.acknowledged_at IS NULL)::int AS unacknowledged
       FROM app.deliveries d LEFT JOIN app.matters m ON m.id = d.matter_id
      WHERE ${sql}`,
    args,
  );
  const c = counts.rows[0];
  return { items: rows.map(toLetter), total: c.total, unread: c.unread, unacknowledged: c.unacknowledged };
}

export async function letterById(db: Db, id: string): Promise<UnitLetterRow | null> {
  const { rows } = await db.raw(`${SELECT} WHERE d.id = ? AND d.channel = 'letter'`, [id]);
  return rows.length ? toLetter(rows[0]) : null;
}

/** Records the first reader; later reads change nothing. */
export async function markRead(db: Db, id: string, userId: string, at: Date): Promise<boolean> {
  const n = await db('app.deliveries')
    .where({ id, channel: 'letter' })
    .whereNull('read_at')
    .update({ read_at: at, read_by: userId });
  return n === 1;
}

/** Acknowledges once (the first acknowledger and note are kept); true when it was acknowledged now. */
export async function acknowledgeLetter(
  db: Db,
  id: string,
  userId: string,
  note: string | null,
  at: Date,
): Promise<boolean> {
  const n = await db('app.deliveries')
    .where({ id, channel: 'letter' })
    .whereNull('acknowledged_at')
    .update({
      acknowledged_at: at,
      acknowledged_by: userId,
      acknowledge_note: note,
      read_at: db.raw('COALESCE(read_at, ?)', [at]),
      read_by: db.raw('COALESCE(read_by, ?)', [userId]),
    });
  return n === 1;
}

export interface StepMessageRow {
  /** The timeline event whose step queued the message (null: queued outside a recorded step). */
  eventId: string | null;
  channel: 'sms' | 'letter' | 'internal';
  template: string;
  recipientRef: string;
  partyRole: string | null;
  status: string;
  /** When it reached the handset (a delivery receipt), else when it was sent. */
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  receiptChecks: number;
  nextCheckAt: Date | null;
}

/**
 * A matter's messages with the event each came from: a step's notifications are queued under the
 * event's dedup key plus ':<n>' (store/matters.ts recordStep), so the key leads back to the event.
 */
export async function messagesOfMatter(db: Db, matterId: string): Promise<StepMessageRow[]> {
  const { rows } = await db.raw(
    `SELECT e.id::text AS "eventId", d.channel, d.template, d.recipient_ref AS "recipientRef",
            p.role AS "partyRole", d.status,
            COALESCE(d.delivered_at, d.sent_at) AS "sentAt", d.acknowledged_at AS "acknowledgedAt",
            d.receipt_checks AS "receiptChecks", d.next_check_at AS "nextCheckAt"
       FROM app.deliveries d
       JOIN app.outbox o ON o.id = d.outbox_id
       LEFT JOIN app.matter_events e
              ON e.dedup_key = regexp_replace(o.dedup_key, ':[0-9]+$', '') AND e.matter_id = d.matter_id
       LEFT JOIN app.parties p ON d.channel = 'sms' AND p.id::text = d.recipient_ref
      WHERE d.matter_id = ?
      ORDER BY d.id`,
    [matterId],
  );
  return rows as StepMessageRow[];
}

/** Parties' roles by id (an SMS delivery names its party by id; lists show the role, never the number). */
export async function partyRoles(db: Db, partyIds: string[]): Promise<Map<string, string>> {
  const ids = partyIds.filter((x) => /^[0-9]{1,18}$/.test(x));
  if (!ids.length) return new Map();
  const rows = await db('app.parties').whereIn('id', ids).select('id', 'role');
  return new Map(rows.map((r) => [String(r.id), r.role as string]));
}
