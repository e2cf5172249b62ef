// sample-quality: the weekly quality sampling (四级抽访, seed 002). From the time it runs (the clock,
// the engine's under clock control) it samples the previous whole China week (Monday 00:00 to Monday
// 00:00, Asia/Shanghai), and any week since the last sampled one: a share of the closed people's-mediation
// cases per review pool, each reviewed one level up (a village's by its town's justice office, a town's by
// the county justice bureau). The share is the region's row in app.quality_sample_shares (nearest
// ancestor), else header `share`, else 0.2. It also flags open disputes that missed two deadlines
// (久调不决) and tells the handling unit where to guide the parties (arbitration, reconsideration, court).
// Store: store/quality.ts; rules: domain/quality.ts.
import { DEFAULT_SAMPLE_SHARE, requireShare } from '../domain/index.js';
import { BadJobData, defineWorker } from './runtime.js';
import { STEP } from './_shared.js';

export const sampleQualityWorker = defineWorker({
  type: 'sample-quality',
  needs: [...STEP, 'sampleQuality', 'regions', 'log'],
  create: (deps) => async (job) => {
    let defaultShare: number;
    try {
      defaultShare = requireShare(job.headers.share ?? DEFAULT_SAMPLE_SHARE, "header 'share'");
    } catch (err) {
      throw new BadJobData(`header 'share' must be in (0, 1] (got '${job.headers.share}'): ${(err as Error).message}`);
    }
    const now = deps.clock();
    const run = await deps.sampleQuality({ now, runKey: job.elementInstanceKey, regions: deps.regions, defaultShare });
    // The flag's step on the matter's timeline, with the guidance to its handling unit; once per matter.
    for (const f of run.flags)
      await deps.recordStep(
        f.matterId,
        {
          type: 'long-unresolved-flagged',
          at: now,
          tier: f.tier,
          unit: f.handlingUnit,
          data: { misses: f.misses, route: f.route, routeUnit: f.routeUnit, week: f.week, message: f.message },
          dedupKey: `long-unresolved:${f.matterId}`,
        },
        {},
        f.handlingUnit
          ? [
              {
                recipientKind: 'unit',
                recipient: f.handlingUnit,
                template: 'litigation-guidance',
                payload: { route: f.route, routeUnit: f.routeUnit, misses: f.misses, message: f.message },
              },
            ]
          : [],
      );
    deps.log.info(
      { weeks: run.weeks, samples: run.samples.length, flags: run.flags.length, repeated: run.repeated },
      'quality sampling',
    );
    return {
      variables: {
        samples: run.samples,
        sampledWeeks: run.weeks,
        longUnresolved: run.flags.map((f) => ({ matterId: f.matterId, trackingCode: f.trackingCode, route: f.route })),
      },
    };
  },
});
