// The dashboard (statistics-report.ts) as a file a leader forwards: an Excel workbook (exceljs) with
// 概览 / 趋势 / 分类 / 下级区域 / 逾期单位, or a CSV of the overview and breakdowns. Numbers stay numbers
// (rates as fractions shown as percentages), so a workbook read back holds exactly the API's values.
import ExcelJS from 'exceljs';
import type { Dashboard, Figures } from './statistics-report.js';

type Row = [string, string, (f: Figures) => number | null, 'count' | 'rate' | 'hours'];

/** The overview: label, API field, value, and how it is shown. */
export const OVERVIEW: Row[] = [
  ['受理数', 'received', (f) => f.received, 'count'],
  ['办结数', 'closed', (f) => f.closed, 'count'],
  ['化解数', 'resolved', (f) => f.resolved, 'count'],
  ['办结率', 'completionRate', (f) => f.completionRate, 'rate'],
  ['化解率', 'resolutionRate', (f) => f.resolutionRate, 'rate'],
  ['按期办结率', 'onTimeRate', (f) => f.onTimeRate, 'rate'],
  ['满意率', 'satisfaction', (f) => f.satisfaction, 'rate'],
  ['一次性化解率', 'oneTimeResolutionRate', (f) => f.oneTimeResolutionRate, 'rate'],
  ['镇村化解占比', 'townOrBelowShare', (f) => f.townOrBelowShare, 'rate'],
  ['平均化解时长（小时）', 'meanHoursToResolve', (f) => f.meanHoursToResolve, 'hours'],
  ['化解时长中位数（小时）', 'medianHoursToResolve', (f) => f.medianHoursToResolve, 'hours'],
  ['诉前化解', 'funnel.resolvedWithoutLitigation', (f) => f.funnel.resolvedWithoutLitigation, 'count'],
  ['转诉讼', 'funnel.toLitigation', (f) => f.funnel.toLitigation, 'count'],
  ['诉后未化解', 'funnel.unresolvedAfterLitigation', (f) => f.funnel.unresolvedAfterLitigation, 'count'],
];

const FORMAT = { count: '0', rate: '0.0%', hours: '0.0' } as const;
const day = (isoText: string) => isoText.slice(0, 10);
/** The period as people say it: the last day included (the API's `to` is exclusive). */
export function periodText(d: Dashboard): string {
  const last = new Date(Date.parse(d.current.to) - 1 + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${day(d.current.from)} 至 ${last}`;
}

/** A file name people recognise: 统计-示范县-2026-11-01至2026-11-30.xlsx */
export function fileName(d: Dashboard, format: 'xlsx' | 'csv'): string {
  return `统计-${d.regionLabel.zh}-${periodText(d).replace(' 至 ', '至')}.${format}`;
}

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], widths: number[]) {
  const ws = wb.addWorksheet(name);
  ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

export async function toXlsx(d: Dashboard): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '综治中心案件系统';
  wb.created = new Date();
  const o = sheet(wb, '概览', ['指标', '本期', '上期', '字段'], [24, 14, 14, 34]);
  for (const [label, key, get, kind] of OVERVIEW) {
    const row = o.addRow([label, get(d.current), get(d.previous), key]);
    for (const c of [2, 3]) row.getCell(c).numFmt = FORMAT[kind];
  }
  o.addRow([]);
  o.addRow(['区域', d.regionLabel.zh, '', 'region']);
  o.addRow(['期间', periodText(d), '', 'period']);
  o.addRow(['上期', `${day(d.previous.from)} 起`, '', 'previous']);

  const t = sheet(wb, '趋势', ['粒度', '起始日', '受理数', '其中已办结', '其中已化解'], [8, 14]);
  for (const [unit, rows] of [
    ['周', d.weeks],
    ['月', d.months],
  ] as const)
    for (const b of rows) t.addRow([unit, b.start, b.received, b.closed, b.resolved]);

  const c = sheet(wb, '分类', ['维度', '名称', '代码', '受理数'], [10, 24, 24]);
  for (const [dim, rows] of [
    ['类型', d.byType],
    ['类别', d.byCategory],
    ['渠道', d.byChannel],
    ['风险等级', d.risk],
  ] as const)
    for (const r of rows) c.addRow([dim, r.label.zh, r.key, r.n]);

  const s = sheet(
    wb,
    '下级区域',
    ['名次', '区域', '受理数', '办结数', '化解数', '办结率', '化解率', '按期办结率', '满意率'],
    [8, 20],
  );
  for (const r of d.subRegions) {
    const row = s.addRow([
      r.rank,
      r.label.zh,
      r.received,
      r.closed,
      r.resolved,
      r.completionRate,
      r.resolutionRate,
      r.onTimeRate,
      r.satisfaction,
    ]);
    for (const i of [6, 7, 8, 9]) row.getCell(i).numFmt = FORMAT.rate;
  }

  const u = sheet(wb, '逾期单位', ['单位', '代码', '逾期次数'], [30, 44]);
  for (const x of d.current.mostOverdueUnits) u.addRow([x.label ?? x.unit, x.unit, x.overdue]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 with a byte-order mark (Excel then reads the Chinese), CRLF lines, rates as fractions. */
export function toCsv(d: Dashboard): string {
  const lines: unknown[][] = [
    ['区域', d.regionLabel.zh],
    ['期间', periodText(d)],
    [],
    ['指标', '本期', '上期', '字段'],
    ...OVERVIEW.map(([label, key, get]) => [label, get(d.current), get(d.previous), key]),
    [],
    ['维度', '名称', '代码', '受理数'],
    ...(
      [
        ['类型', d.byType],
        ['类别', d.byCategory],
        ['渠道', d.byChannel],
        ['风险等级', d.risk],
      ] as const
    ).flatMap(([dim, rows]) => rows.map((r) => [dim, r.label.zh, r.key, r.n])),
    [],
    ['名次', '区域', '受理数', '办结数', '化解数', '办结率', '化解率', '按期办结率', '满意率'],
    ...d.subRegions.map((r) => [
      r.rank,
      r.label.zh,
      r.received,
      r.closed,
      r.resolved,
      r.completionRate,
      r.resolutionRate,
      r.onTimeRate,
      r.satisfaction,
    ]),
  ];
  return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}
