// Camunda Forms (.form JSON) deployed next to the BPMN. A user task linked with
// `zeebe:formDefinition formId` gets the key of the latest version in its formKey header, as in Zeebe 8.5+.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE engine.forms (
      key bigint PRIMARY KEY,
      form_id text NOT NULL,
      version int NOT NULL,
      resource_name text NOT NULL,
      checksum text NOT NULL,
      schema jsonb NOT NULL,
      deployment_key bigint NOT NULL REFERENCES engine.deployments(key),
      created_at timestamptz NOT NULL,
      UNIQUE (form_id, version)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE engine.forms');
}
