// Whether a verified token still stands for its user as the database has them now. A token says who
// its holder was at login (roles, jurisdiction, unit); deactivating the user or changing any of those,
// resetting their password, or logging out, must end it well before it expires. Each API process keeps
// what it read for CHECK_MS, so a change takes effect within that time everywhere (and at once where it
// was made).
import type { Knex } from 'knex';
import { userWithHash, type User } from '../store/users.js';
import { revokedSessionsOf } from '../store/sessions.js';
import type { Principal } from './auth.js';

export const CHECK_MS = 30_000;

interface Known {
  user: User | undefined;
  revoked: Set<string>;
  readAt: number;
}

export class SessionCheck {
  private readonly known = new Map<string, Known>();

  // Tokens expire by the wall clock (not a test's engine clock), so sessions are judged by it too.
  constructor(
    private readonly db: Knex,
    private readonly checkMs = CHECK_MS,
  ) {}

  /** Null when the session stands, else why it does not (for the 401's message). */
  async problem(p: Principal & { jti?: string; iat?: number }): Promise<string | null> {
    const why = this.judge(p, await this.read(p.sub));
    // What was read may be older than the token (a login after a change): refuse only on fresh data.
    return why && this.judge(p, await this.read(p.sub, true));
  }

  private judge(p: Principal & { jti?: string; iat?: number }, k: Known): string | null {
    const u = k.user;
    if (!u || !u.active) return 'this account is not active any more';
    if (p.jti && k.revoked.has(p.jti)) return 'this session was ended (logged out)';
    // iat is in whole seconds: a session begun in the very second of a reset is the only one that stays.
    if (u.passwordSetAt && typeof p.iat === 'number' && p.iat < Math.floor(u.passwordSetAt.getTime() / 1000))
      return "this account's password was reset";
    const same =
      u.regionPath === p.regionPath &&
      (u.unit ?? null) === (p.unit ?? null) &&
      [...u.roles].sort().join(',') === [...p.roles].sort().join(',');
    return same ? null : "this account's roles, unit or jurisdiction changed";
  }

  /** Forgets what was read about a user (after a change made by this process). */
  forget(userId: string): void {
    this.known.delete(userId);
  }

  private async read(userId: string, fresh = false): Promise<Known> {
    const now = Date.now();
    const k = this.known.get(userId);
    if (k && !fresh && now - k.readAt < this.checkMs) return k;
    const [user, revoked] = await Promise.all([
      userWithHash(this.db, userId),
      revokedSessionsOf(this.db, userId, new Date()),
    ]);
    const entry = { user, revoked: new Set(revoked), readAt: now };
    if (this.known.size > 10_000) this.known.clear();
    this.known.set(userId, entry);
    return entry;
  }
}
