// Staff passwords: argon2id through @node-rs/argon2 (hashes carry their own parameters and salt).
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

/** False for a wrong password or a malformed hash; never throws. */
export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password).catch(() => false);
