// Letters as their addressees see them (issue 15): a letter delivery is read when someone of the unit
// opens it and acknowledged (签收) when they confirm they have it — the sender of a supervision letter
// sees both. Letters are addressed to region-qualified units ('demo-town-a1/justice'); rows written
// before that rule with a bare department code are qualified here by their matter's handling region.
// A letter whose document keeps failing to render stops being retried after its fifth try.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE app.deliveries
      ADD COLUMN read_at timestamptz,
      ADD COLUMN read_by text,
      ADD COLUMN acknowledged_at timestamptz,
      ADD COLUMN acknowledged_by text,
      ADD COLUMN acknowledge_note text;
    CREATE INDEX deliveries_letters_to ON app.deliveries (recipient_ref, id) WHERE channel = 'letter';

    ALTER TABLE app.outbox
      ADD COLUMN document_attempts int NOT NULL DEFAULT 0,
      ADD COLUMN document_error text;

    UPDATE app.outbox o
       SET recipient = COALESCE(m.handling_region, m.region_code) || '/' || o.recipient
      FROM app.matters m
     WHERE m.id = o.matter_id AND o.recipient_kind IN ('unit', 'court') AND position('/' IN o.recipient) = 0;
    UPDATE app.deliveries d
       SET recipient_ref = o.recipient
      FROM app.outbox o
     WHERE o.id = d.outbox_id AND d.channel = 'letter' AND position('/' IN d.recipient_ref) = 0;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE app.outbox DROP COLUMN document_attempts, DROP COLUMN document_error;
    DROP INDEX app.deliveries_letters_to;
    ALTER TABLE app.deliveries
      DROP COLUMN read_at, DROP COLUMN read_by, DROP COLUMN acknowledged_at, DROP COLUMN acknowledged_by,
      DROP COLUMN acknowledge_note;
  `);
}
