// Variants uploaded through the API: region → process id (overrides bpmn/variants/variants.json).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE app.process_variants (
      region_code text PRIMARY KEY REFERENCES app.regions(code),
      process_id text NOT NULL,
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE app.process_variants');
}
