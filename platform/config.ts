// One validated environment schema for every part of the system (engine, workers, api, scripts).
// Defaults make `npm start` work on a fresh clone; .env.example lists the same keys.
import { envSchema } from 'env-schema';

export interface Config {
  HOST: string;
  PORT: number;
  DATABASE_URL?: string;
  PG_DATA_DIR: string;
  PG_PORT: number;
  ZEEBE_ADDRESS?: string;
  ENGINE_GRPC_HOST: string;
  ENGINE_GRPC_PORT: number;
  ENGINE_HTTP_PORT: number;
  OPERATE_URL?: string;
  ENGINE_SCHEDULER_INTERVAL_MS: number;
  ENGINE_POOL_SIZE: number;
  LOG_LEVEL: string;
  /** 32 random bytes, base64: encrypts ID numbers and phones at rest. */
  DATA_KEY?: string;
  JWT_SECRET?: string;
  /** How long a staff session (JWT) lasts. */
  SESSION_TTL: string;
}

export const configSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    HOST: { type: 'string', default: '127.0.0.1' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    PG_DATA_DIR: { type: 'string', minLength: 1, default: '.data/postgres' },
    PG_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 54329 },
    ZEEBE_ADDRESS: { type: 'string', pattern: '^[^:]+:[0-9]+$' },
    ENGINE_GRPC_HOST: { type: 'string', default: '127.0.0.1' },
    ENGINE_GRPC_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 26500 },
    ENGINE_HTTP_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 9600 },
    OPERATE_URL: { type: 'string', pattern: '^https?://' },
    ENGINE_SCHEDULER_INTERVAL_MS: { type: 'integer', minimum: 10, maximum: 60000, default: 250 },
    ENGINE_POOL_SIZE: { type: 'integer', minimum: 2, maximum: 200, default: 10 },
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
    DATA_KEY: { type: 'string', pattern: '^[A-Za-z0-9+/]{43}=$' },
    JWT_SECRET: { type: 'string', minLength: 32 },
    SESSION_TTL: { type: 'string', pattern: '^[0-9]+[smhd]$', default: '8h' },
  },
} as const;

/** Validates `env` (process.env by default); throws an Error naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  try {
    return envSchema<Config>({ schema: configSchema, data: env, dotenv: false });
  } catch (err) {
    throw new Error(`Invalid configuration: ${(err as Error).message}`);
  }
}
