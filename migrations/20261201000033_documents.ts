// Official documents as PDF (issue 15): the supervision letters (两函一单) made for letter deliveries,
// the receipt (受理回执) and the mediation agreement made on first request. Each carries its document
// number (文号), assigned once from a counter per year and kind (an UPDATE … RETURNING on the counter's
// row: concurrent generations queue there, never share a number). The PDF is kept as made: a document
// that was sent must read the same when downloaded a year later.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE app.document_counters (
      year int NOT NULL,
      kind text NOT NULL,
      last int NOT NULL,
      PRIMARY KEY (year, kind)
    );

    CREATE TABLE app.documents (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      matter_id bigint NOT NULL REFERENCES app.matters(id),
      -- the letter's outbox row: one document per row, however often or by how many senders it is made
      outbox_id bigint UNIQUE REFERENCES app.outbox(id),
      kind text NOT NULL,
      doc_number text NOT NULL UNIQUE,
      title text NOT NULL,
      addressee text,
      pdf bytea NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX documents_matter ON app.documents (matter_id, id);
    -- a receipt or an agreement (no outbox row): one per matter and kind
    CREATE UNIQUE INDEX documents_matter_kind ON app.documents (matter_id, kind) WHERE outbox_id IS NULL;

    -- Letters whose document is still to be made: the sender's round finds them without scanning the outbox.
    ALTER TABLE app.outbox ADD COLUMN documented_at timestamptz;
    CREATE INDEX outbox_undocumented ON app.outbox (id)
      WHERE documented_at IS NULL AND recipient_kind IN ('unit', 'court') AND template IN (
        'reminder-letter', 'risk-warning-letter', 'risk-warning-letter-copy', 'assignment-sheet',
        'assignment-sheet-copy');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX app.outbox_undocumented;
    ALTER TABLE app.outbox DROP COLUMN documented_at;
    DROP TABLE app.documents;
    DROP TABLE app.document_counters;
  `);
}
