// The OpenAPI document is the contract the console and integrators read: every operation says what
// it does, what it answers on success (with a schema), and that its errors have the one ApiError shape.
// Built without a database: only the document and the serialisers are exercised here.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import type { Knex } from 'knex';
import type pg from 'pg';
import { buildApp } from '../../api/app.js';
import type { EngineClient } from '../../engine-client/index.js';
import type { RegionTree } from '../../domain/index.js';
import { Vault } from '../../platform/privacy.js';
import { createLogger } from '../../platform/logger.js';

interface Media {
  schema?: { $ref?: string; examples?: unknown[]; type?: string };
  example?: unknown;
  examples?: unknown;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
}

async function lightApp() {
  return buildApp({
    // Stubs: nothing here runs a query; /health asks the pool and the engine, and both answer.
    pool: { query: async () => ({ rows: [] }) } as unknown as pg.Pool,
    engine: { healthy: async () => true } as unknown as EngineClient,
    db: {} as Knex,
    regions: {} as RegionTree,
    variants: {},
    vault: new Vault(randomBytes(32)),
    log: createLogger('silent'),
    jwtSecret: randomBytes(32).toString('hex'),
    clock: () => new Date(),
  });
}

t.test('every operation has a description, a typed 2xx and ApiError errors', async (t) => {
  const app = await lightApp();
  t.teardown(() => app.close());
  await app.ready();
  const doc = app.swagger() as unknown as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
  };
  const error = doc.components.schemas.ApiError;
  t.ok(error, 'the error shape is a shared component');
  t.same(error.required, ['code', 'message'], 'code and message always, details when there are any');
  t.ok(error.properties?.details, 'details is documented');

  const problems: string[] = [];
  let operations = 0;
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${path}`;
      operations++;
      if (!op.description?.trim()) problems.push(`${name}: no description`);
      if (!op.summary?.trim() || !op.tags?.length) problems.push(`${name}: no summary or tags`);
      const codes = Object.keys(op.responses ?? {});
      const ok = codes.filter((c) => c.startsWith('2'));
      if (!ok.length) problems.push(`${name}: no 2xx response`);
      for (const c of ok) {
        const r = op.responses[c];
        if (!r.description || r.description === 'Default Response') problems.push(`${name} ${c}: no description`);
        const json = r.content?.['application/json'];
        const media = json ?? Object.values(r.content ?? {})[0];
        if (!media?.schema) problems.push(`${name} ${c}: no schema`);
        // JSON answers show an example; another media type (the QR SVG) documents its type instead.
        else if (json && !(json.schema?.examples ?? json.example ?? json.examples))
          problems.push(`${name} ${c}: no example`);
      }
      for (const c of codes.filter((c) => /^[45]/.test(c))) {
        // /health answers 503 with its own health body: it is a status report, not an error.
        if (path === '/health') continue;
        const ref = op.responses[c].content?.['application/json']?.schema?.$ref;
        if (ref !== '#/components/schemas/ApiError') problems.push(`${name} ${c}: not the ApiError shape`);
      }
      if (!codes.some((c) => /^[45]/.test(c))) problems.push(`${name}: no error responses`);
    }
  }
  t.ok(operations >= 17, `all operations are documented (${operations})`);
  t.same(problems, [], 'nothing missing');
});

t.test('a field not in the response schema never leaks', async (t) => {
  const app = await lightApp();
  t.teardown(() => app.close());
  // Whatever a handler or a future store change adds to an answer (a password hash, a sealed ID
  // number) reaches the serialiser; the schema must drop it, success and error alike.
  app.addHook('preSerialization', async (_req, _reply, payload) =>
    payload && typeof payload === 'object'
      ? { ...payload, passwordHash: '$argon2id$secret', idNumberEnc: 'sealed:330203199001011234' }
      : payload,
  );
  await app.ready();
  const health = await app.inject({ method: 'GET', url: '/health' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'UP', database: 'UP', engine: 'UP' }, 'exactly the schema fields');
  const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'VALIDATION_FAILED');
  t.ok(Array.isArray(bad.json().details), 'details kept');
  const anon = await app.inject({ method: 'GET', url: '/api/matters' });
  t.equal(anon.statusCode, 401);
  for (const r of [health, bad, anon]) {
    t.notMatch(r.body, /passwordHash|argon2|idNumberEnc|330203/, `${r.statusCode}: nothing unnamed leaks`);
  }
});

t.test('the docs page shows response bodies with examples', async (t) => {
  const app = await lightApp();
  t.teardown(() => app.close());
  const page = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(page.statusCode, 200);
  const op = page.json().paths['/api/matters/{id}'].get;
  const media = op.responses['200'].content['application/json'];
  t.ok(media.schema.properties.timeline, 'the body is described field by field');
  t.ok(media.schema.examples ?? media.example ?? media.examples, 'with an example');
  const qr = page.json().paths['/api/track/{code}/qr.svg'].get.responses['200'];
  t.ok(qr.content['image/svg+xml'], 'the QR code is documented as SVG');
});
