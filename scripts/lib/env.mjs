import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory when there is one (see .env.example).
 * Variables already set in the environment win over the file. apps/api/src/config.ts
 * then reads and validates everything, as it would without the file.
 */
export function loadDotEnv(path = '.env') {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
