// Delivery receipts (回执, issue 15): an SMS the provider took is 'sent'; the sender then asks the provider
// what became of it — a minute after sending, then with back-off — until it was delivered (status
// 'delivered', delivered_at), failed at the carrier or handset (status 'dead' with the provider's reason:
// among the dead letters, where an administrator may send it again), or two days have passed without a
// receipt (it stays 'sent'). A provider that cannot be asked is no failure of the message: asked later.
// Adapters without `status` (the demo) give no receipts: their messages stay 'sent'.
import { recordReceipt, claimReceiptChecks, sealedPhone, type ReceiptCheck } from '../../store/deliveries.js';
import type { SmsReceipt } from './sms.js';
import type { SenderDeps } from './index.js';

/** The first check, after sending: most receipts are in within seconds. */
export const RECEIPT_FIRST_CHECK_MS = 60_000;
/** Receipts are asked for this long after sending; then the message stays 'sent'. */
export const RECEIPT_WINDOW_MS = 48 * 3_600_000;
const STEPS_MIN = [1, 5, 15, 60, 240];

/** The pause after check `checks` found no receipt: 5 min, 15 min, 1 h, then every 4 h. */
export function receiptBackoffMs(checks: number): number {
  return STEPS_MIN[Math.min(Math.max(checks, 0), STEPS_MIN.length - 1)] * 60_000;
}

/** The next check after `checks` without a receipt, the last at the end of the window; null after it. */
export function nextReceiptCheck(sentAt: Date, checks: number, now: Date): Date | null {
  const deadline = sentAt.getTime() + RECEIPT_WINDOW_MS;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(now.getTime() + receiptBackoffMs(checks), deadline));
}

/** Claims the due receipt checks and asks the provider of each. Returns how many were checked. */
export async function checkReceipts(deps: SenderDeps, o: { batch: number; leaseMs: number }): Promise<number> {
  if (!deps.sms.status) return 0;
  const due = await claimReceiptChecks(deps.db, deps.clock(), o.leaseMs, o.batch);
  for (const c of due) await checkOne(deps, c);
  return due.length;
}

async function checkOne(deps: SenderDeps, c: ReceiptCheck): Promise<void> {
  let receipt: SmsReceipt | null = null;
  try {
    const sealed = await sealedPhone(deps.db, c.recipientRef);
    // The number is gone (the party's data erased): nothing to ask the provider with.
    if (!sealed) {
      await recordReceipt(deps.db, c, { status: 'sent', nextCheckAt: null });
      return;
    }
    receipt = await deps.sms.status!({
      phone: deps.vault.decrypt(sealed),
      providerRef: c.providerRef,
      idempotencyKey: c.idempotencyKey,
      sentAt: c.sentAt,
    });
  } catch (err) {
    deps.log?.warn({ delivery: c.id, checks: c.checks, err: (err as Error).message }, 'SMS receipt not read');
  }
  const now = deps.clock();
  if (receipt?.state === 'delivered')
    await recordReceipt(deps.db, c, { status: 'delivered', at: now, deliveredAt: receipt.at ?? now });
  else if (receipt?.state === 'failed')
    await recordReceipt(deps.db, c, {
      status: 'dead',
      at: now,
      error: `${deps.sms.name}: ${receipt.error ?? '运营商回执：未送达 · not delivered'}`,
    });
  else await recordReceipt(deps.db, c, { status: 'sent', nextCheckAt: nextReceiptCheck(c.sentAt, c.checks, now) });
}
