// Multi-instance activities (zeebe:loopCharacteristics), as Zeebe's MultiInstanceBodyProcessor: the
// body holds the input collection and counters; each inner instance gets its item and loopCounter,
// collects its output element, and may end the body early by the completion condition.
import { ExpressionError, evaluateBoolean, evaluateFeel, toJson, describe } from '../feel.js';
import type { ElementNode } from '../model/types.js';
import type { Executor } from './executor.js';
import type { ElementInstance } from './tree.js';

export class MultiInstance {
  constructor(private readonly x: Executor) {}

  async activateBody(body: ElementInstance, node: ElementNode): Promise<void> {
    const loop = node.loop!;
    const items = toJson(evaluateFeel(loop.inputCollection, this.x.tree.context(body.key)));
    if (!Array.isArray(items))
      throw new ExpressionError(
        `Expected result of the expression '${loop.inputCollection}' to be a list, but was ${describe(items)}`,
      );
    await this.x.triggers.openBoundaries(body, node);
    body.data.mi = { items, next: 0, completed: 0, active: 0 };
    this.x.tree.touch(body);
    if (loop.outputCollection)
      this.x.tree.setLocal(
        body.key,
        loop.outputCollection,
        items.map(() => null),
        body.processInstanceKey,
      );
    if (!items.length) return this.x.complete(body, {});
    const n = loop.sequential ? 1 : items.length;
    for (let i = 0; i < n; i++) await this.activateInner(body, node);
  }

  private async activateInner(body: ElementInstance, node: ElementNode): Promise<void> {
    const mi = body.data.mi!;
    const index = mi.next++;
    mi.active++;
    this.x.tree.touch(body);
    const inner = await this.x.newInstance(node, await this.x.def(body), body);
    inner.data.miIndex = index;
    if (node.loop!.inputElement)
      this.x.tree.setLocal(inner.key, node.loop!.inputElement, mi.items[index], inner.processInstanceKey);
    this.x.tree.setLocal(inner.key, 'loopCounter', index + 1, inner.processInstanceKey);
    await this.x.runActivation(inner, node);
  }

  /** Evaluated while the inner instance is still in the tree (its variables are visible). */
  collectInner(inner: ElementInstance, node: ElementNode): boolean {
    const body = this.x.tree.elements.get(inner.flowScopeKey!)!;
    const loop = node.loop!;
    const mi = body.data.mi!;
    const ctx = this.x.tree.context(inner.key);
    if (loop.outputCollection && loop.outputElement) {
      const list = JSON.parse(this.x.tree.getLocal(body.key, loop.outputCollection) ?? '[]') as unknown[];
      list[inner.data.miIndex!] = toJson(evaluateFeel(loop.outputElement, ctx));
      this.x.tree.setLocal(body.key, loop.outputCollection, list, body.processInstanceKey);
    }
    if (!loop.completionCondition) return false;
    return evaluateBoolean(loop.completionCondition, {
      ...ctx,
      numberOfInstances: mi.items.length,
      numberOfActiveInstances: mi.active - 1,
      numberOfCompletedInstances: mi.completed + 1,
    });
  }

  async innerCompleted(inner: ElementInstance, node: ElementNode, conditionMet: boolean): Promise<void> {
    const body = this.x.tree.elements.get(inner.flowScopeKey!);
    if (!body) return;
    const mi = body.data.mi!;
    mi.completed++;
    mi.active--;
    this.x.tree.touch(body);
    if (conditionMet) {
      for (const child of this.x.tree.activeChildren(body.key)) await this.x.terminate(child);
      return this.x.complete(body, {});
    }
    if (node.loop!.sequential && mi.next < mi.items.length) return this.activateInner(body, node);
    if (mi.active === 0 && mi.next >= mi.items.length) return this.x.complete(body, {});
  }
}
