// Matters with known outcomes for the dashboard's tests (test/api/statistics-dashboard.test.ts and
// test/web/statistics.test.ts): October 2026 in demo-county-a holds 4 received, 2 closed and resolved
// (one of them overdue first at UNIT), one red and one orange; one matter in the 31 days before, one in
// another county, one the day after.
import type { ApiHarness } from './api.js';
import { insertMatter, recordStep } from '../../store/matters.js';

const china = (s: string) => new Date(`${s}+08:00`);
let n = 0;

/** One matter, its steps and (optionally) its closure; risk set as the risk assessment would. */
async function matter(
  h: ApiHarness,
  m: { type: string; channel: string; category?: string; region: string; at: string; risk?: string },
  steps: [string, string, string?][] = [],
  close?: { reason: string; at: string; tier: string },
) {
  const { matter: row } = await insertMatter(h.db, {
    trackingCode: `GC-D-${++n}`,
    matterType: m.type,
    channel: m.channel,
    category: m.category ?? null,
    regionCode: m.region,
    regionPath: h.regions.path(m.region),
    summary: '统计',
    receivedAt: china(m.at),
  });
  if (m.risk) await h.db('app.matters').where({ id: row.id }).update({ risk_level: m.risk });
  for (const [type, at, unit] of steps)
    await recordStep(h.db, row.id, { type, at: china(at), unit: unit ?? null, dedupKey: `${row.id}:${type}:${at}` });
  if (close)
    await recordStep(
      h.db,
      row.id,
      {
        type: 'closed',
        at: china(close.at),
        data: { reason: close.reason, tier: close.tier },
        dedupKey: `${row.id}:c`,
      },
      { status: 'closed', closureReason: close.reason as 'resolved', closedAt: china(close.at) },
    );
}

export const UNIT = 'demo-village-a2-1/people-mediation-committee';

export async function seed(h: ApiHarness) {
  // October 2026 in demo-county-a: 4 received, 2 closed and resolved (one of them overdue first).
  await matter(
    h,
    {
      type: 'dispute',
      channel: 'window',
      category: 'neighbour',
      region: 'demo-village-a1-1',
      at: '2026-10-05T10:00:00',
      risk: 'red',
    },
    [],
    { reason: 'resolved', at: '2026-10-06T10:00:00', tier: 'village' },
  );
  await matter(
    h,
    {
      type: 'dispute',
      channel: 'hotline',
      category: 'unpaid-wages',
      region: 'demo-village-a2-1',
      at: '2026-10-12T09:00:00',
    },
    [['mediation-overdue', '2026-10-14T09:00:00', UNIT]],
    { reason: 'resolved', at: '2026-10-15T09:00:00', tier: 'town' },
  );
  await matter(h, {
    type: 'petition',
    channel: 'window',
    region: 'demo-town-a2',
    at: '2026-10-20T09:00:00',
    risk: 'orange',
  });
  await matter(h, { type: 'consultation', channel: 'online', region: 'demo-county-a', at: '2026-10-31T23:00:00' });
  // The previous period of equal length (31 days: 2026-08-31 to 09-30), another county, the month after.
  await matter(h, { type: 'dispute', channel: 'window', region: 'demo-village-a1-2', at: '2026-09-20T09:00:00' }, [], {
    reason: 'resolved',
    at: '2026-09-21T09:00:00',
    tier: 'village',
  });
  await matter(h, { type: 'dispute', channel: 'window', region: 'demo-island-village-1-1', at: '2026-10-05T09:00:00' });
  await matter(h, { type: 'dispute', channel: 'window', region: 'demo-village-a1-1', at: '2026-11-01T00:00:00' });
}
