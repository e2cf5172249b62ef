// A mediator in the registry may have a login: the task the process assigns to that mediator then
// lands in that user's own inbox ("mine"). One login per registry entry at most.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE app.mediators ADD COLUMN user_id text UNIQUE REFERENCES app.users(id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE app.mediators DROP COLUMN user_id');
}
