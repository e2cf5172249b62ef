// Connection pool, transactions and key allocation for the engine's schema.
import pg from 'pg';

// int8 as string: Zeebe keys exceed 2^53.
pg.types.setTypeParser(20, (v) => v);

export type Tx = pg.PoolClient;

export class EngineDb {
  readonly pool: pg.Pool;
  private keyNext = 0n;
  private keyEnd = 0n;
  private keyRefill: Promise<void> | null = null;

  constructor(url: string, poolSize: number) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize });
    this.pool.on('error', () => {
      /* a broken idle client is dropped by the pool */
    });
  }

  /** One command = one transaction; retried on deadlock / serialization failure. */
  async tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        const code = (err as { code?: string }).code;
        if ((code === '40P01' || code === '40001') && attempt < 5) continue;
        throw err;
      } finally {
        client.release();
      }
    }
  }

  /** Keys come from a sequence. Pass the transaction's client so a full pool cannot deadlock.
   * Keys come from a sequence with INCREMENT 100: one nextval reserves 100 keys. */
  async nextKey(via: pg.ClientBase | pg.Pool = this.pool): Promise<string> {
    while (this.keyNext >= this.keyEnd) {
      if (!this.keyRefill) {
        this.keyRefill = (async () => {
          const { rows } = await via.query("SELECT nextval('engine.keys') AS k");
          this.keyNext = BigInt(rows[0].k);
          this.keyEnd = this.keyNext + 100n;
        })().finally(() => {
          this.keyRefill = null;
        });
      }
      await this.keyRefill;
    }
    return (this.keyNext++).toString();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const statementNames = new Map<string, string>();

/**
 * A named (prepared) statement for hot paths: PostgreSQL parses and plans it once per connection
 * instead of on every command. Names derive from the text, so equal texts share a plan.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `e${statementNames.size.toString(36)}`;
    // Statement texts are finite (flush batches combine a bounded set of parts); cap it anyway.
    if (statementNames.size < 5000) statementNames.set(text, name);
    else return { text, values };
  }
  return { name, text, values };
}
