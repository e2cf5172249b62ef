// Staff sessions ended early (logout): a token's id (jti) is refused until the token expires anyway.
import type { Db } from '../platform/db.js';

export async function revokeSession(db: Db, jti: string, userId: string, expiresAt: Date, now: Date): Promise<void> {
  await db('app.revoked_sessions').insert({ jti, user_id: userId, expires_at: expiresAt }).onConflict('jti').ignore();
  // Nothing older than the longest-lived token can matter any more.
  await db('app.revoked_sessions').where('expires_at', '<', now).delete();
}

/** The ids of this user's sessions that were ended and have not expired yet. */
export async function revokedSessionsOf(db: Db, userId: string, now: Date): Promise<string[]> {
  return db('app.revoked_sessions').where({ user_id: userId }).where('expires_at', '>=', now).pluck('jti');
}
