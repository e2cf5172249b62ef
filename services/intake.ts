// Receiving a matter: the matter, its parties (personal data sealed) and its 'received' event are
// committed together first, so an accepted matter is never lost or half-written; then its process
// instance is started. If the engine cannot be reached the matter waits without an instance and
// `startPendingMatters` starts it later (npm start runs it on a timer).
import type { Knex } from 'knex';
import { suggestCategory, type RegionTree } from '../domain/index.js';
import type { EngineClient } from '../engine-client/index.js';
import {
  insertMatter,
  setProcessInstance,
  setPossibleDuplicates,
  matterById,
  pendingMatterIds,
  type Matter,
} from '../store/matters.js';
import { insertParties, openMattersWithParty } from '../store/parties.js';
import { newTrackingCode } from '../domain/tracking-code.js';
import { processForRegion, type VariantMap } from './processes.js';
import type { Vault } from '../platform/privacy.js';
import { ApiError } from './errors.js';

export interface IntakeDeps {
  db: Knex;
  engine: EngineClient;
  regions: RegionTree;
  variants: VariantMap;
  clock: () => Date;
  vault?: Vault;
}

export interface PartyInput {
  role: string;
  name: string;
  idNumber?: string;
  phone?: string;
}
export interface IntakeInput {
  matterType: string;
  channel: string;
  category?: string | null;
  regionCode: string;
  summary: string;
  facts?: Record<string, unknown>;
  parties?: PartyInput[];
  idempotencyKey?: string | null;
}

export function processVariables(m: Matter): Record<string, unknown> {
  return {
    matterId: m.id,
    trackingCode: m.trackingCode,
    matterType: m.matterType,
    channel: m.channel,
    category: m.category,
    regionCode: m.regionCode,
    facts: m.facts,
  };
}

export async function startInstance(deps: IntakeDeps, m: Matter): Promise<Matter> {
  const processId = processForRegion(m.regionCode, deps.regions, deps.variants);
  const { processInstanceKey } = await deps.engine.createInstance(processId, processVariables(m));
  await setProcessInstance(deps.db, m.id, processId, processInstanceKey);
  return { ...m, processId, processInstanceKey };
}

export async function receiveMatter(
  deps: IntakeDeps,
  input: IntakeInput,
): Promise<{ matter: Matter; created: boolean }> {
  const region = deps.regions.get(input.regionCode);
  const path = deps.regions.path(region.code);
  const parties = input.parties ?? [];
  if (parties.some((p) => p.idNumber || p.phone) && !deps.vault) throw new Error('personal data needs the vault');
  const sealed = parties.map((p) => ({
    role: p.role,
    name: p.name,
    idNumberEnc: p.idNumber ? deps.vault!.encrypt(p.idNumber) : null,
    idNumberMac: p.idNumber ? deps.vault!.mac(p.idNumber) : null,
    phoneEnc: p.phone ? deps.vault!.encrypt(p.phone) : null,
    phoneMac: p.phone ? deps.vault!.mac(p.phone) : null,
  }));
  // No category given: the summary's words suggest one (disputes and complaints), marked as suggested.
  const suggested =
    !input.category && (input.matterType === 'dispute' || input.matterType === 'complaint')
      ? suggestCategory(input.summary)
      : null;
  const { matter, created } = await deps.db.transaction(async (trx) => {
    const r = await insertMatter(trx, {
      trackingCode: newTrackingCode(),
      matterType: input.matterType,
      channel: input.channel,
      category: input.category ?? suggested,
      categorySuggested: !!suggested,
      regionCode: region.code,
      regionPath: path,
      summary: input.summary,
      facts: input.facts ?? {},
      idempotencyKey: input.idempotencyKey ?? null,
      receivedAt: deps.clock(),
    });
    if (!r.created) {
      // A retry must be the same request: a key reused for a different matter is refused.
      if (
        r.matter.matterType !== input.matterType ||
        r.matter.summary !== input.summary ||
        r.matter.regionCode !== region.code
      ) {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different matter');
      }
      return r;
    }
    await insertParties(trx, r.matter.id, sealed);
    const macs = sealed.flatMap((p) => [p.idNumberMac, p.phoneMac]).filter((x): x is string => !!x);
    const dups = await openMattersWithParty(trx, macs, r.matter.id);
    if (dups.length) await setPossibleDuplicates(trx, r.matter.id, dups);
    return { matter: (await matterById(trx, r.matter.id))!, created: true };
  });
  if (matter.processInstanceKey) return { matter, created };
  try {
    return { matter: await startInstance(deps, matter), created };
  } catch (err) {
    // Accepted and committed: the sweeper starts it when the engine is back.
    (err as Error).message =
      `matter ${matter.trackingCode} accepted; its process will start later: ${(err as Error).message}`;
    return { matter, created };
  }
}

/** Starts the instances of matters accepted while the engine was unreachable. */
export async function startPendingMatters(deps: IntakeDeps, olderThanMs = 60_000): Promise<number> {
  const ids = await pendingMatterIds(deps.db, new Date(deps.clock().getTime() - olderThanMs), 100);
  let n = 0;
  for (const id of ids) {
    await startInstance(deps, (await matterById(deps.db, id))!);
    n++;
  }
  return n;
}
