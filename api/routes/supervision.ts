// Supervision by risk grade (风险督办): the items of the caller's jurisdiction (or a region inside it),
// for the leaders who press red and orange matters and those who oversee them. Each item is also a
// task in its unit's inbox, completed there (POST /api/tasks/:key/complete).
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { RegionTree } from '../../domain/index.js';
import { supervisionItems } from '../../store/supervision.js';
import { scopedPath } from '../auth.js';
import { taskView, unitLabel } from '../views.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SupervisionList, SupervisionQuery, errors, SIGNED_IN } from '../schemas/index.js';

export function supervisionRoutes(fastify: FastifyInstance, deps: { db: Knex; regions: RegionTree }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/supervision',
    {
      preHandler: app.requireRole('leader', 'centre-supervisor', 'administrator', 'auditor'),
      schema: {
        tags: ['supervision'],
        summary: '风险督办事项 Supervision items by risk grade',
        description:
          '辖区内红色、橙色事项的督办事项：红色由县(区)委在常委会上调度，橙色由县(区)委平安办每周调度；' +
          '待督办的按期限排序。各事项也在督办单位的待办中办理。' +
          ' The supervision items of red and orange matters in your jurisdiction (red: the county party' +
          ' committee at its standing committee; orange: its peace office weekly), open ones by due date.' +
          " Each is also a task in its unit's inbox, completed there.",
        querystring: SupervisionQuery,
        response: { 200: SupervisionList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const q = req.query;
      const path = await scopedPath(deps.db, req.user, q.region);
      const r = await supervisionItems(deps.db, {
        regionPath: path,
        state: q.state ?? 'open',
        level: q.level,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return {
        total: r.total,
        items: r.items.map((t) => ({
          ...taskView(t),
          unitLabel: unitLabel(t.candidateGroups[0] ?? null, deps.regions),
        })),
      };
    },
  );
}
