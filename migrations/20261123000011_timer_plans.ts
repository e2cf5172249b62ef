// A timer created on an instance carries its firing plan: the rows firing it will write, worked
// out when it was created, valid while the instance's revision is unchanged. Due timers with a
// valid plan then fire thousands per statement (engine/store/planned-timers.ts); the others, and
// any whose instance changed since, fire one command each as before.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE engine.timers ADD COLUMN plan jsonb, ADD COLUMN plan_rev bigint');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE engine.timers DROP COLUMN plan, DROP COLUMN plan_rev');
}
