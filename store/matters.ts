// Matters and their append-only event log. A step is the event and the change to the matter in ONE
// transaction, keyed by a dedup key so a redelivered job changes nothing the second time.
import type { Knex } from 'knex';
import { escapeLike, likePrefix, type Db } from '../platform/db.js';
import { addressee, enqueue, type Notification } from './outbox.js';
import { isSensitiveCategory, type ClosureReason, type MatterStatus } from '../domain/index.js';

export interface Matter {
  id: string;
  trackingCode: string;
  matterType: string;
  channel: string;
  category: string | null;
  regionCode: string;
  regionPath: string;
  summary: string;
  facts: Record<string, unknown>;
  status: MatterStatus;
  closureReason: ClosureReason | null;
  tier: string | null;
  handlingRegion: string | null;
  handlingUnit: string | null;
  riskLevel: string | null;
  mediatorId: string | null;
  processId: string | null;
  processInstanceKey: string | null;
  nextDeadline: Date | null;
  receivedAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
  possibleDuplicateOf: string[];
}

export interface MatterEvent {
  id: string;
  matterId: string;
  type: string;
  occurredAt: Date;
  tier: string | null;
  unit: string | null;
  data: Record<string, unknown>;
}

export interface NewMatter {
  trackingCode: string;
  matterType: string;
  channel: string;
  category?: string | null;
  regionCode: string;
  regionPath: string;
  summary: string;
  facts?: Record<string, unknown>;
  idempotencyKey?: string | null;
  /** Keyed hash of the canonical request, compared when the Idempotency-Key comes again. */
  requestHash?: string | null;
  receivedAt: Date;
  /** The category was suggested from the summary, not chosen by the clerk. */
  categorySuggested?: boolean;
}

/** What a step may change on the matter. */
export type MatterPatch = Partial<
  Pick<
    Matter,
    | 'status'
    | 'closureReason'
    | 'category'
    | 'tier'
    | 'handlingRegion'
    | 'handlingUnit'
    | 'riskLevel'
    | 'mediatorId'
    | 'nextDeadline'
    | 'closedAt'
  >
>;

const COLUMNS: Record<string, string> = {
  id: 'id',
  trackingCode: 'tracking_code',
  matterType: 'matter_type',
  channel: 'channel',
  category: 'category',
  regionCode: 'region_code',
  regionPath: 'region_path',
  summary: 'summary',
  facts: 'facts',
  status: 'status',
  closureReason: 'closure_reason',
  tier: 'tier',
  handlingRegion: 'handling_region',
  handlingUnit: 'handling_unit',
  riskLevel: 'risk_level',
  mediatorId: 'mediator_id',
  processId: 'process_id',
  processInstanceKey: 'process_instance_key',
  nextDeadline: 'next_deadline',
  receivedAt: 'received_at',
  closedAt: 'closed_at',
  updatedAt: 'updated_at',
  possibleDuplicateOf: 'possible_duplicate_of',
};
const SELECT = Object.entries(COLUMNS)
  .map(([k, c]) => `${c} AS "${k}"`)
  .join(', ');

const toMatter = (r: Record<string, unknown>): Matter => ({ ...(r as unknown as Matter), id: String(r.id) });
/** A matter_events row as the application reads it. */
export const toEvent = (r: Record<string, any>): MatterEvent => ({
  id: String(r.id),
  matterId: String(r.matter_id),
  type: r.type,
  occurredAt: r.occurred_at,
  tier: r.tier,
  unit: r.unit,
  data: r.data,
});

/** Inserts a matter and its 'received' event; with an idempotency key a retry returns the first matter. */
export async function insertMatter(db: Db, m: NewMatter): Promise<{ matter: Matter; created: boolean }> {
  return db.transaction(async (trx) => {
    const rows = await trx('app.matters')
      .insert({
        tracking_code: m.trackingCode,
        matter_type: m.matterType,
        channel: m.channel,
        category: m.category ?? null,
        region_code: m.regionCode,
        region_path: m.regionPath,
        summary: m.summary,
        facts: JSON.stringify(m.facts ?? {}),
        idempotency_key: m.idempotencyKey ?? null,
        request_hash: m.requestHash ?? null,
        received_at: m.receivedAt,
        updated_at: m.receivedAt,
      })
      .onConflict('idempotency_key')
      .ignore()
      .returning('id');
    if (!rows.length)
      return {
        matter: (
          await trx.raw(
            `SELECT ${SELECT}
               FROM app.matters
              WHERE idempotency_key = ?`,
            [m.idempotencyKey ?? null],
          )
        ).rows.map(toMatter)[0],
        created: false,
      };
    const id = String(rows[0].id);
    await trx('app.matter_events').insert({
      matter_id: id,
      type: 'received',
      occurred_at: m.receivedAt,
      data: JSON.stringify({
        channel: m.channel,
        matterType: m.matterType,
        ...(m.categorySuggested ? { categorySuggested: m.category } : {}),
      }),
      dedup_key: `${id}:received`,
    });
    return { matter: (await matterById(trx, id))!, created: true };
  });
}

export async function matterById(db: Db, id: string | number): Promise<Matter | undefined> {
  const { rows } = await db.raw(
    `SELECT ${SELECT}
       FROM app.matters
      WHERE id = ?`,
    [String(id)],
  );
  return rows.map(toMatter)[0];
}

export async function matterByCode(db: Db, trackingCode: string): Promise<Matter | undefined> {
  const { rows } = await db.raw(
    `SELECT ${SELECT}
       FROM app.matters
      WHERE tracking_code = ?`,
    [trackingCode],
  );
  return rows.map(toMatter)[0];
}

export async function setProcessInstance(
  db: Db,
  id: string,
  processId: string,
  processInstanceKey: string,
): Promise<void> {
  await db('app.matters')
    .where({ id })
    .update({ process_id: processId, process_instance_key: processInstanceKey, start_claimed_until: null });
}

/**
 * Claims the start of a matter's process instance until `until`: null when it has an instance
 * already or another claim still holds. Otherwise the number of claims so far (1 = the first: no
 * earlier attempt can have created an instance).
 */
export async function claimStart(db: Db, id: string, now: Date, until: Date): Promise<number | null> {
  const { rows } = await db.raw(
    `UPDATE app.matters
        SET start_claimed_until = ?,
            start_attempts = start_attempts + 1
      WHERE id = ?
        AND process_instance_key IS NULL
        AND (start_claimed_until IS NULL OR start_claimed_until < ?)
      RETURNING start_attempts`,
    [until, id, now],
  );
  return rows[0]?.start_attempts ?? null;
}

/** Gives up a claim (the engine refused the start): the next attempt may come before it expires. */
export async function releaseStart(db: Db, id: string): Promise<void> {
  await db('app.matters').where({ id }).whereNull('process_instance_key').update({ start_claimed_until: null });
}

export async function requestHashOf(db: Db, id: string): Promise<string | null> {
  const row = await db('app.matters').where({ id }).first('request_hash');
  return row?.request_hash ?? null;
}

export interface Step {
  type: string;
  at: Date;
  tier?: string | null;
  unit?: string | null;
  data?: Record<string, unknown>;
  dedupKey: string;
}

/**
 * Records one step: the event, and the patch to the matter, together. When the dedup key was seen
 * before (a redelivered job), nothing changes and the stored event is returned with fresh = false,
 * so the caller can answer from what was decided the first time.
 */
export async function recordStep(
  db: Db,
  matterId: string,
  step: Step,
  patch: MatterPatch = {},
  notify: Omit<Notification, 'matterId' | 'at' | 'dedupKey'>[] = [],
): Promise<{ event: MatterEvent; fresh: boolean }> {
  return db.transaction(async (trx) => {
    const inserted = await trx('app.matter_events')
      .insert({
        matter_id: matterId,
        type: step.type,
        occurred_at: step.at,
        tier: step.tier ?? null,
        unit: step.unit ?? null,
        data: JSON.stringify(step.data ?? {}),
        dedup_key: step.dedupKey,
      })
      .onConflict('dedup_key')
      .ignore()
      .returning('*');
    if (!inserted.length)
      return {
        event: toEvent(await trx('app.matter_events').where({ dedup_key: step.dedupKey }).first()),
        fresh: false,
      };
    const update: Record<string, unknown> = { updated_at: step.at };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) update[COLUMNS[k]] = v;
    const updated = await trx('app.matters')
      .where({ id: matterId })
      .update(update)
      .returning(['category', 'region_code', 'handling_region']);
    if (updated.length !== 1) throw new Error(`matter ${matterId} does not exist`);
    const about = {
      sensitive: isSensitiveCategory(updated[0].category),
      region: updated[0].handling_region ?? updated[0].region_code,
    };
    for (const [i, m] of notify.entries())
      await enqueue(trx, {
        ...m,
        recipient: addressee(m, about),
        matterId,
        at: step.at,
        dedupKey: `${step.dedupKey}:${i}`,
      });
    return { event: toEvent(inserted[0]), fresh: true };
  });
}

export async function eventsOf(db: Db, matterId: string): Promise<MatterEvent[]> {
  return (await db('app.matter_events').where({ matter_id: matterId }).orderBy('id')).map(toEvent);
}

export interface MatterFilter {
  regionPath: string;
  status?: string;
  matterType?: string;
  /** Any of these category codes (a major category and its minors). */
  categories?: string[];
  tier?: string;
  riskLevel?: string;
  channel?: string;
  /** A figure of store/statistics.ts: its position in app.stats_counters (2 = closed … 11). */
  figure?: number;
  /** Fell overdue (mediation-overdue or assignment sheet) at this unit. */
  overdueUnit?: string;
  overdueAt?: Date;
  receivedFrom?: Date;
  receivedTo?: Date;
  text?: string;
  trackingCode?: string;
  partyName?: string;
  /** Keyed hashes (platform/privacy.ts mac) of the phone or ID number as it may have been written. */
  phoneMacs?: string[];
  idNumberMacs?: string[];
  limit: number;
  offset: number;
  /** By time received: newest first (the default) or oldest first. */
  order?: 'desc' | 'asc';
}

/** Matters in a region subtree (the caller's jurisdiction, or narrower), newest first unless asked. */
export async function listMatters(db: Db, f: MatterFilter): Promise<{ items: Matter[]; total: number }> {
  const q = db('app.matters').where('region_path', 'like', likePrefix(f.regionPath));
  if (f.status) q.where('status', f.status);
  if (f.matterType) q.where('matter_type', f.matterType);
  if (f.categories) q.whereIn('category', f.categories);
  if (f.tier) q.where('tier', f.tier);
  if (f.riskLevel) q.where('risk_level', f.riskLevel);
  if (f.channel) q.where('channel', f.channel);
  // The one definition the statistics use, so a figure's drill-down finds exactly its count.
  if (f.figure) q.whereRaw('(app.stats_counters(matters))[?] = 1', [f.figure]);
  if (f.overdueUnit)
    q.whereExists((e) =>
      e
        .select(1)
        .from('app.matter_events as oe')
        .whereRaw('oe.matter_id = app.matters.id')
        .whereIn('oe.type', ['mediation-overdue', 'assignment-sheet'])
        .where('oe.unit', f.overdueUnit!),
    );
  if (f.overdueAt) q.where('next_deadline', '<', f.overdueAt).whereNot('status', 'closed');
  if (f.receivedFrom) q.where('received_at', '>=', f.receivedFrom);
  if (f.receivedTo) q.where('received_at', '<', f.receivedTo);
  if (f.text) q.where('summary', 'ilike', `%${escapeLike(f.text)}%`);
  if (f.trackingCode) q.where('tracking_code', f.trackingCode);
  // A party search looks through the parties table; phones and ID numbers only by their keyed hash.
  const party = (fn: (p: Knex.QueryBuilder) => void) =>
    q.whereExists(function (this: Knex.QueryBuilder) {
      this.select(1).from('app.parties as p').whereRaw('p.matter_id = app.matters.id');
      fn(this);
    });
  if (f.partyName) party((p) => p.where('p.name', 'ilike', `%${escapeLike(f.partyName!)}%`));
  if (f.phoneMacs) party((p) => p.whereIn('p.phone_mac', f.phoneMacs!));
  if (f.idNumberMacs) party((p) => p.whereIn('p.id_number_mac', f.idNumberMacs!));
  const [{ n }] = await q.clone().count({ n: '*' });
  const rows = await q
    .orderBy('received_at', f.order ?? 'desc')
    .orderBy('id', f.order ?? 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .select(db.raw(SELECT));
  return { items: rows.map(toMatter), total: Number(n) };
}

export async function setPossibleDuplicates(db: Db, id: string, ids: string[]): Promise<void> {
  await db('app.matters').where({ id }).update({ possible_duplicate_of: ids });
}

/** The ids and tracking codes of those of `ids` whose region lies under `regionPath`. */
export async function mattersWithin(
  db: Db,
  ids: string[],
  regionPath: string,
): Promise<{ id: string; trackingCode: string }[]> {
  if (!ids.length) return [];
  const rows = await db('app.matters')
    .whereIn('id', ids)
    .where('region_path', 'like', likePrefix(regionPath))
    .orderBy('id')
    .select('id', 'tracking_code');
  return rows.map((r) => ({ id: String(r.id), trackingCode: r.tracking_code }));
}

/**
 * Matters accepted before `receivedBefore` whose process instance was never started and whose start
 * nobody holds at `now`, oldest first.
 */
export async function pendingMatterIds(
  db: Db,
  receivedBefore: Date,
  limit: number,
  now = new Date(),
): Promise<string[]> {
  return db('app.matters')
    .whereNull('process_instance_key')
    .where('received_at', '<', receivedBefore)
    .where((q) => q.whereNull('start_claimed_until').orWhere('start_claimed_until', '<', now))
    .orderBy('id')
    .limit(limit)
    .pluck('id');
}
