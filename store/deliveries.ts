// Deliveries: each message that leaves the building, expanded once from its outbox row. A sender claims
// due rows with SKIP LOCKED (so several senders share the work), under a lease; `attempts` is the
// fencing token — a sender whose lease ran out and was taken over cannot overwrite the new claim.
import { likePrefix, type Db } from '../platform/db.js';

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'dead' | 'skipped';
export type Channel = 'sms' | 'letter' | 'internal';

export interface OutboxRow {
  id: string;
  matterId: string | null;
  recipientKind: 'citizen' | 'unit' | 'court' | 'staff';
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface NewDelivery {
  outboxId: string;
  matterId: string | null;
  idempotencyKey: string;
  channel: Channel;
  recipientRef: string;
  template: string;
  params: Record<string, unknown>;
  /** Letters and internal notices are delivered on expansion; a skipped SMS says why in lastError. */
  status: 'queued' | 'delivered' | 'skipped';
  lastError?: string;
}

export interface Delivery {
  id: string;
  matterId: string | null;
  idempotencyKey: string;
  channel: Channel;
  recipientRef: string;
  template: string;
  params: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  providerRef: string | null;
  rendered: string | null;
  createdAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
  /** When the handset had it, by the provider's receipt (status 'delivered'). */
  deliveredAt: Date | null;
  /** Receipt checks made so far, and when the next is due (null: none will be made). */
  receiptChecks: number;
  nextCheckAt: Date | null;
}

const toDelivery = (r: Record<string, any>): Delivery => ({
  id: String(r.id),
  matterId: r.matter_id === null ? null : String(r.matter_id),
  idempotencyKey: r.idempotency_key,
  channel: r.channel,
  recipientRef: r.recipient_ref,
  template: r.template,
  params: r.params ?? {},
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  providerRef: r.provider_ref,
  rendered: r.rendered,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at ?? null,
  receiptChecks: r.receipt_checks ?? 0,
  nextCheckAt: r.next_check_at ?? null,
});

/**
 * Expands outbox rows not expanded yet, `limit` at a time, each in one transaction with its deliveries:
 * `plan` turns a row into deliveries (reading parties, opt-outs); a crash leaves the row unexpanded and
 * the next run expands it again — the unique idempotency key keeps its deliveries once.
 */
export async function expandOutbox(
  db: Db,
  at: Date,
  limit: number,
  plan: (row: OutboxRow, trx: Db) => Promise<NewDelivery[]>,
): Promise<number> {
  return db.transaction(async (trx) => {
    const rows = await trx('app.outbox')
      .whereNull('expanded_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .select('*');
    for (const r of rows) {
      const deliveries = await plan(
        {
          id: String(r.id),
          matterId: r.matter_id === null ? null : String(r.matter_id),
          recipientKind: r.recipient_kind,
          recipient: r.recipient,
          template: r.template,
          payload: r.payload ?? {},
          createdAt: r.created_at,
        },
        trx,
      );
      if (deliveries.length)
        await trx('app.deliveries')
          .insert(
            deliveries.map((d) => ({
              outbox_id: d.outboxId,
              matter_id: d.matterId,
              idempotency_key: d.idempotencyKey,
              channel: d.channel,
              recipient_ref: d.recipientRef,
              template: d.template,
              params: JSON.stringify(d.params),
              status: d.status,
              last_error: d.lastError ?? null,
              next_attempt_at: at,
              created_at: at,
              sent_at: d.status === 'delivered' ? at : null,
              updated_at: at,
            })),
          )
          .onConflict('idempotency_key')
          .ignore();
      await trx('app.outbox').where({ id: r.id }).update({ expanded_at: at });
    }
    return rows.length;
  });
}

export interface Claimed extends Delivery {
  /** 'sending' when a sender died after claiming it: the provider may or may not have the message. */
  was: DeliveryStatus;
}

/** Claims due SMS deliveries (new, to retry, or abandoned by a dead sender) under a lease. */
export async function claimDue(db: Db, at: Date, leaseMs: number, limit: number): Promise<Claimed[]> {
  const { rows } = await db.raw(
    `WITH picked AS (
       SELECT id, status AS was FROM app.deliveries
        WHERE channel = 'sms' AND (
              (status IN ('queued', 'failed') AND next_attempt_at <= :at)
           OR (status = 'sending' AND lease_until < :at))
        ORDER BY next_attempt_at, id
        LIMIT :limit
        FOR UPDATE SKIP LOCKED)
     UPDATE app.deliveries d
        SET status = 'sending', attempts = d.attempts + 1, lease_until = :lease, updated_at = :at
       FROM picked WHERE d.id = picked.id
     RETURNING d.*, picked.was`,
    { at, lease: new Date(at.getTime() + leaseMs), limit },
  );
  return rows.map((r: Record<string, any>) => ({ ...toDelivery(r), was: r.was }));
}

/** Records the outcome of the claim `attempts`; false when the claim was lost (someone else took it). */
export async function settle(
  db: Db,
  d: Pick<Delivery, 'id' | 'attempts'>,
  outcome:
    | {
        status: 'sent' | 'delivered';
        at: Date;
        providerRef: string | null;
        rendered: string | null;
        /** When to ask the provider for its delivery receipt first (none when absent or null). */
        nextCheckAt?: Date | null;
      }
    | { status: 'failed'; at: Date; error: string; retryAt: Date }
    | { status: 'dead' | 'skipped'; at: Date; error: string; rendered?: string | null },
): Promise<boolean> {
  const set: Record<string, unknown> = { status: outcome.status, updated_at: outcome.at, lease_until: null };
  if ('providerRef' in outcome) {
    Object.assign(set, { sent_at: outcome.at, provider_ref: outcome.providerRef, rendered: outcome.rendered });
    set.last_error = null;
    Object.assign(set, { receipt_checks: 0, next_check_at: outcome.nextCheckAt ?? null, delivered_at: null });
  } else {
    set.last_error = outcome.error.slice(0, 500);
    if (outcome.status === 'failed') set.next_attempt_at = outcome.retryAt;
    if ('rendered' in outcome && outcome.rendered !== undefined) set.rendered = outcome.rendered;
  }
  const n = await db('app.deliveries').where({ id: d.id, attempts: d.attempts, status: 'sending' }).update(set);
  return n === 1;
}

export async function deliveriesOfMatter(db: Db, matterId: string): Promise<Delivery[]> {
  return (await db('app.deliveries').where({ matter_id: matterId }).orderBy('id')).map(toDelivery);
}

/** Dead letters of matters in the jurisdiction (a region path prefix), newest first, with their codes. */
export async function deadLetters(
  db: Db,
  regionPath = '/',
  limit = 200,
): Promise<(Delivery & { trackingCode: string | null })[]> {
  const rows = await db('app.deliveries as d')
    .leftJoin('app.matters as m', 'm.id', 'd.matter_id')
    .where('d.status', 'dead')
    .andWhere((q) => {
      q.where('m.region_path', 'like', likePrefix(regionPath));
      if (regionPath.split('/').length <= 3) q.orWhereNull('d.matter_id');
    })
    .orderBy('d.id', 'desc')
    .limit(limit)
    .select('d.*', 'm.tracking_code');
  return rows.map((r) => ({ ...toDelivery(r), trackingCode: r.tracking_code ?? null }));
}

/** Puts a dead letter back in the queue with fresh attempts; false when it is not dead (any more). */
export async function requeueDead(db: Db, id: string, at: Date): Promise<boolean> {
  const n = await db('app.deliveries').where({ id, status: 'dead' }).update({
    status: 'queued',
    attempts: 0,
    next_attempt_at: at,
    updated_at: at,
    last_error: null,
    // A message its carrier failed is sent anew: the old receipt is no part of the new one.
    delivered_at: null,
    receipt_checks: 0,
    next_check_at: null,
  });
  return n === 1;
}

/** The jurisdiction a delivery falls in: its matter's region path ('/' for messages of no matter). */
export async function deliveryRegionPath(db: Db, id: string): Promise<string | null> {
  const r = await db('app.deliveries as d')
    .leftJoin('app.matters as m', 'm.id', 'd.matter_id')
    .where('d.id', id)
    .first('m.region_path', 'd.id');
  return r ? (r.region_path ?? '/') : null;
}

export async function optedOut(db: Db, phoneMacs: string[]): Promise<Set<string>> {
  if (!phoneMacs.length) return new Set();
  const rows = await db('app.sms_opt_outs').whereIn('phone_mac', phoneMacs).select('phone_mac');
  return new Set(rows.map((r) => r.phone_mac));
}

/** True when the number is opted out now, false when it already was. */
export async function optOut(db: Db, phoneMac: string, at: Date, source: string): Promise<boolean> {
  const rows = await db('app.sms_opt_outs')
    .insert({ phone_mac: phoneMac, at, source })
    .onConflict('phone_mac')
    .ignore()
    .returning('phone_mac');
  return rows.length > 0;
}

export interface SmsTarget {
  partyId: string;
  role: string;
  phoneMac: string | null;
}

/** The matter an SMS is about and its parties (phones stay sealed; the sender opens one when sending). */
export async function smsTargets(
  db: Db,
  matterId: string,
): Promise<{ trackingCode: string; category: string | null; parties: SmsTarget[] } | null> {
  const m = await db('app.matters').where({ id: matterId }).first('tracking_code', 'category');
  if (!m) return null;
  const parties = await db('app.parties')
    .where({ matter_id: matterId })
    .orderBy('id')
    .select('id', 'role', 'phone_mac');
  return {
    trackingCode: m.tracking_code,
    category: m.category,
    parties: parties.map((p) => ({ partyId: String(p.id), role: p.role, phoneMac: p.phone_mac })),
  };
}

/** The sealed phone of a party (null when the party has none). */
export async function sealedPhone(db: Db, partyId: string): Promise<string | null> {
  const r = await db('app.parties').where({ id: partyId }).first('phone_enc');
  return r?.phone_enc ?? null;
}

export interface LetterDeliveryRow {
  outboxId: string;
  channel: Channel;
  recipientRef: string;
  partyRole: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  rendered: string | null;
  sentAt: Date | null;
  /** Letters: read and acknowledged by the addressee unit (null for an SMS). */
  readAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /** SMS: receipts asked so far, and the next ask (null once the receipt window passed). */
  receiptChecks: number;
  nextCheckAt: Date | null;
}

/** A matter's deliveries with the role of the party each SMS went to (never the number). */
export async function deliveriesForLetters(db: Db, matterId: string): Promise<LetterDeliveryRow[]> {
  const { rows } = await db.raw(
    `SELECT d.outbox_id::text AS "outboxId", d.channel, d.recipient_ref AS "recipientRef", p.role AS "partyRole",
            d.status, d.attempts, d.last_error AS "lastError", d.rendered, d.sent_at AS "sentAt",
            d.read_at AS "readAt", d.acknowledged_at AS "acknowledgedAt",
            COALESCE(au.display_name, d.acknowledged_by) AS "acknowledgedBy",
            d.receipt_checks AS "receiptChecks", d.next_check_at AS "nextCheckAt"
       FROM app.deliveries d
       LEFT JOIN app.parties p ON d.channel = 'sms' AND p.id::text = d.recipient_ref
       LEFT JOIN app.users au ON au.id = d.acknowledged_by
      WHERE d.matter_id = ?
      ORDER BY d.id`,
    [matterId],
  );
  return rows as LetterDeliveryRow[];
}

export interface ReceiptCheck {
  id: string;
  recipientRef: string;
  providerRef: string | null;
  idempotencyKey: string;
  sentAt: Date;
  /** This claim's number (receipt_checks after it): the fencing token for recordReceipt. */
  checks: number;
}

/**
 * Claims sent SMS whose receipt check is due, with SKIP LOCKED (several senders side by side): each
 * claim counts a check and moves next_check_at a lease ahead, so no other sender takes the same check,
 * and a sender that dies mid-check leaves it to be taken again when the lease has run out.
 */
export async function claimReceiptChecks(db: Db, at: Date, leaseMs: number, limit: number): Promise<ReceiptCheck[]> {
  const { rows } = await db.raw(
    `WITH picked AS (
       SELECT id FROM app.deliveries
        WHERE status = 'sent' AND next_check_at IS NOT NULL AND next_check_at <= :at AND channel = 'sms'
        ORDER BY next_check_at, id
        LIMIT :limit
        FOR UPDATE SKIP LOCKED)
     UPDATE app.deliveries d
        SET receipt_checks = d.receipt_checks + 1, next_check_at = :lease
       FROM picked WHERE d.id = picked.id
     RETURNING d.id, d.recipient_ref, d.provider_ref, d.idempotency_key, d.sent_at, d.updated_at, d.receipt_checks`,
    { at, lease: new Date(at.getTime() + leaseMs), limit },
  );
  return rows.map((r: Record<string, any>): ReceiptCheck => ({
    id: String(r.id),
    recipientRef: r.recipient_ref,
    providerRef: r.provider_ref,
    idempotencyKey: r.idempotency_key,
    sentAt: r.sent_at ?? r.updated_at,
    checks: r.receipt_checks,
  }));
}

/**
 * Records what the receipt check `checks` found; false when the claim was lost (taken over after its
 * lease, or the message is no longer 'sent'). Delivered: with when. Failed at the carrier or handset:
 * dead, with the provider's reason, so administrators see it among the dead letters and may send it
 * again. No receipt yet (or the provider could not be asked): the next check, or none (given up).
 */
export async function recordReceipt(
  db: Db,
  c: Pick<ReceiptCheck, 'id' | 'checks'>,
  outcome:
    | { status: 'delivered'; at: Date; deliveredAt: Date }
    | { status: 'dead'; at: Date; error: string }
    | { status: 'sent'; nextCheckAt: Date | null },
): Promise<boolean> {
  const set: Record<string, unknown> =
    outcome.status === 'delivered'
      ? { status: 'delivered', delivered_at: outcome.deliveredAt, next_check_at: null, updated_at: outcome.at }
      : outcome.status === 'dead'
        ? { status: 'dead', last_error: outcome.error.slice(0, 500), next_check_at: null, updated_at: outcome.at }
        : { next_check_at: outcome.nextCheckAt };
  const n = await db('app.deliveries').where({ id: c.id, receipt_checks: c.checks, status: 'sent' }).update(set);
  return n === 1;
}
