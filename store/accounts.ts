// Staff accounts as user administration sees them: listed and read within a region subtree, created,
// changed. Never selects the password hash (store/users.ts reads it for sign-in only).
import type { Db } from '../platform/db.js';
import { escapeLike, likePrefix } from '../platform/db.js';

export interface Account {
  id: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionPath: string;
  unit: string | null;
  active: boolean;
  createdAt: Date;
  passwordSetAt: Date | null;
}

export interface AccountFilter {
  /** The region subtree the accounts' regions lie in. */
  regionPath: string;
  /** Text in the id or the display name (case-insensitive). */
  search?: string;
  unit?: string;
  role?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

const COLUMNS = [
  'u.id',
  'u.display_name',
  'u.roles',
  'u.region_code',
  'r.path',
  'u.unit',
  'u.active',
  'u.created_at',
  'u.password_set_at',
];

type Row = Record<string, unknown> & { path: string };

const toAccount = (r: Row): Account => ({
  id: r.id as string,
  displayName: r.display_name as string,
  roles: r.roles as string[],
  regionCode: r.region_code as string,
  regionPath: r.path,
  unit: (r.unit as string | null) ?? null,
  active: r.active as boolean,
  createdAt: r.created_at as Date,
  passwordSetAt: (r.password_set_at as Date | null) ?? null,
});

const accounts = (db: Db) => db('app.users as u').join('app.regions as r', 'r.code', 'u.region_code');

/** Accounts whose region lies in the subtree, by id. */
export async function listAccounts(db: Db, f: AccountFilter): Promise<{ items: Account[]; total: number }> {
  const q = accounts(db).where('r.path', 'like', likePrefix(f.regionPath));
  const text = f.search?.trim();
  if (text)
    q.where((w) =>
      w.whereILike('u.id', `%${escapeLike(text)}%`).orWhereILike('u.display_name', `%${escapeLike(text)}%`),
    );
  if (f.unit) q.where('u.unit', f.unit);
  if (f.role) q.whereRaw('? = ANY (u.roles)', [f.role]);
  if (f.active !== undefined) q.where('u.active', f.active);
  const [{ n }] = await q.clone().count({ n: '*' });
  const rows = await q
    .orderBy('u.id')
    .limit(f.limit)
    .offset(f.offset)
    .select(...COLUMNS);
  return { items: rows.map(toAccount), total: Number(n) };
}

/** One account; `forUpdate` holds its row until the transaction ends (changes to one user queue up). */
export async function accountById(
  db: Db,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Account | undefined> {
  const q = accounts(db).where('u.id', id);
  if (opts.forUpdate) q.forUpdate('u');
  const r = await q.first(...COLUMNS);
  return r ? toAccount(r) : undefined;
}

export interface NewAccount {
  id: string;
  displayName: string;
  passwordHash: string;
  roles: string[];
  regionCode: string;
  unit: string | null;
  passwordSetAt: Date;
}

/** Adds the account unless its id is taken (then false: nothing written). */
export async function insertAccount(db: Db, a: NewAccount): Promise<boolean> {
  const rows = await db('app.users')
    .insert({
      id: a.id,
      display_name: a.displayName,
      password_hash: a.passwordHash,
      roles: a.roles,
      region_code: a.regionCode,
      unit: a.unit,
      password_set_at: a.passwordSetAt,
    })
    .onConflict('id')
    .ignore()
    .returning('id');
  return rows.length === 1;
}

export interface AccountChange {
  displayName?: string;
  roles?: string[];
  regionCode?: string;
  unit?: string | null;
  active?: boolean;
}

export async function updateAccount(db: Db, id: string, c: AccountChange): Promise<void> {
  const row: Record<string, unknown> = {};
  if (c.displayName !== undefined) row.display_name = c.displayName;
  if (c.roles !== undefined) row.roles = c.roles;
  if (c.regionCode !== undefined) row.region_code = c.regionCode;
  if (c.unit !== undefined) row.unit = c.unit;
  if (c.active !== undefined) row.active = c.active;
  if (Object.keys(row).length) await db('app.users').where({ id }).update(row);
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string, at: Date): Promise<void> {
  await db('app.users').where({ id }).update({ password_hash: passwordHash, password_set_at: at });
}
