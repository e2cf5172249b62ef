// Production mode (GC_MODE=production, chosen explicitly — never from NODE_ENV): the start refuses
// what is fine for a demo and wrong for a county's real data. `npm start` stays the demo.
import type { Config } from './config.js';

/** Passwords the embedded or a careless external PostgreSQL is known to have. */
const DEFAULT_DB_PASSWORDS = new Set(['', 'postgres', 'password', 'admin']);

/** What stops this configuration from running in production; empty when nothing does. */
export function productionProblems(cfg: Config): string[] {
  const problems: string[] = [];
  if (!cfg.DATA_KEY || !cfg.JWT_SECRET)
    problems.push('DATA_KEY and JWT_SECRET must come from the environment (no generated development keys)');
  if (!cfg.DATABASE_URL) {
    problems.push('DATABASE_URL must name a managed PostgreSQL (the embedded one has a fixed password)');
  } else {
    const password = decodeURIComponent(new URL(cfg.DATABASE_URL).password);
    if (DEFAULT_DB_PASSWORDS.has(password)) problems.push("DATABASE_URL's password is a default one: change it");
  }
  if (cfg.ENGINE_CLOCK_CONTROL) problems.push('ENGINE_CLOCK_CONTROL must be off (it moves the engine’s time)');
  return problems;
}
