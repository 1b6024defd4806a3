import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('runs on embedded defaults with no environment at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.pgliteDir).toMatch(/\.data\/pglite$/);
    expect(config.search.url).toBeUndefined();
    expect(config.mail.smtpUrl).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.publicOrigin).toBe('http://localhost:3000');
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '8080', SEED_DEMO: 'false', DATABASE_URL: 'postgres://u@h/db' });
    expect(config.port).toBe(8080);
    expect(config.seedDemo).toBe(false);
    expect(config.database.url).toBe('postgres://u@h/db');
  });

  it('bounds how long the hub waits on the database, so an outage answers 503 rather than hanging', () => {
    expect(loadConfig({}).database).toMatchObject({ connectTimeoutMs: 5000, statementTimeoutMs: 15_000 });
    const config = loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '800', DATABASE_STATEMENT_TIMEOUT_MS: '2000' });
    expect(config.database).toMatchObject({ connectTimeoutMs: 800, statementTimeoutMs: 2000 });
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrowError(/DATABASE_CONNECT_TIMEOUT_MS/);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrowError(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/
    );
  });

  it('requires a master key with MEILI_URL, of at least 16 bytes', () => {
    expect(() => loadConfig({ MEILI_URL: 'http://127.0.0.1:7700' })).toThrowError(ConfigError);
    expect(() => loadConfig({ MEILI_URL: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'short' })).toThrowError(
      /MEILI_MASTER_KEY/
    );
  });

  it('requires a public origin in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/PUBLIC_ORIGIN/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://hub.example.org' }).production).toBe(true);
  });

  it('listens on loopback outside production unless HOST opens it up', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://hub.example.org' }).host).toBe('0.0.0.0');
  });

  describe('in production', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: 'https://hub.example.org',
      DATABASE_URL: 'postgres://mutirao:8f3b2c1d9e@postgres:5432/mutirao',
      MEILI_URL: 'http://meilisearch:7700',
      MEILI_MASTER_KEY: 'a-real-secret-of-32-characters!!'
    };

    it('starts with real secrets and an https origin', () => {
      expect(loadConfig(production).production).toBe(true);
    });

    it('refuses the compose file’s example Meilisearch key, naming the variable', () => {
      expect(() => loadConfig({ ...production, MEILI_MASTER_KEY: 'change-me-this-is-not-a-secret-key' })).toThrowError(
        /MEILI_MASTER_KEY: is the example key/
      );
      // Outside production the example stack stays usable.
      expect(loadConfig({ ...production, NODE_ENV: 'development', MEILI_MASTER_KEY: 'change-me-this-is-not-a-secret-key' }).production).toBe(false);
    });

    it('refuses the compose file’s example database password, naming the variable', () => {
      expect(() => loadConfig({ ...production, DATABASE_URL: 'postgres://mutirao:mutirao@postgres:5432/mutirao' })).toThrowError(
        /DATABASE_URL: uses the example database password/
      );
    });

    it('refuses a public origin on plain http, except on localhost', () => {
      expect(() => loadConfig({ ...production, PUBLIC_ORIGIN: 'http://hub.example.org' })).toThrowError(/PUBLIC_ORIGIN: must use https/);
      expect(() => loadConfig({ ...production, PUBLIC_ORIGIN: 'http://192.168.1.20:3000' })).toThrowError(/PUBLIC_ORIGIN/);
      expect(loadConfig({ ...production, PUBLIC_ORIGIN: 'http://localhost:3000' }).publicOrigin).toBe('http://localhost:3000');
    });

    it('names every problem at once', () => {
      const all = { ...production, PUBLIC_ORIGIN: 'http://hub.example.org', MEILI_MASTER_KEY: 'change-me-this-is-not-a-secret-key', DATABASE_URL: 'postgres://mutirao:mutirao@db/mutirao' };
      expect(() => loadConfig(all)).toThrowError(/MEILI_MASTER_KEY[\s\S]*DATABASE_URL[\s\S]*PUBLIC_ORIGIN/);
    });
  });
});

describe('loadConfig: reply by mail', () => {
  const secret = 'a-secret-of-at-least-thirty-two-chars';

  it('is off unless REPLY_ADDRESS_DOMAIN is set', () => {
    expect(loadConfig({}).replyByMail).toBeUndefined();
  });

  it('signs addresses in every process, and listens only where INBOUND_SMTP_PORT is set (on loopback by default)', () => {
    expect(loadConfig({ REPLY_ADDRESS_DOMAIN: 'Reply.Hub.example', REPLY_ADDRESS_SECRET: secret }).replyByMail).toEqual({
      domain: 'reply.hub.example',
      secret,
      maxBytes: 1_048_576
    });
    const listening = loadConfig({ REPLY_ADDRESS_DOMAIN: 'reply.hub.example', REPLY_ADDRESS_SECRET: secret, INBOUND_SMTP_PORT: '2525', INBOUND_MAIL_MAX_BYTES: '200000' });
    expect(listening.replyByMail).toMatchObject({ maxBytes: 200_000, smtp: { host: '127.0.0.1', port: 2525 } });
  });

  it('needs a long secret with the domain, and the domain with a listener', () => {
    expect(() => loadConfig({ REPLY_ADDRESS_DOMAIN: 'reply.hub.example' })).toThrowError(/REPLY_ADDRESS_SECRET: required/);
    expect(() => loadConfig({ REPLY_ADDRESS_DOMAIN: 'reply.hub.example', REPLY_ADDRESS_SECRET: 'short' })).toThrowError(/REPLY_ADDRESS_SECRET/);
    expect(() => loadConfig({ INBOUND_SMTP_PORT: '2525' })).toThrowError(/INBOUND_SMTP_PORT: needs REPLY_ADDRESS_DOMAIN/);
    expect(() => loadConfig({ REPLY_ADDRESS_DOMAIN: 'not a domain', REPLY_ADDRESS_SECRET: secret })).toThrowError(/REPLY_ADDRESS_DOMAIN/);
  });
});
