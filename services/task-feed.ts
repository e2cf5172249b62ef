// The staff inbox's feed: user-task jobs (io.camunda.zeebe:userTask) are taken from the engine into
// app.tasks and "forwarded" (left active for staff); the job is completed when staff submit the form.
// A job is taken with a short timeout and given its long one only once its row is written: a feed
// killed in between (kill -9, a crash) leaves a job the engine hands out again within a minute,
// not one locked for a month with no row in the inbox. Tasks whose element ended without staff (a
// deadline escalated, the matter was withdrawn) are found through the Operate API and marked gone.
import fs from 'node:fs';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { isEngineError, type EngineClient, type OperateClient } from '../engine-client/index.js';
import { upsertTask, openTasks, finishTask } from '../store/tasks.js';
import { matterById } from '../store/matters.js';
import { saveForm } from '../store/forms.js';
import { modelResources, type DeployedForm, type ModelResource } from './processes.js';

export const USER_TASK_JOB = 'io.camunda.zeebe:userTask';
const DAY = 86_400_000;
/** Until its row is written: how soon a job taken by a feed that died comes back. */
export const TASK_FEED_CLAIM_MS = 60_000;
/** Once in the inbox: long, as staff hold the task; a redelivery only writes the same row again. */
export const TASK_HOLD_MS = 30 * DAY;

/** Element id → name of every user task in the models (the job carries only the id). */
export function userTaskNames(resources: ModelResource[] = modelResources()): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of resources.filter((x) => x.kind === 'process')) {
    for (const m of fs.readFileSync(r.file, 'utf8').matchAll(/<bpmn:userTask id="([^"]+)" name="([^"]*)"/g))
      names.set(m[1], m[2]);
  }
  return names;
}

/** Keeps the schema of every deployed form under the key the engine gave it. */
export async function recordForms(
  db: Knex,
  forms: DeployedForm[],
  resources: ModelResource[] = modelResources(),
): Promise<void> {
  for (const f of forms) {
    const r = resources.find((x) => x.kind === 'form' && JSON.parse(fs.readFileSync(x.file, 'utf8')).id === f.formId);
    if (r) await saveForm(db, { ...f, schema: JSON.parse(fs.readFileSync(r.file, 'utf8')) });
  }
}

export function startTaskFeed(engine: EngineClient, db: Knex, log: Logger, clock: () => Date = () => new Date()) {
  const names = userTaskNames();
  return engine.subscribe({
    type: USER_TASK_JOB,
    timeoutMs: TASK_FEED_CLAIM_MS,
    maxJobs: 32,
    handle: async (job) => {
      const v = job.variables as Record<string, any>;
      const h = job.customHeaders as Record<string, string>;
      const matter = v.matterId ? await matterById(db, String(v.matterId)) : undefined;
      const groups = h['io.camunda.zeebe:candidateGroups'] ? JSON.parse(h['io.camunda.zeebe:candidateGroups']) : [];
      await upsertTask(db, {
        jobKey: job.key,
        matterId: matter?.id ?? null,
        trackingCode: matter?.trackingCode ?? v.trackingCode ?? null,
        regionPath: matter?.regionPath ?? null,
        elementId: job.elementId,
        name: names.get(job.elementId) ?? job.elementId,
        processInstanceKey: job.processInstanceKey,
        elementInstanceKey: job.elementInstanceKey,
        formKey: h['io.camunda.zeebe:formKey'] ?? null,
        candidateGroups: Array.isArray(groups) ? groups.map(String) : [],
        assignee: h['io.camunda.zeebe:assignee'] ?? null,
        dueAt: h['io.camunda.zeebe:dueDate'] ? new Date(h['io.camunda.zeebe:dueDate']) : null,
        riskLevel: matter?.riskLevel ?? v.risk ?? null,
        createdAt: clock(),
      });
      // A job that ended meanwhile (the element was interrupted) is the reconciler's to mark gone.
      await engine.updateJobTimeout(job.key, TASK_HOLD_MS).catch((err) => {
        if (!isEngineError(err, 'not-found')) throw err;
      });
      log.debug({ trackingCode: matter?.trackingCode, elementId: job.elementId }, 'task in the inbox');
      return { kind: 'keep' };
    },
  });
}

/** Marks open tasks whose element is no longer active in the engine as gone; returns how many. */
export async function reconcileTasks(
  db: Knex,
  operate: OperateClient,
  clock: () => Date,
  limit = 200,
): Promise<number> {
  let gone = 0;
  for (const t of await openTasks(db, limit)) {
    if (!t.elementInstanceKey) continue;
    const found = await operate
      .search<{ state: string }>('flownode-instances', { key: t.elementInstanceKey }, 1)
      .catch(() => null);
    if (!found) continue;
    const state = found[0]?.state;
    if (state && state !== 'ACTIVE' && (await finishTask(db, t.jobKey, 'gone', null, clock()))) gone++;
  }
  return gone;
}
