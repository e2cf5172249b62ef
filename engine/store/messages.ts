// Messages (the buffer), their subscriptions and correlations.
import type pg from 'pg';
import type { Tx } from './db.js';

export interface BufferedMessage {
  key: string;
  variables: Record<string, unknown>;
}

/** The oldest live message not yet correlated to `target` (a process instance key or process id). */
/**
 * Serialises a publish with the opening of a subscription for the same name and correlation key:
 * without it, each could miss the other (the publish sees no subscription yet, the subscription sees
 * no buffered message yet) and the message would wait unused until its TTL ran out.
 */
export async function lockCorrelation(tx: Tx, name: string, correlationKey: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`msg:${name}`, correlationKey]);
}

export async function subscriptionExists(tx: Tx, key: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM engine.message_subscriptions WHERE key = $1', [key]);
  return rows.length > 0;
}

export async function findBufferedMessage(
  tx: Tx,
  name: string,
  correlationKey: string,
  target: string,
  now: Date,
): Promise<BufferedMessage | null> {
  const { rows } = await tx.query(
    `SELECT m.key, m.variables FROM engine.messages m
     WHERE m.name = $1 AND m.correlation_key = $2 AND m.deadline > $4
       AND NOT EXISTS (SELECT 1 FROM engine.message_correlations c WHERE c.message_key = m.key AND c.target = $3)
     ORDER BY m.key LIMIT 1`,
    [name, correlationKey, target, now],
  );
  return rows[0] ? { key: rows[0].key, variables: JSON.parse(rows[0].variables) } : null;
}

/** Inserts a buffered message; false when a live message with the same id exists. */
export async function insertMessage(
  tx: Tx,
  m: { key: string; name: string; correlationKey: string; messageId: string; variables: string; deadline: Date },
  now: Date,
): Promise<boolean> {
  if (m.messageId) {
    await tx.query(
      'DELETE FROM engine.messages WHERE name = $1 AND correlation_key = $2 AND message_id = $3 AND deadline <= $4',
      [m.name, m.correlationKey, m.messageId, now],
    );
  }
  const r = await tx.query(
    `INSERT INTO engine.messages (key, name, correlation_key, message_id, variables, deadline)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (name, correlation_key, message_id) WHERE message_id <> '' DO NOTHING`,
    [m.key, m.name, m.correlationKey, m.messageId, m.variables, m.deadline],
  );
  return r.rowCount === 1;
}

export interface SubscriptionRef {
  key: string;
  rootKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
}

/** Open subscriptions for a message, one per process instance (the oldest), in root order. */
export async function subscriptionsFor(tx: Tx, name: string, correlationKey: string): Promise<SubscriptionRef[]> {
  const { rows } = await tx.query(
    `SELECT DISTINCT ON (process_instance_key) key, root_key AS "rootKey", process_instance_key AS "processInstanceKey",
            element_instance_key AS "elementInstanceKey", element_id AS "elementId"
     FROM engine.message_subscriptions WHERE message_name = $1 AND correlation_key = $2
     ORDER BY process_instance_key, key`,
    [name, correlationKey],
  );
  return rows.sort((a, b) => (BigInt(a.rootKey) < BigInt(b.rootKey) ? -1 : 1));
}

export async function messageStartsFor(
  tx: Tx,
  name: string,
): Promise<{ processDefinitionKey: string; bpmnProcessId: string; elementId: string }[]> {
  const { rows } = await tx.query(
    `SELECT process_definition_key AS "processDefinitionKey", bpmn_process_id AS "bpmnProcessId",
            element_id AS "elementId"
     FROM engine.message_start_subscriptions
     WHERE message_name = $1
     ORDER BY process_definition_key`,
    [name],
  );
  return rows;
}

/** Zeebe allows one active instance per process id and correlation key for message start events. */
export async function hasActiveInstanceFor(tx: Tx, bpmnProcessId: string, correlationKey: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `SELECT 1
     FROM engine.process_instances
     WHERE bpmn_process_id = $1 AND start_correlation_key = $2 AND state = 'ACTIVE'
     LIMIT 1`,
    [bpmnProcessId, correlationKey],
  );
  return !!rowCount;
}

export async function recordCorrelation(tx: Tx, messageKey: string, target: string): Promise<void> {
  await tx.query(
    'INSERT INTO engine.message_correlations (message_key, target) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [messageKey, target],
  );
}

/** Removes expired messages and their correlation records; returns how many. */
export async function expireMessages(pool: pg.Pool, now: Date, limit = 1000): Promise<number> {
  const { rows } = await pool.query(
    `WITH gone AS (DELETE FROM engine.messages
                   WHERE key IN (SELECT key FROM engine.messages WHERE deadline <= $1 LIMIT $2)
                   RETURNING key),
          c AS (DELETE FROM engine.message_correlations WHERE message_key IN (SELECT key FROM gone))
     SELECT count(*)::int AS n FROM gone`,
    [now, limit],
  );
  return rows[0].n;
}
