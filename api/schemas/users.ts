// User administration: staff accounts as administrators manage them and supervisors read them.
// No schema here has a password hash; a password appears only in the answer that generated it.
import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH, ROLES, USER_ID_PATTERN } from '../../domain/index.js';
import { DateTime, Described, Limit, Nullable, Offset, RegionCode, RegionFilter, StringEnum } from './common.js';

const UserId = Type.String({
  pattern: USER_ID_PATTERN,
  description: '用户 ID（登录名）：2–64 位小写字母、数字及 . _ - User id (login name), lower case',
  examples: ['zhang.wei'],
});
const DisplayName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: '显示名 Display name',
  examples: ['张伟'],
});
const Roles = Type.Array(StringEnum(ROLES), {
  minItems: 1,
  maxItems: ROLES.length,
  uniqueItems: true,
  description: '角色（至少一个）Roles, at least one',
  examples: [['department-handler']],
});
const Unit = Type.String({
  minLength: 3,
  maxLength: 130,
  description:
    '所属单位“区域代码/部门代码”，区域须在用户区域之内，部门见 domain/departments.ts（或 centre）' +
    ' Unit <region>/<department>, the region within the user’s region',
  examples: ['demo-county-a/housing'],
});
const Password = Type.String({
  minLength: 1,
  maxLength: PASSWORD_MAX_LENGTH,
  format: 'password',
  description:
    '自设密码：至少 12 位且含三类字符，或不少于 20 位的短语；不可含用户 ID。省略则由系统生成' +
    ' A chosen password (12+ characters of three kinds, or a 20+ passphrase); omit it to have one generated',
});

const USER_EXAMPLE = {
  id: 'zhang.wei',
  displayName: '张伟',
  roles: ['department-handler'],
  regionCode: 'demo-county-a',
  regionPath: '/demo-city/demo-county-a/',
  unit: 'demo-county-a/housing',
  active: true,
  createdAt: '2026-03-02T09:30:00.000+08:00',
  passwordSetAt: '2026-03-02T09:30:00.000+08:00',
};

export const UserView = Type.Object(
  {
    id: Type.String({ description: '用户 ID User id' }),
    displayName: Type.String({ description: '显示名 Display name' }),
    roles: Type.Array(StringEnum(ROLES), { description: '角色 Roles' }),
    regionCode: Type.String({ description: '辖区（区域代码）Jurisdiction, a region code' }),
    regionPath: Type.String({ description: '辖区路径 Jurisdiction path' }),
    unit: Nullable(Type.String({ description: '所属单位 Unit' })),
    active: Type.Boolean({ description: '在用（停用者不能登录）Active; inactive users cannot sign in' }),
    createdAt: DateTime('创建时间 Created at'),
    passwordSetAt: Nullable(DateTime('密码最近由管理设置的时间 When administration last set the password')),
  },
  { description: '用户 A staff account', examples: [USER_EXAMPLE] },
);
export type UserView = Static<typeof UserView>;

export const UserParams = Type.Object({ id: UserId }, { additionalProperties: false });
export type UserParams = Static<typeof UserParams>;

export const UserListQuery = Type.Object(
  {
    region: Type.Optional(RegionFilter),
    search: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'ID 或显示名中含有的文字 Text in the id or the display name',
        examples: ['zhang'],
      }),
    ),
    unit: Type.Optional(
      Type.String({ maxLength: 130, description: '所属单位 Unit', examples: ['demo-county-a/housing'] }),
    ),
    role: Type.Optional(StringEnum(ROLES, { description: '含此角色 Having this role' })),
    active: Type.Optional(Type.Boolean({ description: '在用或停用 Active or not' })),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const UserList = Type.Object(
  {
    total: Type.Integer({ description: '符合条件的总数 Matching users' }),
    items: Type.Array(UserView),
  },
  { description: '用户列表（按 ID）A page of users, by id', examples: [{ total: 1, items: [USER_EXAMPLE] }] },
);
export type UserList = Static<typeof UserList>;

export const CreateUserBody = Type.Object(
  {
    id: UserId,
    displayName: DisplayName,
    roles: Roles,
    regionCode: Described(RegionCode, '辖区（区域代码，须在您的辖区内）Jurisdiction, a region within yours'),
    unit: Type.Optional(Nullable(Unit)),
    password: Type.Optional(Password),
  },
  {
    additionalProperties: false,
    examples: [
      {
        id: 'zhang.wei',
        displayName: '张伟',
        roles: ['department-handler'],
        regionCode: 'demo-county-a',
        unit: 'demo-county-a/housing',
      },
    ],
  },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const ChangeUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    roles: Type.Optional(Roles),
    regionCode: Type.Optional(Described(RegionCode, '辖区（须在您的辖区内）Jurisdiction, a region within yours')),
    unit: Type.Optional(Nullable(Unit)),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [{ roles: ['department-handler', 'mediator'], unit: 'demo-county-a/people-mediation-committee' }],
  },
);
export type ChangeUserBody = Static<typeof ChangeUserBody>;

export const ResetPasswordBody = Type.Object(
  { password: Type.Optional(Password) },
  { additionalProperties: false, examples: [{}] },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

const GeneratedPassword = Nullable(
  Type.String({
    description:
      '系统生成的密码，仅此一次显示（不存储明文、不记日志），请当面或经安全渠道交给本人；自设密码时为 null' +
      ' The generated password, shown this once only (never stored in clear or logged); null when one was chosen',
  }),
);

export const UserWithPassword = Type.Object(
  { user: UserView, generatedPassword: GeneratedPassword },
  {
    description: '用户及一次性显示的密码 The user, and the generated password shown once',
    examples: [{ user: USER_EXAMPLE, generatedPassword: 'k7Pq-Xm4R-a9Tz-H3nw' }],
  },
);
export type UserWithPassword = Static<typeof UserWithPassword>;
