// A matter's page beside its detail: the process diagrams (where the process is, the path taken),
// the letters and messages sent, and the deadlines. The same readers and the same jurisdiction rule
// as GET /api/matters/:id: a matter outside it answers 404 like an absent one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteDeps } from '../app.js';
import { matterDeadlines, matterDiagrams, matterLetters } from '../../services/matter-views.js';
import { MATTER_READERS, visibleMatter } from '../matter-access.js';
import { MatterParams, errors, iso, SIGNED_IN } from '../schemas/index.js';
import { MatterDeadlines, MatterDiagrams, MatterLetters } from '../schemas/matter-views.js';

export function matterViewRoutes(
  fastify: FastifyInstance,
  deps: Pick<RouteDeps, 'db' | 'engine' | 'regions' | 'clock'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The readers of GET /api/matters/:id: nothing here is personal data (diagrams, letters by role, deadlines).
  const readers = app.requireRole(...MATTER_READERS);
  const visible = (req: FastifyRequest, id: string) => visibleMatter(deps.db, req, id);

  app.get(
    '/api/matters/:id/diagram',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '事项流程图 Where the matter’s process is',
        description:
          '主流程实例及正在运行的被调用流程（如分级调解）：各自的流程图 XML、当前节点、已经过的节点与有事故的节点。' +
          '流程未启动时 instances 为空；流程引擎无法查询时 503 ENGINE_UNAVAILABLE。' +
          ' The root process instance and the called instances running now (mediation at a tier, say): each' +
          ' with its deployed BPMN XML, the elements active, passed (completed or interrupted) and with an' +
          ' incident. Empty before the process starts; 503 ENGINE_UNAVAILABLE when the engine cannot be asked.',
        params: MatterParams,
        response: { 200: MatterDiagrams, ...errors(...SIGNED_IN, 404, 503) },
      },
    },
    async (req) => {
      const m = await visible(req, req.params.id);
      const instances = await matterDiagrams(deps.engine.operate, m.processInstanceKey);
      return { matterId: m.id, trackingCode: m.trackingCode, instances };
    },
  );

  app.get(
    '/api/matters/:id/letters',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '事项的文书与消息 Letters and messages sent for a matter',
        description:
          '为事项生成的文书与消息（两函一单、交办、告知短信等）：名称、收件方类别与单位（当事人只写身份，' +
          '不含电话或证件号）、生成与发送时间。' +
          ' The letters and messages queued for the matter: the template with its label, the recipient kind' +
          ' and unit (parties by role only: never a phone or ID number), when queued and when sent.',
        params: MatterParams,
        response: { 200: MatterLetters, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      const m = await visible(req, req.params.id);
      const items = await matterLetters(deps.db, deps.regions, m.id);
      return {
        matterId: m.id,
        trackingCode: m.trackingCode,
        items: items.map((l) => ({
          ...l,
          createdAt: iso(l.createdAt),
          sentAt: iso(l.sentAt),
          deliveries: l.deliveries.map((d) => ({
            ...d,
            sentAt: iso(d.sentAt),
            readAt: iso(d.readAt),
            acknowledgedAt: iso(d.acknowledgedAt),
          })),
        })),
      };
    },
  );

  app.get(
    '/api/matters/:id/deadlines',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '事项的期限 A matter’s deadlines',
        description:
          '待办任务的期限（未完成且已过期的标为超期）与流程计算的各阶段法定期限（含延期），按期限先后。' +
          ' The due dates of its inbox tasks (open and past due: overdue) and the stage deadlines the process' +
          ' computed (extensions marked), by due date.',
        params: MatterParams,
        response: { 200: MatterDeadlines, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      const m = await visible(req, req.params.id);
      const d = await matterDeadlines(deps.db, m, deps.clock());
      return {
        matterId: m.id,
        nextDeadline: iso(d.nextDeadline),
        items: d.items.map((x) => ({ ...x, dueAt: iso(x.dueAt), setAt: iso(x.setAt) })),
      };
    },
  );
}
