// The handler that turns every error into a response, using the catalogue in services/errors.ts.
// 5xx never leak internals; bad input always gets a 4xx naming what is wrong.
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
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
      const context = fe.validationContext ?? 'request';
      const details = fe.validation.map(finding);
      const said = details.map((d) => `${d.field || context}：${d.message}`).join('；');
      return reply.code(400).send({
        code: 'VALIDATION_FAILED',
        message: `${CONTEXT_ZH[context] ?? '请求'}有误 · invalid ${context}: ${said}`,
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

const CONTEXT_ZH: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};
const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '是或否（true/false）',
  object: '对象',
  array: '数组',
  null: '空值',
};

/**
 * One schema finding as the caller can act on it: the field it is about (an extra or missing property
 * named, not its parent) and what is wrong, Chinese first, English second.
 */
export function finding(v: FastifySchemaValidationError): { field: string; message: string } {
  const at = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const p = (v.params ?? {}) as Record<string, unknown>;
  const under = (name: unknown) => (at ? `${at}.${String(name)}` : String(name));
  const en = v.message ?? 'is not valid';
  const said = (zh: string, field = at) => ({ field, message: `${zh} · ${en}` });
  switch (v.keyword) {
    case 'additionalProperties':
      return { field: under(p.additionalProperty), message: '不是可接受的字段 · not an accepted field' };
    case 'required':
      return { field: under(p.missingProperty), message: '必填 · required' };
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map(String) : [];
      return { field: at, message: `应为 ${allowed.join('、')} 之一 · must be one of ${allowed.join(', ')}` };
    }
    case 'const':
      return said(`应为 ${String(p.allowedValue)}`);
    case 'type':
      return said(
        `应为${String(p.type)
          .split(',')
          .map((x) => TYPE_ZH[x] ?? x)
          .join('或')}`,
      );
    case 'maxLength':
      return said(`不能超过 ${p.limit} 个字符`);
    case 'minLength':
      return said(p.limit === 1 ? '不能为空' : `至少 ${p.limit} 个字符`);
    case 'maximum':
    case 'exclusiveMaximum':
      return said(`不能大于${v.keyword === 'maximum' ? '' : '或等于'} ${p.limit}`);
    case 'minimum':
    case 'exclusiveMinimum':
      return said(`不能小于${v.keyword === 'minimum' ? '' : '或等于'} ${p.limit}`);
    case 'maxItems':
      return said(`最多 ${p.limit} 项`);
    case 'minItems':
      return said(`至少 ${p.limit} 项`);
    case 'pattern':
    case 'format':
      return said('格式不正确');
    default:
      return said('不符合要求');
  }
}
