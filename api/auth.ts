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
import { regionPath } from '../store/regions.js';
import { ApiError } from './errors.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LoginBody, LoginReply, errors } from './schemas/index.js';

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
    payload: Principal;
    user: Principal;
  }
}
declare module 'fastify' {
  interface FastifyInstance {
    requireRole(...roles: Role[]): (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
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
  async (app: FastifyInstance, opts: { db: Knex; secret: string; ttl: string; loginLimit?: number }) => {
    await app.register(fastifyJwt, { secret: opts.secret, sign: { expiresIn: opts.ttl } });

    app.decorate('requireRole', (...roles: Role[]) => async (req: FastifyRequest) => {
      try {
        await req.jwtVerify();
      } catch {
        throw new ApiError('UNAUTHENTICATED', 'a valid session token is required (POST /api/auth/login)');
      }
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
        const u = await userWithHash(opts.db, username);
        // Verify even for unknown users, so timing does not tell which usernames exist.
        const ok = await verifyPassword(u?.passwordHash ?? DUMMY_HASH, password);
        if (!u || !ok || !u.active) throw new ApiError('BAD_CREDENTIALS', 'wrong username or password');
        const principal: Principal = {
          sub: u.id,
          name: u.displayName,
          roles: u.roles as Role[],
          regionCode: u.regionCode,
          regionPath: u.regionPath,
          unit: u.unit,
        };
        return { token: app.jwt.sign(principal), user: principal };
      },
    );
  },
);

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3hV5u0vL5Q0m1o0c2p9dJ9m7yJcH0b7mQyF2pZkzq8M';
