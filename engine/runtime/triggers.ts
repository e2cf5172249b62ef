// Events: opening timer and message subscriptions, triggering them (catch events, receive tasks,
// event-based gateways, boundary events, event sub-processes) and throwing BPMN errors.
import { evaluateAttribute, evaluateString, ExpressionError, describe } from '../feel.js';
import { addDuration, parseCycle, parseDate, parseDuration } from '../model/timer-spec.js';
import type { ElementNode } from '../model/types.js';
import type { Executor } from './executor.js';
import type { ElementInstance } from './tree.js';
import { findBufferedMessage, lockCorrelation } from '../store/messages.js';
import { NotPlannable } from '../errors.js';

export interface TimerSchedule {
  dueDate: Date;
  repetitions: number;
  interval: string | null;
}

/** Evaluates a timer definition at `now`; throws ExpressionError for a bad value. */
export function scheduleTimer(node: ElementNode, ctx: Record<string, unknown>, now: Date): TimerSchedule {
  const t = node.timer!;
  const raw = evaluateAttribute(t.value, ctx);
  if (typeof raw !== 'string')
    throw new ExpressionError(`Expected the timer ${t.type} of '${node.id}' to be a string, but was ${describe(raw)}`);
  if (t.type === 'duration') {
    const d = parseDuration(raw);
    if (!d) throw new ExpressionError(`Invalid timer duration '${raw}' on '${node.id}'`);
    return { dueDate: addDuration(now, d), repetitions: 1, interval: null };
  }
  if (t.type === 'date') {
    const d = parseDate(raw);
    if (!d) throw new ExpressionError(`Invalid timer date '${raw}' on '${node.id}'`);
    return { dueDate: d, repetitions: 1, interval: null };
  }
  const c = parseCycle(raw);
  if (!c) throw new ExpressionError(`Invalid timer cycle '${raw}' on '${node.id}'`);
  const dueDate = c.start && c.start.getTime() > now.getTime() ? c.start : addDuration(now, parseDuration(c.interval)!);
  return { dueDate, repetitions: c.repetitions, interval: c.interval };
}

export class Triggers {
  constructor(private readonly x: Executor) {}

  async openBoundaries(host: ElementInstance, node: ElementNode): Promise<void> {
    const def = await this.x.def(host);
    for (const id of node.boundaryIds) {
      const b = def.model.elements.get(id)!;
      if (b.event === 'timer' || b.event === 'message') await this.open(host, b, host.key);
    }
  }

  /** Opens the timer or message subscription of `event`, owned by `owner`. */
  async open(owner: ElementInstance, event: ElementNode, contextKey: string): Promise<void> {
    const { tree, db, tx, now, planning } = this.x.c;
    if (planning) throw new NotPlannable(`it opens the ${event.event} event '${event.id}'`);
    const ctx = tree.context(contextKey);
    owner.data.owns = true;
    tree.touch(owner);
    if (event.event === 'timer') {
      const s = scheduleTimer(event, ctx, now);
      tree.newTimers.push({
        key: await db.nextKey(tx),
        rootKey: owner.rootKey,
        elementInstanceKey: owner.key,
        processDefinitionKey: owner.processDefinitionKey,
        elementId: event.id,
        ...s,
      });
      return;
    }
    if (!event.message) return;
    const name = evaluateString(event.message.name, ctx, 'message name');
    const correlationKey = evaluateString(event.message.correlationKey ?? '', ctx, 'correlation key');
    const key = await db.nextKey(tx);
    tree.newSubscriptions.push({
      key,
      messageName: name,
      correlationKey,
      rootKey: owner.rootKey,
      processInstanceKey: owner.processInstanceKey,
      elementInstanceKey: owner.key,
      elementId: event.id,
    });
    // A message published before the subscription opened may be waiting in the buffer.
    this.x.deferred.push(async () => {
      if (owner.state !== 'ACTIVE' || !tree.newSubscriptions.some((s) => s.key === key)) return;
      await lockCorrelation(tx, name, correlationKey);
      const msg = await findBufferedMessage(tx, name, correlationKey, owner.processInstanceKey, now);
      if (!msg) return;
      tree.messageCorrelations.push({ messageKey: msg.key, target: owner.processInstanceKey });
      await this.trigger(owner, event, msg.variables, key);
    });
  }

  /** The event happened: route it to what it belongs to. `triggerKey` is the timer/subscription. */
  async trigger(
    owner: ElementInstance,
    event: ElementNode,
    vars: Record<string, unknown>,
    triggerKey?: string,
  ): Promise<void> {
    const { tree } = this.x;
    const def = await this.x.def(owner);
    if (event.kind === 'boundaryEvent') {
      const scope = tree.elements.get(owner.flowScopeKey!)!;
      if (event.interrupting) await this.x.terminate(owner);
      else if (event.event === 'timer' && triggerKey) tree.removedTriggers.add(triggerKey);
      const inst = await this.x.newInstance(event, def, scope);
      return this.x.complete(inst, vars);
    }
    if (event.kind === 'startEvent') {
      if (triggerKey && event.event === 'timer') tree.removedTriggers.add(triggerKey);
      return this.startEventSubProcess(owner, def.model.elements.get(event.scopeId!)!, event, vars);
    }
    if (owner.elementType === 'EVENT_BASED_GATEWAY') {
      const scope = tree.elements.get(owner.flowScopeKey!)!;
      tree.end(owner, 'COMPLETED', this.x.c.now);
      const inst = await this.x.newInstance(event, def, scope);
      return this.x.complete(inst, vars);
    }
    return this.x.complete(owner, vars);
  }

  private async startEventSubProcess(
    scope: ElementInstance,
    esp: ElementNode,
    start: ElementNode,
    vars: Record<string, unknown>,
  ): Promise<void> {
    const { tree } = this.x;
    const def = await this.x.def(scope);
    if (start.interrupting) {
      for (const child of tree.activeChildren(scope.key)) await this.x.terminate(child);
      delete scope.data.joins;
      tree.touch(scope);
      // The scope stops listening for its other event sub-processes.
      tree.closedOwners.add(scope.key);
    }
    const espInst = await this.x.newInstance(esp, def, scope);
    const startInst = await this.x.newInstance(start, def, espInst);
    await this.x.complete(startInst, vars);
  }

  /** Reschedules a repeating timer after it fired, when the event is still listening. */
  async rescheduleCycle(
    owner: ElementInstance | null,
    event: ElementNode,
    timer: { repetitions: number; interval: string | null; processDefinitionKey: string; dueDate: Date },
  ): Promise<void> {
    if (!timer.interval || timer.repetitions === 1) return;
    const listening =
      event.kind === 'startEvent'
        ? owner === null || !event.interrupting
        : event.kind === 'boundaryEvent' && !event.interrupting;
    if (!listening) return;
    const { tree, db, tx } = this.x.c;
    const d = parseDuration(timer.interval)!;
    tree.newTimers.push({
      key: await db.nextKey(tx),
      dueDate: addDuration(timer.dueDate, d),
      rootKey: owner?.rootKey ?? null,
      elementInstanceKey: owner?.key ?? null,
      processDefinitionKey: timer.processDefinitionKey,
      elementId: event.id,
      repetitions: timer.repetitions < 0 ? -1 : timer.repetitions - 1,
      interval: timer.interval,
    });
  }

  /**
   * Throws a BPMN error from `thrower`: the innermost matching catch wins, looking at event
   * sub-processes of each enclosing scope before that scope's boundary events, across call
   * activities. Uncaught: an UNHANDLED_ERROR_EVENT incident on the thrower.
   */
  async throwError(
    thrower: ElementInstance,
    code: string,
    message: string,
    vars: Record<string, unknown>,
    jobKey: string | null = null,
  ): Promise<boolean> {
    const { tree } = this.x;
    let cur: ElementInstance | undefined = thrower;
    while (cur) {
      const def = await this.x.def(cur);
      const node = def.model.elements.get(cur.elementId)!;
      if (
        cur !== thrower &&
        (cur.elementType === 'PROCESS' || cur.elementType === 'SUB_PROCESS' || cur.elementType === 'EVENT_SUB_PROCESS')
      ) {
        const starts = node.eventSubProcessIds
          .map((id) => def.model.elements.get(def.model.elements.get(id)!.startEventIds[0])!)
          .filter((s) => s.event === 'error');
        const start = starts.find((s) => s.errorCode === code) ?? starts.find((s) => !s.errorCode);
        if (start) {
          await this.startEventSubProcess(cur, def.model.elements.get(start.scopeId!)!, start, vars);
          return true;
        }
      }
      if (cur.data.miIndex === undefined && cur.elementType !== 'PROCESS') {
        const catches = node.boundaryIds.map((id) => def.model.elements.get(id)!).filter((b) => b.event === 'error');
        const b = catches.find((c) => c.errorCode === code) ?? catches.find((c) => !c.errorCode);
        if (b) {
          await this.trigger(cur, b, vars);
          return true;
        }
      }
      cur = cur.flowScopeKey ? tree.elements.get(cur.flowScopeKey) : undefined;
    }
    const text =
      `Expected to throw an error event with the code '${code}'` +
      (message ? ` with message '${message}'` : '') +
      ', but it was not caught. No error events are available in the scope.';
    await this.x.incident(thrower, 'UNHANDLED_ERROR_EVENT', text, 'activate', undefined, jobKey);
    return false;
  }
}
