// What each audience sees of a matter. Staff see parties masked unless their role needs them in
// clear (and asked: ?reveal=true, audited); the public tracking view has no personal data at all.
import {
  EVENT_LABELS,
  NEUTRAL_EVENT_TYPES,
  PUBLIC_EVENT_TYPES,
  categoryLabel,
  isSensitiveCategory,
  labelOf,
  unitLabel as unitName,
  type EventType,
  type RegionTree,
} from '../domain/index.js';
import type { Matter, MatterEvent } from '../store/matters.js';
import type { SealedParty } from '../store/parties.js';
import { maskIdNumber, maskPhone, type Vault } from '../platform/privacy.js';
import type { Task } from '../store/tasks.js';
import { iso, type MatterView, type PartyView, type PublicMatter, type TaskView } from './schemas/index.js';
import type { TimelineEntry } from './schemas/index.js';

// Views return the wire types of api/schemas (Dates as ISO strings in China time, +08:00), so the
// type provider can hold each handler to its response schema. Every code people read goes out with
// its label from domain/labels.ts next to it (the codes stay: clients and tests rely on them).

export function partyView(p: SealedParty, vault: Vault, reveal: boolean): PartyView {
  const id = p.idNumberEnc ? vault.decrypt(p.idNumberEnc) : null;
  const phone = p.phoneEnc ? vault.decrypt(p.phoneEnc) : null;
  return {
    role: p.role as PartyView['role'],
    name: p.name,
    idNumber: id && (reveal ? id : maskIdNumber(id)),
    phone: phone && (reveal ? phone : maskPhone(phone)),
  };
}

export function matterView(m: Matter): MatterView {
  return {
    id: m.id,
    trackingCode: m.trackingCode,
    matterType: m.matterType as MatterView['matterType'],
    matterTypeLabel: labelOf('matterType', m.matterType),
    channel: m.channel as MatterView['channel'],
    channelLabel: labelOf('channel', m.channel),
    category: m.category,
    categoryLabel: labelOf('category', m.category),
    regionCode: m.regionCode,
    summary: m.summary,
    facts: m.facts,
    status: m.status,
    statusLabel: labelOf('status', m.status),
    closureReason: m.closureReason,
    closureReasonLabel: labelOf('closureReason', m.closureReason),
    tier: m.tier,
    tierLabel: labelOf('tier', m.tier),
    handlingUnit: m.handlingUnit,
    riskLevel: m.riskLevel,
    riskLevelLabel: labelOf('riskLevel', m.riskLevel),
    processId: m.processId,
    processInstanceKey: m.processInstanceKey,
    nextDeadline: iso(m.nextDeadline),
    receivedAt: iso(m.receivedAt),
    closedAt: iso(m.closedAt),
    possibleDuplicateOf: m.possibleDuplicateOf,
  };
}

/** One entry of a matter's timeline as staff see it: every step, with its label. */
export function timelineEntry(e: MatterEvent): TimelineEntry {
  return {
    type: e.type,
    label: labelOf('event', e.type),
    at: iso(e.occurredAt),
    tier: e.tier,
    tierLabel: labelOf('tier', e.tier),
    unit: e.unit,
    data: e.data,
  };
}

/** '区/镇 + department' in Chinese for a unit id 'region/department' (domain's label); never a person. */
export function unitLabel(unit: string | null, regions: RegionTree): string | null {
  return unit ? unitName(unit, regions) : null;
}

// The steps a citizen is shown and, for a sensitive matter, the neutral few: domain/labels.ts
// (PUBLIC_EVENT_TYPES, NEUTRAL_EVENT_TYPES), with the catalogue's labels.
const isPublic = (type: string, sensitive: boolean): boolean =>
  PUBLIC_EVENT_TYPES.has(type as EventType) && (!sensitive || NEUTRAL_EVENT_TYPES.has(type as EventType));

/** The label a sensitive matter carries in public instead of its category. */
export const NEUTRAL_CATEGORY_LABEL = '个人事项';

export function publicView(m: Matter, events: MatterEvent[], regions: RegionTree): PublicMatter {
  // The receipt may be in an abuser's hands: a sensitive matter shows nothing of what it is about.
  const sensitive = isSensitiveCategory(m.category);
  const closureReason = sensitive ? null : m.closureReason;
  return {
    trackingCode: m.trackingCode,
    matterType: m.matterType as PublicMatter['matterType'],
    matterTypeLabel: labelOf('matterType', m.matterType),
    category: sensitive ? NEUTRAL_CATEGORY_LABEL : m.category ? categoryLabel(m.category) : null,
    status: m.status,
    statusLabel: labelOf('status', m.status),
    closureReason,
    closureReasonLabel: labelOf('closureReason', closureReason),
    handlingUnit: sensitive ? null : unitLabel(m.handlingUnit, regions),
    nextDeadline: m.status === 'closed' ? null : iso(m.nextDeadline),
    receivedAt: iso(m.receivedAt),
    steps: events
      .filter((e) => isPublic(e.type, sensitive))
      .map((e) => ({
        step: e.type,
        label: EVENT_LABELS[e.type as EventType].zh,
        labelEn: EVENT_LABELS[e.type as EventType].en,
        at: iso(e.occurredAt),
        unit: sensitive ? null : unitLabel(e.unit, regions),
      })),
  };
}

/** A task row on the wire; every column is shown (staff need them all to work the inbox). */
export function taskView(t: Task): TaskView {
  return {
    ...t,
    dueAt: iso(t.dueAt),
    completedAt: iso(t.completedAt),
    createdAt: iso(t.createdAt),
    riskLevelLabel: labelOf('riskLevel', t.riskLevel),
    stateLabel: labelOf('taskState', t.state),
    matterType: t.matterType ?? null,
    matterTypeLabel: labelOf('matterType', t.matterType),
  };
}
