// Exactly one process instance per matter, and idempotent replays that compare the whole request.
// - start_claimed_until / start_attempts: whoever starts a matter's instance first claims it (one
//   UPDATE, so concurrent retries, the sweeper and several API processes cannot all start it); a
//   claim that expired without a saved instance key is looked up in the engine before any re-create.
// - request_hash: a keyed hash of the canonical intake request; a replay under the same
//   Idempotency-Key with any difference is refused. Matters from before have none (old rule).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE app.matters
      ADD COLUMN start_claimed_until timestamptz,
      ADD COLUMN start_attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN request_hash text`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE app.matters
      DROP COLUMN start_claimed_until,
      DROP COLUMN start_attempts,
      DROP COLUMN request_hash`);
}
