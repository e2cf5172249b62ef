// The administrator's monitor: stuck instances by tracking code, filtered by kind, process, element
// and region; retry (reports whether the instance moved), cancel with a reason, and the same over a
// whole filter (not a page). Every action is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findStuck, retry, cancel, type StuckFilter, type StuckItem } from '../../services/monitor.js';
import { recordStep } from '../../store/matters.js';
import { audit } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { scopedPath } from '../auth.js';
import type { RouteDeps } from '../app.js';

const KINDS = ['incident', 'no-worker', 'overdue-task', 'no-progress'];
const FILTER = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: KINDS },
    process: { type: 'string', maxLength: 100 },
    element: { type: 'string', maxLength: 100 },
    region: { type: 'string', maxLength: 64 },
    noWorkerMinutes: { type: 'integer', minimum: 1, maximum: 100_000, default: 30 },
    noProgressDays: { type: 'integer', minimum: 1, maximum: 3650, default: 7 },
    overdueGraceHours: { type: 'integer', minimum: 0, maximum: 10_000, default: 24 },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
  },
};

export function monitorRoutes(app: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'engine' | 'clock'>) {
  const guard = app.requireRole('centre-supervisor', 'administrator');
  const operate = () => {
    if (!deps.engine.operate) throw new ApiError('ENGINE_UNAVAILABLE', 'no Operate API is configured (OPERATE_URL)');
    return deps.engine.operate;
  };
  const stuck = async (req: FastifyRequest, q: Record<string, any>): Promise<StuckItem[]> => {
    const path = await scopedPath(deps.db, req.user, q.region);
    const f: StuckFilter = {
      kind: q.kind,
      processId: q.process,
      elementId: q.element,
      regionPath: path,
      noWorkerMinutes: q.noWorkerMinutes ?? 30,
      noProgressDays: q.noProgressDays ?? 7,
      overdueGraceHours: q.overdueGraceHours ?? 24,
      limit: q.limit,
    };
    return findStuck(deps.db, operate(), deps.clock(), f);
  };
  const act = async (req: FastifyRequest, item: StuckItem, action: 'retry' | 'cancel', reason?: string) => {
    const at = deps.clock();
    if (action === 'retry') {
      const r = await retry(deps.engine, operate(), item);
      await audit(deps.db, {
        at,
        actor: req.user.sub,
        action: 'monitor.retry',
        targetKind: 'process-instance',
        targetId: item.processInstanceKey,
        details: { trackingCode: item.trackingCode, incidentKey: item.incidentKey ?? null, moved: r.moved },
      });
      return { trackingCode: item.trackingCode, processInstanceKey: item.processInstanceKey, ...r };
    }
    await cancel(deps.engine, item);
    if (item.matterId)
      await recordStep(deps.db, item.matterId, {
        type: 'instance-cancelled',
        at,
        data: { reason, by: req.user.sub },
        dedupKey: `cancel:${item.processInstanceKey}`,
      });
    await audit(deps.db, {
      at,
      actor: req.user.sub,
      action: 'monitor.cancel',
      targetKind: 'process-instance',
      targetId: item.processInstanceKey,
      details: { trackingCode: item.trackingCode, reason },
    });
    return { trackingCode: item.trackingCode, processInstanceKey: item.processInstanceKey, cancelled: true };
  };

  app.get(
    '/api/monitor/stuck',
    {
      preHandler: guard,
      schema: { tags: ['monitor'], summary: '卡住的事项 Stuck work, by tracking code', querystring: FILTER },
    },
    async (req) => {
      // A page of at most `limit` (default 200) items per kind; actions take the whole filter.
      const items = await stuck(req, { limit: 200, ...(req.query as Record<string, any>) });
      const counts = Object.fromEntries(KINDS.map((k) => [k, items.filter((i) => i.kind === k).length]));
      return { total: items.length, counts, items };
    },
  );

  const ACTION = {
    type: 'object',
    required: ['action'],
    additionalProperties: false,
    properties: {
      action: { type: 'string', enum: ['retry', 'cancel'] },
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      processInstanceKey: { type: 'string', pattern: '^[0-9]{1,20}$' },
      filter: FILTER,
    },
  };
  app.post(
    '/api/monitor/actions',
    {
      preHandler: guard,
      schema: {
        tags: ['monitor'],
        summary: '重试/取消（单个或整个筛选）Retry or cancel one, or everything a filter matches',
        body: ACTION,
      },
    },
    async (req) => {
      const b = req.body as {
        action: 'retry' | 'cancel';
        reason?: string;
        processInstanceKey?: string;
        filter?: Record<string, any>;
      };
      if (b.action === 'cancel' && !b.reason)
        throw new ApiError('VALIDATION_FAILED', 'a cancel needs a reason', [
          { field: 'reason', message: 'required for cancel' },
        ]);
      if (!!b.processInstanceKey === !!b.filter)
        throw new ApiError(
          'VALIDATION_FAILED',
          'give either processInstanceKey (one instance) or filter (all it matches)',
        );
      let items = await stuck(req, b.filter ?? {});
      if (b.processInstanceKey) {
        items = items.filter((i) => i.processInstanceKey === b.processInstanceKey);
        if (!items.length)
          throw new ApiError('NOT_FOUND', `instance ${b.processInstanceKey} is not stuck in your jurisdiction`);
        if (b.action === 'cancel') items = items.slice(0, 1);
      }
      if (b.action === 'retry') items = items.filter((i) => i.kind === 'incident');
      const seen = new Set<string>();
      const results = [];
      for (const item of items) {
        const id = b.action === 'cancel' ? item.processInstanceKey : item.incidentKey!;
        if (seen.has(id)) continue;
        seen.add(id);
        results.push(await act(req, item, b.action, b.reason));
      }
      return { action: b.action, count: results.length, results };
    },
  );
}
