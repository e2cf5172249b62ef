// The workers part of `npm start`: deploys the models (an unchanged model is a no-op, so every start
// deploys) and serves every job type through the engine port.
import type { PartContext, RunningPart } from '../services/parts.js';
import { deployModels } from '../services/processes.js';
import { CalendarSource } from '../services/calendar.js';
import { WORKERS, startWorkers, workerDeps, zeebeTransport } from './index.js';
import { startSender } from '../services/sender/index.js';
import { smsAdapter } from '../services/sender/adapters.js';
import { Vault } from '../platform/privacy.js';
import { resolveSecrets } from '../platform/secrets.js';

export async function start(ctx: PartContext): Promise<RunningPart> {
  const engine = ctx.engine();
  const deployed = await deployModels(engine);
  const calendar = new CalendarSource(ctx.db);
  const deps = workerDeps({
    db: ctx.db,
    clock: ctx.clock,
    regions: ctx.regions,
    calendar: () => calendar.current(),
    log: ctx.log,
  });
  const workers = startWorkers(zeebeTransport(engine), deps, WORKERS);
  // The outbox's sender runs beside the workers and scales like them (claims are SKIP LOCKED).
  const vault = new Vault(resolveSecrets(ctx.cfg).dataKey);
  const sms = smsAdapter(ctx.cfg);
  const sender = startSender({ db: ctx.db, vault, sms: sms.adapter, clock: ctx.clock, log: ctx.log });
  return {
    lines: [
      `Job workers:                     ${workers.types.length} job types; ` +
        `deployed ${deployed.processes.join(', ')} and ${deployed.forms.length} forms`,
      `Message sender:                  ${sms.note}`,
    ],
    stop: async () => {
      await sender.close();
      await workers.close();
      await engine.close();
    },
  };
}
