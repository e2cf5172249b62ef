// Delivery receipts (issue 15): an SMS the provider took is 'sent'; whether it reached the handset is
// asked of the provider afterwards (回执), until it answers delivered or failed or two days have passed.
// next_check_at is when the next question is due (null: none, e.g. messages sent before this column or
// whose receipt was given up on); receipt_checks counts the questions, and is the claim's fencing token
// as attempts is for sending.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE app.deliveries
      ADD COLUMN delivered_at timestamptz,
      ADD COLUMN receipt_checks int NOT NULL DEFAULT 0,
      ADD COLUMN next_check_at timestamptz;
    CREATE INDEX deliveries_receipt_due ON app.deliveries (next_check_at)
      WHERE status = 'sent' AND next_check_at IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX app.deliveries_receipt_due;
    ALTER TABLE app.deliveries DROP COLUMN delivered_at, DROP COLUMN receipt_checks, DROP COLUMN next_check_at;
  `);
}
