// The database's part of /health: answers whether a trivial query succeeds.
import type pg from 'pg';

export async function databaseUp(pool: pg.Pool): Promise<boolean> {
  return pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
}
