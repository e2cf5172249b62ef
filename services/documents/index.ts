// Official documents (issue 15): the supervision letters made by the sender for each letter it
// delivers, the receipt made on first request; each stored with its number and served as it was made.
// See README.md beside this file.
import type { Logger } from 'pino';
import type { Db } from '../../platform/db.js';
import { RegionTree, type Tier } from '../../domain/index.js';
import { eventsOf, matterById, type Matter } from '../../store/matters.js';
import { partiesOf } from '../../store/parties.js';
import { loadRegions } from '../../store/regions.js';
import {
  documentFailed,
  documentsOfMatter,
  makeOnce,
  markDocumented,
  undocumentedLetters,
  type DocumentMeta,
} from '../../store/documents.js';
import { routingOf } from '../intake.js';
import {
  agreementDoc,
  chinaYear,
  counterOf,
  DOCUMENT_LABELS,
  formatDocNumber,
  letterDoc,
  receiptDoc,
} from './content.js';
import { renderPdf } from './render.js';

export { DOCUMENT_LABELS, formatDocNumber } from './content.js';

export interface DocumentDeps {
  db: Db;
  clock: () => Date;
  log?: Logger;
  /** Loaded from the database when absent (the sender has no tree of its own). */
  regions?: RegionTree;
}

const numbering = (kind: string, at: Date) => {
  const year = chinaYear(at);
  return { year, counter: counterOf(kind), format: (seq: number) => formatDocNumber(kind, year, seq) };
};

/**
 * Makes the documents of delivered letters that have none yet, `limit` at a time; returns how many were
 * made. Idempotent: each outbox row has at most one document, whoever runs this and however often. A
 * letter that cannot be made now (a rendering failure) is logged and tried again next round, up to
 * MAX_DOCUMENT_ATTEMPTS tries; the last error stays on its outbox row.
 */
export async function makeLetterDocuments(deps: DocumentDeps, limit = 20): Promise<number> {
  const rows = await undocumentedLetters(deps.db, limit);
  if (!rows.length) return 0;
  const regions = deps.regions ?? new RegionTree(await loadRegions(deps.db));
  let made = 0;
  for (const row of rows) {
    const m = row.matterId ? await matterById(deps.db, row.matterId) : null;
    const at = deps.clock();
    if (!m) {
      await markDocumented(deps.db, row.id, at);
      continue;
    }
    try {
      const r = await makeOnce(
        deps.db,
        { matterId: m.id, kind: row.template, outboxId: row.id },
        numbering(row.template, at),
        at,
        async (docNumber) => {
          const doc = letterDoc(row.template, m, row.recipient, row.payload, regions, docNumber, at);
          return { title: doc.title, addressee: doc.addressee?.name ?? null, pdf: await renderPdf(doc) };
        },
      );
      if (r.made) made++;
    } catch (err) {
      // Tried again next round, MAX_DOCUMENT_ATTEMPTS times in all (a template that cannot render stays broken).
      await documentFailed(deps.db, row.id, (err as Error).message);
      deps.log?.warn({ outbox: row.id, err: (err as Error).message }, 'document not made; trying again later');
    }
  }
  return made;
}

/** The matter's receipt as a stored document: made (numbered, rendered) on the first request. */
export async function receiptDocument(
  deps: DocumentDeps & { regions: RegionTree },
  m: Matter,
  trackingUrl: string,
): Promise<DocumentMeta> {
  const at = deps.clock();
  // Right after intake the process may not have routed it yet: the same rule says where it goes.
  const routing = routingOf(m, deps.regions);
  const where = {
    unit: m.handlingUnit ?? routing?.unit ?? null,
    tier: ((m.handlingUnit ? m.tier : routing?.tier) as Tier | null | undefined) ?? null,
    online: routing?.online ?? false,
    trackingUrl,
  };
  const r = await makeOnce(deps.db, { matterId: m.id, kind: 'receipt' }, numbering('receipt', at), at, async (n) => {
    const doc = receiptDoc(m, where, deps.regions, n, at);
    return { title: doc.title, addressee: null, pdf: await renderPdf(doc) };
  });
  return r.doc;
}

/**
 * The matter's mediation agreement (调解协议书), made on the first request from its latest
 * `mediation-agreed` event; null when no mediation of the matter has reached an agreement.
 */
export async function agreementDocument(
  deps: DocumentDeps & { regions: RegionTree },
  m: Matter,
): Promise<DocumentMeta | null> {
  const agreed = (await eventsOf(deps.db, m.id)).filter((e) => e.type === 'mediation-agreed').pop();
  if (!agreed) return null;
  // Names and roles only: the sealed ID numbers and phones are never opened for a document.
  const parties = (await partiesOf(deps.db, m.id)).map((p) => ({ role: p.role, name: p.name }));
  const facts = {
    at: agreed.occurredAt,
    unit: agreed.unit,
    summary: typeof agreed.data.agreementSummary === 'string' ? agreed.data.agreementSummary : null,
    parties,
  };
  const at = deps.clock();
  const kind = 'mediation-agreement';
  const r = await makeOnce(deps.db, { matterId: m.id, kind }, numbering(kind, agreed.occurredAt), at, async (n) => {
    const doc = agreementDoc(m, facts, deps.regions, n);
    return { title: doc.title, addressee: null, pdf: await renderPdf(doc) };
  });
  return r.doc;
}

export interface DocumentListItem extends DocumentMeta {
  kindLabel: { zh: string; en: string };
}

export async function documentList(db: Db, matterId: string): Promise<DocumentListItem[]> {
  return (await documentsOfMatter(db, matterId)).map((d) => ({
    ...d,
    kindLabel: DOCUMENT_LABELS[d.kind] ?? { zh: d.kind, en: d.kind },
  }));
}

/** The file name a download is saved under: 〔2026〕综治提字第0007号 工作提示函.pdf. */
export function fileNameOf(d: Pick<DocumentMeta, 'docNumber' | 'title'>): string {
  return `${d.docNumber} ${d.title}.pdf`.replace(/[\\/:*?"<>|]/g, '_');
}
