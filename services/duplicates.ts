// The duplicate hint: open matters of the same person, found by the keyed hash (Vault.mac) of an ID
// number or phone. Given at intake (the matter just stored) and by the check the intake form makes
// before submitting; both name only matters the caller may read, and both are audited: otherwise
// anyone taking intakes could ask whether a phone or ID number has an open matter anywhere.
import type { Knex } from 'knex';
import type { Vault } from '../platform/privacy.js';
import { openMattersWithParty } from '../store/parties.js';
import { mattersWithin } from '../store/matters.js';
import { audit } from '../store/audit.js';

export interface DuplicateHint {
  /** The visible matters' ids, oldest first. */
  ids: string[];
  /** Their tracking codes, in the same order. */
  codes: string[];
}

/** Who is asking: the user's id (the audit's actor) and jurisdiction. */
export interface HintCaller {
  sub: string;
  regionPath: string;
}

/**
 * The keyed hashes of the parties' ID numbers and phones as typed, exactly as intake seals them
 * (services/intake.ts calls vault.mac on the same values), so the check finds what intake would.
 */
export function identifierMacs(vault: Vault, parties: { idNumber?: string; phone?: string }[]): string[] {
  return [...new Set(parties.flatMap((p) => [p.idNumber, p.phone]).filter((x): x is string => !!x))].map((x) =>
    vault.mac(x),
  );
}

/**
 * Narrows matters found for the same person to the caller's jurisdiction and audits the hint.
 * `target`: the matter just received (audited only when something was found, as a new matter is a
 * trace of its own), or the region of a check made before submitting (always audited: a check
 * leaves no other trace, so probing a phone or ID number must not be free).
 */
export async function giveDuplicateHint(
  deps: { db: Knex; clock: () => Date },
  caller: HintCaller,
  found: string[],
  target: { matterId: string } | { regionCode: string; identifiers: number },
): Promise<DuplicateHint> {
  const visible = await mattersWithin(deps.db, found, caller.regionPath);
  const shown = visible.map((v) => v.trackingCode);
  if ('matterId' in target) {
    if (found.length)
      await audit(deps.db, {
        at: deps.clock(),
        actor: caller.sub,
        action: 'matter.duplicate-hint',
        targetKind: 'matter',
        targetId: target.matterId,
        details: { found: found.length, shown },
      });
  } else
    await audit(deps.db, {
      at: deps.clock(),
      actor: caller.sub,
      action: 'matter.duplicate-check',
      targetKind: 'region',
      targetId: target.regionCode,
      // How many identifiers were looked up and what was found: never the identifiers themselves.
      details: { identifiers: target.identifiers, found: found.length, shown },
    });
  return { ids: visible.map((v) => v.id), codes: shown };
}

/** The check before submitting: what the intake of these parties would hint, for the caller. */
export async function checkDuplicates(
  deps: { db: Knex; clock: () => Date; vault: Vault },
  caller: HintCaller,
  regionCode: string,
  parties: { idNumber?: string; phone?: string }[],
): Promise<DuplicateHint> {
  const macs = identifierMacs(deps.vault, parties);
  const found = await openMattersWithParty(deps.db, macs);
  return giveDuplicateHint(deps, caller, found, { regionCode, identifiers: macs.length });
}
