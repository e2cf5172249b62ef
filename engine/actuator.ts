// Zeebe 8.4+'s clock actuator, on the engine's HTTP port: GET /actuator/clock,
// POST /actuator/clock/pin {epochMilli}, POST /actuator/clock/add {offsetMilli}, DELETE /actuator/clock.
import type { FastifyInstance } from 'fastify';
import type { EngineClock } from './clock.js';

export function registerActuator(app: FastifyInstance, clock: EngineClock): void {
  const view = () => ({ epochMilli: clock.nowMs(), instant: clock.now().toISOString() });
  app.get('/actuator/clock', async () => view());
  app.post('/actuator/clock/pin', {
    schema: { body: { type: 'object', required: ['epochMilli'], properties: { epochMilli: { type: 'integer', minimum: 0 } } } },
  }, async (req) => { clock.pin((req.body as { epochMilli: number }).epochMilli); return view(); });
  app.post('/actuator/clock/add', {
    schema: { body: { type: 'object', required: ['offsetMilli'], properties: { offsetMilli: { type: 'integer' } } } },
  }, async (req) => { clock.add((req.body as { offsetMilli: number }).offsetMilli); return view(); });
  app.delete('/actuator/clock', async () => { clock.reset(); return view(); });
  app.get('/actuator/health', async () => ({ status: 'UP' }));
}
