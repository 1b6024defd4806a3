import pg from 'pg';
import { createDatabase, type Database } from '@mutirao/db';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The Postgres server the benchmarks use: DATABASE_URL, or the local test server. */
export function serverUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Drops and recreates a dedicated database on the server, migrated to the current schema. */
export async function freshDatabase(name: string): Promise<{ url: string; database: Database }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl(), name);
  const database = await createDatabase({ url, poolSize: 2 });
  await database.migrate();
  return { url, database };
}
