// Processes: what is deployed (from the Operate API) and which region uses which variant; uploading a
// variant lints it with the policy rules first — a failing lint deploys nothing and returns the findings.
import type { FastifyInstance } from 'fastify';
import { lintBpmn } from '../../bpmn/lint/index.js';
import { BASE_PROCESS } from '../../services/processes.js';
import { storedVariants, mapVariant } from '../../store/variants.js';
import { audit } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { inJurisdiction } from '../auth.js';
import { regionPath } from '../../store/regions.js';
import type { RouteDeps } from '../app.js';
import { isEngineError } from '../../engine-client/index.js';

export function processRoutes(
  app: FastifyInstance,
  deps: Pick<RouteDeps, 'db' | 'engine' | 'regions' | 'variants' | 'clock'>,
) {
  app.get(
    '/api/processes',
    {
      preHandler: app.requireRole('process-designer', 'administrator', 'centre-supervisor'),
      schema: { tags: ['processes'], summary: '流程与变体 Deployed processes and regional variants' },
    },
    async () => {
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
      return {
        base: BASE_PROCESS,
        processes: [...latest.values()],
        variants: Object.entries(mapping).map(([regionCode, processId]) => ({ regionCode, processId })),
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
        body: {
          type: 'object',
          required: ['name', 'xml'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}\\.bpmn$' },
            xml: { type: 'string', minLength: 1, maxLength: 4_000_000 },
            regionCode: { type: 'string', maxLength: 64 },
          },
        },
      },
    },
    async (req, reply) => {
      const { name, xml, regionCode } = req.body as { name: string; xml: string; regionCode?: string };
      if (regionCode) {
        if (!deps.regions.has(regionCode)) throw new ApiError('VALIDATION_FAILED', `unknown region '${regionCode}'`);
        if (!inJurisdiction(req.user, await regionPath(deps.db, regionCode)))
          throw new ApiError('OUT_OF_JURISDICTION', `region '${regionCode}' is outside your jurisdiction`);
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
      let deployed;
      try {
        deployed = await deps.engine.deploy([{ kind: 'process', name, content: xml }]);
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
      if (regionCode) {
        const main = processes.find((p) => p.bpmnProcessId.startsWith(BASE_PROCESS)) ?? processes[0];
        await mapVariant(deps.db, regionCode, main.bpmnProcessId, req.user.sub, deps.clock());
        deps.variants[regionCode] = main.bpmnProcessId;
      }
      await audit(deps.db, {
        at: deps.clock(),
        actor: req.user.sub,
        action: 'process.deploy',
        targetKind: 'process',
        targetId: processes.map((p) => `${p.bpmnProcessId}@${p.version}`).join(','),
        details: { regionCode: regionCode ?? null, warnings: findings.length },
      });
      return reply.code(201).send({ processes, regionCode: regionCode ?? null, warnings: findings });
    },
  );
}
