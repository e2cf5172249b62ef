// Official documents (issue 15): the PDFs made for letters, receipts and agreements, each with its
// document number (文号) from a counter per year and kind. Making one is a transaction that first
// locks what the document is for (the outbox row, or the matter and kind), so a second sender or a
// second request waits and then finds it made; the number is taken last and rolled back with the rest.
import { createHash } from 'node:crypto';
import { likePrefix, type Db } from '../platform/db.js';

/** The supervision letters that are documents (their outbox templates). */
export const LETTER_TEMPLATES = [
  'reminder-letter',
  'risk-warning-letter',
  'risk-warning-letter-copy',
  'assignment-sheet',
  'assignment-sheet-copy',
] as const;

export interface DocumentMeta {
  id: string;
  matterId: string;
  outboxId: string | null;
  kind: string;
  docNumber: string;
  title: string;
  addressee: string | null;
  sha256: string;
  createdAt: Date;
}

export interface StoredDocument extends DocumentMeta {
  pdf: Buffer;
}

export interface LetterRow {
  id: string;
  matterId: string | null;
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** What the caller renders once its number is known. */
export interface Made {
  title: string;
  addressee: string | null;
  pdf: Buffer;
}

const META = ['id', 'matter_id', 'outbox_id', 'kind', 'doc_number', 'title', 'addressee', 'sha256', 'created_at'];

interface DocumentRow {
  id: string | number;
  matter_id: string | number;
  outbox_id: string | number | null;
  kind: string;
  doc_number: string;
  title: string;
  addressee: string | null;
  sha256: string;
  created_at: Date;
}

const toMeta = (r: DocumentRow): DocumentMeta => ({
  id: String(r.id),
  matterId: String(r.matter_id),
  outboxId: r.outbox_id === null ? null : String(r.outbox_id),
  kind: r.kind,
  docNumber: r.doc_number,
  title: r.title,
  addressee: r.addressee,
  sha256: r.sha256,
  createdAt: r.created_at,
});

/** Expanded letters of the given templates still without their document, oldest first. */
export async function undocumentedLetters(db: Db, limit: number): Promise<LetterRow[]> {
  const rows = await db('app.outbox')
    .whereNull('documented_at')
    .whereNotNull('expanded_at')
    .whereIn('recipient_kind', ['unit', 'court'])
    .whereIn('template', [...LETTER_TEMPLATES])
    .where('document_attempts', '<', MAX_DOCUMENT_ATTEMPTS)
    .orderBy('id')
    .limit(limit)
    .select('id', 'matter_id', 'recipient', 'template', 'payload', 'created_at');
  return rows.map((r) => ({
    id: String(r.id),
    matterId: r.matter_id === null ? null : String(r.matter_id),
    recipient: r.recipient,
    template: r.template,
    payload: r.payload ?? {},
    createdAt: r.created_at,
  }));
}

/** Tries at making a letter's document before it is left alone (its error kept on the outbox row). */
export const MAX_DOCUMENT_ATTEMPTS = 5;

/** A failed try at a letter's document: counted, and its reason kept for whoever looks into it. */
export async function documentFailed(db: Db, outboxId: string, error: string): Promise<void> {
  await db('app.outbox')
    .where({ id: outboxId })
    .update({ document_attempts: db.raw('document_attempts + 1'), document_error: error.slice(0, 500) });
}

/** A letter whose document was given up on after MAX_DOCUMENT_ATTEMPTS tries. */
export interface FailedDocument {
  id: string;
  matterId: string | null;
  trackingCode: string | null;
  template: string;
  recipient: string;
  attempts: number;
  error: string | null;
  createdAt: Date;
}

// The letters whose document the background step has given up on (still none, every try spent).
const givenUp = (db: Db) =>
  db('app.outbox as o')
    .whereNull('o.documented_at')
    .whereIn('o.recipient_kind', ['unit', 'court'])
    .whereIn('o.template', [...LETTER_TEMPLATES])
    .where('o.document_attempts', '>=', MAX_DOCUMENT_ATTEMPTS);

/**
 * Letters of the jurisdiction (`regionPath`'s subtree) whose document was given up on, newest first. A
 * letter of no matter belongs to the top of the tree, as dead letters do (store/deliveries.ts).
 */
export async function failedDocuments(db: Db, regionPath = '/', limit = 200): Promise<FailedDocument[]> {
  const rows = await givenUp(db)
    .leftJoin('app.matters as m', 'm.id', 'o.matter_id')
    .andWhere((q) => {
      q.where('m.region_path', 'like', likePrefix(regionPath));
      if (regionPath.split('/').length <= 3) q.orWhereNull('o.matter_id');
    })
    .orderBy('o.id', 'desc')
    .limit(limit)
    .select(
      'o.id',
      'o.matter_id',
      'm.tracking_code',
      'o.template',
      'o.recipient',
      'o.document_attempts',
      'o.document_error',
      'o.created_at',
    );
  return rows.map((r) => ({
    id: String(r.id),
    matterId: r.matter_id === null ? null : String(r.matter_id),
    trackingCode: r.tracking_code ?? null,
    template: r.template,
    recipient: r.recipient,
    attempts: r.document_attempts,
    error: r.document_error,
    createdAt: r.created_at,
  }));
}

/**
 * The jurisdiction a letter falls in, for a retry of its document: its matter's region path ('/' for a
 * letter of no matter); null when the outbox row is unknown or no letter that has a document.
 */
export async function letterRegionPath(db: Db, outboxId: string): Promise<string | null> {
  const r = await db('app.outbox as o')
    .leftJoin('app.matters as m', 'm.id', 'o.matter_id')
    .where('o.id', outboxId)
    .whereIn('o.recipient_kind', ['unit', 'court'])
    .whereIn('o.template', [...LETTER_TEMPLATES])
    .first('m.region_path', 'o.id');
  return r ? (r.region_path ?? '/') : null;
}

/**
 * Gives a letter whose document was given up on fresh tries (the next document round makes it). One
 * guarded UPDATE: true when it changed the row, false when the letter was not given up on (made since,
 * or already put back by a concurrent retry — the row lock makes the second see the first's change).
 */
export async function retryDocument(db: Db, outboxId: string): Promise<boolean> {
  const n = await givenUp(db).where('o.id', outboxId).update({ document_attempts: 0, document_error: null });
  return n === 1;
}

/** A letter that will have no document (no matter to write about): not looked at again. */
export async function markDocumented(db: Db, outboxId: string, at: Date): Promise<void> {
  await db('app.outbox').where({ id: outboxId }).update({ documented_at: at });
}

/**
 * Makes a document once: for an outbox row (`outboxId`) or for a matter and kind (receipt, agreement).
 * Under the lock, an existing document is returned as it is; otherwise the next number of
 * (`year`, `counter`) is taken and `make(seq)` renders the document with it. Returns the document and
 * whether it was made now.
 */
export async function makeOnce(
  db: Db,
  key: { matterId: string; kind: string; outboxId?: string },
  numbering: { year: number; counter: string; format: (seq: number) => string },
  at: Date,
  make: (docNumber: string) => Promise<Made>,
): Promise<{ doc: DocumentMeta; made: boolean }> {
  return db.transaction(async (trx) => {
    if (key.outboxId) await trx('app.outbox').where({ id: key.outboxId }).forUpdate().first('id');
    else await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`document:${key.matterId}:${key.kind}`]);
    const found = key.outboxId
      ? await trx('app.documents').where({ outbox_id: key.outboxId }).first(META)
      : await trx('app.documents')
          .where({ matter_id: key.matterId, kind: key.kind })
          .whereNull('outbox_id')
          .first(META);
    if (found) return { doc: toMeta(found), made: false };
    const { rows } = await trx.raw(
      `INSERT INTO app.document_counters AS c (year, kind, last) VALUES (?, ?, 1)
       ON CONFLICT (year, kind) DO UPDATE SET last = c.last + 1
       RETURNING last`,
      [numbering.year, numbering.counter],
    );
    const docNumber = numbering.format(rows[0].last as number);
    const m = await make(docNumber);
    const [row] = await trx('app.documents')
      .insert({
        matter_id: key.matterId,
        outbox_id: key.outboxId ?? null,
        kind: key.kind,
        doc_number: docNumber,
        title: m.title,
        addressee: m.addressee,
        pdf: m.pdf,
        sha256: createHash('sha256').update(m.pdf).digest('hex'),
        created_at: at,
      })
      .returning(META);
    if (key.outboxId) await trx('app.outbox').where({ id: key.outboxId }).update({ documented_at: at });
    return { doc: toMeta(row), made: true };
  });
}

export async function documentsOfMatter(db: Db, matterId: string): Promise<DocumentMeta[]> {
  return (await db('app.documents').where({ matter_id: matterId }).orderBy('id').select(META)).map(toMeta);
}

export async function documentById(db: Db, id: string): Promise<StoredDocument | null> {
  const r = await db('app.documents')
    .where({ id })
    .first([...META, 'pdf']);
  return r ? { ...toMeta(r), pdf: r.pdf } : null;
}
