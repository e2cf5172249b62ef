// What a matter's page shows beside its detail: where its process is (the root instance and the
// called instances running now, read through the Operate API, each with its deployed diagram), the
// letters and messages queued for it, and its deadlines (inbox tasks and the stages' legal terms).
import type { OperateClient } from '../engine-client/index.js';
import { eventsOf, type Matter } from '../store/matters.js';
import { lettersOf, tasksOfMatter } from '../store/matter-views.js';
import { deliveriesForLetters, type DeliveryStatus } from '../store/deliveries.js';
import {
  DELIVERY_STATUS_LABELS,
  deliveryStatusLabel,
  labelOr,
  PARTY_ROLE_LABELS,
  RECIPIENT_KIND_LABELS,
  STAGE_LABELS,
  TEMPLATE_LABELS,
  unitLabel,
  type Label,
  type RegionTree,
} from '../domain/index.js';
import type { Db } from '../platform/db.js';
import { ApiError } from './errors.js';

// ---------------------------------------------------------------------------------------------
// Diagrams

export interface InstanceDiagram {
  processInstanceKey: string;
  bpmnProcessId: string;
  name: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'CANCELED';
  root: boolean;
  parentKey: string | null;
  calledFrom: string | null;
  xml: string;
  active: string[];
  completed: string[];
  incidents: string[];
}

interface OperateInstance {
  key: string | number;
  bpmnProcessId: string;
  processVersion: number;
  state: string;
  parentKey?: string | number | null;
  parentFlowNodeInstanceKey?: string | number | null;
  processDefinitionKey: string | number;
}
interface OperateFlowNode {
  key: string | number;
  flowNodeId: string;
  state: string;
}

// A deployed definition never changes under its key: its XML and name are kept (bounded), per engine.
const kept = new WeakMap<OperateClient, Map<string, { xml: string; name: string }>>();
const DEFINITIONS_KEPT = 200;

export async function definition(operate: OperateClient, key: string, fallbackName: string) {
  let definitions = kept.get(operate);
  if (!definitions) kept.set(operate, (definitions = new Map()));
  const known = definitions.get(key);
  if (known) return known;
  const [xml, [d]] = await Promise.all([
    operate.definitionXml(key),
    operate.search<{ name?: string | null }>('process-definitions', { key }, 1),
  ]);
  const got = { xml, name: d?.name || fallbackName };
  if (definitions.size >= DEFINITIONS_KEPT) definitions.delete(definitions.keys().next().value!);
  definitions.set(key, got);
  return got;
}

const unique = (xs: string[]) => [...new Set(xs)];

async function diagramOf(
  operate: OperateClient,
  pi: OperateInstance,
  root: boolean,
  calledFrom: string | null,
): Promise<{ diagram: InstanceDiagram; nodes: OperateFlowNode[] }> {
  const key = String(pi.key);
  const [nodes, incidents, def] = await Promise.all([
    operate.search<OperateFlowNode>('flownode-instances', { processInstanceKey: key }),
    operate.search<{ flowNodeId: string }>('incidents', { processInstanceKey: key, state: 'ACTIVE' }),
    definition(operate, String(pi.processDefinitionKey), pi.bpmnProcessId),
  ]);
  const active = unique(nodes.filter((n) => n.state === 'ACTIVE').map((n) => n.flowNodeId));
  // The path taken: every element entered and left, whether it completed or was interrupted.
  const completed = unique(nodes.filter((n) => n.state !== 'ACTIVE').map((n) => n.flowNodeId)).filter(
    (id) => !active.includes(id),
  );
  return {
    nodes,
    diagram: {
      processInstanceKey: key,
      bpmnProcessId: pi.bpmnProcessId,
      name: def.name,
      version: Number(pi.processVersion),
      state: pi.state === 'ACTIVE' || pi.state === 'COMPLETED' ? pi.state : 'CANCELED',
      root,
      parentKey: pi.parentKey ? String(pi.parentKey) : null,
      calledFrom,
      xml: def.xml,
      active,
      completed,
      incidents: unique(incidents.map((i) => i.flowNodeId)),
    },
  };
}

/** Called instances nest a few levels at most (dispute → joint mediation → …); this bounds a bad loop. */
const MAX_DEPTH = 5;

/**
 * The matter's root instance and the called instances running under it now (breadth first), each with
 * its diagram and the elements active, passed and with incidents. Empty when the process has not
 * started; ENGINE_UNAVAILABLE when there is no Operate API or it does not answer.
 */
export async function matterDiagrams(
  operate: OperateClient | undefined,
  rootKey: string | null,
): Promise<InstanceDiagram[]> {
  if (!rootKey) return [];
  if (!operate) throw new ApiError('ENGINE_UNAVAILABLE', '未配置流程查询接口 · no Operate API is configured');
  try {
    const [root] = await operate.search<OperateInstance>('process-instances', { key: rootKey }, 1);
    if (!root) return [];
    const out: InstanceDiagram[] = [];
    let level: { pi: OperateInstance; calledFrom: string | null }[] = [{ pi: root, calledFrom: null }];
    for (let depth = 0; level.length && depth < MAX_DEPTH; depth++) {
      const done = await Promise.all(level.map((l) => diagramOf(operate, l.pi, depth === 0, l.calledFrom)));
      out.push(...done.map((d) => d.diagram));
      const next: typeof level = [];
      for (const { diagram, nodes } of done) {
        if (diagram.state !== 'ACTIVE') continue;
        const children = await operate.search<OperateInstance>('process-instances', {
          parentKey: diagram.processInstanceKey,
          state: 'ACTIVE',
        });
        const byKey = new Map(nodes.map((n) => [String(n.key), n.flowNodeId]));
        for (const c of children)
          next.push({ pi: c, calledFrom: byKey.get(String(c.parentFlowNodeInstanceKey ?? '')) ?? null });
      }
      level = next;
    }
    return out;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('ENGINE_UNAVAILABLE', '流程引擎查询失败，请稍后再试 · the engine could not be asked; try again');
  }
}

// ---------------------------------------------------------------------------------------------
// Letters and messages

// What a citizen recipient is stored as; anything else (never expected) reads as "the parties".
const CITIZEN_RECIPIENTS: Readonly<Record<string, string>> = { parties: '全体当事人', applicant: '申请人' };

export interface Letter {
  id: string;
  template: string;
  templateLabel: Label;
  recipientKind: 'citizen' | 'unit' | 'court' | 'staff';
  recipientKindLabel: Label;
  unit: string | null;
  recipientLabel: string;
  createdAt: Date;
  sentAt: Date | null;
  status: LetterStatus;
  statusLabel: Label;
  /** Each message the letter became: an SMS per party, or the letter to its unit. */
  deliveries: {
    channel: 'sms' | 'letter' | 'internal';
    recipientLabel: Label;
    status: DeliveryStatus;
    statusLabel: Label;
    attempts: number;
    error: string | null;
    text: string | null;
    sentAt: Date | null;
    readAt: Date | null;
    acknowledgedAt: Date | null;
    acknowledgedBy: string | null;
  }[];
}

export type LetterStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'dead' | 'skipped';

/** A letter's state from its messages': any still to go → queued; any dead → dead; else the best reached. */
function letterStatus(statuses: string[]): LetterStatus {
  if (!statuses.length) return 'queued';
  if (statuses.some((s) => s === 'queued' || s === 'sending')) return 'queued';
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('dead')) return 'dead';
  if (statuses.includes('delivered')) return 'delivered';
  if (statuses.includes('sent')) return 'sent';
  return 'skipped';
}

/** The matter's letters and messages: who (a unit, or the parties by role) and what, never contact data. */
export async function matterLetters(db: Db, regions: RegionTree, matterId: string) {
  const [letters, deliveries] = await Promise.all([lettersOf(db, matterId), deliveriesForLetters(db, matterId)]);
  return letters.map((r): Letter => {
    const own = deliveries.filter((d) => d.outboxId === r.id);
    const status = letterStatus(own.map((d) => d.status));
    const sentAt = own.map((d) => d.sentAt).find((x) => x) ?? r.sentAt;
    const isUnit = r.recipientKind === 'unit' || r.recipientKind === 'court';
    const recipientLabel = isUnit
      ? unitLabel(r.recipient, regions)
      : r.recipientKind === 'citizen'
        ? (CITIZEN_RECIPIENTS[r.recipient] ?? '当事人')
        : '承办人员';
    return {
      id: r.id,
      template: r.template,
      templateLabel: labelOr(TEMPLATE_LABELS, r.template),
      recipientKind: r.recipientKind,
      recipientKindLabel: labelOr(RECIPIENT_KIND_LABELS, r.recipientKind),
      unit: isUnit ? r.recipient : null,
      recipientLabel,
      createdAt: r.createdAt,
      sentAt,
      status,
      statusLabel: labelOr(DELIVERY_STATUS_LABELS, status),
      deliveries: own.map((d) => ({
        channel: d.channel,
        recipientLabel:
          d.channel === 'sms'
            ? labelOr(PARTY_ROLE_LABELS, d.partyRole ?? 'applicant')
            : { zh: recipientLabel, en: recipientLabel },
        status: d.status,
        statusLabel: deliveryStatusLabel(d),
        attempts: d.attempts,
        error: d.lastError,
        text: d.rendered,
        sentAt: d.sentAt,
        readAt: d.readAt,
        acknowledgedAt: d.acknowledgedAt,
        acknowledgedBy: d.acknowledgedBy,
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/** '调解 Mediate' → { zh: '调解', en: 'Mediate' }: the models name tasks in both languages. */
export function splitName(name: string | null, fallback: string): Label {
  if (!name) return { zh: fallback, en: fallback };
  const m = /^(.*?[^\x20-\x7e].*?)\s+([A-Za-z].*)$/.exec(name.trim());
  return m ? { zh: m[1], en: m[2] } : { zh: name, en: name };
}

export interface Deadline {
  kind: 'task' | 'stage';
  label: Label;
  elementId: string | null;
  dueAt: Date;
  setAt: Date;
  extended: boolean;
  open: boolean;
  overdue: boolean;
}

/** The inbox tasks that have a due date, and each stage deadline the process computed, by due date. */
export async function matterDeadlines(db: Db, m: Matter, now: Date) {
  const [tasks, events] = await Promise.all([tasksOfMatter(db, m.id), eventsOf(db, m.id)]);
  const items: Deadline[] = [];
  for (const t of tasks) {
    if (!t.dueAt) continue;
    const open = t.state === 'open';
    items.push({
      kind: 'task',
      label: splitName(t.name, t.elementId),
      elementId: t.elementId,
      dueAt: t.dueAt,
      setAt: t.createdAt,
      extended: false,
      open,
      overdue: open && t.dueAt < now,
    });
  }
  for (const e of events) {
    if (e.type !== 'deadline-set' && e.type !== 'deadline-extended') continue;
    const due = Date.parse(String((e.data.output as { deadline?: unknown } | undefined)?.deadline ?? ''));
    if (Number.isNaN(due)) continue;
    const stage = String(e.data.stage ?? '');
    items.push({
      kind: 'stage',
      label: labelOr(STAGE_LABELS, stage),
      elementId: null,
      dueAt: new Date(due),
      setAt: e.occurredAt,
      extended: e.type === 'deadline-extended',
      open: false,
      overdue: false,
    });
  }
  items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { nextDeadline: m.status === 'closed' ? null : m.nextDeadline, items };
}
