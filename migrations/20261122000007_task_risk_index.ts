// The inbox sorted by risk reads the top of this index instead of sorting every open task.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX tasks_open_risk
     ON app.tasks ((CASE risk_level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END), due_at, job_key)
     WHERE state = 'open'`,
  );
  await knex.raw(`CREATE INDEX tasks_open_due_key ON app.tasks (due_at, job_key) WHERE state = 'open'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX app.tasks_open_risk; DROP INDEX app.tasks_open_due_key');
}
