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
  /** Unset: loopback outside production (see loadConfig), every interface in production. */
  HOST: Type.Optional(Type.String({ minLength: 1 })),
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
  AUTH_RATE_LIMIT: Type.Integer({ minimum: 1, default: 20 }),
  /** How long a visitor's page stays served from memory when nothing changed (0: never). */
  PAGE_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 10 }),
  /** Set: discussion mails carry `Reply-To: reply+<token>@<this domain>`, and a reply becomes a post. */
  REPLY_ADDRESS_DOMAIN: Type.Optional(Type.String({ pattern: '^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$' })),
  /** Signs reply addresses (HMAC-SHA256); changing it invalidates every address already sent. */
  REPLY_ADDRESS_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** Set: this process listens for SMTP on this port and takes replies (needs REPLY_ADDRESS_DOMAIN). */
  INBOUND_SMTP_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  INBOUND_SMTP_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** Larger messages are refused at SMTP level (552). */
  INBOUND_MAIL_MAX_BYTES: Type.Integer({ minimum: 10_000, maximum: 26_214_400, default: 1_048_576 })
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
  /** Pages for visitors (no session) are kept this long, unless something changes first; 0: off. */
  pageCacheSeconds: number;
  /**
   * Reply by mail, when REPLY_ADDRESS_DOMAIN is set: `smtp` only in the process(es)
   * that listen (INBOUND_SMTP_PORT); every process signs the addresses it sends.
   */
  replyByMail?: { domain: string; secret: string; maxBytes: number; smtp?: { host: string; port: number } };
}

export class ConfigError extends Error {}

/** The example secrets in docker-compose.yml: fine for a first try on one machine, never for a deployment. */
const EXAMPLE_MEILI_KEY_PREFIX = 'change-me';
const EXAMPLE_DATABASE_PASSWORD = 'mutirao';
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What production must not start with: the compose file's example secrets, or a
 * public address on plain HTTP (session cookies and passwords would cross the
 * network in clear). Each problem names its variable.
 */
function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.MEILI_MASTER_KEY?.toLowerCase().startsWith(EXAMPLE_MEILI_KEY_PREFIX)) {
    problems.push('MEILI_MASTER_KEY: is the example key from docker-compose.yml; set a secret one (openssl rand -base64 32)');
  }
  if (env.DATABASE_URL) {
    let password: string | undefined;
    try {
      password = decodeURIComponent(new URL(env.DATABASE_URL).password);
    } catch {
      password = undefined;
    }
    if (password === EXAMPLE_DATABASE_PASSWORD) {
      problems.push(
        'DATABASE_URL: uses the example database password from docker-compose.yml; set POSTGRES_PASSWORD (or the URL\'s password) to a secret one'
      );
    }
  }
  if (env.PUBLIC_ORIGIN) {
    const url = new URL(env.PUBLIC_ORIGIN);
    if (url.protocol === 'http:' && !LOOPBACK_HOSTNAMES.has(url.hostname)) {
      problems.push('PUBLIC_ORIGIN: must use https in production (plain http only for localhost)');
    }
  } else {
    problems.push('PUBLIC_ORIGIN: required in production');
  }
  return problems;
}

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
  if (env.REPLY_ADDRESS_DOMAIN && !env.REPLY_ADDRESS_SECRET) {
    throw new ConfigError('Invalid configuration:\n  REPLY_ADDRESS_SECRET: required when REPLY_ADDRESS_DOMAIN is set (openssl rand -base64 32)');
  }
  if (env.INBOUND_SMTP_PORT !== undefined && !env.REPLY_ADDRESS_DOMAIN) {
    throw new ConfigError('Invalid configuration:\n  INBOUND_SMTP_PORT: needs REPLY_ADDRESS_DOMAIN (the domain of the addresses it receives)');
  }
  const dataDir = resolve(env.DATA_DIR);
  const production = env.NODE_ENV === 'production';
  if (env.PUBLIC_ORIGIN && !URL.canParse(env.PUBLIC_ORIGIN)) {
    throw new ConfigError('Invalid configuration:\n  PUBLIC_ORIGIN: is not a URL');
  }
  if (production) {
    const problems = productionProblems(env);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return {
    env: env.NODE_ENV,
    production,
    // Outside production the hub answers only this machine unless HOST says otherwise: the
    // development mail viewer and demo accounts are not for the network.
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
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
    authRateLimit: env.AUTH_RATE_LIMIT,
    pageCacheSeconds: env.PAGE_CACHE_SECONDS,
    ...(env.REPLY_ADDRESS_DOMAIN &&
      env.REPLY_ADDRESS_SECRET && {
        replyByMail: {
          domain: env.REPLY_ADDRESS_DOMAIN.toLowerCase(),
          secret: env.REPLY_ADDRESS_SECRET,
          maxBytes: env.INBOUND_MAIL_MAX_BYTES,
          ...(env.INBOUND_SMTP_PORT !== undefined && { smtp: { host: env.INBOUND_SMTP_HOST, port: env.INBOUND_SMTP_PORT } })
        }
      })
  };
}
