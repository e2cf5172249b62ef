// send-supervision-letter: Jinhua's "two letters and one sheet" (两函一单) to the responsible unit:
// the work reminder letter at half the time, the risk warning letter at 80%, the task assignment
// sheet when a deadline passes. Orange and red matters copy the risk supervisor on the warning and the
// sheet: the county's unit triage named (`supervisionUnit`), else the risk table's bare unit.
import { BadJobData, defineWorker } from './runtime.js';
import { step, STEP } from './_shared.js';

const LETTERS = new Set(['reminder-letter', 'risk-warning-letter', 'assignment-sheet']);

export const sendSupervisionLetter = defineWorker({
  type: 'send-supervision-letter',
  needs: STEP,
  create: (deps) => async (job) => {
    const letter = job.headers.letter;
    if (!LETTERS.has(letter))
      throw new BadJobData(`header 'letter' must be one of ${[...LETTERS].join(', ')} (got '${letter ?? ''}')`);
    const unit =
      (job.variables.department as string | undefined) ??
      (job.variables.handlingUnit as string | undefined) ??
      'centre';
    const notify = [
      {
        recipientKind: 'unit' as const,
        recipient: unit,
        template: letter,
        payload: { deadline: job.variables.deadline, element: job.elementId },
      },
    ];
    const supervisor = job.variables.supervisor as { unit?: string } | undefined;
    const copyTo = (job.variables.supervisionUnit as string | null | undefined) ?? supervisor?.unit;
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
