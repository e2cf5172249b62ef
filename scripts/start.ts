// `npm start`: PostgreSQL (embedded unless DATABASE_URL), migrations, the embedded engine (unless
// ZEEBE_ADDRESS), the API; then prints where everything is. `tsx scripts/start.ts engine|api`
// starts one part only, so production can scale them separately.
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { openDatabase, PROJECT_ROOT } from '../platform/database.js';
import { claimDataDir } from '../platform/embedded-postgres.js';
import { assertPortsFree, explainStartFailure, type WantedPort } from '../platform/start-errors.js';
import path from 'node:path';
import { startEngine } from '../engine/index.js';
import { buildApp } from '../api/app.js';
import { zeebeClient } from '../platform/zeebe.js';
import { fromZeebeClient, zeebeEngine } from '../engine-client/index.js';
import pg from 'pg';
import { connect } from '../platform/db.js';
import { loadRegions } from '../store/regions.js';
import { deployModels, loadVariantMap } from '../services/processes.js';
import { startPendingMatters } from '../services/intake.js';
import { startTaskFeed, recordForms, reconcileTasks } from '../services/task-feed.js';
import { storedVariants } from '../store/variants.js';
import { Vault } from '../platform/privacy.js';
import { RegionTree, WorkingCalendar } from '../domain/index.js';
import { WORKERS, startWorkers } from '../workers/index.js';
import { resolveSecrets } from '../platform/secrets.js';
import { seedDemo } from './seed.js';

const parts = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['engine', 'workers', 'api']);
for (const p of parts)
  if (!['engine', 'api', 'workers'].includes(p)) {
    console.error(`unknown part '${p}' (expected engine, api, workers)`);
    process.exit(2);
  }

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
const cfg = configOrExit();
const log = createLogger(cfg.LOG_LEVEL);
const stops: (() => Promise<void>)[] = [];

/** Fails fast, with the reason, when another start holds the data directory or a port is taken. */
async function preflight() {
  const ports: WantedPort[] = [];
  if (parts.has('api')) ports.push({ host: cfg.HOST, port: cfg.PORT, variable: 'PORT', what: 'the API' });
  if (parts.has('engine') && !cfg.ZEEBE_ADDRESS) {
    const host = cfg.ENGINE_GRPC_HOST;
    ports.push({ host, port: cfg.ENGINE_GRPC_PORT, variable: 'ENGINE_GRPC_PORT', what: 'the Zeebe gateway, gRPC' });
    ports.push({ host, port: cfg.ENGINE_HTTP_PORT, variable: 'ENGINE_HTTP_PORT', what: 'the Operate-style API' });
  }
  if (!cfg.DATABASE_URL) {
    // First: a second start of this folder is better told "in use" than "port taken".
    await claimDataDir(path.resolve(PROJECT_ROOT, cfg.PG_DATA_DIR), log);
    ports.push({ host: '127.0.0.1', port: cfg.PG_PORT, variable: 'PG_PORT', what: 'the embedded PostgreSQL' });
  }
  await assertPortsFree(ports);
}

async function main() {
  await preflight();
  const dbHandle = await openDatabase(cfg, log);
  const db = dbHandle;
  stops.unshift(db.stop);
  let zeebeAddress = cfg.ZEEBE_ADDRESS;
  let operateFromEngine: string | undefined;
  const lines: string[] = [];
  if (parts.has('engine') && !cfg.ZEEBE_ADDRESS) {
    const eng = await startEngine({
      databaseUrl: db.url,
      grpcHost: cfg.ENGINE_GRPC_HOST,
      grpcPort: cfg.ENGINE_GRPC_PORT,
      httpPort: cfg.ENGINE_HTTP_PORT,
      schedulerIntervalMs: cfg.ENGINE_SCHEDULER_INTERVAL_MS,
      poolSize: cfg.ENGINE_POOL_SIZE,
      log,
    });
    stops.unshift(eng.stop);
    zeebeAddress = eng.grpcAddress;
    operateFromEngine = eng.httpUrl;
    lines.push(
      `Zeebe gateway (gRPC, plaintext): ${eng.grpcAddress}   ` +
        `e.g. npx zbctl --insecure --address ${eng.grpcAddress} status`,
    );
    lines.push(
      `Operate-style API + clock:       ${eng.httpUrl}/v1/process-instances/search   ${eng.httpUrl}/actuator/clock`,
    );
  }
  zeebeAddress ??= `${cfg.ENGINE_GRPC_HOST}:${cfg.ENGINE_GRPC_PORT}`;
  // Demo data (regions, mediators, one user per role) is seeded by whichever application part starts.
  const appDb = parts.has('workers') || parts.has('api') ? connect(dbHandle.url, 10) : null;
  const users = appDb ? await seedDemo(appDb) : [];
  if (appDb) stops.unshift(() => appDb.destroy());
  const regions = appDb ? new RegionTree(await loadRegions(appDb)) : null;
  if (parts.has('workers')) {
    // Deploying an unchanged model is a no-op (same version), so every start deploys.
    const zeebe = zeebeClient(zeebeAddress);
    const deployed = await deployModels(fromZeebeClient(zeebe));
    const workers = startWorkers(
      zeebe,
      { db: appDb!, clock: () => new Date(), regions: regions!, calendar: new WorkingCalendar(), log },
      WORKERS,
    );
    stops.unshift(async () => {
      await workers.close();
      await zeebe.close();
    });
    lines.push(
      `Job workers:                     ${workers.types.length} job types; ` +
        `deployed ${deployed.processes.join(', ')} and ${deployed.forms.length} forms`,
    );
  }
  if (parts.has('api')) {
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    const engine = zeebeEngine({ address: zeebeAddress, operateUrl: cfg.OPERATE_URL ?? operateFromEngine });
    const secrets = resolveSecrets(cfg, log);
    const deps = {
      db: appDb!,
      engine,
      regions: regions!,
      variants: { ...loadVariantMap(), ...(await storedVariants(appDb!)) },
      clock: () => new Date(),
      vault: new Vault(secrets.dataKey),
    };
    const app = await buildApp({
      pool,
      log,
      ...deps,
      jwtSecret: secrets.jwtSecret,
      sessionTtl: cfg.SESSION_TTL,
    });
    await app.listen({ host: cfg.HOST, port: cfg.PORT });
    // The inbox: forms by key (deploying unchanged models is a no-op), user-task jobs into app.tasks.
    await recordForms(appDb!, (await deployModels(engine)).forms);
    const feed = startTaskFeed(engine, appDb!, log);
    // Matters accepted while the engine was unreachable get their process once it is back; tasks
    // whose step ended without staff leave the inbox.
    const sweep = setInterval(() => {
      startPendingMatters(deps).catch((err) => log.warn({ err }, 'pending matters not started yet'));
      if (engine.operate)
        reconcileTasks(appDb!, engine.operate, () => new Date()).catch((err) =>
          log.warn({ err }, 'task reconciliation failed'),
        );
    }, 30_000);
    stops.unshift(async () => {
      clearInterval(sweep);
      await feed.close();
      await app.close();
      await engine.close();
      await pool.end();
    });
    lines.push(`API:                             http://${cfg.HOST}:${cfg.PORT}   (health: /health, OpenAPI: /docs)`);
    lines.push(`Demo users (${users.map((u) => `${u.id} / ${u.password ?? '(set earlier)'}`).join(', ')})`);
  }
  lines.push(`PostgreSQL:                      ${db.url.replace(/:[^:@/]+@/, ':***@')}`);
  console.log(`\nGovernance centre case system is running (Ctrl-C stops it)\n  ${lines.join('\n  ')}\n`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  for (const stop of stops) await stop().catch((err) => log.error({ err }, 'stop failed'));
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch(async (err) => {
  const reason = explainStartFailure(err);
  log.fatal({ err }, reason);
  console.error(`\nnpm start failed: ${reason}\n`);
  for (const stop of stops) await stop().catch(() => {});
  process.exit(1);
});
