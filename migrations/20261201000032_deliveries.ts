// Messages that leave the building (issue 15). app.outbox holds what the flow decided to say ("the
// parties", "the unit"); app.deliveries holds each message actually sent: one row per recipient and
// channel, expanded once from its outbox row (unique key), then claimed, sent, retried with back-off
// and dead-lettered. Opt-outs are kept by the phone's keyed hash, never the number.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE app.outbox ADD COLUMN expanded_at timestamptz;
    CREATE INDEX outbox_unexpanded ON app.outbox (id) WHERE expanded_at IS NULL;

    CREATE TABLE app.deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      outbox_id bigint NOT NULL REFERENCES app.outbox(id),
      matter_id bigint REFERENCES app.matters(id),
      -- outbox id + recipient: the provider's idempotency reference (OutId) as well.
      idempotency_key text NOT NULL UNIQUE,
      channel text NOT NULL CHECK (channel IN ('sms', 'letter', 'internal')),
      -- sms: the party's id (the number is read, decrypted, only when sending); letter/internal: the unit
      -- or user it is addressed to.
      recipient_ref text NOT NULL,
      template text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'dead', 'skipped')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_error text,
      provider_ref text,
      -- what was sent (the demo adapter's record; the text a provider renders from the template)
      rendered text,
      created_at timestamptz NOT NULL,
      sent_at timestamptz,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX deliveries_due ON app.deliveries (next_attempt_at)
      WHERE status IN ('queued', 'failed', 'sending');
    CREATE INDEX deliveries_matter ON app.deliveries (matter_id, id);
    CREATE INDEX deliveries_dead ON app.deliveries (id) WHERE status = 'dead';

    CREATE TABLE app.sms_opt_outs (
      phone_mac text PRIMARY KEY,
      at timestamptz NOT NULL,
      source text NOT NULL
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE app.sms_opt_outs;
    DROP TABLE app.deliveries;
    DROP INDEX app.outbox_unexpanded;
    ALTER TABLE app.outbox DROP COLUMN expanded_at;
  `);
}
