// The element instance of a task, to ask the engine's Operate API whether it is still active.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE app.tasks ADD COLUMN element_instance_key text`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE app.tasks DROP COLUMN element_instance_key`);
}
