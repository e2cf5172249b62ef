// The process designer's other calls (issue 14): a deployed model's XML (to open in the modeler, or
// to download for Camunda Desktop Modeler), mapping a region back to an earlier deployed version of
// its process, and what the browser lint needs from the server so it runs the same rules.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readConfig } from '../../bpmn/lint/index.js';
import { REPO_ROOT } from '../../bpmn/lint/repo.js';
import { workerTypesIn } from '../../bpmn/lint/rules/job-type-has-worker.js';
import { IGNORED, SUPPORTED } from '../../engine/model/parse.js';
import { processForRegion, regionsAffectedOutside, sharedProcessIds } from '../../services/processes.js';
import { mapVariant, storedPins, storedVariants, withPinLock } from '../../store/variants.js';
import { audit } from '../../store/audit.js';
import { ApiError } from '../errors.js';
import { inJurisdiction } from '../auth.js';
import type { RouteDeps } from '../app.js';
import {
  LintConfigReply,
  ProcessXmlParams,
  ProcessXmlQuery,
  RollbackBody,
  RollbackReply,
  errors,
} from '../schemas/index.js';

const SHARED_IDS = sharedProcessIds();

type Deps = Pick<RouteDeps, 'db' | 'engine' | 'regions' | 'variants' | 'clock' | 'pins'>;

/** The deployed versions of one process, oldest first (from the Operate API). */
async function definitionsOf(deps: Deps, processId: string): Promise<{ version: number; key: string }[]> {
  if (!deps.engine.operate) throw new ApiError('ENGINE_UNAVAILABLE', 'the Operate API is not configured');
  const items = await deps.engine.operate
    .search<{ bpmnProcessId: string; version: number; key: string }>('process-definitions', {
      bpmnProcessId: processId,
    })
    .catch(() => {
      throw new ApiError('ENGINE_UNAVAILABLE', 'the Operate API did not answer');
    });
  return items
    .filter((d) => d.bpmnProcessId === processId)
    .map((d) => ({ version: Number(d.version), key: String(d.key) }))
    .sort((a, b) => a.version - b.version);
}

export function processModelRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/processes/lint-config',
    {
      preHandler: app.requireRole('process-designer', 'administrator'),
      schema: {
        tags: ['processes'],
        summary: '浏览器端检查配置 What the browser lint needs',
        description:
          '服务器的 .bpmnlintrc、有 worker 的任务类型、引擎可运行的元素类型：流程设计页用它在浏览器中运行与部署时相同的检查。' +
          ' The server’s .bpmnlintrc, the job types a worker serves and the element types the engine runs: the' +
          ' designer page runs the same lint as deployment with them (bpmn/lint/browser.ts).',
        response: { 200: LintConfigReply, ...errors(401, 403, 429, 500) },
      },
    },
    async () => ({
      config: readConfig() as Record<string, unknown>,
      // Read on each call, like the server's rule: adding a worker file is all it takes.
      workerTypes: [...workerTypesIn(path.join(REPO_ROOT, 'workers'))].sort(),
      engine: { supported: Object.keys(SUPPORTED).sort(), ignored: [...IGNORED].sort() },
    }),
  );

  app.get(
    '/api/processes/:processId/xml',
    {
      preHandler: app.requireRole('process-designer', 'administrator', 'centre-supervisor'),
      schema: {
        tags: ['processes'],
        summary: '流程模型 XML The BPMN XML of a deployed process',
        description:
          '某版本（默认最新）的 BPMN XML，可在建模器中打开；download=true 时作为附件 `<id>-v<版本>.bpmn`' +
          '（供 Camunda Desktop Modeler）。 The XML of a version (latest by default); with download=true as the' +
          ' attachment `<id>-v<version>.bpmn`, for Camunda Desktop Modeler.',
        params: ProcessXmlParams,
        querystring: ProcessXmlQuery,
        // The XML has its own media type (sent as it is); errors stay JSON in the ApiError shape.
        response: {
          200: {
            description: 'BPMN XML',
            content: {
              'application/xml': {
                schema: Type.String({ description: 'BPMN XML', examples: ['<bpmn:definitions …>'] }),
              },
            },
          },
          ...errors(400, 401, 403, 404, 429, 500, 503),
        },
      },
    },
    async (req, reply) => {
      const { processId } = req.params;
      const defs = await definitionsOf(deps, processId);
      if (!defs.length) throw new ApiError('NOT_FOUND', `process '${processId}' is not deployed`);
      const wanted = req.query.version;
      const def = wanted === undefined ? defs[defs.length - 1] : defs.find((d) => d.version === wanted);
      if (!def)
        throw new ApiError(
          'NOT_FOUND',
          `version ${wanted} of process '${processId}' is not deployed ` +
            `(deployed: ${defs.map((d) => d.version).join(', ')})`,
        );
      const xml = await deps.engine.operate!.definitionXml(def.key).catch(() => {
        throw new ApiError('ENGINE_UNAVAILABLE', 'the Operate API did not answer');
      });
      reply.header('content-type', 'application/xml; charset=utf-8');
      reply.header('x-process-version', String(def.version));
      if (req.query.download)
        reply.header('content-disposition', `attachment; filename="${processId}-v${def.version}.bpmn"`);
      return reply.send(xml);
    },
  );

  app.post(
    '/api/processes/rollback',
    {
      preHandler: app.requireRole('process-designer', 'administrator'),
      schema: {
        tags: ['processes'],
        summary: '区域改用早先版本 Map a region back to an earlier version',
        description:
          '本人辖区内的区域改用其流程的另一已部署版本（通常是早先版本），下次受理起生效，记入审计。' +
          ' Maps a region in your jurisdiction to another deployed version of the process it runs (usually an' +
          ' earlier one); effective from the next intake; audited.',
        body: RollbackBody,
        response: { 200: RollbackReply, ...errors(400, 401, 403, 404, 429, 500, 503) },
      },
    },
    async (req) => {
      const { regionCode, version, reason } = req.body;
      if (!deps.regions.has(regionCode))
        throw new ApiError('VALIDATION_FAILED', `regionCode: unknown region '${regionCode}'`);
      if (!inJurisdiction(req.user, deps.regions.path(regionCode)))
        throw new ApiError('OUT_OF_JURISDICTION', `region '${regionCode}' is outside your jurisdiction`);
      const mapping = { ...deps.variants, ...(await storedVariants(deps.db)) };
      const processId = processForRegion(regionCode, deps.regions, mapping);
      // A version is pinned per process: never move a process that also runs outside the jurisdiction.
      const affected = regionsAffectedOutside(processId, req.user.regionPath, deps.regions, mapping, SHARED_IDS);
      if (affected.length)
        throw new ApiError(
          'OUT_OF_JURISDICTION',
          `process '${processId}' also runs outside your jurisdiction (${affected.slice(0, 5).join(', ')}` +
            `${affected.length > 5 ? ', …' : ''}): deploy a variant of your own for this region instead`,
        );
      const defs = await definitionsOf(deps, processId);
      if (!defs.some((d) => d.version === version))
        throw new ApiError(
          'VALIDATION_FAILED',
          `version: process '${processId}' has no deployed version ${version} ` +
            `(deployed: ${defs.map((d) => d.version).join(', ') || 'none'})`,
        );
      // One change of the process's version at a time: the version replaced is read under the lock, and
      // a rollback to the version already mapped changes (and audits) nothing.
      return withPinLock(deps.db, processId, async (trx) => {
        // Read from the database: another API process may have moved the pin since this one looked.
        const pinned = (await storedPins(trx)).get(processId) ?? deps.pins?.get(processId);
        const previousVersion = pinned ?? defs[defs.length - 1]?.version ?? null;
        const mappedHere = { ...deps.variants, ...(await storedVariants(trx)) }[regionCode] === processId;
        if (previousVersion === version && mappedHere) return { regionCode, processId, version, previousVersion };
        await mapVariant(trx, regionCode, processId, req.user.sub, deps.clock(), version);
        await audit(trx, {
          at: deps.clock(),
          actor: req.user.sub,
          action: 'process.rollback',
          targetKind: 'process',
          targetId: `${processId}@${version}`,
          details: { regionCode, processId, version, previousVersion, reason: reason ?? null },
        });
        deps.variants[regionCode] = processId;
        deps.pins?.set(processId, version);
        return { regionCode, processId, version, previousVersion };
      });
    },
  );
}
