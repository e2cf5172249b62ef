// The region tree: stored so jurisdiction queries are index range scans on `path`.
import type { Db } from '../platform/db.js';
import type { Region } from '../domain/index.js';

function pathOf(code: string, byCode: Map<string, Region>): string {
  const parts: string[] = [];
  for (let r = byCode.get(code); r; r = r.parent ? byCode.get(r.parent) : undefined) parts.unshift(r.code);
  return `/${parts.join('/')}/`;
}

/** Inserts or updates regions (parents first); used by the seed and by region administration. */
export async function upsertRegions(db: Db, regions: Region[]): Promise<void> {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const ordered = [...regions].sort((a, b) => pathOf(a.code, byCode).length - pathOf(b.code, byCode).length);
  for (const r of ordered) {
    await db('app.regions')
      .insert({
        code: r.code,
        parent: r.parent,
        tier: r.tier,
        region_class: r.regionClass,
        name: r.name,
        name_en: r.nameEn ?? null,
        path: pathOf(r.code, byCode),
        departments: JSON.stringify(r.departments),
      })
      .onConflict('code')
      .merge();
  }
}

export async function loadRegions(db: Db): Promise<Region[]> {
  const rows = await db('app.regions').select('*').orderBy('path');
  return rows.map((r) => ({
    code: r.code,
    parent: r.parent,
    tier: r.tier,
    regionClass: r.region_class,
    name: r.name,
    nameEn: r.name_en ?? undefined,
    departments: r.departments,
  }));
}

export async function regionPath(db: Db, code: string): Promise<string | undefined> {
  const row = await db('app.regions').where({ code }).first('path');
  return row?.path;
}
