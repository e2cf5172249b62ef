// Signing in: the login body and the session it answers (a JWT and who it is for).
import { Type, type Static } from 'typebox';
import { ROLES } from '../../domain/index.js';
import { Nullable, StringEnum } from './common.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100, description: '用户名 User name', examples: ['clerk'] }),
    password: Type.String({ minLength: 1, maxLength: 200, description: '密码 Password', format: 'password' }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const PrincipalView = Type.Object(
  {
    sub: Type.String({ description: '用户 ID User id' }),
    name: Type.String({ description: '显示名 Display name' }),
    roles: Type.Array(StringEnum(ROLES), { description: '角色 Roles' }),
    regionCode: Type.String({ description: '辖区 Jurisdiction (region code)' }),
    regionPath: Type.String({ description: '辖区路径 Jurisdiction path' }),
    unit: Nullable(Type.String({ description: '所属单位 Unit' })),
  },
  { description: '当前用户 Who the session is for' },
);
export type PrincipalView = Static<typeof PrincipalView>;

export const LoginReply = Type.Object(
  {
    token: Type.String({ description: '会话令牌（Bearer）Session token (JWT, Bearer)' }),
    user: PrincipalView,
  },
  {
    description: '已登录 Signed in',
    examples: [
      {
        token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
        user: {
          sub: 'clerk',
          name: '窗口受理员',
          roles: ['window-clerk'],
          regionCode: 'demo-county-a',
          regionPath: 'demo-city/demo-county-a',
          unit: null,
        },
      },
    ],
  },
);
export type LoginReply = Static<typeof LoginReply>;

export const LogoutReply = Type.Object(
  { loggedOut: Type.Literal(true, { description: '会话已结束 The session has ended' }) },
  { description: '已退出 Signed out', examples: [{ loggedOut: true }] },
);
export type LogoutReply = Static<typeof LogoutReply>;
