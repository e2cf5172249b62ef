// Small helpers for set-based writes: one statement per table per command, whatever the row count.
import type { Tx } from './db.js';

/**
 * INSERT INTO table (cols) SELECT ... FROM unnest($1::t1[], $2::t2[], ...).
 * `select` may wrap columns (e.g. to turn text into bigint[]); defaults to the plain columns.
 */
export async function insertRows(tx: Tx, table: string, columns: [string, string][], rows: unknown[][], select?: string, suffix = ''): Promise<void> {
  if (!rows.length) return;
  const params = columns.map((_, i) => rows.map((r) => r[i]));
  const unnest = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  const names = columns.map(([c]) => c).join(', ');
  const sel = select ?? names;
  await tx.query(`INSERT INTO ${table} (${names}) SELECT ${sel} FROM unnest(${unnest}) AS u(${names}) ${suffix}`, params);
}
