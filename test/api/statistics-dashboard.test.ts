// The dashboard's API: breakdown (previous period, trends, sub-regions ranked, risk), the export (xlsx read
// back with exceljs, CSV with its BOM), the drill-down filters of GET /api/matters, bad input and
// jurisdiction. The matters are written here with known outcomes, so every number is known by hand.
import t from 'tap';
import ExcelJS from 'exceljs';
import { apiHarness } from '../helpers/api.js';
import { seed, UNIT } from '../helpers/statistics-seed.js';

const PERIOD = 'from=2026-10-01&to=2026-10-31';

t.test('the dashboard: figures, previous period, trends, breakdowns, sub-regions ranked, risk', async (t) => {
  const h = await apiHarness(t);
  await seed(h);
  const figures = await h.call('leader', 'GET', `/api/statistics?${PERIOD}`);
  const r = await h.call('leader', 'GET', `/api/statistics/breakdown?${PERIOD}`);
  t.equal(r.status, 200, r.body.slice(0, 300));
  const d = r.json;
  t.same(d.current, figures.json, 'the current figures are those of /api/statistics');
  t.same([d.current.received, d.current.closed, d.current.resolved], [4, 2, 2]);
  t.same(d.regionLabel, { zh: '明江区', en: d.regionLabel.en }, 'the region by its name');
  t.equal(d.previous.from, '2026-08-31T00:00:00.000+08:00', '31 days before');
  t.equal(d.previous.to, '2026-10-01T00:00:00.000+08:00');
  t.same([d.previous.received, d.previous.resolved], [1, 1]);
  t.same(
    d.weeks.map((w: { start: string; received: number; closed: number }) => [w.start, w.received, w.closed]),
    [
      ['2026-09-28', 0, 0],
      ['2026-10-05', 1, 1],
      ['2026-10-12', 1, 1],
      ['2026-10-19', 1, 0],
      ['2026-10-26', 1, 0],
    ],
    'China weeks from Monday, empty ones too',
  );
  t.same(d.months, [{ start: '2026-10-01', received: 4, closed: 2, resolved: 2 }]);
  t.same(
    d.byType.map((x: { key: string; n: number; label: { zh: string } }) => [x.key, x.n, !!x.label.zh]),
    [
      ['dispute', 2, true],
      ['consultation', 1, true],
      ['petition', 1, true],
    ],
  );
  t.equal(d.byCategory.find((x: { key: string }) => x.key === '(none)').label.zh, '未分类');
  t.same(
    d.subRegions.map((s: { code: string | null; rank: number; received: number; resolutionRate: number | null }) => [
      s.rank,
      s.code,
      s.received,
      s.resolutionRate,
    ]),
    [
      [1, 'demo-town-a1', 1, 1],
      [2, 'demo-town-a2', 2, 0.5],
      [3, null, 1, 0],
    ],
    'towns ranked by resolution rate; matters at the county itself in a row of their own',
  );
  t.equal(d.subRegions[2].label.zh, '本级');
  t.same(Object.fromEntries(d.risk.map((x: { key: string; n: number }) => [x.key, x.n])), {
    red: 1,
    orange: 1,
    green: 0,
    none: 2,
  });
  t.equal(d.current.mostOverdueUnits[0].unit, UNIT);

  // Drill-down: each figure's matters, by the same definitions.
  const list = async (q: string) => (await h.call('leader', 'GET', `/api/matters?${q}`)).json.total;
  const base = 'region=demo-county-a&receivedFrom=2026-10-01&receivedTo=2026-10-31';
  t.equal(await list(base), d.current.received, 'received');
  t.equal(await list(`${base}&figure=closed`), d.current.closed, 'closed');
  t.equal(await list(`${base}&figure=resolved`), d.current.resolved, 'resolved');
  t.equal(await list(`${base}&figure=closedOnTime`), 1, 'on time: the overdue one is not');
  t.equal(await list(`${base}&figure=resolvedWithoutLitigation`), d.current.funnel.resolvedWithoutLitigation);
  t.equal(await list(`${base}&channel=window`), 2, 'by channel');
  t.equal(await list(`${base}&risk=red`), 1, 'by risk');
  t.equal(await list(`region=demo-county-a&overdueUnit=${encodeURIComponent(UNIT)}`), 1, 'by overdue unit');
  t.equal(await list('region=demo-town-a2&receivedFrom=2026-10-01&receivedTo=2026-10-31&figure=resolved'), 1);
  const bad = await h.call('leader', 'GET', '/api/matters?figure=everything');
  t.equal(bad.status, 400);
  t.match(bad.body, /figure/);
  t.equal((await h.call('leader', 'GET', '/api/matters?channel=pigeon')).status, 400);
});

t.test('the export: an Excel workbook and a CSV holding the same numbers, audited', async (t) => {
  const h = await apiHarness(t);
  await seed(h);
  const figures = (await h.call('leader', 'GET', `/api/statistics?${PERIOD}`)).json;
  const x = await h.call('leader', 'GET', `/api/statistics/export?${PERIOD}&format=xlsx`);
  t.equal(x.status, 200);
  t.match(String(x.headers['content-type']), /spreadsheetml/);
  const cd = String(x.headers['content-disposition']);
  t.match(cd, /^attachment; filename="statistics-demo-county-a-2026-10-01\.xlsx"; filename\*=UTF-8''/);
  t.equal(
    decodeURIComponent(cd.split("UTF-8''")[1]),
    '统计-明江区-2026-10-01至2026-10-31.xlsx',
    'the Chinese name in RFC 5987 form',
  );
  const raw = await h.app.inject({
    method: 'GET',
    url: `/api/statistics/export?${PERIOD}&format=xlsx`,
    headers: { authorization: `Bearer ${h.tokens.leader}` },
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
  t.same(
    wb.worksheets.map((w) => w.name),
    ['概览', '趋势', '分类', '下级区域', '逾期单位'],
  );
  const overview = new Map<string, unknown[]>();
  wb.getWorksheet('概览')!.eachRow((row) => {
    const v = row.values as unknown[];
    overview.set(String(v[4]), v);
  });
  for (const key of ['received', 'closed', 'resolved', 'completionRate', 'resolutionRate', 'onTimeRate'])
    t.equal(overview.get(key)![2], figures[key], `概览 ${key}`);
  t.equal(overview.get('received')![3], 1, 'the previous period next to it');
  t.equal(overview.get('funnel.toLitigation')![2], figures.funnel.toLitigation);
  const subs: unknown[][] = [];
  wb.getWorksheet('下级区域')!.eachRow((row, i) => i > 1 && subs.push((row.values as unknown[]).slice(1, 4)));
  t.same(subs, [
    [1, '东湖街道', 1],
    [2, '西岭镇', 2],
    [3, '本级', 1],
  ]);

  const c = await h.call('leader', 'GET', `/api/statistics/export?${PERIOD}&format=csv`);
  t.equal(c.status, 200);
  t.match(String(c.headers['content-type']), /^text\/csv; charset=utf-8/);
  t.ok(c.body.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads the Chinese');
  t.match(c.body, /\r\n受理数,4,1,received\r\n/);
  t.match(c.body, /\r\n办结率,0\.5,1,completionRate\r\n/);
  const audits = await h.db('app.audit_log').where({ action: 'statistics.export' }).select('actor', 'details');
  t.equal(audits.length, 3, 'every export audited');
  t.match(audits[0], { actor: 'leader', details: { format: 'xlsx', region: 'demo-county-a' } });
});

t.test('bad input names the field; jurisdiction holds', async (t) => {
  const h = await apiHarness(t);
  await seed(h);
  for (const url of ['/api/statistics/breakdown', '/api/statistics/export']) {
    const fmt = url.endsWith('export') ? '&format=xlsx' : '';
    const reversed = await h.call('leader', 'GET', `${url}?from=2026-10-31&to=2026-10-01${fmt}`);
    t.equal(reversed.status, 400, `${url}: from after to`);
    t.match(reversed.json, { code: 'VALIDATION_FAILED', details: [{ field: 'from' }] });
    const day = await h.call('leader', 'GET', `${url}?from=2026-02-30&to=2026-03-01${fmt}`);
    t.equal(day.status, 400);
    t.match(day.json.message, /from/);
    const out = await h.call('leader', 'GET', `${url}?${PERIOD}&region=demo-island-county${fmt}`);
    t.equal(out.status, 403, `${url}: another county is out of a county leader's reach`);
    t.equal((await h.call('clerk', 'GET', `${url}?${PERIOD}${fmt}`)).status, 403, 'not for a window clerk');
  }
  const format = await h.call('leader', 'GET', `/api/statistics/export?${PERIOD}&format=pdf`);
  t.equal(format.status, 400);
  t.match(format.body, /format/);
  const none = await h.call('leader', 'GET', `/api/statistics/export?${PERIOD}`);
  t.equal(none.status, 400);
  t.match(none.body, /format/);
  const island = await h.call('island-leader', 'GET', `/api/statistics/breakdown?${PERIOD}`);
  t.equal(island.status, 200);
  t.equal(island.json.current.received, 1, 'the island leader sees the island only');
  const town = await h.call('leader', 'GET', `/api/statistics/breakdown?${PERIOD}&region=demo-town-a2`);
  t.same(
    town.json.subRegions.map((s: { code: string | null; received: number }) => [s.code, s.received]),
    [
      ['demo-village-a2-1', 1],
      [null, 1],
      ['demo-village-a2-2', 0],
    ],
    'a town: its villages (and the town itself), ranked',
  );
});
