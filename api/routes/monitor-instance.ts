// The monitor's instance page: the view (supervisors and administrators, within their jurisdiction)
// and the change of variables before a retry (administrators only; audited with old and new values).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteDeps } from '../app.js';
import { audit } from '../../store/audit.js';
import { withInstanceLock } from '../../store/monitor.js';
import { chinaIsoText } from '../../domain/index.js';
import { instanceView, parseVariables, setInstanceVariables, visibleRoot } from '../../services/monitor-instance.js';
import { errors, iso, SIGNED_IN } from '../schemas/index.js';
import { InstanceParams, MonitorInstance, VariablesBody, VariablesReply } from '../schemas/monitor-instance.js';

const china = (s: string | null) => (s ? chinaIsoText(s) : null);

export function monitorInstanceRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'engine' | 'clock'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const readers = app.requireRole('centre-supervisor', 'administrator');
  const admins = app.requireRole('administrator');

  app.get(
    '/api/monitor/instances/:key',
    {
      preHandler: readers,
      schema: {
        tags: ['monitor'],
        summary: '实例监控视图 One instance: diagram, tokens, incidents, variables, history',
        description:
          '按流程实例键（主流程或被调用流程，均归到主流程）查看：受理编号、流程图（当前节点的令牌数、事故节点、经过的路径）、' +
          '事故信息、主流程变量（可能含个人信息的变量只列名称）与监控操作记录。辖区外或不存在均为 404。' +
          ' The instance (a called one resolves to its root): tracking code, diagrams with token counts per' +
          ' element, incidents and the path taken, the incident messages, the root’s variables (those that may' +
          ' hold personal data by name only) and the monitor’s actions on it. Outside the jurisdiction: 404.',
        params: InstanceParams,
        response: { 200: MonitorInstance, ...errors(...SIGNED_IN, 404, 503) },
      },
    },
    async (req) => {
      const v = await instanceView(deps.db, deps.engine.operate, req.params.key, req.user.regionPath);
      return {
        ...v,
        incidents: v.incidents.map((i) => ({ ...i, since: china(i.since) })),
        path: v.path.map((s) => ({ ...s, startDate: china(s.startDate), endDate: china(s.endDate) })),
        history: v.history.map((h) => ({ ...h, at: iso(h.at) })),
      };
    },
  );

  app.put(
    '/api/monitor/instances/:key/variables',
    {
      preHandler: admins,
      schema: {
        tags: ['monitor'],
        summary: '修改实例变量（重试前修正数据）Set variables before a retry',
        description:
          '仅管理员：在主流程实例作用域上设置变量，值为 JSON 文本；校验变量名、JSON 与大小，关联事项与属地的变量' +
          '（matterId、trackingCode、regionCode）及可能含个人信息的变量不可改。留痕（原值与新值）。' +
          ' Administrators only: sets variables (values as JSON text) on the root instance’s scope; names, JSON' +
          ' and size are checked, the variables tying it to its matter and region and those that may hold' +
          ' personal data are refused. Audited with old and new values. An ended instance: 409.',
        params: InstanceParams,
        body: VariablesBody,
        response: { 200: VariablesReply, ...errors(...SIGNED_IN, 404, 409, 503) },
      },
    },
    async (req) => {
      const values = parseVariables(req.body.variables);
      const { root, matter, operate } = await visibleRoot(
        deps.db,
        deps.engine.operate,
        req.params.key,
        req.user.regionPath,
      );
      // One change per instance at a time: the old values it records are the ones it replaced.
      const old = await withInstanceLock(deps.db, root, async (trx) => {
        const replaced = await setInstanceVariables(deps.engine, operate, root, values);
        await audit(trx, {
          at: deps.clock(),
          actor: req.user.sub,
          action: 'monitor.variables',
          targetKind: 'process-instance',
          targetId: root,
          details: { trackingCode: matter?.tracking_code ?? null, old: replaced, new: values },
        });
        return replaced;
      });
      return { processInstanceKey: root, old, new: values };
    },
  );
}
