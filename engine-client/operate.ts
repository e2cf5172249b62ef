// A small client of the Operate v1 API (the embedded engine's, or a Camunda 8 Operate): searches
// that page through everything with searchAfter, and the root of a (called) process instance.
import { getBody, postBody } from './http.js';

export class OperateClient {
  constructor(
    private readonly url: string,
    private readonly opts: { ca?: string; token?: () => Promise<string> } = {},
  ) {}

  async search<T = any>(resource: string, filter: Record<string, unknown>, max = 10_000): Promise<T[]> {
    const out: T[] = [];
    let searchAfter: unknown[] | undefined;
    while (out.length < max) {
      const headers: Record<string, string> = this.opts.token
        ? { authorization: `Bearer ${await this.opts.token()}` }
        : {};
      const r = await postBody(
        `${this.url}/v1/${resource}/search`,
        JSON.stringify({ filter, size: 500, ...(searchAfter ? { searchAfter } : {}) }),
        'application/json',
        { ca: this.opts.ca, headers },
      );
      if (r.status !== 200) throw new Error(`Operate ${resource} search: ${r.status}`);
      const page = JSON.parse(r.text) as { items: T[]; sortValues?: unknown[] };
      out.push(...page.items);
      if (page.items.length < 500 || !page.sortValues?.length) break;
      searchAfter = page.sortValues;
    }
    return out;
  }

  /** The engine's time (epoch ms) from its clock actuator, which answers where clock control is on. */
  async engineTime(): Promise<number> {
    const headers: Record<string, string> = this.opts.token
      ? { authorization: `Bearer ${await this.opts.token()}` }
      : {};
    const r = await getBody(`${this.url}/actuator/clock`, { ca: this.opts.ca, headers, timeoutMs: 2000 });
    if (r.status !== 200) throw new Error(`engine clock: ${r.status}`);
    const { epochMilli } = JSON.parse(r.text) as { epochMilli: number };
    if (!Number.isFinite(epochMilli)) throw new Error('engine clock: no epochMilli');
    return epochMilli;
  }

  /** The BPMN XML of a deployed process definition (GET /v1/process-definitions/{key}/xml). */
  async definitionXml(key: string): Promise<string> {
    const headers: Record<string, string> = this.opts.token
      ? { authorization: `Bearer ${await this.opts.token()}` }
      : {};
    const r = await getBody(`${this.url}/v1/process-definitions/${encodeURIComponent(key)}/xml`, {
      ca: this.opts.ca,
      headers,
    });
    if (r.status !== 200) throw new Error(`Operate process definition ${key} xml: ${r.status}`);
    return r.text;
  }

  /** Follows parentKey up to the root process instance (where a matter's instance key is). */
  async rootOf(processInstanceKey: string, cache = new Map<string, string>()): Promise<string> {
    let key = String(processInstanceKey);
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      if (cache.has(key)) {
        key = cache.get(key)!;
        break;
      }
      seen.push(key);
      const [pi] = await this.search<{ key: string; parentKey?: string | null }>('process-instances', { key }, 1);
      if (!pi?.parentKey) break;
      key = String(pi.parentKey);
    }
    for (const s of seen) cache.set(s, key);
    return key;
  }
}
