// POST /oauth/token (client credentials, form- or JSON-encoded, as OAuth servers take them) and the
// bearer check on every other route of the engine's HTTP port. See auth.ts.
import type { FastifyInstance } from 'fastify';
import type { EngineAuth } from './auth.js';

export const TOKEN_PATH = '/oauth/token';

export function registerTokenEndpoint(app: FastifyInstance, auth: EngineAuth): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.post(TOKEN_PATH, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (b.grant_type !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'use client_credentials' });
    }
    const token = auth.issue(String(b.client_id ?? ''), String(b.client_secret ?? ''));
    if (!token) return reply.code(401).send({ error: 'invalid_client', error_description: 'unknown client or secret' });
    return token;
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.split('?')[0] === TOKEN_PATH) return;
    if (!auth.accepts(req.headers.authorization)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ message: 'a bearer token from POST /oauth/token is required' });
    }
  });
}
