// A throw-away, migrated database for a benchmark: on DATABASE_URL's server if set, otherwise on
// an embedded PostgreSQL started for the run. `drop()` removes the database (and the embedded server).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, migrate, createDatabaseIfMissing, PROJECT_ROOT } from '../platform/database.js';
import { freePort } from '../platform/net.js';

export async function benchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  let adminUrl = process.env.DATABASE_URL;
  let stopPg = async () => {};
  const dataDir = path.join('.data', `${name}-postgres-${process.pid}`);
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres' });
    adminUrl = server.url;
    stopPg = async () => {
      await server.stop();
      fs.rmSync(path.join(PROJECT_ROOT, dataDir), { recursive: true, force: true });
    };
  }
  const dbName = `${name.replace(/\W/g, '_')}_${process.pid}`;
  await createDatabaseIfMissing(adminUrl, dbName);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  await migrate(u.toString());
  return {
    url: u.toString(),
    async drop() {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
      await stopPg();
    },
  };
}
