// Quality sampling as seed 002 describes (四级抽访): the weeks sampled and by which run (so a rerun or
// a redelivered job samples nothing twice), who reviews each sample (the level above), the share of a
// pool per region (a table administrators keep; the model's header is the default), and the disputes
// flagged long unresolved (久调不决), once each, with the route they are guided to.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- One row per China week (its Monday) sampled; run_key is the sampling job's element instance.
    CREATE TABLE app.quality_sampling_runs (
      week_start date PRIMARY KEY,
      run_key text NOT NULL,
      ran_at timestamptz NOT NULL
    );
    CREATE INDEX quality_sampling_runs_key ON app.quality_sampling_runs (run_key);

    -- The share of a review pool sampled, for the reviewing region and everything below it.
    CREATE TABLE app.quality_sample_shares (
      region_code text PRIMARY KEY REFERENCES app.regions(code),
      share numeric NOT NULL CHECK (share > 0 AND share <= 1),
      updated_at timestamptz NOT NULL,
      updated_by text
    );

    ALTER TABLE app.quality_samples
      ADD COLUMN run_key text,
      ADD COLUMN mediated_tier text,
      ADD COLUMN mediated_unit text,
      ADD COLUMN review_unit text,
      ADD COLUMN share numeric;
    CREATE INDEX quality_samples_run ON app.quality_samples (run_key);
    CREATE INDEX quality_samples_period ON app.quality_samples (period_start, id);

    CREATE TABLE app.long_unresolved_flags (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      matter_id bigint NOT NULL UNIQUE REFERENCES app.matters(id),
      run_key text NOT NULL,
      week_start date NOT NULL,
      flagged_at timestamptz NOT NULL,
      misses int NOT NULL CHECK (misses > 0),
      handling_unit text,
      route text NOT NULL,
      route_unit text NOT NULL
    );
    CREATE INDEX long_unresolved_flags_run ON app.long_unresolved_flags (run_key);

    -- The week's closed cases without reading every closed matter.
    CREATE INDEX matters_closed_at ON app.matters (closed_at) WHERE status = 'closed';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX app.matters_closed_at;
    DROP TABLE app.long_unresolved_flags;
    DROP INDEX app.quality_samples_period;
    DROP INDEX app.quality_samples_run;
    ALTER TABLE app.quality_samples
      DROP COLUMN run_key, DROP COLUMN mediated_tier, DROP COLUMN mediated_unit,
      DROP COLUMN review_unit, DROP COLUMN share;
    DROP TABLE app.quality_sample_shares;
    DROP TABLE app.quality_sampling_runs;
  `);
}
