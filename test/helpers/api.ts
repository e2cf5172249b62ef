// The API over a whole scenario system (engine, workers, models), with one logged-in user per role.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { scenario, type Scenario } from './scenario.js';
import { buildApp } from '../../api/app.js';
import { Vault } from '../../platform/privacy.js';
import { loadVariantMap, deployModels } from '../../services/processes.js';
import { startTaskFeed, recordForms } from '../../services/task-feed.js';
import { eventually } from './engine.js';
import { fromZeebeClient } from '../../engine-client/index.js';
import { upsertUser } from '../../store/users.js';
import { hashPassword, type Role } from '../../api/auth.js';
import { createLogger, type Logger } from '../../platform/logger.js';

interface TapLike {
  teardown(fn: () => unknown): void;
  passing(): boolean;
}

export const TEST_USERS: { id: string; roles: Role[]; regionCode: string; unit?: string }[] = [
  { id: 'clerk', roles: ['window-clerk'], regionCode: 'demo-county-a' },
  { id: 'island-clerk', roles: ['window-clerk'], regionCode: 'demo-island-county' },
  { id: 'mediator', roles: ['mediator'], regionCode: 'demo-town-a1', unit: 'demo-town-a1/people-mediation-committee' },
  {
    id: 'handler',
    roles: ['department-handler'],
    regionCode: 'demo-county-a',
    unit: 'demo-county-a/market-regulation',
  },
  { id: 'supervisor', roles: ['centre-supervisor'], regionCode: 'demo-city' },
  { id: 'admin', roles: ['administrator'], regionCode: 'demo-city' },
  { id: 'designer', roles: ['process-designer'], regionCode: 'demo-city' },
  { id: 'auditor', roles: ['auditor'], regionCode: 'demo-city' },
  { id: 'leader', roles: ['leader'], regionCode: 'demo-county-a', unit: 'demo-county-a/county-party-committee' },
  // The same roles outside demo-county-a, for the out-of-jurisdiction half of the matrix.
  {
    id: 'island-mediator',
    roles: ['mediator'],
    regionCode: 'demo-island-town-1',
    unit: 'demo-island-town-1/people-mediation-committee',
  },
  { id: 'island-handler', roles: ['department-handler'], regionCode: 'demo-island-county' },
  { id: 'island-supervisor', roles: ['centre-supervisor'], regionCode: 'demo-island-county' },
  { id: 'island-admin', roles: ['administrator'], regionCode: 'demo-island-county' },
  { id: 'island-designer', roles: ['process-designer'], regionCode: 'demo-island-county' },
  { id: 'island-auditor', roles: ['auditor'], regionCode: 'demo-island-county' },
  {
    id: 'island-leader',
    roles: ['leader'],
    regionCode: 'demo-island-county',
    unit: 'demo-island-county/county-party-committee',
  },
];

export interface ApiHarness extends Scenario {
  app: FastifyInstance;
  vault: Vault;
  /** The vault's key, for a child process that must open what this harness sealed. */
  dataKey: Buffer;
  tokens: Record<string, string>;
  /** Waits until the inbox holds the open task `elementId` of the matter; returns its job key. */
  inboxTask(trackingCode: string, elementId: string): Promise<string>;
  /** app.inject as a user (or anonymously with user = null). */
  call(
    user: string | null,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: any; body: string; headers: Record<string, unknown> }>;
}

/** `opts.log`: the API's logger (a test that reads what gets logged passes its own). */
export async function apiHarness(
  t: TapLike,
  opts: { log?: Logger; sessionCheckMs?: number; publicBaseUrl?: string; trustProxy?: string } = {},
): Promise<ApiHarness> {
  const s = await scenario(t);
  const dataKey = randomBytes(32);
  const vault = new Vault(dataKey);
  const pool = new pg.Pool({ connectionString: s.e.databaseUrl, max: 2 });
  pool.on('error', () => {
    /* idle clients end when the test database is dropped */
  });
  s.e.closers.unshift(() => pool.end());
  const password = 'correct horse battery staple';
  const hash = await hashPassword(password);
  for (const u of TEST_USERS) await upsertUser(s.db, { ...u, displayName: u.id, passwordHash: hash });
  const engine = fromZeebeClient(s.e.zeebe, s.e.httpUrl);
  const deployed = await deployModels(engine);
  const app = await buildApp({
    pins: deployed.pins,
    pool,
    log: opts.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    sessionCheckMs: opts.sessionCheckMs,
    publicBaseUrl: opts.publicBaseUrl,
    trustProxy: opts.trustProxy,
    db: s.db,
    engine,
    regions: s.regions,
    variants: loadVariantMap(),
    vault,
    jwtSecret: randomBytes(32).toString('hex'),
    clock: s.now,
  });
  s.e.beforeStop.unshift(() => app.close());
  await recordForms(s.db, deployed.forms);
  const feed = startTaskFeed(engine, s.db, createLogger('silent'), s.now);
  s.e.beforeStop.unshift(() => feed.close());
  const tokens: Record<string, string> = {};
  // Two logins go through the endpoint (it is rate-limited); the rest are signed the same way it signs.
  for (const u of TEST_USERS.slice(0, 2)) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.id, password } });
    tokens[u.id] = r.json().token;
  }
  for (const u of TEST_USERS.slice(2)) {
    const region = s.regions.get(u.regionCode);
    const path = s.regions.path(region.code);
    tokens[u.id] = app.jwt.sign({
      sub: u.id,
      name: u.id,
      roles: u.roles,
      regionCode: u.regionCode,
      regionPath: path,
      unit: u.unit ?? null,
    });
  }
  return {
    ...s,
    app,
    vault,
    dataKey,
    tokens,
    async inboxTask(trackingCode, elementId) {
      const row = await eventually(
        () =>
          s
            .db('app.tasks')
            .where({ tracking_code: trackingCode, element_id: elementId, state: 'open' })
            .first('job_key'),
        // A generous bound: the flow runs several workers before a task, and CI machines get loaded.
        90_000,
        `inbox task ${elementId} of ${trackingCode}`,
      );
      return (row as unknown as { job_key: string }).job_key;
    },
    async call(user, method, url, body, headers = {}) {
      const r = await app.inject({
        method: method as any,
        url,
        payload: body as any,
        headers: { ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}), ...headers },
      });
      let json: any = null;
      try {
        json = r.json();
      } catch {
        /* not JSON */
      }
      return { status: r.statusCode, json, body: r.body, headers: r.headers };
    },
  };
}
