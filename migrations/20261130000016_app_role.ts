// The running system connects as `gc_app`, a role that owns nothing: the owner (who runs these
// migrations) keeps ALTER, DROP, TRUNCATE and DISABLE TRIGGER to itself. The audit log is append-only
// for gc_app by grant (INSERT and SELECT), not only by trigger. gc_app gets its password and LOGIN at
// start (platform/app-role.ts); a role is cluster-wide, so it may already exist.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gc_app') THEN
        CREATE ROLE gc_app NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database of this cluster created it at the same moment
    END
    $$;
  `);
  await knex.raw(`
    GRANT USAGE ON SCHEMA app, engine TO gc_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA app, engine TO gc_app;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA app, engine TO gc_app;
    REVOKE UPDATE, DELETE ON app.audit_log FROM gc_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA app, engine GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO gc_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA app, engine GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO gc_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER DEFAULT PRIVILEGES IN SCHEMA app, engine REVOKE ALL ON TABLES FROM gc_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA app, engine REVOKE ALL ON SEQUENCES FROM gc_app;
    REVOKE ALL ON ALL TABLES IN SCHEMA app, engine FROM gc_app;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA app, engine FROM gc_app;
    REVOKE USAGE ON SCHEMA app, engine FROM gc_app;
  `);
}
