// Reads for a matter's page: the messages and letters queued for it (the outbox) and its inbox tasks
// with their due dates. Only what staff are shown: never the payload (it may quote an agreement), and
// the recipient as stored — a unit id, 'parties'/'applicant', or a staff id; contact details are
// resolved by the sender from the sealed party records and are never in these rows.
import type { Db } from '../platform/db.js';

export interface LetterRow {
  id: string;
  recipientKind: 'citizen' | 'unit' | 'court' | 'staff';
  recipient: string;
  template: string;
  createdAt: Date;
  sentAt: Date | null;
}

/** The matter's outgoing messages, oldest first. */
export async function lettersOf(db: Db, matterId: string): Promise<LetterRow[]> {
  const { rows } = await db.raw(
    `SELECT id::text AS "id",
            recipient_kind AS "recipientKind",
            recipient,
            template,
            created_at AS "createdAt",
            sent_at AS "sentAt"
       FROM app.outbox
      WHERE matter_id = ?
      ORDER BY id`,
    [matterId],
  );
  return rows as LetterRow[];
}

export interface MatterTaskRow {
  jobKey: string;
  elementId: string;
  name: string | null;
  dueAt: Date | null;
  state: 'open' | 'completed' | 'gone';
  createdAt: Date;
  completedAt: Date | null;
}

/** The matter's inbox tasks (open and past), oldest first. */
export async function tasksOfMatter(db: Db, matterId: string): Promise<MatterTaskRow[]> {
  const { rows } = await db.raw(
    `SELECT job_key::text AS "jobKey",
            element_id AS "elementId",
            name,
            due_at AS "dueAt",
            state,
            created_at AS "createdAt",
            completed_at AS "completedAt"
       FROM app.tasks
      WHERE matter_id = ?
      ORDER BY created_at, job_key`,
    [matterId],
  );
  return rows as MatterTaskRow[];
}
