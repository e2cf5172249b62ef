// When a user's password was last set through user administration (created or reset): sessions that
// began before it end (api/sessions.ts), so a reset after a leaked password also ends the intruder's
// session. Null for accounts set up otherwise (the seed), whose sessions this does not judge.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE app.users ADD COLUMN password_set_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE app.users DROP COLUMN password_set_at');
}
