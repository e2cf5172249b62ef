// The application's database handle (knex over pg). Repositories take it as their first argument, so
// a caller can pass a transaction instead when several writes must land together.
import knex, { type Knex } from 'knex';

export type Db = Knex | Knex.Transaction;

export function connect(url: string, max = 10): Knex {
  return knex({ client: 'pg', connection: url, pool: { min: 0, max } });
}

/** A LIKE pattern matching text that starts with `prefix` (its %, _ and backslash taken literally). */
export function likePrefix(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}

/** `text` with LIKE's wildcards and escape character taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
