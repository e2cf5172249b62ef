// One clock: with clock control on, the API and the workers started as `npm start` starts them take
// their time from the engine, so a matter received after the engine's clock was moved carries the
// engine's date, and its deadline is counted from it (not from the wall clock).
import t from 'tap';
import { testEngine, eventually } from '../helpers/engine.js';
import { connect } from '../../platform/db.js';
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';
import { hashPassword } from '../../platform/passwords.js';
import { followEngineClock, OperateClient, zeebeEngine } from '../../engine-client/index.js';
import { upsertRegions, loadRegions } from '../../store/regions.js';
import { upsertUser } from '../../store/users.js';
import { DEMO_REGIONS, RegionTree, chinaTime } from '../../domain/index.js';
import type { PartContext } from '../../services/parts.js';
import { start as startApi } from '../../api/main.js';
import { start as startWorkers } from '../../workers/main.js';

const DAY = 86_400_000;

t.test('the API and the workers follow the engine clock', async (t) => {
  const e = await testEngine(t);
  const engineNow = chinaTime('2026-10-12', '09:00');
  await fetch(`${e.httpUrl}/actuator/clock/pin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ epochMilli: engineNow.getTime() }),
  });
  const db = connect(e.databaseUrl, 5);
  e.closers.push(() => db.destroy());
  await upsertRegions(db, DEMO_REGIONS);
  await upsertUser(db, {
    id: 'clerk',
    displayName: '窗口',
    roles: ['window-clerk'],
    regionCode: 'demo-county-a',
    passwordHash: await hashPassword('clock-test-pw'),
  });
  const followed = await followEngineClock(new OperateClient(e.httpUrl), { intervalMs: 200 });
  t.teardown(() => followed.stop());
  const ctx: PartContext = {
    cfg: loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ENGINE_CLOCK_CONTROL: 'true' }),
    log: createLogger('silent'),
    databaseUrl: e.databaseUrl,
    db,
    regions: new RegionTree(await loadRegions(db)),
    engine: () => zeebeEngine({ address: e.grpcAddress, operateUrl: e.httpUrl }),
    clock: followed.now,
  };
  const workers = await startWorkers(ctx);
  const api = await startApi(ctx, {
    secrets: { jwtSecret: 'one-clock-test-secret-0123456789abcdef', dataKey: Buffer.alloc(32, 7) },
  });
  e.beforeStop.push(
    () => api.stop(),
    () => workers.stop(),
  );
  t.ok(Math.abs(followed.now().getTime() - engineNow.getTime()) < 2000, 'the followed clock reads the engine');

  const login = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk', password: 'clock-test-pw' }),
  }).then((r) => r.json() as Promise<{ token: string }>);
  const intake = async (key: string) => {
    const r = await fetch(`${api.url}/api/matters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}`, 'idempotency-key': key },
      body: JSON.stringify({
        matterType: 'dispute',
        channel: 'window',
        category: 'neighbour',
        regionCode: 'demo-village-a1-1',
        summary: '邻里纠纷',
        facts: { parties: 2 },
        parties: [{ role: 'applicant', name: '张三' }],
      }),
    });
    t.equal(r.status, 201);
    return (await r.json()) as { id: number; receivedAt: string };
  };
  const first = await intake('one-clock-0001');
  t.ok(Math.abs(Date.parse(first.receivedAt) - engineNow.getTime()) < 5000, `received at the engine's time`);
  const deadlineFrom = await eventually(
    async () => {
      const row = await db('app.matter_events').where({ matter_id: first.id, type: 'deadline-set' }).first();
      return row?.data?.output?.deadlineFrom as string | undefined;
    },
    30_000,
    'the first deadline',
  );
  t.ok(Math.abs(Date.parse(deadlineFrom) - engineNow.getTime()) < 5000, 'the worker counts from the engine time');

  // Moving the engine's clock moves everyone's within a moment.
  await fetch(`${e.httpUrl}/actuator/clock/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetMilli: 5 * DAY }),
  });
  await eventually(async () => followed.now().getTime() - engineNow.getTime() > 5 * DAY - 2000, 5000, 'the move');
  const second = await intake('one-clock-0002');
  const moved = Date.parse(second.receivedAt) - engineNow.getTime();
  t.ok(moved > 5 * DAY - 5000 && moved < 5 * DAY + 5000, 'five days later by the engine');
});
