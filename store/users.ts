// Staff accounts: roles and a jurisdiction (a region subtree).
import { likePrefix, type Db } from '../platform/db.js';

export interface User {
  id: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionPath: string;
  unit: string | null;
  active: boolean;
  /** When user administration last set the password (sessions begun before it end); null if never. */
  passwordSetAt?: Date | null;
}

export async function upsertUser(
  db: Db,
  u: {
    id: string;
    displayName: string;
    passwordHash: string;
    roles: string[];
    regionCode: string;
    unit?: string | null;
  },
): Promise<void> {
  await db('app.users')
    .insert({
      id: u.id,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      roles: u.roles,
      region_code: u.regionCode,
      unit: u.unit ?? null,
    })
    .onConflict('id')
    .merge();
}

export async function userWithHash(db: Db, id: string): Promise<(User & { passwordHash: string }) | undefined> {
  const r = await db('app.users as u')
    .join('app.regions as r', 'r.code', 'u.region_code')
    .where('u.id', id)
    .first(
      'u.id',
      'u.display_name',
      'u.password_hash',
      'u.roles',
      'u.region_code',
      'r.path',
      'u.unit',
      'u.active',
      'u.password_set_at',
    );
  return (
    r && {
      id: r.id,
      displayName: r.display_name,
      passwordHash: r.password_hash,
      roles: r.roles,
      regionCode: r.region_code,
      regionPath: r.path,
      unit: r.unit,
      active: r.active,
      passwordSetAt: r.password_set_at ?? null,
    }
  );
}

export async function userExists(db: Db, id: string, opts: { activeOnly?: boolean } = {}): Promise<boolean> {
  const q = db('app.users').where({ id });
  if (opts.activeOnly) q.where({ active: true });
  return !!(await q.first('id'));
}

/** Active members of a unit queue, for the assignment picker (no personal data beyond the name). */
export async function unitMembers(
  db: Db,
  unit: string,
): Promise<{ id: string; displayName: string; roles: string[] }[]> {
  const rows = await db('app.users').where({ unit, active: true }).orderBy('id').select('id', 'display_name', 'roles');
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: r.roles }));
}

/** The units staff belong to within a region subtree (`pathPrefix` as regions.path gives it). */
export async function staffedUnits(db: Db, pathPrefix: string): Promise<string[]> {
  const rows = await db('app.users as u')
    .join('app.regions as r', 'r.code', 'u.region_code')
    .whereNotNull('u.unit')
    .andWhere('u.active', true)
    .andWhere('r.path', 'like', likePrefix(pathPrefix))
    .distinct('u.unit')
    .orderBy('u.unit');
  return rows.map((r) => r.unit as string);
}
