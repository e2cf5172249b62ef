// The administrator's monitor: stuck instances by tracking code, filtered by kind, process, element
// and region; retry (reports whether the instance moved), cancel with a reason, and the same over a
// whole filter (not a page). Every action is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findStuck, retry, cancel, withNames, type StuckFilter, type StuckItem } from '../../services/monitor.js';
import { recordStep } from '../../store/matters.js';
import { audit } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { chinaIsoText } from '../../domain/index.js';
import { scopedPath } from '../auth.js';
import type { RouteDeps } from '../app.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ActionBody, ActionReply, StuckQuery, StuckList, errors, SIGNED_IN } from '../schemas/index.js';
import { monitorInstanceRoutes } from './monitor-instance.js';

export function monitorRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'engine' | 'clock'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const guard = app.requireRole('centre-supervisor', 'administrator');
  monitorInstanceRoutes(fastify, deps);
  const operate = () => {
    if (!deps.engine.operate) throw new ApiError('ENGINE_UNAVAILABLE', 'no Operate API is configured (OPERATE_URL)');
    return deps.engine.operate;
  };
  const stuck = async (req: FastifyRequest, q: StuckQuery): Promise<StuckItem[]> => {
    const path = await scopedPath(deps.db, req.user, q.region);
    const f: StuckFilter = {
      kind: q.kind,
      processId: q.process,
      elementId: q.element,
      trackingCode: q.code?.trim().toUpperCase() || undefined,
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
      schema: {
        tags: ['monitor'],
        summary: '卡住的事项 Stuck work, by tracking code',
        description:
          '事故、无人处理的作业、逾期任务与长期无进展的实例，按受理编号列出，可按类别、流程、节点、区域筛选；' +
          '每类最多 limit 条（默认 200）。 Incidents, jobs no worker takes, overdue tasks and instances without' +
          ' progress, by tracking code; at most `limit` (default 200) per kind. Needs the Operate API (else 503).',
        querystring: StuckQuery,
        response: { 200: StuckList, ...errors(...SIGNED_IN, 503) },
      },
    },
    async (req) => {
      // A page of at most `limit` (default 200) items per kind; actions take the whole filter.
      const items = await withNames(operate(), await stuck(req, { limit: 200, ...req.query }));
      const count = (k: string) => items.filter((i) => i.kind === k).length;
      const counts = {
        incident: count('incident'),
        'no-worker': count('no-worker'),
        'overdue-task': count('overdue-task'),
        'no-progress': count('no-progress'),
      };
      // Instants for people in China time (+08:00), whichever source (Operate, the database) gave them.
      const shown = items.map((i) => (typeof i.since === 'string' ? { ...i, since: chinaIsoText(i.since) } : i));
      return { total: items.length, counts, items: shown };
    },
  );

  app.post(
    '/api/monitor/actions',
    {
      preHandler: guard,
      schema: {
        tags: ['monitor'],
        summary: '重试/取消（单个或整个筛选）Retry or cancel one, or everything a filter matches',
        description:
          '对一个实例（processInstanceKey）或筛选命中的全部（filter，不限页）重试事故或取消实例；取消须写原因。' +
          '逐个留痕；重试报告实例是否继续。 Retry incidents or cancel instances, one or all a filter matches' +
          ' (not a page); a cancel needs a reason. Each is audited; a retry reports whether the instance moved.',
        body: ActionBody,
        response: { 200: ActionReply, ...errors(...SIGNED_IN, 404, 503) },
      },
    },
    async (req) => {
      const b = req.body;
      if (b.action === 'cancel' && !b.reason && !b.preview)
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
      const targets = items.filter((item) => {
        const id = b.action === 'cancel' ? item.processInstanceKey : item.incidentKey!;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (b.preview) {
        // What the confirmation shows: the count and the first codes; nothing is touched or audited.
        const codes = [...new Set(targets.map((i) => i.trackingCode))].slice(0, 20);
        return { action: b.action, count: targets.length, results: [], preview: true, codes };
      }
      const results = [];
      for (const item of targets) results.push(await act(req, item, b.action, b.reason));
      return { action: b.action, count: results.length, results };
    },
  );
}
