// The port: everything the application asks of an engine, in the application's terms. One adapter
// per engine API implements it (zeebe.ts: the Zeebe gateway protocol through @camunda8/sdk, plus the
// Operate-shaped reads). Errors come out as EngineError (errors.ts), never as protocol errors.
import type { OperateClient } from './operate.js';

export type Variables = Record<string, unknown>;

export interface DeployResource {
  name: string;
  kind: 'process' | 'form';
  content: Buffer | string;
}

export interface Deployment {
  processes: { bpmnProcessId: string; version: number; processDefinitionKey: string }[];
  forms: { formId: string; version: number; formKey: string }[];
}

export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  bpmnProcessId: string;
  retries: number;
  customHeaders: Record<string, string>;
  variables: Variables;
}

/** What becomes of a job a subscription handled. */
export type JobOutcome =
  | { kind: 'complete'; variables?: Variables }
  | { kind: 'fail'; message: string; retries: number; retryBackoffMs?: number }
  | { kind: 'error'; errorCode: string; message?: string; variables?: Variables }
  /** Leave the job activated (a user task waits in the inbox until staff complete it). */
  | { kind: 'keep' };

export interface JobSubscription {
  type: string;
  /** How long the engine leaves the job to this subscriber before handing it out again. */
  timeoutMs: number;
  maxJobs: number;
  handle(job: ActivatedJob): Promise<JobOutcome>;
}

export interface EngineClient {
  deploy(resources: DeployResource[]): Promise<Deployment>;
  /** The latest version of the process, or `version`. */
  createInstance(
    bpmnProcessId: string,
    variables: Variables,
    version?: number,
  ): Promise<{ processInstanceKey: string }>;
  publishMessage(m: {
    name: string;
    correlationKey: string;
    variables?: Variables;
    timeToLiveMs?: number;
    messageId?: string;
  }): Promise<void>;
  cancelInstance(processInstanceKey: string): Promise<void>;
  setVariables(elementInstanceKey: string, variables: Variables, local?: boolean): Promise<void>;
  updateJobRetries(jobKey: string, retries: number): Promise<void>;
  /** Gives an activated job `timeoutMs` more from now before the engine hands it out again. */
  updateJobTimeout(jobKey: string, timeoutMs: number): Promise<void>;
  resolveIncident(incidentKey: string): Promise<void>;
  completeJob(jobKey: string, variables?: Variables): Promise<void>;
  /** Whether a gateway answers with at least one broker. */
  healthy(): Promise<boolean>;
  subscribe(sub: JobSubscription): { close(): Promise<void> };
  /** The Operate-shaped reads (monitor, inbox reconciliation); undefined where none is configured. */
  readonly operate?: OperateClient;
  close(): Promise<void>;
}
