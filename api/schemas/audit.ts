// The audit log reader's contract (administrators and auditors): entries newest first, filtered by who,
// what and when, within the reader's jurisdiction; and the codes the filters can choose from.
import { Type, type Static } from 'typebox';
import { DateTime, Limit, Nullable, Offset } from './common.js';

const Code = (description: string, examples: string[]) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$', description, examples });

// A China day or an RFC 3339 date-time, as in the statistics; the route reads it (domain periodBound)
// and answers 400 naming the field when it is no real date or time.
const Bound = (description: string, examples: string[]) =>
  Type.String({
    minLength: 10,
    maxLength: 40,
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ].*)?$',
    description,
    examples,
  });

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          '操作人（用户 ID，或 citizen 等系统操作人）Who acted: a user id, or a system actor such as citizen',
        examples: ['admin'],
      }),
    ),
    action: Type.Optional(
      Code('动作代码；以“.”结尾则为前缀（如 monitor.）Action code; ending in "." it is a prefix (monitor.)', [
        'user.create',
        'monitor.',
      ]),
    ),
    targetKind: Type.Optional(Code('对象类型 Target kind', ['matter', 'user', 'process-instance'])),
    targetId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: '对象 ID Target id', examples: ['42'] }),
    ),
    from: Type.Optional(
      Bound(
        '起（含）：日期 YYYY-MM-DD 指该日北京时间 0 时，或带时区的时间' +
          ' From, inclusive: a China day is its 00:00 +08:00; or a date-time with its offset',
        ['2026-11-01', '2026-11-01T08:00:00+08:00'],
      ),
    ),
    to: Type.Optional(
      Bound(
        '止：日期 YYYY-MM-DD 含该日全天，带时区的时间则不含该时刻' +
          ' To: a China day includes that whole day; a date-time with its offset is exclusive',
        ['2026-11-30'],
      ),
    ),
    limit: Type.Optional(Limit(200, 50)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

const ENTRY_EXAMPLE = {
  id: '1042',
  at: '2026-11-30T10:15:00.000+08:00',
  actor: 'admin',
  actorName: '系统管理员',
  action: 'user.create',
  targetKind: 'user',
  targetId: 'zhang.wei',
  details: { roles: ['department-handler'], regionCode: 'demo-county-a' },
};

export const AuditEntryView = Type.Object(
  {
    id: Type.String({ description: '条目序号（递增）Entry number, increasing' }),
    at: DateTime('时间 When'),
    actor: Type.String({ description: '操作人 ID Who acted' }),
    actorName: Nullable(
      Type.String({ description: '操作人显示名；系统操作人为 null Their display name; null for a system actor' }),
    ),
    action: Type.String({ description: '动作代码 Action code' }),
    targetKind: Type.String({ description: '对象类型 Target kind' }),
    targetId: Nullable(Type.String({ description: '对象 ID Target id' })),
    details: Type.Record(Type.String(), Type.Unknown(), {
      description: '详情（不含密码等秘密）Details, never secrets such as passwords',
    }),
  },
  { description: '审计条目 An audit entry', examples: [ENTRY_EXAMPLE] },
);
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AuditList = Type.Object(
  {
    total: Type.Integer({ description: '符合条件的总数 Matching entries' }),
    items: Type.Array(AuditEntryView),
  },
  { description: '审计条目（新的在前）Entries, newest first', examples: [{ total: 1, items: [ENTRY_EXAMPLE] }] },
);
export type AuditList = Static<typeof AuditList>;

export const AuditCodes = Type.Object(
  {
    actions: Type.Array(Type.String(), { description: '日志中出现过的动作代码 Action codes in the log' }),
    targetKinds: Type.Array(Type.String(), { description: '日志中出现过的对象类型 Target kinds in the log' }),
  },
  {
    description: '筛选可选的代码 The codes the filters offer',
    examples: [{ actions: ['monitor.retry', 'user.create'], targetKinds: ['process-instance', 'user'] }],
  },
);
export type AuditCodes = Static<typeof AuditCodes>;
