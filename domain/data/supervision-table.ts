// Supervision by risk grade (风险督办): when the unit the risk table names (data/risk-table.ts
// SUPERVISION) reviews the red and orange matters of its county. Local practice, not law: each
// county sets its own review day here.
//
// Qijiang: 区委书记每次在常委会上调度"红色"风险; 区委平安办每周调度"橙色"; 各镇街部门每周调度"绿色".
// A county's standing committee commonly meets at the start of the week, the peace office holds its
// weekly dispatch meeting (调度会) at the end of it.
import type { Supervision } from './risk-table.js';

export type Cadence = Supervision['cadence'];

export interface ReviewCadence {
  /** The day of the week the review is held, ISO (1 = Monday … 5 = Friday). On a day off it is held on
   *  the next working day (顺延). */
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** Working days the supervising office has to put a new matter on the agenda: the review must fall
   *  on or after the end of this many working days after the day the item opens (that day not counted). */
  leadWorkingDays: number;
  zh: string;
  en: string;
}

export const REVIEW_CADENCES: Readonly<Record<Cadence, ReviewCadence>> = {
  'standing-committee': {
    weekday: 1,
    leadWorkingDays: 1,
    zh: '县(区)委常委会(每周第一个工作日)调度',
    en: "the county party committee's standing committee (first working day of the week)",
  },
  weekly: {
    weekday: 5,
    leadWorkingDays: 1,
    zh: '县(区)委平安办每周调度会(周五)',
    en: "the peace office's weekly dispatch meeting (Friday)",
  },
};
