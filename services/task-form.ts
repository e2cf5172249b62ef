// What a task's form opens with: the process's current values of the form's own fields (a form
// reopened after "ask for more information", or a step that revisits what an earlier one recorded).
// Only the form's fields leave the server: the process holds more (the parties' facts, routing) than
// the person filling this form needs to be sent.
import type { OperateClient } from '../engine-client/index.js';
import type { Task } from '../store/tasks.js';
import type { FormComponent } from './forms.js';

/** Every key a form binds, at any depth (groups and dynamic lists hold fields of their own). */
export function formKeys(components: FormComponent[] | undefined): Set<string> {
  const keys = new Set<string>();
  const walk = (cs: FormComponent[]) => {
    for (const c of cs) {
      if (c.key) keys.add(c.key);
      if (c.components) walk(c.components);
    }
  };
  walk(components ?? []);
  return keys;
}

interface VariableRow {
  name: string;
  value: string;
  scopeKey: string | number;
}

/**
 * The values the process holds for the form's fields: the instance's variables, then the task's own
 * (local) ones over them. Empty when there is no Operate API or it does not answer: the form then
 * opens blank, as it would on a fresh step, rather than the task failing to open.
 */
export async function prefill(
  operate: OperateClient | undefined,
  task: Pick<Task, 'processInstanceKey' | 'elementInstanceKey'>,
  form: { components?: FormComponent[] } | null | undefined,
): Promise<Record<string, unknown>> {
  const keys = formKeys(form?.components);
  if (!operate || keys.size === 0) return {};
  let rows: VariableRow[];
  try {
    rows = await operate.search<VariableRow>('variables', { processInstanceKey: task.processInstanceKey }, 2000);
  } catch {
    return {};
  }
  const at = (scope: string | null) => rows.filter((r) => scope !== null && String(r.scopeKey) === scope);
  const out: Record<string, unknown> = {};
  for (const r of [...at(String(task.processInstanceKey)), ...at(task.elementInstanceKey)]) {
    if (!keys.has(r.name)) continue;
    try {
      out[r.name] = JSON.parse(r.value);
    } catch {
      // A value Operate truncated or could not encode is left for the person to fill in.
    }
  }
  return out;
}
