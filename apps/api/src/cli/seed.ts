import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { users } from '@mutirao/db';
import { demoMembers, demoStaff } from '@mutirao/db/seed/people';
import type { Hub } from '../hub';
import { createVerifiedUser } from '../modules/accounts/accounts.service';

export type SeedHub = Pick<Hub, 'db' | 'config' | 'search' | 'live' | 'files'>;

/**
 * A domain's part of the demo: gets the people already created (by email) and
 * adds its own records through its services, so demo data obeys the same rules.
 */
export type DemoSeeder = (hub: SeedHub, people: Map<string, { id: string; email: string }>) => Promise<void>;

const seeders: Array<{ name: string; run: DemoSeeder }> = [];
export function registerDemoSeeder(name: string, run: DemoSeeder): void {
  seeders.push({ name, run });
}

/** Fills an empty hub with demo content; a hub that has any account is left alone. */
export async function seedDemoIfEmpty(hub: SeedHub, print: (line: string) => void): Promise<boolean> {
  const [{ n }] = await hub.db.select({ n: count() }).from(users);
  if (n > 0) return false;
  await seedDemo(hub, print);
  return true;
}

export async function seedDemo(hub: SeedHub, print: (line: string) => void): Promise<void> {
  // Random passwords: a demo that reaches a public server must not open with known credentials.
  const credentials: Array<{ role: string; email: string; password: string }> = [];
  const people = new Map<string, { id: string; email: string }>();
  for (const person of demoStaff) {
    const password = randomBytes(9).toString('base64url');
    const row = await createVerifiedUser(hub, { ...person, password });
    people.set(person.email, row);
    credentials.push({ role: person.role, email: person.email, password });
  }
  for (const person of demoMembers) {
    const row = await createVerifiedUser(hub, { ...person, role: 'member', password: randomBytes(12).toString('base64url') });
    people.set(person.email, row);
  }
  await (await import('./demo-seeders')).loadDemoSeeders();
  for (const seeder of seeders) await seeder.run(hub, people);

  const file = join(hub.config.dataDir, 'demo-credentials.json');
  await writeFile(file, JSON.stringify(credentials, null, 2));
  await chmod(file, 0o600);
  print('Demo content created. Sign in with:');
  for (const c of credentials) print(`  ${c.role.padEnd(12)} ${c.email}  password: ${c.password}`);
  print(`(also saved in ${file})`);
}
