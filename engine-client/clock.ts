// One clock for the whole system. With clock control on (tests, demos, training), the engine's time
// can be moved; workers and the API then take their time from it too, or deadlines they compute
// would already be past (or far off) on the engine's timers. The engine's offset from the wall clock
// is read once a second; between reads the time runs on with the wall clock.
import type { OperateClient } from './operate.js';

export interface FollowedClock {
  now: () => Date;
  stop(): void;
}

/** Follows the engine's clock; the first reading is taken before this resolves. */
export async function followEngineClock(
  operate: Pick<OperateClient, 'engineTime'>,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): Promise<FollowedClock> {
  let offset = 0;
  const sync = async () => {
    const sent = Date.now();
    const engine = await operate.engineTime();
    const received = Date.now();
    // The engine read its clock somewhere during the round trip: assume the middle.
    offset = engine - (sent + received) / 2;
  };
  await sync();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    sync()
      .catch((err) => opts.onError?.(err))
      .finally(() => (busy = false));
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return { now: () => new Date(Date.now() + offset), stop: () => clearInterval(timer) };
}
