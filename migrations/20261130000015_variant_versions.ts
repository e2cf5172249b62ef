// A region's variant is pinned to the version mapped through the API (which lints it): a model
// deployed by any other path under the same process id is not used for intake until mapped.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE app.process_variants ADD COLUMN version integer');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE app.process_variants DROP COLUMN version');
}
