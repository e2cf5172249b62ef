// Processes: what is deployed (from the Operate API) and which region uses which variant; uploading a
// variant lints it with the policy rules first — a failing lint deploys nothing and returns the findings.
import type { FastifyInstance } from 'fastify';
import { lintBpmn } from '../../bpmn/lint/index.js';
import { BASE_PROCESS, processIdsOf, regionsAffectedOutside, sharedProcessIds } from '../../services/processes.js';

const SHARED_IDS = sharedProcessIds();
import { storedVariants, mapVariant, withPinLock } from '../../store/variants.js';
import { audit } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { inJurisdiction } from '../auth.js';
import { regionPath } from '../../store/regions.js';
import type { RouteDeps } from '../app.js';
import { isEngineError } from '../../engine-client/index.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DeployBody, DeployReply, ProcessList, errors } from '../schemas/index.js';
import { processModelRoutes } from './process-models.js';
import { checkDeployForms, processFormRoutes, recordIncludedForms } from './process-forms.js';

export function processRoutes(
  fastify: FastifyInstance,
  deps: Pick<RouteDeps, 'db' | 'engine' | 'regions' | 'variants' | 'clock' | 'pins'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The designer's XML, rollback and browser-lint calls (a file of their own, registered with these).
  processModelRoutes(fastify, deps);
  // The forms edited in the designer: listed and opened there, checked and deployed with the model.
  processFormRoutes(fastify, deps);
  app.get(
    '/api/processes',
    {
      preHandler: app.requireRole('process-designer', 'administrator', 'centre-supervisor'),
      schema: {
        tags: ['processes'],
        summary: '流程与变体 Deployed processes and regional variants',
        description:
          '引擎中已部署的流程及版本（经 Operate API），以及各区域使用的变体。' +
          ' The processes deployed in the engine with their versions (from the Operate API), and which region' +
          ' runs which variant.',
        // No input, so no 400: only the session, the role, the rate limit and the engine can refuse.
        response: { 200: ProcessList, ...errors(401, 403, 429, 500, 503) },
      },
    },
    async (req) => {
      let definitions: { bpmnProcessId: string; version: number; key: string }[] = [];
      if (deps.engine.operate) {
        const items = await deps.engine.operate
          .search<{ bpmnProcessId: string; version: number; key: string }>('process-definitions', {}, 1000)
          .catch(() => {
            throw new ApiError('ENGINE_UNAVAILABLE', 'the Operate API did not answer');
          });
        definitions = items.map((d) => ({
          bpmnProcessId: d.bpmnProcessId,
          version: d.version,
          key: String(d.key),
        }));
      }
      const latest = new Map<string, { bpmnProcessId: string; versions: number[]; latestKey: string }>();
      for (const d of definitions.sort((a, b) => a.version - b.version)) {
        const e = latest.get(d.bpmnProcessId) ?? { bpmnProcessId: d.bpmnProcessId, versions: [], latestKey: d.key };
        e.versions.push(d.version);
        e.latestKey = d.key;
        latest.set(d.bpmnProcessId, e);
      }
      const mapping = { ...deps.variants, ...(await storedVariants(deps.db)) };
      // The region map with the pinned versions (what the next intake starts), and the regions the
      // caller may give a variant (the designer's page offers them).
      const inside = (code: string) => deps.regions.has(code) && inJurisdiction(req.user, deps.regions.path(code));
      return {
        base: BASE_PROCESS,
        basePin: deps.pins?.get(BASE_PROCESS) ?? null,
        processes: [...latest.values()],
        variants: Object.entries(mapping).map(([regionCode, processId]) => ({
          regionCode,
          processId,
          regionName: deps.regions.has(regionCode) ? deps.regions.get(regionCode).name : regionCode,
          version: deps.pins?.get(processId) ?? null,
          inJurisdiction: inside(regionCode),
        })),
        regions: deps.regions
          .all()
          .filter((r) => inside(r.code))
          .map((r) => ({ code: r.code, name: r.name, tier: r.tier })),
      };
    },
  );

  app.post(
    '/api/processes',
    {
      preHandler: app.requireRole('process-designer', 'administrator'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['processes'],
        summary: '上传变体（先检查）Upload a variant (linted first)',
        description:
          '先按 bpmnlint 与本系统规则检查，有错误则不部署并在 details 中返回全部问题；通过后部署，' +
          '给出 regionCode 时把该区域映射到新流程；forms 中的表单与模型同一次部署（任一有误都不部署）。' +
          ' Lints the model first (bpmnlint and our policy): any error' +
          ' deploys nothing and details lists the findings; else deploys it and, with regionCode, maps the region;' +
          ' the forms in `forms` go in the same deployment (one bad resource deploys nothing).',
        body: DeployBody,
        response: { 201: DeployReply, ...errors(400, 401, 403, 413, 429, 500, 503) },
      },
    },
    async (req, reply) => {
      const { name, xml, regionCode } = req.body;
      const forms = req.body.forms ?? [];
      if (regionCode) {
        if (!deps.regions.has(regionCode)) throw new ApiError('VALIDATION_FAILED', `unknown region '${regionCode}'`);
        if (!inJurisdiction(req.user, await regionPath(deps.db, regionCode)))
          throw new ApiError('OUT_OF_JURISDICTION', `region '${regionCode}' is outside your jurisdiction`);
      }
      // Never replace a process that runs outside the designer's jurisdiction (a town replacing the
      // city-wide flow): a variant is deployed under a process id of its own.
      for (const id of processIdsOf(xml)) {
        const affected = regionsAffectedOutside(id, req.user.regionPath, deps.regions, deps.variants, SHARED_IDS);
        if (affected.length)
          throw new ApiError(
            'OUT_OF_JURISDICTION',
            `process '${id}' also runs outside your jurisdiction (${affected.slice(0, 5).join(', ')}` +
              `${affected.length > 5 ? ', …' : ''}): deploy your variant under a process id of its own`,
          );
      }
      const findings = await lintBpmn(xml);
      const errors = findings.filter((f) => f.category === 'error');
      if (errors.length)
        throw new ApiError(
          'VALIDATION_FAILED',
          `the model fails the policy lint (${errors.length} error${errors.length > 1 ? 's' : ''}); ` +
            'nothing was deployed',
          findings,
        );
      await checkDeployForms(deps, req.user, xml, forms);
      let deployed;
      try {
        deployed = await deps.engine.deploy([
          ...forms.map((f) => ({ kind: 'form' as const, name: f.name, content: JSON.stringify(f.schema, null, 2) })),
          { kind: 'process', name, content: xml },
        ]);
      } catch (err) {
        if (!isEngineError(err, 'invalid-argument'))
          throw new ApiError('ENGINE_UNAVAILABLE', 'the engine did not take the deployment; try again');
        throw new ApiError('VALIDATION_FAILED', `the engine refused the model: ${err.message}`);
      }
      const processes = deployed.processes.map((p) => ({
        bpmnProcessId: p.bpmnProcessId,
        version: p.version,
        key: p.processDefinitionKey,
      }));
      // Before the region map: the variant's first user task must find its form's schema.
      await recordIncludedForms(deps.db, deployed.forms, forms);
      const deployedForms = deployed.forms.map((f) => ({ formId: f.formId, version: f.version, formKey: f.formKey }));
      if (regionCode) {
        const main = processes.find((p) => p.bpmnProcessId.startsWith(BASE_PROCESS)) ?? processes[0];
        // Under the process's pin lock, like a rollback: the two never interleave their map and pin.
        await withPinLock(deps.db, main.bpmnProcessId, async (trx) => {
          await mapVariant(trx, regionCode, main.bpmnProcessId, req.user.sub, deps.clock(), main.version);
          deps.variants[regionCode] = main.bpmnProcessId;
          deps.pins?.set(main.bpmnProcessId, main.version);
        });
      }
      await audit(deps.db, {
        at: deps.clock(),
        actor: req.user.sub,
        action: 'process.deploy',
        targetKind: 'process',
        targetId: processes.map((p) => `${p.bpmnProcessId}@${p.version}`).join(','),
        details: {
          regionCode: regionCode ?? null,
          warnings: findings.length,
          forms: deployedForms.map((f) => `${f.formId}@${f.version}`),
        },
      });
      return reply
        .code(201)
        .send({ processes, regionCode: regionCode ?? null, warnings: findings, forms: deployedForms });
    },
  );
}
