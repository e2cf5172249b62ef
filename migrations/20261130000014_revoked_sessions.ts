// Sessions ended before their token expires (logout). Kept until the token would have expired anyway.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE app.revoked_sessions (
      jti text PRIMARY KEY,
      user_id text NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
  await knex.raw('CREATE INDEX revoked_sessions_user ON app.revoked_sessions (user_id, expires_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE app.revoked_sessions');
}
