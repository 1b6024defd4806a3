import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoMembers, demoPractitioners, demoStaff } from '@mutirao/db/seed/people';
import type { DemoPeople, SeedHub } from '../module';
import { modules } from '../modules/index';
import { countUsers } from '../modules/accounts/accounts.repo';
import { createVerifiedUser } from '../modules/accounts/accounts.service';

/** Fills an empty hub with demo content; a hub that has any account is left alone. */
export async function seedDemoIfEmpty(hub: SeedHub, print: (line: string) => void): Promise<boolean> {
  if ((await countUsers(hub.db)) > 0) return false;
  await seedDemo(hub, print);
  return true;
}

export async function seedDemo(hub: SeedHub, print: (line: string) => void): Promise<void> {
  // Random passwords: a demo that reaches a public server must not open with known credentials.
  const credentials: Array<{ role: string; email: string; password: string }> = [];
  const people: DemoPeople = new Map();
  for (const person of demoStaff) {
    const password = randomBytes(9).toString('base64url');
    const row = await createVerifiedUser(hub, { ...person, password });
    people.set(person.email, row);
    credentials.push({ role: person.role, email: person.email, password });
  }
  for (const person of [...demoMembers, ...demoPractitioners]) {
    const row = await createVerifiedUser(hub, { ...person, role: 'member', password: randomBytes(12).toString('base64url') });
    people.set(person.email, row);
  }
  // Each domain's demo content, in registry order: later domains may use earlier ones' records.
  for (const module of modules) await module.demoSeeder?.(hub, people);

  const file = join(hub.config.dataDir, 'demo-credentials.json');
  await writeFile(file, JSON.stringify(credentials, null, 2));
  await chmod(file, 0o600);
  print('Demo content created. Sign in with:');
  for (const c of credentials) print(`  ${c.role.padEnd(12)} ${c.email}  password: ${c.password}`);
  print(`(also saved in ${file})`);
}
