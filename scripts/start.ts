// `npm start`: PostgreSQL (embedded unless DATABASE_URL), migrations, the embedded engine (unless
// ZEEBE_ADDRESS), the API; then prints where everything is. `tsx scripts/start.ts engine|api`
// starts one part only, so production can scale them separately.
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { openDatabase, PROJECT_ROOT } from '../platform/database.js';
import { claimDataDir } from '../platform/embedded-postgres.js';
import { assertPortsFree, explainStartFailure, StartError, type WantedPort } from '../platform/start-errors.js';
import path from 'node:path';
import { startEngine } from '../engine/index.js';
import type { ZeebeConnection } from '../platform/zeebe.js';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { followEngineClock, OperateClient, zeebeEngine } from '../engine-client/index.js';
import { tokenSource } from '../engine-client/http.js';
import { connect } from '../platform/db.js';
import { loadRegions } from '../store/regions.js';
import { RegionTree } from '../domain/index.js';
import type { PartContext } from '../services/parts.js';
import { loadPart } from './parts.js';
import { seedDemo, demoUsersPresent } from './seed.js';
import { productionProblems } from '../platform/production.js';

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
  if (cfg.GC_MODE === 'production') {
    const problems = productionProblems(cfg);
    if (problems.length) throw new StartError(`production mode refuses to start: ${problems.join('; ')}`);
  }
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

function readPem(file: string, variable: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new StartError(`cannot read ${variable} (${file}): ${(err as NodeJS.ErrnoException).code}`, { cause: err });
  }
}

function engineTls(): { cert: Buffer; key: Buffer } | undefined {
  if (!cfg.ENGINE_TLS_CERT_FILE || !cfg.ENGINE_TLS_KEY_FILE) return undefined;
  return {
    cert: readPem(cfg.ENGINE_TLS_CERT_FILE, 'ENGINE_TLS_CERT_FILE'),
    key: readPem(cfg.ENGINE_TLS_KEY_FILE, 'ENGINE_TLS_KEY_FILE'),
  };
}

/** How the application's clients reach the engine: a cluster's settings, or our own engine's. */
function connection(engineHttpUrl?: string): ZeebeConnection {
  if (cfg.ZEEBE_ADDRESS) {
    if (cfg.ZEEBE_CLIENT_ID && !cfg.ZEEBE_OAUTH_URL) throw new StartError('ZEEBE_CLIENT_ID needs ZEEBE_OAUTH_URL');
    return {
      caCert: cfg.ZEEBE_CA_CERT_FILE ? readPem(cfg.ZEEBE_CA_CERT_FILE, 'ZEEBE_CA_CERT_FILE').toString() : undefined,
      oauth: cfg.ZEEBE_CLIENT_ID
        ? { url: cfg.ZEEBE_OAUTH_URL!, clientId: cfg.ZEEBE_CLIENT_ID, clientSecret: cfg.ZEEBE_CLIENT_SECRET! }
        : undefined,
    };
  }
  const tls = engineTls();
  const scheme = tls ? 'https' : 'http';
  return {
    caCert: tls?.cert.toString(),
    oauth: cfg.ENGINE_CLIENT_ID
      ? {
          url: `${engineHttpUrl ?? `${scheme}://${cfg.ENGINE_GRPC_HOST}:${cfg.ENGINE_HTTP_PORT}`}/oauth/token`,
          clientId: cfg.ENGINE_CLIENT_ID,
          clientSecret: cfg.ENGINE_CLIENT_SECRET!,
        }
      : undefined,
  };
}

/**
 * The time the workers and the API decide by: the wall clock, or — with ENGINE_CLOCK_CONTROL, where
 * the engine's time can be moved — the engine's, so deadlines agree with the engine's timers.
 */
async function systemClock(engineHttpUrl?: string): Promise<() => Date> {
  if (!cfg.ENGINE_CLOCK_CONTROL) return () => new Date();
  const tls = engineTls();
  const url =
    cfg.OPERATE_URL ?? engineHttpUrl ?? `${tls ? 'https' : 'http'}://${cfg.ENGINE_GRPC_HOST}:${cfg.ENGINE_HTTP_PORT}`;
  const conn = connection(engineHttpUrl);
  const operate = new OperateClient(url, {
    ca: conn.caCert,
    token: conn.oauth ? tokenSource(conn.oauth, conn.caCert) : undefined,
  });
  try {
    const followed = await followEngineClock(operate, {
      onError: (err) => log.warn({ err }, 'cannot read the engine clock; keeping the last offset'),
    });
    stops.push(async () => followed.stop());
    return followed.now;
  } catch (err) {
    throw new StartError(`ENGINE_CLOCK_CONTROL is on but the engine clock at ${url} does not answer`, { cause: err });
  }
}

/**
 * Where the demo passwords of this database are remembered: each database its own file, so a second
 * copy on another PG_DATA_DIR or DATABASE_URL does not overwrite the first one's passwords.
 */
function demoUsersFile(): string {
  const standard =
    !cfg.DATABASE_URL && path.resolve(PROJECT_ROOT, cfg.PG_DATA_DIR) === path.join(PROJECT_ROOT, '.data/postgres');
  const key = createHash('sha256')
    .update(cfg.DATABASE_URL ?? path.resolve(PROJECT_ROOT, cfg.PG_DATA_DIR))
    .digest('hex')
    .slice(0, 8);
  return path.join(PROJECT_ROOT, '.data', standard ? 'demo-users.json' : `demo-users-${key}.json`);
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
      databaseUrl: db.appUrl,
      grpcHost: cfg.ENGINE_GRPC_HOST,
      grpcPort: cfg.ENGINE_GRPC_PORT,
      httpPort: cfg.ENGINE_HTTP_PORT,
      schedulerIntervalMs: cfg.ENGINE_SCHEDULER_INTERVAL_MS,
      poolSize: cfg.ENGINE_POOL_SIZE,
      log,
      tls: engineTls(),
      credentials: cfg.ENGINE_CLIENT_ID
        ? { clientId: cfg.ENGINE_CLIENT_ID, clientSecret: cfg.ENGINE_CLIENT_SECRET! }
        : undefined,
      clockControl: cfg.ENGINE_CLOCK_CONTROL,
    });
    stops.unshift(eng.stop);
    zeebeAddress = eng.grpcAddress;
    operateFromEngine = eng.httpUrl;
    const secured = [cfg.ENGINE_TLS_CERT_FILE && 'TLS', cfg.ENGINE_CLIENT_ID && 'client credentials'].filter(Boolean);
    lines.push(
      `Zeebe gateway (gRPC, ${secured.length ? secured.join(' + ') : 'plaintext'}): ${eng.grpcAddress}` +
        (secured.length
          ? '   (see SECURITY.md for zbctl)'
          : `   e.g. npx zbctl --insecure --address ${eng.grpcAddress} status`),
    );
    lines.push(
      `Operate-style API:               ${eng.httpUrl}/v1/process-instances/search` +
        (cfg.ENGINE_CLOCK_CONTROL ? `   clock: ${eng.httpUrl}/actuator/clock` : ''),
    );
  }
  const address = zeebeAddress ?? `${cfg.ENGINE_GRPC_HOST}:${cfg.ENGINE_GRPC_PORT}`;
  // Demo data (regions, mediators, one user per role) is seeded by whichever application part starts.
  const appParts = (['workers', 'api'] as const).filter((p) => parts.has(p));
  if (appParts.length) {
    const appDb = connect(dbHandle.appUrl, 10);
    stops.unshift(() => appDb.destroy());
    // Production seeds no users, prints no password, and refuses accounts a demo left behind.
    const production = cfg.GC_MODE === 'production';
    if (production) {
      const left = await demoUsersPresent(appDb);
      if (left.length)
        throw new StartError(`production mode: demo users exist (${left.join(', ')}): deactivate or delete them`);
    }
    const users = production ? [] : await seedDemo(appDb, demoUsersFile());
    const clock = await systemClock(operateFromEngine);
    const ctx: PartContext = {
      cfg,
      log,
      databaseUrl: dbHandle.appUrl,
      db: appDb,
      regions: new RegionTree(await loadRegions(appDb)),
      engine: () =>
        zeebeEngine({
          address,
          operateUrl: cfg.OPERATE_URL ?? operateFromEngine,
          connection: connection(operateFromEngine),
        }),
      clock,
    };
    for (const name of appParts) {
      const part = await loadPart(name);
      const running = await part.start(ctx);
      stops.unshift(running.stop);
      lines.push(...running.lines);
    }
    if (parts.has('api') && !production)
      lines.push(`Demo users (${users.map((u) => `${u.id} / ${u.password ?? '(set earlier)'}`).join(', ')})`);
  }
  const appLogin = new URL(db.appUrl).username;
  lines.push(`PostgreSQL:                      ${db.url.replace(/:[^:@/]+@/, ':***@')}   (runs as ${appLogin})`);
  const mode =
    cfg.GC_MODE === 'production'
      ? 'production mode'
      : 'demo mode: demo data seeded, passwords printed; GC_MODE=production for real data (SECURITY.md)';
  console.log(`\nGovernance centre case system is running (${mode}; Ctrl-C stops it)\n  ${lines.join('\n  ')}\n`);
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
