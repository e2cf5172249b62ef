// What each audience sees of a matter. Staff see parties masked unless their role needs them in
// clear (and asked: ?reveal=true, audited); the public tracking view has no personal data at all.
import { categoryLabel, isSensitiveCategory, unitLabel as unitName, type RegionTree } from '../domain/index.js';
import type { Matter, MatterEvent } from '../store/matters.js';
import type { SealedParty } from '../store/parties.js';
import { maskIdNumber, maskPhone, type Vault } from '../platform/privacy.js';
import type { Task } from '../store/tasks.js';
import { iso, type MatterView, type PartyView, type PublicMatter, type TaskView } from './schemas/index.js';

// Views return the wire types of api/schemas (Dates as ISO strings, the same text JSON.stringify
// gave), so the type provider can hold each handler to its response schema.

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
    channel: m.channel as MatterView['channel'],
    category: m.category,
    regionCode: m.regionCode,
    summary: m.summary,
    facts: m.facts,
    status: m.status,
    closureReason: m.closureReason,
    tier: m.tier,
    handlingUnit: m.handlingUnit,
    riskLevel: m.riskLevel,
    processId: m.processId,
    processInstanceKey: m.processInstanceKey,
    nextDeadline: iso(m.nextDeadline),
    receivedAt: iso(m.receivedAt),
    closedAt: iso(m.closedAt),
    possibleDuplicateOf: m.possibleDuplicateOf,
  };
}

/** '区/镇 + department' in Chinese for a unit id 'region/department' (domain's label); never a person. */
export function unitLabel(unit: string | null, regions: RegionTree): string | null {
  return unit ? unitName(unit, regions) : null;
}

/** Steps a citizen is shown, with public labels; internal bookkeeping (deadlines, letters) is not. */
const PUBLIC_STEPS: Record<string, [string, string]> = {
  received: ['已受理', 'Received'],
  triaged: ['已分流', 'Routed'],
  'mediator-assigned': ['已指派调解', 'Mediator assigned'],
  'mediation-agreed': ['调解达成协议', 'Agreement reached'],
  'mediation-failed': ['调解未成，转上级', 'Not settled, moved up'],
  'mediation-overdue': ['逾期，转上级', 'Overdue, moved up'],
  escalated: ['上一级受理', 'Taken up by the next tier'],
  'departments-summoned': ['召集部门联合调处', 'Departments summoned'],
  'judicial-confirmation-requested': ['申请司法确认', 'Judicial confirmation requested'],
  'judicial-confirmation': ['司法确认', 'Judicial confirmation'],
  referred: ['引导仲裁/复议', 'Referred'],
  'litigation-handoff': ['引导诉讼', 'To court'],
  'court-outcome': ['法院结果', 'Court outcome'],
  dispatched: ['已派单', 'Dispatched'],
  'petition-accepted': ['信访已受理', 'Petition accepted'],
  closed: ['已办结', 'Closed'],
  'follow-up-done': ['已回访', 'Followed up'],
  reopened: ['重新办理', 'Reopened'],
};

/**
 * What a sensitive matter's page may show: that it was received, is being handled and was closed —
 * never where, by whom or how (a court, a protection order or a women's federation gives it away).
 */
const NEUTRAL_STEPS = new Set(['received', 'closed', 'follow-up-done']);

/** The label a sensitive matter carries in public instead of its category. */
export const NEUTRAL_CATEGORY_LABEL = '个人事项';

export function publicView(m: Matter, events: MatterEvent[], regions: RegionTree): PublicMatter {
  // The receipt may be in an abuser's hands: a sensitive matter shows nothing of what it is about.
  const sensitive = isSensitiveCategory(m.category);
  return {
    trackingCode: m.trackingCode,
    matterType: m.matterType as PublicMatter['matterType'],
    category: sensitive ? NEUTRAL_CATEGORY_LABEL : m.category ? categoryLabel(m.category) : null,
    status: m.status,
    closureReason: sensitive ? null : m.closureReason,
    handlingUnit: sensitive ? null : unitLabel(m.handlingUnit, regions),
    nextDeadline: m.status === 'closed' ? null : iso(m.nextDeadline),
    receivedAt: iso(m.receivedAt),
    steps: events
      .filter((e) => PUBLIC_STEPS[e.type] && (!sensitive || NEUTRAL_STEPS.has(e.type)))
      .map((e) => ({
        step: e.type,
        label: PUBLIC_STEPS[e.type][0],
        labelEn: PUBLIC_STEPS[e.type][1],
        at: iso(e.occurredAt),
        unit: sensitive ? null : unitLabel(e.unit, regions),
      })),
  };
}

/** A task row on the wire; every column is shown (staff need them all to work the inbox). */
export function taskView(t: Task): TaskView {
  return { ...t, dueAt: iso(t.dueAt), completedAt: iso(t.completedAt), createdAt: iso(t.createdAt) };
}
