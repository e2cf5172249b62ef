// Element behaviour: activate → (wait) → complete or terminate, as Zeebe's BpmnElementProcessors.
// Works on an InstanceTree in memory; the store flushes the writes. Events (timers, messages,
// errors, boundary and event sub-process triggers) are in triggers.ts; jobs, call activities and
// gateway conditions in activities.ts; variable mappings in mappings.ts.
import type { EngineDb, Tx } from '../store/db.js';
import type { ModelCache, Definition } from '../model/cache.js';
import type { ElementNode, Flow } from '../model/types.js';
import { ExpressionError, evaluateFeel, toJson } from '../feel.js';
import type { ElementInstance, InstanceTree } from './tree.js';
import { Triggers } from './triggers.js';
import { MultiInstance } from './multi-instance.js';
import { IncidentError } from './incident-error.js';
import { applyInputs, applyOutputs } from './mappings.js';
import { callProcess, chooseFlows, createJob } from './activities.js';

export { IncidentError } from './incident-error.js';

const SCOPE_TYPES = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);
const MAX_STEPS = 20_000;

export interface ExecContext {
  tx: Tx;
  db: EngineDb;
  tree: InstanceTree;
  models: ModelCache;
  now: Date;
  /** Planning a timer's firing ahead: reading anything outside the tree throws NotPlannable. */
  planning?: boolean;
}

export class Executor {
  readonly triggers: Triggers;
  readonly multi: MultiInstance;
  private steps = 0;
  /** Work run after the current step (buffered message correlation on newly opened subscriptions). */
  readonly deferred: (() => Promise<void>)[] = [];

  constructor(readonly c: ExecContext) {
    this.triggers = new Triggers(this);
    this.multi = new MultiInstance(this);
  }

  get tree(): InstanceTree {
    return this.c.tree;
  }

  async def(inst: { processDefinitionKey: string }): Promise<Definition> {
    return this.c.models.get(inst.processDefinitionKey);
  }
  async node(inst: ElementInstance): Promise<ElementNode> {
    return (await this.def(inst)).model.elements.get(inst.elementId)!;
  }

  async drain(): Promise<void> {
    while (this.deferred.length) await this.deferred.shift()!();
  }

  async newInstance(
    node: ElementNode,
    def: Definition,
    scope: ElementInstance | null,
    elementType = node.elementType,
    givenKey?: string,
  ): Promise<ElementInstance> {
    if (++this.steps > MAX_STEPS)
      throw new Error(
        `process instance ${this.tree.rootKey} exceeded ${MAX_STEPS} steps in one command (endless loop?)`,
      );
    const key = givenKey ?? (await this.c.db.nextKey(this.c.tx));
    const inst: ElementInstance = {
      key,
      rootKey: this.tree.rootKey,
      processInstanceKey: scope && elementType !== 'PROCESS' ? scope.processInstanceKey : key,
      processDefinitionKey: def.row.key,
      bpmnProcessId: def.row.bpmnProcessId,
      version: def.row.version,
      elementId: node.id,
      elementType,
      flowScopeKey: scope?.key ?? null,
      state: 'ACTIVE',
      data: {},
      startDate: this.c.now,
      endDate: null,
    };
    this.tree.add(inst);
    return inst;
  }

  /** Creates a process instance (root or called) and starts it at `startId` (the none start by default). */
  async createProcessInstance(
    def: Definition,
    variables: Record<string, unknown>,
    opts: {
      key?: string;
      caller?: ElementInstance;
      startId?: string;
      startVars?: Record<string, unknown>;
      startCorrelationKey?: string;
    } = {},
  ): Promise<ElementInstance> {
    const proc = def.model.elements.get(def.model.bpmnProcessId)!;
    const inst = await this.newInstance(proc, def, opts.caller ?? null, 'PROCESS', opts.key);
    this.tree.newProcessInstances.push({
      key: inst.key,
      rootKey: this.tree.rootKey,
      processDefinitionKey: def.row.key,
      bpmnProcessId: def.row.bpmnProcessId,
      version: def.row.version,
      parentProcessInstanceKey: opts.caller?.processInstanceKey ?? null,
      parentElementInstanceKey: opts.caller?.key ?? null,
      startCorrelationKey: opts.startCorrelationKey ?? null,
      startDate: this.c.now,
    });
    for (const [name, value] of Object.entries(variables)) this.tree.setLocal(inst.key, name, value, inst.key);
    const startId = opts.startId ?? proc.noneStartId;
    if (!startId) throw new IncidentError('UNKNOWN', `process '${def.row.bpmnProcessId}' has no none start event`);
    await this.enterScope(inst, proc, def.model.elements.get(startId)!, opts.startVars);
    return inst;
  }

  /** Opens the scope's event sub-process subscriptions, then starts it. */
  async enterScope(
    scope: ElementInstance,
    scopeNode: ElementNode,
    start: ElementNode,
    startVars?: Record<string, unknown>,
  ): Promise<void> {
    const def = await this.def(scope);
    for (const espId of scopeNode.eventSubProcessIds) {
      const esp = def.model.elements.get(espId)!;
      const st = def.model.elements.get(esp.startEventIds[0])!;
      if (st.event === 'timer' || st.event === 'message') await this.triggers.open(scope, st, scope.key);
    }
    const startInst = await this.newInstance(start, def, scope);
    await this.complete(startInst, startVars ?? {});
  }

  async activate(node: ElementNode, scope: ElementInstance, def: Definition): Promise<ElementInstance> {
    const inst = await this.instantiate(node, scope, def);
    await this.runActivation(inst, node);
    return inst;
  }

  private instantiate(node: ElementNode, scope: ElementInstance, def: Definition): Promise<ElementInstance> {
    return this.newInstance(node, def, scope, node.loop ? 'MULTI_INSTANCE_BODY' : node.elementType);
  }

  /** The activation step; an expression failure becomes an incident that retries this step. */
  async runActivation(inst: ElementInstance, node: ElementNode): Promise<void> {
    try {
      if (inst.elementType === 'MULTI_INSTANCE_BODY') return await this.multi.activateBody(inst, node);
      applyInputs(this.tree, inst, node);
      await this.behave(inst, node);
    } catch (err) {
      if (err instanceof ExpressionError)
        return this.incident(
          inst,
          node.inputs.length ? 'IO_MAPPING_ERROR' : 'EXTRACT_VALUE_ERROR',
          err.message,
          'activate',
        );
      if (err instanceof IncidentError) return this.incident(inst, err.errorType, err.message, 'activate');
      throw err;
    }
  }

  private isInner(inst: ElementInstance): boolean {
    return inst.data.miIndex !== undefined;
  }

  private async behave(inst: ElementInstance, node: ElementNode): Promise<void> {
    const def = await this.def(inst);
    const hostsBoundaries = !this.isInner(inst);
    switch (node.kind) {
      case 'serviceTask':
      case 'sendTask':
      case 'businessRuleTask':
      case 'userTask':
        if (hostsBoundaries) await this.triggers.openBoundaries(inst, node);
        return createJob(this, inst, node);
      case 'scriptTask': {
        if (node.job) {
          if (hostsBoundaries) await this.triggers.openBoundaries(inst, node);
          return createJob(this, inst, node);
        }
        const value = toJson(evaluateFeel(node.script!.expression, this.tree.context(inst.key)));
        return this.complete(inst, node.script!.resultVariable ? { [node.script!.resultVariable]: value } : {});
      }
      case 'receiveTask':
        if (hostsBoundaries) await this.triggers.openBoundaries(inst, node);
        return this.triggers.open(inst, node, inst.key);
      case 'intermediateCatchEvent':
        return this.triggers.open(inst, node, inst.key);
      case 'endEvent':
        if (node.event === 'error') {
          await this.triggers.throwError(inst, node.errorCode!, '', {});
          return;
        }
        if (node.event === 'terminate') return this.terminateScope(inst);
        return this.complete(inst, {});
      case 'exclusiveGateway':
      case 'inclusiveGateway':
        return this.complete(inst, {}, chooseFlows(this, inst, node));
      case 'eventBasedGateway':
        for (const f of node.outgoing) await this.triggers.open(inst, def.model.elements.get(f.targetId)!, inst.key);
        return;
      case 'subProcess':
        if (hostsBoundaries) await this.triggers.openBoundaries(inst, node);
        return this.enterScope(inst, node, def.model.elements.get(node.noneStartId!)!);
      case 'callActivity':
        if (hostsBoundaries) await this.triggers.openBoundaries(inst, node);
        return callProcess(this, inst, node);
      default:
        return this.complete(inst, {});
    }
  }

  // ---- completion -----------------------------------------------------------------------------

  /** Completes an element with the variables it produced (job result, message, child process...). */
  async complete(inst: ElementInstance, vars: Record<string, unknown>, flows?: Flow[]): Promise<void> {
    const node = await this.node(inst);
    let conditionMet = false;
    try {
      applyOutputs(this.tree, inst, node, vars);
      if (this.isInner(inst)) conditionMet = this.multi.collectInner(inst, node);
    } catch (err) {
      if (err instanceof ExpressionError) return this.incident(inst, 'IO_MAPPING_ERROR', err.message, 'complete', vars);
      throw err;
    }
    this.tree.end(inst, 'COMPLETED', this.c.now);
    const scope = inst.flowScopeKey ? this.tree.elements.get(inst.flowScopeKey) : undefined;
    if (this.isInner(inst)) return this.multi.innerCompleted(inst, node, conditionMet);
    if (inst.elementType === 'PROCESS') return this.processCompleted(inst);
    const out = flows ?? node.outgoing;
    if (!scope) return;
    if (!out.length) return this.scopeCheck(scope);
    const def = await this.def(inst);
    await this.takeFlows(out, scope, def);
  }

  private async processCompleted(proc: ElementInstance): Promise<void> {
    this.tree.endedProcessInstances.set(proc.key, { state: 'COMPLETED', endDate: this.c.now });
    if (!proc.flowScopeKey) {
      this.tree.rootCompleted = true;
      return;
    }
    const caller = this.tree.elements.get(proc.flowScopeKey);
    if (!caller) return;
    const node = await this.node(caller);
    const childVars = this.tree.localVariables(proc.key);
    await this.complete(caller, node.outputs.length || node.call!.propagateAllChildVariables ? childVars : {});
  }

  /**
   * Takes the flows leaving an element. Every target is instantiated before any runs, so a branch
   * that ends at once (an end event) does not complete the scope while its siblings are still to start.
   */
  async takeFlows(flows: Flow[], scope: ElementInstance, def: Definition): Promise<void> {
    const started: [ElementInstance, ElementNode][] = [];
    for (const flow of flows) {
      const target = def.model.elements.get(flow.targetId)!;
      if (target.kind === 'parallelGateway' && target.incoming.length > 1) {
        const joins = (scope.data.joins ??= {});
        const waiting = (joins[target.id] ??= []);
        waiting.push(flow.id);
        this.tree.touch(scope);
        if (!target.incoming.every((f) => waiting.includes(f.id))) continue;
        for (const f of target.incoming) waiting.splice(waiting.indexOf(f.id), 1);
        if (!waiting.length) delete joins[target.id];
      }
      started.push([await this.instantiate(target, scope, def), target]);
    }
    // A branch may have ended the scope (terminate end, interrupting event): its siblings then never run.
    for (const [inst, node] of started) if (inst.state === 'ACTIVE') await this.runActivation(inst, node);
  }

  /** A scope with no active children and no waiting tokens completes. */
  async scopeCheck(scope: ElementInstance): Promise<void> {
    if (scope.state !== 'ACTIVE' || !SCOPE_TYPES.has(scope.elementType) || scope.data.incident) return;
    if (this.tree.activeChildren(scope.key).length) return;
    if (scope.data.joins && Object.keys(scope.data.joins).length) return;
    await this.complete(scope, {});
  }

  private async terminateScope(endInst: ElementInstance): Promise<void> {
    const scope = this.tree.elements.get(endInst.flowScopeKey!)!;
    this.tree.end(endInst, 'COMPLETED', this.c.now);
    for (const child of this.tree.activeChildren(scope.key)) await this.terminate(child);
    delete scope.data.joins;
    this.tree.touch(scope);
    await this.scopeCheck(scope);
  }

  // ---- termination and incidents ----------------------------------------------------------------

  async terminate(inst: ElementInstance): Promise<void> {
    for (const child of this.tree.activeChildren(inst.key)) await this.terminate(child);
    if (inst.data.incident) this.tree.resolvedIncidents.add(inst.data.incident.key);
    this.tree.end(inst, 'TERMINATED', this.c.now);
    if (inst.elementType === 'PROCESS')
      this.tree.endedProcessInstances.set(inst.key, { state: 'TERMINATED', endDate: this.c.now });
  }

  async incident(
    inst: ElementInstance,
    errorType: string,
    message: string,
    phase: 'activate' | 'complete',
    vars?: Record<string, unknown>,
    jobKey: string | null = null,
  ): Promise<void> {
    this.tree.discardPending(inst.key);
    const key = await this.c.db.nextKey(this.c.tx);
    inst.data.incident = { key, phase };
    inst.data.owns = true;
    this.tree.touch(inst);
    this.tree.newIncidents.push({
      key,
      errorType,
      errorMessage: message,
      rootKey: inst.rootKey,
      processInstanceKey: inst.processInstanceKey,
      processDefinitionKey: inst.processDefinitionKey,
      bpmnProcessId: inst.bpmnProcessId,
      elementInstanceKey: inst.key,
      elementId: inst.elementId,
      jobKey,
      data: vars ? { vars } : {},
    });
  }

  /** Retries the step an element incident interrupted. */
  async retry(inst: ElementInstance, phase: 'activate' | 'complete', vars: Record<string, unknown>): Promise<void> {
    delete inst.data.incident;
    this.tree.touch(inst);
    const node = await this.node(inst);
    if (phase === 'complete') return this.complete(inst, vars);
    await this.runActivation(inst, node);
  }
}
