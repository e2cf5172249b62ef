// Two API processes on one database, as a province runs them behind a load balancer: a region's variant
// deployed or rolled back through one is what intake on the other starts, without a restart; a rollback
// through a process that never heard of the first one's change reads the version it moved to.
import t from 'tap';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { apiHarness, TEST_USERS, type ApiHarness } from '../helpers/api.js';
import { eventually } from '../helpers/engine.js';
import { buildApp } from '../../api/app.js';
import { fromZeebeClient } from '../../engine-client/index.js';
import { createLogger } from '../../platform/logger.js';
import { deployModels, loadVariantMap, modelResources } from '../../services/processes.js';

const REGION = 'demo-county-a';
const ID = 'dispute-resolution-county-a';
const variant = (label: string) =>
  fs
    .readFileSync(modelResources().find((r) => r.name === 'dispute-resolution.bpmn')!.file, 'utf8')
    .replace(/id="dispute-resolution"/, `id="${ID}"`)
    .replace(/bpmnElement="dispute-resolution"/g, `bpmnElement="${ID}"`)
    .replace(/(<bpmn:process id="[^"]+" name=")[^"]*"/, `$1${label}"`);

/** Another API process on the harness's database and engine; `refreshMs` undefined: it never re-reads. */
async function secondApi(h: ApiHarness, refreshMs?: number) {
  const pool = new pg.Pool({ connectionString: h.e.databaseUrl, max: 2 });
  pool.on('error', () => {
    /* idle clients end when the test database is dropped */
  });
  h.e.closers.unshift(() => pool.end());
  const engine = fromZeebeClient(h.e.zeebe, h.e.httpUrl);
  const app: FastifyInstance = await buildApp({
    pins: (await deployModels(engine)).pins,
    pool,
    log: createLogger('silent'),
    db: h.db,
    engine,
    regions: h.regions,
    variants: loadVariantMap(),
    vault: h.vault,
    jwtSecret: randomBytes(32).toString('hex'),
    clock: h.now,
    mappingRefreshMs: refreshMs,
  });
  h.e.beforeStop.unshift(() => app.close());
  const token = (id: string) => {
    const u = TEST_USERS.find((x) => x.id === id)!;
    return app.jwt.sign({
      sub: u.id,
      name: u.id,
      roles: u.roles,
      regionCode: u.regionCode,
      regionPath: h.regions.path(u.regionCode),
      unit: u.unit ?? null,
    });
  };
  return async (user: string, method: 'GET' | 'POST', url: string, body?: unknown) => {
    const r = await app.inject({
      method,
      url,
      payload: body as object,
      headers: { authorization: `Bearer ${token(user)}` },
    });
    return { status: r.statusCode, json: r.json() };
  };
}

let n = 0;
/** Receives a matter in the region through `call` and answers the process and version it started. */
async function started(h: ApiHarness, call: Awaited<ReturnType<typeof secondApi>>) {
  const r = await call('clerk', 'POST', '/api/matters', {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: REGION,
    summary: `两个接口进程之间的区域映射 ${++n}`,
    facts: { parties: 2 },
    parties: [{ role: 'applicant', name: '周某', phone: '13800000999' }],
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.json));
  const key = await eventually(
    async () =>
      (await h.db('app.matters').where({ tracking_code: r.json.trackingCode }).first('process_instance_key'))
        ?.process_instance_key,
    30_000,
    'the matter’s process instance',
  );
  const view = await h.call('admin', 'GET', `/api/monitor/instances/${key}`);
  const root = view.json.diagrams.find((d: { root: boolean }) => d.root);
  return `${root.bpmnProcessId}@${root.version}`;
}

const shownBy = async (call: Awaited<ReturnType<typeof secondApi>>) =>
  (await call('designer', 'GET', '/api/processes')).json.variants.find(
    (v: { regionCode: string }) => v.regionCode === REGION,
  )?.version ?? null;

t.test('a mapping made through one API process is followed by another', async (t) => {
  const h = await apiHarness(t);
  const b = await secondApi(h, 100);
  const stale = await secondApi(h); // never re-reads: only the database can tell it what changed
  t.equal(await started(h, b), 'dispute-resolution@1', 'before: the base process');

  for (const label of ['县A变体一', '县A变体二']) {
    const r = await h.call('designer', 'POST', '/api/processes', {
      name: `${ID}.bpmn`,
      xml: variant(label),
      regionCode: REGION,
    });
    t.equal(r.status, 201, JSON.stringify(r.json).slice(0, 300));
  }
  await eventually(async () => (await shownBy(b)) === 2, 10_000, 'the second process to show v2');
  t.equal(await started(h, b), `${ID}@2`, 'intake on the other process starts the variant, v2');

  const back = await h.call('designer', 'POST', '/api/processes/rollback', { regionCode: REGION, version: 1 });
  t.match(back.json, { version: 1, previousVersion: 2 });
  await eventually(async () => (await shownBy(b)) === 1, 10_000, 'the second process to show v1');
  t.equal(await started(h, b), `${ID}@1`, 'and the rollback: v1');

  // The process that never re-reads rolls forward again: the version replaced is the one in the database.
  const forward = await stale('designer', 'POST', '/api/processes/rollback', { regionCode: REGION, version: 2 });
  t.equal(forward.status, 200, JSON.stringify(forward.json));
  t.match(forward.json, { version: 2, previousVersion: 1 }, 'it knew v1 was running');
  const trail = await h.db('app.audit_log').where({ action: 'process.rollback' }).orderBy('id').pluck('details');
  t.same(
    trail.map((d: { previousVersion: number; version: number }) => [d.previousVersion, d.version]),
    [
      [2, 1],
      [1, 2],
    ],
    'both changes audited, each with what it replaced',
  );
  await eventually(async () => (await shownBy(b)) === 2, 10_000, 'the second process to show v2 again');
  t.equal(await started(h, b), `${ID}@2`);
});
