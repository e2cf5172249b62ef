// Receiving a matter: the matter and its 'received' event are committed first (so an accepted matter
// is never lost), then its process instance is started. If the engine cannot be reached, the matter
// waits with no instance and `startPendingMatters` starts it later.
import type { Knex } from 'knex';
import type { RegionTree } from '../domain/index.js';
import type { ZeebeClient } from '../platform/zeebe.js';
import { insertMatter, setProcessInstance, type Matter } from './repositories/matters.js';
import { newTrackingCode } from './tracking-code.js';
import { processForRegion, type VariantMap } from './processes.js';

export interface IntakeDeps { db: Knex; zeebe: ZeebeClient; regions: RegionTree; variants: VariantMap; clock: () => Date }

export interface IntakeInput {
  matterType: string; channel: string; category?: string | null; regionCode: string; summary: string;
  facts?: Record<string, unknown>; idempotencyKey?: string | null;
}

export function processVariables(m: Matter): Record<string, unknown> {
  return {
    matterId: m.id, trackingCode: m.trackingCode, matterType: m.matterType, channel: m.channel, category: m.category,
    regionCode: m.regionCode, facts: m.facts,
  };
}

export async function startInstance(deps: IntakeDeps, m: Matter): Promise<Matter> {
  const processId = processForRegion(m.regionCode, deps.regions, deps.variants);
  const r = await deps.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: processVariables(m) as any });
  await setProcessInstance(deps.db, m.id, processId, String(r.processInstanceKey));
  return { ...m, processId, processInstanceKey: String(r.processInstanceKey) };
}

export async function receiveMatter(deps: IntakeDeps, input: IntakeInput): Promise<{ matter: Matter; created: boolean }> {
  const region = deps.regions.get(input.regionCode);
  const path = `/${[...deps.regions.ancestors(region.code)].reverse().map((r) => r.code).concat(region.code).join('/')}/`;
  const { matter, created } = await insertMatter(deps.db, {
    trackingCode: newTrackingCode(), matterType: input.matterType, channel: input.channel, category: input.category ?? null,
    regionCode: region.code, regionPath: path, summary: input.summary, facts: input.facts ?? {}, idempotencyKey: input.idempotencyKey ?? null,
    receivedAt: deps.clock(),
  });
  if (matter.processInstanceKey) return { matter, created };
  return { matter: await startInstance(deps, matter), created };
}
