// The designer's forms (issue 14): the deployed forms and their JSON for the form-js editor, and the
// checks on forms sent with a model to 部署 — each one valid, every form a user task links present,
// and a form the shared models link replaced only by a designer whose jurisdiction is the whole tree
// (a user task links the latest version of a form by id, so a new version reaches every process).
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Knex } from 'knex';
import { FormDetail, FormList, FormParams, errors } from '../schemas/index.js';
import { latestForm, latestForms, saveForm } from '../../store/forms.js';
import { formIdsOf, formProblems, type FormComponent } from '../../services/forms.js';
import { BASE_PROCESS, BPMN_DIR, modelResources, regionsAffectedOutside } from '../../services/processes.js';
import type { DeployedForm } from '../../services/processes.js';
import { ApiError } from '../errors.js';
import type { RouteDeps } from '../app.js';

/** Form ids linked by the shipped shared models (the base flow and what it calls). */
const SHARED_FORM_IDS = new Set(
  modelResources()
    .filter((r) => r.kind === 'process' && r.file.startsWith(BPMN_DIR) && !r.file.includes('/variants/'))
    .flatMap((r) => formIdsOf(fs.readFileSync(r.file, 'utf8'))),
);

const BASE_ONLY = new Set([BASE_PROCESS]);

const inputs = (cs: FormComponent[] = []): number =>
  cs.reduce((n, c) => n + (c.components ? inputs(c.components) : c.key && c.type !== 'text' ? 1 : 0), 0);

function titleOf(schema: { components?: { type: string; text?: string }[] }): string {
  const text = schema.components?.find((c) => c.type === 'text' && c.text)?.text ?? '';
  return text
    .split('\n')[0]
    .replace(/^#+\s*/, '')
    .trim();
}

export interface IncludedForm {
  name: string;
  schema: unknown;
}

/**
 * Checks the forms sent with a model (400 naming the field, 403 for a shared form outside the
 * caller's reach) and that every form the model links is deployed or included (400 naming it).
 */
export async function checkDeployForms(
  deps: Pick<RouteDeps, 'db' | 'regions' | 'variants'>,
  user: { regionPath: string },
  xml: string,
  forms: IncludedForm[],
): Promise<void> {
  const problems = formProblems(forms);
  if (problems.length)
    throw new ApiError(
      'VALIDATION_FAILED',
      `${problems.map((p) => p.message).join('; ')}; nothing was deployed`,
      problems,
    );
  const included = new Set(forms.map((f) => (f.schema as { id: string }).id));
  const deployed = new Set((await latestForms(deps.db)).map((f) => f.formId));
  const missing = formIdsOf(xml).filter((id) => !included.has(id) && !deployed.has(id));
  if (missing.length)
    throw new ApiError(
      'VALIDATION_FAILED',
      `the model links form${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} ` +
        'that is neither deployed nor included in forms; nothing was deployed',
      missing.map((m) => ({ field: 'xml', formId: m, message: `form '${m}' not found` })),
    );
  const shared = [...included].filter((id) => SHARED_FORM_IDS.has(id));
  if (shared.length) {
    // With the base id marked shared, this is every region outside the caller's reach.
    const reach = regionsAffectedOutside(BASE_PROCESS, user.regionPath, deps.regions, deps.variants, BASE_ONLY);
    if (reach.length)
      throw new ApiError(
        'OUT_OF_JURISDICTION',
        `form ${shared.map((s) => `'${s}'`).join(', ')} is used by the shared models everywhere: ` +
          'save your edited form under a form id of its own and link that id in your variant',
      );
  }
}

/** Keeps the schemas of the forms just deployed (as recordForms does at start) for the inbox. */
export async function recordIncludedForms(db: Knex, deployed: DeployedForm[], forms: IncludedForm[]) {
  for (const d of deployed) {
    const f = forms.find((x) => (x.schema as { id: string }).id === d.formId);
    if (f) await saveForm(db, { ...d, schema: f.schema });
  }
}

export function processFormRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/processes/forms',
    {
      preHandler: app.requireRole('process-designer', 'administrator'),
      schema: {
        tags: ['processes'],
        summary: '已部署的表单 Deployed forms',
        description:
          '每个表单的最新版本（用户任务按 id 使用最新版本）。 The latest version of every deployed form (a user' +
          ' task links the latest version of its form id).',
        response: { 200: FormList, ...errors(401, 403, 429, 500) },
      },
    },
    async () => ({
      forms: (await latestForms(deps.db)).map((f) => ({
        formId: f.formId,
        version: f.version,
        formKey: f.formKey,
        title: titleOf(f.schema as Parameters<typeof titleOf>[0]) || f.formId,
        fields: inputs(f.schema.components as FormComponent[] | undefined),
      })),
    }),
  );
  app.get(
    '/api/processes/forms/:formId',
    {
      preHandler: app.requireRole('process-designer', 'administrator'),
      schema: {
        tags: ['processes'],
        summary: '表单 JSON A form’s JSON',
        description: '表单最新版本的 JSON（供 form-js 编辑器打开）。 The latest version’s JSON, for the form editor.',
        params: FormParams,
        response: { 200: FormDetail, ...errors(400, 401, 403, 404, 429, 500) },
      },
    },
    async (req) => {
      const f = await latestForm(deps.db, req.params.formId);
      if (!f) throw new ApiError('NOT_FOUND', `no deployed form '${req.params.formId}'`);
      return f;
    },
  );
}
