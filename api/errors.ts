// The one error catalogue: stable codes, their HTTP status, and the handler that turns every error
// into a response. 5xx never leak internals; bad input always gets a 4xx naming what is wrong.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, isInputError } from '../domain/index.js';

export const ERRORS = {
  VALIDATION_FAILED: 400,
  FORM_INVALID: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  OUT_OF_JURISDICTION: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TASK_ALREADY_COMPLETED: 409,
  TASK_CLAIMED_BY_OTHER: 409,
  TASK_GONE: 410,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  ENGINE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get status(): number {
    return ERRORS[this.code];
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new ApiError('FORBIDDEN', message);

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) =>
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
