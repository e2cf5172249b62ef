// Letters between offices (issue 15): who may see a letter, and the letter as the console shows it —
// its subject and text (domain/letters.ts), the addressee's full name, read and acknowledgement.
// Also the messages each step of a matter's timeline sent.
import {
  DELIVERY_CHANNEL_LABELS,
  deliveryStatusLabel,
  PARTY_ROLE_LABELS,
  TEMPLATE_LABELS,
  letterDeadline,
  labelOr,
  letterText,
  unitLabel,
  type RegionTree,
} from '../domain/index.js';
import type { UnitLetterRow, StepMessageRow } from '../store/letters.js';

/** What of the signed-in user decides what they see (the API's principal). */
export interface Viewer {
  unit: string | null;
  roles: readonly string[];
  regionPath: string;
}

/** Roles that see the letters sent within their jurisdiction (the sent box). */
export const SENT_BOX_ROLES = ['centre-supervisor', 'administrator', 'auditor'] as const;

export const canSeeSentBox = (user: Pick<Viewer, 'roles'>): boolean =>
  user.roles.some((r) => (SENT_BOX_ROLES as readonly string[]).includes(r));

/** The addressee unit's own staff: they read and acknowledge it. */
export const isAddressee = (user: Pick<Viewer, 'unit'>, l: Pick<UnitLetterRow, 'unit'>): boolean =>
  !!user.unit && user.unit === l.unit;

/** Whether a letter is visible to the user: addressed to their unit, or sent within their jurisdiction. */
export function mayRead(user: Viewer, l: UnitLetterRow): boolean {
  if (isAddressee(user, l)) return true;
  if (!canSeeSentBox(user)) return false;
  if (l.regionPath) return l.regionPath.startsWith(user.regionPath);
  return user.regionPath.split('/').length <= 3;
}

const isoOrNull = (d: Date | null, iso: (d: Date) => string) => (d ? iso(d) : null);

export function letterView(l: UnitLetterRow, regions: RegionTree, iso: (d: Date) => string) {
  const deadline = letterDeadline(l.params);
  const { subject, text } = letterText(l.template, { code: l.trackingCode ?? '—', deadline, params: l.params });
  return {
    id: l.id,
    matterId: l.matterId,
    trackingCode: l.trackingCode,
    template: l.template,
    templateLabel: labelOr(TEMPLATE_LABELS, l.template),
    unit: l.unit,
    unitLabel: unitLabel(l.unit, regions),
    unitStaffed: l.unitStaffed,
    subject,
    text,
    deadline: isoOrNull(deadline, iso),
    sentAt: isoOrNull(l.sentAt, iso),
    readAt: isoOrNull(l.readAt, iso),
    readBy: l.readBy,
    acknowledgedAt: isoOrNull(l.acknowledgedAt, iso),
    acknowledgedBy: l.acknowledgedBy,
    note: l.note,
    document: l.document,
  };
}

/** Who a message went to, in words: the party's role for an SMS, the unit's name for a letter. */
export function recipientWords(
  m: Pick<StepMessageRow, 'channel' | 'recipientRef' | 'partyRole'>,
  regions: RegionTree,
): string {
  if (m.channel === 'sms') return labelOr(PARTY_ROLE_LABELS, m.partyRole ?? 'applicant').zh;
  if (m.channel === 'letter') return unitLabel(m.recipientRef, regions);
  return '承办人员';
}

export type TimelineMessages = Map<string, ReturnType<typeof timelineMessage>[]>;

function timelineMessage(m: StepMessageRow, regions: RegionTree, iso: (d: Date) => string) {
  return {
    channel: m.channel,
    channelLabel: labelOr(DELIVERY_CHANNEL_LABELS, m.channel),
    templateLabel: labelOr(TEMPLATE_LABELS, m.template),
    recipientLabel: recipientWords(m, regions),
    status: m.status as 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'dead' | 'skipped',
    statusLabel: deliveryStatusLabel(m),
    at: isoOrNull(m.sentAt, iso),
    acknowledgedAt: isoOrNull(m.acknowledgedAt, iso),
  };
}

/** The messages of each timeline event, by event id (a message of no event is left out). */
export function messagesByEvent(rows: StepMessageRow[], regions: RegionTree, iso: (d: Date) => string) {
  const out: TimelineMessages = new Map();
  for (const r of rows) {
    if (!r.eventId) continue;
    const list = out.get(r.eventId) ?? [];
    list.push(timelineMessage(r, regions, iso));
    out.set(r.eventId, list);
  }
  return out;
}
