// Receiving a matter: the matter, its parties (personal data sealed) and its 'received' event are
// committed together first, so an accepted matter is never lost or half-written; then its process
// instance is started. If the engine cannot be reached the matter waits without an instance and
// `startPendingMatters` starts it later (npm start runs it on a timer).
import type { Knex } from 'knex';
import { DomainError, TIER_LABELS, suggestCategory, triage, type RegionTree } from '../domain/index.js';
import type { RiskLevel, Tier } from '../domain/index.js';
import type { EngineClient } from '../engine-client/index.js';
import { insertMatter, setPossibleDuplicates, matterById, requestHashOf, type Matter } from '../store/matters.js';
import { insertParties, openMattersWithParty } from '../store/parties.js';
import { newTrackingCode } from '../domain/tracking-code.js';
import type { Pins, VariantMap } from './processes.js';
import { processVariables, startInstance } from './process-start.js';
import { canonicalJson } from '../domain/index.js';
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

export { startInstance, startPendingMatters, processVariables } from './process-start.js';
import type { Vault } from '../platform/privacy.js';
import { ApiError } from './errors.js';

export interface IntakeDeps {
  db: Knex;
  engine: EngineClient;
  regions: RegionTree;
  variants: VariantMap;
  clock: () => Date;
  vault?: Vault;
  /** The versions intake starts (absent: the latest). */
  pins?: Pins;
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

/** Where the process sends a matter first, as the clerk tells the citizen. */
export interface RoutingDecision {
  tier: Tier;
  /** The tier in Chinese ('乡镇(街道)'). */
  tierLabel: string;
  /** The region whose unit handles it. */
  regionCode: string;
  /** '<region>/<department or committee>': the queue its first task lands in. */
  unit: string;
  /** The unit in Chinese ('东湖街道办事处'). */
  unitLabel: string;
  risk: RiskLevel;
  /** Transferred up online because the unit is not stationed below (class-3 regions). */
  online: boolean;
  ruleId: string;
}

/**
 * The routing the matter's process will record: domain's triage() on the very variables the process
 * starts with. Null when those cannot be routed (a bad risk fact only a broken integration sends): the
 * process's triage then raises an incident with the same error, for the monitor.
 */
export function routingOf(m: Matter, regions: RegionTree): RoutingDecision | null {
  const v = processVariables(m);
  try {
    const x = triage(
      {
        matterType: v.matterType as string,
        category: v.category as string | null,
        regionCode: v.regionCode as string,
        facts: v.facts as Record<string, unknown>,
      },
      regions,
    );
    return {
      tier: x.route.startTier,
      tierLabel: TIER_LABELS[x.route.startTier].zh,
      regionCode: x.route.regionCode,
      unit: x.unit,
      unitLabel: x.unitLabel,
      risk: x.grade.level,
      online: x.route.online,
      ruleId: x.route.ruleId,
    };
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}

/**
 * The category intake fills in from the summary when none is given: only disputes and complaints are
 * classified (null for other types, or when no word matches). The intake form shows the same one live.
 */
export function categorySuggestion(matterType: string | undefined, summary: string): string | null {
  return matterType === undefined || matterType === 'dispute' || matterType === 'complaint'
    ? suggestCategory(summary)
    : null;
}

export async function receiveMatter(
  deps: IntakeDeps,
  input: IntakeInput,
): Promise<{ matter: Matter; created: boolean; routing: RoutingDecision | null }> {
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
  const suggested = input.category ? null : categorySuggestion(input.matterType, input.summary);
  // What makes a replay "the same request": every field, in a canonical form; keyed by the vault
  // (when there is one) so the stored hash says nothing about the ID numbers and phones inside.
  const canonical = canonicalJson({ ...input, idempotencyKey: undefined, category: input.category ?? null });
  const requestHash = deps.vault ? deps.vault.mac(canonical) : createHash('sha256').update(canonical).digest('hex');
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
      requestHash,
      receivedAt: deps.clock(),
    });
    if (!r.created) {
      // A retry must be the same request, field for field: a key reused for anything else is refused.
      // (Matters from before request hashes were kept are compared on type, summary and region.)
      const firstHash = await requestHashOf(trx, r.matter.id);
      const same = firstHash
        ? firstHash === requestHash
        : r.matter.matterType === input.matterType &&
          r.matter.summary === input.summary &&
          r.matter.regionCode === region.code;
      if (!same) {
        throw new ApiError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was already used for a different request: a retry must repeat the first ' +
            'request exactly (every field); a new matter needs a new key',
        );
      }
      return r;
    }
    await insertParties(trx, r.matter.id, sealed);
    const macs = sealed.flatMap((p) => [p.idNumberMac, p.phoneMac]).filter((x): x is string => !!x);
    const dups = await openMattersWithParty(trx, macs, r.matter.id);
    if (dups.length) await setPossibleDuplicates(trx, r.matter.id, dups);
    return { matter: (await matterById(trx, r.matter.id))!, created: true };
  });
  const routing = routingOf(matter, deps.regions);
  if (matter.processInstanceKey) return { matter, created, routing };
  // Accepted and committed: the clerk gets an answer in time even when the engine is slow or away.
  // A start still running goes on in the background under its claim (and saves its key); one that
  // failed is the sweeper's to repeat when the engine is back.
  const started = await Promise.race([
    startInstance(deps, matter).catch(() => null),
    delay(START_WAIT_MS, null, { ref: false }),
  ]);
  return { matter: started ?? matter, created, routing };
}

/** How long intake waits for the process to start before answering without it. */
export const START_WAIT_MS = 1500;
