// Processes: what is deployed, which region runs which variant, and uploading a variant.
import { Type, type Static } from 'typebox';
import { Nullable, StringEnum } from './common.js';

export const ProcessList = Type.Object(
  {
    base: Type.String({ description: '基础流程 The base process id', examples: ['dispute-resolution'] }),
    processes: Type.Array(
      Type.Object({
        bpmnProcessId: Type.String({ description: '流程 Process id' }),
        versions: Type.Array(Type.Integer(), { description: '已部署版本 Deployed versions' }),
        latestKey: Type.String({ description: '最新版本的定义键 Key of the latest version' }),
      }),
    ),
    variants: Type.Array(
      Type.Object({
        regionCode: Type.String({ description: '区域 Region' }),
        processId: Type.String({ description: '该区域使用的流程 The process it runs' }),
      }),
      { description: '区域变体 Regional variants' },
    ),
  },
  {
    description: '流程与变体 Processes and variants',
    examples: [
      {
        base: 'dispute-resolution',
        processes: [{ bpmnProcessId: 'dispute-resolution', versions: [1, 2], latestKey: '2251799813685251' }],
        variants: [{ regionCode: 'demo-island-county', processId: 'dispute-resolution-island' }],
      },
    ],
  },
);
export type ProcessList = Static<typeof ProcessList>;

export const DeployBody = Type.Object(
  {
    name: Type.String({
      pattern: '^[A-Za-z0-9._-]{1,100}\\.bpmn$',
      description: '文件名 File name',
      examples: ['dispute-resolution-island.bpmn'],
    }),
    xml: Type.String({ minLength: 1, maxLength: 4_000_000, description: 'BPMN XML' }),
    regionCode: Type.Optional(Type.String({ maxLength: 64, description: '使用该变体的区域 Region to map' })),
  },
  { additionalProperties: false },
);
export type DeployBody = Static<typeof DeployBody>;

export const LintFinding = Type.Object({
  rule: Type.String({ description: '规则 Rule', examples: ['gc/mediation-before-litigation'] }),
  id: Type.String({ description: '元素（空 = 整个文档）Element id, empty for the document' }),
  message: Type.String({ description: '说明 Message' }),
  category: StringEnum(['error', 'warn'] as const),
});

export const DeployReply = Type.Object(
  {
    processes: Type.Array(
      Type.Object({
        bpmnProcessId: Type.String(),
        version: Type.Integer(),
        key: Type.String({ description: '定义键 Process definition key' }),
      }),
    ),
    regionCode: Nullable(Type.String({ description: '映射的区域 Region mapped' })),
    warnings: Type.Array(LintFinding, { description: '检查警告 Lint warnings' }),
  },
  {
    description: '已部署 Deployed',
    examples: [
      {
        processes: [{ bpmnProcessId: 'dispute-resolution-island', version: 1, key: '2251799813685251' }],
        regionCode: 'demo-island-county',
        warnings: [],
      },
    ],
  },
);
export type DeployReply = Static<typeof DeployReply>;
