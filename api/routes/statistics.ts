// The figures, per region subtree (within the caller's jurisdiction) and period.
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { RegionTree } from '../../domain/index.js';
import { statistics } from '../../store/statistics.js';
import { ApiError } from '../errors.js';
import { scopedPath } from '../auth.js';
import { unitLabel } from '../views.js';

export function statisticsRoutes(app: FastifyInstance, deps: { db: Knex; regions: RegionTree }) {
  app.get(
    '/api/statistics',
    {
      preHandler: app.requireRole('centre-supervisor', 'administrator', 'auditor'),
      schema: {
        tags: ['statistics'],
        summary: '统计 Figures for a region and period',
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: {
            region: { type: 'string', maxLength: 64 },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { region?: string; from: string; to: string };
      const from = new Date(q.from);
      const to = new Date(q.to);
      if (!(from < to))
        throw new ApiError('VALIDATION_FAILED', "'from' must be before 'to'", [
          { field: 'from', message: 'must be before to' },
        ]);
      const path = await scopedPath(deps.db, req.user, q.region);
      const s = await statistics(deps.db, { regionPath: path, from, to });
      return {
        region: q.region ?? req.user.regionCode,
        from,
        to,
        ...s,
        mostOverdueUnits: s.mostOverdueUnits.map((u: { unit: string; overdue: number }) => ({
          ...u,
          label: unitLabel(u.unit, deps.regions),
        })),
      };
    },
  );
}
