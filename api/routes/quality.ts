// Quality sampling (四级抽访) for supervisors, administrators and auditors, within their jurisdiction:
// a week's samples and reviews, the long-unresolved disputes and their guidance, and the shares
// (administrators set them). The sampling itself runs in the engine (bpmn/quality-sampling.bpmn).
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RegionTree } from '../../domain/index.js';
import { longUnresolved, qualitySamples, qualityShares, setQualityShare } from '../../services/quality.js';
import { scopedPath } from '../auth.js';
import {
  errors,
  iso,
  SIGNED_IN,
  LongUnresolvedList,
  LongUnresolvedQuery,
  QualitySampleList,
  QualitySamplesQuery,
  QualityShareBody,
  QualityShareList,
  QualityShareParams,
  QualitySharesQuery,
} from '../schemas/index.js';

export function qualityRoutes(fastify: FastifyInstance, deps: { db: Knex; regions: RegionTree; clock: () => Date }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const readers = app.requireRole('centre-supervisor', 'administrator', 'auditor');

  app.get(
    '/api/quality/samples',
    {
      preHandler: readers,
      schema: {
        tags: ['quality'],
        summary: '抽访样本 A week’s quality samples',
        description:
          '某一周（北京时间周一 00:00 至下周一 00:00）办结的人民调解案件中按比例抽取的样本，及上一级的复核结果；' +
          '默认上一整周，限本人辖区。 The cases sampled from the people’s-mediation cases closed in a China week' +
          ' (default: the previous whole week), with the review one level up; within your jurisdiction.',
        querystring: QualitySamplesQuery,
        response: { 200: QualitySampleList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const q = req.query;
      const regionPath = await scopedPath(deps.db, req.user, q.region);
      const r = await qualitySamples(deps.db, deps.regions, {
        regionPath,
        week: q.week,
        now: deps.clock(),
        limit: q.limit ?? 100,
        offset: q.offset ?? 0,
      });
      return {
        region: q.region ?? req.user.regionCode,
        week: { key: r.week.key, start: iso(r.week.start), end: iso(r.week.end) },
        ranAt: iso(r.ranAt),
        total: r.total,
        items: r.items.map((s) => ({
          ...s,
          sampledAt: iso(s.sampledAt),
          closedAt: iso(s.closedAt),
          review: s.review ? { ...s.review, at: iso(s.review.at) } : null,
        })),
      };
    },
  );

  app.get(
    '/api/quality/long-unresolved',
    {
      preHandler: readers,
      schema: {
        tags: ['quality'],
        summary: '久调不决 Long-unresolved disputes',
        description:
          '两次及以上逾期未能调结的纠纷（定义见 domain/quality.ts），每周抽访时标记，并通知承办单位引导当事人' +
          '申请仲裁、复议或向法院起诉；默认仅未办结的，限本人辖区。 Disputes that missed two deadlines, flagged by' +
          ' the weekly sampling, their handling unit told which route (arbitration, reconsideration, court) to guide' +
          ' the parties to; open ones by default; within your jurisdiction.',
        querystring: LongUnresolvedQuery,
        response: { 200: LongUnresolvedList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const q = req.query;
      const regionPath = await scopedPath(deps.db, req.user, q.region);
      const r = await longUnresolved(deps.db, deps.regions, {
        regionPath,
        openOnly: q.open ?? true,
        limit: q.limit ?? 100,
        offset: q.offset ?? 0,
      });
      return {
        region: q.region ?? req.user.regionCode,
        total: r.total,
        items: r.items.map((f) => ({ ...f, flaggedAt: iso(f.flaggedAt) })),
      };
    },
  );

  const shares = async (region: string, regionPath: string) => {
    const r = await qualityShares(deps.db, deps.regions, region, regionPath);
    return { ...r, items: r.items.map((x) => ({ ...x, updatedAt: iso(x.updatedAt) })) };
  };

  app.get(
    '/api/quality/shares',
    {
      preHandler: readers,
      schema: {
        tags: ['quality'],
        summary: '抽访比例 Sampling shares',
        description:
          '辖区内设置的抽取比例：复核单位所在区域（或其最近的上级）设置的比例适用于其复核池，未设置时用流程默认值。' +
          ' The shares set within your jurisdiction: a review pool uses the share of its reviewing region or its' +
          ' nearest ancestor that has one, else the model’s default.',
        querystring: QualitySharesQuery,
        response: { 200: QualityShareList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const region = req.query.region ?? req.user.regionCode;
      return shares(region, await scopedPath(deps.db, req.user, req.query.region));
    },
  );

  app.put(
    '/api/quality/shares/:region',
    {
      preHandler: app.requireRole('administrator'),
      schema: {
        tags: ['quality'],
        summary: '设置抽访比例 Set a region’s sampling share',
        description:
          '设置（或以 null 清除）辖区内某区域的抽取比例，从下一次抽访起生效；留痕审计。' +
          ' Sets (or with null clears) the share of a region within your jurisdiction, from the next sampling on;' +
          ' audited.',
        params: QualityShareParams,
        body: QualityShareBody,
        response: { 200: QualityShareList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const path = await scopedPath(deps.db, req.user, req.params.region);
      await setQualityShare(deps.db, req.params.region, req.body.share, req.user.sub, deps.clock());
      return shares(req.params.region, path);
    },
  );
}
