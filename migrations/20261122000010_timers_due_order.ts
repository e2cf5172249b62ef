// Due timers are read in (due_date, key) order, a round at a time. With only due_date indexed, a
// burst of timers sharing one due date (a deadline set for many matters at once) was sorted whole
// on every round.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX timers_due_order ON engine.timers (due_date, key)');
  await knex.raw('DROP INDEX engine.timers_due');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX timers_due ON engine.timers (due_date)');
  await knex.raw('DROP INDEX engine.timers_due_order');
}
