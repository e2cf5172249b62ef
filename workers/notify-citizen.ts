// notify-citizen: a message to the parties (SMS with the tracking code, etc.) through the outbox;
// the contact details stay in the protected party records and are resolved by the sender.
import { BadJobData, defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

export const notifyCitizen = defineWorker({
  type: 'notify-citizen',
  needs: STEP,
  create: (deps) => async (job) => {
    const template = job.headers.template;
    if (!template) throw new BadJobData("header 'template' is required");
    await step(deps, job, {
      type: 'citizen-notified',
      data: { template },
      notify: [
        {
          recipientKind: 'citizen',
          recipient: 'parties',
          template,
          payload: {
            trackingCode: job.variables.trackingCode,
            tier: job.variables.tier ?? null,
            deadline: job.variables.deadline ?? null,
          },
        },
      ],
    });
    return {};
  },
});
