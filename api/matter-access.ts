// Who reads a matter (domain/roles.ts), and the jurisdiction rule every matter route applies: a matter outside the
// caller's region subtree answers 404 exactly like an absent one, so nothing is learnt about other regions.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../platform/db.js';
import { matterById, type Matter } from '../store/matters.js';
import { notFound } from './errors.js';
import { inJurisdiction } from './auth.js';

export { DOCUMENT_READERS, MATTER_READERS } from '../domain/index.js';

/** The matter if it exists and lies in the caller's jurisdiction; else 404. */
export async function visibleMatter(db: Db, req: FastifyRequest, id: string): Promise<Matter> {
  const m = await matterById(db, id);
  if (!m || !inJurisdiction(req.user, m.regionPath)) throw notFound(`matter ${id}`);
  return m;
}
