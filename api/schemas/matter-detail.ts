// A matter as its page reads it: the matter, its parties (masked unless revealed) and its timeline, each
// step with the unit's name and the messages it sent (letters.ts).
import { Type, type Static } from 'typebox';
import { CodeLabel, DateTime, Nullable, OpenObject } from './common.js';
import { TimelineMessage } from './letters.js';
import { MATTER_EXAMPLE, MatterView, PartyView } from './matters.js';

const TIMELINE_EXAMPLE = {
  type: 'triaged',
  label: { zh: '已分流', en: 'Routed' },
  at: '2026-03-02T09:30:05.000+08:00',
  tier: 'town',
  tierLabel: { zh: '乡镇(街道)', en: 'town/street' },
  unit: 'demo-town-a1/people-mediation-committee',
  data: { risk: 'green' },
};

export const TimelineEntry = Type.Object(
  {
    type: Type.String({ description: '事件类型 Event type', examples: ['triaged'] }),
    label: CodeLabel('事件名称 The step, for people', { zh: '已分流', en: 'Routed' }),
    at: DateTime('发生时间 When'),
    tier: Nullable(Type.String({ description: '层级 Tier' })),
    tierLabel: Nullable(CodeLabel('层级名称 Tier, for people', { zh: '乡镇(街道)', en: 'town/street' })),
    unit: Nullable(Type.String({ description: '单位 Unit' })),
    // Open: each event type carries its own data (decisions, letters, who did it).
    data: OpenObject('事件数据 Event data'),
  },
  { description: '时间线条目 One step of the timeline', examples: [TIMELINE_EXAMPLE] },
);
export type TimelineEntry = Static<typeof TimelineEntry>;

/** A timeline entry on the matter's page: with its unit's name. */
export const MatterTimelineEntry = Type.Object(
  {
    ...TimelineEntry.properties,
    unitLabel: Nullable(
      Type.String({ description: '单位名称 The unit in Chinese', examples: ['东湖街道人民调解委员会'] }),
    ),
    messages: Type.Array(TimelineMessage, { description: '该步骤发出的短信与函件及其状态 What this step sent' }),
  },
  {
    description: '时间线条目 One step of the timeline',
    examples: [{ ...TIMELINE_EXAMPLE, unitLabel: '东湖街道人民调解委员会', messages: [] }],
  },
);
export type MatterTimelineEntry = Static<typeof MatterTimelineEntry>;

export const MatterDetail = Type.Object(
  {
    ...MatterView.properties,
    regionLabel: Nullable(Type.String({ description: '属地名称 The region in Chinese', examples: ['东湖街道'] })),
    handlingUnitLabel: Nullable(
      Type.String({ description: '承办单位名称 The handling unit in Chinese', examples: ['东湖街道人民调解委员会'] }),
    ),
    parties: Type.Array(PartyView),
    revealed: Type.Boolean({ description: '个人信息已显示（本次读取已留痕）Shown unmasked; this read was audited' }),
    canReveal: Type.Boolean({ description: '本人角色可显示个人信息 Your role may unmask (?reveal=true)' }),
    timeline: Type.Array(MatterTimelineEntry, { description: '时间线 Timeline' }),
  },
  {
    description: '事项详情 Matter with parties and timeline',
    examples: [
      {
        ...MATTER_EXAMPLE,
        regionLabel: '东湖街道',
        handlingUnitLabel: '东湖街道人民调解委员会',
        parties: [],
        revealed: false,
        canReveal: true,
        timeline: [{ ...TIMELINE_EXAMPLE, unitLabel: '东湖街道人民调解委员会', messages: [] }],
      },
    ],
  },
);
export type MatterDetail = Static<typeof MatterDetail>;
