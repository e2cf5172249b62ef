// Supervision by risk grade (风险督办): the supervision items of a jurisdiction as leaders read them.
// Each item is a task of the inbox (element Task_Supervise) with the name of the unit it presses.
import { Type, type Static } from 'typebox';
import { Limit, Nullable, Offset, RegionFilter, StringEnum } from './common.js';
import { TaskView } from './tasks.js';

export const SupervisionQuery = Type.Object(
  {
    region: Type.Optional(RegionFilter),
    state: Type.Optional(
      StringEnum(['open', 'completed', 'gone', 'all'] as const, {
        default: 'open',
        description:
          '待督办 / 已督办 / 已随事项办结销号 / 全部 Open, done by the supervising unit, closed with the matter, all',
      }),
    ),
    level: Type.Optional(
      StringEnum(['red', 'orange'] as const, {
        description:
          '红色（县(区)委常委会调度）或橙色（平安办每周调度）Red (standing committee) or orange (peace office)',
      }),
    ),
    limit: Type.Optional(Limit(200, 50)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type SupervisionQuery = Static<typeof SupervisionQuery>;

const EXAMPLE = {
  ...((TaskView as { examples?: Record<string, unknown>[] }).examples?.[0] ?? {}),
  elementId: 'Task_Supervise',
  name: '风险督办 Supervise by risk grade',
  formKey: 'supervision',
  candidateGroups: ['demo-county-a/county-party-committee'],
  riskLevel: 'red',
  unitLabel: '明江区委',
};

export const SupervisionItem = Type.Object(
  {
    ...TaskView.properties,
    unitLabel: Nullable(
      Type.String({ description: '督办单位 The unit that presses the matter', examples: ['明江区委'] }),
    ),
  },
  { description: '督办事项 A supervision item', examples: [EXAMPLE] },
);
export type SupervisionItem = Static<typeof SupervisionItem>;

export const SupervisionList = Type.Object(
  {
    total: Type.Integer({ description: '总数 Total' }),
    items: Type.Array(SupervisionItem),
  },
  { description: '督办事项 Supervision items', examples: [{ total: 1, items: [EXAMPLE] }] },
);
export type SupervisionList = Static<typeof SupervisionList>;
