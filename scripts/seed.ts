// The demo region, its mediators and one staff account per role. `npm start` runs it (idempotent);
// passwords are generated on first seed, kept in .data/demo-users.json (git-ignored) and printed.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { DEMO_REGIONS, DEMO_MEDIATORS } from '../domain/index.js';
import { upsertRegions } from '../store/regions.js';
import { upsertMediators } from '../store/mediators.js';
import { upsertUser, userExists } from '../store/users.js';
import { hashPassword } from '../platform/passwords.js';
import type { Role } from '../domain/index.js';
import { PROJECT_ROOT } from '../platform/database.js';

export const DEMO_USERS: { id: string; displayName: string; roles: Role[]; regionCode: string; unit?: string }[] = [
  { id: 'clerk', displayName: '窗口受理员 李敏', roles: ['window-clerk'], regionCode: 'demo-county-a' },
  {
    id: 'mediator',
    displayName: '调解员 王建国',
    roles: ['mediator'],
    regionCode: 'demo-town-a1',
    unit: 'demo-town-a1/people-mediation-committee',
  },
  {
    id: 'handler',
    displayName: '部门办理人 陈静',
    roles: ['department-handler'],
    regionCode: 'demo-county-a',
    unit: 'demo-county-a/market-regulation',
  },
  { id: 'supervisor', displayName: '中心督办 赵强', roles: ['centre-supervisor'], regionCode: 'demo-city' },
  { id: 'admin', displayName: '系统管理员', roles: ['administrator'], regionCode: 'demo-city' },
  { id: 'designer', displayName: '流程设计员', roles: ['process-designer'], regionCode: 'demo-city' },
  { id: 'auditor', displayName: '审计员', roles: ['auditor'], regionCode: 'demo-city' },
];

/** The demo accounts still present and active (production mode refuses to start with them). */
export async function demoUsersPresent(db: Knex): Promise<string[]> {
  const present: string[] = [];
  for (const u of DEMO_USERS) if (await userExists(db, u.id, { activeOnly: true })) present.push(u.id);
  return present;
}

export async function seedDemo(
  db: Knex,
  file = path.join(PROJECT_ROOT, '.data', 'demo-users.json'),
): Promise<{ id: string; roles: string[]; regionCode: string; password: string | null }[]> {
  await upsertRegions(db, DEMO_REGIONS);
  await upsertMediators(db, DEMO_MEDIATORS);
  const known: Record<string, string> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const out = [];
  for (const u of DEMO_USERS) {
    if (!(await userExists(db, u.id))) {
      known[u.id] = randomBytes(6).toString('base64url');
      await upsertUser(db, { ...u, passwordHash: await hashPassword(known[u.id]) });
    }
    out.push({ id: u.id, roles: u.roles, regionCode: u.regionCode, password: known[u.id] ?? null });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(known, null, 2), { mode: 0o600 });
  return out;
}
