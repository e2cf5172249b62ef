// The embedded engine's own schema. Never edit once landed: add a new migration instead.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SCHEMA engine;
    -- Keys look like Zeebe's (partition 1 in the top bits). Each engine process reserves a block of
    -- 100 keys per nextval, so allocation is not a round trip per key.
    CREATE SEQUENCE engine.keys START 2251799813685249 INCREMENT 100;

    CREATE TABLE engine.deployments (
      key bigint PRIMARY KEY,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE engine.process_definitions (
      key bigint PRIMARY KEY,
      bpmn_process_id text NOT NULL,
      version int NOT NULL,
      name text,
      resource_name text NOT NULL,
      checksum text NOT NULL,
      xml text NOT NULL,
      deployment_key bigint NOT NULL REFERENCES engine.deployments(key),
      created_at timestamptz NOT NULL,
      UNIQUE (bpmn_process_id, version)
    );

    CREATE TABLE engine.process_instances (
      key bigint PRIMARY KEY,
      root_key bigint NOT NULL,
      process_definition_key bigint NOT NULL,
      bpmn_process_id text NOT NULL,
      version int NOT NULL,
      state text NOT NULL,
      parent_process_instance_key bigint,
      parent_element_instance_key bigint,
      start_correlation_key text,
      -- Bumped by every command on the instance tree: optimistic commands check it when they write.
      rev bigint NOT NULL DEFAULT 0,
      start_date timestamptz NOT NULL,
      end_date timestamptz
    );
    CREATE INDEX process_instances_root ON engine.process_instances (root_key);
    CREATE INDEX process_instances_active ON engine.process_instances (bpmn_process_id, start_correlation_key)
      WHERE state = 'ACTIVE';

    CREATE TABLE engine.element_instances (
      key bigint PRIMARY KEY,
      root_key bigint NOT NULL,
      process_instance_key bigint NOT NULL,
      process_definition_key bigint NOT NULL,
      bpmn_process_id text NOT NULL,
      element_id text NOT NULL,
      element_type text NOT NULL,
      flow_scope_key bigint,
      state text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      start_date timestamptz NOT NULL,
      end_date timestamptz
    );
    CREATE INDEX element_instances_active ON engine.element_instances (root_key) WHERE state = 'ACTIVE';
    CREATE INDEX element_instances_pi ON engine.element_instances (process_instance_key);

    CREATE TABLE engine.variables (
      scope_key bigint NOT NULL,
      name text NOT NULL,
      value text NOT NULL,
      key bigint NOT NULL,
      root_key bigint NOT NULL,
      process_instance_key bigint NOT NULL,
      PRIMARY KEY (scope_key, name)
    );
    CREATE INDEX variables_root ON engine.variables (root_key);
    CREATE INDEX variables_pi ON engine.variables (process_instance_key);

    CREATE TABLE engine.jobs (
      key bigint PRIMARY KEY,
      type text NOT NULL,
      state text NOT NULL,
      retries int NOT NULL,
      worker text,
      deadline timestamptz,
      retry_at timestamptz,
      error_message text,
      custom_headers jsonb NOT NULL,
      root_key bigint NOT NULL,
      process_instance_key bigint NOT NULL,
      element_instance_key bigint NOT NULL,
      element_id text NOT NULL,
      bpmn_process_id text NOT NULL,
      process_definition_key bigint NOT NULL,
      version int NOT NULL,
      scope_keys bigint[] NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX jobs_activatable ON engine.jobs (type, key) WHERE state = 'ACTIVATABLE';
    CREATE INDEX jobs_activated ON engine.jobs (deadline) WHERE state = 'ACTIVATED';
    CREATE INDEX jobs_backoff ON engine.jobs (retry_at) WHERE state = 'BACKOFF';
    CREATE INDEX jobs_element ON engine.jobs (element_instance_key);

    CREATE TABLE engine.timers (
      key bigint PRIMARY KEY,
      due_date timestamptz NOT NULL,
      root_key bigint,
      element_instance_key bigint,
      process_definition_key bigint NOT NULL,
      element_id text NOT NULL,
      repetitions int NOT NULL,
      interval text
    );
    CREATE INDEX timers_due ON engine.timers (due_date);
    CREATE INDEX timers_element ON engine.timers (element_instance_key);
    CREATE INDEX timers_definition ON engine.timers (process_definition_key) WHERE element_instance_key IS NULL;

    CREATE TABLE engine.message_subscriptions (
      key bigint PRIMARY KEY,
      message_name text NOT NULL,
      correlation_key text NOT NULL,
      root_key bigint NOT NULL,
      process_instance_key bigint NOT NULL,
      element_instance_key bigint NOT NULL,
      element_id text NOT NULL
    );
    CREATE INDEX message_subscriptions_name ON engine.message_subscriptions (message_name, correlation_key);
    CREATE INDEX message_subscriptions_element ON engine.message_subscriptions (element_instance_key);

    CREATE TABLE engine.message_start_subscriptions (
      process_definition_key bigint NOT NULL,
      bpmn_process_id text NOT NULL,
      element_id text NOT NULL,
      message_name text NOT NULL,
      PRIMARY KEY (process_definition_key, element_id)
    );
    CREATE INDEX message_start_subscriptions_name ON engine.message_start_subscriptions (message_name);

    CREATE TABLE engine.messages (
      key bigint PRIMARY KEY,
      name text NOT NULL,
      correlation_key text NOT NULL,
      message_id text NOT NULL,
      variables text NOT NULL,
      deadline timestamptz NOT NULL
    );
    CREATE INDEX messages_name ON engine.messages (name, correlation_key);
    CREATE INDEX messages_deadline ON engine.messages (deadline);
    CREATE UNIQUE INDEX messages_id ON engine.messages (name, correlation_key, message_id) WHERE message_id <> '';

    -- A buffered message correlates at most once per process instance (and once per process id for
    -- message start events).
    CREATE TABLE engine.message_correlations (
      message_key bigint NOT NULL,
      target text NOT NULL,
      PRIMARY KEY (message_key, target)
    );

    CREATE TABLE engine.incidents (
      key bigint PRIMARY KEY,
      state text NOT NULL,
      error_type text NOT NULL,
      error_message text NOT NULL,
      root_key bigint NOT NULL,
      process_instance_key bigint NOT NULL,
      process_definition_key bigint NOT NULL,
      bpmn_process_id text NOT NULL,
      element_instance_key bigint NOT NULL,
      element_id text NOT NULL,
      job_key bigint,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      resolved_at timestamptz
    );
    CREATE INDEX incidents_root ON engine.incidents (root_key) WHERE state = 'ACTIVE';
    CREATE INDEX incidents_pi ON engine.incidents (process_instance_key);
    CREATE INDEX incidents_job ON engine.incidents (job_key) WHERE state = 'ACTIVE';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA engine CASCADE');
}
