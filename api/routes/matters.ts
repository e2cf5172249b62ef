// Matters: intake (one window for every type and channel), list and detail, all within the caller's
// jurisdiction. Personal data is masked unless the role needs it and asks (?reveal=true, audited).
import type { FastifyInstance } from 'fastify';
import { MATTER_TYPES, CHANNELS, TIERS, isCategory } from '../../domain/index.js';
import { receiveMatter, type IntakeDeps, type IntakeInput } from '../../services/intake.js';
import { listMatters, matterById, eventsOf, trackingCodesOf } from '../../store/matters.js';
import { partiesOf } from '../../store/parties.js';
import { regionPath } from '../../store/regions.js';
import { audit } from '../../store/audit.js';
import { ApiError, notFound } from '../errors.js';
import { inJurisdiction, scopedPath, REVEAL_ROLES } from '../auth.js';
import { matterView, partyView } from '../views.js';
import type { Vault } from '../../platform/privacy.js';

const RISK_FACTS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    parties: { type: 'integer', minimum: 1, maximum: 100000 },
    amountYuan: { type: 'number', minimum: 0, maximum: 1e12 },
    violence: { type: 'boolean' },
    threat: { type: 'boolean' },
    repeatPetition: { type: 'boolean' },
    vulnerableParty: { type: 'boolean' },
    domesticViolence: { type: 'boolean' },
    extremeWords: { type: 'boolean' },
  },
};
const PARTY = {
  type: 'object',
  required: ['role', 'name'],
  additionalProperties: false,
  properties: {
    role: { type: 'string', enum: ['applicant', 'respondent', 'third-party', 'agent'] },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    idNumber: { type: 'string', pattern: '^[0-9]{17}[0-9Xx]$|^[A-Za-z0-9]{6,20}$' },
    phone: { type: 'string', pattern: '^\\+?[0-9-]{5,20}$' },
  },
};
const INTAKE = {
  type: 'object',
  required: ['matterType', 'channel', 'regionCode', 'summary', 'parties'],
  additionalProperties: false,
  properties: {
    matterType: { type: 'string', enum: [...MATTER_TYPES] },
    channel: { type: 'string', enum: [...CHANNELS] },
    category: { type: 'string', maxLength: 50 },
    regionCode: { type: 'string', minLength: 1, maxLength: 64 },
    summary: { type: 'string', minLength: 1, maxLength: 2000 },
    facts: RISK_FACTS,
    parties: { type: 'array', minItems: 1, maxItems: 50, items: PARTY },
  },
};

export function matterRoutes(app: FastifyInstance, deps: IntakeDeps & { vault: Vault }) {
  app.post(
    '/api/matters',
    {
      preHandler: app.requireRole('window-clerk', 'centre-supervisor', 'administrator'),
      schema: {
        tags: ['matters'],
        summary: '受理事项 Receive a matter (one window, every type and channel)',
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 200 } },
        },
        body: INTAKE,
      },
    },
    async (req, reply) => {
      const body = req.body as IntakeInput;
      if (body.category && !isCategory(body.category))
        throw new ApiError('VALIDATION_FAILED', `unknown category '${body.category}'`, [
          { field: 'category', message: 'unknown category' },
        ]);
      if (!deps.regions.has(body.regionCode))
        throw new ApiError('VALIDATION_FAILED', `unknown region '${body.regionCode}'`, [
          { field: 'regionCode', message: 'unknown region' },
        ]);
      if (!inJurisdiction(req.user, await regionPath(deps.db, body.regionCode)))
        throw new ApiError('OUT_OF_JURISDICTION', `region '${body.regionCode}' is outside your jurisdiction`);
      const key = req.headers['idempotency-key'] as string | undefined;
      const { matter, created } = await receiveMatter(deps, {
        ...body,
        idempotencyKey: key ? `${req.user.sub}:${key}` : null,
      });
      if (created)
        await audit(deps.db, {
          at: deps.clock(),
          actor: req.user.sub,
          action: 'matter.create',
          targetKind: 'matter',
          targetId: matter.id,
          details: { channel: body.channel, matterType: body.matterType },
        });
      const parties = (await partiesOf(deps.db, matter.id)).map((p) => partyView(p, deps.vault, false));
      return reply.code(created ? 201 : 200).send({
        ...matterView(matter),
        parties,
        duplicateHint: await trackingCodesOf(deps.db, matter.possibleDuplicateOf),
        replayed: !created,
      });
    },
  );

  app.get(
    '/api/matters',
    {
      preHandler: app.requireRole(
        'window-clerk',
        'mediator',
        'department-handler',
        'centre-supervisor',
        'administrator',
        'auditor',
      ),
      schema: {
        tags: ['matters'],
        summary: '事项列表 List matters in my jurisdiction',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['received', 'in-progress', 'closed', 'reopened'] },
            matterType: { type: 'string', enum: [...MATTER_TYPES] },
            category: { type: 'string', maxLength: 50 },
            tier: { type: 'string', enum: [...TIERS] },
            region: { type: 'string', maxLength: 64 },
            risk: { type: 'string', enum: ['red', 'orange', 'green'] },
            overdue: { type: 'boolean' },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            q: { type: 'string', maxLength: 100 },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as Record<string, any>;
      const path = await scopedPath(deps.db, req.user, q.region);
      const r = await listMatters(deps.db, {
        regionPath: path,
        status: q.status,
        matterType: q.matterType,
        category: q.category,
        tier: q.tier,
        riskLevel: q.risk,
        overdueAt: q.overdue ? deps.clock() : undefined,
        receivedFrom: q.from ? new Date(q.from) : undefined,
        receivedTo: q.to ? new Date(q.to) : undefined,
        text: q.q,
        limit: q.limit,
        offset: q.offset,
      });
      return { total: r.total, items: r.items.map(matterView) };
    },
  );

  app.get(
    '/api/matters/:id',
    {
      preHandler: app.requireRole(
        'window-clerk',
        'mediator',
        'department-handler',
        'centre-supervisor',
        'administrator',
        'auditor',
      ),
      schema: {
        tags: ['matters'],
        summary: '事项详情与时间线 Matter detail with its timeline',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { reveal: { type: 'boolean', default: false } },
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const { reveal } = req.query as { reveal: boolean };
      const m = await matterById(deps.db, id);
      // Out of jurisdiction looks the same as absent: the caller learns nothing about other regions.
      if (!m || !inJurisdiction(req.user, m.regionPath)) throw notFound(`matter ${id}`);
      if (reveal && !req.user.roles.some((r) => REVEAL_ROLES.includes(r)))
        throw new ApiError('FORBIDDEN', 'your role may not see personal data unmasked');
      if (reveal)
        await audit(deps.db, {
          at: deps.clock(),
          actor: req.user.sub,
          action: 'personal-data.read',
          targetKind: 'matter',
          targetId: m.id,
        });
      const parties = (await partiesOf(deps.db, m.id)).map((p) => partyView(p, deps.vault, reveal));
      const timeline = (await eventsOf(deps.db, m.id)).map((e) => ({
        type: e.type,
        at: e.occurredAt,
        tier: e.tier,
        unit: e.unit,
        data: e.data,
      }));
      return { ...matterView(m), parties, timeline };
    },
  );
}
