import { sql } from 'drizzle-orm';

/** `'a', 'b'` for a CHECK … IN (…) from a list that lives in code (never from input). */
export const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));
