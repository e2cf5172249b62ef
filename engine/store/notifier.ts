// LISTEN/NOTIFY: wakes long-polling job activations when jobs of their type appear, and
// CreateProcessInstanceWithResult waiters when an instance completes (in any engine process).
import pg from 'pg';
import { EventEmitter } from 'node:events';

export class Notifier extends EventEmitter {
  private client: pg.Client | null = null;
  private stopped = false;

  constructor(private readonly url: string) { super(); this.setMaxListeners(0); }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => this.emit(n.channel, n.payload ?? ''));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query('LISTEN engine_jobs; LISTEN engine_instances');
    this.client = client;
  }

  private reconnect(old: pg.Client): void {
    if (this.stopped || this.client !== old) return;
    this.client = null;
    const retry = () => { if (!this.stopped) this.start().catch(() => setTimeout(retry, 1000).unref()); };
    setTimeout(retry, 500).unref();
  }

  /** Resolves true when jobs of `type` may be available, false on timeout or abort. */
  waitForJobs(type: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (v: boolean) => { clearTimeout(timer); this.off('engine_jobs', onJob); signal?.removeEventListener('abort', onAbort); resolve(v); };
      const onJob = (t: string) => { if (t === type) done(true); };
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.on('engine_jobs', onJob);
      signal?.addEventListener('abort', onAbort);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => {});
  }
}
