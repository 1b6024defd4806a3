import { eq } from 'drizzle-orm';
import { peopleProfiles, type Tx } from '@mutirao/db';

export async function profileOf(tx: Tx, userId: string) {
  const [row] = await tx.select().from(peopleProfiles).where(eq(peopleProfiles.userId, userId)).limit(1);
  return row;
}

/** Deletes the profile row; returns the photo's key, whose files the caller removes. */
export async function deleteProfile(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.delete(peopleProfiles).where(eq(peopleProfiles.userId, userId)).returning({ photoKey: peopleProfiles.photoKey });
  return row?.photoKey ?? null;
}
