// The aggregate a command works on: every active element instance and every variable of one root
// process instance (call-activity children included), plus the writes the command makes. Loaded at
// the start of a command under the root's row lock, flushed before commit, then dropped: nothing is
// kept in memory between commands.

export interface ElementInstance {
  key: string;
  rootKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  elementId: string;
  elementType: string;
  flowScopeKey: string | null;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  data: ElementData;
  startDate: Date;
  endDate: Date | null;
}

export interface ElementData {
  /** Tokens waiting at parallel joins in this scope: gateway id → flow ids taken. */
  joins?: Record<string, string[]>;
  /** Multi-instance body: the input collection and progress. */
  mi?: { items: unknown[]; next: number; completed: number; active: number };
  /** Multi-instance inner instance: its 0-based index. */
  miIndex?: number;
  /** Set once a job, timer, subscription or incident refers to this instance (so ending it closes them). */
  owns?: boolean;
  /** Open incident on this element (phase to retry on resolve). */
  incident?: { key: string; phase: 'activate' | 'complete' };
  [k: string]: unknown;
}

export interface JobRow {
  key: string;
  type: string;
  retries: number;
  customHeaders: Record<string, string>;
  rootKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  version: number;
  scopeKeys: string[];
}
export interface TimerRow {
  key: string;
  dueDate: Date;
  rootKey: string | null;
  elementInstanceKey: string | null;
  processDefinitionKey: string;
  elementId: string;
  repetitions: number;
  interval: string | null;
  /** What firing it will write, made when it was created (see timer-plans.ts), and the root revision it assumes. */
  plan?: unknown;
  planRev?: string;
}
export interface SubscriptionRow {
  key: string;
  messageName: string;
  correlationKey: string;
  rootKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
}
export interface IncidentRow {
  key: string;
  errorType: string;
  errorMessage: string;
  rootKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementInstanceKey: string;
  elementId: string;
  jobKey: string | null;
  data: Record<string, unknown>;
}
export interface ProcessInstanceRow {
  key: string;
  rootKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  parentProcessInstanceKey: string | null;
  parentElementInstanceKey: string | null;
  startCorrelationKey: string | null;
  startDate: Date;
}

export class InstanceTree {
  readonly elements = new Map<string, ElementInstance>();
  private readonly children = new Map<string, Set<string>>();
  /** scope key → name → JSON text */
  readonly vars = new Map<string, Map<string, string>>();

  // Pending writes, flushed by the store in one go.
  readonly insertedElements = new Set<ElementInstance>();
  readonly changedElements = new Set<ElementInstance>();
  readonly changedVars = new Map<
    string,
    { scopeKey: string; name: string; value: string; processInstanceKey: string }
  >();
  readonly newJobs: JobRow[] = [];
  readonly newTimers: TimerRow[] = [];
  readonly newSubscriptions: SubscriptionRow[] = [];
  readonly newIncidents: IncidentRow[] = [];
  /** Element instance keys whose jobs, timers, subscriptions are removed. */
  readonly closedOwners = new Set<string>();
  /** Timers and subscriptions removed one by one, by key (a fired timer). */
  readonly removedTriggers = new Set<string>();
  /** Set when the root process instance completed in this command. */
  rootCompleted = false;
  readonly resolvedIncidents = new Set<string>();
  readonly newProcessInstances: ProcessInstanceRow[] = [];
  readonly endedProcessInstances = new Map<string, { state: 'COMPLETED' | 'TERMINATED'; endDate: Date }>();
  readonly jobTypes = new Set<string>();
  readonly messageCorrelations: { messageKey: string; target: string }[] = [];

  /** The root's revision when loaded; null for a tree created by this command. */
  rev: string | null = null;
  /** Rows the command consumes; the write fails (and the command is retried) if another took them. */
  readonly claims: { table: 'jobs' | 'timers'; key: string }[] = [];

  constructor(public readonly rootKey: string) {}

  /**
   * The tree as it will be stored once this command's writes are flushed, with no pending writes:
   * what a later command would load. Element data is copied, so changing the copy changes nothing here.
   */
  snapshot(): InstanceTree {
    const copy = new InstanceTree(this.rootKey);
    for (const e of this.elements.values()) copy.load({ ...e, data: structuredClone(e.data) });
    for (const [scope, vars] of this.vars) copy.vars.set(scope, new Map(vars));
    return copy;
  }

  /** Adds a loaded (already stored) element instance. */
  load(inst: ElementInstance): void {
    this.elements.set(inst.key, inst);
    if (inst.flowScopeKey) this.childSet(inst.flowScopeKey).add(inst.key);
  }

  add(inst: ElementInstance): void {
    this.load(inst);
    this.insertedElements.add(inst);
  }

  touch(inst: ElementInstance): void {
    if (!this.insertedElements.has(inst)) this.changedElements.add(inst);
  }

  /** Marks an instance as ended; it leaves the active set but is still written. */
  end(inst: ElementInstance, state: 'COMPLETED' | 'TERMINATED', at: Date): void {
    inst.state = state;
    inst.endDate = at;
    this.touch(inst);
    this.elements.delete(inst.key);
    if (inst.flowScopeKey) this.children.get(inst.flowScopeKey)?.delete(inst.key);
    if (inst.data.owns) this.closedOwners.add(inst.key);
  }

  activeChildren(scopeKey: string): ElementInstance[] {
    return [...(this.children.get(scopeKey) ?? [])].map((k) => this.elements.get(k)!).filter(Boolean);
  }

  private childSet(k: string): Set<string> {
    let s = this.children.get(k);
    if (!s) this.children.set(k, (s = new Set()));
    return s;
  }

  /** The chain of scope keys from the process instance (outermost) down to `key`. */
  scopeChain(key: string): string[] {
    const chain: string[] = [];
    let cur = this.elements.get(key);
    while (cur) {
      chain.unshift(cur.key);
      if (cur.elementType === 'PROCESS') break;
      cur = cur.flowScopeKey ? this.elements.get(cur.flowScopeKey) : undefined;
    }
    return chain;
  }

  getLocal(scopeKey: string, name: string): string | undefined {
    return this.vars.get(scopeKey)?.get(name);
  }

  setLocal(scopeKey: string, name: string, value: unknown, processInstanceKey: string): void {
    const text = JSON.stringify(value === undefined ? null : value);
    let m = this.vars.get(scopeKey);
    if (!m) this.vars.set(scopeKey, (m = new Map()));
    if (m.get(name) === text) return;
    m.set(name, text);
    this.changedVars.set(`${scopeKey}\u0000${name}`, { scopeKey, name, value: text, processInstanceKey });
  }

  /** Zeebe's propagation: update the nearest scope defining `name`, else create it at the process instance. */
  propagate(startScopeKey: string, name: string, value: unknown): void {
    const chain = this.scopeChain(startScopeKey);
    const pi = this.elements.get(chain[0])!;
    for (let i = chain.length - 1; i >= 0; i--) {
      if (this.vars.get(chain[i])?.has(name)) return this.setLocal(chain[i], name, value, pi.processInstanceKey);
    }
    this.setLocal(chain[0], name, value, pi.processInstanceKey);
  }

  /** Every variable visible at `key` (inner scopes shadow outer ones), parsed. */
  context(key: string): Record<string, unknown> {
    const ctx: Record<string, unknown> = {};
    for (const scope of this.scopeChain(key)) {
      for (const [name, text] of this.vars.get(scope) ?? []) ctx[name] = JSON.parse(text);
    }
    return ctx;
  }

  localVariables(scopeKey: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, text] of this.vars.get(scopeKey) ?? []) out[name] = JSON.parse(text);
    return out;
  }

  /** Drops writes not yet flushed for an element whose activation failed (it will be retried). */
  discardPending(ownerKey: string): void {
    const keep = <T extends { elementInstanceKey: string | null }>(list: T[]) => {
      for (let i = list.length - 1; i >= 0; i--) if (list[i].elementInstanceKey === ownerKey) list.splice(i, 1);
    };
    keep(this.newJobs);
    keep(this.newTimers);
    keep(this.newSubscriptions);
  }
}
