// The engine's commands: each runs in one transaction against the state in PostgreSQL and is
// committed before it is acknowledged. The gRPC gateway is a thin mapping onto these methods.
// This is their facade; how a command runs is in commands/core.ts, the commands by what they act
// on in commands/ (instances and incidents, jobs, messages, timers), deployments in deploy.ts.
import type { Logger } from 'pino';
import type { EngineDb } from './store/db.js';
import type { EngineClock } from './clock.js';
import type { Definition } from './model/cache.js';
import { deployResources, type Resource, type DeploymentResult } from './deploy.js';
import { EngineCore } from './commands/core.js';
import * as instances from './commands/instances.js';
import { JobCommands, type ActivatedJob } from './commands/jobs.js';
import { publishMessage, type PublishedMessage } from './commands/messages.js';
import { fireDueTimers, firePlannedTimers } from './commands/timers.js';

export type { EngineChannel } from './commands/core.js';
export type { ActivatedJob } from './commands/jobs.js';
export type { Resource, DeployedProcess, DeployedForm, DeploymentResult } from './deploy.js';

export class Engine extends EngineCore {
  private readonly jobs: JobCommands;

  constructor(db: EngineDb, clock: EngineClock, log: Logger) {
    super(db, clock, log);
    this.jobs = new JobCommands(this);
  }

  // ---- deployments --------------------------------------------------------------------------

  async deploy(resources: Resource[]): Promise<DeploymentResult> {
    const result = await deployResources(this.db, this.models, this.clock, resources);
    this.models.forgetLatest();
    if (result.processes.length || result.forms.length) this.signal('engine_deployments', result.key);
    return result;
  }

  // ---- process instances ----------------------------------------------------------------------

  resolveDefinition(q: instances.DefinitionQuery): Promise<Definition> {
    return instances.resolveDefinition(this, q);
  }

  createInstance(
    q: instances.DefinitionQuery & { variables?: string },
  ): Promise<{ processInstanceKey: string; def: Definition }> {
    return instances.createInstance(this, q);
  }

  cancelInstance(key: string): Promise<void> {
    return instances.cancelInstance(this, key);
  }

  setVariables(elementInstanceKey: string, text: string, local: boolean): Promise<string> {
    return instances.setVariables(this, elementInstanceKey, text, local);
  }

  // ---- jobs -----------------------------------------------------------------------------------

  activateJobs(type: string, worker: string, max: number, timeoutMs: number, fetch: string[]): Promise<ActivatedJob[]> {
    return this.jobs.activate(type, worker, max, timeoutMs, fetch);
  }

  /** Gives activated jobs back (their worker went away before receiving them). */
  releaseActivated(keys: string[]): Promise<void> {
    return this.jobs.releaseActivated(keys);
  }

  completeJob(key: string, text: string): Promise<void> {
    return this.jobs.complete(key, text);
  }

  failJob(key: string, retries: number, errorMessage: string, backoffMs: number, text: string): Promise<void> {
    return this.jobs.fail(key, retries, errorMessage, backoffMs, text);
  }

  throwError(key: string, errorCode: string, errorMessage: string, text: string): Promise<void> {
    return this.jobs.throwError(key, errorCode, errorMessage, text);
  }

  updateJobRetries(key: string, retries: number): Promise<void> {
    return this.jobs.updateRetries(key, retries);
  }

  updateJobTimeout(key: string, timeoutMs: number): Promise<void> {
    return this.jobs.updateTimeout(key, timeoutMs);
  }

  // ---- incidents ------------------------------------------------------------------------------

  resolveIncident(key: string): Promise<void> {
    return instances.resolveIncident(this, key);
  }

  // ---- messages -------------------------------------------------------------------------------

  publishMessage(m: PublishedMessage): Promise<string> {
    return publishMessage(this, m);
  }

  // ---- timers ---------------------------------------------------------------------------------

  /** Fires timers due at the engine clock's now; returns how many fired. */
  fireDueTimers(limit = 500): Promise<number> {
    return fireDueTimers(this, limit);
  }

  /**
   * Fires up to `limit` due timers that carry a plan, in one statement; returns how many it took
   * (fired, or found stale and left to fireDueTimers).
   */
  firePlannedTimers(limit: number): Promise<number> {
    return firePlannedTimers(this, limit);
  }
}
