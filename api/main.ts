// The API part of `npm start`: the fastify app on HOST:PORT, the task feed that fills the inbox, and
// the sweeper that starts matters accepted while the engine was away and retires tasks whose step
// ended without staff.
import pg from 'pg';
import type { PartContext, RunningPart } from '../services/parts.js';
import { deployModels, loadVariantMap } from '../services/processes.js';
import { startPendingMatters } from '../services/process-start.js';
import { startTaskFeed, recordForms, reconcileTasks } from '../services/task-feed.js';
import { storedPins, storedVariants } from '../store/variants.js';
import { Vault } from '../platform/privacy.js';
import { resolveSecrets } from '../platform/secrets.js';
import { buildApp, type AppDeps } from './app.js';

export interface ApiPartOptions {
  /** Keys instead of the configured ones (benchmarks sign their own tokens). */
  secrets?: { jwtSecret: string; dataKey: Buffer };
  limits?: AppDeps['limits'];
}

export async function start(ctx: PartContext, opts: ApiPartOptions = {}): Promise<RunningPart & { url: string }> {
  const { cfg, log, db } = ctx;
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 10 });
  const engine = ctx.engine();
  const secrets = opts.secrets ?? resolveSecrets(cfg, log);
  // Models first: intake starts the versions deployed now, or those mapped through the API since.
  const deployed = await deployModels(engine);
  const pins = new Map([...deployed.pins, ...(await storedPins(db))]);
  const deps = {
    pins,
    db,
    engine,
    regions: ctx.regions,
    variants: { ...loadVariantMap(), ...(await storedVariants(db)) },
    clock: ctx.clock,
    vault: new Vault(secrets.dataKey),
  };
  const app = await buildApp({
    pool,
    log,
    ...deps,
    jwtSecret: secrets.jwtSecret,
    sessionTtl: cfg.SESSION_TTL,
    trustProxy: cfg.TRUST_PROXY,
    publicBaseUrl: cfg.PUBLIC_BASE_URL,
    limits: opts.limits,
    // Another API process may map a region or roll back a version: intake here follows within seconds.
    mappingRefreshMs: 3000,
  });
  await app.listen({ host: cfg.HOST, port: cfg.PORT });
  const address = app.server.address();
  const url = `http://${cfg.HOST}:${typeof address === 'object' && address ? address.port : cfg.PORT}`;
  // The inbox: forms by key (deploying unchanged models is a no-op), user-task jobs into app.tasks.
  await recordForms(db, deployed.forms);
  const feed = startTaskFeed(engine, db, log, ctx.clock);
  const sweep = setInterval(() => {
    startPendingMatters(deps).catch((err) => log.warn({ err }, 'pending matters not started yet'));
    if (engine.operate)
      reconcileTasks(db, engine.operate, ctx.clock).catch((err) => log.warn({ err }, 'task reconciliation failed'));
  }, 30_000);
  return {
    url,
    lines: [`API:                             ${url}   (health: /health, OpenAPI: /docs, console: ${url}/)`],
    stop: async () => {
      clearInterval(sweep);
      await feed.close();
      await app.close();
      await engine.close();
      await pool.end();
    },
  };
}
