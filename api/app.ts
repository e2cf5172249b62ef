// Builds the fastify app (server.ts listens). Routes per resource arrive with issue 4; for now the
// health check that `npm start` and operators rely on.
import Fastify, { type FastifyInstance, type FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';

export interface AppDeps {
  pool: pg.Pool;
  log: Logger;
  /** Reports whether the Zeebe gateway answers (embedded engine or cluster). */
  engineHealthy: () => Promise<boolean>;
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({ loggerInstance: deps.log.child({ part: 'api' }) as FastifyBaseLogger }) as unknown as FastifyInstance;
  app.get('/health', async (_req, reply) => {
    const [database, engine] = await Promise.all([
      deps.pool.query('SELECT 1').then(() => true, () => false),
      deps.engineHealthy().catch(() => false),
    ]);
    const ok = database && engine;
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'UP' : 'DOWN', database: database ? 'UP' : 'DOWN', engine: engine ? 'UP' : 'DOWN' });
  });
  return app;
}
