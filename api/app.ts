// Builds the fastify app (server entry points listen): security headers, rate limits, OpenAPI at
// /docs, the error catalogue, auth, and the routes per resource.
import Fastify, { LogController, type FastifyInstance, type FastifyBaseLogger } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type pg from 'pg';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { RegionTree } from '../domain/index.js';
import type { EngineClient } from '../engine-client/index.js';
import { registerErrorHandler } from './errors.js';
import { registerConsole, type ConsoleFallback } from './console.js';
import { authPlugin } from './auth.js';
import { matterRoutes } from './routes/matters.js';
import { matterViewRoutes } from './routes/matter-views.js';
import { intakeAidRoutes } from './routes/intake-aids.js';
import { trackRoutes } from './routes/track.js';
import { taskRoutes } from './routes/tasks.js';
import { processRoutes } from './routes/processes.js';
import { monitorRoutes } from './routes/monitor.js';
import { calendarRoutes } from './routes/calendar.js';
import { statisticsRoutes } from './routes/statistics.js';
import { userRoutes } from './routes/users.js';
import { outcomeRoutes } from './routes/outcomes.js';
import { lookupRoutes } from './routes/lookups.js';
import { supervisionRoutes } from './routes/supervision.js';
import { qualityRoutes } from './routes/quality.js';
import { auditRoutes } from './routes/audit.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { documentRoutes } from './routes/documents.js';
import { letterRoutes } from './routes/letters.js';
import { followMappings, type Pins, type VariantMap } from '../services/processes.js';
import type { Vault } from '../platform/privacy.js';
import { databaseUp } from '../store/health.js';
import { Described, Health, SHARED_SCHEMAS } from './schemas/index.js';
import { findUnstorableText, UNSTORABLE_MESSAGE } from '../platform/text.js';
import { ApiError } from '../services/errors.js';

/** What every application route may use; each route module picks its part. */
export interface RouteDeps {
  db: Knex;
  engine: EngineClient;
  regions: RegionTree;
  variants: VariantMap;
  vault: Vault;
  clock: () => Date;
  /** The versions intake starts; a mapping through the API pins its version here. */
  pins?: Pins;
}

export interface AppDeps extends RouteDeps {
  pool: pg.Pool;
  log: Logger;
  jwtSecret: string;
  sessionTtl?: string;
  /** TRUST_PROXY: whose X-Forwarded-For gives the client's address (rate limits, logs). */
  trustProxy?: string;
  /** PUBLIC_BASE_URL: where the QR on a receipt points (else the request's own host). */
  publicBaseUrl?: string;
  /** How long a process trusts what it read about a session's user (tests shorten it). */
  sessionCheckMs?: number;
  /** The built console (default web/dist); tests point it elsewhere. */
  webDist?: string;
  /** Re-reads the region map and version pins other API processes record, this often (off when absent). */
  mappingRefreshMs?: number;
  /** Requests per minute per client: everything, the public tracking page, login. */
  limits?: { global: number; track: number; login: number };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ part: 'api' }) as FastifyBaseLogger,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    bodyLimit: 1_048_576,
    // Fastify's own request lines carry the URL: tracking codes and search terms would reach the log.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy === 'true' ? true : deps.trustProxy ? deps.trustProxy.split(',') : false,
  }) as unknown as FastifyInstance;
  // Unknown non-API paths go to the browser console once it is registered (last, below).
  const web: { page?: ConsoleFallback } = {};
  if (deps.mappingRefreshMs) {
    const stop = followMappings(deps.db, deps, deps.mappingRefreshMs, (err) =>
      app.log.warn({ err }, 'region map not refreshed; tried again shortly'),
    );
    app.addHook('onClose', async () => stop());
  }
  registerErrorHandler(app, (req, reply) => web.page?.(req, reply) ?? null);
  // One line per request with the route's pattern (/api/track/:code), never the URL itself.
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: reply.elapsedTime,
      },
      'request completed',
    );
  });
  // Before schema validation, on every route: text PostgreSQL cannot store is a 400 naming the field.
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['body', req.body],
      ['querystring', req.query],
      ['params', req.params],
    ] as const) {
      const field = findUnstorableText(value);
      if (field)
        throw new ApiError('VALIDATION_FAILED', `invalid ${part}: ${field} ${UNSTORABLE_MESSAGE}`, [
          { field, message: UNSTORABLE_MESSAGE },
        ]);
    }
  });
  await app.register(helmet, { contentSecurityPolicy: false });
  const limits = deps.limits ?? { global: 600, track: 30, login: 10 };
  await app.register(rateLimit, { global: true, max: limits.global, timeWindow: '1 minute' });
  // Before the routes: their error responses reference these by $id.
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      info: {
        title: '综治中心案件系统 API · Governance centre case system',
        version: '0.1.0',
        description: '错误格式见 ApiError；代码表见 api/ERRORS.md。Errors share the ApiError shape (api/ERRORS.md).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Shared schemas keep their $id as their name under components.schemas ('ApiError', not 'def-0').
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const healthSchema = {
    tags: ['health'],
    summary: '健康检查 Health',
    description:
      '数据库与流程引擎都可用时 200，否则 503（同一格式）。200 when PostgreSQL and the engine answer, else 503.',
    security: [],
    response: { 200: Health, 503: Described(Health, '不可用 Something is down') },
  };
  app.get('/health', { schema: healthSchema }, async (_req, reply) => {
    const [database, engine] = await Promise.all([databaseUp(deps.pool), deps.engine.healthy()]);
    const ok = database && engine;
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'UP' : 'DOWN', database: database ? 'UP' : 'DOWN', engine: engine ? 'UP' : 'DOWN' });
  });

  await app.register(authPlugin, {
    db: deps.db,
    secret: deps.jwtSecret,
    ttl: deps.sessionTtl ?? '8h',
    loginLimit: limits.login,
    sessionCheckMs: deps.sessionCheckMs,
  });
  await app.register(async (scope) => {
    matterRoutes(scope, deps);
    matterViewRoutes(scope, deps);
    intakeAidRoutes(scope, deps);
    trackRoutes(scope, { ...deps, limit: limits.track });
    taskRoutes(scope, deps);
    monitorRoutes(scope, deps);
    statisticsRoutes(scope, deps);
    processRoutes(scope, deps);
    calendarRoutes(scope, deps);
    userRoutes(scope, deps);
    outcomeRoutes(scope, deps);
    lookupRoutes(scope, deps);
    supervisionRoutes(scope, deps);
    qualityRoutes(scope, deps);
    auditRoutes(scope, deps);
    deliveryRoutes(scope, deps);
    documentRoutes(scope, deps);
    letterRoutes(scope, deps);
  });
  web.page = await registerConsole(app, deps.webDist);
  return app;
}
