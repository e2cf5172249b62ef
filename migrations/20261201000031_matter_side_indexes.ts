// A matter's page reads its letters (app.outbox) and its tasks' deadlines (app.tasks) by matter_id;
// without these indexes each read scans the whole table, which grows by every message and task.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX IF NOT EXISTS outbox_matter ON app.outbox (matter_id, id)');
  await knex.raw('CREATE INDEX IF NOT EXISTS tasks_matter ON app.tasks (matter_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS app.outbox_matter; DROP INDEX IF EXISTS app.tasks_matter');
}
