// Wakes long-polling job activations when jobs of their type appear, and
// CreateProcessInstanceWithResult waiters when an instance completes; tells other engine processes
// of new deployments. Waiters in this process are
// woken at once; other engine processes through LISTEN/NOTIFY, sent in batches outside the
// commands' transactions (a NOTIFY inside every command would serialise their commits).
import pg from 'pg';
import { EventEmitter } from 'node:events';

export class Notifier extends EventEmitter {
  private client: pg.Client | null = null;
  private stopped = false;
  private outbox = new Map<string, Set<string>>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {
    super();
    this.setMaxListeners(0);
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => {
      if (n.processId !== (client as any).processID) this.emit(n.channel, n.payload ?? '');
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query('LISTEN engine_jobs; LISTEN engine_instances; LISTEN engine_deployments');
    this.client = client;
    // Whatever was signalled while no connection listened is lost: listeners drop what they cached.
    this.emit('listening');
  }

  private reconnect(old: pg.Client): void {
    if (this.stopped || this.client !== old) return;
    this.client = null;
    const retry = () => {
      if (!this.stopped) this.start().catch(() => setTimeout(retry, 1000).unref());
    };
    setTimeout(retry, 500).unref();
  }

  /** Signals waiters here at once and in other engine processes within a few milliseconds. */
  signal(channel: 'engine_jobs' | 'engine_instances' | 'engine_deployments', payload: string): void {
    this.emit(channel, payload);
    let set = this.outbox.get(channel);
    if (!set) this.outbox.set(channel, (set = new Set()));
    set.add(payload);
    this.flushTimer ??= setTimeout(() => void this.flushOutbox(), 20);
  }

  private async flushOutbox(): Promise<void> {
    this.flushTimer = null;
    const batch = [...this.outbox].flatMap(([channel, set]) => [...set].map((p) => [channel, p]));
    this.outbox.clear();
    if (!batch.length || !this.client) return;
    await this.client
      .query('SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS n(c, p)', [
        batch.map((b) => b[0]),
        batch.map((b) => b[1]),
      ])
      .catch(() => {});
  }

  /**
   * Starts listening for jobs of `type` now, before the caller looks for jobs, so a job created
   * between that look and the wait is not missed. `wait` resolves true when signalled (or was
   * already), false on timeout or abort.
   */
  jobsWaiter(type: string, signal?: AbortSignal): { wait(timeoutMs: number): Promise<boolean>; cancel(): void } {
    let fired = false;
    let wake: ((v: boolean) => void) | null = null;
    const onJob = (t: string) => {
      if (t === type) {
        fired = true;
        wake?.(true);
      }
    };
    const onAbort = () => wake?.(false);
    this.on('engine_jobs', onJob);
    signal?.addEventListener('abort', onAbort);
    const cancel = () => {
      this.off('engine_jobs', onJob);
      signal?.removeEventListener('abort', onAbort);
    };
    return {
      cancel,
      wait: (timeoutMs) =>
        new Promise<boolean>((resolve) => {
          if (fired || signal?.aborted) {
            cancel();
            resolve(fired);
            return;
          }
          const timer = setTimeout(() => wake?.(false), timeoutMs);
          wake = (v) => {
            clearTimeout(timer);
            cancel();
            resolve(v);
          };
        }),
    };
  }

  async stop(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      await this.flushOutbox();
    }
    this.stopped = true;
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => {});
  }
}
