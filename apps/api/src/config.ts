import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The hub's whole configuration, read once from the environment at start-up.
 * Nothing else in the code reads process.env. Every variable is documented in
 * .env.example and the README.
 */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development'
  }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  PUBLIC_ORIGIN: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  DATA_DIR: Type.String({ default: '.data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 5000 }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 15_000 }),
  MEILI_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  MEILI_MASTER_KEY: Type.Optional(Type.String({ minLength: 16 })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Mutirão <no-reply@mutirao.localhost>' }),
  UPLOADS_DIR: Type.Optional(Type.String()),
  SEED_DEMO: Type.Boolean({ default: true }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' }
  ),
  TRUST_PROXY: Type.Boolean({ default: false }),
  /** Attempts per minute per IP on sign-in, sign-up and password reset. */
  AUTH_RATE_LIMIT: Type.Integer({ minimum: 1, default: 20 })
});
type Env = Static<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  host: string;
  port: number;
  /** The hub's public origin: links in mail, the CSRF check and cookies use it. */
  publicOrigin: string;
  dataDir: string;
  database: { url?: string; pgliteDir: string; poolSize: number; connectTimeoutMs: number; statementTimeoutMs: number };
  search: { url?: string; masterKey?: string; dataDir: string };
  mail: { smtpUrl?: string; from: string; dir: string };
  uploadsDir: string;
  seedDemo: boolean;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  authRateLimit: number;
}

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const withDefaults = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw));
  const errors = [...Value.Errors(EnvSchema, withDefaults)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.path.slice(1) || '(root)'}: ${e.message}`);
    throw new ConfigError(`Invalid configuration:\n${[...new Set(lines)].join('\n')}`);
  }
  const env = withDefaults as Env;
  if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
    throw new ConfigError('Invalid configuration:\n  MEILI_MASTER_KEY: required when MEILI_URL is set');
  }
  const dataDir = resolve(env.DATA_DIR);
  const production = env.NODE_ENV === 'production';
  if (production && !env.PUBLIC_ORIGIN) {
    throw new ConfigError('Invalid configuration:\n  PUBLIC_ORIGIN: required in production');
  }
  return {
    env: env.NODE_ENV,
    production,
    host: env.HOST,
    port: env.PORT,
    publicOrigin: env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`,
    dataDir,
    database: {
      url: env.DATABASE_URL,
      pgliteDir: resolve(dataDir, 'pglite'),
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS
    },
    search: { url: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY, dataDir: resolve(dataDir, 'meili') },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, dir: resolve(dataDir, 'mail') },
    uploadsDir: resolve(env.UPLOADS_DIR ?? resolve(dataDir, 'uploads')),
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    authRateLimit: env.AUTH_RATE_LIMIT
  };
}
