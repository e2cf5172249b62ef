// send-supervision-letter: Jinhua's "two letters and one sheet" (两函一单) to the responsible unit:
// the work reminder letter at half the time, the risk warning letter at 80%, the task assignment
// sheet when a deadline passes. Orange and red matters copy the risk supervisor on the warning and the
// sheet: the unit risk supervision named (`supervisionUnit`), else the risk table's unit at its tier
// above the matter (the county's party committee). Every letter goes to a region-qualified unit.
import type { Tier } from '../domain/index.js';
import { BadJobData, defineWorker } from './runtime.js';
import { step, unitId, STEP } from './_shared.js';

const LETTERS = new Set(['reminder-letter', 'risk-warning-letter', 'assignment-sheet']);

export const sendSupervisionLetter = defineWorker({
  type: 'send-supervision-letter',
  needs: [...STEP, 'regions'],
  create: (deps) => async (job) => {
    const v = job.variables;
    // In a department's report sub-process `department` is that department's unit; elsewhere a bare code
    // (triage's) of the handling region, whose unit `handlingUnit` already names.
    const qualify = (u: string) => (u.includes('/') ? u : unitId(v.handlingRegion ?? v.regionCode, u));
    const letter = job.headers.letter;
    if (!LETTERS.has(letter))
      throw new BadJobData(`header 'letter' must be one of ${[...LETTERS].join(', ')} (got '${letter ?? ''}')`);
    const dept = v.department as string | undefined;
    const unit = dept?.includes('/') ? dept : qualify((v.handlingUnit as string | undefined) ?? dept ?? 'centre');
    const notify = [
      {
        recipientKind: 'unit' as const,
        recipient: unit,
        template: letter,
        payload: { deadline: job.variables.deadline, element: job.elementId },
      },
    ];
    const supervisor = v.supervisor as { unit?: string; tier?: Tier } | undefined;
    // The risk table's supervisors sit at the county (older processes carry no tier: the county's).
    const above = deps.regions.has(v.regionCode)
      ? deps.regions.atTier(v.regionCode, supervisor?.tier ?? 'county')
      : null;
    const copyTo =
      (v.supervisionUnit as string | null | undefined) ??
      (supervisor?.unit ? (above ? unitId(above.code, supervisor.unit) : qualify(supervisor.unit)) : undefined);
    if (letter !== 'reminder-letter' && copyTo && job.variables.risk && job.variables.risk !== 'green') {
      notify.push({
        recipientKind: 'unit',
        recipient: copyTo,
        template: `${letter}-copy`,
        payload: { deadline: job.variables.deadline, element: job.elementId },
      });
    }
    await step(deps, job, {
      type: letter,
      unit,
      data: { deadline: job.variables.deadline, element: job.elementId },
      notify,
    });
    return {};
  },
});
