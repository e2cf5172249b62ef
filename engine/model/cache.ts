// Parsed models by process definition key. Definitions are immutable, so entries never go stale.
// Also the latest definition per process id and the latest form per form id (creates, call
// activities and user tasks read them all the time; deployments are rare): a deployment here drops
// them at once, one in another engine process through NOTIFY within milliseconds, as a Zeebe
// cluster distributes a deployment to its other partitions.
import type pg from 'pg';
import { parseBpmn } from './parse.js';
import type { ProcessModel } from './types.js';
import { definitionByKey, latestDefinition, latestFormKey, type DefinitionRow } from '../store/definitions.js';

export interface Definition {
  row: Omit<DefinitionRow, 'xml'>;
  model: ProcessModel;
}

class MissingDefinition extends Error {}

/**
 * How much model source the cache holds before it forgets the least recently used definitions (a
 * parsed model takes a few times its XML in memory). Anyone able to deploy could otherwise grow the
 * engine without bound; a forgotten definition is parsed again from the database when next needed.
 */
export const MODEL_CACHE_BYTES = 64 * 1024 * 1024;

export class ModelCache {
  /** Insertion order is recency: a hit moves its entry to the end; the front is evicted first. */
  private readonly entries = new Map<string, Promise<Definition>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private readonly latestKeys = new Map<string, string>();
  /** Bumped by every forget: a look-up that raced with a deployment does not cache what it read. */
  private generation = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly budget = MODEL_CACHE_BYTES,
  ) {}

  get(key: string): Promise<Definition> {
    let e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
      return e;
    }
    e = (async () => {
      const row = await definitionByKey(this.pool, key);
      if (!row) throw new MissingDefinition(`process definition ${key} not found`);
      const def = await this.fromRow(row);
      if (this.entries.get(key) === e) this.account(key, Buffer.byteLength(row.xml));
      return def;
    })();
    e.catch(() => this.drop(key));
    this.entries.set(key, e);
    return e;
  }

  /** Entries and bytes held (for tests and monitoring). */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private account(key: string, size: number): void {
    this.bytes += size - (this.sizes.get(key) ?? 0);
    this.sizes.set(key, size);
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.budget || oldest === key) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    this.entries.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  /** As get, but null when no definition has this key. */
  find(key: string): Promise<Definition | null> {
    return this.get(key).catch((err) => {
      if (err instanceof MissingDefinition) return null;
      throw err;
    });
  }

  async fromRow(row: DefinitionRow): Promise<Definition> {
    const models = await parseBpmn(row.xml, row.resourceName);
    const model = models.find((m) => m.bpmnProcessId === row.bpmnProcessId);
    if (!model) throw new Error(`process ${row.bpmnProcessId} missing from its resource`);
    const { xml: _xml, ...meta } = row;
    return { row: meta, model };
  }

  put(key: string, def: Definition, size: number): void {
    this.drop(key);
    this.entries.set(key, Promise.resolve(def));
    this.account(key, size);
  }

  /** The key of the latest process definition or form with this id; null if none is deployed. */
  async latest(kind: 'process' | 'form', id: string, q: pg.PoolClient | pg.Pool): Promise<string | null> {
    const cached = this.latestKeys.get(`${kind}:${id}`);
    if (cached) return cached;
    const generation = this.generation;
    const key = kind === 'process' ? ((await latestDefinition(q, id))?.key ?? null) : await latestFormKey(q, id);
    if (key && generation === this.generation) this.latestKeys.set(`${kind}:${id}`, key);
    return key;
  }

  forgetLatest(): void {
    this.generation++;
    this.latestKeys.clear();
  }
}
