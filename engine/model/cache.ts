// Parsed models by process definition key. Definitions are immutable, so entries never go stale.
import type pg from 'pg';
import { parseBpmn } from './parse.js';
import type { ProcessModel } from './types.js';
import { definitionByKey, type DefinitionRow } from '../store/definitions.js';

export interface Definition { row: Omit<DefinitionRow, 'xml'>; model: ProcessModel }

export class ModelCache {
  private readonly entries = new Map<string, Promise<Definition>>();

  constructor(private readonly pool: pg.Pool) {}

  get(key: string): Promise<Definition> {
    let e = this.entries.get(key);
    if (!e) {
      e = (async () => {
        const row = await definitionByKey(this.pool, key);
        if (!row) throw new Error(`process definition ${key} not found`);
        return this.fromRow(row);
      })();
      e.catch(() => this.entries.delete(key));
      this.entries.set(key, e);
    }
    return e;
  }

  async fromRow(row: DefinitionRow): Promise<Definition> {
    const models = await parseBpmn(row.xml, row.resourceName);
    const model = models.find((m) => m.bpmnProcessId === row.bpmnProcessId);
    if (!model) throw new Error(`process ${row.bpmnProcessId} missing from its resource`);
    const { xml: _xml, ...meta } = row;
    return { row: meta, model };
  }

  put(key: string, def: Definition): void { this.entries.set(key, Promise.resolve(def)); }
}
