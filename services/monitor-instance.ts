// One process instance as the administrator's monitor shows it: its matter (tracking code), the
// diagrams of the root and of the called instances running under it, how many tokens wait on each
// element, the open incidents with their messages, the path taken, the variables, and what the
// monitor did to it before. Also the audited change of variables that fixes the data before a retry.
import type { EngineClient, OperateClient } from '../engine-client/index.js';
import { matterOfInstance, monitorHistory } from '../store/monitor.js';
import { matterDiagrams, type InstanceDiagram } from './matter-views.js';
import { ApiError, notFound } from './errors.js';
import type { Db } from '../platform/db.js';

/** Variables whose names say they may hold personal data: listed by name, their value withheld. */
const PERSONAL = /phone|mobile|idnumber|idcard|address|contact|party(name)?s?$|applicant|respondent|name$/i;
/** Variables that tie the instance to its matter and jurisdiction: shown, never changed here. */
export const PROTECTED_VARIABLES = ['matterId', 'trackingCode', 'regionCode'];
/** Longer values are cut for display (and cannot be edited here: the editor would lose the rest). */
const SHOWN_CHARS = 4000;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_VALUE_CHARS = 16_000;
const MAX_TOTAL_CHARS = 32_000;

export interface InstanceVariable {
  name: string;
  scopeKey: string;
  /** The JSON text of the value; null when withheld. */
  value: string | null;
  withheld: boolean;
  truncated: boolean;
  editable: boolean;
}

export interface InstanceIncident {
  key: string;
  processInstanceKey: string;
  elementId: string;
  type: string;
  message: string;
  since: string | null;
}

export interface InstanceStep {
  processInstanceKey: string;
  elementId: string;
  type: string;
  state: string;
  startDate: string | null;
  endDate: string | null;
}

export interface InstanceView {
  processInstanceKey: string;
  trackingCode: string | null;
  matterId: string | null;
  matterStatus: string | null;
  regionCode: string | null;
  processId: string | null;
  state: 'ACTIVE' | 'COMPLETED' | 'CANCELED';
  diagrams: (InstanceDiagram & { tokens: Record<string, number> })[];
  incidents: InstanceIncident[];
  path: InstanceStep[];
  variables: InstanceVariable[];
  history: { at: Date; actor: string; action: string; details: Record<string, unknown> }[];
}

interface FlowNode {
  processInstanceKey: string | number;
  flowNodeId: string;
  type?: string;
  state: string;
  startDate?: string | null;
  endDate?: string | null;
}

interface OperateIncident {
  key: string | number;
  processInstanceKey: string | number;
  flowNodeId?: string;
  type?: string;
  message?: string;
  creationTime?: string | null;
}

const operateOf = (operate: OperateClient | undefined): OperateClient => {
  if (!operate) throw new ApiError('ENGINE_UNAVAILABLE', '未配置流程查询接口 · no Operate API is configured');
  return operate;
};

/**
 * Resolves a key to its root instance and checks the caller may see it: the matter lies in the
 * jurisdiction (`regionPath` prefix), or there is no matter and the caller watches the top of the tree.
 */
export async function visibleRoot(db: Db, operate: OperateClient | undefined, key: string, regionPath: string) {
  const o = operateOf(operate);
  const [pi] = await o.search<{ key: string }>('process-instances', { key }, 1);
  if (!pi) throw notFound(`process instance ${key}`);
  const root = await o.rootOf(key);
  const matter = await matterOfInstance(db, root);
  if (matter && !matter.region_path.startsWith(regionPath)) throw notFound(`process instance ${key}`);
  if (!matter && regionPath.split('/').length > 3) throw notFound(`process instance ${key}`);
  return { root, matter, operate: o };
}

function shownVariable(v: { name: string; value: string; scopeKey: string | number }): InstanceVariable {
  const withheld = PERSONAL.test(v.name) && !PROTECTED_VARIABLES.includes(v.name);
  const truncated = !withheld && v.value.length > SHOWN_CHARS;
  return {
    name: v.name,
    scopeKey: String(v.scopeKey),
    value: withheld ? null : truncated ? v.value.slice(0, SHOWN_CHARS) : v.value,
    withheld,
    truncated,
    editable: !withheld && !truncated && !PROTECTED_VARIABLES.includes(v.name),
  };
}

export async function instanceView(
  db: Db,
  operateClient: OperateClient | undefined,
  key: string,
  regionPath: string,
): Promise<InstanceView> {
  const { root, matter, operate } = await visibleRoot(db, operateClient, key, regionPath);
  const diagrams = await matterDiagrams(operate, root);
  const keys = diagrams.map((d) => d.processInstanceKey);
  const [nodes, incidents, variables, history] = await Promise.all([
    Promise.all(keys.map((k) => operate.search<FlowNode>('flownode-instances', { processInstanceKey: k }))),
    Promise.all(
      keys.map((k) => operate.search<OperateIncident>('incidents', { processInstanceKey: k, state: 'ACTIVE' })),
    ),
    operate.search<{ name: string; value: string; scopeKey: string }>('variables', { processInstanceKey: root }),
    monitorHistory(db, root),
  ]);
  const withTokens = diagrams.map((d, n) => {
    const tokens: Record<string, number> = {};
    for (const x of nodes[n]) if (x.state === 'ACTIVE') tokens[x.flowNodeId] = (tokens[x.flowNodeId] ?? 0) + 1;
    return { ...d, tokens };
  });
  // The path taken, in the order the elements were entered (root first, then each called instance).
  const path = nodes
    .flat()
    .map((x): InstanceStep => ({
      processInstanceKey: String(x.processInstanceKey),
      elementId: x.flowNodeId,
      type: x.type ?? '',
      state: x.state,
      startDate: x.startDate ?? null,
      endDate: x.endDate ?? null,
    }))
    .sort((a, b) => Date.parse(a.startDate ?? '') - Date.parse(b.startDate ?? ''))
    .slice(0, 500);
  return {
    processInstanceKey: root,
    trackingCode: matter?.tracking_code ?? null,
    matterId: matter ? String(matter.id) : null,
    matterStatus: matter?.status ?? null,
    regionCode: matter?.region_code ?? null,
    processId: matter?.process_id ?? diagrams[0]?.bpmnProcessId ?? null,
    state: diagrams[0]?.state ?? 'CANCELED',
    diagrams: withTokens,
    incidents: incidents.flat().map((i) => ({
      key: String(i.key),
      processInstanceKey: String(i.processInstanceKey),
      elementId: String(i.flowNodeId ?? ''),
      type: String(i.type ?? ''),
      message: String(i.message ?? ''),
      since: i.creationTime ?? null,
    })),
    path,
    // The root's own scope: what a retry of its tasks reads (element-local variables are the engine's).
    variables: variables
      .filter((v) => String(v.scopeKey) === root)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(shownVariable),
    history,
  };
}

type FieldProblem = { field: string; message: string };

/** Parses and checks the variables an administrator typed; every problem names its field. */
export function parseVariables(input: { name: string; value: string }[]): Record<string, unknown> {
  const problems: FieldProblem[] = [];
  const out: Record<string, unknown> = {};
  let total = 0;
  input.forEach((v, i) => {
    const at = `variables[${i}]`;
    if (!NAME.test(v.name))
      problems.push({
        field: `${at}.name`,
        message: `变量名「${v.name}」无效：以字母或下划线开头，仅含字母、数字、下划线，最长 64 · invalid name`,
      });
    else if (PROTECTED_VARIABLES.includes(v.name))
      problems.push({
        field: `${at}.name`,
        message: `变量「${v.name}」关联事项与属地，不能在此修改 · ${v.name} ties the instance to its matter`,
      });
    else if (PERSONAL.test(v.name))
      problems.push({
        field: `${at}.name`,
        message: `变量「${v.name}」可能含个人信息，不能在此修改 · may hold personal data`,
      });
    else if (Object.prototype.hasOwnProperty.call(out, v.name))
      problems.push({ field: `${at}.name`, message: `变量「${v.name}」重复 · given twice` });
    total += v.value.length;
    if (v.value.length > MAX_VALUE_CHARS)
      problems.push({ field: `${at}.value`, message: `值过长（最多 ${MAX_VALUE_CHARS} 字符）· value too long` });
    else
      try {
        out[v.name] = JSON.parse(v.value);
      } catch (e) {
        problems.push({
          field: `${at}.value`,
          message: `「${v.name}」的值不是有效的 JSON：${(e as Error).message} · not valid JSON`,
        });
      }
  });
  if (total > MAX_TOTAL_CHARS)
    problems.push({ field: 'variables', message: `合计过长（最多 ${MAX_TOTAL_CHARS} 字符）· too large in total` });
  if (problems.length) throw new ApiError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), problems);
  return out;
}

/**
 * Sets the variables on the root instance's own scope and returns the values they replace (null where
 * there was none), for the audit log. An ended instance answers CONFLICT: nothing would read them.
 */
export async function setInstanceVariables(
  engine: EngineClient,
  operate: OperateClient,
  root: string,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const [pi] = await operate.search<{ state: string }>('process-instances', { key: root }, 1);
  if (!pi || pi.state !== 'ACTIVE')
    throw new ApiError('CONFLICT', '实例已结束，变量不再被读取 · the instance has ended; nothing would read them');
  const before = await operate.search<{ name: string; value: string; scopeKey: string }>('variables', {
    processInstanceKey: root,
  });
  const old: Record<string, unknown> = {};
  for (const name of Object.keys(values)) {
    const v = before.find((x) => x.name === name && String(x.scopeKey) === root);
    old[name] = v ? JSON.parse(v.value) : null;
  }
  await engine.setVariables(root, values, true);
  return old;
}
