// Staff accounts: roles and a jurisdiction (a region subtree).
import type { Db } from '../platform/db.js';

export interface User {
  id: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionPath: string;
  unit: string | null;
  active: boolean;
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
    .first('u.id', 'u.display_name', 'u.password_hash', 'u.roles', 'u.region_code', 'r.path', 'u.unit', 'u.active');
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
    }
  );
}

export async function userExists(db: Db, id: string, opts: { activeOnly?: boolean } = {}): Promise<boolean> {
  const q = db('app.users').where({ id });
  if (opts.activeOnly) q.where({ active: true });
  return !!(await q.first('id'));
}
