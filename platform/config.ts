// One validated environment schema for every part of the system (engine, workers, api, scripts).
// Defaults make `npm start` work on a fresh clone; .env.example lists the same keys.
import { envSchema } from 'env-schema';

export interface Config {
  HOST: string;
  PORT: number;
  /** The owner of the tables: migrations run as it. */
  DATABASE_URL?: string;
  /** The login the running system uses (owns nothing); derived from DATABASE_URL's when not given. */
  APP_DATABASE_URL?: string;
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
  /** PEM files: with both, the engine's gateway and HTTP port speak TLS. */
  ENGINE_TLS_CERT_FILE?: string;
  ENGINE_TLS_KEY_FILE?: string;
  /** With both, every call to the engine needs a token issued for these at its /oauth/token. */
  ENGINE_CLIENT_ID?: string;
  ENGINE_CLIENT_SECRET?: string;
  /** Moving the engine's clock (/actuator/clock): tests and demos only. */
  ENGINE_CLOCK_CONTROL: boolean;
  /** Reaching an engine that asks for credentials (a Camunda 8 cluster, or ours with them). */
  ZEEBE_CLIENT_ID?: string;
  ZEEBE_CLIENT_SECRET?: string;
  ZEEBE_OAUTH_URL?: string;
  /** A CA certificate (PEM file) to trust for a TLS gateway; ZEEBE_ADDRESS then speaks TLS. */
  ZEEBE_CA_CERT_FILE?: string;
  /** Behind a reverse proxy: the proxies whose X-Forwarded-For is believed ('true', or addresses/CIDRs). */
  TRUST_PROXY?: string;
  /** The address citizens reach the console at; the QR on a receipt points there. */
  PUBLIC_BASE_URL?: string;
  /** 'demo' (the default: demo data seeded, passwords printed) or 'production' (refuses both). */
  GC_MODE: 'demo' | 'production';
  /** Where citizens' SMS go: 'demo' records them on the matter only; 'aliyun' sends through Alibaba Cloud. */
  SMS_PROVIDER: 'demo' | 'aliyun';
  ALIYUN_SMS_ACCESS_KEY_ID?: string;
  ALIYUN_SMS_ACCESS_KEY_SECRET?: string;
  /** The approved signature (签名), e.g. 某某县综治中心. */
  ALIYUN_SMS_SIGN_NAME?: string;
  /** JSON: our template → the provider's template code, e.g. {"matter-received":"SMS_123456789"}. */
  ALIYUN_SMS_TEMPLATES?: string;
  /** host[:port] of the SMS API (default dysmsapi.aliyuncs.com). */
  ALIYUN_SMS_ENDPOINT?: string;
  ALIYUN_SMS_PROTOCOL: 'HTTPS' | 'HTTP';
}

export const configSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    HOST: { type: 'string', default: '127.0.0.1' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    APP_DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
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
    ENGINE_TLS_CERT_FILE: { type: 'string', minLength: 1 },
    ENGINE_TLS_KEY_FILE: { type: 'string', minLength: 1 },
    ENGINE_CLIENT_ID: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$' },
    ENGINE_CLIENT_SECRET: { type: 'string', minLength: 16, maxLength: 512 },
    ENGINE_CLOCK_CONTROL: { type: 'boolean', default: false },
    ZEEBE_CLIENT_ID: { type: 'string', minLength: 1 },
    ZEEBE_CLIENT_SECRET: { type: 'string', minLength: 1 },
    ZEEBE_OAUTH_URL: { type: 'string', pattern: '^https?://' },
    ZEEBE_CA_CERT_FILE: { type: 'string', minLength: 1 },
    TRUST_PROXY: { type: 'string', pattern: '^(true|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$' },
    PUBLIC_BASE_URL: { type: 'string', pattern: '^https?://[^/?#]+(/[^?#]*)?$' },
    GC_MODE: { type: 'string', enum: ['demo', 'production'], default: 'demo' },
    SMS_PROVIDER: { type: 'string', enum: ['demo', 'aliyun'], default: 'demo' },
    ALIYUN_SMS_ACCESS_KEY_ID: { type: 'string', minLength: 1 },
    ALIYUN_SMS_ACCESS_KEY_SECRET: { type: 'string', minLength: 1 },
    ALIYUN_SMS_SIGN_NAME: { type: 'string', minLength: 1 },
    ALIYUN_SMS_TEMPLATES: { type: 'string', minLength: 2 },
    ALIYUN_SMS_ENDPOINT: { type: 'string', pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$' },
    ALIYUN_SMS_PROTOCOL: { type: 'string', enum: ['HTTPS', 'HTTP'], default: 'HTTPS' },
  },
} as const;

/** Validates `env` (process.env by default); throws an Error naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  let cfg: Config;
  try {
    cfg = envSchema<Config>({ schema: configSchema, data: env, dotenv: false });
  } catch (err) {
    throw new Error(`Invalid configuration: ${(err as Error).message}`);
  }
  for (const [a, b] of PAIRS) {
    if (!cfg[a] !== !cfg[b]) throw new Error(`Invalid configuration: ${a} and ${b} are set together or not at all`);
  }
  if (cfg.SMS_PROVIDER === 'aliyun') smsTemplates(cfg);
  return cfg;
}

/** Settings that only make sense together. */
const PAIRS: [keyof Config, keyof Config][] = [
  ['ENGINE_TLS_CERT_FILE', 'ENGINE_TLS_KEY_FILE'],
  ['ENGINE_CLIENT_ID', 'ENGINE_CLIENT_SECRET'],
  ['ZEEBE_CLIENT_ID', 'ZEEBE_CLIENT_SECRET'],
];

const ALIYUN_KEYS = [
  'ALIYUN_SMS_ACCESS_KEY_ID',
  'ALIYUN_SMS_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_TEMPLATES',
] as const;

/** The provider's template codes, checked: every key set, JSON of template → SMS_… code. */
export function smsTemplates(cfg: Config): Record<string, string> {
  const missing = ALIYUN_KEYS.filter((k) => !cfg[k]);
  if (missing.length) throw new Error(`Invalid configuration: SMS_PROVIDER=aliyun needs ${missing.join(', ')}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(cfg.ALIYUN_SMS_TEMPLATES!);
  } catch {
    throw new Error('Invalid configuration: ALIYUN_SMS_TEMPLATES must be JSON, e.g. {"matter-received":"SMS_1234"}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('Invalid configuration: ALIYUN_SMS_TEMPLATES must be a JSON object of template → code');
  for (const [k, v] of Object.entries(parsed))
    if (typeof v !== 'string' || !/^SMS_[0-9]+$/.test(v))
      throw new Error(`Invalid configuration: ALIYUN_SMS_TEMPLATES.${k} must be a template code like SMS_123456789`);
  return parsed as Record<string, string>;
}
