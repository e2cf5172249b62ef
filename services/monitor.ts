// Stuck work, always shown by tracking code: incidents, service tasks no worker has finished for too
// long, user tasks past their deadline that were not escalated, matters with no progress for days.
// Retry and cancel act through the gateway protocol, so the same works against a Camunda 8 cluster.
import type { Knex } from 'knex';
import { isEngineError, type EngineClient, type OperateClient } from '../engine-client/index.js';
import { definition } from './matter-views.js';
import { mattersByRootKeys, mattersWithoutProgress, overdueOpenTasks, type MatterRow } from '../store/monitor.js';

export type StuckKind = 'incident' | 'no-worker' | 'overdue-task' | 'no-progress';

export interface StuckItem {
  kind: StuckKind;
  trackingCode: string | null;
  matterId: string | null;
  processId: string | null;
  regionCode: string | null;
  processInstanceKey: string;
  elementId: string | null;
  since: string | null;
  detail: string;
  incidentKey?: string;
  jobKey?: string;
  elementInstanceKey?: string;
  /** The element's name in the model (people read names, not ids); filled for a page by `withNames`. */
  elementName?: string | null;
  /** Where the element's name is found (incidents and engine jobs); not sent. */
  processDefinitionKey?: string;
}

export interface StuckFilter {
  kind?: StuckKind;
  processId?: string;
  elementId?: string;
  /** One matter's tracking code (upper case): finds its stuck work whatever the kind. */
  trackingCode?: string;
  regionPath: string;
  noWorkerMinutes: number;
  noProgressDays: number;
  overdueGraceHours: number;
  /** At most this many items per kind (bulk actions pass none: the whole filter). */
  limit?: number;
}

export async function findStuck(db: Knex, operate: OperateClient, now: Date, f: StuckFilter): Promise<StuckItem[]> {
  const items: StuckItem[] = [];
  const want = (k: StuckKind) => !f.kind || f.kind === k;
  const roots = new Map<string, string>();
  const byRoot = async (keys: string[]): Promise<Map<string, MatterRow>> => {
    const rows = await mattersByRootKeys(db, keys);
    return new Map(rows.map((r) => [r.process_instance_key, { ...r, id: String(r.id) }]));
  };
  const push = (
    m: MatterRow | undefined,
    it: Omit<StuckItem, 'trackingCode' | 'matterId' | 'processId' | 'regionCode'>,
  ) => {
    if (m && !m.region_path.startsWith(f.regionPath)) return;
    if (f.trackingCode && m?.tracking_code !== f.trackingCode) return;
    // Engine work of no matter (quality sampling) is for the top of the tree only.
    if (!m && f.regionPath.split('/').length > 3) return;
    items.push({
      ...it,
      trackingCode: m?.tracking_code ?? null,
      matterId: m?.id ?? null,
      processId: m?.process_id ?? null,
      regionCode: m?.region_code ?? null,
    });
  };

  if (want('incident')) {
    const incidents = await operate.search<any>('incidents', { state: 'ACTIVE' });
    const rootKeys = await Promise.all(incidents.map((i) => operate.rootOf(String(i.processInstanceKey), roots)));
    const matters = await byRoot(rootKeys);
    incidents.forEach((i, n) =>
      push(matters.get(rootKeys[n]), {
        kind: 'incident',
        processInstanceKey: rootKeys[n],
        elementId: i.flowNodeId,
        since: i.creationTime,
        detail: `${i.type}: ${i.message}`,
        incidentKey: String(i.key),
        jobKey: i.jobKey ? String(i.jobKey) : undefined,
        elementInstanceKey: i.flowNodeInstanceKey ? String(i.flowNodeInstanceKey) : undefined,
        processDefinitionKey: i.processDefinitionKey ? String(i.processDefinitionKey) : undefined,
      }),
    );
  }
  if (want('no-worker')) {
    const limit = now.getTime() - f.noWorkerMinutes * 60_000;
    const active = (await operate.search<any>('flownode-instances', { state: 'ACTIVE', type: 'SERVICE_TASK' })).filter(
      (x) => Date.parse(x.startDate) < limit && !x.incident,
    );
    const rootKeys = await Promise.all(active.map((x) => operate.rootOf(String(x.processInstanceKey), roots)));
    const matters = await byRoot(rootKeys);
    active.forEach((x, n) =>
      push(matters.get(rootKeys[n]), {
        kind: 'no-worker',
        processInstanceKey: rootKeys[n],
        elementId: x.flowNodeId,
        since: x.startDate,
        detail: `service task active for more than ${f.noWorkerMinutes} minutes: no worker has finished it`,
        processDefinitionKey: x.processDefinitionKey ? String(x.processDefinitionKey) : undefined,
      }),
    );
  }
  if (want('overdue-task')) {
    const rows = await overdueOpenTasks(db, {
      dueBefore: new Date(now.getTime() - f.overdueGraceHours * 3_600_000),
      regionPath: f.regionPath,
      processId: f.processId,
      elementId: f.elementId,
      trackingCode: f.trackingCode,
      limit: f.limit,
    });
    for (const r of rows)
      push(r.id ? { ...r, id: String(r.id), process_instance_key: r.root } : undefined, {
        kind: 'overdue-task',
        processInstanceKey: r.root ?? r.process_instance_key,
        elementId: r.element_id,
        elementName: r.name ?? null,
        since: new Date(r.due_at).toISOString(),
        jobKey: r.job_key,
        detail: `user task past its deadline by more than ${f.overdueGraceHours} h and not escalated`,
      });
  }
  if (want('no-progress')) {
    const rows = await mattersWithoutProgress(db, {
      lastStepBefore: new Date(now.getTime() - f.noProgressDays * 86_400_000),
      regionPath: f.regionPath,
      processId: f.processId,
      trackingCode: f.trackingCode,
      limit: f.limit,
    });
    for (const r of rows)
      push(
        { ...r, id: String(r.id) },
        {
          kind: 'no-progress',
          processInstanceKey: r.process_instance_key,
          elementId: null,
          since: new Date(r.last).toISOString(),
          detail: `no step recorded for ${f.noProgressDays} days`,
        },
      );
  }
  return items.filter(
    (x) => (!f.processId || x.processId === f.processId) && (!f.elementId || x.elementId === f.elementId),
  );
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The name an element has in a model's XML (null when it has none): a look-up, not a parse. */
export function elementNameIn(xml: string, id: string): string | null {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tag = xml.match(new RegExp(`<[A-Za-z:]+\\s[^>]*\\bid="${esc}"[^>]*>`));
  const name = tag?.[0].match(/\sname="([^"]*)"/)?.[1];
  return name
    ? name
        .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
        .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e])
    : null;
}

/** Fills `elementName` of the items whose model is known (the deployed definitions are cached). */
export async function withNames(operate: OperateClient, items: StuckItem[]): Promise<StuckItem[]> {
  return Promise.all(
    items.map(async (i) => {
      if (i.elementName !== undefined || !i.processDefinitionKey || !i.elementId) return i;
      const d = await definition(operate, i.processDefinitionKey, '').catch(() => null);
      return { ...i, elementName: d ? elementNameIn(d.xml, i.elementId) : null };
    }),
  );
}

/** Gives a failed job its retries back and resolves the incident; reports whether the instance moved. */
export async function retry(
  engine: EngineClient,
  operate: OperateClient,
  item: StuckItem,
): Promise<{ moved: boolean; detail: string }> {
  if (item.kind !== 'incident' || !item.incidentKey)
    return { moved: false, detail: `没有可解决的事故 · a ${item.kind} item has no incident to resolve` };
  if (item.jobKey) await engine.updateJobRetries(item.jobKey, 3);
  await engine.resolveIncident(item.incidentKey);
  // Moved = the element the incident was on completed; not moved = a new incident on it.
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const [el] = item.elementInstanceKey
      ? await operate.search<any>('flownode-instances', { key: item.elementInstanceKey }, 1)
      : [];
    if (el && el.state !== 'ACTIVE')
      return { moved: true, detail: '事故已解决，实例已继续 · resolved; the instance went on' };
    const again = await operate.search<any>('incidents', {
      processInstanceKey: item.processInstanceKey,
      state: 'ACTIVE',
    });
    if (again.some((x) => x.flowNodeId === item.elementId && String(x.key) !== item.incidentKey))
      return {
        moved: false,
        detail: '再次出错：请先修正原因（数据或作业处理程序）· it failed again: fix the cause (data, worker) first',
      };
  }
  return { moved: false, detail: '事故已解决，但实例尚未继续 · resolved; the instance has not moved yet' };
}

/** Cancels the item's instance; one that has ended already counts as cancelled. */
export async function cancel(engine: EngineClient, item: StuckItem): Promise<void> {
  await engine.cancelInstance(item.processInstanceKey).catch((err) => {
    if (!isEngineError(err, 'not-found')) throw err;
  });
}
