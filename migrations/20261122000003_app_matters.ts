// The application's schema: matters, their append-only event log (the source of every figure the
// centres report), the notification outbox, the mediator registry, regions and quality samples.
// Never edit once landed: add a new migration instead.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SCHEMA app;

    -- The region tree (city → county → town → village → grid). path is '/city/county/town/' so a
    -- jurisdiction (a subtree) is one index range scan: path LIKE '/demo-city/demo-county-a/%'.
    CREATE TABLE app.regions (
      code text PRIMARY KEY,
      parent text REFERENCES app.regions(code),
      tier text NOT NULL CHECK (tier IN ('city', 'county', 'town', 'village', 'grid')),
      region_class smallint NOT NULL CHECK (region_class IN (1, 2, 3)),
      name text NOT NULL,
      name_en text,
      path text NOT NULL UNIQUE,
      departments jsonb NOT NULL DEFAULT '[]'
    );
    CREATE INDEX regions_path ON app.regions (path text_pattern_ops);

    CREATE TABLE app.mediators (
      id text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('individual', 'committee')),
      region_code text NOT NULL REFERENCES app.regions(code),
      tier text NOT NULL,
      categories text[] NOT NULL,
      capacity int NOT NULL CHECK (capacity > 0),
      since int
    );

    CREATE TABLE app.matters (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tracking_code text NOT NULL UNIQUE,
      matter_type text NOT NULL
        CHECK (matter_type IN ('dispute', 'petition', 'complaint', 'consultation', 'counselling')),
      channel text NOT NULL,
      category text,
      region_code text NOT NULL REFERENCES app.regions(code),
      region_path text NOT NULL,
      summary text NOT NULL,
      facts jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'in-progress', 'closed', 'reopened')),
      -- Never one undifferentiated "closed": the reason is explicit.
      closure_reason text CHECK (closure_reason IN ('resolved', 'withdrawn', 'referred', 'not-accepted', 'litigated')),
      tier text,
      handling_region text,
      handling_unit text,
      risk_level text CHECK (risk_level IN ('red', 'orange', 'green')),
      mediator_id text REFERENCES app.mediators(id),
      process_id text,
      process_instance_key text,
      idempotency_key text UNIQUE,
      next_deadline timestamptz,
      received_at timestamptz NOT NULL,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'closed') = (closure_reason IS NOT NULL))
    );
    CREATE INDEX matters_region_path ON app.matters (region_path text_pattern_ops);
    CREATE INDEX matters_status ON app.matters (status, received_at);
    CREATE INDEX matters_mediator_open ON app.matters (mediator_id) WHERE status <> 'closed';

    -- Append-only: every step of every matter. dedup_key makes a redelivered job write nothing twice.
    CREATE TABLE app.matter_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      matter_id bigint NOT NULL REFERENCES app.matters(id),
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      tier text,
      unit text,
      data jsonb NOT NULL DEFAULT '{}',
      dedup_key text NOT NULL UNIQUE
    );
    CREATE INDEX matter_events_matter ON app.matter_events (matter_id, id);
    CREATE INDEX matter_events_type_time ON app.matter_events (type, occurred_at);
    CREATE FUNCTION app.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
    CREATE TRIGGER matter_events_append_only BEFORE UPDATE OR DELETE ON app.matter_events
      FOR EACH ROW EXECUTE FUNCTION app.forbid_change();

    -- Messages to citizens and units. A sender adapter (SMS gateway, letters) drains it later.
    CREATE TABLE app.outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      matter_id bigint REFERENCES app.matters(id),
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('citizen', 'unit', 'court', 'staff')),
      recipient text NOT NULL,
      template text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      dedup_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      sent_at timestamptz
    );
    CREATE INDEX outbox_unsent ON app.outbox (id) WHERE sent_at IS NULL;

    CREATE TABLE app.quality_samples (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      period_start date NOT NULL,
      matter_id bigint NOT NULL REFERENCES app.matters(id),
      region_code text NOT NULL,
      reason text NOT NULL CHECK (reason IN ('sampled', 'long-unresolved')),
      created_at timestamptz NOT NULL,
      reviewed_at timestamptz,
      review jsonb,
      UNIQUE (period_start, matter_id)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA app CASCADE');
}
