// The handler that turns every error into a response, using the catalogue in services/errors.ts.
// 5xx never leak internals; bad input always gets a 4xx naming what is wrong.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isInputError } from '../domain/index.js';
import { ApiError } from '../services/errors.js';

export { ApiError, ERRORS, notFound, forbidden, type ErrorCode } from '../services/errors.js';

/** `fallback`: answers unknown non-API paths first (the browser console's pages, api/console.ts). */
export function registerErrorHandler(
  app: FastifyInstance,
  fallback?: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | null,
): void {
  app.setNotFoundHandler(
    (req, reply) =>
      fallback?.(req, reply) ??
      reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
  );
  app.setErrorHandler((err: FastifyError | ApiError | DomainError, req, reply) => {
    if (err instanceof ApiError)
      return reply
        .code(err.status)
        .send({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    if (err instanceof DomainError) {
      // Input a caller can fix is a 400; a broken table is ours to fix.
      if (isInputError(err))
        return reply
          .code(400)
          .send({ code: 'VALIDATION_FAILED', message: err.message, details: { domainCode: err.code } });
      req.log.error({ err }, 'domain data error');
      return reply.code(500).send({ code: 'INTERNAL', message: 'internal error' });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const details = fe.validation.map((v) => ({
        field:
          (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || (v.params as any)?.missingProperty || '',
        message: v.message,
      }));
      return reply.code(400).send({
        code: 'VALIDATION_FAILED',
        message: `invalid ${fe.validationContext ?? 'request'}: ${fe.message}`,
        details,
      });
    }
    if (fe.statusCode === 429) return reply.code(429).send({ code: 'RATE_LIMITED', message: fe.message });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
      return reply.code(fe.statusCode).send({ code: fe.code ?? 'BAD_REQUEST', message: fe.message });
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ code: 'INTERNAL', message: 'internal error' });
  });
}
