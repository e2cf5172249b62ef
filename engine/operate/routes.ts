// Camunda Operate's v1 REST API shape (POST /v1/<resource>/search, GET /v1/<resource>/{key}), so
// monitoring code works the same against the embedded engine and a Camunda 8 cluster's Operate.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { RESOURCES, search, byKey, definitionXml, QueryError, type SearchQuery } from '../store/read.js';

const searchBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'object' },
    size: { type: 'integer', minimum: 1, maximum: 1000 },
    sort: {
      type: 'array',
      maxItems: 1,
      items: {
        type: 'object',
        required: ['field'],
        additionalProperties: false,
        properties: { field: { type: 'string' }, order: { type: 'string', enum: ['ASC', 'DESC', 'asc', 'desc'] } },
      },
    },
    searchAfter: { type: 'array', maxItems: 2 },
  },
} as const;

export function registerOperate(app: FastifyInstance, pool: pg.Pool): void {
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    if (err instanceof QueryError) return reply.code(400).send({ status: 400, message: err.message });
    if (err.validation || (err.statusCode && err.statusCode < 500))
      return reply.code(err.statusCode ?? 400).send({ status: err.statusCode ?? 400, message: err.message });
    app.log.error({ err }, 'operate request failed');
    return reply.code(500).send({ status: 500, message: 'internal error' });
  });
  for (const name of Object.keys(RESOURCES)) {
    app.post(`/v1/${name}/search`, { schema: { body: searchBody } }, async (req) =>
      search(pool, name, (req.body ?? {}) as SearchQuery),
    );
    app.get(`/v1/${name}/:key`, async (req, reply) => {
      const key = (req.params as { key: string }).key;
      if (!/^\d{1,19}$/.test(key)) return reply.code(400).send({ status: 400, message: `'${key}' is not a key` });
      const item = await byKey(pool, name, key);
      if (!item)
        return reply.code(404).send({ status: 404, message: `No ${name.replace(/s$/, '')} found with key ${key}` });
      return item;
    });
  }
  app.get('/v1/process-definitions/:key/xml', async (req, reply) => {
    const key = (req.params as { key: string }).key;
    const xml = /^\d{1,19}$/.test(key) ? await definitionXml(pool, key) : null;
    if (!xml) return reply.code(404).send({ status: 404, message: `No process definition found with key ${key}` });
    return reply.type('text/xml').send(xml);
  });
}
