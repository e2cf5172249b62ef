// Zeebe's job activation, through the engine port: the port's subscribe long-polls for jobs of a type
// (the embedded engine or a Camunda 8 cluster) and carries out the JobOutcome the policy answers.
// Retries are counted by the engine (the job carries them) and back-off is the engine's to apply.
import type { ActivatedJob, EngineClient } from '../../engine-client/index.js';
import type { Job, JobTransport } from '../runtime.js';

export function zeebeTransport(engine: EngineClient): JobTransport {
  return {
    serve: (type, { timeoutMs, maxJobs }, handle) =>
      engine.subscribe({ type, timeoutMs, maxJobs, handle: (job) => handle(toJob(job)) }),
  };
}

function toJob(j: ActivatedJob): Job {
  return {
    key: j.key,
    type: j.type,
    variables: j.variables,
    headers: j.customHeaders,
    processInstanceKey: j.processInstanceKey,
    elementInstanceKey: j.elementInstanceKey,
    bpmnProcessId: j.bpmnProcessId,
    elementId: j.elementId,
    retries: j.retries,
  };
}
