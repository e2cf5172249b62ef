// The working-day calendar: anyone signed in reads it; administrators import a year's holiday notice
// (JSON or CSV), validated against the whole table and audited. Deadlines started afterwards use it.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../app.js';
import {
  calendarOverview,
  importCalendarYear,
  parseCalendarCsv,
  type CalendarOverview,
} from '../../services/calendar.js';
import { ApiError } from '../errors.js';
import {
  CalendarCsvQuery,
  CalendarImportReply,
  CalendarOverview as OverviewSchema,
  CalendarYearBody,
  CalendarYearParams,
  errors,
  iso,
  SIGNED_IN,
} from '../schemas/index.js';

const view = (o: CalendarOverview) => ({
  ...o,
  years: o.years.map((y) => ({
    ...y,
    holidays: [...y.holidays],
    workdays: [...y.workdays],
    updatedAt: iso(y.updatedAt),
  })),
});

const IMPORT_HELP =
  '校验整张表（年份连续、调休只在周末、同一天不能既放假又上班），审计；此后开始计算的期限即用新表。' +
  ' Validated against the whole table (contiguous years, swapped working days on weekends only), audited;' +
  ' deadlines computed from now on use it.';

export function calendarRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'clock'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/calendar',
    {
      preHandler: app.requireRole(),
      schema: {
        tags: ['calendar'],
        summary: '工作日历 The working-day calendar',
        description:
          '节假日表（按年）、覆盖范围，以及表将用尽时（末日前 60 天起）的提醒。' +
          ' The holiday table by year, its span, and a warning from 60 days before it ends.',
        response: { 200: OverviewSchema, ...errors(401, 429, 500) },
      },
    },
    async () => view(await calendarOverview(deps.db, deps.clock())),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      preHandler: app.requireRole('administrator'),
      schema: {
        tags: ['calendar'],
        summary: '导入一年的节假日安排（JSON）Import a year’s holiday notice (JSON)',
        description: IMPORT_HELP,
        params: CalendarYearParams,
        body: CalendarYearBody,
        response: { 200: CalendarImportReply, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const { year } = req.params;
      const r = await importCalendarYear(deps.db, year, req.body, { actor: req.user.sub, at: deps.clock() });
      return { year, replaced: r.replaced, calendar: view(r.overview) };
    },
  );

  app.put(
    '/api/calendar/years/:year/csv',
    {
      preHandler: app.requireRole('administrator'),
      schema: {
        tags: ['calendar'],
        summary: '导入一年的节假日安排（CSV）Import a year’s holiday notice (CSV)',
        description:
          'Content-Type: text/csv。每行 `类型,名称,开始,结束`：`放假,春节,2027-02-05,2027-02-11` 或 ' +
          '`上班,春节,2027-02-14,`（调休上班日，名称为所补假期）；首行表头可有可无；`?source=` 写通知名称。' +
          ' One row per line, kind,name,from,to (kind holiday|workday); ?source= names the notice. ' +
          IMPORT_HELP,
        params: CalendarYearParams,
        querystring: CalendarCsvQuery,
        consumes: ['text/csv'],
        body: Type.String({ minLength: 1, description: 'CSV' }),
        response: { 200: CalendarImportReply, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const { year } = req.params;
      if (!req.query.source)
        throw new ApiError('VALIDATION_FAILED', 'source: 请写明通知名称 name the notice (?source=…)', [
          { field: 'source', message: 'required with a CSV body' },
        ]);
      const input = parseCalendarCsv(req.body, req.query.source);
      const r = await importCalendarYear(deps.db, year, input, { actor: req.user.sub, at: deps.clock() });
      return { year, replaced: r.replaced, calendar: view(r.overview) };
    },
  );
}
