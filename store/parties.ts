// The parties of a matter. ID numbers and phones arrive here already sealed by the Vault: this module
// never sees them in clear.
import type { Db } from '../platform/db.js';

export interface SealedParty {
  role: string;
  name: string;
  idNumberEnc: string | null;
  idNumberMac: string | null;
  phoneEnc: string | null;
  phoneMac: string | null;
}

export async function insertParties(db: Db, matterId: string, parties: SealedParty[]): Promise<void> {
  if (!parties.length) return;
  await db('app.parties').insert(
    parties.map((p) => ({
      matter_id: matterId,
      role: p.role,
      name: p.name,
      id_number_enc: p.idNumberEnc,
      id_number_mac: p.idNumberMac,
      phone_enc: p.phoneEnc,
      phone_mac: p.phoneMac,
    })),
  );
}

export async function partiesOf(db: Db, matterId: string): Promise<SealedParty[]> {
  const rows = await db('app.parties').where({ matter_id: matterId }).orderBy('id');
  return rows.map((r) => ({
    role: r.role,
    name: r.name,
    idNumberEnc: r.id_number_enc,
    idNumberMac: r.id_number_mac,
    phoneEnc: r.phone_enc,
    phoneMac: r.phone_mac,
  }));
}

/** Open matters (other than `exceptId`) with a party having one of these keyed hashes. */
/** A hint, not a list: the most recent open matters of the same person (at most DUPLICATE_HINTS). */
export const DUPLICATE_HINTS = 10;

export async function openMattersWithParty(db: Db, macs: string[], exceptId?: string): Promise<string[]> {
  if (!macs.length) return [];
  const rows = await db('app.parties as p')
    .join('app.matters as m', 'm.id', 'p.matter_id')
    .where((q) => q.whereIn('p.id_number_mac', macs).orWhereIn('p.phone_mac', macs))
    .whereNot('m.status', 'closed')
    .modify((q) => {
      if (exceptId) q.whereNot('m.id', exceptId);
    })
    .distinct('m.id')
    .orderBy('m.id', 'desc')
    .limit(DUPLICATE_HINTS);
  return rows.map((r) => String(r.id)).reverse();
}
