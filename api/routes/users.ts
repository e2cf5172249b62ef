// User administration: administrators create staff accounts, change roles, unit and region, deactivate
// and reactivate them and reset passwords, within their jurisdiction, audited; centre supervisors read.
// A change ends the user's sessions (at once in this process, within 30 s in others).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteDeps } from '../app.js';
import {
  changeUser,
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserActive,
  type By,
} from '../../services/users.js';
import type { Account } from '../../store/accounts.js';
import type { Role } from '../../domain/index.js';
import {
  ChangeUserBody,
  CreateUserBody,
  ResetPasswordBody,
  UserList,
  UserListQuery,
  UserParams,
  UserView,
  UserWithPassword,
  errors,
  iso,
  SIGNED_IN,
} from '../schemas/index.js';

const view = (a: Account): UserView => ({
  id: a.id,
  displayName: a.displayName,
  roles: a.roles as Role[],
  regionCode: a.regionCode,
  regionPath: a.regionPath,
  unit: a.unit,
  active: a.active,
  createdAt: iso(a.createdAt),
  passwordSetAt: iso(a.passwordSetAt),
});

const SCOPE =
  '仅限本人辖区内的用户，辖区外的用户视为不存在（404）。 Only users within your jurisdiction; others look absent (404).';
const ENDS_SESSIONS =
  '该用户现有的会话随即失效（其他进程至多 30 秒内），须重新登录。' +
  ' Their sessions end at once (in other API processes within 30 s): they sign in again.';

/** An answer carrying a password is never kept by a browser or a proxy. */
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function userRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'clock'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const readers = app.requireRole('administrator', 'centre-supervisor');
  const admins = app.requireRole('administrator');
  const by = (user: By['actor']): By => ({ actor: user, at: deps.clock() });
  const tags = ['users'];

  app.get(
    '/api/users',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: '用户列表 List users',
        description:
          '管理员与中心主管可查；可按区域（含下级）、单位、角色、在用与否筛选，按 ID 排序。 ' +
          'Administrators and centre supervisors; filter by region (with its subtree), unit, role, active. ' +
          SCOPE,
        querystring: UserListQuery,
        response: { 200: UserList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await listUsers(deps.db, req.user, { ...q, limit: q.limit ?? 100, offset: q.offset ?? 0 });
      return { total: r.total, items: r.items.map(view) };
    },
  );

  app.get(
    '/api/users/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: '查看用户 One user',
        description: '管理员与中心主管可查。 Administrators and centre supervisors. ' + SCOPE,
        params: UserParams,
        response: { 200: UserView, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => view(await getUser(deps.db, req.user, req.params.id)),
  );

  app.post(
    '/api/users',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '新建用户 Create a user',
        description:
          '仅管理员。区域须在本人辖区内；单位为“区域/部门”，其区域须在该用户区域之内。不给密码则生成一个，仅在此答复中' +
          '显示一次；记入审计（不含密码）。ID 已存在则 409 ALREADY_EXISTS。' +
          ' Administrators only. The region must lie within your jurisdiction, the unit within the user’s' +
          ' region. Without a password one is generated and shown in this answer only. Audited, without the' +
          ' password. A taken id is 409 ALREADY_EXISTS.',
        body: CreateUserBody,
        response: { 201: UserWithPassword, ...errors(...SIGNED_IN, 409) },
      },
    },
    async (req, reply) => {
      const r = await createUser(deps.db, by(req.user), req.body);
      noStore(reply).code(201);
      return { user: view(r.user), generatedPassword: r.password };
    },
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '修改用户的角色、单位、区域或显示名 Change roles, unit, region or display name',
        description:
          '仅管理员；只改给出的字段，记入审计（改前、改后）。不能移除自己的管理员角色；新区域须在本人辖区内；' +
          '单位须在用户（新）区域之内（移到别处时一并修改 unit 或设为 null）。' +
          ' Administrators only; changes the fields given, audited with before and after. You cannot remove' +
          ' your own administrator role; a new region must lie within your jurisdiction, the unit within the' +
          ' user’s (new) region (move it with the user, or set it to null). ' +
          ENDS_SESSIONS +
          ' ' +
          SCOPE,
        params: UserParams,
        body: ChangeUserBody,
        response: { 200: UserView, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      const r = await changeUser(deps.db, by(req.user), req.params.id, req.body);
      if (r.changed) app.sessionUserChanged(r.user.id);
      return view(r.user);
    },
  );

  for (const active of [false, true]) {
    app.post(
      `/api/users/:id/${active ? 'reactivate' : 'deactivate'}`,
      {
        preHandler: admins,
        schema: {
          tags,
          summary: active ? '重新启用用户 Reactivate a user' : '停用用户 Deactivate a user',
          description: active
            ? '仅管理员；恢复登录，记入审计；已在用则不变。 Administrators only; the user may sign in again.' +
              ' Audited; no change when active already. ' +
              SCOPE
            : '仅管理员；停用后不能登录，记入审计；已停用则不变。不能停用自己。' +
              ' Administrators only; the user can no longer sign in. Audited; no change when inactive already.' +
              ' You cannot deactivate yourself. ' +
              ENDS_SESSIONS +
              ' ' +
              SCOPE,
          params: UserParams,
          response: { 200: UserView, ...errors(...SIGNED_IN, 404) },
        },
      },
      async (req) => {
        const r = await setUserActive(deps.db, by(req.user), req.params.id, active);
        if (r.changed) app.sessionUserChanged(r.user.id);
        return view(r.user);
      },
    );
  }

  app.post(
    '/api/users/:id/password',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '重置密码 Reset a password',
        description:
          '仅管理员。请求体 {} 则生成新密码，仅在此答复中显示一次；或给出符合强度要求的 password。' +
          '不存储明文、不记日志，审计中不含密码。' +
          ' Administrators only. Send {} to have a password generated (shown in this answer only), or a' +
          ' password meeting the strength rule. Never stored in clear or logged; the audit entry has no' +
          ' password. ' +
          ENDS_SESSIONS +
          ' ' +
          SCOPE,
        params: UserParams,
        body: ResetPasswordBody,
        response: { 200: UserWithPassword, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req, reply) => {
      const r = await resetPassword(deps.db, by(req.user), req.params.id, req.body.password);
      app.sessionUserChanged(r.user.id);
      noStore(reply);
      return { user: view(r.user), generatedPassword: r.password };
    },
  );
}
