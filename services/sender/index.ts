// The sender drains the outbox (issue 15): each outbox row becomes its deliveries once (an SMS per
// party with a phone, a letter per unit), then SMS deliveries are claimed, sent through the adapter,
// retried with back-off and dead-lettered after the last try. At least once towards the provider,
// never twice: a message whose sender died mid-call is looked up at the provider before it is resent.
// Sent messages are then followed to the handset by the provider's delivery receipts (receipts.ts).
import type { Logger } from 'pino';
import type { Db } from '../../platform/db.js';
import type { Vault } from '../../platform/privacy.js';
import { isSensitiveCategory, renderSms, SMS_TEMPLATES } from '../../domain/index.js';
import {
  claimDue,
  expandOutbox,
  optedOut,
  sealedPhone,
  settle,
  smsTargets,
  type Claimed,
  type NewDelivery,
  type OutboxRow,
} from '../../store/deliveries.js';
import { SmsRefused, type SmsAdapter, type SmsMessage } from './sms.js';
import { makeLetterDocuments } from '../documents/index.js';
import { checkReceipts, RECEIPT_FIRST_CHECK_MS } from './receipts.js';

export interface SenderDeps {
  db: Db;
  vault: Vault;
  sms: SmsAdapter;
  clock: () => Date;
  log?: Logger;
}

export interface SenderOptions {
  /** Rows expanded and deliveries claimed per round. */
  batch?: number;
  /** How long a claim (to send, or to check a receipt) holds before another sender may take it over. */
  leaseMs?: number;
  /** Tries before a delivery is dead-lettered. */
  maxAttempts?: number;
  /** Pause between rounds that found nothing to do. */
  idleMs?: number;
}

const DEFAULTS = { batch: 50, leaseMs: 60_000, maxAttempts: 5, idleMs: 1000 };

/** A citizen's message older than this is not sent (a backlog after an outage is stale news by then). */
export const SMS_MAX_AGE_MS = 3 * 86_400_000;

/** 30 s, 2 min, 8 min, 32 min, … capped at an hour: a provider outage is ridden out, not hammered. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Who receives what for one outbox row. Sensitive matters: the applicant only, whatever the row says. */
export async function planDeliveries(row: OutboxRow, db: Db, at: Date): Promise<NewDelivery[]> {
  const base = { outboxId: row.id, matterId: row.matterId, template: row.template };
  if (row.recipientKind !== 'citizen') {
    const channel = row.recipientKind === 'staff' ? 'internal' : 'letter';
    return [
      {
        ...base,
        idempotencyKey: `${row.id}:${channel}:${row.recipient}`,
        channel,
        recipientRef: row.recipient,
        params: row.payload,
        status: 'delivered',
      },
    ];
  }
  if (!row.matterId) return [];
  const m = await smsTargets(db, row.matterId);
  if (!m) return [];
  const applicantOnly = row.recipient === 'applicant' || isSensitiveCategory(m.category);
  const parties = m.parties.filter((p) => (applicantOnly ? p.role === 'applicant' : true));
  const out = await optedOut(
    db,
    parties.map((p) => p.phoneMac).filter((x): x is string => !!x),
  );
  const known = !!SMS_TEMPLATES[row.template];
  return parties.map((p): NewDelivery => {
    const skip = !known
      ? `no SMS text for template '${row.template}'`
      : at.getTime() - row.createdAt.getTime() > SMS_MAX_AGE_MS
        ? 'queued more than three days ago: too late to send'
        : !p.phoneMac
          ? 'the party gave no phone number'
          : out.has(p.phoneMac)
            ? 'the number opted out of messages'
            : null;
    return {
      ...base,
      idempotencyKey: `${row.id}:sms:${p.partyId}`,
      channel: 'sms',
      recipientRef: p.partyId,
      params: { code: m.trackingCode },
      status: skip ? 'skipped' : 'queued',
      lastError: skip ?? undefined,
    };
  });
}

/** One round: expand what is new, send what is due. Returns how much it did (0 = idle). */
export async function senderRound(deps: SenderDeps, opts: SenderOptions = {}): Promise<number> {
  const o = { ...DEFAULTS, ...opts };
  const at = deps.clock();
  const expanded = await expandOutbox(deps.db, at, o.batch, (row, trx) => planDeliveries(row, trx, at));
  // Letters (delivered on expansion) get their official document, once per outbox row: services/documents.
  const documented = await makeLetterDocuments(deps, o.batch);
  const claimed = await claimDue(deps.db, deps.clock(), o.leaseMs, o.batch);
  for (const c of claimed) await sendOne(deps, c, o.maxAttempts);
  const checked = await checkReceipts(deps, o);
  return expanded + documented + claimed.length + checked;
}

async function sendOne(deps: SenderDeps, c: Claimed, maxAttempts: number): Promise<void> {
  const now = () => deps.clock();
  let msg: SmsMessage;
  try {
    const sealed = await sealedPhone(deps.db, c.recipientRef);
    if (!sealed) throw new SmsRefused('the party has no phone number any more', true);
    const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, String(v)]));
    msg = {
      phone: deps.vault.decrypt(sealed),
      template: c.template,
      params,
      text: renderSms(c.template, params),
      idempotencyKey: c.idempotencyKey,
    };
  } catch (err) {
    await settle(deps.db, c, { status: 'dead', at: now(), error: (err as Error).message });
    return;
  }
  try {
    // The previous claim died mid-call: the provider may have the message already.
    const known = c.was === 'sending' && deps.sms.lookup ? await deps.sms.lookup(msg, c.createdAt) : null;
    const { providerRef } = known ?? (await deps.sms.send(msg));
    // A provider that gives receipts is asked for this one a minute on (receipts.ts).
    const nextCheckAt = deps.sms.status ? new Date(now().getTime() + RECEIPT_FIRST_CHECK_MS) : null;
    await settle(deps.db, c, { status: 'sent', at: now(), providerRef, rendered: msg.text, nextCheckAt });
  } catch (err) {
    const permanent = err instanceof SmsRefused && err.permanent;
    const error = `${deps.sms.name}: ${(err as Error).message}`;
    deps.log?.warn({ delivery: c.id, attempts: c.attempts, permanent, err: (err as Error).message }, 'SMS not sent');
    if (permanent || c.attempts >= maxAttempts)
      await settle(deps.db, c, { status: 'dead', at: now(), error, rendered: msg.text });
    else
      await settle(deps.db, c, {
        status: 'failed',
        at: now(),
        error,
        retryAt: new Date(now().getTime() + backoffMs(c.attempts)),
      });
  }
}

/** Runs rounds until closed: straight on while there is work, idle pauses otherwise. */
export function startSender(deps: SenderDeps, opts: SenderOptions = {}): { close(): Promise<void> } {
  const o = { ...DEFAULTS, ...opts };
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let did = 0;
      try {
        did = await senderRound(deps, o);
      } catch (err) {
        deps.log?.warn({ err }, 'sender round failed; trying again');
      }
      if (!did && !stopped)
        await new Promise<void>((r) => {
          const timer = setTimeout(r, o.idleMs);
          wake = () => {
            clearTimeout(timer);
            r();
          };
        });
    }
  })();
  return {
    async close() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
