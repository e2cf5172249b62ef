// The 'leader' role (领导): county leaders and the offices that supervise for them read the figures and
// the supervision items of their jurisdiction and complete the supervision tasks of their unit
// (domain/roles.ts). The roles CHECK of app.users (migration 4, unnamed, so found by its definition)
// is replaced by one that admits it.
import type { Knex } from 'knex';

const BEFORE = [
  'window-clerk',
  'mediator',
  'department-handler',
  'centre-supervisor',
  'administrator',
  'process-designer',
  'auditor',
];
const AFTER = [...BEFORE, 'leader'];

const list = (roles: string[]) => roles.map((r) => `'${r}'`).join(', ');

async function replaceCheck(knex: Knex, roles: string[]): Promise<void> {
  await knex.raw(`
    DO $$
    DECLARE c record;
    BEGIN
      FOR c IN
        SELECT conname
          FROM pg_constraint
         WHERE conrelid = 'app.users'::regclass
           AND contype = 'c'
           AND pg_get_constraintdef(oid) LIKE '%roles%'
      LOOP
        EXECUTE format('ALTER TABLE app.users DROP CONSTRAINT %I', c.conname);
      END LOOP;
    END $$;
    ALTER TABLE app.users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY[${list(roles)}]::text[] AND cardinality(roles) > 0);
  `);
}

export async function up(knex: Knex): Promise<void> {
  await replaceCheck(knex, AFTER);
}

/** Refuses while any account holds the role: an administrator changes their roles first. */
export async function down(knex: Knex): Promise<void> {
  const { rows } = await knex.raw(`SELECT id FROM app.users WHERE 'leader' = ANY (roles) ORDER BY id LIMIT 5`);
  if (rows.length)
    throw new Error(`accounts hold the leader role (${rows.map((r: { id: string }) => r.id).join(', ')})`);
  await replaceCheck(knex, BEFORE);
}
