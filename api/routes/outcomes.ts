// Outcomes staff record for a matter (services/outcomes.ts): withdrawal, the non-litigation route's
// result, the court's outcome, judicial confirmation, fulfilment of the agreement, the citizen's
// answer; and what a matter awaits now. Thin: the service checks, delivers, records and audits.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteDeps } from '../app.js';
import { awaitedOutcomes, recordOutcome } from '../../services/outcomes.js';
import { OUTCOME_CODES, OUTCOME_DELIVERY, whoMayRecord, type OutcomeKind } from '../../domain/index.js';
import { AwaitedOutcomes, CitizenAnswerBody, OutcomeBody, OutcomeReply } from '../schemas/outcomes.js';
import { MatterParams, errors, SIGNED_IN } from '../schemas/index.js';
import { MATTER_READERS } from '../matter-access.js';

type CodedKind = Exclude<OutcomeKind, 'citizen-answer'>;

const SUMMARY: Record<OutcomeKind, string> = {
  withdrawal: '登记撤回 Record a withdrawal',
  'non-litigation': '登记仲裁/复议/商事调解结果 Record the non-litigation outcome',
  court: '登记法院结果 Record the court outcome',
  'judicial-confirmation': '登记司法确认结果 Record the judicial confirmation',
  fulfilment: '登记协议履行情况 Record fulfilment of the agreement',
  'citizen-answer': '登记当事人答复 Record the citizen’s answer',
};
const WHEN: Record<OutcomeKind, string> = {
  withdrawal: '流程任何阶段（办结前）均可撤回，事项以“撤回”结案并回访。 Any time before closing; closes as withdrawn.',
  'non-litigation':
    '事项已引导至仲裁、复议或商事调解并等待结果时：已解决以“转出”结案，未解决转法院。' +
    ' While the referred route’s result is awaited: resolved closes as referred, otherwise on to court.',
  court:
    '事项已移送法院并等待结果时：诉前调解成功以“化解”结案，其余以“诉讼”结案。' +
    ' While the court’s outcome is awaited: pre-filing settlement closes as resolved, the rest as litigated.',
  'judicial-confirmation':
    '已申请司法确认并等待法院裁定时；之后进入履行期。 While the court’s ruling is awaited; then the fulfilment period.',
  fulfilment:
    '履行期届满、履行核查任务打开时（与待办中完成该任务相同）：已履行以“化解”结案，未履行移送法院执行。' +
    ' Once the fulfilment check is open (as completing it in the inbox): fulfilled closes as resolved,' +
    ' unfulfilled goes to court enforcement.',
  'citizen-answer':
    '有“补充材料”请求未获答复时；记入时间线并通知提问人（流程不等待此答复）。' +
    ' While a question to the citizen is unanswered; recorded and the asker told (no model waits for it).',
};

function describe(kind: OutcomeKind): string {
  const d = OUTCOME_DELIVERY[kind];
  const how = d.message
    ? `以消息 ${d.message}（关联键为受理编号）交给流程。 Delivered as message ${d.message} (correlated on the tracking code).`
    : d.elementId
      ? `完成流程的用户任务 ${d.elementId}。 Completes the user task ${d.elementId}.`
      : '';
  return (
    `${WHEN[kind]} ${how} ${whoMayRecord(kind)}.` +
    ' 流程未在等待时答 409 OUTCOME_NOT_AWAITED，不记录也不发送；同一请求重复提交只发送一次（replayed=true）。' +
    ' 409 OUTCOME_NOT_AWAITED when the process does not wait for it (nothing recorded or sent);' +
    ' a repeated request is delivered once and answers with the first record (replayed: true).'
  );
}

export function outcomeRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'engine' | 'clock'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Signed in, any role: each outcome checks its own roles and says which may act.
  const signedIn = app.requireRole();
  const response = { 200: OutcomeReply, ...errors(...SIGNED_IN, 404, 409, 503) };

  for (const kind of Object.keys(OUTCOME_CODES) as CodedKind[]) {
    app.post(
      `/api/matters/:id/outcomes/${kind}`,
      {
        preHandler: signedIn,
        schema: {
          tags: ['outcomes'],
          summary: SUMMARY[kind],
          description: describe(kind),
          params: MatterParams,
          body: OutcomeBody(kind),
          response,
        },
      },
      async (req) => {
        const { outcome, note, reference } = req.body as OutcomeBody;
        return recordOutcome(deps, req.user, req.params.id, kind, { code: outcome, note, reference });
      },
    );
  }

  app.post(
    '/api/matters/:id/outcomes/citizen-answer',
    {
      preHandler: signedIn,
      schema: {
        tags: ['outcomes'],
        summary: SUMMARY['citizen-answer'],
        description: describe('citizen-answer'),
        params: MatterParams,
        body: CitizenAnswerBody,
        response,
      },
    },
    async (req) =>
      recordOutcome(deps, req.user, req.params.id, 'citizen-answer', { answer: req.body.answer, note: req.body.note }),
  );

  app.get(
    '/api/matters/:id/outcomes',
    {
      // The matter's readers (leaders too: their page shows what it waits for, though they record nothing).
      preHandler: app.requireRole(...MATTER_READERS),
      schema: {
        tags: ['outcomes'],
        summary: '事项等待的结果 What the matter awaits',
        description:
          '流程此刻等待哪些结果、向哪里登记、谁可登记、可选代码（中英文）；无需阅读流程模型。' +
          ' Which outcomes the process waits for now, where to record each, who may, and the codes with labels.',
        params: MatterParams,
        response: { 200: AwaitedOutcomes, ...errors(...SIGNED_IN, 404, 503) },
      },
    },
    async (req) => {
      const { m, awaiting } = await awaitedOutcomes(deps, req.user, req.params.id);
      return {
        matterId: m.id,
        trackingCode: m.trackingCode,
        awaiting: awaiting.map((kind) => ({
          kind,
          label: OUTCOME_DELIVERY[kind].label,
          labelEn: OUTCOME_DELIVERY[kind].labelEn,
          path: `/api/matters/${m.id}/outcomes/${kind}`,
          roles: [...OUTCOME_DELIVERY[kind].roles],
          codes:
            kind === 'citizen-answer'
              ? []
              : OUTCOME_CODES[kind].map(({ code, label, labelEn }) => ({ code, label, labelEn })),
        })),
      };
    },
  );
}
