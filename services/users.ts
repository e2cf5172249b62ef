// User administration: administrators create staff accounts, change their roles, unit and region,
// deactivate and reactivate them and reset their passwords, all within their own jurisdiction and
// each change audited in the same transaction. Centre supervisors may read. Nobody locks themselves
// out (no removing one's own administrator role, no deactivating oneself). Passwords are hashed
// (argon2) at once: never stored, logged or audited in clear; a generated one is returned once.
import { randomInt } from 'node:crypto';
import type { Db } from '../platform/db.js';
import { hashPassword } from '../platform/passwords.js';
import { parseUnit, passwordProblem, type Role } from '../domain/index.js';
import {
  accountById,
  insertAccount,
  listAccounts,
  setPasswordHash,
  updateAccount,
  type Account,
  type AccountChange,
} from '../store/accounts.js';
import { regionPath } from '../store/regions.js';
import { audit } from '../store/audit.js';
import { ApiError } from './errors.js';

/** Who acts: the signed-in user's id, roles and jurisdiction (a region path prefix). */
export interface Actor {
  sub: string;
  roles: readonly string[];
  regionPath: string;
}

/** The actor and the time the audit log records (the application's clock). */
export interface By {
  actor: Actor;
  at: Date;
}

function refuse(field: string, message: string): never {
  throw new ApiError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
}

const within = (actor: Actor, path: string) => path.startsWith(actor.regionPath);

const notFound = (id: string) => new ApiError('NOT_FOUND', `用户 '${id}' 不存在或不在您的辖区内 (user not found)`);

/** The region's path; 400 when unknown, 403 when outside the actor's jurisdiction. */
async function regionInJurisdiction(db: Db, actor: Actor, code: string, field: string): Promise<string> {
  const path = await regionPath(db, code);
  if (!path) refuse(field, `未知的区域 '${code}'（unknown region）`);
  if (!within(actor, path)) {
    const message = `区域 '${code}' 不在您的辖区内（outside your jurisdiction）`;
    throw new ApiError('OUT_OF_JURISDICTION', `${field}: ${message}`, [{ field, message }]);
  }
  return path;
}

/** A unit '<region>/<department>' whose region lies in the user's region subtree and is known. */
async function checkUnit(db: Db, unit: string, user: { regionCode: string; path: string }, field: string) {
  const { parts, problem } = parseUnit(unit);
  if (!parts) return refuse(field, problem);
  const path = await regionPath(db, parts.regionCode);
  if (!path) refuse(field, `单位的区域 '${parts.regionCode}' 未知（unknown region）`);
  if (!path.startsWith(user.path))
    refuse(
      field,
      `单位 '${unit}' 不在该用户的区域 '${user.regionCode}' 之内（the unit's region must lie within the user's region）`,
    );
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters from an alphabet without look-alikes, in groups of four: about 92 bits. */
export function generatePassword(userId: string): string {
  for (;;) {
    const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const password = [group(), group(), group(), group()].join('-');
    if (/[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password) && !passwordProblem(password, userId))
      return password;
  }
}

/** 400 naming `password` when a chosen password is too weak (the reason never repeats it). */
function checkChosen(userId: string, chosen: string): void {
  const problem = passwordProblem(chosen, userId);
  if (problem) refuse('password', problem);
}

/** The chosen password's hash (400 naming `password` when too weak), or a generated one's. */
async function newPassword(userId: string, chosen: string | undefined) {
  if (chosen !== undefined) checkChosen(userId, chosen);
  const generated = chosen === undefined ? generatePassword(userId) : null;
  return { hash: await hashPassword(chosen ?? generated!), generated };
}

export interface ListQuery {
  region?: string;
  search?: string;
  unit?: string;
  role?: Role;
  active?: boolean;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, actor: Actor, q: ListQuery): Promise<{ items: Account[]; total: number }> {
  const path = q.region ? await regionInJurisdiction(db, actor, q.region, 'region') : actor.regionPath;
  return listAccounts(db, { ...q, regionPath: path });
}

/** One user of the actor's jurisdiction; 404 for anyone else (outside looks absent). */
export async function getUser(db: Db, actor: Actor, id: string): Promise<Account> {
  const a = await accountById(db, id);
  if (!a || !within(actor, a.regionPath)) throw notFound(id);
  return a;
}

export interface NewUser {
  id: string;
  displayName: string;
  roles: Role[];
  regionCode: string;
  unit?: string | null;
  password?: string;
}

/** Creates the user; 409 ALREADY_EXISTS when the id is taken (also by a concurrent create). */
export async function createUser(db: Db, by: By, u: NewUser): Promise<{ user: Account; password: string | null }> {
  const path = await regionInJurisdiction(db, by.actor, u.regionCode, 'regionCode');
  if (u.unit) await checkUnit(db, u.unit, { regionCode: u.regionCode, path }, 'unit');
  const pw = await newPassword(u.id, u.password);
  const user = await db.transaction(async (tx) => {
    const created = await insertAccount(tx, {
      id: u.id,
      displayName: u.displayName,
      passwordHash: pw.hash,
      roles: u.roles,
      regionCode: u.regionCode,
      unit: u.unit ?? null,
      // The wall clock, as session tokens' iat is: sessions begun before it end.
      passwordSetAt: new Date(),
    });
    if (!created)
      throw new ApiError('ALREADY_EXISTS', `用户 '${u.id}' 已存在（user id taken）`, [
        { field: 'id', message: 'already exists' },
      ]);
    await audit(tx, {
      actor: by.actor.sub,
      action: 'user.create',
      targetKind: 'user',
      targetId: u.id,
      at: by.at,
      details: {
        displayName: u.displayName,
        roles: u.roles,
        regionCode: u.regionCode,
        unit: u.unit ?? null,
        passwordGenerated: pw.generated !== null,
      },
    });
    return (await accountById(tx, u.id))!;
  });
  return { user, password: pw.generated };
}

export type UserChange = Pick<AccountChange, 'displayName' | 'roles' | 'regionCode' | 'unit'>;

const sameRoles = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Changes display name, roles, region and unit. A unit must lie within the user's (new) region; the
 * actor may not take their own administrator role away. `changed` is false when nothing differed
 * (then nothing is written or audited).
 */
export async function changeUser(
  db: Db,
  by: By,
  id: string,
  c: UserChange,
): Promise<{ user: Account; changed: boolean }> {
  if (id === by.actor.sub && c.roles && !c.roles.includes('administrator'))
    throw new ApiError(
      'FORBIDDEN',
      '不能移除自己的管理员角色：请另一位管理员操作（you cannot remove your own administrator role; ask another' +
        ' administrator）',
    );
  return db.transaction(async (tx) => {
    const before = await accountById(tx, id, { forUpdate: true });
    if (!before || !within(by.actor, before.regionPath)) throw notFound(id);
    const regionCode = c.regionCode ?? before.regionCode;
    const path =
      c.regionCode !== undefined && c.regionCode !== before.regionCode
        ? await regionInJurisdiction(tx, by.actor, c.regionCode, 'regionCode')
        : before.regionPath;
    const unit = c.unit !== undefined ? c.unit : before.unit;
    if (unit && (unit !== before.unit || path !== before.regionPath)) {
      // Moving a user to another region keeps their unit only when it lies within the new region.
      const field = c.unit !== undefined ? 'unit' : 'regionCode';
      await checkUnit(tx, unit, { regionCode, path }, field);
    }
    const diff: AccountChange = {};
    if (c.displayName !== undefined && c.displayName !== before.displayName) diff.displayName = c.displayName;
    if (c.roles && !sameRoles(c.roles, before.roles)) diff.roles = [...new Set(c.roles)];
    if (regionCode !== before.regionCode) diff.regionCode = regionCode;
    if (unit !== before.unit) diff.unit = unit;
    const fields = Object.keys(diff) as (keyof AccountChange)[];
    if (!fields.length) return { user: before, changed: false };
    await updateAccount(tx, id, diff);
    await audit(tx, {
      actor: by.actor.sub,
      action: 'user.change',
      targetKind: 'user',
      targetId: id,
      at: by.at,
      details: { before: Object.fromEntries(fields.map((f) => [f, before[f]])), after: diff },
    });
    return { user: (await accountById(tx, id))!, changed: true };
  });
}

/** Deactivates or reactivates; the actor may not deactivate themselves. Idempotent. */
export async function setUserActive(
  db: Db,
  by: By,
  id: string,
  active: boolean,
): Promise<{ user: Account; changed: boolean }> {
  if (id === by.actor.sub && !active)
    throw new ApiError(
      'FORBIDDEN',
      '不能停用自己的账号：请另一位管理员操作（you cannot deactivate yourself; ask another administrator）',
    );
  return db.transaction(async (tx) => {
    const before = await accountById(tx, id, { forUpdate: true });
    if (!before || !within(by.actor, before.regionPath)) throw notFound(id);
    if (before.active === active) return { user: before, changed: false };
    await updateAccount(tx, id, { active });
    await audit(tx, {
      actor: by.actor.sub,
      action: active ? 'user.reactivate' : 'user.deactivate',
      targetKind: 'user',
      targetId: id,
      at: by.at,
      details: { active },
    });
    return { user: (await accountById(tx, id))!, changed: true };
  });
}

/**
 * Sets a new password: the one given (if strong enough) or a generated one, returned once. Sessions
 * the user began before it end. The audit entry says that it happened, never the password.
 */
export async function resetPassword(
  db: Db,
  by: By,
  id: string,
  chosen: string | undefined,
): Promise<{ user: Account; password: string | null }> {
  if (chosen !== undefined) checkChosen(id, chosen);
  await getUser(db, by.actor, id); // 404 before hashing; checked again under the row's lock
  const pw = await newPassword(id, chosen);
  const user = await db.transaction(async (tx) => {
    const before = await accountById(tx, id, { forUpdate: true });
    if (!before || !within(by.actor, before.regionPath)) throw notFound(id);
    await setPasswordHash(tx, id, pw.hash, new Date());
    await audit(tx, {
      actor: by.actor.sub,
      action: 'user.reset-password',
      targetKind: 'user',
      targetId: id,
      at: by.at,
      details: { passwordGenerated: pw.generated !== null },
    });
    return (await accountById(tx, id))!;
  });
  return { user, password: pw.generated };
}
