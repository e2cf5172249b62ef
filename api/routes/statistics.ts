// The figures, per region subtree (within the caller's jurisdiction) and period.
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { DomainError, periodBound, type RegionTree } from '../../domain/index.js';
import { dashboard, figures, type Period } from '../../services/statistics-report.js';
import { fileName, toCsv, toXlsx } from '../../services/statistics-export.js';
import { audit } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { scopedPath, type Principal } from '../auth.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Statistics, StatisticsBreakdown, StatisticsExportFile, StatisticsExportQuery } from '../schemas/index.js';
import { StatisticsQuery } from '../schemas/index.js';
import { errors, SIGNED_IN } from '../schemas/index.js';

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

/** The region (within the caller's jurisdiction) and the period asked for; from must come before to. */
async function period(db: Knex, user: Principal, q: StatisticsQuery): Promise<Period> {
  const from = bound(q.from, 'start');
  const to = bound(q.to, 'end');
  if (!(from < to))
    throw new ApiError('VALIDATION_FAILED', "期间起须早于期间止 · 'from' must be before 'to'", [
      { field: 'from', message: 'must be before to' },
    ]);
  const regionPath = await scopedPath(db, user, q.region);
  return { region: q.region ?? user.regionCode, regionPath, from, to };
}

const READERS = ['centre-supervisor', 'administrator', 'auditor', 'leader'] as const;

export function statisticsRoutes(fastify: FastifyInstance, deps: { db: Knex; regions: RegionTree; clock: () => Date }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/statistics',
    {
      preHandler: app.requireRole(...READERS),
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
    async (req) => figures(deps.db, deps.regions, await period(deps.db, req.user, req.query)),
  );

  app.get(
    '/api/statistics/breakdown',
    {
      preHandler: app.requireRole(...READERS),
      schema: {
        tags: ['statistics'],
        summary: '统计看板 The dashboard: figures, previous period, trends, breakdowns, sub-regions, risk',
        description:
          '与 /api/statistics 同一队列：本期与等长上一期的指标，按周（周一起）、按月的受理数及其中已办结、已化解，' +
          '类型、类别、渠道的分布（带名称），直属下级区域按化解率排名（本级受理另列一行），当前风险等级分布。' +
          ' The cohort of /api/statistics: this period and the one of equal length before it, per China week' +
          ' (Monday first) and month the matters received and, of those, closed and resolved now; breakdowns with' +
          ' labels; the direct sub-regions ranked by resolution rate (matters at the region itself in a row of' +
          ' their own, code null); the current risk grades.',
        querystring: StatisticsQuery,
        response: { 200: StatisticsBreakdown, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => dashboard(deps.db, deps.regions, await period(deps.db, req.user, req.query)),
  );

  app.get(
    '/api/statistics/export',
    {
      preHandler: app.requireRole(...READERS),
      schema: {
        tags: ['statistics'],
        summary: '导出统计 Export the dashboard as Excel (xlsx) or CSV',
        description:
          'format=xlsx：工作簿（概览、趋势、分类、下级区域、逾期单位）；format=csv：概览与分布（UTF-8 带 BOM）。' +
          '数值与 /api/statistics 相同（比率为小数，以百分比显示）。导出留痕。' +
          ' An Excel workbook (概览 overview, 趋势 trends, 分类 breakdowns, 下级区域 sub-regions, 逾期单位' +
          ' overdue units) or a CSV of the overview and breakdowns (UTF-8 with a BOM); the numbers of' +
          ' /api/statistics (rates as fractions shown as percentages). Every export is audited.',
        querystring: StatisticsExportQuery,
        response: {
          200: StatisticsExportFile,
          ...errors(...SIGNED_IN),
        },
      },
    },
    async (req, reply) => {
      const p = await period(deps.db, req.user, req.query);
      const d = await dashboard(deps.db, deps.regions, p);
      const format = req.query.format;
      const body = format === 'xlsx' ? await toXlsx(d) : Buffer.from(toCsv(d), 'utf8');
      await audit(deps.db, {
        actor: req.user.sub,
        action: 'statistics.export',
        targetKind: 'statistics',
        targetId: p.region,
        at: deps.clock(),
        details: { format, region: p.region, from: d.current.from, to: d.current.to },
      });
      const name = fileName(d, format);
      // An ASCII fallback for old clients, the Chinese name in RFC 5987 form for the rest.
      const ascii = `statistics-${p.region}-${d.current.from.slice(0, 10)}.${format}`.replace(/[^\w.-]/g, '_');
      const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      reply.header('content-type', type + (format === 'csv' ? '; charset=utf-8' : ''));
      reply.header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      // A Buffer goes out as it is (never serialised); the schema documents it as a binary string.
      return reply.send(body as unknown as string);
    },
  );
}
