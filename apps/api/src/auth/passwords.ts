import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { ...options, algorithm: 2 /* Argon2id */ });
}

let verifications = 0;
/**
 * How many argon2 verifications this process has run. Each costs ~19 MiB and tens
 * of milliseconds of CPU, so this is the figure that the per-account limits hold
 * down (their tests read it, around real calls).
 */
export const passwordVerifications = (): number => verifications;

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  verifications++;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Spends the same time as a real check when the account does not exist, so
 * response times do not reveal which emails are registered.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-but-same-cost');
  await verifyPassword(await dummyHash, password);
  return false;
}
