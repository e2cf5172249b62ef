// 统计 in Chromium (issue 14): a county leader opens the dashboard for October 2026; the KPI cards show
// what GET /api/statistics answers for the same period and region; a figure drills down to the matters
// list with the same count; the Excel export downloaded through the page, read back with exceljs,
// holds the same numbers; the big-screen mode is dark and keeps the figures. Screenshot and axe.
import fs from 'node:fs';
import t from 'tap';
import ExcelJS from 'exceljs';
import { consoleHarness } from '../helpers/browser.js';
import { seed } from '../helpers/statistics-seed.js';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const RATES = ['completionRate', 'resolutionRate', 'onTimeRate', 'satisfaction', 'oneTimeResolutionRate'] as const;

t.test('统计: figures equal the API, drill-down, Excel export, big screen', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  await seed(h);
  const api = await h.call('leader', 'GET', '/api/statistics?from=2026-10-01&to=2026-10-31&region=demo-county-a');
  t.equal(api.status, 200);
  const figures = api.json;

  const page = await c.signIn('leader', { viewport: { width: 1440, height: 1100 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByRole('menuitem', { name: '统计' }).click();
  await page.waitForURL(/\/statistics\?.*preset=month/);
  await page.locator('[data-test=kpi-received]').waitFor();

  await t.test('the period picked, the KPI cards equal GET /api/statistics', async (t) => {
    // A custom range in the address (as a shared link would carry it): October 2026.
    await page.goto(`${c.base}/statistics?from=2026-10-01&to=2026-10-31&region=demo-county-a`);
    await page.locator('[data-test=shown-period]', { hasText: '2026-10-01 至 2026-10-31' }).waitFor();
    const value = (key: string) => page.locator(`[data-test=kpi-${key}] [data-test=kpi-value]`).innerText();
    await page.locator('[data-test=kpi-received] [data-test=kpi-value]', { hasText: /^4$/ }).waitFor();
    for (const key of ['received', 'closed', 'resolved'])
      t.equal(await value(key), String(figures[key]), `${key}: ${figures[key]}`);
    for (const key of RATES) t.equal(await value(key), pct(figures[key]), `${key}: ${pct(figures[key])}`);
    t.match(await page.locator('[data-test=kpi-received]').innerText(), /上期 1/, 'the previous period beside it');
    t.match(await page.locator('[data-test=shown-period]').innerText(), /明江区/, 'the region by name');
    const league = await page.locator('[data-test=league-table]').innerText();
    t.match(league, /东湖街道[\s\S]*西岭镇[\s\S]*本级/, 'towns ranked, the county itself last');
    const types = await page.locator('[data-test=breakdown-matterType]').innerText();
    t.match(types, /纠纷化解/, 'matter types by name, not code');
    t.notMatch(types, /dispute/);
    t.equal(await page.locator('[data-test=funnel-resolvedWithoutLitigation]').innerText(), '2');
    await c.shot(page, 'statistics');
    t.same(await c.axe(page), [], 'axe: no serious or critical violations');
  });

  await t.test('a figure drills down to its matters, with the same count', async (t) => {
    await page.locator('[data-test=kpi-resolved]').click();
    await page.waitForURL(/\/matters\?.*figure=resolved/);
    await page.locator('[data-test=total]', { hasText: `共 ${figures.resolved} 件` }).waitFor();
    t.match(await page.locator('[data-test=drill-filter]').innerText(), /来自统计：已化解/, 'the narrowing in words');
    t.equal(await page.locator('[data-test=matters] tbody tr').count(), figures.resolved);
    await page.goBack();
    await page.locator('[data-test=count-window]').click();
    await page.waitForURL(/\/matters\?.*channel=window/);
    await page.locator('[data-test=total]', { hasText: '共 2 件' }).waitFor();
    t.pass('by channel: the two walk-ins');
    await page.goBack();
    await page.locator('[data-test=league-received-demo-town-a2]').click();
    await page.waitForURL(/\/matters\?.*regionCode=demo-town-a2/);
    await page.locator('[data-test=total]', { hasText: '共 2 件' }).waitFor();
    t.pass('a town of the league table: its two matters');
    await page.goBack();
    await page.locator('[data-test=kpi-received]').waitFor();
  });

  await t.test('the Excel export holds the same numbers', async (t) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-xlsx]')]);
    t.equal(download.suggestedFilename(), '统计-明江区-2026-10-01至2026-10-31.xlsx');
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
    const overview = new Map<string, unknown>();
    wb.getWorksheet('概览')!.eachRow((row) => {
      const v = row.values as unknown[];
      overview.set(String(v[4]), v[2]);
    });
    for (const key of ['received', 'closed', 'resolved', ...RATES])
      // No rate (nothing to divide) is an empty cell.
      t.equal(overview.get(key) ?? null, figures[key], `概览 ${key} = ${figures[key]}`);
    t.ok(wb.getWorksheet('下级区域') && wb.getWorksheet('趋势') && wb.getWorksheet('逾期单位'), 'every sheet');
  });

  await t.test('大屏: dark, the same figures', async (t) => {
    await page.click('[data-test=screen]');
    await page.waitForURL(/screen=1/);
    const section = page.locator('[data-test=statistics].screen');
    await section.waitFor();
    const bg = await section.evaluate((el) => getComputedStyle(el).backgroundColor);
    t.equal(bg, 'rgb(11, 26, 46)', 'a dark background');
    t.equal(await page.locator('[data-test=kpi-received] [data-test=kpi-value]').innerText(), String(figures.received));
    await c.shot(page, 'statistics-screen');
    t.same(await c.axe(page), [], 'axe on the big screen');
  });
  t.same(errors, [], 'no script errors');
});
