// summon-departments: the county centre "blows the whistle" (吹哨) and the departments the case needs
// "report" (报到). Each department becomes one instance of the report sub-process, with its own deadline.
import { jointMediationDepartments, isDepartment } from '../domain/index.js';
import { defineWorker } from './runtime.js';
import { step, requireVar, unitId, STEP } from './_shared.js';

export const summonDepartments = defineWorker({
  type: 'summon-departments',
  needs: STEP,
  create: (deps) => async (job) => {
    const region = requireVar<string>(job, 'handlingRegion');
    const dept = job.variables.department;
    const codes = jointMediationDepartments(job.variables.category ?? 'other', {
      ...(job.variables.facts ?? {}),
      ...(isDepartment(dept) ? { department: dept } : {}),
    });
    const departments = codes.map((c) => unitId(region, c));
    const out = await step(deps, job, {
      type: 'departments-summoned',
      data: { departments },
      output: { departments },
      notify: departments.map((d) => ({
        recipientKind: 'unit' as const,
        recipient: d,
        template: 'summons',
        payload: { trackingCode: job.variables.trackingCode },
      })),
    });
    return { variables: out };
  },
});
