// sample-quality: the weekly quality sampling. Header `share` (default 0.2) of last week's closed
// disputes per county go to review; disputes open longer than header `longDays` (default 60) are flagged.
import { BadJobData, defineWorker } from './runtime.js';

const DAY = 86_400_000;

export const sampleQualityWorker = defineWorker({
  type: 'sample-quality',
  needs: ['sampleQuality', 'clock', 'log'],
  create: (deps) => async (job) => {
    const share = Number(job.headers.share ?? 0.2);
    const longDays = Number(job.headers.longDays ?? 60);
    if (!(share > 0 && share <= 1))
      throw new BadJobData(`header 'share' must be in (0, 1] (got '${job.headers.share}')`);
    if (!(Number.isInteger(longDays) && longDays > 0))
      throw new BadJobData(`header 'longDays' must be a positive integer (got '${job.headers.longDays}')`);
    const now = deps.clock();
    // The period is the 7 days before the job's first activation day, so a redelivery samples the same week.
    const to = new Date(Math.floor(now.getTime() / DAY) * DAY);
    const samples = await deps.sampleQuality(
      new Date(to.getTime() - 7 * DAY),
      to,
      share,
      new Date(now.getTime() - longDays * DAY),
      now,
    );
    deps.log.info({ samples: samples.length }, 'quality sampling');
    return { variables: { samples } };
  },
});
