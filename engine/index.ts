// Starts the embedded engine: gRPC gateway, HTTP (Operate-shaped read API + clock actuator),
// scheduler. The database must already be migrated.
import * as grpc from '@grpc/grpc-js';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { EngineDb } from './store/db.js';
import { EngineClock } from './clock.js';
import { Engine } from './engine.js';
import { Scheduler } from './scheduler.js';
import { Notifier } from './store/notifier.js';
import { createGateway, endStreams } from './gateway/server.js';
import { registerActuator } from './actuator.js';
import { registerOperate } from './operate/routes.js';
import { EngineAuth, type ClientCredentials } from './auth.js';
import { registerTokenEndpoint } from './token-endpoint.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** A gateway reachable from other machines must be encrypted and ask for credentials. */
function assertExposureAllowed(host: string, opts: EngineOptions): void {
  if (LOOPBACK.test(host) || (opts.tls && opts.credentials)) return;
  throw new Error(
    `the engine refuses to listen on ${host} without TLS and client credentials: ` +
      'set ENGINE_TLS_CERT_FILE, ENGINE_TLS_KEY_FILE, ENGINE_CLIENT_ID and ENGINE_CLIENT_SECRET, ' +
      'or listen on 127.0.0.1',
  );
}

export interface EngineOptions {
  databaseUrl: string;
  grpcHost?: string;
  grpcPort?: number;
  httpPort?: number;
  schedulerIntervalMs?: number;
  poolSize?: number;
  log: Logger;
  /** TLS for the gateway and the HTTP port (PEM). */
  tls?: { cert: Buffer; key: Buffer };
  /** With credentials, every call needs a bearer token issued at POST /oauth/token. */
  credentials?: ClientCredentials;
  /** The clock actuator (moving time) is for tests and demos only. */
  clockControl?: boolean;
}

export interface RunningEngine {
  engine: Engine;
  scheduler: Scheduler;
  grpcAddress: string;
  httpUrl: string;
  stop(): Promise<void>;
}

export async function startEngine(opts: EngineOptions): Promise<RunningEngine> {
  const log = opts.log.child({ part: 'engine' });
  const db = new EngineDb(opts.databaseUrl, opts.poolSize ?? 10);
  const clock = new EngineClock();
  const engine = new Engine(db, clock, log);
  const notifier = new Notifier(opts.databaseUrl);
  await notifier.start();
  notifier.on('engine_instances', (key: string) => engine.completions.completed(key));
  // A deployment in another engine process, or notifications missed while reconnecting.
  notifier.on('engine_deployments', () => engine.models.forgetLatest());
  notifier.on('listening', () => engine.models.forgetLatest());
  engine.signal = (channel, payload) => notifier.signal(channel, payload);
  const scheduler = new Scheduler(engine, opts.schedulerIntervalMs ?? 250);

  const host = opts.grpcHost ?? '127.0.0.1';
  assertExposureAllowed(host, opts);
  const auth = opts.credentials ? new EngineAuth(opts.credentials) : undefined;
  const server = createGateway(engine, notifier, auth);
  const credentials = opts.tls
    ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: opts.tls.cert, private_key: opts.tls.key }], false)
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${opts.grpcPort ?? 26500}`, credentials, (err, p) => (err ? reject(err) : resolve(p))),
  );

  const http = Fastify({
    loggerInstance: log.child({ part: 'engine-http' }) as FastifyBaseLogger,
    ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key } } : {}),
  }) as unknown as FastifyInstance;
  if (auth) registerTokenEndpoint(http, auth);
  if (opts.clockControl) registerActuator(http, clock, () => scheduler.settled());
  registerOperate(http, db.pool);
  await http.listen({ host, port: opts.httpPort ?? 9600 });
  const addr = http.server.address();
  const httpPort = typeof addr === 'object' && addr ? addr.port : 0;
  scheduler.start();

  let stopped = false;
  return {
    engine,
    scheduler,
    grpcAddress: `${host}:${port}`,
    httpUrl: `${opts.tls ? 'https' : 'http'}://${host}:${httpPort}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await scheduler.stop();
      endStreams(server);
      // In-flight commands get a moment to answer; long polls are cut (their jobs stay activatable).
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        server.tryShutdown(() => {
          clearTimeout(t);
          resolve();
        });
      });
      server.forceShutdown();
      await http.close();
      await notifier.stop();
      await db.close();
    },
  };
}
