// The adapter for Zeebe's gateway protocol (gRPC, through @camunda8/sdk) and Operate's v1 reads:
// the embedded engine or a Camunda 8 cluster, the same code. Every call's errors go through
// fromGrpc, so callers see EngineError kinds.
import { zeebeClient, type ZeebeClient, type ZeebeConnection } from '../platform/zeebe.js';
import { tokenSource } from './http.js';
import { setTimeout as delay } from 'node:timers/promises';
import { fromGrpc } from './errors.js';
import { OperateClient } from './operate.js';
import type { ActivatedJob, Deployment, EngineClient, JobSubscription, Variables } from './port.js';

export interface ZeebeEngineOptions {
  /** host:port of the gateway. */
  address: string;
  /** Operate's (or the embedded engine's Operate-shaped) base URL, for the reads. */
  operateUrl?: string;
  /** false: a call fails at once when the gateway is down instead of retrying (tests, probes). */
  retry?: boolean;
  /** TLS trust and client credentials, for an engine that asks for them. */
  connection?: Pick<ZeebeConnection, 'caCert' | 'oauth'>;
}

async function call<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw fromGrpc(err);
  }
}

export function zeebeEngine(opts: ZeebeEngineOptions): EngineClient {
  const { caCert, oauth } = opts.connection ?? {};
  const client = zeebeClient(opts.address, { retry: opts.retry, caCert, oauth });
  const operate = opts.operateUrl
    ? new OperateClient(opts.operateUrl, { ca: caCert, token: oauth ? tokenSource(oauth, caCert) : undefined })
    : undefined;
  return fromZeebeClient(client, operate);
}

/** Wraps an existing @camunda8/sdk client (tests share one with their own checks). */
export function fromZeebeClient(zeebe: ZeebeClient, operate?: string | OperateClient): EngineClient {
  return {
    operate: typeof operate === 'string' ? new OperateClient(operate) : operate,
    deploy: (resources) =>
      call(async () => {
        const res = await zeebe.deployResources(
          resources.map((r) =>
            r.kind === 'form'
              ? { form: Buffer.from(r.content), name: r.name }
              : { process: Buffer.from(r.content), name: r.name },
          ) as Parameters<ZeebeClient['deployResources']>[0],
        );
        const out: Deployment = { processes: [], forms: [] };
        for (const d of res.deployments as {
          process?: { bpmnProcessId: string; version: number; processDefinitionKey: string };
          form?: { formId: string; version: number; formKey: string };
        }[]) {
          if (d.process)
            out.processes.push({ ...d.process, processDefinitionKey: String(d.process.processDefinitionKey) });
          if (d.form)
            out.forms.push({ formId: d.form.formId, version: d.form.version, formKey: String(d.form.formKey) });
        }
        return out;
      }),
    createInstance: (bpmnProcessId, variables, version) =>
      call(async () => {
        const r = await zeebe.createProcessInstance({ bpmnProcessId, variables: variables as never, version });
        return { processInstanceKey: String(r.processInstanceKey) };
      }),
    publishMessage: (m) =>
      call(async () => {
        await zeebe.publishMessage({
          name: m.name,
          correlationKey: m.correlationKey,
          variables: (m.variables ?? {}) as never,
          timeToLive: m.timeToLiveMs ?? 0,
          ...(m.messageId ? { messageId: m.messageId } : {}),
        });
      }),
    cancelInstance: (key) => call(async () => void (await zeebe.cancelProcessInstance(key))),
    setVariables: (elementInstanceKey, variables, local = false) =>
      call(async () => void (await zeebe.setVariables({ elementInstanceKey, variables: variables as never, local }))),
    updateJobRetries: (jobKey, retries) => call(async () => void (await zeebe.updateJobRetries({ jobKey, retries }))),
    updateJobTimeout: (jobKey, timeout) => call(async () => void (await zeebe.updateJobTimeout({ jobKey, timeout }))),
    resolveIncident: (incidentKey) => call(async () => void (await zeebe.resolveIncident({ incidentKey }))),
    completeJob: (jobKey, variables = {}) =>
      call(async () => void (await zeebe.completeJob({ jobKey, variables: variables as never }))),
    healthy: async () => {
      // Answers within 1.5 s: /health must say the engine is down, not hang with the client's retries.
      const late = delay(1500, false as const, { ref: false });
      const topology = zeebe.topology().then(
        (t) => t.brokers.length > 0,
        () => false,
      );
      return Promise.race([topology, late]);
    },
    subscribe: (sub) => subscribe(zeebe, sub),
    close: async () => {
      await zeebe.close();
    },
  };
}

function subscribe(zeebe: ZeebeClient, sub: JobSubscription): { close(): Promise<void> } {
  const worker = zeebe.createWorker({
    taskType: sub.type,
    timeout: sub.timeoutMs,
    maxJobsToActivate: sub.maxJobs,
    loglevel: 'NONE',
    taskHandler: async (job) => {
      const activated: ActivatedJob = {
        key: String(job.key),
        type: job.type,
        processInstanceKey: String(job.processInstanceKey),
        elementInstanceKey: String(job.elementInstanceKey),
        elementId: job.elementId,
        bpmnProcessId: job.bpmnProcessId,
        retries: job.retries,
        customHeaders: job.customHeaders as Record<string, string>,
        variables: job.variables as Variables,
      };
      const out = await sub.handle(activated);
      switch (out.kind) {
        case 'complete':
          return job.complete((out.variables ?? {}) as never);
        case 'fail':
          return job.fail({ errorMessage: out.message, retries: out.retries, retryBackOff: out.retryBackoffMs ?? 0 });
        case 'error':
          return job.error({
            errorCode: out.errorCode,
            errorMessage: out.message ?? '',
            variables: (out.variables ?? {}) as never,
          });
        case 'keep':
          return job.forward();
      }
    },
  });
  return {
    close: async () => {
      await worker.close();
    },
  };
}
