// What the intake form asks before submitting (the console's 窗口受理): the category the summary
// suggests and the duplicate hint for its parties, each what POST /api/matters would answer, through
// the same services; and the receipt (受理回执) printed after it. For the roles that take intakes.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { categoryInfo, isSensitiveCategory, labelOf, unitLabel, type Tier } from '../../domain/index.js';
import { categorySuggestion, routingOf } from '../../services/intake.js';
import { checkDuplicates } from '../../services/duplicates.js';
import { regionPath } from '../../store/regions.js';
import { matterById } from '../../store/matters.js';
import { partiesOf } from '../../store/parties.js';
import { maskName } from '../../platform/privacy.js';
import type { AppDeps } from '../app.js';
import { ApiError, notFound } from '../errors.js';
import { inJurisdiction } from '../auth.js';
import { errors, iso, MatterParams, SIGNED_IN, type Receipt } from '../schemas/index.js';
import {
  CategorySuggestion,
  CategorySuggestionQuery,
  DuplicateCheckBody,
  DuplicateCheckReply,
} from '../schemas/index.js';
import { Receipt as ReceiptSchema } from '../schemas/index.js';

export function intakeAidRoutes(
  fastify: FastifyInstance,
  deps: Pick<AppDeps, 'db' | 'regions' | 'vault' | 'clock' | 'publicBaseUrl'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The roles that may POST /api/matters.
  const intakeRoles = app.requireRole('window-clerk', 'centre-supervisor', 'administrator');

  app.get(
    '/api/intake/category-suggestion',
    {
      preHandler: intakeRoles,
      schema: {
        tags: ['intake'],
        summary: '按摘要推荐类别 Category suggested by the summary',
        description:
          '受理表单边输入边提示：未选类别时受理将按摘要用词填入此类别（仅纠纷化解与投诉举报）；无匹配为 null。' +
          ' What intake fills in when no category is given (disputes and complaints only), shown live' +
          ' while the clerk types; null when no word matches.',
        querystring: CategorySuggestionQuery,
        response: { 200: CategorySuggestion, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const code = categorySuggestion(req.query.matterType, req.query.summary);
      if (!code) return { category: null, label: null };
      const info = categoryInfo(code);
      return { category: code, label: { zh: info.zh, en: info.en } };
    },
  );

  app.post(
    '/api/intake/duplicate-check',
    {
      preHandler: intakeRoles,
      schema: {
        tags: ['intake'],
        summary: '提交前查重 Duplicate check before submitting',
        description:
          '按当事人身份证号或电话查找同一人未办结的事项，与受理时的 duplicateHint 相同：只列本人辖区内的受理编号；' +
          '每次查询留痕（查了几项、找到几件、显示哪些，不记号码）。区域须在本人辖区内。' +
          ' Open matters of the same person by ID number or phone, as intake’s duplicateHint: only codes' +
          ' within your jurisdiction; every check is audited (how many looked up, found and shown, never' +
          ' the numbers). The region must be within your jurisdiction.',
        body: DuplicateCheckBody,
        response: { 200: DuplicateCheckReply, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const { regionCode, parties } = req.body;
      if (!parties.some((p) => p.idNumber || p.phone))
        throw new ApiError(
          'VALIDATION_FAILED',
          '至少填写一名当事人的身份证号或电话 at least one ID number or phone is needed to check',
          [{ field: 'parties', message: 'at least one ID number or phone is needed' }],
        );
      if (!deps.regions.has(regionCode))
        throw new ApiError('VALIDATION_FAILED', `unknown region '${regionCode}'`, [
          { field: 'regionCode', message: 'unknown region' },
        ]);
      if (!inJurisdiction(req.user, await regionPath(deps.db, regionCode)))
        throw new ApiError('OUT_OF_JURISDICTION', `region '${regionCode}' is outside your jurisdiction`);
      const hint = await checkDuplicates(deps, req.user, regionCode, parties);
      return { duplicateHint: hint.codes, possibleDuplicateOf: hint.ids };
    },
  );

  app.get(
    '/api/intake/receipt/:id',
    {
      preHandler: intakeRoles,
      schema: {
        tags: ['intake'],
        summary: '受理回执 The receipt of a matter',
        description:
          '打印给群众的受理回执：受理编号与查询地址（同二维码）、事项类型、受理时间、承办单位与层级、下一期限、' +
          '申请人（遮盖）；无证件号与电话。敏感事项（如家庭暴力）回执可能落入他人之手：不载明类别、承办单位与当事人。' +
          '流程尚未分流时，承办去向按同一分流规则给出。辖区外的事项答 404。' +
          ' The receipt printed for the citizen: code and tracking address (as the QR code), type, received' +
          ' at, unit and tier, next deadline, the applicant masked; never ID numbers or phones. A sensitive' +
          ' matter names neither category, unit nor party. Until the process has routed it, the unit is the' +
          ' one its routing rule gives. A matter outside your jurisdiction answers 404.',
        params: MatterParams,
        response: { 200: ReceiptSchema, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req): Promise<Receipt> => {
      const m = await matterById(deps.db, req.params.id);
      if (!m || !inJurisdiction(req.user, m.regionPath)) throw notFound(`matter ${req.params.id}`);
      const sensitive = isSensitiveCategory(m.category);
      // Right after intake the process may not have routed it yet: the same rule says where it goes.
      const routing = routingOf(m, deps.regions);
      const tier = (m.handlingUnit ? m.tier : routing?.tier) as Tier | null | undefined;
      const unit = m.handlingUnit ?? routing?.unit ?? null;
      const applicant = (await partiesOf(deps.db, m.id)).find((p) => p.role === 'applicant');
      // The address the QR code holds (api/routes/track.ts): the configured public one, never a Host header's.
      const base = deps.publicBaseUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;
      return {
        id: m.id,
        trackingCode: m.trackingCode,
        trackingUrl: `${base}/track/${m.trackingCode}`,
        matterType: m.matterType as Receipt['matterType'],
        matterTypeLabel: labelOf('matterType', m.matterType),
        channelLabel: labelOf('channel', m.channel),
        categoryLabel: sensitive ? null : labelOf('category', m.category),
        receivedAt: iso(m.receivedAt),
        sensitive,
        tier: tier ?? null,
        tierLabel: labelOf('tier', tier),
        unitLabel: sensitive || !unit ? null : unitLabel(unit, deps.regions),
        online: routing?.online ?? false,
        nextDeadline: m.status === 'closed' ? null : iso(m.nextDeadline),
        applicant: sensitive || !applicant ? null : maskName(applicant.name),
      };
    },
  );
}
