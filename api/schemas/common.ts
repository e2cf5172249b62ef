// Shapes every resource shares: the error answer, timestamps, ids, region codes, paging, and the
// helpers that keep request validation exactly as it was before TypeBox (plain `enum`, not anyOf,
// so ajv's messages and the `details` they produce stay the same).
import { Type, type Static, type TSchema } from 'typebox';
import { chinaIso } from '../../domain/index.js';

/** A string from a fixed list, as `{ type: 'string', enum }` (TypeBox's own Enum drops the type). */
export const StringEnum = <const T extends readonly string[]>(values: T, opts: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

/** A value or null; OpenAPI shows it as `nullable: true`. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * An instant on the wire: ISO 8601 / RFC 3339 in China time, with the +08:00 offset (views turn Dates
 * into these strings). Any RFC 3339 parser reads the same instant as from the UTC form.
 */
export const DateTime = (description: string) =>
  Type.String({
    format: 'date-time',
    description: `${description}（北京时间，+08:00）`,
    examples: ['2026-03-02T09:30:00.000+08:00'],
  });

/** Wire form of a Date, in China time (+08:00); a string passes through so a row that already holds text stays. */
export const iso = <T extends Date | string | null>(d: T): T extends null ? string | null : string =>
  (d instanceof Date ? chinaIso(d) : d) as T extends null ? string | null : string;

/** A code's label for people, Chinese first (domain/labels.ts). */
export const CodeLabel = (description: string, example: { zh: string; en: string }) =>
  Type.Object(
    {
      zh: Type.String({ description: '中文 Chinese', examples: [example.zh] }),
      en: Type.String({ description: '英文 English', examples: [example.en] }),
    },
    { description, examples: [example] },
  );

export const ErrorBody = Type.Object(
  {
    code: Type.String({
      description: '稳定的错误代码（见 api/ERRORS.md）Stable error code, see api/ERRORS.md',
      examples: ['VALIDATION_FAILED'],
    }),
    message: Type.String({
      description: '给人看的说明，可能变化 For people; may change',
      examples: ["invalid body: body must have required property 'summary'"],
    }),
    // Open on purpose: field lists, lint findings or a domain code, depending on the error.
    details: Type.Optional(
      Type.Unknown({
        description: '出错的字段等 The fields at fault, e.g. [{ field, message }]',
        examples: [[{ field: 'parties.0.idNumber', message: 'must match pattern' }]],
      }),
    ),
  },
  {
    $id: 'ApiError',
    description: '统一错误格式 The one error shape of the API',
    examples: [{ code: 'NOT_FOUND', message: 'matter 42 not found' }],
  },
);
export type ErrorBody = Static<typeof ErrorBody>;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: '请求无效（VALIDATION_FAILED / FORM_INVALID）Invalid request; details name the fields',
  401: '未登录或凭据错误（UNAUTHENTICATED / BAD_CREDENTIALS）Not signed in, or wrong credentials',
  403: '无权限或超出辖区（FORBIDDEN / OUT_OF_JURISDICTION）Role or jurisdiction does not allow it',
  404: '不存在或不在辖区内（NOT_FOUND）No such resource, or outside the jurisdiction',
  409:
    '状态冲突或已存在（CONFLICT / ALREADY_EXISTS / OUTCOME_NOT_AWAITED / TASK_ALREADY_COMPLETED /' +
    ' TASK_CLAIMED_BY_OTHER）The state forbids this, or the identifier is taken',
  410: '任务已不存在（TASK_GONE）The step this task belonged to has ended',
  413: '请求体过大（FST_ERR_CTP_BODY_TOO_LARGE）The body is too large',
  422:
    '幂等键已用于其他请求（IDEMPOTENCY_KEY_REUSED），或违反法定规则（RULE_VIOLATED）' +
    ' Idempotency-Key reused for another request, or a rule of law forbids the submission',
  429: '请求过多（RATE_LIMITED）Too many requests; see Retry-After',
  500: '内部错误，日志中有详情（INTERNAL）Our error; the log has it, the answer does not',
  503: '流程引擎未响应（ENGINE_UNAVAILABLE）The process engine did not answer',
};
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 503;

/**
 * The error answers a route can give, each a reference to the shared `ApiError` schema (registered
 * with app.addSchema, so OpenAPI shows it once under components). Unsafe keeps the static type.
 */
export function errors<const S extends readonly ErrorStatus[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((s) => [s, Type.Unsafe<ErrorBody>(Type.Ref('ApiError', { description: ERROR_TEXT[s] }))]),
  ) as { [K in S[number]]: ReturnType<typeof Type.Unsafe<ErrorBody>> };
}
/** What every signed-in route can answer besides its own errors. */
export const SIGNED_IN = [400, 401, 403, 429, 500] as const;

export const RegionCode = Type.String({
  minLength: 1,
  maxLength: 64,
  description: '行政区划代码 Region code',
  examples: ['demo-county-a'],
});
export const RegionFilter = Type.String({
  maxLength: 64,
  description: '辖区内的区域（默认本人辖区）A region within your jurisdiction (default: your own)',
  examples: ['demo-county-a'],
});

export const TrackingCode = Type.String({ description: '受理编号 Tracking code', examples: ['GC-2603-0001-7K3QX'] });

export const Limit = (max: number, dflt?: number) =>
  Type.Integer({
    minimum: 1,
    maximum: max,
    ...(dflt === undefined ? {} : { default: dflt }),
    description: '每页条数 Page size',
  });
export const Offset = Type.Integer({
  minimum: 0,
  maximum: 1_000_000,
  default: 0,
  description: '跳过条数 Items to skip',
});

/** Bodies of process variables and form schemas are open by nature: their shape is the model's. */
export const OpenObject = (description: string, examples?: unknown[]) =>
  Type.Unsafe<Record<string, unknown>>(
    Type.Object({}, { additionalProperties: true, description, ...(examples ? { examples } : {}) }),
  );

export const Health = Type.Object(
  {
    status: StringEnum(['UP', 'DOWN'] as const, { description: '总体状态 Overall' }),
    database: StringEnum(['UP', 'DOWN'] as const, { description: '数据库 PostgreSQL' }),
    engine: StringEnum(['UP', 'DOWN'] as const, { description: '流程引擎 Process engine' }),
  },
  { description: '健康状况 Health', examples: [{ status: 'UP', database: 'UP', engine: 'UP' }] },
);
export type Health = Static<typeof Health>;

/** The same schema with another description (e.g. one body for two statuses); keeps the static type. */
export const Described = <T extends TSchema>(schema: T, description: string): T => ({ ...schema, description }) as T;
