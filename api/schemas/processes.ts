// Processes: what is deployed, which region runs which variant, and uploading a variant.
import { Type, type Static } from 'typebox';
import { Nullable, OpenObject, RegionCode, StringEnum } from './common.js';

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
        regionName: Type.Optional(Type.String({ description: '区域名称 Region name' })),
        version: Type.Optional(
          Nullable(
            Type.Integer({ description: '受理时启动的版本（空 = 最新）The version intake starts (null: latest)' }),
          ),
        ),
        inJurisdiction: Type.Optional(Type.Boolean({ description: '在本人辖区内 Within your jurisdiction' })),
      }),
      { description: '区域变体（区域 → 流程@版本）Regional variants: region → process@version' },
    ),
    basePin: Type.Optional(
      Nullable(Type.Integer({ description: '基础流程受理时启动的版本 The version of the base process intake starts' })),
    ),
    regions: Type.Optional(
      Type.Array(
        Type.Object({
          code: Type.String(),
          name: Type.String(),
          tier: Type.String({ description: '层级 Tier' }),
        }),
        { description: '本人辖区内的区域（可设变体）Regions in your jurisdiction (may get a variant)' },
      ),
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
    forms: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ description: '文件名（<表单 id>.form）File name', examples: ['mediate.form'] }),
            // Unknown, not an object schema: the route checks it and names the field that is wrong.
            schema: Type.Unknown({ description: 'Camunda 表单 JSON（id、components）The form-js schema' }),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 50,
          description: '与模型同一次部署的表单（任一有误则都不部署）Forms deployed with the model, all or nothing',
        },
      ),
    ),
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
    forms: Type.Optional(
      Type.Array(Type.Object({ formId: Type.String(), version: Type.Integer(), formKey: Type.String() }), {
        description: '随模型部署的表单 Forms deployed with the model',
      }),
    ),
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

export const ProcessXmlParams = Type.Object({
  processId: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9._-]{0,99}$', description: '流程 Process id' }),
});
export const ProcessXmlQuery = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1, description: '版本（默认最新）Version (default: latest)' })),
    download: Type.Optional(Type.Boolean({ description: '作为附件下载 As an attachment (Content-Disposition)' })),
  },
  { additionalProperties: false },
);

export const RollbackBody = Type.Object(
  {
    regionCode: RegionCode,
    version: Type.Integer({ minimum: 1, description: '改用的已部署版本 The deployed version to map' }),
    reason: Type.Optional(Type.String({ maxLength: 500, description: '原因 Reason' })),
  },
  { additionalProperties: false },
);
export type RollbackBody = Static<typeof RollbackBody>;

export const RollbackReply = Type.Object(
  {
    regionCode: Type.String(),
    processId: Type.String(),
    version: Type.Integer({ description: '现在受理启动的版本 The version intake now starts' }),
    previousVersion: Nullable(Type.Integer({ description: '此前的版本 The version before' })),
  },
  {
    description: '已改用该版本 Mapped to that version',
    examples: [
      { regionCode: 'demo-county-a', processId: 'dispute-resolution-county-a', version: 1, previousVersion: 2 },
    ],
  },
);
export type RollbackReply = Static<typeof RollbackReply>;

export const LintConfigReply = Type.Object(
  {
    config: OpenObject('服务器的 .bpmnlintrc The server’s lint configuration'),
    workerTypes: Type.Array(Type.String(), { description: '有 worker 的任务类型 Job types served by a worker' }),
    engine: Type.Object({
      supported: Type.Array(Type.String(), { description: '引擎可运行的元素类型 Element types the engine runs' }),
      ignored: Type.Array(Type.String(), { description: '引擎忽略的元素类型 Element types it skips' }),
    }),
  },
  {
    description: '浏览器端检查所需 What the browser lint needs from the server',
    examples: [
      {
        config: { extends: ['bpmnlint:recommended', 'plugin:gc/recommended'] },
        workerTypes: ['handoff-litigation'],
        engine: { supported: ['bpmn:UserTask'], ignored: ['bpmn:DataObject'] },
      },
    ],
  },
);
export type LintConfigReply = Static<typeof LintConfigReply>;

const FormSummary = Type.Object({
  formId: Type.String({ description: '表单 id Form id', examples: ['mediate'] }),
  version: Type.Integer({ description: '最新版本 Latest deployed version' }),
  formKey: Type.String({ description: '引擎给的键 Key the engine gave it' }),
  title: Type.String({ description: '标题（表单首行文字）Title, from the form’s heading' }),
  fields: Type.Integer({ description: '字段数 Number of input fields' }),
});

export const FormList = Type.Object(
  { forms: Type.Array(FormSummary) },
  {
    description: '已部署的表单 Deployed forms',
    examples: [{ forms: [{ formId: 'mediate', version: 1, formKey: '2251799813685249', title: '调解', fields: 4 }] }],
  },
);
export type FormList = Static<typeof FormList>;

export const FormParams = Type.Object({
  formId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$', description: '表单 id Form id' }),
});

export const FormDetail = Type.Object(
  {
    formId: Type.String(),
    version: Type.Integer({ description: '最新版本 Latest version' }),
    formKey: Type.String(),
    schema: OpenObject('Camunda 表单 JSON The form-js schema'),
  },
  {
    description: '表单的最新版本 The form’s latest version',
    examples: [
      {
        formId: 'mediate',
        version: 1,
        formKey: '2251799813685249',
        schema: { id: 'mediate', type: 'default', components: [{ type: 'textfield', key: 'note', label: '备注' }] },
      },
    ],
  },
);
export type FormDetail = Static<typeof FormDetail>;
