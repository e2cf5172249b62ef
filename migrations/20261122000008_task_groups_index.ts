// "My unit" finds its open tasks through the candidate groups, instead of walking every open task.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX tasks_open_groups ON app.tasks USING gin (candidate_groups) WHERE state = 'open'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX app.tasks_open_groups');
}
