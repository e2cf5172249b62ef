// CreateProcessInstanceWithResult: callers waiting for a root instance to complete, woken by
// completions committed in this engine process and (through LISTEN) in others.
import type pg from 'pg';
import { EngineError } from './errors.js';
import { processInstanceState, rootVariables } from './store/incidents.js';

export class CompletionWaiters {
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(private readonly pool: pg.Pool) {}

  /** The root instance's variables once it completes; DEADLINE_EXCEEDED after timeoutMs. */
  async wait(processInstanceKey: string, timeoutMs: number): Promise<Record<string, unknown>> {
    await new Promise<void>((resolve, reject) => {
      const list = this.waiters.get(processInstanceKey) ?? [];
      const timer = setTimeout(() => {
        done();
        reject(
          new EngineError(
            'DEADLINE_EXCEEDED',
            `Expected process instance '${processInstanceKey}' to complete within ${timeoutMs} ms, but it did not`,
          ),
        );
      }, timeoutMs);
      const fire = () => {
        clearTimeout(timer);
        resolve();
      };
      const done = () => {
        const l = this.waiters.get(processInstanceKey);
        if (l) l.splice(l.indexOf(fire), 1);
      };
      list.push(fire);
      this.waiters.set(processInstanceKey, list);
      // It may have completed before the waiter was registered.
      processInstanceState(this.pool, processInstanceKey).then((s) => {
        if (s === 'COMPLETED') this.completed(processInstanceKey);
      }, reject);
    });
    return rootVariables(this.pool, processInstanceKey);
  }

  completed(key: string): void {
    const list = this.waiters.get(key);
    if (!list) return;
    this.waiters.delete(key);
    for (const fn of list) fn();
  }
}
