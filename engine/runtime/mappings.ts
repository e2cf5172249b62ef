// Variable mappings (zeebe:ioMapping) and propagation: inputs into an element's local scope when
// it activates, its result and outputs into the flow scope when it completes.
import type { ElementNode } from '../model/types.js';
import { evaluateFeel, toJson } from '../feel.js';
import type { ElementInstance, InstanceTree } from './tree.js';

export function applyInputs(tree: InstanceTree, inst: ElementInstance, node: ElementNode): void {
  for (const m of node.inputs) {
    const value = toJson(evaluateFeel(m.source, tree.context(inst.key)));
    setPath(tree, inst, m.target, value);
  }
}

export function applyOutputs(
  tree: InstanceTree,
  inst: ElementInstance,
  node: ElementNode,
  vars: Record<string, unknown>,
): void {
  if (inst.elementType === 'MULTI_INSTANCE_BODY') {
    const name = node.loop!.outputCollection;
    if (name) tree.propagate(inst.flowScopeKey!, name, JSON.parse(tree.getLocal(inst.key, name) ?? 'null'));
    return;
  }
  if (inst.elementType === 'PROCESS') return;
  if (!node.outputs.length) {
    for (const [name, value] of Object.entries(vars)) tree.propagate(inst.key, name, value);
    return;
  }
  for (const [name, value] of Object.entries(vars)) tree.setLocal(inst.key, name, value, inst.processInstanceKey);
  const results: [string, unknown][] = [];
  const ctx = tree.context(inst.key);
  for (const m of node.outputs) results.push([m.target, toJson(evaluateFeel(m.source, ctx))]);
  for (const [target, value] of results) {
    const [head, ...rest] = target.split('.');
    if (!rest.length) {
      tree.propagate(inst.flowScopeKey!, head, value);
      continue;
    }
    const existing =
      ctx[head] && typeof ctx[head] === 'object' ? (structuredClone(ctx[head]) as Record<string, unknown>) : {};
    assignPath(existing, rest, value);
    tree.propagate(inst.flowScopeKey!, head, existing);
  }
}

function setPath(tree: InstanceTree, inst: ElementInstance, target: string, value: unknown): void {
  const [head, ...rest] = target.split('.');
  if (!rest.length) return tree.setLocal(inst.key, head, value, inst.processInstanceKey);
  const current = tree.getLocal(inst.key, head);
  const obj = current ? JSON.parse(current) : {};
  assignPath(obj && typeof obj === 'object' ? obj : {}, rest, value);
  tree.setLocal(inst.key, head, obj, inst.processInstanceKey);
}

function assignPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (!cur[path[i]] || typeof cur[path[i]] !== 'object') cur[path[i]] = {};
    cur = cur[path[i]] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}
