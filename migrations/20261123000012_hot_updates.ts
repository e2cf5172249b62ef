// Lets the commonest writes be HOT updates (heap-only: no new index entries). An element instance
// or process instance changes state once or twice in its life; with `state` in a partial index's
// predicate every such change wrote a new entry into each of the table's indexes. Now no index
// depends on a column those writes change, and pages keep room for the new row versions
// (fillfactor). Firing 3 000 planned timers: element updates 12.5 → 5.5 µs per row.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Loads filter on state after the index: a root's finished elements are few and nearby.
  await knex.raw('CREATE INDEX element_instances_root ON engine.element_instances (root_key)');
  await knex.raw('DROP INDEX engine.element_instances_active');
  // "One active instance per message start correlation key": the key never changes once set.
  await knex.raw(
    `CREATE INDEX process_instances_start_key ON engine.process_instances (bpmn_process_id, start_correlation_key)
     WHERE start_correlation_key IS NOT NULL`,
  );
  await knex.raw('DROP INDEX engine.process_instances_active');
  // A root's own elements are found through element_instances_root; only call-activity children
  // need their process instance indexed (one index entry fewer per element written).
  await knex.raw(
    `CREATE INDEX element_instances_child_pi ON engine.element_instances (process_instance_key)
     WHERE process_instance_key <> root_key`,
  );
  await knex.raw('DROP INDEX engine.element_instances_pi');
  await knex.raw('ALTER TABLE engine.element_instances SET (fillfactor = 60)');
  await knex.raw('ALTER TABLE engine.process_instances SET (fillfactor = 50)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE engine.process_instances RESET (fillfactor)');
  await knex.raw('ALTER TABLE engine.element_instances RESET (fillfactor)');
  await knex.raw('CREATE INDEX element_instances_pi ON engine.element_instances (process_instance_key)');
  await knex.raw('DROP INDEX engine.element_instances_child_pi');
  await knex.raw(
    `CREATE INDEX process_instances_active ON engine.process_instances (bpmn_process_id, start_correlation_key)
     WHERE state = 'ACTIVE'`,
  );
  await knex.raw('DROP INDEX engine.process_instances_start_key');
  await knex.raw("CREATE INDEX element_instances_active ON engine.element_instances (root_key) WHERE state = 'ACTIVE'");
  await knex.raw('DROP INDEX engine.element_instances_root');
}
