// Matters: intake (one window for every type and channel), list and detail, all within the caller's
// jurisdiction. Personal data is masked unless the role needs it and asks (?reveal=true, audited).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CATEGORIES, DomainError, channelNeedsParty, isCategory, periodBound } from '../../domain/index.js';
import { normaliseTrackingCode } from '../../domain/tracking-code.js';
import { receiveMatter, type IntakeDeps } from '../../services/intake.js';
import { giveDuplicateHint } from '../../services/duplicates.js';
import { listMatters, eventsOf, mattersWithin } from '../../store/matters.js';
import { partiesOf } from '../../store/parties.js';
import { messagesOfMatter } from '../../store/letters.js';
import { messagesByEvent } from '../../services/letters.js';
import { regionPath } from '../../store/regions.js';
import { audit } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { inJurisdiction, scopedPath, REVEAL_ROLES } from '../auth.js';
import { MATTER_READERS, visibleMatter } from '../matter-access.js';
import { matterView, partyView, timelineEntry, unitLabel } from '../views.js';
import type { Vault } from '../../platform/privacy.js';
import { Described, errors, iso, SIGNED_IN } from '../schemas/index.js';
import { IntakeBody, IntakeHeaders, IntakeReply, MatterDetail, MatterDetailQuery } from '../schemas/index.js';
import { MATTER_FIGURES, MatterList, MatterListQuery, MatterParams } from '../schemas/index.js';

const invalid = (field: string, message: string) =>
  new ApiError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);

/** The category asked for and, for a major category, its minors (a matter may carry either). */
function categoryCodes(code: string): string[] {
  if (!isCategory(code)) throw invalid('category', `unknown category '${code}'`);
  const major = CATEGORIES.find((c) => c.code === code);
  return major ? [code, ...major.minors.map((m) => m.code)] : [code];
}

/** How a search box term reads: an 18-character ID number, a tracking code, a phone, else a name. */
function readSearch(s: string): 'code' | 'idNumber' | 'phone' | 'party' {
  const v = s.trim();
  if (/^[0-9]{17}[0-9Xx]$/.test(v)) return 'idNumber';
  if (normaliseTrackingCode(v)) return 'code';
  if (/^\+?[0-9 -]{5,24}$/.test(v)) return 'phone';
  return 'party';
}

/**
 * The received period: from/to (date-times, as before) and receivedFrom/receivedTo (China days, both
 * inclusive); when both kinds are given the narrower bound holds.
 */
function receivedPeriod(q: MatterListQuery): { from?: Date; to?: Date } {
  const day = (text: string | undefined, edge: 'start' | 'end', field: string) => {
    if (text === undefined) return undefined;
    try {
      return periodBound(text, edge, field);
    } catch (e) {
      if (e instanceof DomainError) throw invalid(field, `no such China day '${text}' (YYYY-MM-DD)`);
      throw e;
    }
  };
  const dayFrom = day(q.receivedFrom, 'start', 'receivedFrom');
  const dayTo = day(q.receivedTo, 'end', 'receivedTo');
  if (dayFrom && dayTo && !(dayFrom < dayTo)) throw invalid('receivedFrom', 'must not be after receivedTo');
  const pick = (a: Date | undefined, b: Date | undefined, later: boolean) =>
    !a ? b : !b ? a : a > b === later ? a : b;
  return {
    from: pick(q.from ? new Date(q.from) : undefined, dayFrom, true),
    to: pick(q.to ? new Date(q.to) : undefined, dayTo, false),
  };
}

export function matterRoutes(fastify: FastifyInstance, deps: IntakeDeps & { vault: Vault }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/matters',
    {
      preHandler: app.requireRole('window-clerk', 'centre-supervisor', 'administrator'),
      schema: {
        tags: ['matters'],
        summary: '受理事项 Receive a matter (one window, every type and channel)',
        description:
          '登记事项、当事人与“已受理”事件并启动流程；201 新受理，200 为同一 Idempotency-Key 的重放。' +
          '身份证号与电话加密存储，答复中遮盖；duplicateHint 列出疑似重复事项；routing 为分流去向（层级、承办单位及其名称），' +
          '与流程的分类分级一致。至少一名当事人，设备或系统自动上报（channel=system）可无。' +
          ' Records the matter, its parties and the received event, then starts its process: 201 when new,' +
          ' 200 when replayed for the same Idempotency-Key. ID numbers and phones are sealed and masked.' +
          ' `routing` is where the process sends it (tier, unit and its Chinese name), decided as its triage' +
          ' step decides. At least one party, except from channel system (a monitoring device or system).',
        headers: IntakeHeaders,
        body: IntakeBody,
        response: {
          200: Described(IntakeReply, '重放首次的答复 The first answer, replayed'),
          201: IntakeReply,
          ...errors(...SIGNED_IN, 422),
        },
      },
    },
    async (req, reply) => {
      const body = req.body;
      if (body.category && !isCategory(body.category))
        throw new ApiError('VALIDATION_FAILED', `unknown category '${body.category}'`, [
          { field: 'category', message: 'unknown category' },
        ]);
      if (!deps.regions.has(body.regionCode))
        throw new ApiError('VALIDATION_FAILED', `unknown region '${body.regionCode}'`, [
          { field: 'regionCode', message: 'unknown region' },
        ]);
      if (!body.parties?.length && channelNeedsParty(body.channel))
        throw new ApiError(
          'VALIDATION_FAILED',
          '至少登记一名当事人（仅设备或系统自动上报可无）at least one party is required unless the channel is system',
          [{ field: 'parties', message: 'at least one party is required for this channel' }],
        );
      if (!inJurisdiction(req.user, await regionPath(deps.db, body.regionCode)))
        throw new ApiError('OUT_OF_JURISDICTION', `region '${body.regionCode}' is outside your jurisdiction`);
      const key = req.headers['idempotency-key'];
      const { matter, created, routing } = await receiveMatter(deps, {
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
      // The hint names only matters the clerk may read, and is audited (services/duplicates.ts).
      const hint = await giveDuplicateHint(deps, req.user, matter.possibleDuplicateOf, { matterId: matter.id });
      return reply.code(created ? 201 : 200).send({
        ...matterView(matter),
        possibleDuplicateOf: hint.ids,
        parties,
        duplicateHint: hint.codes,
        replayed: !created,
        routing,
      });
    },
  );

  const readers = app.requireRole(...MATTER_READERS);

  app.get(
    '/api/matters',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '事项列表 List matters in my jurisdiction',
        description:
          '按状态、类型、类别（大类含其小类）、层级、区域（region 或 regionCode，含下级）、风险、逾期、受理时间' +
          '（from/to 带时区时间，或 receivedFrom/receivedTo 北京时间日期、含当日）与全文筛选辖区内的事项；' +
          'search 为一个检索框（受理编号、身份证号、电话或姓名，由系统判断，searchedBy 说明）。' +
          '默认最新在前（sort=received 最早在前），分页；个人信息不在列表中，按当事人检索留痕。' +
          ' Matters of your jurisdiction (or a region within it), filtered (a major category includes its' +
          ' minors; receivedFrom/receivedTo are China days, both inclusive); `search` is one box read as a code,' +
          ' an ID number, a phone or a name (`searchedBy` says which). Newest first unless sort=received; paged.' +
          ' Searches by party are audited.',
        querystring: MatterListQuery,
        response: { 200: MatterList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.region !== undefined && q.regionCode !== undefined && q.region !== q.regionCode)
        throw invalid('regionCode', "give either 'region' or 'regionCode' (they differ)");
      const region = q.regionCode ?? q.region;
      const path = await scopedPath(deps.db, req.user, region);
      const { from, to } = receivedPeriod(q);
      // One search box: the API reads it as a code, an ID number, a phone or a name (searchedBy says which).
      const searchedBy = q.search === undefined ? undefined : readSearch(q.search);
      const term = (k: 'code' | 'idNumber' | 'phone' | 'party') => (searchedBy === k ? q.search : q[k]);
      const code = term('code');
      // A code that cannot be one matches nothing (rather than everything).
      const trackingCode = code === undefined ? undefined : (normaliseTrackingCode(code) ?? '-');
      // Phones and ID numbers as they may have been written at intake: as typed, and tidied.
      const macs = (v: string | undefined, tidy: (s: string) => string) =>
        v === undefined ? undefined : [...new Set([v, tidy(v)])].map((x) => deps.vault.mac(x));
      const r = await listMatters(deps.db, {
        regionPath: path,
        status: q.status,
        matterType: q.matterType,
        categories: q.category === undefined ? undefined : categoryCodes(q.category),
        tier: q.tier,
        riskLevel: q.risk,
        channel: q.channel,
        // Positions in app.stats_counters (1 is "received": every matter).
        figure: q.figure === undefined ? undefined : MATTER_FIGURES.indexOf(q.figure) + 2,
        overdueUnit: q.overdueUnit,
        overdueAt: q.overdue ? deps.clock() : undefined,
        receivedFrom: from,
        receivedTo: to,
        text: q.q,
        trackingCode,
        partyName: term('party'),
        phoneMacs: macs(term('phone'), (s) => s.replace(/[\s-]/g, '')),
        idNumberMacs: macs(term('idNumber'), (s) => s.toUpperCase()),
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
        order: q.sort === 'received' ? 'asc' : 'desc',
      });
      // Looking a person up is a read of personal data: audited (how, and how many found; never the term).
      const by = (['party', 'phone', 'idNumber'] as const).filter((k) => term(k) !== undefined);
      if (by.length)
        await audit(deps.db, {
          actor: req.user.sub,
          action: 'matters.search-party',
          targetKind: 'search',
          at: deps.clock(),
          details: { by, found: r.total, region: region ?? req.user.regionCode },
        });
      return { total: r.total, items: r.items.map(matterView), ...(searchedBy ? { searchedBy } : {}) };
    },
  );

  app.get(
    '/api/matters/:id',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '事项详情与时间线 Matter detail with its timeline',
        description:
          '事项、当事人（默认遮盖）与时间线。reveal=true 显示原文，仅限有权角色且留痕。辖区外的事项与不存在的一样答 404。' +
          ' The matter, its parties (masked) and timeline; ?reveal=true unmasks for roles that need it, audited.' +
          ' A matter outside your jurisdiction answers 404 like an absent one.',
        params: MatterParams,
        querystring: MatterDetailQuery,
        response: { 200: MatterDetail, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      const { id } = req.params;
      const reveal = req.query.reveal ?? false;
      const m = await visibleMatter(deps.db, req, id);
      const canReveal = req.user.roles.some((r) => REVEAL_ROLES.includes(r));
      if (reveal && !canReveal) throw new ApiError('FORBIDDEN', 'your role may not see personal data unmasked');
      if (reveal)
        await audit(deps.db, {
          at: deps.clock(),
          actor: req.user.sub,
          action: 'personal-data.read',
          targetKind: 'matter',
          targetId: m.id,
        });
      const parties = (await partiesOf(deps.db, m.id)).map((p) => partyView(p, deps.vault, reveal));
      // What each step sent (SMS to the parties, letters to units) and what became of it.
      const messages = messagesByEvent(await messagesOfMatter(deps.db, m.id), deps.regions, iso);
      const timeline = (await eventsOf(deps.db, m.id)).map((e) => ({
        ...timelineEntry(e),
        unitLabel: unitLabel(e.unit, deps.regions),
        messages: messages.get(e.id) ?? [],
      }));
      const duplicates = await mattersWithin(deps.db, m.possibleDuplicateOf, req.user.regionPath);
      return {
        ...matterView(m),
        regionLabel: deps.regions.has(m.regionCode) ? deps.regions.get(m.regionCode).name : null,
        handlingUnitLabel: unitLabel(m.handlingUnit, deps.regions),
        possibleDuplicateOf: duplicates.map((d) => d.id),
        parties,
        revealed: reveal,
        canReveal,
        timeline,
      };
    },
  );
}
