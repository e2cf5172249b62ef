// The audit log reader for administrators and auditors: entries of the actors in the reader's
// jurisdiction, filtered and newest first. Looking up one person's trail is itself audited.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteDeps } from '../app.js';
import type { Principal } from '../auth.js';
import { DomainError, periodBound } from '../../domain/index.js';
import { audit, auditCodes, readAudit, type AuditScope } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { AuditCodes, AuditList, AuditQuery, errors, iso, SIGNED_IN } from '../schemas/index.js';

/** A bound as an instant; bad input is a 400 naming the field. */
function bound(text: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (text === undefined) return undefined;
  try {
    return periodBound(text, field === 'from' ? 'start' : 'end', field);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    throw new ApiError('VALIDATION_FAILED', err.message, [{ field, message: err.message }]);
  }
}

/**
 * Users' entries within the reader's region subtree. Entries by actors that are no user (the citizen,
 * the system) belong to no region, so only a reader at the top of the tree sees them.
 */
const scopeOf = (user: Principal): AuditScope => ({
  regionPath: user.regionPath,
  systemActors: user.regionPath.split('/').filter(Boolean).length === 1,
});

const SCOPE =
  '仅含操作人在本人辖区内的条目；citizen 等系统操作人的条目仅最上级辖区可见。' +
  ' Only entries whose actor is a user of your jurisdiction; entries by system actors (citizen…) only at the' +
  ' top of the region tree.';

export function auditRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'clock'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const readers = app.requireRole('administrator', 'auditor');
  const tags = ['audit'];

  app.get(
    '/api/audit',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: '审计日志 Read the audit log',
        description:
          '管理员与审计员可查，新的在前。可按操作人、动作（以“.”结尾为前缀）、对象类型与 ID、时间段筛选；' +
          'from、to 为日期（北京时间，to 含当日）或带时区的时间。按操作人（或用户对象）查询本身记入审计（audit.read）。' +
          ' Administrators and auditors, newest first. Filter by actor, action (a prefix when it ends in "."),' +
          ' target kind and id, and period (a China day, `to` inclusive, or a date-time with its offset). A' +
          ' query naming a person (actor, or a user target) is itself audited as audit.read. ' +
          SCOPE,
        querystring: AuditQuery,
        response: { 200: AuditList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const q = req.query;
      const from = bound(q.from, 'from');
      const to = bound(q.to, 'to');
      if (from && to && !(from < to))
        throw new ApiError('VALIDATION_FAILED', "起须早于止 · 'from' must be before 'to'", [
          { field: 'from', message: 'must be before to' },
        ]);
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const r = await readAudit(deps.db, { ...scopeOf(req.user), ...q, from, to, limit, offset });
      // Whose trail someone looked up is itself on the record; browsing by action or matter is not.
      const person = q.actor ?? (q.targetKind === 'user' ? q.targetId : undefined);
      if (person)
        await audit(deps.db, {
          at: deps.clock(),
          actor: req.user.sub,
          action: 'audit.read',
          targetKind: 'user',
          targetId: person,
          details: { filter: { ...q, limit, offset }, found: r.total },
        });
      return { total: r.total, items: r.items.map((e) => ({ ...e, at: iso(e.at) })) };
    },
  );

  app.get(
    '/api/audit/actions',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: '审计筛选可选的动作与对象类型 Action codes and target kinds for the filters',
        description:
          '本人可见条目中出现过的动作代码与对象类型，按字母顺序；中文名称由控制台给出。' +
          ' The action codes and target kinds in the entries you may read, sorted; the console labels them. ' +
          SCOPE,
        response: { 200: AuditCodes, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => auditCodes(deps.db, scopeOf(req.user)),
  );
}
