// Outcomes staff record for a matter's process: one body per kind (its codes as an enum, each code's
// Chinese and English label in the description), the answer, and what a matter awaits now.
import { Type, type Static } from 'typebox';
import { OUTCOME_CODES, OUTCOME_KINDS, ROLES, codeList, codesOf, type OutcomeKind } from '../../domain/index.js';
import { DateTime, Nullable, OpenObject, StringEnum, TrackingCode } from './common.js';

type CodedKind = Exclude<OutcomeKind, 'citizen-answer'>;

const WHAT: Record<CodedKind, string> = {
  withdrawal: '撤回原因 Why the matter is withdrawn',
  'non-litigation':
    '仲裁、复议或商事调解的结果（须与引导的途径一致）The route’s result (must fit the route referred to)',
  court:
    '法院结果（执行类结果仅用于执行移送）The court’s outcome (enforcement codes only after an enforcement hand-off)',
  'judicial-confirmation': '法院对司法确认申请的裁定 The court’s ruling on judicial confirmation',
  fulfilment: '调解协议履行情况 Whether the agreement was fulfilled',
};
const EXAMPLE: Record<CodedKind, string> = {
  withdrawal: 'settled-privately',
  'non-litigation': 'arbitration-award-accepted',
  court: 'judgment',
  'judicial-confirmation': 'confirmed',
  fulfilment: 'fulfilled',
};

const Note = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: '说明（可选；“其他”撤回原因必填）Note; required with withdrawal reason other',
  examples: ['双方已于3月2日自行达成还款协议'],
});
const Reference = Type.String({
  minLength: 1,
  maxLength: 100,
  description: '文书编号（裁决书、判决书、裁定书等）Number of the document, e.g. the judgment',
  examples: ['(2026)浙0203民初1234号'],
});

/** The body for recording an outcome of `kind`: `outcome` is one of its codes. */
export const OutcomeBody = (kind: CodedKind) =>
  Type.Object(
    {
      outcome: StringEnum(codesOf(kind) as [string, ...string[]], {
        description: `${WHAT[kind]}：\n${codeList(kind)}`,
        examples: [EXAMPLE[kind]],
      }),
      note: Type.Optional(Note),
      reference: Type.Optional(Reference),
    },
    { additionalProperties: false, examples: [{ outcome: EXAMPLE[kind] }] },
  );
export type OutcomeBody = Static<ReturnType<typeof OutcomeBody>>;

export const CitizenAnswerBody = Type.Object(
  {
    answer: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: '当事人对补充材料请求的答复 The citizen’s answer to the question asked',
      examples: ['已提交物业出具的漏水证明两份'],
    }),
    note: Type.Optional(Note),
  },
  { additionalProperties: false, examples: [{ answer: '已提交物业出具的漏水证明两份' }] },
);
export type CitizenAnswerBody = Static<typeof CitizenAnswerBody>;

const Kind = StringEnum(OUTCOME_KINDS, {
  description:
    '结果类别 Kind: withdrawal 撤回, non-litigation 仲裁/复议/商事调解, court 法院结果,' +
    ' judicial-confirmation 司法确认, fulfilment 履行情况, citizen-answer 当事人答复',
});

export const OutcomeReply = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    kind: Kind,
    code: Nullable(Type.String({ description: '结果代码（当事人答复无）The code; none for an answer' })),
    label: Nullable(Type.String({ description: '结果（中文）The code in Chinese' })),
    labelEn: Nullable(Type.String({ description: '结果（英文）The code in English' })),
    delivered: Type.Object(
      {
        as: StringEnum(['message', 'task', 'timeline'] as const, {
          description: '如何交给流程：消息、完成用户任务、仅记入时间线 How the process got it',
        }),
        name: Nullable(Type.String({ description: '消息名或任务节点 Message name or user task element' })),
        id: Nullable(Type.String({ description: '消息 ID 或任务 Message id (idempotency) or job key' })),
        // Open: the process variables sent, exactly the ones the model reads.
        variables: OpenObject('交给流程的变量 Variables given to the process', [{ courtOutcome: 'judgment' }]),
      },
      { description: '交付 Delivery' },
    ),
    recordedAt: DateTime('记录时间 When it was recorded'),
    recordedBy: Type.String({ description: '记录人 Who recorded it' }),
    replayed: Type.Boolean({
      description: '重复请求，答复首次记录，未再发送 A repeat: the first record, nothing sent',
    }),
  },
  {
    description: '已记录并交给流程 Recorded and given to the process',
    examples: [
      {
        matterId: '42',
        trackingCode: 'GC-2603-0001-7K3QX',
        kind: 'court',
        code: 'judgment',
        label: '判决',
        labelEn: 'Judgment',
        delivered: {
          as: 'message',
          name: 'court-outcome',
          id: 'court:42:2251799813685321',
          variables: { courtOutcome: 'judgment' },
        },
        recordedAt: '2026-03-02T09:30:00.000+08:00',
        recordedBy: 'court-liaison',
        replayed: false,
      },
    ],
  },
);
export type OutcomeReply = Static<typeof OutcomeReply>;

const Code = Type.Object({
  code: Type.String({ description: '代码 Code' }),
  label: Type.String({ description: '中文 Chinese label' }),
  labelEn: Type.String({ description: 'English label' }),
});

export const AwaitedOutcomes = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    trackingCode: TrackingCode,
    awaiting: Type.Array(
      Type.Object({
        kind: Kind,
        label: Type.String({ description: '中文 Chinese' }),
        labelEn: Type.String({ description: 'English' }),
        path: Type.String({ description: '登记接口 Where to POST it' }),
        roles: Type.Array(StringEnum(ROLES), { description: '可登记的角色 Roles that may record it' }),
        codes: Type.Array(Code, { description: '可选结果（当事人答复无）Codes; none for an answer' }),
      }),
      { description: '流程此刻等待的结果 What the process waits for now' },
    ),
  },
  {
    description: '事项等待的结果 Outcomes the matter awaits',
    examples: [
      {
        matterId: '42',
        trackingCode: 'GC-2603-0001-7K3QX',
        awaiting: [
          {
            kind: 'withdrawal',
            label: '撤回',
            labelEn: 'withdrawal',
            path: '/api/matters/42/outcomes/withdrawal',
            roles: ['window-clerk', 'mediator', 'centre-supervisor', 'administrator'],
            codes: OUTCOME_CODES.withdrawal.map(({ code, label, labelEn }) => ({ code, label, labelEn })),
          },
        ],
      },
    ],
  },
);
export type AwaitedOutcomes = Static<typeof AwaitedOutcomes>;
