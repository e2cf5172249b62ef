// The figures, per region subtree (within the caller's jurisdiction) and period.
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { DomainError, periodBound, type RegionTree } from '../../domain/index.js';
import { statistics } from '../../store/statistics.js';
import { ApiError } from '../errors.js';
import { scopedPath } from '../auth.js';
import { unitLabel } from '../views.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Statistics, StatisticsQuery, errors, iso, SIGNED_IN } from '../schemas/index.js';

/** A period bound as an instant; bad input is a 400 naming the field. */
function bound(text: string, edge: 'start' | 'end'): Date {
  const field = edge === 'start' ? 'from' : 'to';
  try {
    return periodBound(text, edge, field);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    throw new ApiError('VALIDATION_FAILED', err.message, [{ field, message: err.message }]);
  }
}

export function statisticsRoutes(fastify: FastifyInstance, deps: { db: Knex; regions: RegionTree }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/statistics',
    {
      preHandler: app.requireRole('centre-supervisor', 'administrator', 'auditor', 'leader'),
      schema: {
        tags: ['statistics'],
        summary: '统计 Figures for a region and period',
        description:
          '期间内受理的事项（队列）及其当前结果：办结率、化解率、按期率、时长、镇村占比、满意率、漏斗、逾期最多的单位。' +
          '定义见 store/statistics.ts。from、to 可为日期（北京时间，to 含当日）或带时区的时间。' +
          ' The cohort received in [from, to) and its outcome as it stands now;' +
          ' definitions at the top of store/statistics.ts. from and to take a China day (YYYY-MM-DD; `to`' +
          ' includes that day) or a date-time with its offset; the answer gives the instants used.',
        querystring: StatisticsQuery,
        response: { 200: Statistics, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const q = req.query;
      const from = bound(q.from, 'start');
      const to = bound(q.to, 'end');
      if (!(from < to))
        throw new ApiError('VALIDATION_FAILED', "期间起须早于期间止 · 'from' must be before 'to'", [
          { field: 'from', message: 'must be before to' },
        ]);
      const path = await scopedPath(deps.db, req.user, q.region);
      const s = await statistics(deps.db, { regionPath: path, from, to });
      return {
        region: q.region ?? req.user.regionCode,
        from: iso(from),
        to: iso(to),
        ...s,
        mostOverdueUnits: s.mostOverdueUnits.map((u: { unit: string; overdue: number }) => ({
          ...u,
          label: unitLabel(u.unit, deps.regions),
        })),
      };
    },
  );
}
