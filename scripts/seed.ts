// The demo region, its mediators and one staff account per role. `npm start` runs it (idempotent);
// passwords are generated on first seed, kept in .data/demo-users.json (git-ignored) and printed.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CATEGORIES,
  DEMO_REGIONS,
  DEMO_MEDIATORS,
  DEPARTMENTS,
  MATTER_TYPES,
  RegionTree,
  route,
} from '../domain/index.js';
import type { Mediator, Region } from '../domain/index.js';
import { upsertRegions } from '../store/regions.js';
import { upsertMediators } from '../store/mediators.js';
import { upsertUser, userExists } from '../store/users.js';
import { hashPassword } from '../platform/passwords.js';
import type { Role } from '../domain/index.js';
import { PROJECT_ROOT } from '../platform/database.js';

type DemoUser = { id: string; displayName: string; roles: Role[]; regionCode: string; unit?: string };

export const DEMO_USERS: DemoUser[] = [
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
  {
    id: 'leader',
    displayName: '明江区委书记 刘洋',
    roles: ['leader'],
    regionCode: 'demo-county-a',
    unit: 'demo-county-a/county-party-committee',
  },
];

/**
 * The demo's staff beyond one account per role, so every task the flow creates has someone who can
 * take it: at every city and county one account per department and committee (routing, joint
 * mediation, urgent protection and non-litigation routes reach any of them there, stationed or
 * online) and per leadership unit (the party committee and its peace office, who receive the
 * supervision items of red and orange matters, and the county leader who takes cases: role 'leader'),
 * at towns and villages one per stationed unit, the 综治中心 of every city, county and town,
 * and one per individual mediator of the registry. Ids read as the unit:
 * 'demo-town-a1.people-mediation-committee'; mediators keep their registry id.
 */
export function demoStaff(regions: Region[] = DEMO_REGIONS, mediators: Mediator[] = DEMO_MEDIATORS): DemoUser[] {
  const byCode = new Map(DEPARTMENTS.map((d) => [d.code as string, d]));
  const routed = routedUnits(regions);
  const out: DemoUser[] = [];
  for (const r of regions) {
    const codes = new Set<string>([...r.departments.map((d) => d.department), ...(routed.get(r.code) ?? [])]);
    if (r.tier === 'city' || r.tier === 'county') for (const d of DEPARTMENTS) codes.add(d.code);
    if (r.tier === 'town' || r.tier === 'village') codes.add('people-mediation-committee');
    if (r.tier === 'city' || r.tier === 'county' || r.tier === 'town') codes.add('centre');
    for (const code of codes) {
      const d = byCode.get(code);
      out.push({
        id: `${r.code}.${code}`,
        displayName: `${r.name}${d ? d.zh : '综治中心'}`,
        roles: d?.kind === 'committee' ? ['mediator'] : d?.kind === 'leadership' ? ['leader'] : ['department-handler'],
        regionCode: r.code,
        unit: `${r.code}/${code}`,
      });
    }
  }
  for (const m of mediators.filter((x) => x.kind === 'individual'))
    out.push({
      id: m.id,
      displayName: `调解员 ${m.name}`,
      roles: ['mediator'],
      regionCode: m.regionCode,
      unit: `${m.regionCode}/people-mediation-committee`,
    });
  return out;
}

/** Region → the units the routing table sends new matters to there, over every type, category and risk. */
function routedUnits(regions: Region[]): Map<string, Set<string>> {
  const tree = new RegionTree(regions);
  const out = new Map<string, Set<string>>();
  for (const r of regions)
    for (const matterType of MATTER_TYPES)
      for (const category of [undefined, ...CATEGORIES.map((c) => c.code)])
        for (const risk of ['green', 'orange', 'red'] as const) {
          try {
            const d = route({ matterType, category, regionCode: r.code, risk }, tree);
            const set = out.get(d.regionCode) ?? new Set<string>();
            set.add(d.committee ?? d.department);
            out.set(d.regionCode, set);
          } catch {
            // a combination the table refuses lands nowhere
          }
        }
  return out;
}

/** The demo accounts still present and active (production mode refuses to start with them). */
export async function demoUsersPresent(db: Knex): Promise<string[]> {
  const present: string[] = [];
  for (const u of [...DEMO_USERS, ...demoStaff()])
    if (await userExists(db, u.id, { activeOnly: true })) present.push(u.id);
  return present;
}

/** The key under which the demo users file keeps the staff accounts' shared password. */
export const STAFF_PASSWORD_KEY = '(unit and mediator accounts)';

export async function seedDemo(
  db: Knex,
  file = path.join(PROJECT_ROOT, '.data', 'demo-users.json'),
): Promise<{ id: string; roles: string[]; regionCode: string; password: string | null }[]> {
  await upsertRegions(db, DEMO_REGIONS);
  const known: Record<string, string> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const out = [];
  for (const u of DEMO_USERS) {
    if (!(await userExists(db, u.id))) {
      known[u.id] = randomBytes(6).toString('base64url');
      await upsertUser(db, { ...u, passwordHash: await hashPassword(known[u.id]) });
    }
    out.push({ id: u.id, roles: u.roles, regionCode: u.regionCode, password: known[u.id] ?? null });
  }
  // The staff accounts share one password (one hash: argon2 takes a while, and there are a hundred).
  const staff = demoStaff();
  let staffHash: string | undefined;
  for (const u of staff) {
    if (await userExists(db, u.id)) continue;
    if (!staffHash) {
      known[STAFF_PASSWORD_KEY] ??= randomBytes(6).toString('base64url');
      staffHash = await hashPassword(known[STAFF_PASSWORD_KEY]);
    }
    await upsertUser(db, { ...u, passwordHash: staffHash });
  }
  // Registry entries get their logins after the users exist (the link is a foreign key).
  const logins = new Set(staff.map((u) => u.id));
  await upsertMediators(
    db,
    DEMO_MEDIATORS.map((m) => (logins.has(m.id) ? { ...m, userId: m.id } : m)),
  );
  out.push({
    id: `${staff.length} unit and mediator accounts, e.g. ${staff[0]?.id}, ${staff.at(-1)?.id}`,
    roles: [],
    regionCode: '',
    password: known[STAFF_PASSWORD_KEY] ?? null,
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(known, null, 2), { mode: 0o600 });
  return out;
}
