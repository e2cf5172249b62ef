// Staff sessions: argon2 password check, a JWT carrying the user's roles and jurisdiction, and the
// guards routes declare (`app.requireRole(...)`). Every query is scoped to the jurisdiction
// (a region subtree, `regionPath` prefix) by the routes that read data.
import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import { hashPassword, verifyPassword } from '../platform/passwords.js';
import type { Role } from '../domain/index.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { userWithHash } from '../store/users.js';
import { revokeSession } from '../store/sessions.js';
import { SessionCheck } from './sessions.js';
import { randomUUID } from 'node:crypto';
import { regionPath } from '../store/regions.js';
import { ApiError } from './errors.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LoginBody, LoginReply, LogoutReply, errors } from './schemas/index.js';

export { ROLES, REVEAL_ROLES, type Role } from '../domain/index.js';

export interface Principal {
  sub: string;
  name: string;
  roles: Role[];
  regionCode: string;
  regionPath: string;
  unit: string | null;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    /** jti: the session's id (logout ends it); exp: when it ends by itself (seconds). */
    payload: Principal & { jti?: string };
    user: Principal & { jti?: string; exp?: number };
  }
}
declare module 'fastify' {
  interface FastifyInstance {
    requireRole(...roles: Role[]): (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** After changing a user: this process judges their sessions on fresh data at once (others within 30 s). */
    sessionUserChanged(userId: string): void;
  }
}

export { hashPassword };

export function inJurisdiction(user: Principal, regionPath: string | null | undefined): boolean {
  return !!regionPath && regionPath.startsWith(user.regionPath);
}

/** The subtree a query covers: the caller's jurisdiction, or a region inside it (?region=). */
export async function scopedPath(db: Knex, user: Principal, region: string | undefined): Promise<string> {
  if (!region) return user.regionPath;
  const p = await regionPath(db, region);
  if (!p) throw new ApiError('VALIDATION_FAILED', `unknown region '${region}'`);
  if (!inJurisdiction(user, p))
    throw new ApiError('OUT_OF_JURISDICTION', `region '${region}' is outside your jurisdiction`);
  return p;
}

export const authPlugin = fp(
  async (
    app: FastifyInstance,
    opts: { db: Knex; secret: string; ttl: string; loginLimit?: number; sessionCheckMs?: number },
  ) => {
    await app.register(fastifyJwt, { secret: opts.secret, sign: { expiresIn: opts.ttl } });
    const sessions = new SessionCheck(opts.db, opts.sessionCheckMs);
    const failures = new LoginFailures();

    app.decorate('sessionUserChanged', (userId: string) => sessions.forget(userId));
    app.decorate('requireRole', (...roles: Role[]) => async (req: FastifyRequest) => {
      try {
        await req.jwtVerify();
      } catch {
        throw new ApiError('UNAUTHENTICATED', 'a valid session token is required (POST /api/auth/login)');
      }
      const why = await sessions.problem(req.user);
      if (why) throw new ApiError('UNAUTHENTICATED', `${why}: sign in again (POST /api/auth/login)`);
      if (roles.length && !req.user.roles.some((r) => roles.includes(r))) {
        throw new ApiError('FORBIDDEN', `this needs one of the roles: ${roles.join(', ')}`);
      }
    });

    app.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '登录 Log in',
          description:
            '用户名与密码换取会话令牌（JWT，默认 8 小时），之后以 Authorization: Bearer 调用。限流。' +
            ' Trade user name and password for a session token (JWT, 8 h by default); rate limited.',
          security: [],
          body: LoginBody,
          response: { 200: LoginReply, ...errors(400, 401, 429, 500) },
        },
        config: { rateLimit: { max: opts.loginLimit ?? 10, timeWindow: '1 minute' } },
      },
      async (req) => {
        const { username, password } = req.body;
        // Per user name as well as per address: guessing one account's password from many addresses
        // (behind a proxy, or a botnet) meets this limit.
        const wait = failures.blocked(username);
        if (wait)
          throw new ApiError(
            'RATE_LIMITED',
            `too many failed sign-ins for this user name: try again in ${Math.ceil(wait / 60_000)} minutes`,
          );
        const u = await userWithHash(opts.db, username);
        // Verify even for unknown users, so timing does not tell which usernames exist.
        const ok = await verifyPassword(u?.passwordHash ?? DUMMY_HASH, password);
        if (!u || !ok || !u.active) {
          failures.add(username);
          throw new ApiError('BAD_CREDENTIALS', 'wrong username or password');
        }
        failures.clear(username);
        sessions.forget(u.id);
        const principal: Principal = {
          sub: u.id,
          name: u.displayName,
          roles: u.roles as Role[],
          regionCode: u.regionCode,
          regionPath: u.regionPath,
          unit: u.unit,
        };
        return { token: app.jwt.sign({ ...principal, jti: randomUUID() }), user: principal };
      },
    );

    app.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/auth/logout',
      {
        preHandler: app.requireRole(),
        schema: {
          tags: ['auth'],
          summary: '退出登录 Log out',
          description:
            '结束本次会话：此令牌随即失效（其他进程至多 30 秒内）。' +
            ' Ends this session: the token is refused from now on (by other API processes within 30 s).',
          response: { 200: LogoutReply, ...errors(401, 429, 500) },
        },
      },
      async (req) => {
        const { jti, exp, sub } = req.user;
        if (jti) {
          const expiresAt = new Date((exp ?? Date.now() / 1000 + 86_400) * 1000);
          await revokeSession(opts.db, jti, sub, expiresAt, new Date());
          sessions.forget(sub);
        }
        return { loggedOut: true as const };
      },
    );
  },
);

/** Failed sign-ins per user name (this process): 5 within 15 minutes block that name for 15 minutes. */
export class LoginFailures {
  private readonly seen = new Map<string, number[]>();
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until the name may try again; 0 when it may now. */
  blocked(name: string, now = Date.now()): number {
    const recent = (this.seen.get(name) ?? []).filter((t) => now - t < this.windowMs);
    return recent.length >= this.max ? recent[0] + this.windowMs - now : 0;
  }

  add(name: string, now = Date.now()): void {
    const recent = (this.seen.get(name) ?? []).filter((t) => now - t < this.windowMs);
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.set(name, [...recent, now].slice(-this.max));
  }

  clear(name: string): void {
    this.seen.delete(name);
  }
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3hV5u0vL5Q0m1o0c2p9dJ9m7yJcH0b7mQyF2pZkzq8M';
