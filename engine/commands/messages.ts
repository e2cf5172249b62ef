// Message commands: publishing (correlating to open subscriptions and message start events,
// buffering for the time to live), and offering buffered messages to new subscriptions.
import { EngineError, invalid, notFound, parseVariables } from '../errors.js';
import { InstanceTree } from '../runtime/tree.js';
import * as msgs from '../store/messages.js';
import type { EngineCore } from './core.js';

export interface PublishedMessage {
  name: string;
  correlationKey: string;
  timeToLiveMs: number;
  messageId: string;
  variables: string;
}

export async function publishMessage(e: EngineCore, m: PublishedMessage): Promise<string> {
  if (!m.name) throw invalid('Expected a message name, but none given');
  if (!Number.isFinite(m.timeToLiveMs) || m.timeToLiveMs < 0)
    throw invalid(`Expected timeToLive to be zero or positive, but got ${m.timeToLiveMs}`);
  const vars = parseVariables(m.variables);
  return e.command(async (tx) => {
    await msgs.lockCorrelation(tx, m.name, m.correlationKey);
    const now = e.clock.now();
    const key = await e.db.nextKey(tx);
    const buffered = m.timeToLiveMs > 0;
    if (buffered) {
      const ok = await msgs.insertMessage(
        tx,
        {
          key,
          name: m.name,
          correlationKey: m.correlationKey,
          messageId: m.messageId,
          variables: JSON.stringify(vars),
          deadline: new Date(now.getTime() + m.timeToLiveMs),
        },
        now,
      );
      if (!ok)
        throw new EngineError(
          'ALREADY_EXISTS',
          `Expected to publish a new message with id '${m.messageId}', ` +
            'but a message with that id was already published',
        );
    }
    for (const sub of await msgs.subscriptionsFor(tx, m.name, m.correlationKey)) {
      await e.onTree(
        tx,
        sub.rootKey,
        async (x) => {
          const owner = x.tree.elements.get(sub.elementInstanceKey);
          if (!owner) return;
          const def = await x.def(owner);
          if (buffered) x.tree.messageCorrelations.push({ messageKey: key, target: sub.processInstanceKey });
          await x.triggers.trigger(owner, def.model.elements.get(sub.elementId)!, vars, sub.key);
        },
        () => notFound('instance vanished'),
      );
    }
    for (const start of await msgs.messageStartsFor(tx, m.name)) {
      if (m.correlationKey && (await msgs.hasActiveInstanceFor(tx, start.bpmnProcessId, m.correlationKey))) continue;
      const def = await e.models.get(start.processDefinitionKey);
      const tree = new InstanceTree(await e.db.nextKey(tx));
      await e.run(tx, tree, (x) =>
        x.createProcessInstance(
          def,
          {},
          {
            key: tree.rootKey,
            startId: start.elementId,
            startVars: vars,
            startCorrelationKey: m.correlationKey || undefined,
          },
        ),
      );
      if (buffered) await msgs.recordCorrelation(tx, key, `process:${start.bpmnProcessId}`);
    }
    return key;
  });
}

/**
 * Group-committed commands run without a transaction lock, so a message published while their
 * subscription was being written may have missed it (and it them). Once the subscription is
 * committed, look again under the correlation lock, as a publish does.
 */
export async function offerBuffered(e: EngineCore, subs: InstanceTree['newSubscriptions']): Promise<void> {
  for (const s of subs) {
    await e
      .command(async (tx) => {
        await msgs.lockCorrelation(tx, s.messageName, s.correlationKey);
        if (!(await msgs.subscriptionExists(tx, s.key))) return;
        const msg = await msgs.findBufferedMessage(
          tx,
          s.messageName,
          s.correlationKey,
          s.processInstanceKey,
          e.clock.now(),
        );
        if (!msg) return;
        await e.onTree(
          tx,
          s.rootKey,
          async (x) => {
            const owner = x.tree.elements.get(s.elementInstanceKey);
            if (!owner || owner.state !== 'ACTIVE') return;
            const def = await x.def(owner);
            x.tree.messageCorrelations.push({ messageKey: msg.key, target: s.processInstanceKey });
            await x.triggers.trigger(owner, def.model.elements.get(s.elementId)!, msg.variables, s.key);
          },
          () => notFound('instance vanished'),
        );
      })
      .catch((err) => e.log.warn({ err, subscription: s.key }, 'could not offer a buffered message'));
  }
}
