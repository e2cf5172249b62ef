// Every job type and its handler: the one place the wiring lives (the real dependencies are bound in
// _deps.ts, jobs arrive through a transport in transports/). A job type is the file name
// (workers/<type>.ts); the policy lint checks that every job type in the models has one.
import type { WorkerModule } from './runtime.js';
import { activateUrgentProtection } from './activate-urgent-protection.js';
import { assignMediator } from './assign-mediator.js';
import { closeMatter } from './close-matter.js';
import { computeDeadlineWorker } from './compute-deadline.js';
import { dispatchMatter } from './dispatch-matter.js';
import { escalateMatter } from './escalate-matter.js';
import { handoffLitigation } from './handoff-litigation.js';
import { notifyCitizen } from './notify-citizen.js';
import { recordEvent } from './record-event.js';
import { recordFollowUp } from './record-follow-up.js';
import { recordMediationOutcome } from './record-mediation-outcome.js';
import { referNonLitigation } from './refer-non-litigation.js';
import { requestJudicialConfirmation } from './request-judicial-confirmation.js';
import { riskSupervision } from './risk-supervision.js';
import { sampleQualityWorker } from './sample-quality.js';
import { scheduleFollowUp } from './schedule-follow-up.js';
import { sendSupervisionLetter } from './send-supervision-letter.js';
import { summonDepartments } from './summon-departments.js';
import { triageMatter } from './triage-matter.js';

export const WORKERS: WorkerModule[] = [
  activateUrgentProtection,
  assignMediator,
  closeMatter,
  computeDeadlineWorker,
  dispatchMatter,
  escalateMatter,
  handoffLitigation,
  notifyCitizen,
  recordEvent,
  recordFollowUp,
  recordMediationOutcome,
  referNonLitigation,
  requestJudicialConfirmation,
  riskSupervision,
  sampleQualityWorker,
  scheduleFollowUp,
  sendSupervisionLetter,
  summonDepartments,
  triageMatter,
];

export { startWorkers, type WorkerDeps, type RunningWorkers, type JobTransport } from './runtime.js';
export { workerDeps, type WorkerEnv } from './_deps.js';
export { zeebeTransport } from './transports/zeebe.js';
