// Zeebe 8.4+'s clock actuator, on the engine's HTTP port: GET /actuator/clock,
// POST /actuator/clock/pin {epochMilli}, POST /actuator/clock/add {offsetMilli}, DELETE /actuator/clock.
import type { FastifyInstance } from 'fastify';
import type { EngineClock } from './clock.js';

/**
 * `settled` resolves once a scheduler pass already running has ended: the answer to a clock change
 * waits for it, since that pass read the time before the change (after a move backwards it could
 * otherwise fire timers created after the answer, by a time the clock no longer shows).
 */
export function registerActuator(
  app: FastifyInstance,
  clock: EngineClock,
  settled: () => Promise<void> = async () => {},
): void {
  const view = () => ({ epochMilli: clock.nowMs(), instant: clock.now().toISOString() });
  const change = async (fn: () => void) => {
    const running = settled();
    fn();
    const v = view();
    await running;
    return v;
  };
  // Read every second by the application when clock control is on: not worth a log line each time.
  app.get('/actuator/clock', { logLevel: 'warn' }, async () => view());
  app.post(
    '/actuator/clock/pin',
    {
      schema: {
        body: { type: 'object', required: ['epochMilli'], properties: { epochMilli: { type: 'integer', minimum: 0 } } },
      },
    },
    (req) => change(() => clock.pin((req.body as { epochMilli: number }).epochMilli)),
  );
  app.post(
    '/actuator/clock/add',
    {
      schema: { body: { type: 'object', required: ['offsetMilli'], properties: { offsetMilli: { type: 'integer' } } } },
    },
    (req) => change(() => clock.add((req.body as { offsetMilli: number }).offsetMilli)),
  );
  app.delete('/actuator/clock', () => change(() => clock.reset()));
  app.get('/actuator/health', async () => ({ status: 'UP' }));
}
