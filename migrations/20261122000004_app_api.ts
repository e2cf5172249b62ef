// Staff accounts, the parties of a matter (personal data encrypted at rest), the append-only audit
// log, the staff inbox (user-task jobs taken from the engine) and the deployed forms.
// Never edit once landed: add a new migration instead.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE app.users (
      id text PRIMARY KEY,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL CHECK (
        roles <@ ARRAY['window-clerk', 'mediator', 'department-handler', 'centre-supervisor', 'administrator',
                       'process-designer', 'auditor']
        AND cardinality(roles) > 0
      ),
      region_code text NOT NULL REFERENCES app.regions(code),
      unit text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- ID numbers and phones: AES-256-GCM ciphertext, plus a keyed hash (HMAC) so the same person can be
    -- found (duplicate hints) without decrypting anything.
    CREATE TABLE app.parties (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      matter_id bigint NOT NULL REFERENCES app.matters(id),
      role text NOT NULL CHECK (role IN ('applicant', 'respondent', 'third-party', 'agent')),
      name text NOT NULL,
      id_number_enc text,
      id_number_mac text,
      phone_enc text,
      phone_mac text
    );
    CREATE INDEX parties_matter ON app.parties (matter_id);
    CREATE INDEX parties_id_mac ON app.parties (id_number_mac) WHERE id_number_mac IS NOT NULL;
    CREATE INDEX parties_phone_mac ON app.parties (phone_mac) WHERE phone_mac IS NOT NULL;

    ALTER TABLE app.matters ADD COLUMN possible_duplicate_of bigint[] NOT NULL DEFAULT '{}';

    CREATE TABLE app.audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      target_kind text NOT NULL,
      target_id text,
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_target ON app.audit_log (target_kind, target_id);
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON app.audit_log
      FOR EACH ROW EXECUTE FUNCTION app.forbid_change();

    CREATE TABLE app.forms (
      form_key text PRIMARY KEY,
      form_id text NOT NULL,
      version int NOT NULL,
      schema jsonb NOT NULL
    );

    CREATE TABLE app.tasks (
      job_key text PRIMARY KEY,
      matter_id bigint REFERENCES app.matters(id),
      tracking_code text,
      region_path text,
      element_id text NOT NULL,
      name text,
      process_instance_key text NOT NULL,
      form_key text,
      candidate_groups text[] NOT NULL DEFAULT '{}',
      assignee text,
      due_at timestamptz,
      risk_level text,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'completed', 'gone')),
      claimed_by text,
      completed_by text,
      completed_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX tasks_open_due ON app.tasks (due_at) WHERE state = 'open';
    CREATE INDEX tasks_open_region ON app.tasks (region_path text_pattern_ops) WHERE state = 'open';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    `DROP TABLE app.tasks, app.forms, app.audit_log, app.parties, app.users;
     ALTER TABLE app.matters DROP COLUMN possible_duplicate_of`,
  );
}
