// Look-ups for forms and pickers: the codes a request needs, with their labels, so nobody reads the
// source to know what to send. Every signed-in user reads them; units and their people are limited
// to the caller's jurisdiction.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CATEGORIES,
  CHANNELS,
  CHANNEL_LABELS,
  MATTER_TYPES,
  MATTER_TYPE_LABELS,
  TIER_LABELS,
  DEPARTMENTS,
  type RegionTree,
} from '../../domain/index.js';
import { staffedUnits, unitMembers } from '../../store/users.js';
import type { RouteDeps } from '../app.js';
import { scopedPath, inJurisdiction } from '../auth.js';
import { notFound } from '../errors.js';
import { unitLabel } from '../views.js';
import {
  CategoryList,
  CodeList,
  RegionList,
  UnitList,
  UnitMemberList,
  UnitParams,
  UnitQuery,
  errors,
  SIGNED_IN,
} from '../schemas/index.js';

/** Every unit queue of the subtree: stationed departments, committees below the county, 综治中心. */
function unitsOf(regions: RegionTree, root: string): { unit: string; regionCode: string; department: string }[] {
  const out: { unit: string; regionCode: string; department: string }[] = [];
  for (const r of [regions.get(root), ...regions.descendants(root)]) {
    const codes = new Set<string>(r.departments.map((d) => d.department));
    if (r.tier === 'town' || r.tier === 'village') codes.add('people-mediation-committee');
    if (r.tier === 'city' || r.tier === 'county' || r.tier === 'town') codes.add('centre');
    for (const d of codes) out.push({ unit: `${r.code}/${d}`, regionCode: r.code, department: d });
  }
  return out;
}

export function lookupRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'regions'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = app.requireRole();
  const simple = (description: string) => ({
    tags: ['lookups'],
    description,
    response: { 200: CodeList, ...errors(401, 429, 500) },
  });

  app.get(
    '/api/lookups/regions',
    {
      preHandler: signedIn,
      schema: {
        tags: ['lookups'],
        summary: '区域 Regions',
        description: '区域树（父级在前），用于级联选择。 The region tree, parents first, for a cascader.',
        response: { 200: RegionList, ...errors(401, 429, 500) },
      },
    },
    async () => ({
      items: deps.regions.all().map((r) => ({
        code: r.code,
        name: r.name,
        nameEn: r.nameEn ?? null,
        tier: r.tier,
        tierLabel: TIER_LABELS[r.tier],
        parent: r.parent,
        regionClass: r.regionClass,
      })),
    }),
  );

  app.get(
    '/api/lookups/categories',
    {
      preHandler: signedIn,
      schema: {
        tags: ['lookups'],
        summary: '纠纷类别 Dispute categories',
        description: '大类与小类，标出敏感类别。 Major and minor categories; sensitive ones flagged.',
        response: { 200: CategoryList, ...errors(401, 429, 500) },
      },
    },
    async () => ({
      items: CATEGORIES.map((c) => ({
        code: c.code,
        zh: c.zh,
        en: c.en,
        sensitive: c.minors.length > 0 && c.minors.every((m) => m.sensitive === true),
        minors: c.minors.map((m) => ({ code: m.code, zh: m.zh, en: m.en, sensitive: m.sensitive === true })),
      })),
    }),
  );

  app.get(
    '/api/lookups/matter-types',
    { preHandler: signedIn, schema: { ...simple('事项类型 Matter types'), summary: '事项类型 Matter types' } },
    async () => ({ items: MATTER_TYPES.map((code) => ({ code, ...MATTER_TYPE_LABELS[code] })) }),
  );

  app.get(
    '/api/lookups/channels',
    { preHandler: signedIn, schema: { ...simple('受理渠道 Intake channels'), summary: '受理渠道 Channels' } },
    async () => ({ items: CHANNELS.map((code) => ({ code, ...CHANNEL_LABELS[code] })) }),
  );

  app.get(
    '/api/lookups/departments',
    {
      preHandler: signedIn,
      schema: { ...simple('部门与调解组织 Departments and committees'), summary: '部门 Departments' },
    },
    async () => ({
      items: [
        { code: 'centre', zh: '综治中心', en: 'Governance centre' },
        ...DEPARTMENTS.map((d) => ({ code: d.code, zh: d.zh, en: d.en })),
      ],
    }),
  );

  app.get(
    '/api/lookups/units',
    {
      preHandler: signedIn,
      schema: {
        tags: ['lookups'],
        summary: '单位队列 Unit queues',
        description:
          '辖区内的单位队列与是否有在岗人员（指派、转办时选择）。' +
          ' Unit queues in your jurisdiction (or a region in it), and whether anyone can take their work.',
        querystring: UnitQuery,
        response: { 200: UnitList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const path = await scopedPath(deps.db, req.user, req.query.region);
      const root = req.query.region ?? req.user.regionCode;
      const staffed = new Set(await staffedUnits(deps.db, path));
      return {
        items: unitsOf(deps.regions, root).map((u) => ({
          ...u,
          label: unitLabel(u.unit, deps.regions) ?? u.unit,
          staffed: staffed.has(u.unit),
        })),
      };
    },
  );

  app.get(
    '/api/lookups/units/:unit/members',
    {
      preHandler: signedIn,
      schema: {
        tags: ['lookups'],
        summary: '单位人员 People of a unit',
        description:
          '单位的在岗人员（指派任务时选择）；单位须在本人辖区内。' +
          ' Active members of a unit in your jurisdiction, for assigning a task.',
        params: UnitParams,
        response: { 200: UnitMemberList, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      const { unit } = req.params;
      const region = unit.split('/')[0]!;
      if (!deps.regions.has(region) || !inJurisdiction(req.user, deps.regions.path(region))) throw notFound('unit');
      return { unit, label: unitLabel(unit, deps.regions) ?? unit, items: await unitMembers(deps.db, unit) };
    },
  );
}
