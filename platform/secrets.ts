// The data-encryption key and the JWT signing secret. Production sets DATA_KEY and JWT_SECRET; a
// fresh clone gets keys generated once into .data/secrets.json (git-ignored, mode 0600), so
// `npm start` works and restarts can still read what was encrypted.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from './database.js';

export interface Secrets {
  dataKey: Buffer;
  jwtSecret: string;
}

export function resolveSecrets(
  cfg: { DATA_KEY?: string; JWT_SECRET?: string },
  log?: Logger,
  file = path.join(PROJECT_ROOT, '.data', 'secrets.json'),
): Secrets {
  if (cfg.DATA_KEY && cfg.JWT_SECRET)
    return { dataKey: Buffer.from(cfg.DATA_KEY, 'base64'), jwtSecret: cfg.JWT_SECRET };
  let stored: { dataKey?: string; jwtSecret?: string } = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!stored.dataKey || !stored.jwtSecret) {
    stored = {
      dataKey: stored.dataKey ?? randomBytes(32).toString('base64'),
      jwtSecret: stored.jwtSecret ?? randomBytes(32).toString('base64url'),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  log?.warn(
    { file },
    'DATA_KEY/JWT_SECRET not set: using development keys generated in .data/secrets.json (set both in production)',
  );
  return {
    dataKey: Buffer.from(cfg.DATA_KEY ?? stored.dataKey!, 'base64'),
    jwtSecret: cfg.JWT_SECRET ?? stored.jwtSecret!,
  };
}
