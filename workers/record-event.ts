// record-event: writes one step to the matter's event log, for steps that do nothing else (a
// department reported, a court confirmed). Header `event` names it; header `fields` lists the
// variables to keep with it (comma-separated).
import { BadJobData, defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

export const recordEvent = defineWorker({
  type: 'record-event',
  needs: STEP,
  create: (deps) => async (job) => {
    const type = job.headers.event;
    if (!type || !/^[a-z][a-z0-9-]*$/.test(type))
      throw new BadJobData(`header 'event' must be a kebab-case event name (got '${type ?? ''}')`);
    const fields = (job.headers.fields ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const data = Object.fromEntries(fields.map((f) => [f, job.variables[f] ?? null]));
    await step(deps, job, { type, unit: (job.variables.department as string | undefined) ?? undefined, data });
    return {};
  },
});
